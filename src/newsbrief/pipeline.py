"""The pipeline: the one library call every interface uses, a cluster of articles in, an attributed Brief out.

    ingest → clean → (dedupe: copies) → segment → represent → focus → select → attribute
    → compare (analysis) → rewrite (optional); `render` turns the Brief into text, Markdown or JSON.

`read_cluster` is the front half (ingest to segment) that `summarize`, `compare_documents` and the
training of the learned selector share; `summarize_record` is the unit of the JSONL command, the
batch runner and the HTTP service: one JSON record in, one JSON-ready dict (a brief or its error
record) out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from newsbrief.attribute import attribute
from newsbrief.clean import clean_cluster, normalize_text
from newsbrief.config import Config, resolve
from newsbrief.dedupe import duplicate_warnings, independent_view, near_duplicate_groups, without_articles
from newsbrief.errors import ConfigError, InputError, NewsbriefError, NoSentencesError, error_record
from newsbrief.focus import choose_headline, set_aside
from newsbrief.ingest import as_articles, cap_articles, cluster_from_record
from newsbrief.render import brief_to_dict
from newsbrief.represent import represent
from newsbrief.rewrite.options import record_rewrite
from newsbrief.segment import split_cluster
from newsbrief.select import STEERABLE, order_for_reading, steered_select
from newsbrief.select.readable import stand_alone
from newsbrief.timebox import time_limit
from newsbrief.types import Analysis, Article, Brief, Sentence

if TYPE_CHECKING:
    from newsbrief.rewrite.options import RewriteOptions

__all__ = ["summarize", "summarize_record", "compare_documents", "read_cluster", "Cluster", "as_articles"]

NO_SENTENCES = "no article has a usable sentence once navigation and boilerplate are removed"
Documents = Sequence[Article | str | dict[str, object]] | str


@dataclass(frozen=True)
class Cluster:
    """A cluster after the front half of the pipeline, before it is represented.

    articles: the documents as Articles, each cut at the size cap (the rewrite stage reads these);
    cleaned: the same articles with their noise removed (what is split, cited and shown);
    copies: groups of article indices that are copies of one text (`dedupe.near_duplicate_groups`);
    sentences: the cleaned articles' sentences; warnings: one per article cut at the size cap.
    """

    articles: tuple[Article, ...]
    cleaned: tuple[Article, ...]
    copies: tuple[tuple[int, ...], ...]
    sentences: list[Sentence]
    warnings: tuple[str, ...] = ()


def read_cluster(documents: Documents) -> Cluster:
    """Ingest, clean, find copies and split: the front half every use of a cluster shares.

    Never raises for an empty result (a caller decides what an empty cluster means); raises
    InputError for documents that are not articles.
    """
    articles, cut = cap_articles(as_articles(documents))
    cleaned = clean_cluster(articles)
    copies = near_duplicate_groups(cleaned)
    return Cluster(articles, cleaned, copies, split_cluster(cleaned), cut)


def summarize(
    documents: Documents,
    config: Config | None = None,
    *,
    query: str | None = None,
    since: Sequence[Article | str | dict[str, object]] = (),
    scorer: Any = None,
    words: int | None = None,
    selector: str | None = None,
    analysis: bool | None = None,
    encoder: str | None = None,
    rewrite: RewriteOptions | None = None,
) -> Brief:
    """Summarize one cluster of articles about the same story.

    >>> from newsbrief.render import render_markdown                 # doctest: +SKIP
    >>> brief = summarize([text_a, text_b, text_c], words=120)       # doctest: +SKIP
    >>> print(render_markdown(brief))                                # doctest: +SKIP

    Raises InputError when there is no document, NoSentencesError when no article has a usable
    sentence after cleaning. A single article works (every sentence then has one source).
    config: the run's options (`Config`); or give them as keywords (`words`, `selector`, `analysis`,
        `encoder`, `rewrite`), not both: a keyword that disagrees with `config` is a ConfigError.
    query: steer the brief toward a question ("What caused the fire?").
    since: articles the reader has already seen; the brief then reports only what the new
        articles add (an update brief).
    `scorer` replaces the shipped model of the learned selector (used for cross-validation).
    """
    config = resolve(config, words=words, selector=selector, analysis=analysis, encoder=encoder, rewrite=rewrite)
    cluster = read_cluster(documents)
    articles, cleaned, copies, sentences, cut = cluster.articles, cluster.cleaned, cluster.copies, cluster.sentences, cluster.warnings
    if not articles:
        raise InputError("no documents to summarize: give at least one article")
    if not sentences:
        raise NoSentencesError(NO_SENTENCES)
    query = normalize_text(query or "").strip() or None  # as the articles: no lone surrogate reaches the JSON echo
    earlier = [s.text for s in split_cluster(clean_cluster(cap_articles(as_articles(since))[0]))] if since else []  # capped as the new ones
    rep = represent(cleaned, sentences, query=query, earlier=earlier, encoder=config.encoder)  # type: ignore[arg-type]
    aside, focus_warnings = set_aside(rep)
    rep, _ = without_articles(rep, [a.article for a in aside])  # another story's sentences are neither chosen, cited nor compared
    if len(rep) == 0:
        raise NoSentencesError(NO_SENTENCES)
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
    if config.rewrite is not None:
        from newsbrief.rewrite import rewrite_brief  # a stage after selection; never raises for the model's sake

        brief = rewrite_brief(brief, articles, config.rewrite, words=config.words)
    return brief


def compare_documents(documents: Documents) -> tuple[Analysis, tuple[Article, ...]]:
    """The analysis alone for a cluster of documents (what `newsbrief compare` prints), with the
    cleaned articles it cites. Raises InputError / NoSentencesError as `summarize` does; articles
    cut at the size cap are named in the analysis' warnings."""
    from newsbrief.compare import analyze  # spaCy is loaded only when a comparison is asked for

    cluster = read_cluster(documents)
    if not cluster.articles:
        raise InputError("no documents to compare: give at least two articles")
    if not cluster.sentences:
        raise NoSentencesError(NO_SENTENCES)
    found = analyze(represent(cluster.cleaned, cluster.sentences), copies=cluster.copies)
    return replace(found, warnings=cluster.warnings + found.warnings), cluster.cleaned


def summarize_record(
    record: object,
    config: Config | None = None,
    *,
    default_id: str = "cluster",
    query: str | None = None,
    line: int | None = None,
) -> dict[str, object]:
    """One JSON record {"id", "documents", "query"?, "earlier"?, "words"?, "rewrite"?} (or the InputError
    of a line that was not JSON) in, one JSON-ready dict out.

    The shared unit of the JSONL command, the batch runner and the HTTP service: the result is
    `{"id", ...brief}` or `errors.error_record` (`{"id", "error", "error_type", "line"?}`) for input
    the record's owner must fix; it never raises a NewsbriefError, so a batch keeps one output per
    input. `config` is the run's (default `Config()`); a record's own `words` replaces its length, its
    `query` the `query` given here, and its `"rewrite": true|false` turns the configured rewrite on or
    off. `config.record_timeout`: seconds the record may take before it becomes a RecordTimeoutError record.
    """
    config = config if config is not None else Config()
    cluster_id = str(record.get("id", default_id)) if isinstance(record, dict) else default_id
    result: dict[str, object] = {"id": cluster_id}
    try:
        with time_limit(config.record_timeout):
            if isinstance(record, NewsbriefError):  # a line that could not be parsed
                raise record
            request = cluster_from_record(record, default_id=default_id)
            rewrite, notes = record_rewrite(record, config.rewrite)
            own = replace(config, rewrite=rewrite) if request.words is None else _record_config(request.id, request.words, config, rewrite)
            brief = summarize(request.articles, own, query=request.query or query, since=request.earlier)
            result.update(brief_to_dict(replace(brief, warnings=brief.warnings + notes)))
            if request.warnings:  # documents cut at the size cap before parsing
                result["warnings"] = [*request.warnings, *result.get("warnings", ())]  # type: ignore[misc]
    except NewsbriefError as exc:
        return error_record(cluster_id, exc, line=line)
    return result


def _record_config(cluster_id: str, words: int, config: Config, rewrite: RewriteOptions | None) -> Config:
    """The run's config with a record's own `words`, checked as any length is (so 0 is refused rather
    than read as "the default"); the error names the record and the field."""
    try:
        return replace(config, words=words, rewrite=rewrite)
    except ConfigError as exc:
        raise ConfigError(
            f"{cluster_id}: the record's {exc} (the brief's length in words); fix 'words' or leave it out for the default ({config.words})"
        ) from exc
