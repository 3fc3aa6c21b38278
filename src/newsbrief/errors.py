"""Exceptions newsbrief raises, so callers can catch exactly what they can act on.

    NewsbriefError
    ├── InputError              the input cannot be summarized as given (empty, binary, malformed)
    │   ├── NoSentencesError    every article was empty after cleaning
    │   ├── RecordTimeoutError  one record used up its time budget (batch, service); the others go on
    │   └── FetchError          a URL or feed could not be fetched, or was refused
    │       └── UnsafeURLError  the URL (or a redirect) points at a private, loopback or link-local address
    ├── ConfigError             an option is out of range or names an unknown algorithm
    │   └── ModelError          a model file is missing, unreadable, or saved under other scikit-learn/NumPy
    │                           versions; the message names the file, both versions and the retrain command
    ├── MissingDependencyError  an optional extra is not installed; the message names it
    └── RewriteError            the language-model server gave no usable answer (down, slow, refused, junk);
                                the rewrite stage turns it into a warning and keeps the extractive brief

Wherever one input cannot be used and the run goes on (a JSONL line, a batch record, an HTTP
request, an article of a story pile), the failure is reported by `error_record`, so its shape is
decided here once: `{"id", "error", "error_type", "line"?}`.
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class of every error newsbrief raises on purpose."""


class InputError(NewsbriefError, ValueError):
    """The input cannot be used as given; the message says what to change."""


class NoSentencesError(InputError):
    """No article had a usable sentence once the noise was removed."""


class RecordTimeoutError(InputError):
    """A record took longer than its time budget (`newsbrief.timebox`) and was stopped."""

    def __init__(self, message: str = "the record took longer than its time budget; send fewer or shorter documents") -> None:
        super().__init__(message)


class FetchError(InputError):
    """A URL or feed could not be fetched (network, HTTP status, content type); the message names the URL."""


class UnsafeURLError(FetchError):
    """A URL, or a redirect it led to, points at an address newsbrief does not fetch unless allowed."""


class ConfigError(NewsbriefError, ValueError):
    """An option is invalid; raised when the configuration is built, not mid-run."""


class ModelError(ConfigError):
    """A model file cannot be used: missing, not a model file, trained on other features, or saved under
    other library versions (`newsbrief.models`). The message says how to write a new one."""


class MissingDependencyError(NewsbriefError, ImportError):
    """An optional dependency is missing; the message names the extra that provides it."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"{module} is not installed: pip install 'newsbrief[{extra}]'")
        self.module = module
        self.extra = extra


def unknown_choice(kind: str, name: str, valid: object) -> ConfigError:
    """An error naming the valid choices, so a typo is fixed in one try."""
    return ConfigError(f"unknown {kind} {name!r}; choose one of: {', '.join(sorted(valid))}")  # type: ignore[call-overload]


class RewriteError(NewsbriefError):
    """The language-model server could not give a usable answer; the message says why, never the key."""


def error_record(id: str | None, exc: BaseException, *, line: int | None = None) -> dict[str, object]:
    """The one shape of a failure reported in place of a result: `{"id", "error", "error_type", "line"?}`.

    >>> error_record("c7", InputError("c7: missing 'documents'"), line=3)
    {'id': 'c7', 'error': "c7: missing 'documents'", 'error_type': 'InputError', 'line': 3}

    `error_type` is the exception's class name, or its `error_type` attribute where an adapter
    names its answers itself (the service's "Busy", "Timeout"). An exception newsbrief did not
    raise on purpose (a bug) is named as unexpected, so a reader does not take it for a fault of
    the input. `id` is None for a failure that belongs to no record (a whole HTTP request).
    """
    error_type = getattr(exc, "error_type", None) or type(exc).__name__
    message = str(exc) if isinstance(exc, NewsbriefError) or hasattr(exc, "error_type") else f"unexpected {type(exc).__name__}: {exc}"
    record: dict[str, object] = {} if id is None else {"id": id}
    record.update(error=message, error_type=error_type)
    if line is not None:
        record["line"] = line
    return record
