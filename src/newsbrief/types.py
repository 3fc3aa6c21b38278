"""Plain, frozen records passed between the pipeline stages.

A sentence is identified by where it came from (article index, sentence index, character span),
never by its text: identical wire copies in two outlets are two pieces of support, not one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

_FILE_EXTENSIONS = frozenset({"txt", "text", "html", "htm", "xhtml", "md", "json"})


@dataclass(frozen=True)
class Article:
    """One news article. `text` is plain text; `published` is an ISO 8601 string when known."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None

    @property
    def label(self) -> str:
        """How a citation names this article: outlet, else title, else id (a file's name without
        its extension: "04-northshore-daily", not "04-northshore-daily.txt")."""
        named = self.source or self.title
        if named:
            return named
        stem, dot, extension = self.id.rpartition(".")
        return stem if dot and stem and extension.lower() in _FILE_EXTENSIONS else self.id


@dataclass(frozen=True)
class Sentence:
    """A sentence of a cleaned article; `start`/`end` are offsets into that article's text."""

    article: int
    index: int
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Evidence:
    """A sentence in one article that states (or closely paraphrases) a brief sentence."""

    article: int
    sentence: int
    start: int
    end: int
    text: str
    similarity: float


@dataclass(frozen=True)
class BriefSentence:
    """A sentence of the brief with every article that supports it.

    `sources` lists every outlet that states it; `support` counts independent sources: copies of
    one text (a syndicated wire story) count once. 0 when not computed.
    """

    text: str
    article: int
    index: int
    sources: tuple[int, ...]
    evidence: tuple[Evidence, ...] = ()
    support: int = 0
    rewritten_from: str | None = None  # the source's wording when the brief changed it (a person's full name at first mention)
    # Set by the optional rewrite stage (`newsbrief.rewrite`): who wrote the sentence, and the
    # verifier's verdict and score for it ("generated" sentences are shown only when supported).
    origin: Literal["extracted", "generated"] = "extracted"
    verdict: str | None = None
    score: float | None = None


@dataclass(frozen=True)
class Claim:
    """A statement from one article, as used by the cross-source analysis."""

    article: int
    sentence: int
    text: str
    start: int = 0  # character offsets of the sentence in its (cleaned) article
    end: int = 0


@dataclass(frozen=True)
class Fact:
    """A statement with the articles that report it (one independent source: a single-source claim).

    As in `BriefSentence`, `sources` lists every outlet that states it and `support` counts
    independent sources: copies of one text count once. Left at 0, it is the number of distinct
    articles in `sources`.
    """

    text: str
    sources: tuple[int, ...]
    evidence: tuple[Evidence, ...] = ()
    support: int = 0
    # Set by the optional rewrite stage (`newsbrief.rewrite`): who wrote the sentence, and the
    # verifier's verdict and score for it ("generated" sentences are shown only when supported).
    origin: Literal["extracted", "generated"] = "extracted"
    verdict: str | None = None
    score: float | None = None

    def __post_init__(self) -> None:
        if not self.support:
            object.__setattr__(self, "support", len(set(self.sources)))  # frozen: the default is filled in once, here


@dataclass(frozen=True)
class Discrepancy:
    """Two aligned statements whose values conflict, e.g. "two hours" vs "more than three hours"."""

    kind: str
    first: Claim
    second: Claim
    first_value: str
    second_value: str
    explanation: str = ""
    # "conflict": the values cannot both be true; "different figures": overlapping estimates that differ ("more
    # than 4,000" / "more than 6,000"); "updated": a running total (deaths, injured, cases, arrests) that the
    # newer article, by publication date, states larger.
    category: str = "conflict"
    newer: int | None = None  # for "updated": the index of the newer article


@dataclass(frozen=True)
class Analysis:
    """What the sources agree on, what only one says, and where they disagree."""

    agreements: tuple[Fact, ...] = ()
    single_source: tuple[Fact, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    warnings: tuple[str, ...] = ()  # parts of the analysis that could not run, and why


@dataclass(frozen=True)
class SetAside:
    """An article left out of the brief and the analysis because it is not part of the story, and why."""

    article: int
    reason: str


@dataclass(frozen=True)
class Dropped:
    """A sentence the language model wrote that the verifier did not let into the brief, and why."""

    text: str
    verdict: str  # "unsupported" or "contradicted"; "supported" for a sentence the server's token limit cut off
    score: float
    reasons: tuple[str, ...] = ()  # the verifier's explanations of the problems it found


@dataclass(frozen=True)
class RewriteReport:
    """What the optional rewrite stage did to a brief: the model asked, how many sentences it wrote,
    how many the verifier kept, the ones it dropped, and the seconds spent (model and checks).
    `error` says why no generated sentence is shown when the model gave no usable answer."""

    model: str
    generated: int = 0
    kept: int = 0
    dropped: tuple[Dropped, ...] = ()
    seconds: float = 0.0
    error: str | None = None


@dataclass(frozen=True)
class Brief:
    """The result of summarizing one cluster.

    Plain data, like every record here: `newsbrief.render` turns it into text (`render_text`),
    Markdown (`render_markdown`) or the JSON shape (`brief_to_dict`), and imports this module, never
    the other way round.
    """

    sentences: tuple[BriefSentence, ...]
    articles: tuple[Article, ...]
    analysis: Analysis | None = None
    query: str | None = None
    warnings: tuple[str, ...] = field(default=())
    headline: str | None = None  # the most representative article title, cleaned; None when no article has one
    set_aside: tuple[SetAside, ...] = ()  # articles not about the story (another story, an error or sign-in page)
    rewrite: RewriteReport | None = None  # set when a language-model rewrite was asked for

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    @property
    def summary(self) -> str:
        """The brief as plain text, one sentence a line."""
        return "\n".join(s.text for s in self.sentences)
