"""The quality gate: ROUGE of the default selector on a fixed sample of Multi-News dev clusters must not
fall below the floors pinned in tests/golden/quality.json.

The sample is every `step`-th line of ../shared/data/multinews-dev.jsonl, starting with the first;
the file's sha256 is pinned beside the floors, so a changed data file is reported as such rather
than as a change of quality. Scoring is `newsbrief evaluate`'s (`newsbrief.evaluate.evaluate`:
rouge-score F1 with stemming, best reference). The shipped scorer was trained on the whole dev file,
so these figures are in-sample: the gate catches regressions, it does not measure quality (the
README's cross-validated table does).

After a deliberate change: `make golden` rewrites the measured figures and raises the floors with
them; a floor only goes down with `--lower-floors` as well, and the commit says why.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import DEV_DATA, require_shared
from newsbrief.evaluate import evaluate, read_examples

BASELINE = Path(__file__).resolve().parent / "golden" / "quality.json"
GATED = ("rouge1", "rouge2")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def test_rouge_on_the_pinned_dev_sample_stays_above_its_floors(update_golden: bool, request: pytest.FixtureRequest) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    data = require_shared(DEV_DATA)
    assert _sha256(data) == baseline["sha256"], (
        f"{data} is not the file the floors were measured on (sha256 {baseline['sha256']}); "
        "measure the floors again on the new file (`make golden`) and say so in the commit"
    )
    sample = [e for n, e in enumerate(read_examples(data)) if n % baseline["step"] == 0]
    assert [e.id for e in sample] == baseline["clusters"], "the sample rule picked other clusters than the pinned ones"

    (result,) = evaluate(sample, words=baseline["words"], systems=(baseline["selector"],))
    measured = {m: round(result.scores[m], 2) for m in GATED}
    if update_golden:
        _rewrite(baseline, measured, lower=bool(request.config.getoption("--lower-floors")))
        return
    assert result.errors == 0, f"{result.errors} clusters of the sample gave no brief"
    low = {m: (measured[m], baseline["floors"][m]) for m in GATED if measured[m] < baseline["floors"][m]}
    assert not low, f"ROUGE fell below the pinned floors (measured, floor): {low}; last pinned figures {baseline['measured']}"


def _rewrite(baseline: dict, measured: dict[str, float], *, lower: bool) -> None:
    margin = baseline["margin"]
    floors = {m: round(measured[m] - margin, 2) for m in GATED}
    dropped = {m: (baseline["floors"][m], floors[m]) for m in GATED if floors[m] < baseline["floors"][m]}
    if dropped and not lower:
        pytest.fail(f"the new figures would lower the floors (old, new): {dropped}; pass --lower-floors as well if that is meant", pytrace=False)
    baseline.update(measured=measured, floors=floors)
    BASELINE.write_text(json.dumps(baseline, indent=1) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), (None, pytest.skip.Exception)])
def test_missing_shared_data_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, ci: str | None, outcome: type[Exception]) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match=r"\.\./shared/data/no-such-file\.jsonl is not available"):
        require_shared(DEV_DATA.with_name("no-such-file.jsonl"))
