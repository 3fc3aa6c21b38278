"""Stories that persist between runs, in SQLite (stdlib `sqlite3`) or PostgreSQL (psycopg 3).

Tables: `articles` (text, metadata and the frozen grouping vector), `stories` (stable id, row in
the index, a version bumped whenever its members change, `merged_into` when another story
absorbed it), `assignments` (article → story), `briefs` (the brief JSON and the story version it
was made from: a brief is stale exactly when its version is behind the story's) and `meta`
(document frequencies of the pile, the schema's own bookkeeping). The schema carries a version;
`MIGRATIONS` lists the steps from each version to the next, applied in one transaction on open.

`--db stories.db` or `--db sqlite:///path/stories.db` is a SQLite file; `--db
postgresql://user@host/dbname` a PostgreSQL database (the `postgres` extra). Both run the same SQL
and the same migrations through `db.Database`; tests run them against a real server.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from more_itertools import batched
from scipy import sparse

from newsbrief.errors import ConfigError
from newsbrief.stories.db import Database, connect
from newsbrief.stories.index import StoryIndex
from newsbrief.stories.vectors import N_FEATURES, DocumentFrequencies, parse_time
from newsbrief.types import Article

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # version 1
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, text TEXT NOT NULL,
            title TEXT, source TEXT, url TEXT, published TEXT, added TEXT NOT NULL, vector BLOB NOT NULL)""",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, version INTEGER NOT NULL,
            created TEXT NOT NULL, updated TEXT NOT NULL)""",
        "CREATE TABLE assignments (article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL REFERENCES stories(id))",
        """CREATE TABLE briefs (
            story_id TEXT PRIMARY KEY REFERENCES stories(id), story_version INTEGER NOT NULL,
            brief TEXT NOT NULL, updated TEXT NOT NULL)""",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)",  # BLOB: BYTEA on PostgreSQL
    ),
    (  # version 2: merges keep the absorbed id resolvable; story lookups by index
        "ALTER TABLE stories ADD COLUMN merged_into TEXT REFERENCES stories(id)",
        "CREATE INDEX assignments_by_story ON assignments(story_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class StoredStory:
    """A live story as stored: members in arrival order, version, and its brief if one was made."""

    id: str
    row: int
    version: int
    articles: tuple[str, ...]
    brief: dict[str, object] | None
    brief_version: int | None
    updated: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def schema_version(db: Database) -> int:
    if not db.has_table("schema_version"):
        return 0
    row = db.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(db: Database, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema to `target`, one recorded step at a time, in one transaction; returns the version reached."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise ConfigError(f"the database has schema version {current}, newer than this newsbrief ({SCHEMA_VERSION}): upgrade newsbrief")
    with db.transaction():
        if current == 0:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            db.execute("INSERT INTO schema_version VALUES (0)")
        for version in range(current + 1, target + 1):
            for statement in MIGRATIONS[version - 1]:
                db.execute(statement)
            db.execute("UPDATE schema_version SET version = ?", (version,))
    return max(current, target)


def encode_vector(row: sparse.csr_matrix) -> bytes:
    indices = row.indices.astype("<i4")
    return len(indices).to_bytes(4, "little") + indices.tobytes() + row.data.astype("<f4").tobytes()


def decode_vectors(blobs: Sequence[bytes]) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for blob in blobs:
        n = int.from_bytes(blob[:4], "little")
        indices.append(np.frombuffer(blob, dtype="<i4", count=n, offset=4))
        data.append(np.frombuffer(blob, dtype="<f4", count=n, offset=4 + 4 * n))
        indptr.append(indptr[-1] + n)
    if not blobs:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float32)
    return sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=(len(blobs), N_FEATURES), dtype=np.float32)


class StoryStore:
    """A database of articles, stories, assignments and briefs (see `db.connect` for `url`). Use as a context manager."""

    def __init__(self, url: str | Path) -> None:
        self.db = connect(url)
        try:
            migrate(self.db)
        except BaseException:
            self.db.close()
            raise

    def __enter__(self) -> StoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- reading ---------------------------------------------------------------------------

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for part in batched(ids, 500):  # SQLite's limit on bound parameters
            marks = ",".join("?" * len(part))
            found.update(r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part))
        return found

    def document_frequencies(self) -> DocumentFrequencies:
        rows = dict(self.db.execute("SELECT key, value FROM meta WHERE key IN ('df', 'documents')").fetchall())
        if "df" not in rows:
            return DocumentFrequencies()
        counts = np.frombuffer(zlib.decompress(rows["df"]), dtype="<i4").astype(np.int32)
        return DocumentFrequencies(counts=counts.copy(), documents=int(rows["documents"]))

    def load_index(self) -> tuple[StoryIndex, dict[int, str]]:
        """The index of every live story rebuilt from its articles' stored vectors, and story id by row."""
        index = StoryIndex()
        ids = {row: story for story, row in self.db.execute("SELECT id, seq FROM stories")}
        live = [row for story, row in self.db.execute("SELECT id, seq FROM stories WHERE merged_into IS NULL")]
        records = self.db.execute(
            "SELECT s.seq, a.vector, a.published FROM assignments g JOIN articles a ON a.id = g.article_id "
            "JOIN stories s ON s.id = g.story_id ORDER BY a.seq"
        ).fetchall()
        members: dict[int, list[int]] = {}
        for position, (row, _, _) in enumerate(records):
            members.setdefault(row, []).append(position)
        vectors = decode_vectors([r[1] for r in records])
        times = np.array([parse_time(r[2]) for r in records], dtype=np.float64)
        n_rows = max(ids, default=-1) + 1
        index.extend(members, n_rows, vectors, times)
        alive = np.zeros(n_rows, dtype=bool)
        alive[live] = True
        index.alive = alive
        return index, ids

    def stories(self) -> list[StoredStory]:
        """Live stories in creation order with their members and current brief."""
        members: dict[str, list[str]] = {}
        for article, story in self.db.execute(
            "SELECT g.article_id, g.story_id FROM assignments g JOIN articles a ON a.id = g.article_id ORDER BY a.seq"
        ):
            members.setdefault(story, []).append(article)
        result = []
        for story, row, version, updated, brief, brief_version in self.db.execute(
            "SELECT s.id, s.seq, s.version, s.updated, b.brief, b.story_version FROM stories s "
            "LEFT JOIN briefs b ON b.story_id = s.id WHERE s.merged_into IS NULL ORDER BY s.seq"
        ):
            result.append(
                StoredStory(
                    id=story,
                    row=row,
                    version=version,
                    articles=tuple(members.get(story, ())),
                    brief=json.loads(brief) if brief else None,
                    brief_version=brief_version,
                    updated=updated,
                )
            )
        return result

    def stale_stories(self) -> list[tuple[str, int]]:
        """(id, version) of live stories whose brief is missing or older than the story."""
        return self.db.execute(
            "SELECT s.id, s.version FROM stories s LEFT JOIN briefs b ON b.story_id = s.id "
            "WHERE s.merged_into IS NULL AND (b.story_version IS NULL OR b.story_version < s.version) ORDER BY s.seq"
        ).fetchall()

    def story_articles(self, story: str) -> list[Article]:
        rows = self.db.execute(
            "SELECT a.id, a.text, a.title, a.source, a.url, a.published FROM assignments g JOIN articles a ON a.id = g.article_id "
            "WHERE g.story_id = ? ORDER BY a.seq",
            (story,),
        ).fetchall()
        return [Article(id=r[0], text=r[1], title=r[2], source=r[3], url=r[4], published=r[5]) for r in rows]

    def merged_into(self, story: str) -> str | None:
        row = self.db.execute("SELECT merged_into FROM stories WHERE id = ?", (story,)).fetchone()
        return row[0] if row else None

    # -- writing ---------------------------------------------------------------------------

    def save_run(
        self,
        articles: Sequence[Article],
        vectors: sparse.csr_matrix,
        rows: np.ndarray,
        story_ids: dict[int, str],
        touched: Iterable[int],
        merged: Sequence[tuple[int, int]],
        frequencies: DocumentFrequencies,
    ) -> None:
        """Record one run in a single transaction: new articles and stories, assignments, merges
        (members of an absorbed story move to the one that absorbed it) and version bumps."""
        now, text = _now(), self.db.text
        with self.db.transaction():
            next_seq = self.db.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM articles").fetchone()[0]
            known = {row for (row,) in self.db.execute("SELECT seq FROM stories")}
            new_rows = sorted(set(story_ids) - known)
            self.db.executemany(
                "INSERT INTO stories (id, seq, version, created, updated) VALUES (?, ?, 0, ?, ?)",
                [(story_ids[row], row, now, now) for row in new_rows],
            )
            self.db.executemany(
                "INSERT INTO articles (id, seq, text, title, source, url, published, added, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (a.id, next_seq + i, text(a.text), text(a.title), text(a.source), text(a.url), text(a.published), now,
                     encode_vector(vectors[i]))
                    for i, a in enumerate(articles)
                ],
            )
            self.db.executemany(
                "INSERT INTO assignments (article_id, story_id) VALUES (?, ?)",
                [(a.id, story_ids[int(row)]) for a, row in zip(articles, rows.tolist(), strict=True)],
            )
            for kept, absorbed in merged:
                self.db.execute("UPDATE assignments SET story_id = ? WHERE story_id = ?", (story_ids[kept], story_ids[absorbed]))
                self.db.execute("UPDATE stories SET merged_into = ?, updated = ? WHERE id = ?", (story_ids[kept], now, story_ids[absorbed]))
                self.db.execute("DELETE FROM briefs WHERE story_id = ?", (story_ids[absorbed],))
            self.db.executemany(
                "UPDATE stories SET version = version + 1, updated = ? WHERE id = ? AND merged_into IS NULL",
                [(now, story_ids[row]) for row in sorted(set(touched))],
            )
            df = zlib.compress(frequencies.counts.astype("<i4").tobytes(), 1)
            upsert = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            self.db.execute(upsert, ("df", df))
            self.db.execute(upsert, ("documents", str(frequencies.documents).encode()))

    def save_brief(self, story: str, version: int, brief: dict[str, object]) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO briefs (story_id, story_version, brief, updated) VALUES (?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE "
                "SET story_version = excluded.story_version, brief = excluded.brief, updated = excluded.updated",
                (story, version, json.dumps(brief, ensure_ascii=False), _now()),
            )
