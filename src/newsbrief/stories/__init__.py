"""Stories: a pile or stream of articles grouped into stories, each with a brief kept up to date.

    vectors    hashed TF-IDF of words and capitalised names; publication times
    index      inverted index over story term sums, blocked by a time window
    group      single-pass average-linkage clustering and a merge pass
    store      persistence (articles, stories, assignments, briefs) with schema migrations
    db         the connection under the store: SQLite, or PostgreSQL with the `postgres` extra
    build      the library call: `build_stories` / `update_stories`
    io         JSONL and file input, text / Markdown / JSON output

>>> from newsbrief.stories import StoryStore, build_stories                  # doctest: +SKIP
>>> with StoryStore("stories.db") as store:                                  # doctest: +SKIP
...     stories = build_stories(articles, store=store, words=120)
"""

from newsbrief.stories.build import Story, StoryRun, build_stories, update_stories
from newsbrief.stories.group import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS
from newsbrief.stories.store import StoryStore

__all__ = ["build_stories", "update_stories", "Story", "StoryRun", "StoryStore", "DEFAULT_THRESHOLD", "DEFAULT_WINDOW_DAYS"]
