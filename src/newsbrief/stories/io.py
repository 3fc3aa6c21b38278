"""Reading article streams (JSONL, files, folders) and printing stories as text, Markdown or JSON.

A story's brief is kept as its JSON (`render.brief_to_dict`); it is shown again through
`render.brief_from_dict` and render.py's own sentence and source lines, never rendered a second way here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsbrief.errors import InputError
from newsbrief.ingest import LoadResult, article_from_record, load_paths
from newsbrief.jsonl import default_id, dump_json, iter_lines, record_id
from newsbrief.render import brief_from_dict, cited_lines, source_lines
from newsbrief.stories.build import Story

ArticleStream = LoadResult  # articles, and one error record for every line or file that was not usable


def read_jsonl_articles(lines: Iterable[str], *, stream: ArticleStream | None = None) -> ArticleStream:
    """Articles from JSONL lines {"id", "text" | "html", "title"?, "source"?, "url"?, "published"?}.

    A line without an id gets "line-N"; a line that is not JSON or not an article becomes an error
    record naming the line, never a silent drop.
    """
    return read_article_records(iter_lines(lines), stream=stream)


def read_article_records(records: Iterable[tuple[int, object]], *, stream: ArticleStream | None = None) -> ArticleStream:
    """Articles from parsed records paired with their line numbers; a record that is an InputError
    (a line that was not JSON) or not an article becomes an error record naming its line."""
    stream = stream if stream is not None else ArticleStream()
    for line, record in records:
        try:
            if isinstance(record, InputError):
                raise record
            stream.articles.append(article_from_record(record, default_id=default_id(line), warnings=stream.warnings))
        except InputError as exc:
            stream.skip(record_id(record, line), exc, line=line)
    return stream


def read_articles(paths: Sequence[str], *, input_path: str | None = None) -> ArticleStream:
    """Articles from a JSONL file and/or files and folders (one article a file)."""
    stream = ArticleStream()
    if input_path:
        with open(input_path, encoding="utf-8", errors="replace", newline="\n") as lines:  # lines end at \n only, as in batch
            read_jsonl_articles(lines, stream=stream)
    if paths:
        stream.extend(load_paths(paths))
    return stream


def _brief_lines(brief: dict[str, object] | None) -> list[str]:
    """The story's brief as its cited sentences (render.py's own), or why it has none."""
    if brief is None:
        return []
    if "error" in brief:
        return [f"(no brief: {brief['error']})"]
    return cited_lines(brief_from_dict(brief))


def _sources(brief: dict[str, object] | None, articles: Sequence[str]) -> list[str]:
    """The brief's numbered source list (render.py's own), each with the member's id when its name is
    not the id (a story pile is fed by id); or the member ids when there is no brief."""
    if not brief or "error" in brief or not brief.get("articles"):
        return [f"{n}. {a}" for n, a in enumerate(articles, start=1)]
    shown = brief_from_dict(brief)
    return [line if a.label == a.id else f"{line} ({a.id})" for line, a in zip(source_lines(shown, markdown=True), shown.articles, strict=True)]


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
