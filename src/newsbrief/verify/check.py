"""Check summary sentences ("claims") against the sources: align each claim with the source
sentences, look for problems, and measure what the learned scorer reads.

Alignment is `compare`'s: the claims join the cluster's `Representation` as one more "article", so
`compare.align.alignment_scores` scores them against every source sentence exactly as it scores
two outlets' sentences (TF-IDF cosine, a shifted dense cosine, a bonus for shared names and
numbers). The closest source sentences are read with spaCy and compared with the claim by
`compare.conflicts` (values, names in a role, negation, opposites); the verifier adds the checks
that only make sense for a claim: a name or number no source states, two names swapped around a
verb, and no source sentence close at all.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from newsbrief.types import Article, Evidence, Sentence
from newsbrief.verify.parse import Entity, Parsed
from newsbrief.verify.sources import Sources, calendar_words, number_mentions, split_summary, words_of  # noqa: F401 (split_summary: re-exported)
from newsbrief.verify.types import Problem

EncoderChoice = Literal["tfidf", "static", "minilm"]
CANDIDATES = 3  # source sentences read with spaCy per claim: the closest ones
CANDIDATE_THRESHOLD = 0.15  # compare's: below this two sentences are not about the same event
EVIDENCE_THRESHOLD = 0.25  # an article's best sentence is shown as evidence from here
UNALIGNED_THRESHOLD = 0.15  # below this no source sentence states anything close to the claim (compare's candidate threshold)
MINILM_CANDIDATES = 8  # MiniLM embeds only the claim and its closest sentences by TF-IDF (12 ms a sentence)
_WORD_SPAN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|cannot)\b|n['’]t\b", re.IGNORECASE)
_STOP_NAME_WORDS = frozenset({"the", "of", "and", "a", "an", "in", "for", "on", "at", "de", "la", "le", "s"})
FEATURES: tuple[str, ...] = (
    "align", "align_second", "tfidf", "dense", "dense_mean_top", "recall_source", "recall_best", "recall_top",
    "novel_words", "novel_bigrams", "names", "unseen_names", "values", "unseen_values", "value_conflicts",
    "polarity_conflicts", "role_conflicts", "negation_mismatch", "length", "copy_span", "source_sentences",
)  # fmt: skip
CONFLICT_KINDS = {"count", "money", "percent", "duration", "date", "weekday", "time", "age"}


@dataclass(frozen=True)
class ClaimReport:
    """Everything found for one claim before scoring: its evidence, problems and features."""

    text: str
    start: int
    end: int
    evidence: tuple[Evidence, ...]
    problems: tuple[Problem, ...]
    features: tuple[float, ...]
    verbatim: bool  # the claim is written word for word in a source


def check_claims(
    claims: Sequence[tuple[int, int, str]], sources: Sources, *, encoder: EncoderChoice = "static", summary: str = ""
) -> list[ClaimReport]:
    """A report per claim (start, end, text in the summary), in order."""
    if not claims:
        return []
    from newsbrief.verify.parse import parse

    texts = [text for _, _, text in claims]
    scores, tfidf, dense = align(texts, sources, encoder=encoder)
    parse_cache = sources.cache.setdefault("parsed", {})
    assert isinstance(parse_cache, dict)
    candidates = [_candidates(scores[k]) for k in range(len(texts))]
    needed = [sources.sentences[j].text for rows in candidates for j in rows]
    parsed = parse(texts + needed, parse_cache)
    claim_parses, source_parse = parsed[: len(texts)], dict(zip(needed, parsed[len(texts) :], strict=True))
    summary_lower = (summary or " ".join(texts)).lower()
    reports = []
    for k, (start, end, text) in enumerate(claims):
        rows = candidates[k]
        reports.append(
            _report(
                text,
                start,
                end,
                sources,
                scores[k],
                tfidf[k],
                dense[k],
                rows,
                claim_parses[k],
                [source_parse[sources.sentences[j].text] for j in rows],
                summary_lower,
            )
        )
    return reports


def align(texts: Sequence[str], sources: Sources, *, encoder: EncoderChoice = "static") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(m, n) alignment scores of m claims against the n source sentences, with the TF-IDF and dense
    cosines they came from (dense is 0 with encoder="tfidf")."""
    from newsbrief.compare.align import alignment_scores
    from newsbrief.represent import represent

    n = len(sources.sentences)
    own = len(sources.articles)
    claims = [Sentence(own, k, 0, len(t), t) for k, t in enumerate(texts)]
    rep = represent((*sources.articles, Article(id="summary", text="\n".join(texts))), [*sources.sentences, *claims])
    if len(rep) != n + len(claims):
        from newsbrief.errors import InputError

        raise InputError(f"too much text to verify at once: {len(rep)} of {n + len(claims)} sentences kept; verify a shorter summary")
    dense = np.zeros((len(rep), len(rep)))
    if encoder != "tfidf":
        dense = _dense(rep.sentences, rep.similarity, n, encoder, sources.cache)
    scores = alignment_scores(rep, embedding_similarity=dense if encoder != "tfidf" else None)
    return scores[n:, :n], np.asarray(rep.similarity)[n:, :n], dense[n:, :n]


def _dense(sentences: Sequence[Sentence], tfidf: np.ndarray, n: int, encoder: str, cache: dict[str, object]) -> np.ndarray:
    from newsbrief.represent.encoders import get_encoder

    model = get_encoder(encoder)
    rows = list(range(len(sentences)))
    if encoder == "minilm":  # the claims and their closest sentences only: MiniLM costs ~10 ms a sentence
        closest = np.argsort(-tfidf[n:, :n], axis=1)[:, :MINILM_CANDIDATES]
        rows = sorted({int(j) for j in closest.ravel()} | set(range(n, len(sentences))))
    vectors = np.zeros((len(sentences), model.dimensions), dtype=np.float32)
    known = cache.setdefault(f"vectors-{encoder}", {})
    assert isinstance(known, dict)
    todo = [i for i in rows if sentences[i].text not in known]
    if todo:
        for i, vector in zip(todo, model.encode([sentences[i].text for i in todo]), strict=True):
            known[sentences[i].text] = vector
    for i in rows:
        vectors[i] = known[sentences[i].text]
    return np.asarray(vectors @ vectors.T, dtype=np.float64)


def _candidates(row: np.ndarray) -> list[int]:
    order = np.argsort(-row, kind="stable")[:CANDIDATES]
    return [int(j) for j in order if row[j] >= CANDIDATE_THRESHOLD]


def _evidence(sources: Sources, j: int, score: float) -> Evidence:
    s = sources.sentences[j]
    return Evidence(s.article, s.index, s.start, s.end, s.text, round(min(float(score), 1.0), 3))


def _report(
    text: str, start: int, end: int, sources: Sources, scores: np.ndarray, tfidf: np.ndarray, dense: np.ndarray,
    rows: list[int], claim: Parsed, readings: list[Parsed], summary_lower: str,
) -> ClaimReport:  # fmt: skip
    from newsbrief.compare.conflicts import conflicts
    from newsbrief.represent.tfidf import analyze

    evidence = _best_per_article(sources, scores)
    problems: list[Problem] = []
    lowered = text.lower()
    whole = sources.cache.get("normal")
    if not isinstance(whole, str):
        whole = sources.cache.setdefault("normal", f" {_normal(sources.text)} ")  # the sources' words in one string, built once
    verbatim = len(words_of(text)) >= 3 and f" {_normal(lowered)} " in str(whole)  # whole words: "art show" is not in "start show"
    if not verbatim:  # "“…,” writes the New York Post": what is reported is written word for word
        reported = _reported(text, claim.entities)
        verbatim = reported != text and len(words_of(reported)) >= REPORTED_WORDS and f" {_normal(reported.lower())} " in str(whole)

    counts = {"value": 0, "polarity": 0, "role": 0}
    for j, reading in zip(rows, readings, strict=True):

        def elsewhere(name: str, side: str) -> bool:
            surname = name.split()[-1].lower() if name.split() else name.lower()
            return surname in (sources.text if side == "b" else summary_lower)

        for conflict in conflicts(claim.reading, reading.reading, similarity=float(scores[j]), mentions_elsewhere=elsewhere):
            kind = "name_role" if conflict.kind == "name" else conflict.kind
            if any(p.kind == kind and p.text == conflict.a_value for p in problems):
                continue
            span = conflict.a_span if conflict.a_span != (0, 0) else _find(text, conflict.a_value)
            problems.append(
                Problem(kind, conflict.a_value, conflict.explanation, span[0], span[1], conflict.b_value, _evidence(sources, j, scores[j]))
            )
            counts["value" if kind in CONFLICT_KINDS else "polarity" if kind in ("negation", "opposite") else "role"] += 1
        for mine in claim.relations:
            for theirs in reading.relations:
                if (
                    mine.verb == theirs.verb
                    and mine.subjects & theirs.objects
                    and mine.objects & theirs.subjects
                    and not mine.subjects & theirs.subjects
                ):
                    if not any(p.kind == "name_role" and p.explanation.startswith("swapped") for p in problems):
                        problems.append(
                            Problem(
                                "name_role",
                                text,
                                f"swapped: the source has “{_names(text, mine.subjects)}” and “{_names(text, mine.objects)}” reversed",
                                0,
                                len(text),
                                "",
                                _evidence(sources, j, scores[j]),
                            )
                        )
                        counts["role"] += 1  # fmt: skip

    claim_stems = analyze(text)
    contained = {j: _share(claim_stems, set(analyze(sources.sentences[j].text))) for j in rows}
    for j, reading in zip(rows, readings, strict=True):
        evidence_text = sources.sentences[j].text
        for problem in _claim_conflicts(claim, reading, text, contained[j], evidence_text):
            if not any(p.kind == problem.kind and p.text == problem.text for p in problems):
                problems.append(
                    Problem(
                        problem.kind,
                        problem.text,
                        problem.explanation,
                        problem.start,
                        problem.end,
                        problem.source_text,
                        _evidence(sources, j, scores[j]),
                    )
                )
                counts["polarity" if problem.kind == "negation" else "role"] += 1

    problems = _same_polarity_stated(problems, text, rows, contained, sources, counts, str(whole))
    if not any(p.kind == "negation" for p in problems):
        denied = _negation_added(text, rows, sources, scores, str(whole))
        if denied is not None:
            problems.append(denied)
            counts["polarity"] += 1
    swapped = _swapped_names(text, claim.entities, sources)
    if swapped is not None:
        problems.append(swapped)
        counts["role"] += 1
    unseen_names, names = _unseen_names(claim.entities, sources)
    for entity in unseen_names:
        problems.append(Problem("unseen_name", entity.text, f"no source names “{entity.text}”", entity.start, entity.end))
    unseen_values, values = _unseen_values(text, sources, claim.entities)
    for phrase, a, b in unseen_values:
        problems.append(Problem("unseen_value", phrase, f"no source states “{phrase}”", a, b))
    best = float(scores.max(initial=0.0))
    if best < UNALIGNED_THRESHOLD:
        problems.append(Problem("unaligned", "", f"no source sentence states anything close (best alignment {best:.2f})", 0, 0))

    stems = claim_stems
    words = words_of(text)
    top = [sources.sentences[j] for j in rows] or ([sources.sentences[int(np.argmax(scores))]] if len(scores) else [])
    best_stems = set(analyze(top[0].text)) if top else set()
    top_stems = {t for s in top for t in analyze(s.text)}
    best_words = words_of(top[0].text) if top else []
    bigrams = list(zip(words, words[1:], strict=False))
    order = np.sort(scores)[::-1]
    dense_top = np.sort(dense)[::-1][:3] if len(dense) else np.zeros(1)
    features = {
        "align": best,
        "align_second": float(order[1]) if len(order) > 1 else 0.0,
        "tfidf": float(tfidf.max(initial=0.0)),
        "dense": float(dense.max(initial=0.0)),
        "dense_mean_top": float(dense_top.mean()),
        "recall_source": _share(stems, sources.stems),
        "recall_best": _share(stems, best_stems),
        "recall_top": _share(stems, top_stems),
        "novel_words": 1.0 - _share(words, sources.words),
        "novel_bigrams": 1.0 - _share(bigrams, sources.bigrams),
        "names": float(names),
        "unseen_names": float(len(unseen_names)),
        "values": float(values),
        "unseen_values": float(len(unseen_values)),
        "value_conflicts": float(counts["value"]),
        "polarity_conflicts": float(counts["polarity"]),
        "role_conflicts": float(counts["role"]),
        "negation_mismatch": float(bool(_NEGATION.search(text)) != bool(top and _NEGATION.search(top[0].text))),
        "length": float(len(words)),
        "copy_span": _copy_span(words, best_words),
        # per article: the scorer learns it on single articles, and a cluster of five is not a five-times-longer article
        "source_sentences": math.log1p(len(sources.sentences) / max(len(sources.articles), 1)),
    }
    shown = tuple(evidence) or ((_evidence(sources, rows[0], scores[rows[0]]),) if rows else ())
    return ClaimReport(text, start, end, shown, tuple(problems), tuple(features[f] for f in FEATURES), verbatim)


def _same_polarity_stated(
    problems: list[Problem], text: str, rows: list[int], contained: dict[int, float], sources: Sources, counts: dict[str, int], whole: str
) -> list[Problem]:
    """The problems without a negation conflict that the sources answer: when an aligned sentence
    states the claim with its polarity ("No one was injured" for "No one was injured, the
    department said") at least as fully as the sentence it was read against, or the sources write
    each of the claim's negations in its own words ("they really didn't even care"), the sources do
    not deny it — the flip was read off a neighbour that shares the claim's other words."""
    if not any(p.kind == "negation" for p in problems):
        return problems
    negated = bool(_NEGATION.search(text))
    agreeing = [
        contained[j] for j in rows if contained[j] >= NEGATION_CONTAINED and bool(_NEGATION.search(sources.sentences[j].text)) == negated
    ]
    windows = _negation_windows(text)
    written = bool(windows) and all(f" {with_negation} " in whole.replace("’", "'") for with_negation, _, _ in windows)
    kept = []
    for p in problems:
        against = contained.get(_row_of(p, rows, sources), 0.0)
        if p.kind == "negation" and (written or (agreeing and max(agreeing) >= against)):
            counts["polarity"] -= 1
            continue
        kept.append(p)
    return kept


_VERB_NEGATION = frozenset({"not", "never"})
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}  # "can't", "won't", "shan't"


def _negation_windows(text: str) -> list[tuple[str, str, Problem]]:
    """Each negation of a claim in its context, with and without the negation, and where it is:
    ("was not arrested on", "was arrested on", …) — a word before and two after, or three after
    at the start. The form without is "" for "no", "nobody"…, whose removal changes the meaning."""
    found: list[tuple[str, str, Problem]] = []
    matches = list(_WORD_SPAN.finditer(text.lower().replace("’", "'")))
    words = [m.group(0) for m in matches]
    for k, word in enumerate(words):
        contracted = word.endswith("n't") and len(word) > 3
        if not (contracted or _NEGATION.fullmatch(word)):
            continue
        before = words[max(0, k - 1) : k]
        after = words[k + 1 : k + (3 if before else 4)]
        with_negation = " ".join([*before, word, *after])
        without = ""
        if contracted:
            base = word[:-3]
            without = " ".join([*before, _CONTRACTED.get(base, base), *after])
        elif word in _VERB_NEGATION and before:
            without = " ".join([*before, *after])
        elif word == "cannot":
            without = " ".join([*before, "can", *after])
        m = matches[k]
        found.append((with_negation, without, Problem("negation", text[m.start() : m.end()], "", m.start(), m.end())))
    return found


def _negation_added(text: str, rows: list[int], sources: Sources, scores: np.ndarray, whole: str) -> Problem | None:
    """A "not" the claim adds to what an aligned source sentence writes: the source has "was
    arrested on", the claim "was not arrested on", and no source writes the negated words."""
    normal = whole.replace("’", "'")
    texts = [f" {_normal(sources.sentences[j].text).replace('’', chr(39))} " for j in rows]
    for with_negation, without, where in _negation_windows(text):
        if not without or len(without.split()) < 3 or f" {with_negation} " in normal:
            continue
        for j, evidence in zip(rows, texts, strict=True):
            if f" {without} " in evidence and not _NEGATION.search(evidence):  # "I don't think he is fit" denies "he is fit" itself
                explanation = f"negation: the claim says “{where.text}”, the source “{without}”"
                return Problem("negation", where.text, explanation, where.start, where.end, without, _evidence(sources, j, scores[j]))
    return None


def _row_of(problem: Problem, rows: list[int], sources: Sources) -> int:
    evidence = problem.evidence
    if evidence is None:
        return -1
    return next((j for j in rows if (sources.sentences[j].article, sources.sentences[j].index) == (evidence.article, evidence.sentence)), -1)


REPORTED_WORDS = 6  # what a claim reports must be this long to count as written word for word once its attribution is set aside
_ATTRIBUTION_VERB = re.compile(
    r"\b(?:reports?|reported|writes?|wrote|notes?|noted|says?|said|tells?|told|adds?|added|explains?|explained|according to|per|via)\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset("the a an in at to on for of by from via per s 's reporters".split())  # "..., reports the Times"


def _reported(text: str, entities: Sequence[Entity]) -> str:
    """The claim without a closing attribution to an outlet (", reports the Times", ", the LA Times
    reports") or an opening one ("According to CNN, ..."): which outlet reports is not part of
    what is reported (Multi-News references cite outlets the articles never name). Set aside only
    when every other word of the clause is a function word or part of the outlet's name; a person
    said to have said it (", the chief said") is a claim and stays."""
    outlets = [(e.start, e.end) for e in entities if e.attribution and e.label != "PERSON"]

    def attributing(start: int, end: int) -> bool:
        verb = _ATTRIBUTION_VERB.search(text, start, end)
        if verb is None or not outlets:
            return False
        return all(
            m.group(0).lower() in _FUNCTION_WORDS or any(a <= m.start() and m.end() <= b for a, b in outlets)
            for m in re.finditer(r"[\w'’-]+", text[:end])
            if m.start() >= start and not (verb.start() <= m.start() < verb.end())
        )

    comma = max(text.rfind(","), text.rfind("”,"))
    if comma > 0 and attributing(comma + 1, len(text)):
        return text[:comma].rstrip(" ,")
    first = text.find(",")
    if first > 0 and text[:first].lower().startswith(("according to", "per ")) and attributing(0, first):
        return text[first + 1 :].strip()
    return text


CONTAINED = 0.6  # share of a claim's content words its evidence must have for a polarity flip or a role to be read off it
NEGATION_CONTAINED = 0.5  # ...for a negation word in the claim alone, against evidence with none


def _claim_conflicts(claim: Parsed, source: Parsed, text: str, contained: float, source_text: str = "") -> list[Problem]:
    """What `compare.conflicts` leaves to the verifier because a claim is not a second report of the
    same length: a claim is usually shorter than its evidence, so "similar enough" is read as "the
    evidence holds most of the claim's words" rather than as a cosine.

    - negation: a verb negated in one and not the other ("is known" / "is not yet known");
    - name_role: the claim gives a person a role ("Mayor Marta Okafor") that the evidence gives
      someone else, or gives that person another role.
    """
    from newsbrief.compare.conflicts import _same_person

    found: list[Problem] = []
    negation = _NEGATION.search(text)
    if negation and contained >= NEGATION_CONTAINED and not _NEGATION.search(source_text):
        # "would not be happy" against "would be happy": the claim denies what its evidence states
        found.append(
            Problem(
                "negation",
                negation.group(0),
                f"negation: the claim says “{negation.group(0)}”, the source does not",
                negation.start(),
                negation.end(),
                "",
            )
        )
    elif contained >= CONTAINED:
        theirs: dict[str, set[bool]] = {}
        for q in source.reading.predicates:
            theirs.setdefault(q.lemma, set()).add(q.negated)
        for p in claim.reading.predicates:
            polarity = theirs.get(p.lemma)
            if polarity and len(polarity) == 1 and p.negated not in polarity:
                q_text = next(q.text for q in source.reading.predicates if q.lemma == p.lemma)
                span = _find(text, p.text)
                found.append(
                    Problem("negation", p.text, f"negation: the claim says “{p.text}”, the source “{q_text}”", span[0], span[1], q_text)
                )
                break
    for mine in claim.reading.names:
        same_role = [n for n in source.reading.names if n.role == mine.role]
        same_person = [n for n in source.reading.names if _same_person(n.name, mine.name)]
        if same_role and not any(_same_person(n.name, mine.name) for n in same_role):
            other = same_role[0]
            found.append(
                Problem(
                    "name_role", mine.name, f"the {mine.role} is {other.name} in the source, not {mine.name}", mine.start, mine.end, other.name
                )
            )
        elif same_person and not any(n.role == mine.role for n in same_person):
            other = same_person[0]
            found.append(
                Problem(
                    "name_role",
                    mine.name,
                    f"{other.name} is the {other.role} in the source, not the {mine.role}",
                    mine.start,
                    mine.end,
                    other.role,
                )
            )
    return found


def _best_per_article(sources: Sources, scores: np.ndarray) -> list[Evidence]:
    best: dict[int, int] = {}
    for j in np.flatnonzero(scores >= EVIDENCE_THRESHOLD):
        article = sources.sentences[int(j)].article
        if article not in best or scores[j] > scores[best[article]]:
            best[article] = int(j)
    ranked = sorted(best.values(), key=lambda j: (-scores[j], sources.sentences[j].article, sources.sentences[j].index))
    return [_evidence(sources, j, scores[j]) for j in ranked]


def _swapped_names(text: str, entities: Sequence[Entity], sources: Sources) -> Problem | None:
    """Two names each standing where the sources only ever write the other: the sources say
    "Clinton told" and "told Sanders", the claim "Sanders told ... told Clinton". Read off the
    words right before and after each name, so it needs no parse of the sources and holds however
    far apart the two facts are in the articles."""
    words = words_of(text)
    found: list[tuple[Entity, list[str], list[tuple[str, str, int]]]] = []
    for entity in entities:
        tokens = words_of(entity.text)
        if entity.label not in ("PERSON", "ORG", "GPE") or not tokens or not all(t in sources.words for t in tokens):
            continue
        at = _index_of(words, tokens)
        if at < 0:
            continue
        contexts = []  # (word, side, which end of the name): "before" pairs with the first token
        if at > 0 and words[at - 1] not in _STOP_CONTEXT:
            contexts.append((words[at - 1], "before", 0))
        if at + len(tokens) < len(words) and words[at + len(tokens)] not in _STOP_CONTEXT:
            contexts.append((words[at + len(tokens)], "after", -1))
        if contexts:
            found.append((entity, tokens, contexts))

    def attested(context: tuple[str, str, int], tokens: list[str]) -> bool:
        word, side, end = context
        return ((word, tokens[0]) if side == "before" else (tokens[end], word)) in sources.bigrams

    for i, (a, a_tokens, a_contexts) in enumerate(found):
        for b, b_tokens, b_contexts in found[i + 1 :]:
            if set(a_tokens) & set(b_tokens) or a.label != b.label:
                continue
            a_moved = [c for c in a_contexts if not attested(c, a_tokens) and attested(c, b_tokens)]
            b_moved = [c for c in b_contexts if not attested(c, b_tokens) and attested(c, a_tokens)]
            if a_moved and b_moved and not any(attested(c, a_tokens) for c in a_contexts) and not any(attested(c, b_tokens) for c in b_contexts):
                explanation = f"swapped: the sources put {b.text} where the claim has {a.text}, and the other way round"
                return Problem("name_role", a.text, explanation, a.start, a.end, b.text)
    return None


_STOP_CONTEXT = frozenset("the a an and or of to in on at for with by from as that this is was were be been has have had 's".split())


def _index_of(words: list[str], tokens: list[str]) -> int:
    for k in range(len(words) - len(tokens) + 1):
        if words[k : k + len(tokens)] == tokens:
            return k
    return -1


def _unseen_names(entities: Sequence[Entity], sources: Sources) -> tuple[list[Entity], int]:
    unseen = []
    names = 0
    prefixes = sources.cache.get("prefixes")
    if prefixes is None:
        prefixes = sources.cache.setdefault("prefixes", frozenset(w[:5] for w in sources.words if len(w) >= 5))
    assert isinstance(prefixes, frozenset)
    for entity in entities:
        if entity.attribution:
            continue  # "reports ESPN": who reports is not a claim; Multi-News references cite outlets no article names
        tokens = [w for w in words_of(entity.text) if w not in _STOP_NAME_WORDS and not w.isdigit()]
        if not tokens:
            continue
        names += 1
        if entity.label == "NORP":  # "British" / "Britain": an adjective of a place the source names
            seen = any(w in sources.words or (len(w) >= 5 and w[:5] in prefixes) for w in tokens)
        else:
            seen = any(w in sources.words for w in tokens)
        if not seen:
            unseen.append(entity)
    return unseen, names


# Names whose digits are part of the name, not a value stated: "WPSD Local 6", "Apollo 11", "Fox 5".
_NAMES_WITH_DIGITS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"})


def _unseen_values(text: str, sources: Sources, entities: Sequence[Entity] = ()) -> tuple[list[tuple[str, int, int]], int]:
    unseen = []
    values = 0
    named = [(e.start, e.end) for e in entities if e.attribution or e.label in _NAMES_WITH_DIGITS]
    for mention in number_mentions(text):
        if max(mention.values) <= 1:
            continue  # "one", "1": a pronoun or an idiom as often as a count
        if any(a <= mention.start and mention.end <= b for a, b in named):
            continue
        values += 1
        if not mention.values & sources.numbers:
            unseen.append((mention.text, mention.start, mention.end))
    for word, a, b in calendar_words(text):
        values += 1
        if word.lower() not in sources.calendar:
            unseen.append((word, a, b))
    return unseen, values


def _share(items: Sequence[Any], known: Container[Any]) -> float:
    if not items:
        return 1.0
    return sum(1 for item in items if item in known) / len(items)


def _copy_span(words: list[str], other: list[str]) -> float:
    """The longest run of words the claim shares with its best evidence, as a share of the claim."""
    if not words or not other:
        return 0.0
    match = difflib.SequenceMatcher(None, words, other, autojunk=False).find_longest_match(0, len(words), 0, len(other))
    return match.size / len(words)


def _normal(text: str) -> str:
    return " ".join(words_of(text))


def _find(text: str, phrase: str) -> tuple[int, int]:
    at = text.find(phrase)
    return (at, at + len(phrase)) if at >= 0 else (0, 0)


def _names(text: str, stems: frozenset[str]) -> str:
    """The claim's own words for a set of stems ("Whitaker" for "whitak")."""
    from newsbrief.compare.lexicon import lemma

    return " ".join(w for w in re.findall(r"[\w'’-]+", text) if lemma(w) in stems) or ", ".join(sorted(stems))
