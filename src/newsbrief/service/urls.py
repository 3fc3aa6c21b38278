"""Documents given only as URLs, fetched in the worker before summarizing (servers run with --allow-urls).

Fetching goes through `newsbrief.ingest.fetch`, which refuses private, loopback and link-local addresses
(a public server must not become a way into its own network) unless `allow_private` is set.
All fetches of one request share one deadline, set inside the request's timeout, so 50 slow URLs
cannot keep the worker busy after the client got its 504; fetches not yet started when the worker
is stopped are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from newsbrief.config import Config
from newsbrief.errors import NewsbriefError, error_record

MAX_PARALLEL_FETCHES = 8


def summarize_fetched(
    record: dict[str, Any], config: Config, *, default_id: str, fetch_deadline: float, allow_private: bool
) -> dict[str, object]:
    """`summarize_record` after replacing URL-only documents by the fetched articles.

    A page that cannot be fetched makes the whole record an error line naming the URL, as a
    document with no text would: a brief silently missing a source would misreport support.
    """
    from newsbrief.pipeline import summarize_record

    try:
        record = {
            **record,
            **{
                field: fetch_documents(record[field], deadline=fetch_deadline, allow_private=allow_private)
                for field in ("documents", "earlier")
                if isinstance(record.get(field), list)
            },
        }
    except NewsbriefError as exc:
        return error_record(str(record.get("id", default_id)), exc)
    return summarize_record(record, config, default_id=default_id)


def is_url_only(document: object) -> bool:
    return isinstance(document, Mapping) and bool(document.get("url")) and not document.get("text") and not document.get("html")


def fetch_documents(documents: list[object], *, deadline: float, allow_private: bool) -> list[object]:
    """The same list with each URL-only document replaced by its article as a document object;
    the caller's title or source, when given, wins over the page's. Every fetch ends by `deadline`
    (`time.monotonic()`)."""
    from newsbrief.ingest.fetch import fetch_url

    wanted = [i for i, doc in enumerate(documents) if is_url_only(doc)]
    if not wanted:
        return documents

    def fetch(i: int) -> dict[str, object]:
        given: Mapping[str, Any] = documents[i]  # type: ignore[assignment]
        article = fetch_url(str(given["url"]), deadline=deadline, allow_private=allow_private)
        found = {"text": article.text, "title": article.title, "source": article.source, "url": article.url, "published": article.published}
        return {**found, **{k: v for k, v in given.items() if v is not None and k != "url"}}

    pool = ThreadPoolExecutor(max_workers=min(MAX_PARALLEL_FETCHES, len(wanted)), thread_name_prefix="newsbrief-fetch")
    try:
        fetched = dict(zip(wanted, pool.map(fetch, wanted), strict=True))
    finally:  # on an error, or when the worker is stopped: queued fetches are dropped, running ones end by the deadline
        pool.shutdown(wait=False, cancel_futures=True)
    return [fetched.get(i, doc) for i, doc in enumerate(documents)]
