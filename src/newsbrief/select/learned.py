"""The learned selector: a gradient-boosted regressor predicts how much of the reference summary a
sentence would cover (mean of its ROUGE-1 and ROUGE-2 precision against the reference), then MMR
picks under the budget. Trained by `newsbrief train` (see `newsbrief.train`); the shipped model
file was trained on the Multi-News dev file and is loaded once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.errors import ModelError
from newsbrief.models import MODELS, load_model
from newsbrief.represent import Representation
from newsbrief.select.features import feature_names, sentence_features
from newsbrief.select.support import mmr_select

MODEL_PATH = MODELS / "scorer.zip"
MODEL_PATHS = {"tfidf": MODEL_PATH, "minilm": MODELS / "scorer-minilm.zip", "static": MODELS / "scorer-static.zip"}
REDUNDANCY = 0.4  # MMR λ, tuned with cross-validated predictions
ON_TOPIC = 0.02  # least TF-IDF cosine to some other sentence of the cluster
MIN_SENTENCES_FOR_TOPIC = 3  # with fewer sentences there is no "rest of the cluster" to compare with
MAX_POSITION = 10  # only each article's first 10 sentences are eligible: +0.1 R-1, +0.25 R-2 in CV (6: −1.3, 15: ±0)


@lru_cache(maxsize=8)
def load_scorer(path: str | Path = MODEL_PATH, *, encoder: str = "tfidf") -> Any:
    """The trained model; a ModelError says how to retrain it when it cannot be read or is stale."""
    retrain = f"newsbrief train --encoder {encoder} ../shared/data/multinews-dev.jsonl"
    saved = load_model(path, retrain=retrain)
    if tuple(saved.meta.get("features", ())) != feature_names(encoder):
        raise ModelError(f"{path} was trained on other features; retrain with `{retrain}`")
    return saved.model


def learned_scores(rep: Representation, *, scorer: Any = None) -> np.ndarray:
    """Predicted coverage of the reference for every sentence."""
    if len(rep) == 0:
        return np.zeros(0)
    model = scorer if scorer is not None else load_scorer(MODEL_PATHS[rep.encoder], encoder=rep.encoder)
    features = sentence_features(rep)
    # A cluster is a few dozen rows: OpenMP threads only cost here, and on a busy machine they
    # spin (a 25 ms brief took 1 s). Batch workers and the service already run one cluster per core.
    with _threads().limit(limits=1, user_api="openmp"):
        return np.asarray(model.predict(features), dtype=np.float64)


@lru_cache(maxsize=1)
def _threads() -> Any:
    """Finding the loaded thread pools takes milliseconds, so it is done once per process."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def learned(rep: Representation, *, words: int, scorer: Any = None) -> list[int]:
    scores = learned_scores(rep, scorer=scorer)
    return mmr_select(scores, rep, words=words, redundancy=REDUNDANCY, candidates=eligible(rep))


def eligible(rep: Representation) -> np.ndarray:
    """The sentences the learned selector may pick: the model over-rates some deep sentences, and a
    sentence sharing no content word with any other sentence of the cluster is off the story (an
    unrelated video's teaser) or cannot stand alone ("We must search for it.")."""
    candidates = rep.position < MAX_POSITION
    if len(rep) >= MIN_SENTENCES_FOR_TOPIC:
        rows = np.flatnonzero(candidates)
        nearest = rep.similarity[rows]  # fancy indexing copies: only the candidates' rows, not n × n
        nearest[np.arange(len(rows)), rows] = 0.0  # a sentence's similarity to itself
        on_topic = np.zeros_like(candidates)
        on_topic[rows] = nearest.max(axis=1, initial=0.0) >= ON_TOPIC
        candidates = on_topic if on_topic.any() else candidates  # a cluster of unrelated sentences still gets a brief
    return candidates
