"""Group sentences of different articles that report the same fact.

Two sentences align when their similarity — TF-IDF cosine, or an embedding cosine when one is
given, plus a bonus for shared names and numbers — reaches the threshold the attribution uses.
A fact is seeded by its most widely supported sentence and takes, from every other article, that
article's best aligned sentence, so a fact's support counts articles, never near-duplicate
sentences of one article; and, given the groups of copies of one text, each group once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsbrief.represent import Representation

ALIGN_THRESHOLD = 0.35  # the attribution threshold: tuned on paraphrase pairs of the dev data
# A MiniLM cosine this high reads as a paraphrase; mapped onto ALIGN_THRESHOLD. On the seed cluster paraphrases of
# one fact score 0.86–0.94 and sentences that only share the story 0.69–0.78.
EMBEDDING_THRESHOLD = 0.82
ENTITY_WEIGHT = 0.15  # shared names and numbers: the facts a paraphrase cannot reword
ENTITY_FLOOR = 0.25  # ...but only for sentences already close in wording: a shared "Okafor said" is no fact
_ENTITY = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)*|\b\d[\d,.]*\b")


def entity_overlap(rep: Representation) -> np.ndarray:
    """(n, n) Jaccard overlap of the capitalised names and numbers of each pair of sentences."""
    sets = [frozenset(e.lower() for e in _ENTITY.findall(s.text)) for s in rep.sentences]
    vocabulary = {e: i for i, e in enumerate(sorted(set().union(*sets)))} if sets else {}
    n = len(sets)
    if not vocabulary:
        return np.zeros((n, n))
    member = np.zeros((n, len(vocabulary)), dtype=np.float32)
    for row, entities in enumerate(sets):
        member[row, [vocabulary[e] for e in entities]] = 1.0
    shared = member @ member.T
    sizes = member.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def alignment_scores(rep: Representation, *, embedding_similarity: np.ndarray | None = None) -> np.ndarray:
    """(n, n) alignment scores; pairs within one article are set to 0.

    embedding_similarity: an optional (n, n) dense cosine matrix (e.g. MiniLM); its scale differs
    from TF-IDF's, so it is shifted to make EMBEDDING_THRESHOLD land on ALIGN_THRESHOLD and the
    larger of the two readings counts.
    """
    scores = np.asarray(rep.similarity, dtype=np.float64).copy()
    if embedding_similarity is not None:
        dense = np.asarray(embedding_similarity, dtype=np.float64)
        if dense.shape != scores.shape:
            from newsbrief.errors import ConfigError

            raise ConfigError(f"embedding_similarity must be {scores.shape}, got {dense.shape}")
        scores = np.maximum(scores, dense - EMBEDDING_THRESHOLD + ALIGN_THRESHOLD)
    scores = scores + ENTITY_WEIGHT * entity_overlap(rep) * (scores >= ENTITY_FLOOR)
    scores[rep.article[:, None] == rep.article[None, :]] = 0.0
    return scores


def group_facts(
    rep: Representation, scores: np.ndarray, *, threshold: float = ALIGN_THRESHOLD, copies: Sequence[Sequence[int]] = ()
) -> list[list[int]]:
    """Facts as lists of sentence indices (one per supporting article, seed first), best supported first.

    copies: groups of articles that are copies of one text; "best supported" counts each group
    once, so a fact of one wire story printed three times does not outrank one of three outlets.
    """
    n = len(rep)
    n_articles = len(rep.articles)
    best = np.full((n, n_articles), -1, dtype=np.int64)
    for article in range(n_articles):
        members = np.flatnonzero(rep.article == article)
        if members.size == 0:
            continue
        column = members[np.argmax(scores[:, members], axis=1)]
        ok = scores[np.arange(n), column] >= threshold
        best[ok, article] = column[ok]
    articles = (best >= 0).sum(axis=1)
    support = independent_support(best >= 0, copies)
    strength = np.where(best >= 0, scores[np.arange(n)[:, None], np.maximum(best, 0)], 0.0).sum(axis=1)
    order = sorted(range(n), key=lambda i: (-support[i], -articles[i], -strength[i], rep.article[i], rep.position[i]))
    used = np.zeros(n, dtype=bool)
    facts = []
    for seed in order:
        if used[seed]:
            continue
        group = [seed] + [int(j) for j in best[seed] if j >= 0 and not used[j]]
        used[group] = True
        facts.append(group)
    return facts


def independent_support(present: np.ndarray, copies: Sequence[Sequence[int]] = ()) -> np.ndarray:
    """For each row of an (n, articles) membership matrix, how many independent sources it holds:
    the articles present, with each group of copies counted once."""
    counted = present.copy()
    for group in copies:
        members = [a for a in group if a < present.shape[1]]
        if len(members) > 1:
            counted[:, members[0]] = present[:, members].any(axis=1)
            counted[:, members[1:]] = False
    return counted.sum(axis=1)  # type: ignore[no-any-return]
