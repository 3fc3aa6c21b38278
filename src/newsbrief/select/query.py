"""Relevance of each sentence to a query-focused brief's question, with the query expanded from the cluster.

A DUC-style topic is a narrative ("Steroid use among female athletes. Discuss the prevalence ...
Include information regarding trends, side effects and consequences"): its words name the subject,
not the facts that answer it, and the plain cosine to it favours sentences that repeat the
question's wording. Pseudo-relevance feedback (Rocchio, 1971; as in query-focused LexRank,
Otterbacher et al., 2005) adds the words of the sentences that best match the query: the expanded
query is the query's TF-IDF row plus PRF_WEIGHT × the normalised centroid of the PRF_SENTENCES
sentences closest to it, so "side effects" also finds "liver damage" and "acne" where the cluster
says them together. Weights were chosen on the DUC 2006 dev topics (`benchmarks/duc.py`).
"""

from __future__ import annotations

import numpy as np

from newsbrief.represent import Representation

PRF_SENTENCES = 20  # sentences whose words expand the query (10: −0.3 R-2, 40: −0.4 on DUC 2006 dev)
PRF_WEIGHT = 1.0  # their centroid's weight beside the query's own words (0.5 and 2.0 were lower)


def relevance(rep: Representation) -> np.ndarray:
    """(n,) cosine of every sentence to the expanded `rep.query` (zeros without a query)."""
    if rep.query_similarity is None or rep.query_vector is None or len(rep) == 0:
        return np.zeros(len(rep))
    query = np.asarray(rep.query_vector.todense()).ravel()
    query /= max(float(np.linalg.norm(query)), 1e-12)
    # A small cluster's 20 best would be most of it: at most a twentieth of the sentences, all with a query word.
    depth = min(PRF_SENTENCES, max(1, len(rep) // 20), int((rep.query_similarity > 0).sum()))
    if depth == 0:
        return rep.query_similarity
    top = np.argsort(-rep.query_similarity, kind="stable")[:depth]
    feedback = np.asarray(rep.vectors[top].mean(axis=0)).ravel()
    feedback /= max(float(np.linalg.norm(feedback)), 1e-12)
    expanded = query + PRF_WEIGHT * feedback
    expanded /= max(float(np.linalg.norm(expanded)), 1e-12)
    return np.asarray(rep.vectors @ expanded).ravel()
