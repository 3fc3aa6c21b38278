"""`POST /v1/stories`: a pile of articles in, its stories with their briefs out, as `newsbrief stories
--input FILE.jsonl --format json` would print them. Stateless: each request groups only its own
articles (a shared store would let one client's articles join another's stories)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsbrief.errors import InputError, NewsbriefError, error_record
from newsbrief.limits import DEFAULT_WORDS
from newsbrief.service.errors import InvalidField, TooLarge
from newsbrief.service.settings import Settings
from newsbrief.stories.group import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS


@dataclass(frozen=True)
class StoryOptions:
    """What a request may set of `update_stories`, typed once its JSON has been checked."""

    words: int = DEFAULT_WORDS
    threshold: float = DEFAULT_THRESHOLD
    window_days: float = DEFAULT_WINDOW_DAYS


def stories_options(record: object, settings: Settings) -> tuple[list[object], StoryOptions]:
    """The articles and the options of `update_stories`, after the server's limits and type checks.

    The command line gets typed options from click; here they come from JSON, so their types are
    checked before the library compares them (a string threshold would otherwise be a 500).
    """
    if not isinstance(record, Mapping) or not isinstance(record.get("articles"), list):
        raise InvalidField("send a JSON object {\"articles\": [...]}, each article a line of `newsbrief stories --input`")
    articles = record["articles"]
    if len(articles) > settings.max_story_articles:
        raise TooLarge(f"{len(articles)} articles in one request; this server accepts at most {settings.max_story_articles}")
    words = record.get("words", DEFAULT_WORDS)
    if not isinstance(words, int) or isinstance(words, bool):
        raise InvalidField("'words' must be an integer")
    settings.check_words(record)
    return articles, StoryOptions(words, _number(record, "threshold", DEFAULT_THRESHOLD), _number(record, "window_days", DEFAULT_WINDOW_DAYS))


def _number(record: Mapping[str, object], name: str, default: float) -> float:
    value = record.get(name)
    if value is None:
        return default
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidField(f"'{name}' must be a number")
    return float(value)


def group_stories(articles: list[object], options: StoryOptions) -> dict[str, object]:
    """`{"stories", "errors"?, "warnings"?}`, or an `error_record` plus `errors`? when nothing is usable.

    The articles go through the reader of `newsbrief stories --input`, so an article without an
    id is "line-N" (N counts from 1) and an unusable one is reported by its line number, exactly
    as in a JSONL file, while the others are still grouped.
    """
    from newsbrief.stories import update_stories
    from newsbrief.stories.io import read_article_records

    stream = read_article_records(enumerate(articles, start=1))
    errors = {"errors": stream.errors} if stream.errors else {}
    if not stream.articles:
        return {**error_record(None, InputError("no readable article: each needs 'text' or 'html'")), **errors}
    try:
        run = update_stories(stream.articles, words=options.words, threshold=options.threshold, window_days=options.window_days)
    except NewsbriefError as exc:
        return {**error_record(None, exc), **errors}
    skipped = list(stream.errors) + list(run.errors)  # unreadable lines, then pages with no story text
    payload: dict[str, object] = {"stories": [story.to_dict() for story in run.stories], **({"errors": skipped} if skipped else {})}
    warnings = list(stream.warnings) + list(run.warnings)  # articles cut at the size cap, then the run's own
    if warnings:
        payload["warnings"] = warnings
    return payload
