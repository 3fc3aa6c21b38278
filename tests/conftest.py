"""Shared fixtures: the project's own example cluster, and the shared dev data (`require_shared`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# Hypothesis profiles for tests/test_properties.py, registered here so `pytest --hypothesis-profile
# newsbrief-deep` can load them: "newsbrief" (the default there: no deadline, since the first example
# loads models; derandomized when CI is set) and "newsbrief-deep" (10x the examples, for a long hunt).
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "newsbrief",
        deadline=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    settings.register_profile("newsbrief-deep", settings.get_profile("newsbrief"), max_examples=1000)
except ImportError:  # hypothesis comes with the dev extra; without it only test_properties.py cannot run
    pass

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-fire"
SHARED = ROOT.parent / "shared"
DEV_DATA = SHARED / "data" / "multinews-dev.jsonl"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


def require_shared(path: Path) -> Path:
    """`path` (under ../shared, beside the checkout) when it exists. Without it a test skips on a
    developer's machine, but fails in CI (`CI` set, as `.ci/run` does): there a missing ../shared
    must not turn the data-driven tests and the quality gate into silent passes."""
    if not path.exists():
        reason = f"../shared/{path.relative_to(SHARED)} is not available (../shared must sit beside the checkout)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the tests that read ../shared: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def dev_records() -> list[dict]:
    return [json.loads(line) for line in require_shared(DEV_DATA).open(encoding="utf-8")]


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(require_shared(SEEDS).glob("*.txt"))]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ (the example's briefs; the quality gate's measured figures) instead of comparing (`make golden`).",
    )
    parser.addoption(
        "--lower-floors",
        action="store_true",
        help="With --update-golden: also let the quality gate's ROUGE floors go down (a deliberate, explained loss).",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
