"""Request and response shapes for the OpenAPI document only.

Bodies are not validated against these models: the library's `summarize_record` checks a record in
one place for the JSONL command, the batch runner and this service, with the same messages. These
models describe the JSONL line shapes so /docs shows them.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Document(BaseModel):
    """One article as an object; give `text` or `html` (or `url` where the server allows URLs)."""

    text: str | None = Field(None, description="Plain text of the article (HTML is detected and extracted).")
    html: str | None = Field(None, description="A saved web page; its main text, title, outlet and date are extracted.")
    url: str | None = Field(None, description="Where the article is; fetched only when the server runs with --allow-urls.")
    title: str | None = None
    source: str | None = Field(None, description="The outlet, used to name the article in citations.")
    published: str | None = Field(None, description="ISO 8601 date.")
    id: str | None = None


class SummarizeRequest(BaseModel):
    """One line of `newsbrief summarize --input FILE.jsonl`."""

    id: str | None = Field(None, description="Echoed in the response; default 'request'.")
    documents: list[str | Document] | str = Field(
        ..., description="The cluster: strings (text or HTML) or document objects; one string is read as Multi-News `|||||`-separated text."
    )
    query: str | None = Field(None, description="Steer the brief toward this question.")
    earlier: list[str | Document] | None = Field(None, description="Articles the reader has seen; the brief reports what is new.")
    words: int | None = Field(None, description="Length of the brief in words (±15%); limited by the server's max_words.")
    analysis: bool | None = Field(None, description="Agreements, single-source claims and discrepancies (default: the server's setting).")
    rewrite: bool | None = Field(
        None, description="Have the server's language model rewrite the brief, every sentence checked (only when /v1/health lists it)."
    )


class Evidence(BaseModel):
    article: int = Field(..., description="Index into `articles`.")
    sentence: int
    start: int = Field(..., description="Character offsets into the cleaned article text.")
    end: int
    text: str
    similarity: float


class BriefSentence(BaseModel):
    text: str
    sources: list[int] = Field(..., description="Indices into `articles` of every article that reports this sentence.")
    evidence: list[Evidence]
    origin: str | None = Field(None, description="With a rewrite: 'generated' (the model wrote it) or 'extracted' (quoted).")
    verdict: str | None = Field(None, description="With a rewrite: the verifier's verdict (shown sentences are 'supported').")
    score: float | None = Field(None, description="With a rewrite: the verifier's score, 0–1.")


class DroppedSentence(BaseModel):
    text: str
    verdict: str = Field(..., description="unsupported | contradicted")
    score: float
    reasons: list[str]


class Rewrite(BaseModel):
    """What the language model wrote and what the verifier kept."""

    model: str
    generated: int = Field(..., description="Sentences the model wrote.")
    kept: int = Field(..., description="Of those, shown in the brief (supported by the articles).")
    dropped: list[DroppedSentence]
    seconds: float
    error: str | None = Field(None, description="Why nothing the model wrote is shown (server down, slow, junk).")


class ArticleMetadata(BaseModel):
    id: str
    name: str  # how the brief cites the article (outlet, else title, else id): use it for labels
    title: str | None
    source: str | None
    url: str | None
    published: str | None


class Fact(BaseModel):
    text: str
    sources: list[int]
    evidence: list[Evidence] = []


class Claim(BaseModel):
    article: int
    sentence: int
    text: str


class Discrepancy(BaseModel):
    kind: str
    first: Claim
    second: Claim
    first_value: str
    second_value: str
    explanation: str = ""


class SetAside(BaseModel):
    article: int = Field(..., description="Index into `articles`.")
    name: str
    reason: str = Field(..., description="Why the article is not part of the brief: another story, or no story text.")


class SummarizeResponse(BaseModel):
    """One output line of `newsbrief summarize --input FILE.jsonl`; the analysis keys come with `analysis`."""

    id: str
    headline: str | None = Field(None, description="The most representative article title, cleaned; null when no article has one.")
    summary: str = Field(..., description="The brief, one sentence a line.")
    sentences: list[BriefSentence]
    words: int
    articles: list[ArticleMetadata]
    set_aside: list[SetAside] = Field([], description="Articles left out because they are not about the story.")
    query: str | None = None
    warnings: list[str] | None = None
    agreements: list[Fact] | None = None
    single_source: list[Fact] | None = None
    discrepancies: list[Discrepancy] | None = None
    rewrite: Rewrite | None = None


class ErrorResponse(BaseModel):
    """Every error answer: `error`, `error_type` and `detail` (the same message); errors of the record
    itself are its JSONL error line, with its `id`, plus `detail`."""

    id: str | None = None
    error: str
    error_type: str = Field(..., description="InputError, NoSentencesError, ConfigError, RequestTooLarge, LimitExceeded, Busy, Timeout…")
    detail: str


class StoriesRequest(BaseModel):
    """The lines of `newsbrief stories --input FILE.jsonl`, as one list, plus that command's options."""

    articles: list[Document] = Field(
        ..., description="One article each: {id?, text | html, title?, source?, url?, published?}; an article without id is 'line-N'."
    )
    words: int | None = Field(None, description="Length of each story's brief in words.")
    threshold: float | None = Field(None, description="Average cosine an article needs to join a story (default: that of `newsbrief stories`).")
    window_days: float | None = Field(None, description="Only stories active this close in time are joined (default 7).")


class Story(BaseModel):
    id: str
    articles: list[str] = Field(..., description="Member article ids, in order of publication.")
    brief: SummarizeResponse | ErrorResponse | None = Field(..., description="The story's brief (without `id`), or its error.")
    version: int
    changed: bool


class ArticleError(BaseModel):
    line: str = Field(..., description="Position of the article in `articles`, counting from 1.")
    error: str


class StoriesResponse(BaseModel):
    """What `newsbrief stories --format json` prints, plus the grouping's warnings."""

    stories: list[Story]
    errors: list[ArticleError] | None = Field(None, description="Articles that could not be read; the others are grouped.")
    warnings: list[str] | None = None


class Health(BaseModel):
    status: str
    version: str
    running: int = Field(..., description="Summaries being computed now.")
    waiting: int = Field(..., description="Admitted requests waiting for a worker.")
    limits: dict[str, float | int]
    features: dict[str, bool]


class VerifyRequest(BaseModel):
    """One line of `newsbrief verify --input FILE.jsonl`."""

    id: str | None = Field(None, description="Echoed in the response; default 'request'.")
    documents: list[str | Document] | str = Field(..., description="The articles the summary claims to summarize (text or HTML; not URLs).")
    summary: str = Field(..., description="The summary to check, any number of sentences.")


class VerifiedEvidence(Evidence):
    outlet: str = Field(..., description="The article's display name.")


class Problem(BaseModel):
    kind: str = Field(
        ...,
        description="count, money, percent, duration, date, weekday, time, age, name_role, negation, opposite, "
        "unseen_value, unseen_name, unaligned.",
    )
    text: str = Field(..., description="The phrase of the summary sentence at fault.")
    start: int
    end: int
    explanation: str
    source_text: str = Field(..., description="What the evidence says instead, when it says something.")
    evidence: VerifiedEvidence | None


class SentenceVerdict(BaseModel):
    text: str
    start: int = Field(..., description="Character offsets of the sentence in the summary.")
    end: int
    verdict: str = Field(..., description="supported | unsupported | contradicted")
    score: float = Field(..., description="0–1, higher = better supported.")
    evidence: list[VerifiedEvidence]
    problems: list[Problem]


class VerifyResponse(BaseModel):
    """One output line of `newsbrief verify --input FILE.jsonl`."""

    id: str
    score: float = Field(..., description="The weakest sentence's score, 0–1; threshold this.")
    verdict: str = Field(..., description="contradicted if any sentence is, else unsupported if any is, else supported.")
    sentences: list[SentenceVerdict]
    articles: list[ArticleMetadata]
    warnings: list[str] | None = None
