"""Shared fixtures: the project's own example cluster, and the shared dev data when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-fire"
SHARED = ROOT.parent / "shared"
DEV_DATA = SHARED / "data" / "multinews-dev.jsonl"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def dev_records() -> list[dict]:
    if not DEV_DATA.exists():
        pytest.skip("../shared/data/multinews-dev.jsonl is not available")
    return [json.loads(line) for line in DEV_DATA.open(encoding="utf-8")]


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not available")
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
