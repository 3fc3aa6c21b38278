"""newsbrief: many news articles about one story in, one short, attributed brief out.

>>> from newsbrief import render_markdown, summarize
>>> brief = summarize(["First article ...", "Second article ..."], words=150)  # doctest: +SKIP
>>> print(render_markdown(brief))                                              # doctest: +SKIP

Importing this package loads no model and touches no network; stages import their heavy
dependencies when first used.
"""

from newsbrief.config import Config
from newsbrief.errors import ConfigError, InputError, MissingDependencyError, NewsbriefError, NoSentencesError
from newsbrief.pipeline import summarize
from newsbrief.render import brief_to_dict, render_markdown, render_text
from newsbrief.types import Analysis, Article, Brief, BriefSentence, Discrepancy, Evidence, Fact, Sentence

__version__ = "0.1.0"

__all__ = [
    "summarize",
    "render_text",
    "render_markdown",
    "brief_to_dict",
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
