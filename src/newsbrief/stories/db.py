"""One database connection for the story store, SQLite or PostgreSQL, with SQL written once.

The store writes its SQL with `?` placeholders and the portable subset both engines share
(`INSERT … ON CONFLICT … DO UPDATE`, `COALESCE`, plain joins); `Database` turns placeholders into
psycopg's `%s`, binary columns into `BYTEA`, and runs writes in a transaction of the engine's own
kind. That keeps one store, one schema and one list of migrations instead of two drifting copies.

    stories.db, sqlite:///path/stories.db            stdlib sqlite3
    postgresql://user:password@host:5432/dbname      psycopg 3 (`pip install 'newsbrief[postgres]'`)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsbrief.errors import ConfigError, MissingDependencyError

Engine = Literal["sqlite", "postgresql"]
POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


@dataclass(frozen=True)
class Target:
    """Where a `--db` value points: the engine and what its driver connects to."""

    engine: Engine
    address: str  # a file path (":memory:" for none) or a libpq URL


def parse_target(url: str | Path) -> Target:
    """A path or sqlite:/// URL is SQLite; postgresql:// (or postgres://) is PostgreSQL; anything else is refused."""
    text = str(url)
    if text.startswith("sqlite:///"):
        return Target("sqlite", text[len("sqlite:///") :] or ":memory:")
    for scheme in POSTGRES_SCHEMES:
        if text.startswith(scheme):
            return Target("postgresql", "postgresql://" + text[len(scheme) :])
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ConfigError(
            f"unsupported --db URL scheme {scheme!r}: use a file path or sqlite:///path (SQLite), or postgresql://user@host/dbname"
        )
    return Target("sqlite", text)


class Database:
    """A connection that speaks the store's SQL; reads autocommit, `transaction()` groups writes."""

    def __init__(self, conn: Any, engine: Engine) -> None:
        self.conn = conn
        self.engine = engine

    def _sql(self, statement: str) -> str:
        if self.engine == "sqlite":
            return statement
        return statement.replace("?", "%s").replace(" BLOB", " BYTEA")

    def execute(self, statement: str, params: Sequence[object] = ()) -> Any:
        return self.conn.execute(self._sql(statement), params)

    def executemany(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        rows = list(rows)
        if rows:
            self.conn.cursor().executemany(self._sql(statement), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.engine == "sqlite":
            with self.conn:  # sqlite3: commit on success, roll back on error
                yield
        else:
            with self.conn.transaction():
                yield

    def has_table(self, name: str) -> bool:
        if self.engine == "sqlite":
            found = self.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
        else:
            query = "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
            found = self.execute(query, (name,)).fetchone()
        return found is not None

    def columns(self, table: str) -> set[str]:
        if self.engine == "sqlite":
            return {row[1] for row in self.execute(f"PRAGMA table_info({table})")}
        return {row[0] for row in self.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", (table,))}

    def text(self, value: str | None) -> str | None:
        """PostgreSQL's TEXT cannot hold NUL characters, which scraped pages sometimes carry; they say nothing."""
        return value.replace("\x00", "") if value is not None and self.engine == "postgresql" else value

    def close(self) -> None:
        self.conn.close()


def connect(url: str | Path) -> Database:
    """Open the database `url` names (see `parse_target`); PostgreSQL needs the `postgres` extra."""
    target = parse_target(url)
    if target.engine == "sqlite":
        if target.address != ":memory:":
            Path(target.address).parent.mkdir(parents=True, exist_ok=True)
        lite = sqlite3.connect(target.address)
        lite.execute("PRAGMA foreign_keys = ON")
        lite.execute("PRAGMA journal_mode = WAL")
        return Database(lite, "sqlite")
    try:
        import psycopg
    except ImportError as exc:
        raise MissingDependencyError("psycopg", "postgres") from exc
    try:
        conn = psycopg.connect(target.address, autocommit=True)
    except psycopg.Error as exc:
        raise ConfigError(f"cannot connect to the PostgreSQL database of --db: {str(exc).strip()}") from exc
    return Database(conn, "postgresql")
