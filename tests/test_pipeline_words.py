"""A brief's length in words: a record's `words` of 0, negative, non-integer or absurdly large is an
error record, never silently the default; the CLI refuses `--words 0` with status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.config import Config
from newsbrief.pipeline import summarize_record

DOCUMENTS = [
    "The city council approved a new budget on Monday after a long debate about school funding. "
    "Council members voted seven to two in favour of the plan. The budget adds money for teachers and buses.",
    "On Monday the city council passed the budget following a debate over school funding. "
    "The vote was seven to two. Critics said the plan cut spending on parks and libraries.",
]


@pytest.mark.parametrize(
    ("words", "error_type", "says"),
    [
        (0, "ConfigError", "between 10 and 5000, got 0"),
        (-40, "ConfigError", "between 10 and 5000, got -40"),
        (9, "ConfigError", "between 10 and 5000, got 9"),
        (5001, "ConfigError", "between 10 and 5000, got 5001"),
        (10**12, "ConfigError", "got 1000000000000"),
        (40.5, "InputError", "must be an integer"),
        ("40", "InputError", "must be an integer"),
        (True, "InputError", "must be an integer"),
        ([40], "InputError", "must be an integer"),
    ],
)
def test_bad_words_give_an_error_record(words: object, error_type: str, says: str) -> None:
    result = summarize_record({"id": "c7", "documents": DOCUMENTS, "words": words}, Config(selector="support"))
    assert set(result) == {"id", "error", "error_type"}, "no brief at some other length"
    assert result["id"] == "c7" and result["error_type"] == error_type
    message = str(result["error"])
    assert message.startswith("c7: ") and "'words'" in message and says in message


def test_zero_says_how_to_get_the_default() -> None:
    result = summarize_record({"id": "c7", "documents": DOCUMENTS, "words": 0}, Config(words=80))
    assert "leave it out for the default (80)" in str(result["error"])


def test_good_or_missing_words() -> None:
    short = summarize_record({"id": "a", "documents": DOCUMENTS, "words": 20}, Config(selector="support"))
    default = summarize_record({"id": "b", "documents": DOCUMENTS}, Config(words=60, selector="support"))
    assert "error" not in short and "error" not in default
    assert short["words"] <= 23 < default["words"], "the record's own length wins; without one the caller's applies"  # type: ignore[operator]


@pytest.mark.parametrize("value", ["0", "-5", "100000"])
def test_cli_refuses_a_bad_length_with_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    (tmp_path / "a.txt").write_text(DOCUMENTS[0], encoding="utf-8")
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": "x", "documents": DOCUMENTS}) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    files = ["summarize", str(tmp_path / "a.txt"), "--words", value]
    jsonl = ["summarize", "--input", str(records), "--output", str(output), "--words", value]
    for argv in (files, jsonl):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "--words" in err and f"{value} is not in the range 10<=x<=5000" in err
    assert not output.exists(), "refused before any record is read"
