"""JSON records and library arguments to Articles: `{"id", "documents", "query"?, "earlier"?, "words"?}`
lines, document objects and strings, and one Multi-News string.

Every function here either returns Articles or raises `InputError` with a message naming the
offending record or field; every text is cut to the size cap before it is parsed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsbrief.errors import InputError
from newsbrief.ingest.html import article_from_html, article_from_text
from newsbrief.ingest.text import cut_text, escape_surrogates, split_multinews, strip_controls
from newsbrief.limits import MAX_ARTICLE_BYTES
from newsbrief.types import Article


@dataclass(frozen=True)
class ClusterRequest:
    """One cluster to summarize, as read from a JSONL line, an API call or the command line."""

    id: str
    articles: tuple[Article, ...]
    query: str | None = None
    earlier: tuple[Article, ...] = ()
    words: int | None = None
    warnings: tuple[str, ...] = ()  # documents or the query cut at MAX_ARTICLE_BYTES


def _usable(text: str, *, name: str, warnings: list[str] | None) -> str:
    """A field's text cut to the size cap (with a warning naming it) and stripped of control characters."""
    if len(text) > MAX_ARTICLE_BYTES:
        if warnings is None:  # no channel for the warning here: one character over the cap, so `cap_articles` cuts and warns
            text = text[: MAX_ARTICLE_BYTES + 1]
        else:
            text = cut_text(text)
            warnings.append(f"{name}: longer than {MAX_ARTICLE_BYTES} characters; only the start is used")
    return strip_controls(text)


def _article_from_field(value: object, *, id: str, warnings: list[str] | None = None) -> Article:
    if isinstance(value, str):
        return article_from_text(_usable(value, name=id, warnings=warnings), id=id)
    if isinstance(value, Mapping):
        meta = {key: _optional_str(value, key) for key in ("title", "source", "url", "published")}
        doc_id = escape_surrogates(str(value.get("id") or id))
        if isinstance(value.get("html"), str) and not value.get("text"):
            found = article_from_html(_usable(value["html"], name=doc_id, warnings=warnings), id=doc_id, url=meta["url"])
            return Article(
                id=doc_id,
                text=found.text,
                title=meta["title"] or found.title,
                source=meta["source"] or found.source,
                url=meta["url"] or found.url,
                published=meta["published"] or found.published,
            )
        text = value.get("text")
        if not isinstance(text, str):
            raise InputError(f"{id}: a document object needs a string 'text' (or 'html') field")
        return article_from_text(_usable(text, name=doc_id, warnings=warnings), id=doc_id, **meta)
    raise InputError(f"{id}: a document must be a string or an object with 'text', got {type(value).__name__}")


def _optional_str(obj: Mapping[str, object], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string, got {type(value).__name__}")
    return strip_controls(value[:MAX_ARTICLE_BYTES])


def article_from_record(record: object, *, default_id: str, warnings: list[str] | None = None) -> Article:
    """One article from a JSON object {"id"?, "text" | "html", "title"?, "source"?, "url"?, "published"?}
    (a line of `newsbrief stories --input`); anything else raises InputError naming the line.
    A text or page over the size cap is cut, with a message added to `warnings`."""
    if not isinstance(record, Mapping):
        raise InputError(f"{default_id}: each line must be a JSON object with 'text' or 'html'")
    return _article_from_field(record, id=default_id, warnings=warnings)


def articles_from_documents(
    documents: Sequence[object] | str, *, prefix: str = "doc", warnings: list[str] | None = None
) -> tuple[Article, ...]:
    """Articles from strings or {"text", "title"?, "source"?, "url"?, "published"?} objects.

    A single string is read as Multi-News source text (documents joined by `|||||`). Every text
    and page is cut to MAX_ARTICLE_BYTES characters before it is parsed (a message per cut one is
    added to `warnings`) and loses its control characters.
    """
    if isinstance(documents, str):
        documents = split_multinews(documents)
    if not isinstance(documents, Sequence):
        raise InputError("documents must be a list of strings or objects")
    return tuple(_article_from_field(doc, id=f"{prefix}{i}", warnings=warnings) for i, doc in enumerate(documents))


def as_articles(documents: Sequence[Article | str | dict[str, object]] | str) -> tuple[Article, ...]:
    """Accept Articles, strings (text or HTML), document dicts, or one Multi-News string."""
    if not isinstance(documents, str) and all(isinstance(d, Article) for d in documents):
        return tuple(documents)  # type: ignore[arg-type]
    return articles_from_documents(documents)


def cluster_from_record(record: object, *, default_id: str) -> ClusterRequest:
    """Validate one JSONL/API record: {"id", "documents", "query"?, "earlier"?, "words"?}."""
    if not isinstance(record, Mapping):
        raise InputError("each line must be a JSON object with 'id' and 'documents'")
    cluster_id = str(record.get("id", default_id))
    if "documents" not in record:
        raise InputError(f"{cluster_id}: missing 'documents'")
    query = _optional_str(record, "query")
    words = record.get("words")
    if words is not None and (not isinstance(words, int) or isinstance(words, bool)):
        raise InputError(f"{cluster_id}: 'words' must be an integer")
    earlier = record.get("earlier") or ()
    warnings: list[str] = []
    if len(record.get("query") or "") > MAX_ARTICLE_BYTES:
        warnings.append(f"{cluster_id}: the query is longer than {MAX_ARTICLE_BYTES} characters; only the start is used")
    return ClusterRequest(
        id=cluster_id,
        articles=articles_from_documents(record["documents"], warnings=warnings),  # type: ignore[arg-type]
        query=query,
        earlier=articles_from_documents(earlier, prefix="earlier", warnings=warnings),  # type: ignore[arg-type]
        words=words,
        warnings=tuple(warnings),
    )
