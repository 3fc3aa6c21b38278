"""Articles in, stories with briefs out; with a store, each run adds to the stories of the last.

    >>> from newsbrief.stories import build_stories                         # doctest: +SKIP
    >>> for story in build_stories(articles, words=120):                    # doctest: +SKIP
    ...     print(story.id, story.articles, story.brief["summary"])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsbrief.errors import InputError, NewsbriefError, error_record
from newsbrief.limits import DEFAULT_WORDS
from newsbrief.stories.group import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, arrival_order, check_options, group
from newsbrief.stories.index import StoryIndex
from newsbrief.stories.store import StoryStore
from newsbrief.stories.vectors import ArticleFeatures, DocumentFrequencies, article_features, weigh
from newsbrief.types import Article


@dataclass(frozen=True)
class Story:
    """A story: its stable id, member article ids in arrival order, and its brief.

    brief: the JSON of `newsbrief summarize --format json`, or an `error_record` without id when no
    brief can be made (e.g. a story of one page with no prose); None when briefs were not asked for.
    changed: whether this run created the story or changed its members.
    """

    id: str
    articles: tuple[str, ...]
    brief: dict[str, object] | None
    version: int = 1
    changed: bool = True

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "articles": list(self.articles), "brief": self.brief, "version": self.version, "changed": self.changed}


@dataclass(frozen=True)
class StoryRun:
    """What one run did: every live story, the articles it grouped, and what it skipped or merged.

    errors: one `error_record` (id: the article's) per article left out of every story
    because it has no story text (see `no_story_text`); such articles are not stored either.
    """

    stories: tuple[Story, ...]
    added: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    merged: tuple[tuple[str, str], ...] = field(default=())  # (kept story id, absorbed story id)
    errors: tuple[dict[str, object], ...] = ()


def story_id(row: int) -> str:
    """Ids follow creation order and are never reused: row 0 is "s1"."""
    return f"s{row + 1}"


def make_brief(articles: Sequence[Article], *, words: int) -> dict[str, object]:
    """The story's brief in its JSON shape (`render.brief_to_dict`, how the store keeps it), or its error record."""
    from newsbrief.pipeline import summarize
    from newsbrief.render import brief_to_dict

    try:
        return brief_to_dict(summarize(articles, words=words))
    except NewsbriefError as exc:
        return error_record(None, exc)


def _unique(articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    seen: set[str] = set()
    kept, warnings = [], []
    for article in articles:
        if article.id in seen:
            warnings.append(f"{article.id}: article id given twice; the first one is used")
            continue
        seen.add(article.id)
        kept.append(article)
    return kept, warnings


class NoStoryTextError(InputError):
    """An article with no term to group by (see `no_story_text`)."""

    error_type = "NoStoryText"


def no_story_text(articles: Sequence[Article], features: ArticleFeatures) -> tuple[list[Article], ArticleFeatures, list[dict[str, object]]]:
    """Split off the articles with no term to group by: an empty page, or one whose every line is
    boilerplate (a Wayback Machine crawl notice, "Tweet with a location", a cookie or sign-in wall).

    Such a page is not a report of any story. Grouped, it is either a story of its own with no
    brief, or it is glued to other placeholders (two crawl notices are near-identical) or, through
    a stray word, to a real story; reported, the reader sees which inputs were unusable and why.
    """
    usable = np.diff(features.counts.indptr) > 0
    if usable.all():
        return list(articles), features, []
    reason = "no story text to group (empty, or only boilerplate such as a crawl notice or a sign-in page)"
    errors = [error_record(a.id, NoStoryTextError(f"{a.id}: {reason}")) for a, ok in zip(articles, usable.tolist(), strict=True) if not ok]
    kept = [a for a, ok in zip(articles, usable.tolist(), strict=True) if ok]
    return kept, ArticleFeatures(counts=features.counts[usable], times=features.times[usable]), errors


def update_stories(
    articles: Sequence[Article],
    *,
    store: StoryStore | None = None,
    words: int = DEFAULT_WORDS,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: float = DEFAULT_WINDOW_DAYS,
    briefs: bool = True,
    workers: int = 1,
) -> StoryRun:
    """Group `articles` into stories (joining the stored ones when a store is given) and brief them.

    With a store, articles whose id is already stored are skipped, new articles join an existing
    story or open a new one, ids never change, and only stories whose members changed get a new
    brief. Without one, the articles are grouped from scratch and every story is briefed.
    `briefs=False` groups only (every `Story.brief` is None).
    """
    check_options(threshold, window_days)
    fresh, warnings = _unique(articles)
    if store is not None:
        known = store.known_article_ids(a.id for a in fresh)
        if known:
            warnings.append(f"{len(known)} article(s) already in the store; skipped")
            fresh = [a for a in fresh if a.id not in known]
    fresh, features, errors = no_story_text(fresh, article_features(fresh, workers=workers))
    if errors:
        shown = ", ".join(str(e["id"]) for e in errors[:10]) + (", …" if len(errors) > 10 else "")
        warnings.append(f"{len(errors)} article(s) with no story text (empty, or only boilerplate) joined no story: {shown}")
    frequencies = store.document_frequencies() if store is not None else DocumentFrequencies()
    frequencies.add(features.counts)
    vectors = weigh(features.counts, frequencies.idf())
    index, ids = store.load_index() if store is not None else (StoryIndex(), {})
    grouping = group(vectors, features.times, index, threshold=threshold, window_days=window_days)
    ids.update({row: story_id(row) for row in grouping.touched if row not in ids})
    ids.update({row: story_id(row) for pair in grouping.merged for row in pair if row not in ids})
    merged = tuple((ids[a], ids[b]) for a, b in grouping.merged)
    changed = {ids[row] for row in grouping.touched}
    if store is None:
        stories = _fresh_stories(fresh, grouping.rows, features.times, ids, words=words if briefs else None)
    else:
        store.save_run(fresh, vectors, grouping.rows, ids, grouping.touched, grouping.merged, frequencies)
        if briefs:
            for story, version in store.stale_stories():
                store.save_brief(story, version, make_brief(store.story_articles(story), words=words))
        stories = tuple(
            Story(id=s.id, articles=s.articles, brief=s.brief if briefs else None, version=s.version, changed=s.id in changed)
            for s in store.stories()
        )
    return StoryRun(stories=stories, added=tuple(a.id for a in fresh), warnings=tuple(warnings), merged=merged, errors=tuple(errors))


def _fresh_stories(
    articles: Sequence[Article], rows: np.ndarray, times: np.ndarray, ids: dict[int, str], *, words: int | None
) -> tuple[Story, ...]:
    members: dict[int, list[Article]] = {}
    for position in arrival_order(times).tolist():
        members.setdefault(int(rows[position]), []).append(articles[position])
    return tuple(
        Story(
            id=ids[row],
            articles=tuple(a.id for a in members[row]),
            brief=make_brief(members[row], words=words) if words is not None else None,
        )
        for row in sorted(members)
    )


def build_stories(
    articles: Sequence[Article],
    *,
    store: StoryStore | None = None,
    words: int = DEFAULT_WORDS,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: float = DEFAULT_WINDOW_DAYS,
    briefs: bool = True,
) -> list[Story]:
    """The stories of `articles` (see `update_stories`)."""
    return list(update_stories(articles, store=store, words=words, threshold=threshold, window_days=window_days, briefs=briefs).stories)
