"""RSS and Atom feeds as article sources: read the entries, fetch the pages they link to.

The feed comes from a URL (fetched through `newsbrief.ingest.fetch`, with its address rules) or a
local file, and is parsed by feedparser from bytes only: given a string, feedparser would
fetch URLs itself, outside those rules. Each entry's page is fetched with the same rules; when an
entry's page cannot be fetched, its own text in the feed (full content or summary) is used instead,
with a warning, when it is long enough to be an article, and the entry is skipped (an error record)
when it is not. The entry's title,
publication time and the feed's title fill in what the page does not state.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsbrief.errors import InputError
from newsbrief.ingest.fetch import DEFAULT_TIMEOUT, FEED_TYPES, Resolver, fetch_page, fetch_url, is_url
from newsbrief.ingest.files import LoadResult
from newsbrief.ingest.html import article_from_html
from newsbrief.limits import MAX_ARTICLE_BYTES
from newsbrief.types import Article

DEFAULT_MAX_ENTRIES = 20
MIN_FEED_TEXT_WORDS = 40  # an entry's own text shorter than this is a teaser, not an article
FETCH_WORKERS = 4  # pages fetched at once: polite to one site, quick enough for a feed of 20 entries


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: where it links, and the metadata and text the feed itself carries."""

    title: str | None
    link: str | None
    published: str | None
    html: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, *, name: str, base_url: str | None = None) -> Feed:
    """Entries of an RSS or Atom document; InputError when the bytes are not a feed."""
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser raises on some broken input ("&#xD800;": UnicodeEncodeError; "&#1114112;": ValueError)
        raise InputError(f"{name}: not a readable RSS or Atom feed ({type(exc).__name__}: {exc})") from exc
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{name}: not an RSS or Atom feed{f' ({reason})' if reason else ''}; give the feed's own address")
    entries = tuple(_entry(raw) for raw in parsed.entries)
    return Feed(title=parsed.feed.get("title") or None, entries=entries)


def read_feed(
    source: str,
    *,
    allow_private: bool = False,
    max_entries: int = DEFAULT_MAX_ENTRIES,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_ARTICLE_BYTES,
    resolve: Resolver | None = None,
) -> LoadResult:
    """Articles for the first `max_entries` entries of the feed at `source` (URL or file).

    A feed that cannot be read raises InputError (FetchError for a URL); a failing entry only
    adds a warning.
    """
    feed = parse_feed(
        _feed_bytes(source, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, resolve=resolve),
        name=source,
        base_url=source if is_url(source) else None,
    )
    result = LoadResult()
    entries = feed.entries[:max_entries]
    if len(feed.entries) > max_entries:
        result.warnings.append(f"{source}: {len(feed.entries)} entries; only the first {max_entries} are used (--max-entries)")

    def load(entry: FeedEntry) -> tuple[Article | None, str | None]:
        return _entry_article(
            entry, feed=feed, source=source, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, resolve=resolve
        )

    with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
        for entry, (article, warning) in zip(entries, pool.map(load, entries), strict=True):  # map keeps the feed's order
            if article is None:  # skipped: the same error record as any other input that could not be used
                result.skip(entry.link or f"{source}: entry {entry.title or '(untitled)'!r}", InputError(str(warning)))
                continue
            if warning:
                result.warnings.append(warning)
            result.articles.append(article)
    return result


def _feed_bytes(source: str, *, allow_private: bool, timeout: float, max_bytes: int, resolve: Resolver | None) -> bytes:
    if is_url(source):
        page = fetch_page(source, accept=FEED_TYPES, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, resolve=resolve)
        if page.truncated:
            raise InputError(f"{source}: the feed is larger than {max_bytes} bytes; refusing a cut feed")
        return page.content
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{source}: no such feed file; give a feed URL (http/https) or an RSS/Atom file")
    if path.stat().st_size > max_bytes:
        raise InputError(f"{source}: the feed file is larger than {max_bytes} bytes")
    return path.read_bytes()


def _entry(raw: Any) -> FeedEntry:
    content = raw.get("content") or []
    html = (content[0].get("value") if content else None) or raw.get("summary") or None
    moment = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(moment), UTC).isoformat() if moment else None
    link = raw.get("link") or None
    return FeedEntry(title=raw.get("title") or None, link=link if link and is_url(link) else None, published=published, html=html)


def _entry_article(
    entry: FeedEntry, *, feed: Feed, source: str, allow_private: bool, timeout: float, max_bytes: int, resolve: Resolver | None
) -> tuple[Article | None, str | None]:
    """The entry's article and a warning, if any; never raises for one bad entry."""
    name = f"{source}: entry {entry.title or entry.link or '(untitled)'!r}"
    problem = "has no link"
    if entry.link:
        try:
            article = fetch_url(
                entry.link, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, resolve=resolve, default_source=feed.title
            )
            return _with_entry_metadata(article, entry, feed), None
        except InputError as exc:
            problem = str(exc)
    own = _feed_text(entry)
    if own is not None:
        return _with_entry_metadata(own, entry, feed), f"{name}: {problem}; used the text the feed carries"
    return None, f"{name}: {problem}; skipped"


def _feed_text(entry: FeedEntry) -> Article | None:
    if not entry.html or len(entry.html.split()) < MIN_FEED_TEXT_WORDS:
        return None
    try:
        article = article_from_html(f"<html><body><article>{entry.html}</article></body></html>", id=entry.link or entry.title or "entry")
    except InputError:
        return None
    return article if len(article.text.split()) >= MIN_FEED_TEXT_WORDS else None


def _with_entry_metadata(article: Article, entry: FeedEntry, feed: Feed) -> Article:
    """The page's own metadata first; the feed's where the page is silent."""
    return replace(
        article,
        title=article.title or entry.title,
        source=article.source or feed.title,
        url=article.url or entry.link,
        published=_finer(article.published, entry.published),
    )


def _finer(page: str | None, entry: str | None) -> str | None:
    """The page's date, unless the feed gives a time on that same day (or the page gives none)."""
    if not page or (entry and len(page) == 10 and entry.startswith(page)):
        return entry or page
    return page


def load_feeds(sources: Sequence[str], **options: Any) -> LoadResult:
    """Articles of several feeds; a feed that cannot be read becomes an error record."""
    result = LoadResult()
    for source in sources:
        try:
            loaded = read_feed(source, **options)
        except InputError as exc:
            result.skip(source, exc)
            continue
        result.extend(loaded)
    return result
