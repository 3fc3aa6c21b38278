"""Reading article streams (JSONL, files, folders) and printing stories as text, Markdown or JSON."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsbrief.errors import InputError
from newsbrief.jsonl import dump_json
from newsbrief.stories.build import Story
from newsbrief.types import Article


@dataclass
class ArticleStream:
    """Articles read from the inputs, and one message for every line or file that was not usable."""

    articles: list[Article] = field(default_factory=list)
    errors: list[dict[str, object]] = field(default_factory=list)  # `errors.error_record`s, with the line
    warnings: list[str] = field(default_factory=list)


def read_jsonl_articles(lines: Iterable[str], *, stream: ArticleStream | None = None) -> ArticleStream:
    """Articles from JSONL lines {"id", "text" | "html", "title"?, "source"?, "url"?, "published"?}.

    A line without an id gets "line-N"; a line that is not JSON or not an article becomes an error
    record naming the line, never a silent drop.
    """
    from newsbrief.jsonl import iter_lines

    return read_article_records(iter_lines(lines), stream=stream)


def read_article_records(records: Iterable[tuple[int, object]], *, stream: ArticleStream | None = None) -> ArticleStream:
    """Articles from parsed records paired with their line numbers; a record that is an InputError
    (a line that was not JSON) or not an article becomes an error record naming its line."""
    from newsbrief.errors import error_record
    from newsbrief.ingest import article_from_record
    from newsbrief.jsonl import default_id, record_id

    stream = stream if stream is not None else ArticleStream()
    for line, record in records:
        try:
            if isinstance(record, InputError):
                raise record
            stream.articles.append(article_from_record(record, default_id=default_id(line), warnings=stream.warnings))
        except InputError as exc:
            stream.errors.append(error_record(record_id(record, line), exc, line=line))
    return stream


def read_articles(paths: Sequence[str], *, input_path: str | None = None) -> ArticleStream:
    """Articles from a JSONL file and/or files and folders (one article a file)."""
    from newsbrief.ingest import load_paths

    stream = ArticleStream()
    if input_path:
        with open(input_path, encoding="utf-8", errors="replace", newline="\n") as lines:  # lines end at \n only, as in batch
            read_jsonl_articles(lines, stream=stream)
    if paths:
        loaded = load_paths(paths)
        stream.articles.extend(loaded.articles)
        stream.warnings.extend(loaded.warnings)
    return stream


def _cite(sources: object) -> str:
    return "".join(f"[{int(s) + 1}]" for s in sources) if isinstance(sources, list) else ""


def _brief_lines(brief: dict[str, object] | None) -> list[str]:
    if brief is None:
        return []
    if "error" in brief:
        return [f"(no brief: {brief['error']})"]
    sentences = brief.get("sentences")
    if not isinstance(sentences, list):
        return []
    return [f"{s['text']} {_cite(s.get('sources'))}" for s in sentences if isinstance(s, dict)]


def _sources(brief: dict[str, object] | None, articles: Sequence[str]) -> list[str]:
    listed = brief.get("articles") if brief else None
    if not isinstance(listed, list) or not listed:
        return [f"{n}. {a}" for n, a in enumerate(articles, start=1)]
    lines = []
    for number, meta in enumerate(listed, start=1):
        if not isinstance(meta, dict):
            continue
        name = str(meta.get("name") or meta.get("source") or meta.get("id"))  # as the brief cites it (Article.label)
        bits = [name]
        if meta.get("title") and meta["title"] != name:
            bits.append(f"“{meta['title']}”")
        if meta.get("published"):
            bits.append(str(meta["published"]))
        if meta.get("url"):
            bits.append(f"<{meta['url']}>")
        lines.append(f"{number}. " + " — ".join(bits) + (f" ({meta['id']})" if name != meta.get("id") else ""))
    return lines


def render_stories(stories: Sequence[Story], fmt: str, *, errors: Sequence[dict[str, object]] = ()) -> str:
    """Stories as `text`, `markdown` or `json` ({"stories": [...], "errors"?: [...]})."""
    if fmt == "json":
        payload: dict[str, object] = {"stories": [s.to_dict() for s in stories]}
        if errors:
            payload["errors"] = list(errors)
        return dump_json(payload, indent=2)
    parts = []
    for story in stories:
        mark = " (updated)" if story.changed else ""
        if fmt == "markdown":
            parts.append(f"## Story {story.id}{mark} — {len(story.articles)} article(s)\n")
            parts.append(" ".join(_brief_lines(story.brief)) + "\n")
            parts.append("### Sources\n")
            parts.append("\n".join(_sources(story.brief, story.articles)) + "\n")
        else:
            parts.append(f"Story {story.id}{mark}: {len(story.articles)} article(s): {', '.join(story.articles)}")
            parts.extend(_brief_lines(story.brief))
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"
