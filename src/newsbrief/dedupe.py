"""Find articles that are copies of one text: a wire story syndicated by several outlets, or an
updated version of the same article.

A brief sentence backed by five copies of one AP story has one independent source, not five.
Copies are grouped here so that selection sees each text once (its cross-article support does
not count a copy as corroboration) and attribution counts a group once in `support`, while every
outlet that printed the story is still listed in `sources`.

Two articles are copies when their word 5-shingles have Jaccard similarity >= 0.8 (the usual
near-duplicate bar: Broder, "On the resemblance and containment of documents", 1997), or when at
least 90% of the shorter article's shingles (>= 50 of them) appear in the longer one: a
truncated syndication ("... Read the full story at ...") or an update that added paragraphs.
Clusters of up to EXACT_LIMIT articles are compared pair by pair on exact shingle sets; larger
ones get candidate pairs from MinHash LSH (datasketch), which are then checked exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields, replace
from itertools import combinations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsbrief.types import Article

SHINGLE_WORDS = 5
JACCARD = 0.8
CONTAINMENT = 0.9
MIN_CONTAINED_SHINGLES = 50  # below ~55 words a shared quote or lead paragraph would look like a copy
EXACT_LIMIT = 60  # up to 1,770 pairs of set intersections: cheaper than hashing every shingle 128 times
NUM_PERM = 128
LSH_THRESHOLD = 0.5  # candidates only; low enough to catch contained copies down to about half the length
_TOKEN = re.compile(r"\w+")
# Representation fields that are sentence x sentence matrices, cut in both dimensions; every other
# per-sentence field (first dimension = number of sentences) is cut by rows.
PAIRWISE_FIELDS = frozenset({"similarity", "semantic_similarity"})


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """Word `size`-grams of the lower-cased text (the whole text when it is shorter)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) <= size:
        return frozenset([tuple(tokens)]) if tokens else frozenset()
    return frozenset(zip(*(tokens[i:] for i in range(size)), strict=False))  # the shifted copies end early


def is_copy(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    """Whether two shingle sets are near-duplicates (Jaccard) or one contains the other."""
    if not a or not b:
        return False
    shared = len(a & b)
    if shared >= JACCARD * (len(a) + len(b) - shared):
        return True
    smaller = min(len(a), len(b))
    return smaller >= MIN_CONTAINED_SHINGLES and shared >= CONTAINMENT * smaller


def near_duplicate_groups(articles: Sequence[Article]) -> tuple[tuple[int, ...], ...]:
    """Groups (two or more article indices, ascending) of articles that are copies of one text.

    >>> near_duplicate_groups([wire, wire_copy, other])   # doctest: +SKIP
    ((0, 1),)
    """
    sets = [shingles(a.text) for a in articles]
    copies = [(i, j) for i, j in _candidate_pairs(sets) if is_copy(sets[i], sets[j])]
    if not copies:
        return ()
    # Copies of copies are one group (A~B, B~C: A, B, C), whether or not A and C pass the test themselves.
    rows, cols = zip(*copies, strict=True)
    graph = sparse.coo_matrix((np.ones(len(copies)), (rows, cols)), shape=(len(sets), len(sets)))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(i)
    return tuple(tuple(group) for group in sorted(members.values()) if len(group) > 1)


def _candidate_pairs(sets: Sequence[frozenset[tuple[str, ...]]]) -> list[tuple[int, int]]:
    if len(sets) <= EXACT_LIMIT:
        return list(combinations(range(len(sets)), 2))
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes: dict[int, MinHash] = {}
    for i, items in enumerate(sets):
        if not items:
            continue
        signature = MinHash(num_perm=NUM_PERM, seed=1)
        signature.update_batch([" ".join(shingle).encode("utf-8") for shingle in items])
        hashes[i] = signature
        lsh.insert(i, signature)
    pairs = {(min(i, j), max(i, j)) for i, signature in hashes.items() for j in lsh.query(signature) if j != i}
    return sorted(pairs)


def representatives(groups: Sequence[Sequence[int]], articles: Sequence[Article]) -> dict[int, int]:
    """For each article in a group, the member that stands for the group: the longest text, then the first."""
    chosen: dict[int, int] = {}
    for group in groups:
        best = max(group, key=lambda i: (len(articles[i].text), -i))
        chosen.update(dict.fromkeys(group, best))
    return chosen


def independent_view(rep, groups: Sequence[Sequence[int]]):  # type: ignore[no-untyped-def]
    """The representation restricted to one article per group, and the kept rows' indices in `rep`.

    Article indices stay those of the whole cluster, so selection results map back with `rows[i]`.
    """
    stand_in = representatives(groups, rep.articles)
    return without_articles(rep, [i for i, kept in stand_in.items() if i != kept])


def without_articles(rep, dropped: Sequence[int]):  # type: ignore[no-untyped-def]
    """The representation without the sentences of the `dropped` articles, and the kept rows' indices.

    Every per-sentence array is cut to the kept rows, and the PAIRWISE_FIELDS in both dimensions;
    the articles stay, so article indices and citation numbers do not move.
    """
    if not len(dropped):
        return rep, np.arange(len(rep.sentences))
    rows = np.flatnonzero(~np.isin(rep.article, list(dropped)))
    n = len(rep.sentences)
    cut = {}
    for field in fields(rep):
        value = getattr(rep, field.name)
        if field.name in ("sentences", "tokens") and len(value) == n:
            cut[field.name] = tuple(value[i] for i in rows)
        elif field.name in PAIRWISE_FIELDS and value is not None:
            cut[field.name] = value[np.ix_(rows, rows)]
        elif getattr(value, "shape", None) and value.shape[0] == n:
            cut[field.name] = value[rows]
    return replace(rep, **cut), rows


def duplicate_warnings(groups: Sequence[Sequence[int]], articles: Sequence[Article]) -> tuple[str, ...]:
    """One line per group for Brief.warnings, naming the outlets: they are listed but counted once."""
    return tuple(
        f"{len(group)} articles are copies of one story: {', '.join(articles[i].label for i in group)} — counted once as support"
        for group in groups
    )
