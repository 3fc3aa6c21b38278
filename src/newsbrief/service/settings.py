"""The service's one validated set of limits and switches, from defaults, environment, then flags.

pydantic-settings reads the NEWSBRIEF_<FIELD> environment variables and pydantic parses them
("7", "yes", "2.5"); every failure, of parsing or of a limit, becomes a ConfigError whose message
names the variable or the setting, raised when the settings are built, never mid-request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from newsbrief.errors import ConfigError, NewsbriefError
from newsbrief.limits import check_words

if TYPE_CHECKING:
    from newsbrief.rewrite import RewriteOptions

ENV_PREFIX = "NEWSBRIEF_"


class Settings(BaseSettings):
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

    Built from defaults, then NEWSBRIEF_<FIELD> environment variables, then arguments
    (`Settings(max_documents=20)`); frozen once built.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid", validate_default=False)

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

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise _config_error(exc) from None

    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value  # " yes " from an environment file reads as "yes"

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port must be between 0 and 65535, got {self.port}")
        for name in ("max_body_bytes", "max_documents", "max_story_articles", "workers", "max_pending", "max_connections"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        check_words(self.max_words, name="max_words")
        for name in ("timeout", "header_timeout", "keep_alive_timeout"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name} must be a positive number of seconds, got {getattr(self, name)}")
        if self.max_pending < self.workers:
            raise ConfigError(f"max_pending ({self.max_pending}) must be at least workers ({self.workers})")
        self.rewrite_options()  # a bad address fails at start, not on the first request
        return self

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
        """Defaults, then NEWSBRIEF_<FIELD> environment variables, then overrides that are not None
        (the CLI's flags, None where a flag was not given).

        environ: variables that win over the process environment's (tests, an embedding program).

        >>> Settings.load({"NEWSBRIEF_MAX_DOCUMENTS": "20"}, port=9000).max_documents
        20
        """
        values: dict[str, Any] = {name: value for name, value in overrides.items() if value is not None}
        if environ is None:
            return cls(**values)  # pydantic-settings reads os.environ under the arguments
        given = {name: environ[ENV_PREFIX + name.upper()] for name in cls.model_fields if ENV_PREFIX + name.upper() in environ}
        return cls(**{**given, **values})


def _config_error(exc: ValidationError) -> ConfigError:
    """The first problem pydantic found, worded as the CLI and the docs word it."""
    unknown = sorted(str(e["loc"][0]) for e in exc.errors() if e["type"] == "extra_forbidden")
    if unknown:
        return ConfigError(f"unknown setting(s): {', '.join(unknown)}")
    error = exc.errors()[0]
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, NewsbriefError):  # raised by _check or by RewriteOptions: already worded
        return cause if isinstance(cause, ConfigError) else ConfigError(str(cause))
    if error["type"] == "value_error":
        return ConfigError(str(cause))
    name, raw = str(error["loc"][0]) if error["loc"] else "", error["input"]
    if error["type"] == "literal_error":
        return ConfigError(f"{name} must be {error['ctx']['expected']}, got {raw!r}")
    kind = {"int": "int", "float": "float", "bool": "bool"}.get(error["type"].split("_")[0], error["type"])
    if isinstance(raw, str):  # from the environment (or a string argument)
        return ConfigError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {kind}")
    return ConfigError(f"{name} must be a valid {kind}, got {raw!r}")
