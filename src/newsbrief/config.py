"""The one validated set of options a summarization run uses, and the one way to build it.

A `Config` carries everything a run is told: the brief's length, the selector, the encoder, whether
to compare the sources, the rewrite server and the time one JSONL record may take. Each interface
builds one (the command line from its flags, the service from its settings and the request, batch
once for every worker) and passes it down whole; invalid values fail here, at construction.
The numbers it checks against live in `newsbrief.limits`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from newsbrief.errors import ConfigError, unknown_choice
from newsbrief.limits import (  # noqa: F401  (re-exported: the names callers knew config by)
    ATTRIBUTION_THRESHOLD,
    BUDGET_TOLERANCE,
    DEFAULT_WORDS,
    MAX_WORDS,
    RECORD_TIME_BUDGET,
    check_words,
)
from newsbrief.represent import ENCODER_NAMES
from newsbrief.select import SELECTORS

if TYPE_CHECKING:
    from newsbrief.rewrite.options import RewriteOptions


@dataclass(frozen=True)
class Config:
    """Options for `summarize` and `summarize_record`; invalid values fail here, at construction, not mid-run.

    words: target length of the brief in words (`limits.MIN_WORDS` to `limits.MAX_WORDS`).
    selector: the sentence selection algorithm (see `newsbrief.select.SELECTORS`).
    encoder: "tfidf" (fast, the default), or "minilm" / "static" to add sentence embeddings that
        the learned scorer reads (see the README's table for what each costs and gains).
    analysis: also compute agreements, single-source claims and discrepancies.
    attribution_threshold: cosine similarity (TF-IDF) above which another article's sentence
        counts as stating the same thing; tuned on paraphrase pairs of the dev data.
    rewrite: have the language model at `rewrite.url` rewrite the brief (`newsbrief.rewrite`); None: off.
    record_timeout: seconds one JSONL record may take in `summarize_record` before it becomes a
        RecordTimeoutError record; None: no limit (the service bounds a request itself).
    """

    words: int = DEFAULT_WORDS
    selector: str = "default"
    encoder: str = "tfidf"
    analysis: bool = False
    attribution_threshold: float = ATTRIBUTION_THRESHOLD
    rewrite: RewriteOptions | None = None
    record_timeout: float | None = None

    def __post_init__(self) -> None:
        if isinstance(self.words, bool) or not isinstance(self.words, int):
            raise ConfigError(f"words must be an integer, got {self.words!r}")
        check_words(self.words)
        if self.selector not in SELECTORS:
            raise unknown_choice("selector", self.selector, SELECTORS)
        if self.encoder not in ENCODER_NAMES:
            raise unknown_choice("encoder", self.encoder, ENCODER_NAMES)
        if not 0.0 < self.attribution_threshold <= 1.0:
            raise ConfigError("attribution_threshold must be in (0, 1]")
        if self.record_timeout is not None and not self.record_timeout > 0:
            raise ConfigError(f"record_timeout must be a positive number of seconds, got {self.record_timeout}")

    @property
    def word_range(self) -> tuple[int, int]:
        """The accepted length of a brief: the budget ±15%."""
        low = int(self.words * (1 - BUDGET_TOLERANCE) + 0.999)
        return low, int(self.words * (1 + BUDGET_TOLERANCE))


OPTION_NAMES = tuple(f.name for f in fields(Config))


def resolve(config: Config | None, **options: object) -> Config:
    """The one Config of a call that accepts either a `config` or the options themselves as keywords.

    Options left at None are not given. With no config they build one; with a config, an option
    that says something else than the config is a ConfigError rather than being silently ignored.
    """
    given = {name: value for name, value in options.items() if value is not None}
    if config is None:
        return Config(**given)  # type: ignore[arg-type]
    conflicts = sorted(name for name, value in given.items() if getattr(config, name) != value)
    if conflicts:
        raise ConfigError(f"give the options either in `config` or as keywords, not both: {', '.join(conflicts)} differ")
    return config
