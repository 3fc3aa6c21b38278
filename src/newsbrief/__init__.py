"""newsbrief: many news articles about one story in, one short, attributed brief out.

>>> from newsbrief import summarize
>>> brief = summarize(["First article ...", "Second article ..."], words=150)  # doctest: +SKIP

Importing this package loads no model and touches no network; stages import their heavy
dependencies when first used.
"""

from newsbrief.config import Config
from newsbrief.errors import ConfigError, InputError, MissingDependencyError, NewsbriefError, NoSentencesError
from newsbrief.pipeline import summarize
from newsbrief.types import Analysis, Article, Brief, BriefSentence, Discrepancy, Evidence, Fact, Sentence

__version__ = "0.1.0"

__all__ = [
    "summarize",
    "Config",
    "Article",
    "Sentence",
    "Brief",
    "BriefSentence",
    "Evidence",
    "Analysis",
    "Fact",
    "Discrepancy",
    "NewsbriefError",
    "InputError",
    "NoSentencesError",
    "ConfigError",
    "MissingDependencyError",
]
