"""`newsbrief.verify`: every summary sentence supported, unsupported or contradicted, with evidence.

The articles are written for these tests (a fictional harbour fire, two outlets); each case changes
one fact of a sentence the articles state, so the verdict can only come from that change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("spacy")

from newsbrief import summarize  # noqa: E402
from newsbrief.cli import main  # noqa: E402
from newsbrief.verify import check_sentence, prepare_sources, split_summary, verify, verify_record  # noqa: E402
from port_alder import GAZETTE, HERALD  # noqa: E402

DOCUMENTS = [{"text": GAZETTE, "source": "Alder Gazette"}, {"text": HERALD, "source": "Coastal Herald"}]


@pytest.fixture(scope="module")
def sources():  # type: ignore[no-untyped-def]
    return prepare_sources(DOCUMENTS)


@pytest.mark.parametrize(
    ("claim", "verdict", "kinds"),
    [
        # faithful paraphrases: the articles state them in other words
        ("A blaze wrecked two warehouses at the harbor in Port Alder on Tuesday.", "supported", set()),
        ("Harbor work stopped for the night and started again on Wednesday morning.", "supported", set()),
        # a changed number: the sources say two warehouses, and six hours
        ("Five warehouses were destroyed and 14 people were evacuated, Chief Marta Okafor said.", "contradicted", {"count"}),
        ("Crews fought the blaze for three hours.", "contradicted", {"duration"}),
        # a name in another role: the fire chief is Okafor, Reyes is the mayor
        ("Fire Chief Daniel Reyes said two warehouses were destroyed.", "contradicted", {"name_role"}),
        # a flipped negation
        ("The cause of the fire is known.", "contradicted", {"negation"}),
        # an invented sentence: nothing in the sources is close, and its name and age are in no source
        ("Police arrested a 34-year-old man from Seattle on suspicion of arson.", "unsupported", {"unaligned", "unseen_name", "unseen_value"}),
    ],
)
def test_each_sentence_gets_the_verdict_its_change_calls_for(sources, claim: str, verdict: str, kinds: set[str]) -> None:  # type: ignore[no-untyped-def]
    result = verify(claim, sources)
    (sentence,) = result.sentences
    assert sentence.verdict == verdict, sentence
    assert kinds <= {p.kind for p in sentence.problems}
    assert result.verdict == verdict
    if verdict == "supported":
        assert not sentence.problems and sentence.evidence
        assert sentence.score >= 0.5
    else:
        assert sentence.score < verify("A fire destroyed two warehouses at the Port Alder harbor on Tuesday.", sources).score


def test_a_negation_stated_by_an_aligned_source_sentence_is_no_conflict(sources) -> None:  # type: ignore[no-untyped-def]
    # The department's sentence shares "fire" and "department said" with the claim and has no "no";
    # the Gazette's third sentence states the claim with its polarity, so nothing is denied.
    claim = "No one was injured in the fire, the department said."
    assert check_sentence(claim, sources).verdict == "supported"
    assert check_sentence(claim, sources, cited=[(0, 2)]).verdict == "supported"
    (sentence,) = verify(claim, sources).sentences
    assert sentence.verdict == "supported" and "negation" not in {p.kind for p in sentence.problems}
    # ...while a "not" no source sentence has is still a denial
    denied = check_sentence("The harbor did not reopen on Wednesday morning.", sources)
    assert denied.verdict == "contradicted" and "negation" in {p.kind for p in denied.problems}
    # "I don't think he is fit" denies "he is fit" itself: a "not" the claim moves is no flip
    quoted = verify("Shaw is not fit enough to play on Saturday.", ["“I don't think Shaw is fit enough to play on Saturday,” the manager said."])
    assert "negation" not in {p.kind for s in quoted.sentences for p in s.problems}


def test_a_conflict_names_the_evidence_and_the_source_value(sources) -> None:  # type: ignore[no-untyped-def]
    (sentence,) = verify("Crews fought the blaze for three hours.", sources).sentences
    problem = next(p for p in sentence.problems if p.kind == "duration")
    assert problem.text == "three hours" and problem.source_text == "more than six hours"
    assert problem.evidence is not None and problem.evidence.article == 0
    span = sources.articles[0].text[problem.evidence.start : problem.evidence.end]
    assert span == problem.evidence.text and "six hours" in span


def test_a_multi_sentence_summary_is_as_good_as_its_sentences(sources) -> None:  # type: ignore[no-untyped-def]
    summary = (
        "A fire destroyed two warehouses in Port Alder on Tuesday.\n"
        "Crews fought the blaze for three hours. Mayor Daniel Reyes thanked the firefighters."
    )
    result = verify(summary, sources)
    assert [s.verdict for s in result.sentences] == ["supported", "contradicted", "supported"]
    assert result.verdict == "contradicted"
    assert [summary[s.start : s.end] for s in result.sentences] == [s.text for s in result.sentences]
    faithful = verify("A fire destroyed two warehouses in Port Alder on Tuesday. Mayor Daniel Reyes thanked the firefighters.", sources)
    assert faithful.verdict == "supported" and faithful.score > result.score


def test_a_newsbrief_brief_verifies_as_supported() -> None:
    brief = summarize(DOCUMENTS, words=60)
    assert len(brief.sentences) >= 2
    result = verify(brief.summary, DOCUMENTS)
    assert result.verdict == "supported"
    assert all(s.verdict == "supported" and s.score == 1.0 for s in result.sentences)
    # The evidence identifies sentences as the brief's citations do: (article, sentence index).
    cited = {(e.article, e.sentence) for s in brief.sentences for e in s.evidence}
    found = {(e.article, e.sentence) for s in result.sentences for e in s.evidence}
    assert cited & found


def test_check_sentence_uses_the_cited_sentences_then_all_articles(sources) -> None:  # type: ignore[no-untyped-def]
    claim = "About 14 residents left their homes as a precaution."
    herald = next(s for s in sources.sentences if s.article == 1 and "residents" in s.text)
    mayor = next(s for s in sources.sentences if s.article == 1 and "Mayor" in s.text)
    direct = check_sentence(claim, sources, cited=[(herald.article, herald.index)])
    assert direct.verdict == "supported" and {(e.article, e.sentence) for e in direct.evidence} == {(1, herald.index)}
    # Cited wrongly: the mayor's sentence does not support it, so every article is searched.
    fallback = check_sentence(claim, sources, cited=[(mayor.article, mayor.index)])
    assert fallback.verdict == "supported"
    assert (1, herald.index) in {(e.article, e.sentence) for e in fallback.evidence}
    invented = check_sentence("The mayor resigned after 12 years in office.", sources, cited=[(mayor.article, mayor.index)])
    assert invented.verdict == "unsupported" and "unseen_value" in {p.kind for p in invented.problems}


def test_split_summary_keeps_offsets_across_lines() -> None:
    summary = "First line here.\n\nSecond one. Third, still on line three!"
    spans = split_summary(summary)
    assert [t for _, _, t in spans] == ["First line here.", "Second one.", "Third, still on line three!"]
    assert all(summary[a:b] == t for a, b, t in spans)


@pytest.mark.parametrize(
    ("record", "error_type"),
    [
        ({"id": "empty", "documents": [GAZETTE], "summary": "   "}, "InputError"),
        ({"id": "none", "documents": [], "summary": "Two warehouses burned."}, "InputError"),
        ({"id": "missing", "summary": "Two warehouses burned."}, "InputError"),
        ({"id": "binary", "documents": ["\x00\x01\x02PK\x03\x04" * 50], "summary": "Two warehouses burned."}, "InputError"),
        ({"id": "number", "documents": [GAZETTE], "summary": 42}, "InputError"),
    ],
)
def test_bad_records_give_error_records(record: dict[str, object], error_type: str) -> None:
    result = verify_record(record)
    assert result["id"] == record["id"]
    assert issubclass(_error_class(str(result["error_type"])), _error_class(error_type)), result
    assert result["error"]


def _error_class(name: str) -> type:
    import newsbrief.errors

    return getattr(newsbrief.errors, name)  # type: ignore[no-any-return]


def test_cli_prints_verdicts_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    (tmp_path / "herald.txt").write_text(HERALD, encoding="utf-8")
    summary = tmp_path / "summary.txt"
    summary.write_text("A fire destroyed two warehouses in Port Alder. Crews fought the blaze for three hours.", encoding="utf-8")
    assert main(["verify", str(summary), str(tmp_path / "gazette.txt"), str(tmp_path / "herald.txt"), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["verdict"] == "contradicted"
    assert [s["verdict"] for s in result["sentences"]] == ["supported", "contradicted"]
    assert result["sentences"][1]["problems"][0]["evidence"]["outlet"] == "gazette"
    assert main(["verify", str(summary), str(tmp_path / "gazette.txt"), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "contradicted" in out and "six hours" in out
    assert main(["verify", str(summary)]) == 2  # no article
    assert main(["verify", str(tmp_path / "missing.txt"), str(tmp_path / "gazette.txt")]) == 2
    # A stricter threshold only ever flags more sentences.
    assert main(["verify", str(summary), str(tmp_path / "gazette.txt"), "--format", "json", "--threshold", "0.999"]) == 0
    strict = json.loads(capsys.readouterr().out)
    assert all(s["verdict"] != "supported" or s["score"] >= 0.999 for s in strict["sentences"])


def test_cli_jsonl_keeps_every_record_in_order(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "good", "documents": DOCUMENTS, "summary": "A fire destroyed two warehouses in Port Alder."}),
        "{not json",
        json.dumps({"id": "empty", "documents": DOCUMENTS, "summary": ""}),
        json.dumps({"id": "bad", "documents": DOCUMENTS, "summary": "Crews fought the blaze for three hours."}),
    ]
    source = tmp_path / "pairs.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "verdicts.jsonl"
    assert main(["verify", "--input", str(source), "--output", str(target)]) == 0
    results = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["good", "line-2", "empty", "bad"]
    assert results[0]["verdict"] == "supported" and 0 <= results[0]["score"] <= 1
    assert results[1]["error_type"] == "InputError" and results[2]["error_type"] == "InputError"
    assert results[3]["verdict"] == "contradicted" and results[3]["score"] < results[0]["score"]


def test_two_names_swapped_are_contradicted() -> None:
    source = (
        "Senator Alice Moreno accused Governor Ben Whitaker of hiding the cost of the new bridge. "
        "Whitaker denied the claim and said Moreno had seen every report. "
        "The state legislature will hold a hearing on the bridge next month."
    )
    faithful = verify("Moreno accused Whitaker of hiding the cost of the bridge.", [source])
    assert faithful.verdict == "supported"
    swapped = verify("Whitaker accused Moreno of hiding the cost of the bridge.", [source])
    (sentence,) = swapped.sentences
    assert sentence.verdict == "contradicted"
    assert "name_role" in {p.kind for p in sentence.problems}
    assert "Whitaker" in sentence.problems[0].explanation
    # No verb has both names here: the words around each name give the swap away.
    (other,) = verify("Moreno denied the claim and said Whitaker had seen every report.", [source]).sentences
    assert other.verdict == "contradicted" and other.problems[0].kind == "name_role"
    assert verify("Whitaker denied the claim and said Moreno had seen every report.", [source]).verdict == "supported"


@pytest.mark.parametrize(
    ("claim", "word_for_word"),
    [
        # which outlet reports is not part of what is reported
        ("Fire crews in Port Alder fought a warehouse blaze for more than six hours on Tuesday, reports the Boston Globe.", True),
        ("Fire crews in Port Alder fought a warehouse blaze for more than six hours on Tuesday, the Boston Globe reports.", True),
        ("According to the Boston Globe, fire crews in Port Alder fought a warehouse blaze for more than six hours on Tuesday.", True),
        # who said it is a claim (the speaker may be the wrong one), and so is what follows the verb
        ("Two warehouses were destroyed and 14 people were evacuated from nearby homes, Mayor Daniel Reyes said.", False),
        ("Two warehouses were destroyed and 14 people were evacuated from nearby homes, John Smith said.", False),
        ("Fire crews in Port Alder fought a warehouse blaze for more than six hours, he says arson is suspected.", False),
    ],
)
def test_an_outlet_attribution_is_set_aside_when_the_rest_is_written_word_for_word(sources, claim: str, word_for_word: bool) -> None:  # type: ignore[no-untyped-def]
    sentence = check_sentence(claim, sources)
    assert (sentence.verdict == "supported" and sentence.score == 1.0) == word_for_word, sentence


def test_a_number_inside_a_name_is_no_value_stated(sources) -> None:  # type: ignore[no-untyped-def]
    sentence = check_sentence("A fire destroyed two warehouses at the Port Alder harbor, Channel 9 News reported.", sources)
    assert "unseen_value" not in {p.kind for p in sentence.problems}
    invented = check_sentence("A fire destroyed nine warehouses at the Port Alder harbor.", sources)
    assert invented.verdict != "supported"
