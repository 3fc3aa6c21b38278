"""Turn what users have (files, folders, HTML pages, JSONL, Multi-News strings) into Articles.

Every function here either returns Articles or raises `InputError` with a message naming the
offending file or field; nothing is silently dropped except what the caller is told about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.errors import InputError
from newsbrief.types import Article

MAX_ARTICLE_BYTES = 2_000_000  # longer inputs are cut (with a warning): no news article is this long
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ""}
MULTINEWS_SEPARATOR = re.compile(r"\s*(?:\|\|\|\|\||story_separator_special_tag)\s*")
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


@dataclass(frozen=True)
class ClusterRequest:
    """One cluster to summarize, as read from a JSONL line, an API call or the command line."""

    id: str
    articles: tuple[Article, ...]
    query: str | None = None
    earlier: tuple[Article, ...] = ()
    words: int | None = None


@dataclass
class LoadResult:
    """Articles read from paths plus one human-readable warning per file that was skipped or cut."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def split_multinews(text: str) -> list[str]:
    """Split a Multi-News source string into its documents (`|||||` or the story tag)."""
    text = text.replace("NEWLINE_CHAR", "\n")
    return [part for part in MULTINEWS_SEPARATOR.split(text) if part.strip()]


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000])) or text.lstrip()[:1] == "<" and "</" in text[:5000]


def article_from_html(html: str, *, id: str, url: str | None = None) -> Article:
    """Main text and metadata of a web page, via trafilatura (navigation and comments removed)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{id}: no article text found in the HTML page")
    return Article(
        id=id,
        text=doc.text,
        title=doc.title or None,
        source=doc.sitename or None,
        url=url or doc.url or None,
        published=doc.date or None,
    )


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode a file's bytes; binary or undecodable content raises InputError naming the file."""
    if not data.strip():
        return ""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (NUL bytes), not an article; skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name}: cannot decode the text (unknown encoding); skipped") from None
        text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(f"{name}: binary content (control characters), not an article; skipped")
    return text


def article_from_text(text: str, *, id: str, **meta: str | None) -> Article:
    """An Article from a string that is either plain text or an HTML page."""
    if looks_like_html(text):
        return article_from_html(text, id=id, url=meta.get("url"))
    return Article(id=id, text=text, **meta)


def read_article_file(path: Path) -> tuple[Article, list[str]]:
    """Read one file as one article; returns the article and any warnings (e.g. it was cut)."""
    warnings: list[str] = []
    data = path.read_bytes()
    if len(data) > MAX_ARTICLE_BYTES:
        warnings.append(f"{path}: larger than {MAX_ARTICLE_BYTES} bytes; only the start is used")
        data = data[:MAX_ARTICLE_BYTES]
    text = decode_bytes(data, name=str(path))
    if path.suffix.lower() in {".html", ".htm", ".xhtml"} or looks_like_html(text):
        return article_from_html(text, id=path.name), warnings
    return Article(id=path.name, text=text), warnings


def load_paths(paths: Iterable[str | Path]) -> LoadResult:
    """Read files and folders (each file one article, folders in name order).

    Unreadable, binary and empty files are skipped with a warning; the caller decides whether
    an empty result is an error.
    """
    result = LoadResult()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        elif path.exists():
            files = [path]
        else:
            result.warnings.append(f"{path}: no such file or folder; skipped")
            continue
        for file in files:
            try:
                article, warnings = read_article_file(file)
            except (InputError, OSError) as exc:
                result.warnings.append(str(exc))
                continue
            result.warnings.extend(warnings)
            if article.text.strip():
                result.articles.append(article)
            else:
                result.warnings.append(f"{file}: empty; skipped")
    return result


def _article_from_field(value: object, *, id: str) -> Article:
    if isinstance(value, str):
        return article_from_text(value, id=id)
    if isinstance(value, Mapping):
        meta = {key: _optional_str(value, key) for key in ("title", "source", "url", "published")}
        doc_id = str(value.get("id") or id)
        if isinstance(value.get("html"), str) and not value.get("text"):
            found = article_from_html(value["html"], id=doc_id, url=meta["url"])
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
        return article_from_text(text, id=doc_id, **meta)
    raise InputError(f"{id}: a document must be a string or an object with 'text', got {type(value).__name__}")


def _optional_str(obj: Mapping[str, object], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string, got {type(value).__name__}")
    return value


def articles_from_documents(documents: Sequence[object] | str, *, prefix: str = "doc") -> tuple[Article, ...]:
    """Articles from strings or {"text", "title"?, "source"?, "url"?, "published"?} objects.

    A single string is read as Multi-News source text (documents joined by `|||||`).
    """
    if isinstance(documents, str):
        documents = split_multinews(documents)
    if not isinstance(documents, Sequence):
        raise InputError("documents must be a list of strings or objects")
    return tuple(_article_from_field(doc, id=f"{prefix}{i}") for i, doc in enumerate(documents))


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
    return ClusterRequest(
        id=cluster_id,
        articles=articles_from_documents(record["documents"]),  # type: ignore[arg-type]
        query=query,
        earlier=articles_from_documents(earlier, prefix="earlier"),  # type: ignore[arg-type]
        words=words,
    )


def iter_jsonl_records(lines: Iterable[str]) -> Iterator[tuple[str, object]]:
    """(default id, parsed record) per non-blank line; a line that is not JSON yields its InputError
    in place of the record, so whoever consumes the stream can write one error line for it."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield f"line-{number}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line-{number}", InputError(f"line {number}: not valid JSON ({exc.msg})")
