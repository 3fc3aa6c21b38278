"""The numbers every stage and every interface agree on, kept in one place.

The command line's help and ranges, the service's settings, `Config` and the docs all read these;
a stage that needs one (the word budget's tolerance in selection, the similarity at which two
sentences state the same thing) imports it from here, never from `config`, so the stages stay
below the configuration that names them.
"""

from __future__ import annotations

from newsbrief.errors import ConfigError

DEFAULT_WORDS = 150
MIN_WORDS = 10
MAX_WORDS = 5000
BUDGET_TOLERANCE = 0.15  # the brief ends at a sentence boundary within ±15% of the budget
ATTRIBUTION_THRESHOLD = 0.35  # TF-IDF cosine at which another article's sentence states the same thing
# Seconds one JSONL record may take in `summarize --input` and `batch` before it becomes an error
# record: a capped record takes seconds, so this stops only the pathological ones (see timebox.py).
RECORD_TIME_BUDGET = 60.0
# Longer inputs are cut (with a warning): no news article is this long. The one size cap of every
# path: file and page bytes, and the characters of a JSON record's `text`, `html` and `query`, are
# cut here before anything parses them (a 200 MB `html` field once took 400 s and 3.8 GB in trafilatura).
MAX_ARTICLE_BYTES = 2_000_000


def check_words(words: int, *, name: str = "words") -> int:
    """`words` if it is a brief length newsbrief accepts (MIN_WORDS to MAX_WORDS), else a ConfigError.

    >>> check_words(5)
    Traceback (most recent call last):
    ...
    newsbrief.errors.ConfigError: words must be between 10 and 5000, got 5
    """
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise ConfigError(f"{name} must be between {MIN_WORDS} and {MAX_WORDS}, got {words}")
    return words

