"""The default selector: what many articles report, said early, in a full-length sentence.

Score = centrality (cosine to the cluster centroid) + cross-article support (share of other
articles with a close sentence) + a lead prior (news puts the key facts first) + a length prior
(fragments and run-on lists make poor brief sentences). Sentences are then taken greedily by
maximal marginal relevance (Carbonell & Goldstein, 1998): score minus λ × the closest
already-chosen sentence, under the word budget. Weights were tuned on the Multi-News dev file.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse

from newsbrief.limits import ATTRIBUTION_THRESHOLD, BUDGET_TOLERANCE
from newsbrief.represent import Representation
from newsbrief.select.readable import ReadingCues, choose_opening, reading_cues, same_quotation

SUPPORT_SIMILARITY = 0.3  # cosine at which another article's sentence counts as support
WEIGHTS = {"centrality": 1.0, "support": 0.5, "lead": 0.6, "length": 0.3}
REDUNDANCY = 0.6  # λ of MMR


def centrality(rep: Representation, vectors: Any = None) -> np.ndarray:
    """Cosine of each sentence to the cluster centroid (of the TF-IDF rows unless `vectors` is given)."""
    vectors = rep.vectors if vectors is None else vectors
    center = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(center)
    return np.asarray(vectors @ (center / norm if norm else center)).ravel()


def cross_article_support(
    rep: Representation, *, threshold: float = SUPPORT_SIMILARITY, similarity: np.ndarray | None = None
) -> np.ndarray:
    """Share of the *other* articles that have a sentence with cosine ≥ threshold to this one."""
    n_articles = len(rep.articles)
    if n_articles < 2 or len(rep) == 0:
        return np.zeros(len(rep))
    similarity = rep.similarity if similarity is None else similarity
    order = np.argsort(rep.article, kind="stable")  # rows already run article by article: then a no-op
    present, starts = np.unique(rep.article[order], return_index=True)
    best = np.full((len(rep), n_articles), -1.0)
    best[:, present] = np.maximum.reduceat(similarity[:, order], starts, axis=1)  # each article's closest sentence
    supported = best >= threshold
    supported[np.arange(len(rep)), rep.article] = False
    return supported.sum(axis=1) / (n_articles - 1)


def lead_prior(rep: Representation) -> np.ndarray:
    return 1.0 / np.sqrt(1.0 + rep.position)


def length_prior(rep: Representation) -> np.ndarray:
    """1 for 15–40 words, falling off for fragments and run-ons."""
    w = rep.words.astype(np.float64)
    return np.clip(np.minimum(w / 15.0, 40.0 / np.maximum(w, 1.0)), 0.0, 1.0)


def importance(rep: Representation, weights: dict[str, float] = WEIGHTS) -> np.ndarray:
    return (
        weights["centrality"] * centrality(rep)
        + weights["support"] * cross_article_support(rep)
        + weights["lead"] * lead_prior(rep)
        + weights["length"] * length_prior(rep)
    )


CONTINUATION = 0.3  # bonus (share of the score range) for the sentence right after a chosen one: briefs read in runs
SAME_FACT_WORDS = 2  # content words, beside a shared figure, that make two sentences one fact
CONTAINED = 0.8  # share of one sentence's content words found in another that makes them repeats


def mmr_select(
    scores: np.ndarray,
    rep: Representation,
    *,
    words: int,
    redundancy: float = REDUNDANCY,
    candidates: np.ndarray | None = None,
    readable: bool = True,
    opening: bool = True,
) -> list[int]:
    """Greedy maximal marginal relevance under the budget (never more than budget +15%).

    candidates: optional boolean mask of the sentences that may be chosen.
    readable: apply the reading rules of `newsbrief.select.readable`: the first sentence returned
    is the brief's opening; a sentence that depends on the one before it in its article ("He
    added ...") is taken only after that one, or together with it when the pair is worth more
    than any single sentence; sentences cut off in their source are never chosen; no two
    sentences carry the same quotation.
    """
    high = words * (1 + BUDGET_TOLERANCE)
    n = len(rep)
    available = np.ones(n, dtype=bool) if candidates is None else candidates.copy()
    cues = reading_cues(rep) if readable and n else None
    if cues is not None:
        available &= ~cues.unusable
    closest = np.zeros(n)
    chosen: list[int] = []
    total = 0
    tiebreak = -1e-9 * np.arange(n)  # earlier sentence wins exact ties, deterministically
    # Content words two sentences share, among the sentences that can be chosen (one sparse product, not one per pick).
    pool = np.flatnonzero(available)
    terms = sparse.csr_matrix(rep.vectors[pool] != 0, dtype=np.float32)
    term_counts = np.maximum(np.asarray(terms.sum(axis=1)).ravel(), 1.0)
    shared_terms = (terms @ terms.T).toarray()
    slot = np.full(n, -1)
    slot[pool] = np.arange(len(pool))
    unlocked = np.zeros(n, dtype=bool)  # its predecessor is chosen, so a dependent sentence may follow it
    fits = available & (rep.words <= high)  # the opening obeys the budget like any sentence
    continuation = CONTINUATION * float(np.ptp(scores)) if n else 0.0
    first = choose_opening(scores, rep, cues, candidates=fits, threshold=ATTRIBUTION_THRESHOLD) if cues is not None and opening else None

    def take(best: int) -> None:
        nonlocal total, closest
        chosen.append(best)
        total += int(rep.words[best])
        available[best] = False
        closest = np.maximum(closest, rep.similarity[best])
        # Two sentences one of which holds nearly all the other's content words repeat each other
        # ("Four firefighters were treated, Okafor said." and "No one died, but four firefighters
        # were treated ..."), however low their cosine; only the first chosen is kept.
        shared = shared_terms[slot[best]]
        repeats = pool[(shared / term_counts >= CONTAINED) | (shared / term_counts[slot[best]] >= CONTAINED)]
        available[repeats] = False
        if cues is not None:
            available[rep.similarity[best] >= ATTRIBUTION_THRESHOLD] = False  # states the same thing: a repeat
            unlocked[cues.predecessor == best] = True
            if cues.figures[best]:  # the same figure and a few words: the same fact restated
                restated = [
                    i for i in np.flatnonzero(available)
                    if cues.figures[i] & cues.figures[best] and shared[slot[i]] >= SAME_FACT_WORDS
                ]  # fmt: skip
                available[restated] = False
            if cues.quotes[best]:
                quoted = [i for i in np.flatnonzero(available) if cues.quotes[i] and same_quotation(cues.quotes[best], cues.quotes[i])]
                available[quoted] = False

    if first is not None:
        take(first)
        # The brief opens with it: what its article says before it would have to come first.
        available[(rep.article == rep.article[first]) & (rep.position < rep.position[first])] = False
    while total < words:
        available &= rep.words + total <= high
        gain = scores - redundancy * closest + tiebreak
        if cues is not None:
            gain = gain + continuation * unlocked  # the next sentence of a chosen one reads on from it
        if cues is None:
            if not available.any():
                break
            take(int(np.argmax(np.where(available, gain, -np.inf))))
            continue
        single = np.where(available & (~cues.depends | unlocked), gain, -np.inf)
        pair = _pair_gains(gain, rep, cues, available, unlocked, room=high - total)
        if max(single.max(initial=-np.inf), pair.max(initial=-np.inf)) == -np.inf:
            break
        if pair.max(initial=-np.inf) > single.max(initial=-np.inf):
            dependent = int(np.argmax(pair))
            take(int(cues.predecessor[dependent]))  # the sentence that introduces the referent, read first
            if available[dependent]:
                take(dependent)
        else:
            take(int(np.argmax(single)))
    return chosen


def _pair_gains(
    gain: np.ndarray, rep: Representation, cues: ReadingCues, available: np.ndarray, unlocked: np.ndarray, *, room: float
) -> np.ndarray:
    """The gain of taking a dependent sentence together with the one before it that it needs (their
    mean gain), for every dependent sentence whose predecessor is available, needs nothing itself,
    and fits with it in the room left; -inf elsewhere."""
    predecessor = cues.predecessor
    has = predecessor >= 0
    safe = np.where(has, predecessor, 0)
    possible = (
        has
        & available
        & cues.depends
        & ~unlocked
        & available[safe]
        & (~cues.depends[safe] | unlocked[safe])
        & (rep.words + rep.words[safe] <= room)
    )
    return np.where(possible, (gain + gain[safe]) / 2, -np.inf)


def support(rep: Representation, *, words: int) -> list[int]:
    return mmr_select(importance(rep), rep, words=words)
