"""The one library call every interface uses: a cluster of articles in, an attributed Brief out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from newsbrief.attribute import attribute
from newsbrief.clean import clean_cluster, normalize_text
from newsbrief.config import DEFAULT_WORDS, Config
from newsbrief.dedupe import duplicate_warnings, independent_view, near_duplicate_groups, without_articles
from newsbrief.errors import InputError, NoSentencesError
from newsbrief.focus import choose_headline, set_aside
from newsbrief.ingest import articles_from_documents, cap_articles
from newsbrief.represent import represent
from newsbrief.rewrite.options import RewriteOptions, record_rewrite
from newsbrief.segment import split_cluster
from newsbrief.select import STEERABLE, order_for_reading, steered_select
from newsbrief.select.readable import stand_alone
from newsbrief.types import Article, Brief


def as_articles(documents: Sequence[Article | str | dict[str, object]] | str) -> tuple[Article, ...]:
    """Accept Articles, strings (text or HTML), document dicts, or one Multi-News string."""
    if not isinstance(documents, str) and all(isinstance(d, Article) for d in documents):
        return tuple(documents)  # type: ignore[arg-type]
    return articles_from_documents(documents)


def summarize(
    documents: Sequence[Article | str | dict[str, object]] | str,
    *,
    words: int = DEFAULT_WORDS,
    selector: str = "default",
    analysis: bool = False,
    query: str | None = None,
    since: Sequence[Article | str | dict[str, object]] = (),
    encoder: str = "tfidf",
    config: Config | None = None,
    scorer: Any = None,
    rewrite: RewriteOptions | None = None,
) -> Brief:
    """Summarize one cluster of articles about the same story.

    >>> brief = summarize([text_a, text_b, text_c], words=120)   # doctest: +SKIP
    >>> print(brief.to_markdown())                               # doctest: +SKIP

    Raises InputError when there is no document, NoSentencesError when no article has a usable
    sentence after cleaning. A single article works (every sentence then has one source).
    query: steer the brief toward a question ("What caused the fire?").
    since: articles the reader has already seen; the brief then reports only what the new
        articles add (an update brief).
    encoder: "tfidf" (default), "minilm" or "static": see `Config`.
    `scorer` replaces the shipped model of the learned selector (used for cross-validation).
    rewrite: have the language model at `rewrite.url` rewrite the brief, every sentence it writes
        verified against the articles (`newsbrief.rewrite`); off by default.
    """
    config = config or Config(words=words, selector=selector, analysis=analysis, encoder=encoder)
    articles, cut = cap_articles(as_articles(documents))
    if not articles:
        raise InputError("no documents to summarize: give at least one article")
    cleaned = clean_cluster(articles)
    copies = near_duplicate_groups(cleaned)
    sentences = split_cluster(cleaned)
    if not sentences:
        raise NoSentencesError("no article has a usable sentence once navigation and boilerplate are removed")
    query = normalize_text(query or "").strip() or None  # as the articles: no lone surrogate reaches the JSON echo
    earlier = [s.text for s in split_cluster(clean_cluster(as_articles(since)))] if since else []
    rep = represent(cleaned, sentences, query=query, earlier=earlier, encoder=config.encoder)  # type: ignore[arg-type]
    aside, focus_warnings = set_aside(rep)
    rep, _ = without_articles(rep, [a.article for a in aside])  # another story's sentences are neither chosen, cited nor compared
    if len(rep) == 0:
        raise NoSentencesError("no article has a usable sentence once navigation and boilerplate are removed")
    unique, rows = independent_view(rep, copies)  # selection sees each copied text once
    chosen = steered_select(unique, selector=config.selector, words=config.words, scorer=scorer)  # steered by rep.query / earlier
    chosen = [int(rows[i]) for i in chosen]
    warnings = cut + focus_warnings + duplicate_warnings(copies, cleaned)
    warnings += ("nothing new: every sentence repeats the earlier articles",) if since and not chosen else ()
    opening = chosen[0] if chosen and config.selector in STEERABLE else None  # readable selectors return the opening first
    ordered = order_for_reading(chosen, rep, opening=opening)
    brief_sentences = attribute(ordered, rep, threshold=config.attribution_threshold, groups=copies)
    brief_sentences = stand_alone(brief_sentences)
    found = None
    if config.analysis:
        from newsbrief.compare import analyze  # imported here: the plain summary never loads spaCy

        found = analyze(rep, copies=copies)  # copies count once in a fact's support, as in attribution
        warnings += found.warnings
    kept = sorted(set(range(len(cleaned))) - {a.article for a in aside})
    brief = Brief(
        sentences=brief_sentences,
        articles=cleaned,
        analysis=found,
        query=query,
        warnings=warnings,
        headline=choose_headline(cleaned, kept),
        set_aside=aside,
    )
    if rewrite is not None:
        from newsbrief.rewrite import rewrite_brief  # a stage after selection; never raises for the model's sake

        brief = rewrite_brief(brief, articles, rewrite, words=config.words)
    return brief


def summarize_record(
    record: object,
    *,
    default_id: str = "cluster",
    words: int = DEFAULT_WORDS,
    query: str | None = None,
    line: int | None = None,
    time_budget: float | None = None,
    rewrite: RewriteOptions | None = None,
    **options: Any,
) -> dict[str, object]:
    """One JSON record {"id", "documents", "query"?, "earlier"?, "words"?} (or the InputError of a line
    that was not JSON) in, one JSON-ready dict out.

    The shared unit of the JSONL command, the batch runner and the HTTP service: the result is
    `{"id", ...brief}` or `errors.error_record` (`{"id", "error", "error_type", "line"?}`) for input
    the record's owner must fix; it never raises a NewsbriefError, so a batch keeps one output per
    input. `time_budget`: seconds the record may take before it becomes a RecordTimeoutError record. A record's
    `"rewrite": true|false` turns the configured `rewrite` on or off for that record.
    """
    from newsbrief.errors import NewsbriefError, error_record
    from newsbrief.ingest import cluster_from_record
    from newsbrief.timebox import time_limit

    cluster_id = str(record.get("id", default_id)) if isinstance(record, dict) else default_id
    result: dict[str, object] = {"id": cluster_id}
    try:
        with time_limit(time_budget):
            if isinstance(record, NewsbriefError):  # a line that could not be parsed
                raise record
            request = cluster_from_record(record, default_id=default_id)
            length = words if request.words is None else _record_words(request.id, request.words, default=words)
            rewrite, notes = record_rewrite(record, rewrite)
            brief = summarize(request.articles, words=length, query=request.query or query, since=request.earlier, rewrite=rewrite, **options)
            result.update(replace(brief, warnings=brief.warnings + notes).to_dict())
            if request.warnings:  # documents cut at the size cap before parsing
                result["warnings"] = [*request.warnings, *result.get("warnings", ())]  # type: ignore[misc]
    except NewsbriefError as exc:
        return error_record(cluster_id, exc, line=line)
    return result


def _record_words(cluster_id: str, words: int, *, default: int) -> int:
    """A record's own `words`, checked here so that 0 is refused rather than read as "the default",
    and the error names the record and the field (a ConfigError still, as for any length out of range)."""
    from newsbrief.errors import ConfigError

    try:
        Config(words=words)
    except ConfigError as exc:
        raise ConfigError(
            f"{cluster_id}: the record's {exc} (the brief's length in words); fix 'words' or leave it out for the default ({default})"
        ) from exc
    return words
