"""Optional fluent brief from a language model, every sentence checked against the sources.

A stage after selection: the extractive brief's sentences, numbered with their outlets, go to any
OpenAI-compatible chat-completions server (llama.cpp, Ollama, vLLM, a hosted API), which is asked
for a brief of the same length citing them as [n]. Each sentence it returns is verified
(`newsbrief.verify.check_sentence`) against the sentences it cites and, failing that, against all
the articles. Supported sentences are kept, with the sources and evidence the verifier found (the
model's own numbers are not trusted); unsupported or contradicted ones are dropped, and the
extractive sentences they would have replaced stay. A server that is down, slow or answers junk
leaves the extractive brief, with a warning. Nothing here raises for the model's sake.

>>> from newsbrief import summarize                                                 # doctest: +SKIP
>>> from newsbrief.rewrite import RewriteOptions                                    # doctest: +SKIP
>>> brief = summarize(texts, words=120, rewrite=RewriteOptions("http://127.0.0.1:8080"))  # doctest: +SKIP
>>> [(s.origin, s.verdict, s.sources) for s in brief.sentences]                     # doctest: +SKIP

Needs the `nlp` extra (spaCy) for the checks; without it the brief stays extractive, with a warning.
Modules: `prompt` (what is sent), `client` (HTTP, retries, budget), `cite` (reading the answer and
its citations), `merge` (kept sentences and the extractive fallback).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsbrief.rewrite.options import API_KEY_ENV, RewriteOptions, record_rewrite
from newsbrief.types import Article, Brief, RewriteReport

if TYPE_CHECKING:
    import httpx

    from newsbrief.verify.sources import Sources

__all__ = ["rewrite_brief", "apply_answer", "record_rewrite", "RewriteOptions", "API_KEY_ENV"]


def rewrite_brief(
    brief: Brief, documents: Sequence[Article], options: RewriteOptions, *, words: int, transport: httpx.BaseTransport | None = None
) -> Brief:
    """`brief` rewritten by the model at `options.url`, every generated sentence verified.

    documents: the articles as given to `summarize` (the verifier reads them as `summarize` did,
    so its evidence names sentences as the brief's citations do). words: the brief's budget.
    transport: an httpx transport for tests. Never raises for the model's sake: a failure gives
    the extractive brief with a warning and `brief.rewrite.error` set.
    """
    from newsbrief.errors import RewriteError
    from newsbrief.rewrite.client import complete
    from newsbrief.rewrite.prompt import build_messages, max_tokens

    started = time.monotonic()
    if not brief.sentences:
        return _extractive(brief, options.display_name, "the brief has no sentence to rewrite", started)
    try:
        answer = complete(build_messages(brief, words=words), options, max_tokens=max_tokens(words), transport=transport)
    except RewriteError as exc:
        return _extractive(brief, options.display_name, str(exc), started)
    return apply_answer(brief, documents, answer.text, model=options.display_name, words=words, cut_off=answer.cut_off, started=started)


def apply_answer(
    brief: Brief,
    documents: Sequence[Article],
    answer: str,
    *,
    model: str,
    words: int,
    cut_off: bool = False,
    started: float | None = None,
) -> Brief:
    """The brief with the model's `answer` (its text) read, verified and merged in; the unit the
    HTTP part feeds, and what tests drive with recorded answers."""
    from newsbrief.dedupe import near_duplicate_groups
    from newsbrief.errors import MissingDependencyError, NewsbriefError
    from newsbrief.limits import BUDGET_TOLERANCE
    from newsbrief.rewrite.cite import cited_pairs, parse_answer
    from newsbrief.rewrite.merge import Checked, compose
    from newsbrief.verify import check_sentence, prepare_sources

    started = time.monotonic() if started is None else started
    drafted = parse_answer(answer, brief, cut_off=cut_off)
    if not drafted:
        return _extractive(brief, model, f"the answer of {model} had no sentence to check: {answer.strip()[:80]!r}", started)
    try:
        sources = prepare_sources(list(documents))
        known = _same_sentences(brief, sources)
        checked = []
        for item in drafted:
            verdict = check_sentence(item.text, sources, cited=cited_pairs(item, brief, known))
            name = "unsupported" if verdict.verdict == "supported" and not verdict.evidence else verdict.verdict  # nothing to cite
            reasons = tuple(p.explanation for p in verdict.problems) or (() if name == "supported" else ("no source sentence states it",))
            checked.append(Checked(item, name, verdict.score, verdict.evidence, reasons))
    except MissingDependencyError as exc:
        return _extractive(brief, model, f"the sentences of {model} cannot be checked: {exc}", started, generated=len(drafted))
    except NewsbriefError as exc:  # the articles could not be read for checking: show nothing unchecked
        return _extractive(brief, model, f"the sentences of {model} could not be checked: {exc}", started, generated=len(drafted))
    sentences, dropped = compose(brief, checked, max_words=int(words * (1 + BUDGET_TOLERANCE)), groups=near_duplicate_groups(sources.articles))
    kept = sum(1 for s in sentences if s.origin == "generated")
    report = RewriteReport(model, len(drafted), kept, dropped, round(time.monotonic() - started, 3))
    if not kept:
        warning = f"rewrite: the brief is extractive: none of the {len(drafted)} sentences {model} wrote is supported by the sources"
        return replace(brief, sentences=sentences, warnings=brief.warnings + (warning,), rewrite=report)
    return replace(brief, sentences=sentences, rewrite=report)


def _same_sentences(brief: Brief, sources: Sources) -> list[tuple[int, int]]:
    """The (article, sentence) pairs the verifier's sources hold with the brief's text for them: the
    pairs a citation may point the verifier at (a pair the two read differently is left out)."""
    texts = {(s.article, s.index): s.text for s in sources.sentences}
    pairs = [(s.article, s.index, s.text) for s in brief.sentences]
    pairs += [(e.article, e.sentence, e.text) for s in brief.sentences for e in s.evidence]
    return [(a, i) for a, i, text in pairs if texts.get((a, i)) == text]


def _extractive(brief: Brief, model: str, why: str, started: float, *, generated: int = 0) -> Brief:
    """The extractive brief, marked as such, with a warning saying why no generated sentence is shown."""
    from newsbrief.rewrite.merge import extracted

    report = RewriteReport(model, generated, 0, (), round(time.monotonic() - started, 3), error=why)
    return replace(brief, sentences=tuple(extracted(s) for s in brief.sentences), warnings=brief.warnings + (f"rewrite: {why}",), rewrite=report)
