"""Newswire copy (hard-wrapped, typesetting codes) reads as the prose it is."""

import pytest

from newsbrief import summarize
from newsbrief.clean import clean_article
from newsbrief.clean.wire import from_wire, is_hard_wrapped
from newsbrief.segment import split_article
from newsbrief.types import Article

WIRED = (
    "PORT ALDER, Maine _ A fire destroyed three warehouses at the Port\n"
    "Alder harbor on Tuesday night, and about 200 residents of the National\n"
    "Guard housing were evacuated from the nearby streets.\n"
    "\n\n"
    "   ``It was the worst night of my career,'' said Fire Chief Marta\n"
    "Okafor, who has led the department for eleven years and counted\n"
    "four firefighters among the injured.\n"
    "\n"
    "<ANNOTATION>\n   (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)\n</ANNOTATION>\n"
    "\n"
    "   _ Investigators said wiring that had not been inspected for twenty\n"
    "years probably started the blaze in a storage unit. &QL;\n"
)


def test_wrapped_paragraphs_are_joined_and_codes_removed() -> None:
    text = from_wire(WIRED)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("PORT ALDER, Maine — A fire destroyed three warehouses at the Port Alder harbor")
    assert "“It was the worst night of my career,” said Fire Chief Marta Okafor" in paragraphs[1]
    assert paragraphs[2].startswith("Investigators said wiring")
    assert "&QL;" not in text and "ANNOTATION" not in text and "OPTIONAL MATERIAL" not in text


def test_sentences_no_longer_break_at_line_ends() -> None:
    article = clean_article(Article(id="a", text=WIRED))
    sentences = [s.text for s in split_article(article, 0)]
    assert not any(s.startswith(("Alder", "Guard", "Okafor", "years")) for s in sentences), sentences
    assert any("National Guard housing" in s for s in sentences)


@pytest.mark.parametrize(
    "text",
    [
        "One line of web text that is long enough to be a paragraph on its own, as scraped pages are.\n\nAnother one.",
        "Home\nNews\nSport\n\nWeather\nContact\nAbout us",  # a menu: short lines, not wrapped prose
        "A poem\nin short lines\nthat are not\nwrapped at all\n\nbut set so.",
    ],
)
def test_text_that_is_not_wire_copy_is_left_alone(text: str) -> None:
    assert from_wire(text) == text
    assert not is_hard_wrapped(text)


def test_a_wire_cluster_gets_whole_sentences_in_its_brief() -> None:
    brief = summarize([WIRED, WIRED.replace("Tuesday", "Wednesday").replace("eleven", "twelve")], words=60)
    assert brief.sentences
    assert all(s.text[0].isupper() or s.text[0] in "“\"" for s in brief.sentences)
    assert not any("&QL;" in s.text or "``" in s.text for s in brief.sentences)
