"""Cross-source analysis: which facts several outlets report, which only one does, and where the
outlets contradict each other (counts, money, percentages, durations, dates, weekdays, times, ages,
names in one role, negation and opposite predicates).

`analyze` is a pure function of a cluster's `Representation`, so the summary and the analysis
share one vectorization. Alignment needs only TF-IDF; the contradiction checks read candidate
sentences with spaCy (the `nlp` extra), and only those sentences — aligned across articles and
holding a number, a date, a role or a polarity word — so a typical cluster costs a few tenths of
a second. Without spaCy the agreements and single-source facts are still computed and a warning
says the discrepancies were skipped. `newsbrief.pipeline.compare_documents` runs the pipeline's
front half on documents and then this analysis (what `newsbrief compare` prints).

>>> from newsbrief.compare import analyze                     # doctest: +SKIP
>>> analysis = analyze(rep)                                   # doctest: +SKIP
>>> [(d.kind, d.first_value, d.second_value) for d in analysis.discrepancies]   # doctest: +SKIP
[('duration', 'more than three hours', 'two hours')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cached_property

import numpy as np

from newsbrief.compare.align import ALIGN_THRESHOLD, alignment_scores, group_facts
from newsbrief.compare.conflicts import (
    DATE_SIMILARITY,
    NAME_SIMILARITY,
    NEGATION_SIMILARITY,
    OPENERS,
    OPPOSITE_SIMILARITY,
    OPPOSITES,
    VALUE_SIMILARITY,
    Conflict,
    conflicts,
)
from newsbrief.compare.lexicon import ROLES, RUNNING_TOTALS, lemma
from newsbrief.compare.mentions import names_known
from newsbrief.compare.reading import nlp_available, read_sentences
from newsbrief.compare.values import Value, may_disagree, scan_values
from newsbrief.represent import Representation
from newsbrief.types import Analysis, Article, Claim, Discrepancy, Evidence, Fact

__all__ = ["analyze", "CANDIDATE_THRESHOLD", "CATEGORIES", "KINDS"]

CANDIDATE_THRESHOLD = 0.15  # below this, two sentences are not about the same event: no conflict is sought
SINGLE_SOURCE_MAX = 0.2  # a single-source fact has no sentence elsewhere even this close
MAX_AGREEMENTS = 12
SINGLE_PER_ARTICLE = 3
MAX_DISCREPANCIES = 20
MAX_CANDIDATE_PAIRS = 600  # bounds the work on clusters of dozens of long articles
MAX_PARSED_SENTENCES = 60  # spaCy costs ~5–10 ms a sentence: this keeps a large cluster's analysis near half a second
CATEGORIES = ("conflict", "updated", "different figures")  # what a reader is told a discrepancy is
KINDS = ("count", "money", "percent", "duration", "date", "weekday", "time", "age", "name", "negation", "opposite")
NO_NLP_WARNING = "discrepancies skipped: spaCy is not installed (pip install 'newsbrief[nlp]')"
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety"
    " hundred hundreds thousand thousands million billion trillion dozen dozens half several"
)
_CALENDAR_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august september"
    " october november december noon midnight percent hour hours minute minutes day days week weeks month months"
)


def _words(*groups: str | set[str]) -> re.Pattern[str]:
    words = sorted({w for group in groups for w in (group.split() if isinstance(group, str) else group)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


# Which sentences are worth parsing (see `candidate_pairs`).
_VALUE_CUE = re.compile(r"\d|[$€£¥%]|" + _words(_NUMBER_WORDS, _CALENDAR_WORDS).pattern, re.IGNORECASE)
# The least alignment at which `conflicts.same_thing` compares two values of a kind: counts and the rest at
# 0.3 (VALUE_SIMILARITY); dates of other events crowd every story. An age needs only the same person, and an
# amount, a percentage or a duration in one frame ("met with Kim for ...") any alignment: those are parsed when
# the two sentences share a name.
KIND_SIMILARITY = {"count": VALUE_SIMILARITY, "date": DATE_SIMILARITY, "weekday": DATE_SIMILARITY, "time": DATE_SIMILARITY, "age": 1.01}
_FIGURE = re.compile(
    r"\d[\d,.:]*|[$€£¥%]|\b(?:more|less|fewer|over|under|about|around|nearly|almost|up|least|some|roughly|"
    + _words(_NUMBER_WORDS, _CALENDAR_WORDS).pattern[5:-3]
    + r")\b"
)  # the figures, hedges, units and calendar words as written
OPPOSITE_OF: dict[str, frozenset[str]] = {}
for _p, _q in OPPOSITES:
    OPPOSITE_OF[_p] = OPPOSITE_OF.get(_p, frozenset()) | {_q}
_FUNCTION_WORDS = set(
    "the a an be been being to have has had do did does is was were are am yet ever only just that this it he she they we i you his"
    " her their its our my your been any one of in on at for with by from as so too also even still".split()
)
_NEGATIONS = {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "failed", "refused", "declined"}
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def analyze(
    rep: Representation,
    *,
    embedding_similarity: np.ndarray | None = None,
    threshold: float = ALIGN_THRESHOLD,
    discrepancies: bool = True,
    copies: Sequence[Sequence[int]] = (),
) -> Analysis:
    """Agreements (facts in two or more articles), single-source facts and discrepancies.

    embedding_similarity: an optional (n, n) sentence-embedding cosine matrix aligned with
    `rep.sentences` (default: `rep.semantic_similarity` when the representation has one);
    alignment then also accepts paraphrases that TF-IDF misses.
    discrepancies: False skips the spaCy pass (alignment only).
    copies: groups of article indices that are copies of one text (`dedupe.near_duplicate_groups`,
    which the pipeline computes anyway): a group counts once in a fact's `support`, as it does in
    `BriefSentence.support`, while every member stays in `sources`. A fact only the copies of one
    story report is a single-source fact of the whole group, not an agreement.
    """
    if embedding_similarity is None:
        embedding_similarity = getattr(rep, "semantic_similarity", None)  # set when a dense encoder was asked for
    scores = alignment_scores(rep, embedding_similarity=embedding_similarity)
    groups = group_facts(rep, scores, threshold=threshold, copies=copies)
    agreements = _agreements(rep, scores, groups, copies)
    single = _single_source(rep, scores, copies)
    warnings: tuple[str, ...] = ()
    found: tuple[Discrepancy, ...] = ()
    if discrepancies and len(rep.articles) > 1:
        if nlp_available():
            found = _discrepancies(rep, scores)
        else:
            warnings = (NO_NLP_WARNING,)
    return Analysis(agreements=agreements, single_source=single, discrepancies=found, warnings=warnings)


def _evidence(rep: Representation, i: int, similarity: float) -> Evidence:
    s = rep.sentences[i]
    return Evidence(s.article, s.index, s.start, s.end, s.text, round(min(float(similarity), 1.0), 3))  # the name bonus can pass 1


def _independent(sources: Iterable[int], copies: Sequence[Sequence[int]]) -> int:
    """How many independent sources a set of articles is: each group of copies counts once."""
    group_of = {article: min(group) for group in copies for article in group}
    return len({group_of.get(a, a) for a in sources})


def _agreements(rep: Representation, scores: np.ndarray, groups: list[list[int]], copies: Sequence[Sequence[int]]) -> tuple[Fact, ...]:
    facts = []
    for group in groups:
        sources = tuple(sorted({int(rep.article[i]) for i in group}))
        support = _independent(sources, copies)
        if support < 2:  # one article, or copies of one text agreeing with each other: no corroboration
            continue
        seed = group[0]
        evidence = sorted((_evidence(rep, i, 1.0 if i == seed else scores[seed, i]) for i in group), key=lambda e: (e.article, e.sentence))
        facts.append(Fact(rep.sentences[seed].text, sources, tuple(evidence), support))
        if len(facts) == MAX_AGREEMENTS:
            break
    return tuple(sorted(facts, key=lambda f: (-f.support, -len(f.sources), f.evidence[0].article, f.evidence[0].sentence)))


def _single_source(rep: Representation, scores: np.ndarray, copies: Sequence[Sequence[int]] = ()) -> tuple[Fact, ...]:
    """The few most informative sentences of each independent source that no other source comes close to.

    A group of copies is one source: its facts are read from the member that stands for it (the
    longest text) and list every member that states them.
    """
    from newsbrief.dedupe import representatives

    stand_in = representatives(copies, rep.articles)
    if _independent({int(a) for a in rep.article}, copies) < 2:
        return ()
    n = len(rep)
    centrality = rep.similarity.sum(axis=1) / max(n - 1, 1)
    chosen: list[Fact] = []
    for article in range(len(rep.articles)):
        if stand_in.get(article, article) != article:
            continue  # a copy: its group is read from its stand-in
        group = sorted(a for a, kept in stand_in.items() if kept == article) or [article]
        outside = ~np.isin(rep.article, group)
        members = [
            int(i)
            for i in np.flatnonzero(rep.article == article)
            if scores[i, outside].max(initial=0.0) < SINGLE_SOURCE_MAX and 8 <= rep.words[i] <= 50
        ]
        detail = {i: len(set(re.findall(r"\d[\d,.]*|\b[A-Z][a-z]+", rep.sentences[i].text[1:]))) for i in members}
        ranked = sorted(members, key=lambda i: (-(centrality[i] * (1 + 0.2 * min(detail[i], 5))), rep.position[i]))[:SINGLE_PER_ARTICLE]
        for i in sorted(ranked, key=lambda i: rep.position[i]):
            evidence = [_evidence(rep, i, 1.0)]
            for copy in group:
                rows = np.flatnonzero(rep.article == copy)
                if copy != article and rows.size and scores[i, rows].max() >= ALIGN_THRESHOLD:
                    best = int(rows[np.argmax(scores[i, rows])])
                    evidence.append(_evidence(rep, best, scores[i, best]))
            evidence.sort(key=lambda e: e.article)
            chosen.append(Fact(rep.sentences[i].text, tuple(e.article for e in evidence), tuple(evidence), 1))
    return tuple(chosen)


def candidate_pairs(rep: Representation, scores: np.ndarray) -> list[tuple[int, int]]:
    """Sentence pairs of different articles that could be in a discrepancy: the only ones parsed.

    A pair qualifies when it is close enough to be about one event (CANDIDATE_THRESHOLD) and a cheap
    test leaves room for a disagreement: the sentences state values of one kind that do not all agree
    (`values.may_disagree`, regular expressions only, so sentences repeating the same figures — most
    aligned pairs — are never parsed), aligned as closely as that kind needs; or both give a role
    ("spokesman") and each names someone the other article never mentions; or one negates a verb the
    other uses; or one uses a verb whose opposite the other uses.
    """
    upper = np.triu(scores >= CANDIDATE_THRESHOLD, k=1)
    rows, cols = np.nonzero(upper)
    lowered = [a.text.lower() for a in rep.articles]
    cues: dict[int, _Cues] = {}

    def cue(i: int) -> _Cues:
        if i not in cues:
            cues[i] = _Cues(rep.sentences[i].text)
        return cues[i]

    chosen: list[tuple[int, int]] = []
    parsed: set[int] = set()
    for k in np.lexsort((cols, rows, -scores[rows, cols])):  # closest pairs first
        i, j = int(rows[k]), int(cols[k])
        a, b = rep.sentences[i].article, rep.sentences[j].article
        if not cue(i).worth_parsing(cue(j), float(scores[i, j]), lowered[a], lowered[b]):
            continue
        if len(parsed | {i, j}) > MAX_PARSED_SENTENCES:
            continue
        parsed.update((i, j))
        chosen.append((i, j))
        if len(chosen) == MAX_CANDIDATE_PAIRS:
            break
    return sorted(chosen)


class _Cues:
    """What a sentence could disagree with another about, read without a parse; each part read when first asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.has_value = bool(_VALUE_CUE.search(text))

    @cached_property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @cached_property
    def figures(self) -> list[str]:
        """The numbers and their hedges as written: two sentences with the same ones state the same figures."""
        return sorted(_FIGURE.findall(self.text.lower()))

    @cached_property
    def values(self) -> list[Value]:
        return scan_values(self.text)

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(lemma(w) for w in self.words)

    @cached_property
    def names(self) -> set[str]:
        return {w for k, w in enumerate(self.words) if w[:1].isupper() and (k or w.lower() not in OPENERS)}

    @cached_property
    def role_names(self) -> dict[str, set[str]]:
        """Each role word with the capitalised words within three words of it ("spokesman John Smith")."""
        words = self.words
        found: dict[str, set[str]] = {}
        for k, w in enumerate(words):
            if w.lower() in ROLES:
                near = {x for x in words[max(0, k - 3) : k + 4] if x[:1].isupper() and x.lower() not in ROLES}
                if near:
                    found.setdefault(w.lower(), set()).update(near)
        return found

    @cached_property
    def negated(self) -> frozenset[str]:
        """Stems of the words right after a negation ("did not attend" → attend): what is denied."""
        words = [w.lower() for w in self.words]
        after = [words[k + 1 : k + 4] for k, n in enumerate(words) if n in _NEGATIONS or n.endswith("n't")]
        return frozenset(lemma(w) for span in after for w in span if w not in _FUNCTION_WORDS)

    def denies(self, other: _Cues) -> bool:
        """Whether this sentence negates a word the other states without negation."""
        return bool(self.negated and self.negated & (other.stems - other.negated))

    def worth_parsing(self, other: _Cues, similarity: float, article: str, other_article: str) -> bool:
        if self.has_value and other.has_value and self.figures != other.figures:
            kinds = may_disagree(self.values, other.values)
            if any(similarity >= KIND_SIMILARITY.get(kind, VALUE_SIMILARITY) for kind in kinds):
                return True
            if kinds - set(KIND_SIMILARITY) | (kinds & {"age"}) and self.names & other.names:
                return True  # an age of one person; an amount, a share or a duration in one frame ("met with Kim for")
        if similarity >= NAME_SIMILARITY and self.role_names.keys() & other.role_names.keys():
            for role in self.role_names.keys() & other.role_names.keys():
                mine, theirs = self.role_names[role] - other.names, other.role_names[role] - self.names
                if any(n.lower() not in other_article for n in mine) and any(n.lower() not in article for n in theirs):
                    return True  # one role, and each names someone for it the other article never mentions
        if similarity >= NEGATION_SIMILARITY and (self.denies(other) or other.denies(self)):
            return True
        if similarity >= OPPOSITE_SIMILARITY:
            return any(OPPOSITE_OF.get(p, frozenset()) & other.stems for p in self.stems)
        return False




def _discrepancies(rep: Representation, scores: np.ndarray) -> tuple[Discrepancy, ...]:
    pairs = candidate_pairs(rep, scores)
    needed = sorted({i for pair in pairs for i in pair})
    readings = dict(zip(needed, read_sentences([rep.sentences[i].text for i in needed]), strict=True))
    lowered = [a.text.lower() for a in rep.articles]
    found: dict[tuple[object, ...], Discrepancy] = {}
    for i, j in pairs:
        first, second = rep.sentences[i], rep.sentences[j]

        def elsewhere(name: str, side: str, _a: int = first.article, _b: int = second.article) -> bool:
            surname = name.split()[-1].lower()
            return surname in lowered[_b if side == "b" else _a]

        def knows(name: str, side: str, _a: int = first.article, _b: int = second.article) -> bool:
            return names_known(rep.articles[_b if side == "b" else _a].text, name)

        found_here = conflicts(readings[i], readings[j], similarity=float(scores[i, j]), mentions_elsewhere=elsewhere, knows=knows)
        for conflict in found_here:
            if _also_said(rep, scores, i, j, conflict.b_value) or _also_said(rep, scores, j, i, conflict.a_value):
                continue  # the article also states the other's figure, in a sentence like the other's: two facts
            key = (conflict.kind, first.article, second.article, conflict.a_value.lower(), conflict.b_value.lower())
            found.setdefault(key, _discrepancy(rep, i, j, conflict))
    ordered = sorted(found.values(), key=lambda d: (KINDS.index(d.kind), d.first.article, d.first.sentence, d.second.article, d.second.sentence))
    return tuple(ordered[:MAX_DISCREPANCIES])


ALSO_SAID_SIMILARITY = 0.5


def _also_said(rep: Representation, scores: np.ndarray, i: int, j: int, value: str) -> bool:
    """Whether the article of sentence i has another sentence, close to sentence j, that states j's value:
    a police log's "at 1:24 a.m. on July 21, police responded ..." and "at 9:20 a.m. on July 23, police
    responded ..." are two incidents, and the article that has both does not disagree with one of them."""
    article = rep.sentences[i].article
    members = np.flatnonzero(rep.article == article)
    return any(
        k != i and scores[k, j] >= ALSO_SAID_SIMILARITY and value.lower() in rep.sentences[k].text.lower() for k in members.tolist()
    )


def _claim(rep: Representation, i: int) -> Claim:
    s = rep.sentences[i]
    return Claim(s.article, s.index, s.text, s.start, s.end)


def _discrepancy(rep: Representation, i: int, j: int, conflict: Conflict) -> Discrepancy:
    first, second = _claim(rep, i), _claim(rep, j)
    category, newer = conflict.category, None
    if conflict.event in RUNNING_TOTALS and conflict.larger:
        dates = (published(rep.articles[first.article]), published(rep.articles[second.article]))
        if dates[0] is not None and dates[1] is not None and dates[0] != dates[1]:
            later = first.article if dates[0] > dates[1] else second.article
            if later == (first.article if conflict.larger == "a" else second.article):
                category, newer = "updated", later  # the newer report counts more: the toll rose
    return Discrepancy(conflict.kind, first, second, conflict.a_value, conflict.b_value, conflict.explanation, category, newer)


def published(article: Article) -> datetime | None:
    """An article's publication time (ISO 8601, as ingest stores it), in UTC when it names a zone; None if unknown."""
    if not article.published:
        return None
    try:
        when = datetime.fromisoformat(article.published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
