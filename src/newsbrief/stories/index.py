"""Candidate retrieval for story grouping: an inverted index over story term sums, blocked by time.

Each story is kept as the sum of its articles' vectors (`sums`, one sparse row per story) and
its size, so the average similarity of an article to a story's members (average linkage) is
one dot product: x · sum / size. Scoring a batch of articles is the sparse product
`X @ sums[active].T`, which scipy computes by walking, for every term of an article, the list
of stories that contain it: an inverted index, whose cost is the length of the postings of the
article's terms, not the number of stories. Two things keep those postings short as a pile
grows: article vectors keep only their heaviest terms (`represent.KEEP_FEATURES`), so words
common to every story rarely survive; and stories outside the time window of the batch are not
searched at all (blocking by time), which bounds the postings of a 100k-article stream by what
is active in a few days of news.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse

from newsbrief.stories.represent import N_FEATURES


class StoryIndex:
    """Story sums, sizes and time spans, addressed by row; rows are never renumbered.

    A merged-away story keeps its row with `alive` False, so row numbers stay valid ids.
    """

    def __init__(self, n_features: int = N_FEATURES) -> None:
        self.sums = sparse.csr_matrix((0, n_features), dtype=np.float32)
        self.sizes = np.zeros(0, dtype=np.int64)
        self.first = np.zeros(0, dtype=np.float64)  # earliest publication time (days), NaN if none known
        self.last = np.zeros(0, dtype=np.float64)
        self.alive = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return self.sums.shape[0]

    def active(self, start: float, end: float) -> np.ndarray:
        """Rows of live stories whose time span overlaps [start, end]; stories without a date always do."""
        rows = self.alive.copy()
        if not math.isnan(start) and not math.isnan(end):
            undated = np.isnan(self.first)
            rows &= undated | ((self.first <= end) & (self.last >= start))
        return np.flatnonzero(rows)

    def scores(self, vectors: sparse.csr_matrix, rows: np.ndarray) -> sparse.csr_matrix:
        """Dot products of each article with the sums of the stories in `rows` (columns follow `rows`)."""
        if len(rows) == 0:
            return sparse.csr_matrix((vectors.shape[0], 0), dtype=np.float32)
        return (vectors @ self.sums[rows].T).tocsr()

    def extend(self, members: dict[int, list[int]], n_rows: int, vectors: sparse.csr_matrix, times: np.ndarray) -> None:
        """Add `vectors[members[row]]` to each story row; rows up to `n_rows` that do not exist yet are created."""
        if n_rows > len(self):
            grow = n_rows - len(self)
            self.sums = sparse.vstack([self.sums, sparse.csr_matrix((grow, self.sums.shape[1]), dtype=np.float32)]).tocsr()
            self.sizes = np.concatenate([self.sizes, np.zeros(grow, dtype=np.int64)])
            self.first = np.concatenate([self.first, np.full(grow, np.nan)])
            self.last = np.concatenate([self.last, np.full(grow, np.nan)])
            self.alive = np.concatenate([self.alive, np.ones(grow, dtype=bool)])
        rows = [story for story, arts in members.items() for _ in arts]
        cols = [article for arts in members.values() for article in arts]
        if not cols:
            return
        assignment = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(self), vectors.shape[0]))
        self.sums = (self.sums + assignment @ vectors).tocsr()
        for story, arts in members.items():
            self.sizes[story] += len(arts)
            known = times[arts][~np.isnan(times[arts])]
            if len(known):
                self.first[story] = _earliest(self.first[story], float(known.min()))
                self.last[story] = _latest(self.last[story], float(known.max()))

    def merge(self, pairs: list[tuple[int, int]]) -> None:
        """Fold story b into story a for each (a, b); each row appears in at most one pair."""
        if not pairs:
            return
        n = len(self)
        keep = np.ones(n, dtype=np.float32)
        rows, cols = list(range(n)), list(range(n))
        for a, b in pairs:
            keep[b] = 0.0
            rows.append(a)
            cols.append(b)
        data = np.concatenate([keep, np.ones(len(pairs), dtype=np.float32)])
        mover = sparse.csr_matrix((data, (rows, cols)), shape=(n, n))
        self.sums = (mover @ self.sums).tocsr()
        self.sums.eliminate_zeros()
        for a, b in pairs:
            self.sizes[a] += self.sizes[b]
            self.sizes[b] = 0
            self.first[a] = _earliest(self.first[a], self.first[b])
            self.last[a] = _latest(self.last[a], self.last[b])
            self.alive[b] = False


def _earliest(a: float, b: float) -> float:
    return b if math.isnan(a) else a if math.isnan(b) else min(a, b)


def _latest(a: float, b: float) -> float:
    return b if math.isnan(a) else a if math.isnan(b) else max(a, b)
