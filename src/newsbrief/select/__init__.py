"""Sentence selection: algorithms that pick a cluster's brief sentences under a word budget.

Each selector is a function `(rep, *, words) -> list[int]` returning indices into
`rep.sentences`; ordering for reading is done afterwards by `order_for_reading`.
The default is the learned selector (the heuristic `support` selector needs no model); the others are the classic baselines newsbrief is
measured against in the same run (`newsbrief evaluate`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsbrief.represent import Representation
from newsbrief.select.baselines import centroid, lead, lexrank, textrank
from newsbrief.select.budget import order_for_reading
from newsbrief.select.learned import (
    CENTRALITY_WEIGHT,
    QUERY_CENTRALITY_WEIGHT,
    cluster_size_weight,
    eligible,
    large_cluster_scores,
    learned,
)
from newsbrief.select.learned import redundancy as learned_redundancy
from newsbrief.select.query import relevance
from newsbrief.select.readable import unit_scale
from newsbrief.select.support import REDUNDANCY as SUPPORT_REDUNDANCY
from newsbrief.select.support import importance, mmr_select, support

Selector = Callable[..., list[int]]

SELECTORS: dict[str, Selector] = {
    "default": learned,
    "learned": learned,
    "support": support,
    "lead": lead,
    "lexrank": lexrank,
    "textrank": textrank,
    "centroid": centroid,
}
BASELINES = ("lead", "lexrank", "textrank", "centroid")
LEARNED = {"default", "learned"}  # selectors that take a trained `scorer`
STEERABLE = LEARNED | {"support"}  # selectors that can follow a query or skip what is already known
# Relevance to the (expanded) query beside importance: 1.5 in a handful of articles, where it must
# outweigh a flat importance; 1.0 in a large cluster (DUC 2006 dev, 25 articles, picked by 5-fold CV over
# topics from 0.35 / 0.7 / 1.0; 1.5 there: −0.4 R-2).
QUERY_WEIGHT = (1.5, 1.0)
ALREADY_KNOWN = 0.5  # cosine to an earlier sentence above which a sentence is not news
ALREADY_SAID = 0.7  # share of a sentence's content words found in one earlier sentence: a fact already reported


def steered_select(rep: Representation, *, selector: str, words: int, scorer: Any = None) -> list[int]:
    """Selection steered by the representation's query and/or by what the reader already knows.

    rep.query: importance and relevance to the query (`newsbrief.select.query.relevance`) are each
    scaled to [0, 1] and summed with weight QUERY_WEIGHT (by cluster size), so a brief answers the question with the
    story's central facts rather than with any sentence that repeats the query's words.
    rep.earlier_similarity: each sentence's highest cosine to the already-read articles; sentences
    above ALREADY_KNOWN are not eligible, nor those with ALREADY_SAID of their content words in one
    earlier sentence (`rep.earlier_overlap`: the same fact reworded), and the rest lose what they share
    with the old articles.
    """
    known = rep.earlier_similarity
    if rep.query is None and known is None:
        options = {"scorer": scorer} if scorer is not None and selector in LEARNED else {}
        return get_selector(selector)(rep, words=words, **options)
    if selector not in STEERABLE:
        from newsbrief.errors import ConfigError

        raise ConfigError(f"query-focused and update briefs need one of: {', '.join(sorted(STEERABLE))}")
    candidates = None
    if selector in LEARNED:
        centrality = QUERY_CENTRALITY_WEIGHT if rep.query is not None else CENTRALITY_WEIGHT
        scores, redundancy = large_cluster_scores(rep, scorer=scorer, centrality=centrality), learned_redundancy(rep)
        candidates = eligible(rep)
    else:
        scores, redundancy = importance(rep), SUPPORT_REDUNDANCY
    scores = unit_scale(scores)
    if rep.query is not None:
        weight = QUERY_WEIGHT[0] + cluster_size_weight(rep) * (QUERY_WEIGHT[1] - QUERY_WEIGHT[0])
        scores = scores + weight * unit_scale(relevance(rep))
    if known is not None:
        new = known <= ALREADY_KNOWN
        if rep.earlier_overlap is not None:  # a fact restated in other words: most of its words in one earlier sentence
            new &= rep.earlier_overlap < ALREADY_SAID
        candidates = new & (True if candidates is None else candidates)
        scores = scores - known
    # A query-focused brief opens with what best answers the question, not with the main event.
    return mmr_select(scores, rep, words=words, redundancy=redundancy, candidates=candidates, opening=rep.query is None)


def get_selector(name: str) -> Selector:
    try:
        return SELECTORS[name]
    except KeyError:
        from newsbrief.errors import unknown_choice

        raise unknown_choice("selector", name, SELECTORS) from None


__all__ = ["steered_select", "SELECTORS", "BASELINES", "Selector", "get_selector", "order_for_reading", "Representation"]
