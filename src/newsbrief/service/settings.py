"""The service's one validated set of limits and switches, from defaults, environment, then flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Literal

from newsbrief.errors import ConfigError
from newsbrief.limits import check_words

if TYPE_CHECKING:
    from newsbrief.rewrite import RewriteOptions

ENV_PREFIX = "NEWSBRIEF_"


@dataclass(frozen=True)
class Settings:
    """Limits that keep one request from starving the others, and the features a deployment enables.

    max_body_bytes: largest request body; larger ones get 413 before the body is read.
    max_documents: most articles (documents plus earlier) in one summarize request (413).
    max_story_articles: most articles in one stories request (413); each story gets its own brief.
    max_words: longest brief a request may ask for (422); the library allows up to `limits.MAX_WORDS`.
    timeout: seconds a request may wait for and spend on its summary before it gets 504.
    workers: summaries computed at once. Threads share the GIL, so more than one thread mostly
        helps when requests differ in size; `executor="process"` uses several cores.
    max_pending: requests admitted at once (running plus waiting); the next one gets 503 at once,
        so a burst cannot queue up work that would only time out.
    allow_urls: accept documents given as {"url": ...} and fetch them (off by default: fetching
        lets any client make the server open arbitrary addresses).
    allow_private_urls: with allow_urls, also fetch private, loopback and link-local addresses
        (an intranet deployment; never on a server reachable from outside).
    analysis: compute agreements, single-source claims and discrepancies unless a request says not to.
    max_connections: open connections the server keeps (lowered to fit its file descriptor limit);
        beyond it, the connection that has waited longest without a complete request is closed.
    header_timeout: seconds a client has to send a request's headers, from connecting or from the
        previous answer; a client dripping them is disconnected (a slow-loris attack).
    keep_alive_timeout: seconds an idle keep-alive connection stays open between requests.
    rewrite_url, rewrite_model: an OpenAI-compatible server (and its model name) that rewrites a brief
        when a request asks ("rewrite": true); "" (the default) offers no rewrite. The key is read
        from NEWSBRIEF_REWRITE_API_KEY when a request is made. A rewrite gets at most 60% of `timeout`.
    See docs/service.md, "Limits and settings" and "Connections".
    """

    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 5_000_000
    max_documents: int = 50
    max_story_articles: int = 500
    max_words: int = 1000
    timeout: float = 30.0
    workers: int = 1
    max_pending: int = 32
    executor: Literal["thread", "process"] = "thread"
    allow_urls: bool = False
    allow_private_urls: bool = False
    analysis: bool = True
    max_connections: int = 1000
    header_timeout: float = 10.0
    keep_alive_timeout: float = 5.0
    rewrite_url: str = ""
    rewrite_model: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port must be between 0 and 65535, got {self.port}")
        for name in ("max_body_bytes", "max_documents", "max_story_articles", "workers", "max_pending", "max_connections"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        check_words(self.max_words, name="max_words")
        for name in ("timeout", "header_timeout", "keep_alive_timeout"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name} must be a positive number of seconds, got {getattr(self, name)}")
        if self.executor not in ("thread", "process"):
            raise ConfigError(f"executor must be 'thread' or 'process', got {self.executor!r}")
        if self.max_pending < self.workers:
            raise ConfigError(f"max_pending ({self.max_pending}) must be at least workers ({self.workers})")
        self.rewrite_options()  # a bad address fails at start, not on the first request

    def check_words(self, record: Mapping[str, object]) -> None:
        """Refuse a request whose `words` passes this server's `max_words` (LimitExceeded, 422); whether
        it is a valid length at all is the library's check, so the message matches the JSONL command's."""
        from newsbrief.service.errors import OverLimit

        words = record.get("words")
        if isinstance(words, int) and not isinstance(words, bool) and words > self.max_words:
            raise OverLimit(f"words must be at most {self.max_words} on this server, got {words}")

    def rewrite_options(self) -> RewriteOptions | None:
        """What a request that asks for a rewrite gets: None when no server is configured. One attempt
        may take the whole budget, and the budget leaves the request time to check what comes back."""
        if not self.rewrite_url:
            return None
        from newsbrief.rewrite import RewriteOptions

        budget = self.timeout * 0.6
        return RewriteOptions(self.rewrite_url, model=self.rewrite_model or None, timeout=budget, budget=budget, retries=1, backoff=0.5)

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then NEWSBRIEF_<FIELD> environment variables, then overrides that are not None.

        >>> Settings.load({"NEWSBRIEF_MAX_DOCUMENTS": "20"}, port=9000).max_documents
        20
        """
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in fields(cls):
            raw = environ.get(ENV_PREFIX + field.name.upper())
            if raw is not None:
                values[field.name] = _parse(field.name, raw, field.default)
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        values.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**values)  # type: ignore[arg-type]


def _parse(name: str, raw: str, default: object) -> object:
    """An environment string as the type of the field's default, with the variable named on failure."""
    try:
        if isinstance(default, bool):
            if raw.strip().lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                raise ValueError(raw)
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise ConfigError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {type(default).__name__}") from None
    return raw
