"""Sentence splitting: a quotation that runs over several sentences stays one unit."""

import pytest

from newsbrief.segment import MAX_QUOTED_SENTENCES, split_article
from newsbrief.types import Article


def sentences(text: str) -> list[str]:
    return [s.text for s in split_article(Article("a", text), 0)]


@pytest.mark.parametrize(
    "quotation",
    [
        "“It was another step forward. So this is, I think, a good outcome for all,” the minister told reporters.",
        '"Progress made on the harbor agreement! I look forward to seeing the mayor again soon," the governor wrote.',
        "'It was another step forward. So this is, I think, a good outcome for all.'",
        "The chief said: “We fought it all night. Nobody was hurt, and that is what matters.”",
    ],
)
def test_a_quotation_of_several_sentences_is_one_sentence(quotation: str) -> None:
    text = f"Fire crews were called to the harbor on Tuesday night. {quotation} The harbor reopened on Friday morning."
    found = sentences(text)
    assert quotation in found, found
    assert found[0] == "Fire crews were called to the harbor on Tuesday night."
    assert found[-1] == "The harbor reopened on Friday morning."


def test_spans_of_a_joined_quotation_stay_exact() -> None:
    text = "Crews arrived at nine in the evening. “It was chaos. Nobody could see the pier,” one fisherman said."
    for s in split_article(Article("a", text), 0):
        assert text[s.start : s.end].strip() == s.text


def test_apostrophes_and_closed_quotes_do_not_join_sentences() -> None:
    text = "'Don't go near the pier,' the chief said on Tuesday. The fire's cause is still unknown. It's the third fire this year."
    assert len(sentences(text)) == 3


def test_a_quotation_that_never_closes_stays_split() -> None:
    opened = "“This is the first of many sentences we will say about the harbor fire tonight."
    rest = [f"Sentence number {n} of a speech that goes on and on." for n in range(MAX_QUOTED_SENTENCES + 1)]
    assert len(sentences(" ".join([opened, *rest]))) == len(rest) + 1


def test_a_quotation_does_not_run_across_paragraphs() -> None:
    text = "“The crews worked through the night on the pier.\nThe mayor visited the harbor on Friday morning,” a spokesman said."
    assert len(sentences(text)) == 2
