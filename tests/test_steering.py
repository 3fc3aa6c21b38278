"""Query-focused and update briefs on the project's own fixtures."""

import json

from newsbrief import summarize
from newsbrief.cli import main

STORY = [
    "A fire destroyed three warehouses at the Port Alder harbor on Tuesday night. "
    "About 200 residents were evacuated from nearby streets. "
    "Fire Chief Marta Okafor said an electrical fault in a storage unit was the most likely cause of the fire. "
    "The mayor said the harbor would stay closed to boats until Friday.",
    "Three harbor warehouses burned down in Port Alder overnight. "
    "Four firefighters were treated for smoke inhalation at Alder General Hospital. "
    "Investigators said wiring that had not been inspected for twenty years probably started the blaze. "
    "Fishermen said the loss of nets and ropes would hurt the spring season.",
    "Port Alder residents returned home on Wednesday after the harbor fire. "
    "Air quality tests near the waterfront came back normal, the health department said. "
    "The town council will meet on Monday to discuss aid for the fishing companies that lost equipment.",
]
FOLLOW_UP = [
    "Port Alder officials said on Thursday that the harbor warehouse fire was caused by faulty wiring. "
    "The town council approved two million dollars in emergency aid for fishing companies on Monday. "
    "A fire destroyed three warehouses at the Port Alder harbor last Tuesday night. "
    "The harbor reopened to commercial boats on Friday morning.",
]


def test_query_steers_the_brief_toward_the_question() -> None:
    plain = summarize(STORY, words=25)
    asked = summarize(STORY, words=25, query="What caused the fire?")
    assert asked.query and asked.query.startswith("What caused")
    assert any("cause" in s.text or "wiring" in s.text for s in asked.sentences)
    assert [s.text for s in asked.sentences] != [s.text for s in plain.sentences]


def test_update_brief_reports_only_what_is_new() -> None:
    update = summarize(FOLLOW_UP, since=STORY, words=40)
    texts = " ".join(s.text for s in update.sentences)
    assert "emergency aid" in texts or "reopened" in texts
    assert "destroyed three warehouses" not in texts, "already known from the earlier articles"


def test_update_with_nothing_new_is_empty_with_a_warning() -> None:
    update = summarize(STORY[:1], since=STORY, words=40)
    assert not update.sentences and update.warnings


def test_cli_query_and_since(tmp_path, capsys) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for i, text in enumerate(STORY):
        (old / f"{i}.txt").write_text(text)
    (new / "update.txt").write_text(FOLLOW_UP[0])
    assert main(["summarize", str(new), "--since", str(old), "--words", "30", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert "destroyed three warehouses" not in result["summary"]
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "q", "documents": STORY, "query": "What caused the fire?", "earlier": []}))
    out = tmp_path / "out.jsonl"
    assert main(["summarize", "--input", str(src), "--output", str(out), "--words", "25"]) == 0
    assert json.loads(out.read_text())["query"] == "What caused the fire?"
