"""The frozen records a verification returns: one verdict per summary sentence, with its evidence
and the problems found, and the summary's overall verdict.

Evidence reuses `newsbrief.types.Evidence` (article index, sentence index, character span in the
cleaned article, text, similarity): the same identity a brief's citations use, so a caller can map
a verdict's evidence onto a brief's sources by (article, sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsbrief.types import Article, Evidence

Verdict = Literal["supported", "unsupported", "contradicted"]
VERDICTS: tuple[str, ...] = ("supported", "unsupported", "contradicted")
# Problems that make a sentence contradicted: the sources say something else.
CONTRADICTIONS = frozenset({"count", "money", "percent", "duration", "date", "weekday", "time", "age", "name_role", "negation", "opposite"})
# Problems that make it at most unsupported: the sources do not say it.
ABSENCES = frozenset({"unseen_value", "unseen_name", "unaligned"})
PROBLEM_KINDS: tuple[str, ...] = tuple(sorted(CONTRADICTIONS)) + tuple(sorted(ABSENCES))
# Absences that decide the verdict alone. A name no source gives is left to the score (and listed
# only when the sentence is not supported): news summaries name people and places the articles
# describe in other words ("the Kremlin" for "Russian officials"), and the multi-document
# references flagged 7% of their sentences on that alone.
DECISIVE = CONTRADICTIONS | {"unseen_value", "unaligned"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a summary sentence, typed so a caller can act on it.

    kind: a value conflicting with the evidence — "count", "money", "percent", "duration",
        "date", "weekday", "time", "age" (the kinds `newsbrief.compare` reports between sources);
        "name_role": a name the sources give in another role (a different holder of the role, or
        subject and object swapped); "negation" / "opposite": the evidence states the reverse;
        "unseen_value": a number or date no source states; "unseen_name": a person, place or
        organisation no source names; "unaligned": no source sentence states anything close.
    text: the phrase of the summary sentence at fault ("" for "unaligned");
    start, end: its character offsets in the summary sentence;
    source_text: what the evidence says instead ("more than three hours"), "" when nothing;
    evidence: the source sentence that says it, for conflicts; None for absences.
    """

    kind: str
    text: str
    explanation: str
    start: int = 0
    end: int = 0
    source_text: str = ""
    evidence: Evidence | None = None

    @property
    def contradicts(self) -> bool:
        return self.kind in CONTRADICTIONS

    @property
    def decisive(self) -> bool:
        """Whether this problem alone makes the sentence unsupported or contradicted."""
        return self.kind in DECISIVE


@dataclass(frozen=True)
class SentenceVerdict:
    """One summary sentence checked against the sources.

    verdict: "supported" (the evidence states it), "unsupported" (nothing in the sources states
    it), "contradicted" (a source states something incompatible: see `problems`).
    score: in [0, 1], higher = better supported; what a caller thresholds.
    evidence: the source sentences that best support it, best first (at most one per article,
    each with its alignment similarity); start/end: offsets of the sentence in the summary.
    """

    text: str
    verdict: Verdict
    score: float
    evidence: tuple[Evidence, ...] = ()
    problems: tuple[Problem, ...] = ()
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Verification:
    """A whole summary checked against its sources.

    score: half the weakest sentence's score plus half the mean sentence score (ranks summaries:
        one invented sentence pulls it down, several more so);
    verdict: "contradicted" if any sentence is, else "unsupported" if any sentence is, else
    "supported"; articles: the cleaned articles the evidence indexes into.
    """

    score: float
    verdict: Verdict
    sentences: tuple[SentenceVerdict, ...]
    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()  # its JSON shape: `newsbrief.verify.render.verification_to_dict`
