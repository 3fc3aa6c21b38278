"""Character hygiene and the size cap every input goes through, whatever it came from.

Control characters carry nothing in an article and break parsers (lxml refuses NUL); JSON can carry
lone surrogates that no UTF-8 encoder accepts; and no news article is longer than
`limits.MAX_ARTICLE_BYTES`, so longer texts are cut, with a warning, before anything parses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsbrief.limits import MAX_ARTICLE_BYTES
from newsbrief.types import Article

MULTINEWS_SEPARATOR = re.compile(r"\s*(?:\|\|\|\|\||story_separator_special_tag)\s*")
# Control characters carry nothing in an article and break parsers (lxml refuses NUL); tab, newline
# and carriage return stay (the last is a line break), vertical tab and form feed become newlines.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BREAK_CONTROL = re.compile(r"[\x0b\x0c]")
# JSON can carry lone surrogates ("\ud800"); no UTF-8 encoder (a file, a terminal, SQLite) accepts them.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


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
