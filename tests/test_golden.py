"""Golden briefs of the bundled example: the text, Markdown and JSON that `newsbrief summarize` prints
for examples/harbor-fire, stored under tests/golden/ and compared whole, so a diff shows which
sentence, citation or finding moved.

After a deliberate change: `make golden` (= pytest tests/test_golden.py tests/test_quality_gate.py
--update-golden), then review `git diff tests/golden/` and commit it with the change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from newsbrief.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-fire"
WORDS = 120  # as `make run` prints it
SUFFIX = {"text": "txt", "markdown": "md", "json": "json"}


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_example_brief_matches_its_golden_file(fmt: str, capsys: pytest.CaptureFixture[str], update_golden: bool) -> None:
    assert main(["summarize", str(EXAMPLE), "--words", str(WORDS), "--format", fmt]) == 0
    output = capsys.readouterr().out
    path = GOLDEN / f"harbor-fire.{SUFFIX[fmt]}"
    if update_golden:
        path.write_text(output, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if output != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), output.splitlines(True), str(path), "now"))
        pytest.fail(f"the {fmt} brief of {EXAMPLE.name} changed; if that is meant, `make golden` and commit the diff:\n{diff}", pytrace=False)
