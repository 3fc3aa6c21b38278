"""The one library call every interface uses: a cluster of articles in, an attributed Brief out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsbrief.attribute import attribute
from newsbrief.clean import clean_cluster
from newsbrief.config import DEFAULT_WORDS, Config
from newsbrief.errors import InputError, NoSentencesError
from newsbrief.ingest import articles_from_documents
from newsbrief.represent import represent
from newsbrief.segment import split_cluster
from newsbrief.select import LEARNED, get_selector, order_for_reading
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
    config: Config | None = None,
    scorer: Any = None,
) -> Brief:
    """Summarize one cluster of articles about the same story.

    >>> brief = summarize([text_a, text_b, text_c], words=120)   # doctest: +SKIP
    >>> print(brief.to_markdown())                               # doctest: +SKIP

    Raises InputError when there is no document, NoSentencesError when no article has a usable
    sentence after cleaning. A single article works (every sentence then has one source).
    `scorer` replaces the shipped model of the learned selector (used for cross-validation).
    """
    config = config or Config(words=words, selector=selector, analysis=analysis)
    articles = as_articles(documents)
    if not articles:
        raise InputError("no documents to summarize: give at least one article")
    cleaned = clean_cluster(articles)
    sentences = split_cluster(cleaned)
    if not sentences:
        raise NoSentencesError("no article has a usable sentence once navigation and boilerplate are removed")
    rep = represent(cleaned, sentences)
    options = {"scorer": scorer} if scorer is not None and config.selector in LEARNED else {}
    chosen = get_selector(config.selector)(rep, words=config.words, **options)
    ordered = order_for_reading(chosen, rep)
    brief_sentences = attribute(ordered, rep, threshold=config.attribution_threshold)
    return Brief(sentences=brief_sentences, articles=cleaned)
