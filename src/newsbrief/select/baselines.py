"""The classic extractive baselines, on the same sentences, vectors and budget as newsbrief.

lead: first sentences of each article in turn. lexrank: Erkan & Radev (2004), continuous
LexRank (cosine-weighted graph, PageRank with damping 0.85). textrank: Mihalcea & Tarau (2004),
word-overlap similarity normalised by log lengths. centroid: Radev et al. (2004), cosine to the
cluster's TF-IDF centroid. All drop near-duplicates (cosine > 0.7), as the originals' rerankers do.
"""

from __future__ import annotations

import math
from itertools import zip_longest

import numpy as np

from newsbrief.represent import Representation
from newsbrief.select.budget import by_score, fill_budget


def lead(rep: Representation, *, words: int) -> list[int]:
    by_article: dict[int, list[int]] = {}
    for i, s in enumerate(rep.sentences):
        by_article.setdefault(s.article, []).append(i)
    round_robin = [i for row in zip_longest(*by_article.values()) for i in row if i is not None]
    return fill_budget(round_robin, rep, words=words)


def pagerank(weights: np.ndarray, *, damping: float = 0.85, iterations: int = 100, tol: float = 1e-6) -> np.ndarray:
    """Stationary distribution of a random walk over a weighted graph (power iteration)."""
    n = len(weights)
    if n == 0:
        return np.zeros(0)
    out = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, out, out=np.full_like(weights, 1.0 / n), where=out > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - damping) / n + damping * (rank @ transition)
        if np.abs(new - rank).sum() < tol:
            return new
        rank = new
    return rank


def lexrank_scores(rep: Representation) -> np.ndarray:
    """Continuous LexRank centrality of every sentence (the cosine graph without self-loops)."""
    weights = rep.similarity.astype(np.float64)  # a copy: the shared matrix keeps its diagonal
    np.fill_diagonal(weights, 0.0)
    return pagerank(weights)


def lexrank(rep: Representation, *, words: int) -> list[int]:
    return fill_budget(by_score(lexrank_scores(rep), rep), rep, words=words)


def textrank(rep: Representation, *, words: int) -> list[int]:
    tokens = [set(t) for t in rep.tokens]
    n = len(tokens)
    weights = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            overlap = len(tokens[i] & tokens[j])
            if overlap and len(tokens[i]) > 1 and len(tokens[j]) > 1:
                weights[i, j] = weights[j, i] = overlap / (math.log(len(tokens[i])) + math.log(len(tokens[j])))
    return fill_budget(by_score(pagerank(weights), rep), rep, words=words)


def centroid(rep: Representation, *, words: int) -> list[int]:
    center = np.asarray(rep.vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(center)
    scores = np.asarray(rep.vectors @ (center / norm if norm else center)).ravel()
    return fill_budget(by_score(scores, rep), rep, words=words)
