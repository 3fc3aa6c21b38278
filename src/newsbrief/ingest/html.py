"""Web pages to Articles: the main text and metadata of a page, via trafilatura."""

from __future__ import annotations

import re

from newsbrief.errors import InputError
from newsbrief.ingest.text import cut_text, strip_controls
from newsbrief.types import Article

_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000])) or text.lstrip()[:1] == "<" and "</" in text[:5000]


def article_from_html(html: str, *, id: str, url: str | None = None) -> Article:
    """Main text and metadata of a web page, via trafilatura (navigation and comments removed).

    `published` keeps the time of day when the page states it (normalized to UTC), so articles
    of the same day are ordered by when they appeared. A page longer than MAX_ARTICLE_BYTES is
    cut there first (callers that read the page themselves warn about it).
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    date_params = {**set_date_params(True), "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
    html = strip_controls(cut_text(html))

    def extract(with_metadata: bool):  # type: ignore[no-untyped-def]
        return trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, with_metadata=with_metadata, date_extraction_params=date_params
        )

    try:
        doc = extract(True)
    except Exception:  # htmldate and lxml fail on some broken trees (an AssertionError on "<svg><script>"); the text may be readable
        try:
            doc = extract(False)
        except Exception as exc:  # the same inside text extraction: the page is unreadable, which is an input problem
            raise InputError(f"{id}: the HTML page could not be parsed ({type(exc).__name__}); save it again or give its text") from exc
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():  # a dict only with the deprecated as_dict=True
        raise InputError(f"{id}: no article text found in the HTML page")
    return Article(
        id=id,
        text=doc.text or "",
        title=doc.title or None,
        source=doc.sitename or None,
        url=url or doc.url or None,
        published=iso_date(doc.date),
    )


def iso_date(value: str | None) -> str | None:
    """ISO 8601 for ordering: "2024-05-01" for a bare date, "2024-05-01T14:30:00+00:00" when a time is known."""
    if not value:
        return None
    from datetime import UTC, datetime

    for pattern in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            moment = datetime.strptime(value, pattern)
        except ValueError:
            continue
        if moment.tzinfo is not None:
            return moment.astimezone(UTC).isoformat()
        if moment.time() == datetime.min.time():  # htmldate pads a bare date with midnight
            return moment.date().isoformat()
        return moment.isoformat()
    return value


def article_from_text(text: str, *, id: str, **meta: str | None) -> Article:
    """An Article from a string that is either plain text or an HTML page."""
    if looks_like_html(text):
        return article_from_html(text, id=id, url=meta.get("url"))
    return Article(id=id, text=text, **meta)
