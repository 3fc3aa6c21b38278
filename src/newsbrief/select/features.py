"""Per-sentence features for the learned scorer: where a sentence sits, how central and how widely
reported it is, and what it contains. All come from the shared Representation; nothing is recomputed."""

from __future__ import annotations

import re

import numpy as np

from newsbrief.represent import Representation
from newsbrief.select.support import centrality, cross_article_support, length_prior

FEATURE_NAMES = (
    "position",
    "relative_position",
    "article",
    "articles",
    "article_sentences",
    "centrality",
    "support",
    "mean_similarity",
    "words",
    "length_prior",
    "lead_similarity",
    "has_quote",
    "has_number",
    "capitalized_share",
)
# Read when the representation carries dense embeddings (encoder "minilm" or "static"): the same
# centrality / support / lead-agreement signals, in a space where paraphrases are close.
SEMANTIC_FEATURE_NAMES = (
    "semantic_centrality",
    "semantic_support",
    "semantic_support_strict",
    "semantic_mean_similarity",
    "semantic_lead_similarity",
)
SEMANTIC_SUPPORT = (0.5, 0.7)  # cosines at which another article's sentence says roughly / nearly the same


def feature_names(encoder: str) -> tuple[str, ...]:
    return FEATURE_NAMES if encoder == "tfidf" else FEATURE_NAMES + SEMANTIC_FEATURE_NAMES
_QUOTE = re.compile(r"[\"“”]")
_NUMBER = re.compile(r"\d")


def sentence_features(rep: Representation) -> np.ndarray:
    """(n_sentences, len(feature_names(rep.encoder))) float matrix."""
    n = len(rep)
    is_lead = rep.position == 0
    lead_similarity = rep.similarity[:, is_lead].max(axis=1) if is_lead.any() else np.zeros(n)
    article_sentences = np.bincount(rep.article, minlength=len(rep.articles))[rep.article]
    texts = [s.text for s in rep.sentences]
    capitalized = [sum(w[:1].isupper() for w in t.split()) / max(1, len(t.split())) for t in texts]
    base = np.column_stack(
        [
            rep.position,
            rep.relative_position,
            rep.article,
            np.full(n, len(np.unique(rep.article))),
            article_sentences,
            centrality(rep),
            cross_article_support(rep),
            rep.similarity.mean(axis=1),
            rep.words,
            length_prior(rep),
            lead_similarity,
            [bool(_QUOTE.search(t)) for t in texts],
            [bool(_NUMBER.search(t)) for t in texts],
            capitalized,
        ]
    ).astype(np.float64)
    if rep.semantic_similarity is None:
        return base
    semantic = rep.semantic_similarity
    return np.column_stack(
        [
            base,
            centrality(rep, rep.embeddings),
            cross_article_support(rep, similarity=semantic, threshold=SEMANTIC_SUPPORT[0]),
            cross_article_support(rep, similarity=semantic, threshold=SEMANTIC_SUPPORT[1]),
            semantic.mean(axis=1),
            semantic[:, is_lead].max(axis=1) if is_lead.any() else np.zeros(n),
        ]
    )
