"""Word budget and reading order, shared by every selector so they compete on equal terms."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from newsbrief.limits import BUDGET_TOLERANCE
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


def order_for_reading(chosen: list[int], rep: Representation, *, opening: int | None = None) -> list[int]:
    """The order a reader follows: the opening first, then lead material before detail.

    Sentences that follow each other in one article stay together and in their article's order, so
    a sentence that depends on the one before it ("He added ...") is read right after it. Runs are
    ordered by relative position in their article (rounded: lead material of every article first),
    then publication time, then article. The run that holds the opening, when given, comes first
    (with its article's sentences before the opening, if chosen: the article's own lede leads).
    """
    published = [a.published or "" for a in rep.articles]
    runs: list[list[int]] = []
    for i in sorted(chosen, key=lambda i: (rep.sentences[i].article, rep.sentences[i].index)):
        s = rep.sentences[i]
        if runs:
            last = rep.sentences[runs[-1][-1]]
            if last.article == s.article and last.index == s.index - 1:
                runs[-1].append(i)
                continue
        runs.append([i])

    def key(run: list[int]) -> tuple[bool, float, str, int, int]:
        s = rep.sentences[run[0]]
        return (opening not in run, round(float(rep.relative_position[run[0]]), 1), published[s.article], s.article, s.index)

    return [i for run in sorted(runs, key=key) for i in run]


def by_score(scores: np.ndarray, rep: Representation) -> list[int]:
    """Indices by descending score, ties broken by (article, position) for determinism."""
    return sorted(range(len(scores)), key=lambda i: (-scores[i], rep.article[i], rep.position[i]))
