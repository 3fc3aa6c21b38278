"""Train the learned sentence scorer from clusters with reference summaries.

Labels: for each sentence, the mean of its ROUGE-1 and ROUGE-2 precision against the reference
(how much of what it says the reference also says) — a soft oracle that ranks sentences instead
of the 0/1 labels of a greedy oracle, which leave most sentences tied at zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.dataset import Example
from newsbrief.models import save_model
from newsbrief.pipeline import read_cluster
from newsbrief.represent import Representation, represent
from newsbrief.select.features import feature_names, sentence_features


def prepare(example: Example, *, encoder: str = "tfidf") -> Representation:
    """The example's cluster as the selector sees it: the pipeline's front half, then the representation."""
    cluster = read_cluster(list(example.documents))
    return represent(cluster.cleaned, cluster.sentences, encoder=encoder)  # type: ignore[arg-type]


def oracle_labels(rep: Representation, references: Sequence[str]) -> np.ndarray:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    labels = np.zeros(len(rep))
    for i, sentence in enumerate(rep.sentences):
        best = 0.0
        for reference in references:
            s = scorer.score(reference, sentence.text)
            best = max(best, (s["rouge1"].precision + s["rouge2"].precision) / 2)
        labels[i] = best
    return labels


def fit(features: np.ndarray, labels: np.ndarray, *, seed: int = 0) -> Any:
    from sklearn.ensemble import HistGradientBoostingRegressor

    # All 80 trees on all the data: scikit-learn's automatic early stopping would hold out a random 10%
    # of the sentences (it turns on above 10,000 rows) and make the model depend on the seed.
    model = HistGradientBoostingRegressor(max_iter=80, learning_rate=0.12, max_leaf_nodes=15, early_stopping=False, random_state=seed)
    return model.fit(features, labels)


def training_matrices(examples: Sequence[Example], *, encoder: str = "tfidf") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and the cluster number of every sentence (for grouped cross-validation)."""
    xs, ys, groups = [], [], []
    for k, example in enumerate(examples):
        rep = prepare(example, encoder=encoder)
        if len(rep) == 0:
            continue
        xs.append(sentence_features(rep))
        ys.append(oracle_labels(rep, example.references))
        groups.append(np.full(len(rep), k))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def save(model: Any, path: str | Path, *, encoder: str = "tfidf") -> None:
    """A model file (`newsbrief.models`) the learned selector reads for `encoder`."""
    save_model(model, path, kind="sentence scorer", features=list(feature_names(encoder)), encoder=encoder)


def cross_validated_models(examples: Sequence[Example], *, folds: int = 5, encoder: str = "tfidf") -> list[Any]:
    """One model per example, each trained on the folds that do not contain that example."""
    x, y, groups = training_matrices(examples, encoder=encoder)
    fold_of = np.arange(len(examples)) % folds
    models: list[Any] = [None] * len(examples)
    for fold in range(folds):
        train = fold_of[groups] != fold
        model = fit(x[train], y[train])
        for k in np.flatnonzero(fold_of == fold):
            models[k] = model
    return models
