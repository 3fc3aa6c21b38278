"""Name, for every brief sentence, each article that states it or a close paraphrase.

The sentence's own article always supports it. Another article supports it when its most
similar sentence reaches the attribution threshold; that sentence becomes the evidence shown
to the reader. Near-identical wire copies therefore each count, by design.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.represent import Representation
from newsbrief.types import BriefSentence, Evidence


def attribute(chosen: Sequence[int], rep: Representation, *, threshold: float) -> tuple[BriefSentence, ...]:
    """BriefSentences for the chosen sentence indices, in the given order."""
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
            )
        )
    return tuple(result)


def _evidence(i: int, similarity: float, rep: Representation) -> Evidence:
    s = rep.sentences[i]
    return Evidence(s.article, s.index, s.start, s.end, s.text, round(similarity, 3))
