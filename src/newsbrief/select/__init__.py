"""Sentence selection: algorithms that pick a cluster's brief sentences under a word budget.

Each selector is a function `(rep, *, words) -> list[int]` returning indices into
`rep.sentences`; ordering for reading is done afterwards by `order_for_reading`.
The default is the learned selector (the heuristic `support` selector needs no model); the others are the classic baselines newsbrief is
measured against in the same run (`newsbrief evaluate`).
"""

from __future__ import annotations

from collections.abc import Callable

from newsbrief.represent import Representation
from newsbrief.select.baselines import centroid, lead, lexrank, textrank
from newsbrief.select.budget import order_for_reading
from newsbrief.select.learned import learned
from newsbrief.select.support import support

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


def get_selector(name: str) -> Selector:
    try:
        return SELECTORS[name]
    except KeyError:
        from newsbrief.errors import unknown_choice

        raise unknown_choice("selector", name, SELECTORS) from None


__all__ = ["SELECTORS", "BASELINES", "Selector", "get_selector", "order_for_reading", "Representation"]
