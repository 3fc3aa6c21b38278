"""The one validated set of options a summarization run uses."""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.errors import ConfigError

DEFAULT_WORDS = 150
MAX_WORDS = 5000
BUDGET_TOLERANCE = 0.15  # the brief ends at a sentence boundary within ±15% of the budget
ATTRIBUTION_THRESHOLD = 0.35  # TF-IDF cosine at which another article's sentence states the same thing
# Seconds one JSONL record may take in `summarize --input` and `batch` before it becomes an error
# record: a capped record takes seconds, so this stops only the pathological ones (see timebox.py).
RECORD_TIME_BUDGET = 60.0


@dataclass(frozen=True)
class Config:
    """Options for `summarize`; invalid values fail here, at construction, not mid-run.

    words: target length of the brief in words.
    selector: the sentence selection algorithm (see `newsbrief.select.SELECTORS`).
    attribution_threshold: cosine similarity (TF-IDF) above which another article's sentence
        counts as stating the same thing; tuned on paraphrase pairs of the dev data.
    analysis: also compute agreements, single-source claims and discrepancies.
    encoder: "tfidf" (fast, the default), or "minilm" / "static" to add sentence embeddings that
        the learned scorer reads (see the README's table for what each costs and gains).
    """

    words: int = DEFAULT_WORDS
    selector: str = "default"
    attribution_threshold: float = ATTRIBUTION_THRESHOLD
    analysis: bool = False
    encoder: str = "tfidf"

    def __post_init__(self) -> None:
        from newsbrief.select import SELECTORS

        if not 10 <= self.words <= MAX_WORDS:
            raise ConfigError(f"words must be between 10 and {MAX_WORDS}, got {self.words}")
        if self.selector not in SELECTORS:
            from newsbrief.errors import unknown_choice

            raise unknown_choice("selector", self.selector, SELECTORS)
        from newsbrief.represent import ENCODER_NAMES

        if self.encoder not in ENCODER_NAMES:
            from newsbrief.errors import unknown_choice

            raise unknown_choice("encoder", self.encoder, ENCODER_NAMES)
        if not 0.0 < self.attribution_threshold <= 1.0:
            raise ConfigError("attribution_threshold must be in (0, 1]")

    @property
    def word_range(self) -> tuple[int, int]:
        """The accepted length of a brief: the budget ±15%."""
        low = int(self.words * (1 - BUDGET_TOLERANCE) + 0.999)
        return low, int(self.words * (1 + BUDGET_TOLERANCE))
