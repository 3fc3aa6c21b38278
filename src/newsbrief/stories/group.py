"""Grouping articles into stories: single-pass average-linkage clustering, then a merge pass.

Articles are taken in arrival order (publication time when known, else input order). Each joins
the story whose members it resembles most on average, if that average cosine reaches the
threshold, or opens a new story. Average linkage rather than similarity to a centroid: a
centroid of many loosely related articles drifts toward common words and pulls in anything, the
mean similarity to the members does not. After the pass, stories that were touched are merged
with any story whose members resemble theirs on average above the same threshold: a story
whose first two articles happened to look unalike is mended, in whichever order articles came.

This is the classic online clustering of topic detection and tracking (Allan et al., SIGIR 1998;
Yang et al., "A study of retrospective and on-line event detection", SIGIR 1998), with the
time window used there as a hard block: an article only joins a story active within
`window_days` of its publication time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsbrief.errors import ConfigError
from newsbrief.stories.index import StoryIndex

# Chosen with represent.LEAD_WORDS and IDF_POWER on the even-numbered Multi-News dev clusters (best
# B-cubed F1 averaged over 3 shuffles and over the threshold ± 0.01), then scored once on the odd-numbered
# ones (docs/stories.md, `benchmarks/stories.py --parts tune`).
DEFAULT_THRESHOLD = 0.10
DEFAULT_WINDOW_DAYS = 7.0
CHUNK = 1000  # articles scored against the index in one sparse product
MERGE_ROUNDS = 8


@dataclass(frozen=True)
class Grouping:
    """Story row of every article (in input order), and which stories a run created, grew or absorbed."""

    rows: np.ndarray
    touched: frozenset[int]
    merged: tuple[tuple[int, int], ...]  # (kept row, absorbed row), in the order applied


def check_options(threshold: float, window_days: float) -> None:
    if not 0.0 < threshold < 1.0:
        raise ConfigError(f"threshold must be between 0 and 1 (a cosine similarity), got {threshold}")
    if not window_days > 0:
        raise ConfigError(f"window_days must be positive, got {window_days}")


def arrival_order(times: np.ndarray) -> np.ndarray:
    """Publication time order; undated articles after the dated ones, in input order."""
    return np.argsort(np.where(np.isnan(times), np.inf, times), kind="stable")


def _within(first: float, last: float, time: float, window: float) -> bool:
    if math.isnan(time) or math.isnan(first):
        return True
    return first - window <= time <= last + window


def group(
    vectors: sparse.csr_matrix,
    times: np.ndarray,
    index: StoryIndex,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: float = DEFAULT_WINDOW_DAYS,
    chunk: int = CHUNK,
) -> Grouping:
    """Assign articles (L2-normalised rows) to the stories of `index`, opening new ones as needed,
    then merge touched stories; the index is updated in place."""
    check_options(threshold, window_days)
    rows = np.full(vectors.shape[0], -1, dtype=np.int64)
    touched: set[int] = set()
    order = arrival_order(times)
    for start in range(0, len(order), chunk):
        batch = order[start : start + chunk]
        assigned = _assign_batch(vectors[batch], times[batch], index, threshold=threshold, window=window_days)
        rows[batch] = assigned
        touched.update(assigned.tolist())
    merged = merge_stories(index, touched, threshold=threshold, window_days=window_days)
    if merged:
        final = _resolve(merged)
        rows = np.array([final.get(r, r) for r in rows.tolist()], dtype=np.int64)
        touched = {final.get(r, r) for r in touched}
    return Grouping(rows=rows, touched=frozenset(touched), merged=tuple(merged))


def _assign_batch(vectors: sparse.csr_matrix, times: np.ndarray, index: StoryIndex, *, threshold: float, window: float) -> np.ndarray:
    """Sequential assignment within a batch, from two sparse products computed up front: articles
    × existing story sums, and articles × each other (a story's sum grows with the batch's members).

    Only pairs that can win are visited in Python: a story untouched by the batch keeps its sum
    and size, so it can only win if its score at the start of the batch reaches the threshold;
    a story the batch touched is reached through the article's similarity to its new members.
    """
    known = times[~np.isnan(times)]
    span = (float(known.min()) - window, float(known.max()) + window) if len(known) else (math.nan, math.nan)
    rows = index.active(*span)
    to_index = index.scores(vectors, rows)
    strong = _above(to_index, index.sizes[rows].astype(np.float32), threshold)
    to_batch = sparse.tril(vectors @ vectors.T, k=-1, format="csr")
    n_old, n_new = len(index), 0
    sizes: dict[int, int] = {}
    spans: dict[int, tuple[float, float]] = {}
    story = np.empty(vectors.shape[0], dtype=np.int64)
    members: dict[int, list[int]] = {}
    for i in range(vectors.shape[0]):
        totals: dict[int, float] = {}
        lo, hi = to_batch.indptr[i], to_batch.indptr[i + 1]
        for other, value in zip(to_batch.indices[lo:hi].tolist(), to_batch.data[lo:hi].tolist(), strict=True):
            row = int(story[other])
            totals[row] = totals.get(row, 0.0) + value
        for row in [r for r in totals if r < n_old]:
            totals[row] += _entry(to_index, i, int(np.searchsorted(rows, row)), rows, row)
        lo, hi = strong.indptr[i], strong.indptr[i + 1]
        for column, value in zip(strong.indices[lo:hi].tolist(), strong.data[lo:hi].tolist(), strict=True):
            totals.setdefault(int(rows[column]), value)
        time = float(times[i])
        best, best_score = -1, threshold
        for row, total in totals.items():
            size = sizes[row] if row in sizes else int(index.sizes[row])
            score = total / size
            if score < best_score or score == best_score and best != -1 and row > best:
                continue
            first, last = spans[row] if row in spans else (float(index.first[row]), float(index.last[row]))
            if _within(first, last, time, window):
                best, best_score = row, score
        if best == -1:
            best, n_new = n_old + n_new, n_new + 1
            sizes[best], spans[best] = 0, (math.nan, math.nan)
        story[i] = best
        members.setdefault(best, []).append(i)
        sizes[best] = (sizes[best] if best in sizes else int(index.sizes[best])) + 1
        first, last = spans[best] if best in spans else (float(index.first[best]), float(index.last[best]))
        if not math.isnan(time):
            first, last = (time, time) if math.isnan(first) else (min(first, time), max(last, time))
        spans[best] = (first, last)
    index.extend(members, n_old + n_new, vectors, times)
    return story


def _above(products: sparse.csr_matrix, column_sizes: np.ndarray, threshold: float) -> sparse.csr_matrix:
    """The entries of `products` whose average (value / column size) reaches the threshold."""
    keep = products.data >= threshold * column_sizes[products.indices]
    rows = np.repeat(np.arange(products.shape[0]), np.diff(products.indptr))[keep]
    return sparse.csr_matrix((products.data[keep], (rows, products.indices[keep])), shape=products.shape)


def _entry(products: sparse.csr_matrix, i: int, column: int, rows: np.ndarray, row: int) -> float:
    """products[i, column] if `column` is the column of story `row`, else 0 (the story is not active)."""
    if column >= len(rows) or rows[column] != row:
        return 0.0
    lo, hi = products.indptr[i], products.indptr[i + 1]
    at = lo + int(np.searchsorted(products.indices[lo:hi], column))
    return float(products.data[at]) if at < hi and products.indices[at] == column else 0.0


def merge_stories(index: StoryIndex, touched: set[int], *, threshold: float, window_days: float) -> list[tuple[int, int]]:
    """Merge touched stories into any story whose members they resemble on average ≥ threshold.

    The older story (lower row) absorbs the newer one, so the ids readers know survive. Each round
    merges disjoint pairs, best first, and re-scores the stories it changed.
    """
    merged: list[tuple[int, int]] = []
    pending = {r for r in touched if index.alive[r]}
    for _ in range(MERGE_ROUNDS):
        candidates = sorted(r for r in pending if index.alive[r])
        if not candidates:
            break
        pairs = _merge_candidates(index, candidates, threshold=threshold, window=window_days)
        used: set[int] = set()
        chosen: list[tuple[int, int]] = []
        for _score, a, b in sorted(pairs):
            if a not in used and b not in used:
                chosen.append((a, b))
                used.update((a, b))
        if not chosen:
            break
        index.merge(chosen)
        merged.extend(chosen)
        pending = {a for a, _ in chosen}
    return merged


def _merge_candidates(index: StoryIndex, candidates: list[int], *, threshold: float, window: float) -> list[tuple[float, int, int]]:
    """(−average similarity, older row, newer row) of story pairs above the threshold."""
    by_time = sorted(candidates, key=lambda r: (math.inf if math.isnan(index.first[r]) else index.first[r], r))
    pairs: dict[tuple[int, int], float] = {}
    for start in range(0, len(by_time), CHUNK):
        block = np.array(by_time[start : start + CHUNK])
        firsts, lasts = index.first[block], index.last[block]
        dated = ~np.isnan(firsts)
        span = (float(firsts[dated].min()) - window, float(lasts[dated].max()) + window) if dated.all() else (math.nan, math.nan)
        rows = index.active(*span)
        products = index.scores(index.sums(block), rows).tocoo()
        a, b = block[products.row], rows[products.col]
        averages = products.data / (index.sizes[a] * index.sizes[b])
        keep = (averages >= threshold) & (a != b)
        for x, y, score in zip(a[keep].tolist(), b[keep].tolist(), averages[keep].tolist(), strict=True):
            if _spans_meet(index, x, y, window):
                pairs[(min(x, y), max(x, y))] = score
    return [(-score, a, b) for (a, b), score in pairs.items()]


def _spans_meet(index: StoryIndex, a: int, b: int, window: float) -> bool:
    if math.isnan(index.first[a]) or math.isnan(index.first[b]):
        return True
    return index.first[a] - window <= index.last[b] and index.first[b] - window <= index.last[a]


def _resolve(merged: list[tuple[int, int]]) -> dict[int, int]:
    """Where each absorbed row ended up, following chains (c into b, then b into a)."""
    parent: dict[int, int] = {}
    for kept, absorbed in merged:
        parent[absorbed] = kept
    final: dict[int, int] = {}
    for row in parent:
        target = parent[row]
        while target in parent:
            target = parent[target]
        final[row] = target
    return final
