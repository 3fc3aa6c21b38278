"""The cross-source analysis counts syndicated copies (near-duplicate groups) once, as attribution does,
while every outlet that printed the story is still listed."""

from __future__ import annotations

import json

import pytest

from newsbrief import Article, summarize
from newsbrief.pipeline import compare_documents
from newsbrief.render import brief_to_dict, render_markdown, render_text
from newsbrief.types import Fact

WIRE = (
    "RIVERTON — The Halden Bridge will close for eight weeks of repairs starting Monday, the state transport department said on Thursday.\n"
    "Engineers found corrosion in two of the bridge's steel support cables during a routine inspection in March.\n"
    "About 14,000 vehicles cross the bridge each day, and drivers will be sent on a detour through Millbrook that adds about 20 minutes.\n"
    "Transport secretary Dana Whitfield said the repairs would cost $6.2 million and would be paid from the state's emergency road fund.\n"
    "Owners of shops on the east bank said they feared losing customers for most of the summer.\n"
    "The bridge, which opened in 1962, was last renovated in 1998 and carries the main road between Riverton and the coast."
)
OWN = (
    "The Halden Bridge will be shut for eight weeks of repairs from Monday, state transport officials announced on Thursday.\n"
    "Commuters are advised to leave early and follow the signposted detour via Millbrook, officials said.\n"
    "A public meeting about the closure will be held at Riverton Town Hall on Wednesday evening, the mayor's office said.\n"
    "School buses will run on a modified timetable while the crossing is closed, the school district said in a letter to parents."
)
OUTLETS = ("Wire Post", "Daily Echo", "Valley Radio")


def _cluster() -> list[Article]:
    """Two syndicated copies of one wire story (the second updated with a line) and one independent report."""
    return [
        Article("wire-post.txt", WIRE, source=OUTLETS[0]),
        Article("daily-echo.txt", WIRE + "\nThe department will post updates on its website.", source=OUTLETS[1]),
        Article("valley-radio.txt", OWN, source=OUTLETS[2]),
    ]


@pytest.fixture(scope="module")
def brief():  # type: ignore[no-untyped-def]
    return summarize(_cluster(), words=60, analysis=True, selector="support")


def _closure(facts: tuple[Fact, ...]) -> Fact:
    found = [f for f in facts if "eight weeks" in f.text]
    assert len(found) == 1, facts
    return found[0]


def test_agreement_of_two_copies_and_one_outlet_has_two_independent_sources(brief) -> None:  # type: ignore[no-untyped-def]
    assert any("copies of one story" in w for w in brief.warnings), "the fixture's copies must be detected as one group"
    closure = _closure(brief.analysis.agreements)
    assert closure.sources == (0, 1, 2), "every outlet is still listed"
    assert closure.support == 2, "two copies of one wire story are one independent source, not two"
    assert {e.article for e in closure.evidence} == {0, 1, 2}
    stated = [s for s in brief.sentences if "eight weeks" in s.text]
    assert stated and all(s.support == closure.support for s in stated), "the brief and the analysis count support alike"


def test_every_format_names_all_three_outlets_and_counts_two(brief) -> None:  # type: ignore[no-untyped-def]
    line = next(x for x in render_markdown(brief).splitlines() if x.startswith("- ") and "eight weeks" in x)
    assert line.endswith("— 3 articles, 2 independent: Wire Post, Daily Echo, Valley Radio")
    text = next(x for x in render_text(brief).splitlines() if "eight weeks" in x and "independent" in x)
    assert text.endswith("(3 articles, 2 independent)")
    data = json.loads(json.dumps(brief_to_dict(brief)))
    agreement = next(f for f in data["agreements"] if "eight weeks" in f["text"])
    assert agreement["support"] == 2 and agreement["sources"] == [0, 1, 2] and agreement["outlets"] == list(OUTLETS)


def test_facts_only_the_copies_report_are_one_source_not_an_agreement(brief) -> None:  # type: ignore[no-untyped-def]
    assert all(f.support >= 2 for f in brief.analysis.agreements), "copies agreeing with each other are no corroboration"
    wire_only = [f for f in brief.analysis.single_source if 0 in f.sources or 1 in f.sources]
    assert wire_only, "what only the wire story says is reported as single-source"
    assert all(f.sources == (0, 1) and f.support == 1 for f in wire_only), "...naming both outlets that printed it"
    assert any("$6.2 million" in f.text for f in brief.analysis.single_source + brief.analysis.agreements)
    assert "### Only in Wire Post [1], Daily Echo [2] (copies of one story)" in render_markdown(brief)
    assert "### Only in Valley Radio [3]" in render_markdown(brief)


def test_compare_command_path_counts_copies_once_too() -> None:
    analysis, articles = compare_documents(_cluster())
    closure = _closure(analysis.agreements)
    assert closure.support == 2 and closure.sources == (0, 1, 2) and len(articles) == 3


def test_without_copies_every_article_is_independent() -> None:
    distinct = [Article("a", WIRE, source="A"), Article("b", OWN, source="B")]
    analysis, _ = compare_documents(distinct)
    closure = _closure(analysis.agreements)
    assert closure.sources == (0, 1) and closure.support == 2
    assert Fact("x", (0, 1, 2)).support == 3, "a Fact built without a count counts its distinct articles"
    assert Fact("x", (0, 1, 2), support=2).support == 2


def test_compare_documents_runs_the_pipelines_front_half_with_its_size_cap() -> None:
    from newsbrief.limits import MAX_ARTICLE_BYTES

    line = "The harbor stayed closed on Friday while divers inspected the hull, the port authority said.\n"
    huge = line * (MAX_ARTICLE_BYTES // len(line) + 50)
    analysis, articles = compare_documents([huge, "Divers inspected the hull on Friday and the harbor stayed closed, officials said."])
    assert len(articles[0].text) <= MAX_ARTICLE_BYTES
    assert any("only the start is used" in w for w in analysis.warnings), analysis.warnings
