"""Everything a command line can name, read into Articles: files, folders, http(s) URLs and feeds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newsbrief.errors import InputError
from newsbrief.ingest.feeds import DEFAULT_MAX_ENTRIES, load_feeds
from newsbrief.ingest.fetch import article_from_page, fetch_page, is_url
from newsbrief.ingest.files import LoadResult, load_paths
from newsbrief.limits import MAX_ARTICLE_BYTES


def load_inputs(
    inputs: Iterable[str | Path],
    *,
    feeds: Iterable[str] = (),
    allow_private: bool = False,
    max_entries: int | None = None,
) -> LoadResult:
    """Everything a command line can name, in the order given: files, folders and http(s) URLs,
    then the entries of RSS/Atom feeds (URLs or files).

    Each input that cannot be used becomes a warning, as in `load_paths`; a page fetched twice
    (same final URL, e.g. from a feed and from the command line) is kept once.
    """
    result = LoadResult()
    for raw in inputs:
        if not is_url(str(raw)):
            result.extend(load_paths([raw]))
            continue
        try:
            page = fetch_page(str(raw), allow_private=allow_private)
            result.articles.append(article_from_page(page))
        except InputError as exc:
            result.skip(str(raw), exc)
            continue
        if page.truncated:
            result.warnings.append(f"{raw}: larger than {MAX_ARTICLE_BYTES} bytes; only the start is used")
    feeds = list(feeds)
    if feeds:
        result.extend(load_feeds(feeds, allow_private=allow_private, max_entries=max_entries or DEFAULT_MAX_ENTRIES))
    seen: set[str] = set()
    unique = []
    for article in result.articles:
        if article.url and article.url in seen:
            result.warnings.append(f"{article.url}: given twice; read once")
            continue
        seen.add(article.url or f"\0{len(seen)}")
        unique.append(article)
    result.articles = unique
    return result
