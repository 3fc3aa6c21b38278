"""Word budget and reading order, shared by every selector so they compete on equal terms."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from newsbrief.config import BUDGET_TOLERANCE
from newsbrief.represent import Representation

NEAR_DUPLICATE = 0.7  # cosine above which two sentences say the same thing (wire copies)


def fill_budget(
    ranked: Iterable[int], rep: Representation, *, words: int, redundancy: float | None = NEAR_DUPLICATE
) -> list[int]:
    """Take sentences in rank order until the budget is met, never passing budget +15%.

    A sentence too similar to one already taken (cosine > redundancy) is skipped.
    """
    high = words * (1 + BUDGET_TOLERANCE)
    chosen: list[int] = []
    total = 0
    for i in ranked:
        if total >= words:
            break
        length = int(rep.words[i])
        if total + length > high:
            continue
        if redundancy is not None and chosen and rep.similarity[i, chosen].max() > redundancy:
            continue
        chosen.append(int(i))
        total += length
    return chosen


def order_for_reading(chosen: list[int], rep: Representation) -> list[int]:
    """Lead material first: by relative position in its article, then publication time, article."""
    published = [a.published or "" for a in rep.articles]

    def key(i: int) -> tuple[float, str, int, int]:
        s = rep.sentences[i]
        return (round(float(rep.relative_position[i]), 1), published[s.article], s.article, s.index)

    return sorted(chosen, key=key)


def by_score(scores: np.ndarray, rep: Representation) -> list[int]:
    """Indices by descending score, ties broken by (article, position) for determinism."""
    return sorted(range(len(scores)), key=lambda i: (-scores[i], rep.article[i], rep.position[i]))
