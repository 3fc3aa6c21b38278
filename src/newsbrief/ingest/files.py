"""Files and folders to Articles: each file one article, each unusable file one error record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.errors import InputError, error_record
from newsbrief.ingest.charsets import decode_bytes
from newsbrief.ingest.html import article_from_html, looks_like_html
from newsbrief.limits import MAX_ARTICLE_BYTES
from newsbrief.types import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ""}


@dataclass
class LoadResult:
    """Articles read from files, URLs, feeds or JSONL lines, and what happened to the rest.

    errors: one `errors.error_record` per input that was skipped (a missing or binary file, a page
        that could not be fetched, a JSONL line that is not an article), its `id` the file, URL or
        line's id; the same shape a batch, the service and the stories report use for a failed item.
    warnings: inputs that were used, but not whole or not as given (cut at the size cap, read twice).
    """

    articles: list[Article] = field(default_factory=list)
    errors: list[dict[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def skip(self, name: str, exc: BaseException, *, line: int | None = None) -> None:
        """Report `name` as skipped because of `exc`."""
        self.errors.append(error_record(name, exc, line=line))

    def extend(self, other: LoadResult) -> None:
        self.articles.extend(other.articles)
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    @property
    def messages(self) -> list[str]:
        """What a command line prints: every warning, then why each skipped input was skipped."""
        return self.warnings + [str(e["error"]) for e in self.errors]


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
            result.skip(str(path), InputError(f"{path}: no such file or folder; skipped"))
            continue
        for file in files:
            try:
                article, warnings = read_article_file(file)
            except (InputError, OSError) as exc:
                result.skip(str(file), exc if isinstance(exc, InputError) else InputError(str(exc)))
                continue
            result.warnings.extend(warnings)
            if article.text.strip():
                result.articles.append(article)
            else:
                result.skip(str(file), InputError(f"{file}: empty; skipped"))
    return result
