from newsbrief import summarize
from newsbrief.cli import main
from newsbrief.evaluate import RougeScorer, cut_to_words, evaluate, read_examples


def test_rouge_prefers_the_better_hypothesis_and_takes_best_reference() -> None:
    rouge = RougeScorer()
    refs = ["The harbor fire destroyed three warehouses.", "Completely unrelated words here."]
    good = rouge.score(["The harbor fire destroyed three warehouses on Tuesday."], refs)
    bad = rouge.score(["A cat sat on the mat."], refs)
    assert good["rouge1"] > 80 / 100 and bad["rouge1"] < good["rouge1"]


def test_recall_mode_averages_over_references_after_cutting() -> None:
    assert cut_to_words(["one two three", "four five"], 4) == ["one two three", "four"]
    rouge = RougeScorer(recall=True)
    refs = ["harbor fire warehouses", "harbor fire boats"]
    score = rouge.score(["harbor fire warehouses"], refs)
    assert abs(score["rouge1"] - (1.0 + 2 / 3) / 2) < 1e-6


def test_multi_reference_fixture_with_recall_budget(tmp_path, capsys) -> None:
    import json

    docs = [
        "The harbor fire destroyed three warehouses on Tuesday night. Crews fought the blaze for six hours.",
        "Three warehouses burned at the harbor on Tuesday. Four firefighters were treated for smoke inhalation.",
    ]
    data = tmp_path / "duc.jsonl"
    data.write_text(
        json.dumps({"id": "d1", "documents": docs, "summaries": ["A harbor fire destroyed warehouses.", "Warehouses burned."]})
    )
    results = evaluate(read_examples(data), words=20, systems=("support", "lead"), recall=True)
    assert {r.name for r in results} == {"support", "lead"}
    assert all(r.words <= 20 for r in results)
    assert main(["evaluate", str(data), "--words", "20", "--recall", "--systems", "lead"]) == 0
    assert "R-1 R" in capsys.readouterr().out


def test_duc_style_recall_at_100_words_on_a_multi_reference_fixture(tmp_path, capsys) -> None:
    """DUC scoring: every system's brief is cut to exactly 100 words and recall is averaged over
    three references written for the bundled harbor-fire example."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    fixture = json.loads((root / "tests/fixtures/duc/harbor-fire.refs.json").read_text())
    documents = [
        {"html": path.read_text()} if path.suffix == ".html" else path.read_text()
        for path in sorted((root / fixture["articles"]).iterdir())
    ]
    data = tmp_path / "duc.jsonl"
    data.write_text(json.dumps({"id": fixture["id"], "documents": documents, "summaries": fixture["summaries"]}) + "\n")

    results = {r.name: r for r in evaluate(read_examples(data), words=100, systems=("default", "lead"), recall=True)}
    assert all(r.errors == 0 and r.words == 100 for r in results.values())
    # Recall is the mean over the three references, so it sits between the best and worst single one.
    brief = cut_to_words([s.text for s in summarize(documents, words=100).sentences], 100)
    singles = [RougeScorer(recall=True).score(brief, [ref])["rouge1"] for ref in fixture["summaries"]]
    assert min(singles) < max(singles)
    assert abs(results["default"].scores["rouge1"] / 100 - sum(singles) / 3) < 1e-9
    assert results["default"].scores["rouge1"] > 40  # the brief reports the fire, evacuation and closure

    assert main(["evaluate", str(data), "--words", "100", "--recall", "--systems", "default,lead"]) == 0
    table = capsys.readouterr().out
    assert "R-1 R" in table and "| default |" in table and "| 100 |" in table


def test_a_records_query_reaches_newsbrief_but_not_the_baselines(tmp_path, capsys) -> None:
    import json

    docs = [
        "A fire destroyed three warehouses at the harbor on Tuesday night. Investigators blamed old wiring for the fire. "
        "Crews fought the blaze for six hours.",
        "Three warehouses burned at the harbor on Tuesday. Four firefighters were treated for smoke inhalation. "
        "The wiring had not been inspected for twenty years, investigators said.",
    ]
    record = {"id": "q", "documents": docs, "query": "What caused the fire? Discuss the wiring.", "summaries": ["Old wiring caused the fire."]}
    data = tmp_path / "query.jsonl"
    data.write_text(json.dumps(record) + "\n")
    (example,) = read_examples(data)
    assert example.query == record["query"]
    asked = evaluate([example], words=12, systems=("default", "lead"), recall=True)
    plain = evaluate([example], words=12, systems=("default", "lead"), recall=True, query=False)
    assert asked[1].scores == plain[1].scores, "the lead baseline never reads the query"
    assert asked[0].scores["rouge1"] >= plain[0].scores["rouge1"]
    assert main(["evaluate", str(data), "--words", "12", "--recall", "--no-query", "--systems", "default"]) == 0
    assert "| default |" in capsys.readouterr().out
