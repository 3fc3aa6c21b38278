"""Name, for every brief sentence, each article that states it or a close paraphrase.

The sentence's own article always supports it. Another article supports it when its most
similar sentence reaches the attribution threshold; that sentence becomes the evidence shown
to the reader. Near-identical wire copies are each listed as sources; `support` counts a group
of copies (see `newsbrief.dedupe`) once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.represent import Representation
from newsbrief.types import BriefSentence, Evidence


def attribute(
    chosen: Sequence[int], rep: Representation, *, threshold: float, groups: Sequence[Sequence[int]] = ()
) -> tuple[BriefSentence, ...]:
    """BriefSentences for the chosen sentence indices, in the given order.

    groups: article indices that are copies of one text; each group counts once in `support`.
    """
    group_of = {article: min(group) for group in groups for article in group}
    result = []
    for i in chosen:
        own = rep.sentences[i]
        evidence = [_evidence(i, 1.0, rep)]
        for article in range(len(rep.articles)):
            if article == own.article:
                continue
            members = np.flatnonzero(rep.article == article)
            if members.size == 0:
                continue
            best = int(members[np.argmax(rep.similarity[i, members])])
            if rep.similarity[i, best] >= threshold:
                evidence.append(_evidence(best, float(rep.similarity[i, best]), rep))
        evidence.sort(key=lambda e: e.article)
        result.append(
            BriefSentence(
                text=own.text,
                article=own.article,
                index=own.index,
                sources=tuple(e.article for e in evidence),
                evidence=tuple(evidence),
                support=len({group_of.get(e.article, e.article) for e in evidence}),
            )
        )
    return tuple(result)


def _evidence(i: int, similarity: float, rep: Representation) -> Evidence:
    s = rep.sentences[i]
    return Evidence(s.article, s.index, s.start, s.end, s.text, round(similarity, 3))
