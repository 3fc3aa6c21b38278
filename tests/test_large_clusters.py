"""Query, earlier articles and cluster size: the parts of selection that must hold beyond a handful of articles."""

import numpy as np
import pytest

from newsbrief import summarize
from newsbrief.clean import clean_cluster
from newsbrief.pipeline import as_articles
from newsbrief.represent import represent
from newsbrief.segment import split_cluster
from newsbrief.select.learned import cluster_size_weight, eligible
from newsbrief.select.query import relevance

EARLIER = [
    "A fire destroyed three warehouses at the Port Alder harbor on Tuesday night. "
    "About 200 residents were evacuated from nearby streets. "
    "Four firefighters were treated for smoke inhalation at Alder General Hospital.",
    "Fire Chief Marta Okafor said an electrical fault in a storage unit was the most likely cause. "
    "The harbor will stay closed to boats until Friday, the mayor said. "
    "Insurers said on Wednesday that the damage to the warehouses, the docks, two cranes and a dozen fishing boats "
    "moored at the harbor's north pier would reach eleven million dollars.",
]
LATER = [
    "Three warehouses at the Port Alder harbor were destroyed by fire on Tuesday night, officials recalled. "
    "The town council approved two million dollars in emergency aid for fishing companies on Monday. "
    "Four firefighters treated for smoke inhalation at Alder General Hospital have all gone home. "
    "Insurers estimated the damage at eleven million dollars.",
    "Port Alder reopened its harbor to commercial boats on Friday morning. "
    "About 200 residents who were evacuated from nearby streets on Tuesday night have returned. "
    "The fishing cooperative said it would rebuild its net store by the summer.",
]
KNOWN_FACTS = (("warehouses", "destroyed"), ("smoke inhalation",), ("evacuated",), ("electrical fault",), ("eleven million",))


def rep_of(documents, **options):  # type: ignore[no-untyped-def]
    articles = clean_cluster(as_articles(documents))
    return represent(articles, split_cluster(articles), **options)


def test_query_and_earlier_are_named_fields_not_matrix_columns() -> None:
    rep = rep_of(LATER, query="What aid did the fishing companies get?", earlier=["The harbor fire destroyed warehouses."])
    n = len(rep)
    assert rep.query == "What aid did the fishing companies get?"
    assert rep.similarity.shape == (n, n), "every row and column of the similarity is a sentence"
    assert rep.query_similarity is not None and rep.query_similarity.shape == (n,)
    assert rep.earlier_similarity is not None and rep.earlier_similarity.shape == (n,)
    best = int(np.argmax(rep.query_similarity))
    assert "emergency aid" in rep.sentences[best].text
    plain = rep_of(LATER)
    assert plain.query is None and plain.query_similarity is None and plain.earlier_similarity is None


def test_expanded_query_finds_an_answer_that_shares_no_word_with_the_question() -> None:
    documents = [
        "Doctors warned about steroid use by athletes. "
        "Steroid side effects include liver damage and acne, doctors said. "
        "Liver damage and acne were reported by many young swimmers. "
        "The swim meet was held in a new pool downtown.",
        "The new pool downtown opened in May with a ribbon cutting.",
    ]
    rep = rep_of(documents, query="What are the side effects of steroids?")
    texts = [s.text for s in rep.sentences]
    answer, unrelated = texts.index("Liver damage and acne were reported by many young swimmers."), texts.index(
        "The new pool downtown opened in May with a ribbon cutting."
    )
    assert rep.query_similarity is not None and rep.query_similarity[answer] == 0.0, "no word of the question"
    scores = relevance(rep)
    assert scores[answer] > scores[unrelated]


def test_update_brief_never_repeats_a_fact_of_the_earlier_articles() -> None:
    update = summarize(LATER, since=EARLIER, words=80)
    texts = [s.text.lower() for s in update.sentences]
    assert texts, "the later articles do add facts"
    assert any("emergency aid" in t or "rebuild" in t or "reopened" in t for t in texts)
    for text in texts:
        for fact in KNOWN_FACTS:
            assert not all(word in text for word in fact), f"repeats {fact}: {text}"


def test_plain_brief_of_the_same_articles_does_repeat_them() -> None:
    plain = " ".join(s.text.lower() for s in summarize(LATER, words=80).sentences)
    assert any(all(word in plain for word in fact) for fact in KNOWN_FACTS), "the test above would pass vacuously"


def test_cluster_size_weight_leaves_a_handful_of_articles_alone_and_grows_with_more() -> None:
    story = "The Port Alder harbor fire destroyed three warehouses on Tuesday. Crews fought it for six hours."
    small = rep_of([story.replace("six", word) for word in ("six", "seven", "eight")])
    large = rep_of([f"{story} Report number {k} came from outlet {k}." for k in range(20)])
    assert cluster_size_weight(small) == 0.0
    assert cluster_size_weight(large) == 1.0
    deep = large.position >= 10
    assert not eligible(small)[small.position >= 10].any()
    assert deep.sum() == 0 or eligible(large)[deep].any()


def test_large_cluster_brief_prefers_what_many_articles_report() -> None:
    core = "The Port Alder harbor fire destroyed three warehouses and forced the evacuation of 200 residents."
    documents = []
    for k in range(20):
        lede = f"Outlet {k} opened its report with a note about weather in district {k} and a local fair."
        documents.append(f"{lede} Reporters from outlet {k} visited the harbor. {core} Officials from district {k} spoke.")
    brief = summarize(documents, words=30)
    assert any("destroyed three warehouses" in s.text for s in brief.sentences)


# Each new article opens by retelling the robbery (reworded, so not "known" to the repeat thresholds, and
# central to the new articles) and adds the arrest lower down.
EARLIER_ROBBERY = [
    "Thieves robbed the Kestrel Bank branch on Main Street in Dunmore on Monday and escaped with cash. "
    "Witnesses said the two masked robbers fled in a grey van. "
    "Police closed Main Street for the afternoon.",
    "The Kestrel Bank robbery in Dunmore on Monday shocked shop owners. Bank staff were unhurt, the manager said.",
]
LATER_ROBBERY = [
    "Dunmore shop owners on Main Street are still shaken by the masked robbers who hit the Kestrel Bank branch. "
    "The bank reopened on Thursday. "
    "Detectives arrested a mechanic in Harwick on Sunday and charged him with armed robbery.",
    "Shop owners on Main Street in Dunmore say the masked robbers of the Kestrel Bank still worry them. "
    "Some have installed cameras. "
    "A mechanic was arrested in Harwick and charged with the armed robbery, detectives said.",
    "The masked robbers of the Kestrel Bank on Main Street still worry Dunmore shop owners. "
    "The mechanic arrested in Harwick will appear in court on Tuesday.",
]


@pytest.mark.xfail(
    strict=True,
    reason="issue 19: update briefs drop known sentences but do not yet score novelty positively; a novelty-weighted "
    "centroid fixes this example (commit 0b640dc) but was not robustly better on the DUC 2006 split, so it is not kept",
)
def test_update_brief_prefers_a_new_central_fact_over_an_older_one() -> None:
    opening = summarize(LATER_ROBBERY, since=EARLIER_ROBBERY, words=25).sentences[0].text
    assert "arrested" in opening


def test_plain_brief_of_the_robbery_leads_with_the_retold_story() -> None:
    assert "masked robbers" in summarize(LATER_ROBBERY, words=25).sentences[0].text, "the example above is not vacuous"
