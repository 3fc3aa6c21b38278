"""The rewritten brief: the generated sentences the verifier supports, with the sources it found,
and the extractive sentences whose content no kept sentence carries.

A generated sentence "covers" an extractive one when the verifier's evidence for it includes that
sentence or one of its paraphrases in another outlet (the brief's own evidence), or when it cites
that sentence and carries at least a third of its content words (the verifier names one evidence
sentence an article, so a sentence that merges two from one article shows only one of them). An extractive
sentence nobody covers stays, quoted as selected, unless the kept generated sentences already
hold most of its content words (then it would say the same thing twice). The order is the
extractive brief's reading order: a generated sentence takes the place of the first sentence it
covers; one that covers none follows the generated sentence before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.rewrite.cite import Drafted
from newsbrief.types import Brief, BriefSentence, Dropped, Evidence

REPEATED_CONTENT = 0.8  # the share of an extractive sentence's content words that makes it a repeat
CITED_CONTENT = 1 / 3  # the share a generated sentence must carry of a sentence it cites to replace it


@dataclass(frozen=True)
class Checked:
    """A drafted sentence with the verifier's verdict, score, evidence and problem explanations."""

    drafted: Drafted
    verdict: str
    score: float
    evidence: tuple[Evidence, ...]
    reasons: tuple[str, ...] = ()


def compose(
    brief: Brief, checked: Sequence[Checked], *, max_words: int, groups: Sequence[Sequence[int]] = ()
) -> tuple[tuple[BriefSentence, ...], tuple[Dropped, ...]]:
    """The rewritten brief's sentences and the generated sentences left out.

    max_words: generated sentences that cover no extractive one are left out, last first, while
        the brief is longer than this.
    groups: article indices that are copies of one text (they count once in `support`).
    """
    dropped: list[Dropped] = []
    kept: list[tuple[Checked, set[int]]] = []
    seen: set[str] = set()
    for item in checked:
        key = " ".join(item.drafted.text.lower().split())
        if item.verdict != "supported" or item.drafted.cut_off:
            if any(d.text == item.drafted.text for d in dropped):
                continue  # a sentence the model wrote twice is reported once
            reasons = item.reasons + (("the model's answer was cut off here",) if item.drafted.cut_off else ())
            dropped.append(Dropped(item.drafted.text, item.verdict, item.score, reasons))
        elif key not in seen:  # a sentence the model wrote twice is shown once
            seen.add(key)
            kept.append((item, _covered(brief, item)))
    kept = _within(kept, brief, max_words)
    generated_words = set().union(*(_content(c.drafted.text) for c, _ in kept)) if kept else set()
    covered = set().union(*(cover for _, cover in kept)) if kept else set()

    placed: list[tuple[float, int, BriefSentence]] = []
    anchor = -0.5
    for order, (item, cover) in enumerate(kept):
        anchor = min(cover) - 0.5 if cover else anchor  # just before the first sentence it covers
        placed.append((anchor, order, _generated(item, groups)))
    for position, sentence in enumerate(brief.sentences):
        if position in covered:
            continue
        words = _content(sentence.text)
        if kept and words and len(words & generated_words) >= REPEATED_CONTENT * len(words):
            continue
        placed.append((position, len(kept) + position, extracted(sentence)))
    placed.sort(key=lambda p: (p[0], p[1]))
    return tuple(s for _, _, s in placed), tuple(dropped)


def _covered(brief: Brief, item: Checked) -> set[int]:
    """Positions of the brief sentences a kept generated sentence replaces (see the module's docstring)."""
    found = {(e.article, e.sentence) for e in item.evidence}
    words = _content(item.drafted.text)
    covered = set()
    for position, s in enumerate(brief.sentences):
        if (s.article, s.index) in found or any((e.article, e.sentence) in found for e in s.evidence):
            covered.add(position)
        elif position in item.drafted.cited:
            own = _content(s.text)
            if own and len(own & words) >= CITED_CONTENT * len(own):
                covered.add(position)
    return covered


def _within(kept: list[tuple[Checked, set[int]]], brief: Brief, max_words: int) -> list[tuple[Checked, set[int]]]:
    """Leave out generated sentences that cover nothing, last first, while the brief would be too long."""
    kept = list(kept)
    covered = set().union(*(cover for _, cover in kept)) if kept else set()

    def length() -> int:
        return sum(len(c.drafted.text.split()) for c, _ in kept) + sum(
            len(s.text.split()) for i, s in enumerate(brief.sentences) if i not in covered
        )

    for index in range(len(kept) - 1, -1, -1):
        if length() <= max_words:
            break
        if not kept[index][1]:
            del kept[index]
    return kept


def _generated(item: Checked, groups: Sequence[Sequence[int]]) -> BriefSentence:
    """A kept generated sentence: its sources are the articles of the verifier's evidence."""
    group_of = {article: min(group) for group in groups for article in group}
    evidence = tuple(sorted(item.evidence, key=lambda e: (e.article, e.sentence)))
    best = item.evidence[0]
    return BriefSentence(
        text=item.drafted.text,
        article=best.article,
        index=best.sentence,
        sources=tuple(dict.fromkeys(e.article for e in evidence)),
        evidence=evidence,
        support=len({group_of.get(e.article, e.article) for e in evidence}),
        origin="generated",
        verdict=item.verdict,
        score=round(item.score, 4),
    )


def extracted(sentence: BriefSentence) -> BriefSentence:
    """An extractive sentence in a rewritten brief: quoted word for word, which the verifier counts
    as supported with score 1 (its rule for a sentence a source states verbatim)."""
    from dataclasses import replace

    return replace(sentence, origin="extracted", verdict="supported", score=1.0)


def _content(text: str) -> set[str]:
    from newsbrief.represent.tfidf import analyze

    return set(analyze(text))
