"""A brief never says the same thing twice, even when the repeat is worded too differently for
cosine similarity to catch it."""

import numpy as np
import pytest

from newsbrief import summarize
from newsbrief.clean import clean_cluster
from newsbrief.pipeline import as_articles
from newsbrief.represent import represent
from newsbrief.segment import split_cluster
from newsbrief.select.support import mmr_select

LONG = ("No one was killed, but four firefighters were treated for smoke inhalation and released from the county hospital "
        "after a night under observation, the chief said.")
SHORT = "Four firefighters were treated for smoke inhalation, the chief said."
ARTICLES = [
    f"A warehouse fire at the river port forced the evacuation of 300 people on Monday night. {LONG} "
    "The port will stay closed to barges until Thursday while engineers inspect the quay.",
    f"Flames tore through a riverside warehouse late on Monday, and about 300 people left their homes. {SHORT} "
    "Investigators suspect faulty wiring, according to the fire department.",
]


def _representation():
    articles = clean_cluster(as_articles(ARTICLES))
    return represent(articles, split_cluster(articles))


def test_a_sentence_contained_in_a_chosen_one_is_not_chosen_again() -> None:
    rep = _representation()
    texts = [s.text for s in rep.sentences]
    long, short = texts.index(LONG), texts.index(SHORT)
    assert rep.similarity[long, short] < 0.7  # too low for a plain cosine threshold to call it a repeat
    scores = np.zeros(len(rep))
    scores[[long, short]] = 1.0  # the two best-scored sentences are the repeat pair
    for first in (long, short):
        ranked = scores.copy()
        ranked[first] += 0.5
        chosen = mmr_select(ranked, rep, words=200, redundancy=0.0)
        assert first in chosen and ({long, short} - {first}).isdisjoint(chosen)
    assert len(mmr_select(scores * 0, rep, words=200, redundancy=0.0, readable=False)) >= 4  # containment alone blocks nothing else
    # With the reading rules, the two outlets' "300 people" evacuation sentences are one fact told twice.
    evacuations = [i for i, t in enumerate(texts) if "300 people" in t]
    assert len(set(mmr_select(scores * 0, rep, words=200, redundancy=0.0)) & set(evacuations)) == 1


@pytest.mark.parametrize("selector", ["default", "support"])
def test_briefs_report_the_injuries_once(selector: str) -> None:
    brief = summarize(ARTICLES, words=120, selector=selector)
    mentions = [s.text for s in brief.sentences if "smoke inhalation" in s.text]
    assert len(mentions) == 1
