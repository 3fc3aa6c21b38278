"""Exceptions newsbrief raises, so callers can catch exactly what they can act on.

    NewsbriefError
    ├── InputError              the input cannot be summarized as given (empty, binary, malformed)
    │   ├── NoSentencesError    every article was empty after cleaning
    │   └── FetchError          a URL or feed could not be fetched, or was refused
    │       └── UnsafeURLError  the URL (or a redirect) points at a private, loopback or link-local address
    ├── ConfigError             an option is out of range or names an unknown algorithm
    ├── MissingDependencyError  an optional extra is not installed; the message names it
    └── RewriteError            the language-model server gave no usable answer (down, slow, refused, junk);
                                the rewrite stage turns it into a warning and keeps the extractive brief
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class of every error newsbrief raises on purpose."""


class InputError(NewsbriefError, ValueError):
    """The input cannot be used as given; the message says what to change."""


class NoSentencesError(InputError):
    """No article had a usable sentence once the noise was removed."""


class FetchError(InputError):
    """A URL or feed could not be fetched (network, HTTP status, content type); the message names the URL."""


class UnsafeURLError(FetchError):
    """A URL, or a redirect it led to, points at an address newsbrief does not fetch unless allowed."""


class ConfigError(NewsbriefError, ValueError):
    """An option is invalid; raised when the configuration is built, not mid-run."""


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
