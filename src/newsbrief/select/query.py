"""Relevance of each sentence to a query-focused brief's question.

DUC-style topics are long narratives (a title and several sentences of "Discuss…", "Include…"),
so the plain cosine to the query misses most of what answers it.
"""

from __future__ import annotations

import numpy as np

from newsbrief.represent import Representation


def relevance(rep: Representation) -> np.ndarray:
    """(n,) relevance of every sentence to `rep.query` (zeros without a query)."""
    if rep.query_similarity is None:
        return np.zeros(len(rep))
    return rep.query_similarity
