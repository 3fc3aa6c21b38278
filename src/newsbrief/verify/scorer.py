"""The learned part of the verifier: a small scikit-learn classifier over a claim's features
(`check.FEATURES`) giving the probability that the sources support it, and the threshold below
which a claim is called unsupported.

The shipped model (`models/verifier.pkl`) is reproducible with
`newsbrief train-verifier ../shared/data/factuality-val.jsonl` (see `verify.train`).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "verifier.pkl"


@dataclass(frozen=True)
class Scorer:
    """A fitted classifier, the feature names it was trained on, and the verdict threshold."""

    model: Any
    features: tuple[str, ...]
    threshold: float

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros(0)
        return np.asarray(self.model.predict_proba(np.asarray(rows, dtype=np.float64))[:, 1])


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> Scorer:
    """The shipped scorer (or the one at `path`), loaded once; checks it reads today's features."""
    from newsbrief.errors import ConfigError
    from newsbrief.verify.check import FEATURES

    target = Path(path) if path else MODEL_PATH
    if not target.exists():
        raise ConfigError(f"no verifier model at {target}; run `newsbrief train-verifier FACTUALITY.jsonl`")
    with open(target, "rb") as handle:
        saved = pickle.load(handle)  # our own file, shipped inside the package
    scorer = Scorer(saved["model"], tuple(saved["features"]), float(saved["threshold"]))
    if scorer.features != FEATURES:
        raise ConfigError(f"{target} was trained on other features; retrain with `newsbrief train-verifier`")
    return scorer


def save_scorer(scorer: Scorer, path: str | Path = MODEL_PATH) -> None:
    with open(path, "wb") as handle:
        pickle.dump({"model": scorer.model, "features": list(scorer.features), "threshold": scorer.threshold}, handle)


def summary_score(sentence_scores: Any) -> float:
    """A summary's score from its sentences': half the weakest, half the mean. The weakest alone
    ignores how many sentences are doubtful; the mean alone lets one invented sentence hide
    among faithful ones (grouped CV: CLIFF AUC 80.5 against 79.5 for the minimum)."""
    values = np.asarray(sentence_scores, dtype=np.float64)
    return float(0.5 * values.min() + 0.5 * values.mean()) if len(values) else 1.0
