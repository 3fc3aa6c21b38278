"""Turn what users have (files, folders, HTML pages, JSONL, Multi-News strings) into Articles.

Every function here either returns Articles or raises `InputError` with a message naming the
offending file or field; nothing is silently dropped except what the caller is told about.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsbrief.errors import InputError
from newsbrief.types import Article

MAX_ARTICLE_BYTES = 2_000_000  # longer inputs are cut (with a warning): no news article is this long
# The one size cap of every path: file and page bytes, and the characters of a JSON record's `text`,
# `html` and `query`, are cut here before anything parses them (a 200 MB `html` field once took
# 400 s and 3.8 GB in trafilatura).
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ""}
MULTINEWS_SEPARATOR = re.compile(r"\s*(?:\|\|\|\|\||story_separator_special_tag)\s*")
# Control characters carry nothing in an article and break parsers (lxml refuses NUL); tab, newline
# and carriage return stay (the last is a line break), vertical tab and form feed become newlines.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BREAK_CONTROL = re.compile(r"[\x0b\x0c]")
# JSON can carry lone surrogates ("\ud800"); no UTF-8 encoder (a file, a terminal, SQLite) accepts them.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


@dataclass(frozen=True)
class ClusterRequest:
    """One cluster to summarize, as read from a JSONL line, an API call or the command line."""

    id: str
    articles: tuple[Article, ...]
    query: str | None = None
    earlier: tuple[Article, ...] = ()
    words: int | None = None
    warnings: tuple[str, ...] = ()  # documents or the query cut at MAX_ARTICLE_BYTES


@dataclass
class LoadResult:
    """Articles read from paths plus one human-readable warning per file that was skipped or cut."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def split_multinews(text: str) -> list[str]:
    """Split a Multi-News source string into its documents (`|||||` or the story tag)."""
    text = text.replace("NEWLINE_CHAR", "\n")
    return [part for part in MULTINEWS_SEPARATOR.split(text) if part.strip()]


def strip_controls(text: str) -> str:
    """`text` without NUL and the other control characters (tab and line breaks stay), and with
    lone surrogates replaced by U+FFFD (as cleaning would), so it can be written anywhere."""
    return _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", _BREAK_CONTROL.sub("\n", text)))


def escape_surrogates(name: str) -> str:
    """An id with its lone surrogates written as escapes ("\\ud800"): writable, and still distinct."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8") if _LONE_SURROGATE.search(name) else name


def cut_text(text: str, max_chars: int = MAX_ARTICLE_BYTES) -> str:
    """The first `max_chars` characters, ending at a line break when there is one in the second half."""
    if len(text) <= max_chars:
        return text
    cut = text.rfind("\n", 0, max_chars)
    return text[: cut if cut > max_chars // 2 else max_chars]


def _usable(text: str, *, name: str, warnings: list[str] | None) -> str:
    """A field's text cut to the size cap (with a warning naming it) and stripped of control characters."""
    if len(text) > MAX_ARTICLE_BYTES:
        if warnings is None:  # no channel for the warning here: one character over the cap, so `cap_articles` cuts and warns
            text = text[: MAX_ARTICLE_BYTES + 1]
        else:
            text = cut_text(text)
            warnings.append(f"{name}: longer than {MAX_ARTICLE_BYTES} characters; only the start is used")
    return strip_controls(text)


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


def decode_bytes(data: bytes, *, name: str, encoding: str | None = None) -> str:
    """Decode a file's or page's bytes; binary or undecodable content raises InputError naming it.

    Order: a byte-order mark (UTF-8/16/32), UTF-16 without one (every other byte NUL), the
    `encoding` a server declared, UTF-8, then the legacy code page `charsets.decode_legacy` finds
    most plausible (cp1252, latin-1, cp1250, Shift-JIS...). Text that went through a wrong decode once already ("donâ€™t") is repaired
    with ftfy, which wordfreq already depends on.
    """
    if not data.strip():
        return ""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: {kind}, not an article; save it as text or HTML first; skipped")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name=name)
            except UnicodeDecodeError:
                break  # a byte-order mark followed by what is not that encoding: the checks below decide
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), name=name)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (NUL bytes), not an article; skipped")
    text = None
    for codec in dict.fromkeys(c for c in (encoding, "utf-8") if c):
        try:
            text = data.decode(codec)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        from newsbrief.charsets import decode_legacy

        text = decode_legacy(data)  # charset-normalizer's candidates, judged by whether their words are words
        if text is None:
            raise InputError(f"{name}: not text in any known encoding (binary data?); skipped") from None
    return _checked(text, name=name)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.epub)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
)
# A UTF-8 lead byte read as cp1252/latin-1 followed by a continuation byte read the same way:
# the mark of text decoded wrongly once. Checked with a regex first: ftfy's own test is ~1 s/MB.
_MOJIBAKE = re.compile("[ÂÃâÐÑØÙ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte; binary files have NULs anywhere."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _checked(text: str, *, name: str) -> str:
    """Refuse decoded text that is mostly control characters; repair mojibake."""
    controls = sum(1 for ch in text[:8192] if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(f"{name}: binary content (control or undecodable characters), not an article; skipped")
    if _MOJIBAKE.search(text):
        import ftfy

        text = ftfy.fix_encoding(text)
    return strip_controls(text)


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
    from newsbrief.fetch import article_from_page, fetch_page, is_url

    result = LoadResult()
    for raw in inputs:
        if not is_url(str(raw)):
            loaded = load_paths([raw])
            result.articles.extend(loaded.articles)
            result.warnings.extend(loaded.warnings)
            continue
        try:
            page = fetch_page(str(raw), allow_private=allow_private)
            result.articles.append(article_from_page(page))
        except InputError as exc:
            result.warnings.append(str(exc))
            continue
        if page.truncated:
            result.warnings.append(f"{raw}: larger than {MAX_ARTICLE_BYTES} bytes; only the start is used")
    feeds = list(feeds)
    if feeds:
        from newsbrief.feeds import DEFAULT_MAX_ENTRIES, load_feeds

        loaded = load_feeds(feeds, allow_private=allow_private, max_entries=max_entries or DEFAULT_MAX_ENTRIES)
        result.articles.extend(loaded.articles)
        result.warnings.extend(loaded.warnings)
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


def cap_articles(articles: Sequence[Article], *, max_chars: int = MAX_ARTICLE_BYTES) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Cut texts longer than `max_chars` at a line break, with one warning per cut article.

    Files and pages are capped when read; this covers strings handed to the library or the
    service directly, so a single oversized document cannot stall a run.
    """
    kept, warnings = [], []
    for article in articles:
        if len(article.text) > max_chars:
            article = replace(article, text=cut_text(article.text, max_chars))
            warnings.append(f"{article.label}: longer than {max_chars} characters; only the start is used")
        kept.append(article)
    return tuple(kept), tuple(warnings)


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
