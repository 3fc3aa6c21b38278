"""What the new articles add: a centroid of the new sentences weighted towards the words that are new.

An update brief that only drops the sentences the reader already knows still ranks the rest by how
central they are to the new articles, and the new articles keep retelling the background (the same
names, places and earlier events). Novelty here is scored positively, as in the update-summarization
systems of DUC 2007–TAC 2008 (Boudin et al., 2008, "A scalable MMR approach to sentence scoring for
multi-document update summarization"; novelty-weighted centroids, Wan, 2008): each word of the new
sentences weighs by how much more the new articles use it than the earlier ones,

    novelty(w) = max(0, new(w) − earlier(w)) / new(w)

with new(w), earlier(w) the shares of the new and of the earlier sentences that use w (1 for a word
the earlier articles never used, 0 for one they used as much). The novelty centroid is the mean TF-IDF
row of the new sentences with each word scaled by novelty(w)^NOVELTY_SHARPNESS; a sentence's novelty is
its cosine to it: high when it says what many new sentences say and the earlier ones did not.
"""

from __future__ import annotations

import numpy as np

from newsbrief.represent import Representation

NOVELTY_SHARPNESS = 1.0
CONCEPT_ARTICLES = 2
LENGTH_POWER = 0.0
KIND = "centroid"


def novelty(rep: Representation, *, sharpness: float | None = None) -> np.ndarray:
    """(n,) cosine of every sentence to the novelty-weighted centroid of the new sentences (zeros
    without earlier articles)."""
    if KIND == "bigrams":
        return novel_bigrams(rep)
    if KIND == "both":
        from newsbrief.select.readable import unit_scale

        pairs = [set(zip(t, t[1:], strict=False)) for t in rep.tokens]
        share = np.array([len(p - rep.earlier_bigrams) / max(1, len(p)) for p in pairs])
        return unit_scale(centroid_novelty(rep)) + unit_scale(share)
    return centroid_novelty(rep)


def centroid_novelty(rep: Representation, *, sharpness: float | None = None) -> np.ndarray:
    earlier = None if rep.earlier_term_share is None else rep.earlier_term_share.ravel()
    if earlier is None or len(rep) == 0 or rep.counts is None:
        return np.zeros(len(rep))
    new = np.asarray((rep.counts > 0).mean(axis=0)).ravel()  # same vocabulary as `earlier`
    weight = np.clip(new - earlier, 0.0, None) / np.maximum(new, 1e-12)
    weight **= NOVELTY_SHARPNESS if sharpness is None else sharpness
    center = np.asarray(rep.vectors.mean(axis=0)).ravel() * weight
    norm = float(np.linalg.norm(center))
    if norm == 0.0:
        return np.zeros(len(rep))
    return np.asarray(rep.vectors @ (center / norm)).ravel()


def novel_bigrams(rep: Representation) -> np.ndarray:
    """(n,) sum over each sentence's distinct pairs of adjacent content words that no earlier sentence
    uses of the number of new articles that use the pair (concepts as in Gillick & Favre, 2009)."""
    if rep.earlier_term_share is None or len(rep) == 0:
        return np.zeros(len(rep))
    pairs = [set(zip(t, t[1:], strict=False)) - rep.earlier_bigrams for t in rep.tokens]
    articles: dict[tuple[str, str], set[int]] = {}
    for i, found in enumerate(pairs):
        for pair in found:
            articles.setdefault(pair, set()).add(int(rep.article[i]))
    weight = {pair: len(where) for pair, where in articles.items() if len(where) >= CONCEPT_ARTICLES}
    scores = np.array([sum(weight.get(pair, 0) for pair in found) for found in pairs], dtype=np.float64)
    return scores / np.maximum(rep.words, 1) ** LENGTH_POWER
