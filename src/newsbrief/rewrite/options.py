"""The one validated set of options a rewrite uses: where the model is, and how long to wait for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsbrief.errors import ConfigError, InputError

API_KEY_ENV = "NEWSBRIEF_REWRITE_API_KEY"
CHAT_PATH = "/chat/completions"


@dataclass(frozen=True)
class RewriteOptions:
    """Options for `rewrite_brief`; invalid values fail here, at construction.

    url: the server's base address ("http://127.0.0.1:8080", ".../v1") or its full
        `/v1/chat/completions` address; any OpenAI-compatible server (llama.cpp, Ollama, vLLM, hosted).
    model: the model name the server expects; None leaves it out (llama.cpp and vLLM serving one
        model accept that; Ollama and hosted APIs need it).
    api_key_env: the environment variable holding the key sent as `Authorization: Bearer …`. The
        key is read when a request is made and never stored here, so it cannot reach a log, a
        repr or a process pool's pickle.
    timeout: seconds one HTTP attempt may take (connect, send, read).
    retries: further attempts after a connection failure, a timeout, HTTP 429 or 5xx.
    backoff: seconds before the first retry; doubled before each next one.
    budget: seconds all attempts for one brief may take together; when it runs out the brief is
        extractive, with a warning.
    temperature, seed: sampling; the low default keeps the model close to the sentences it is given.
    """

    url: str
    model: str | None = None
    api_key_env: str = API_KEY_ENV
    timeout: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    budget: float = 120.0
    temperature: float = 0.2
    seed: int | None = 0

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"the rewrite URL must be an http(s) address of an OpenAI-compatible server, got {self.url!r}")
        if parts.username or parts.password:
            raise ConfigError(f"put the API key in ${self.api_key_env}, not in the rewrite URL")
        if self.model is not None and not self.model.strip():
            raise ConfigError("the rewrite model name is empty; leave it out to let the server choose")
        if not self.api_key_env.strip():
            raise ConfigError("api_key_env must name an environment variable")
        for name in ("timeout", "budget"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"rewrite {name} must be a positive number of seconds, got {getattr(self, name)}")
        if not 0 <= self.retries <= 10:
            raise ConfigError(f"rewrite retries must be between 0 and 10, got {self.retries}")
        if not self.backoff >= 0:
            raise ConfigError(f"rewrite backoff must be at least 0 seconds, got {self.backoff}")
        if not 0 <= self.temperature <= 2:
            raise ConfigError(f"rewrite temperature must be between 0 and 2, got {self.temperature}")

    @property
    def endpoint(self) -> str:
        """The chat-completions address: `url` as given when it ends so, else `url` + [/v1]/chat/completions."""
        base = self.url.rstrip("/")
        if base.endswith(CHAT_PATH):
            return base
        return base + CHAT_PATH if base.endswith("/v1") else base + "/v1" + CHAT_PATH

    @property
    def display_name(self) -> str:
        """How a brief names the model: its name, else the server's host (never a key, never a path's query)."""
        if self.model:
            return self.model
        parts = urlsplit(self.url)
        return f"the model at {parts.hostname}:{parts.port}" if parts.port else f"the model at {parts.hostname}"


def record_rewrite(record: object, configured: RewriteOptions | None) -> tuple[RewriteOptions | None, tuple[str, ...]]:
    """The rewrite options for one JSONL/API record: `"rewrite": false` turns a configured rewrite
    off for that record, `true` asks for it (a warning when no model server is configured); the
    server address never comes from a record. Raises InputError for a value that is not a boolean."""
    asked = record.get("rewrite") if isinstance(record, Mapping) else None
    if asked is None:
        return configured, ()
    if not isinstance(asked, bool):
        raise InputError("'rewrite' must be true or false")
    if asked and configured is None:
        return None, ("no language model is configured for 'rewrite' (give --rewrite URL); the brief is extractive",)
    return (configured if asked else None), ()
