"""The sources a summary is checked against, read once: cleaned articles, their sentences (the same
ones `summarize` cites, so evidence is identified as a brief's is), and what the whole text states —
its words, word pairs, names and numbers — for the checks that look beyond the aligned sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from newsbrief.represent import MAX_SENTENCES_PER_ARTICLE  # evidence is sought this deep into an article; later text still counts
from newsbrief.types import Article, Sentence

# Cleaning is written for pages as published: a lowercased, tokenized benchmark text ("the boy 's
# cat .") reads to it as noise. When it keeps less than this share of an article, the article is
# verified against as given (such an article gives `summarize` nothing to cite either).
KEPT_BY_CLEANING = 0.3
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
    " nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen"
)
_NUMBER_WORD = r"(?:" + "|".join(sorted(_NUMBER_WORDS.split(), key=len, reverse=True)) + r")"
# A number as written: digits (with a scale word: "1.2 million", "£45m"), or number words ("twenty-five").
NUMBER_PATTERN = re.compile(
    r"(?<![\w.])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    rf"|\b(?P<words>{_NUMBER_WORD}(?:(?:[\s-]+|\s+and\s+){_NUMBER_WORD})*)\b",
    re.IGNORECASE,
)
MONTH_NAMES = "january february march april may june july august september october november december".split()
WEEKDAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()
_CALENDAR = re.compile(r"\b(" + "|".join(MONTH_NAMES[:4] + MONTH_NAMES[5:] + WEEKDAY_NAMES) + r")\b", re.IGNORECASE)  # "may" is a verb too


@dataclass(frozen=True)
class NumberMention:
    """A number written in a sentence: its text, span and the values it can be read as."""

    text: str
    start: int
    end: int
    values: frozenset[float]


@dataclass(frozen=True)
class Sources:
    """What a summary is checked against. Build it with `prepare_sources`; `only` narrows it to
    a few sentences (the ones a generated sentence cites) without reading the articles again.

    articles: the cleaned articles (evidence offsets point into their text);
    sentences: their sentences, as `summarize` splits them;
    words, stems, bigrams, numbers, calendar: what the whole text (or, narrowed, the chosen
    sentences) states, lowercased: words, content-word stems, adjacent word pairs, the values of
    every number, month and weekday names.
    """

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    words: frozenset[str]
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[float]
    calendar: frozenset[str]
    text: str
    warnings: tuple[str, ...] = ()
    cache: dict[str, object] = field(default_factory=dict, compare=False, hash=False, repr=False)  # parses and vectors, per process

    def only(self, cited: Iterable[tuple[int, int]]) -> Sources:
        """These sources narrowed to the sentences identified by (article, sentence index), as a
        brief's evidence names them; unknown pairs are ignored."""
        wanted = set(cited)
        kept = tuple(s for s in self.sentences if (s.article, s.index) in wanted)
        return replace(_summary_of(self.articles, kept, [s.text for s in kept]), warnings=self.warnings, cache=self.cache)


def prepare_sources(documents: Sequence[Article | str | dict[str, object]] | str) -> Sources:
    """Read the documents as `summarize` does (cap, clean, split) and index what they state.

    Raises InputError when there is no document, NoSentencesError when nothing usable is left.
    """
    from newsbrief.clean import clean_cluster, normalize_text
    from newsbrief.errors import InputError, NoSentencesError
    from newsbrief.ingest import _checked, as_articles, cap_articles  # the one binary-content rule ingest applies to files
    from newsbrief.segment import split_article

    articles, warnings = cap_articles(as_articles(documents))
    if not articles:
        raise InputError("no documents to verify against: give at least one article")
    for raw in articles:
        _checked(raw.text, name=raw.label)  # binary content is refused here as when a file is read
    cleaned = tuple(
        a if len(a.text) >= KEPT_BY_CLEANING * len(raw.text) else replace(raw, text=normalize_text(raw.text))
        for a, raw in zip(clean_cluster(articles), articles, strict=True)
    )
    sentences = tuple(
        s for i, a in enumerate(cleaned) for s in (split_article(a, i) or _plain_sentences(a, i)) if s.index < MAX_SENTENCES_PER_ARTICLE
    )
    if not sentences:
        raise NoSentencesError("no article has a usable sentence once navigation and boilerplate are removed")
    found = _summary_of(cleaned, sentences, [a.text for a in cleaned])
    outlets = words_of(" ".join(part for a in cleaned for part in (a.source, a.title, a.url) if part))
    return replace(found, words=found.words | frozenset(outlets), warnings=warnings)  # "reports the Herald": the outlet is known


def _plain_sentences(article: Article, index: int) -> list[Sentence]:
    """Every sentence blingfire finds, for an article whose sentences all read as noise to the
    segmenter (a lowercased benchmark text): there is nothing else to check a summary against."""
    spans = [(a, b, text) for a, b, text in split_summary(article.text) if _wordy(text)]
    return [Sentence(index, k, a, b, text) for k, (a, b, text) in enumerate(spans)]


def split_summary(summary: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence of a summary, one line at a time (blingfire)."""
    import blingfire

    spans = []
    offset = 0
    for line in summary.split("\n"):
        if line.strip():
            for a, b in blingfire.text_to_sentences_and_offsets(line)[1]:
                text = line[a:b].strip()
                if any(ch.isalnum() for ch in text):
                    start = offset + a + (len(line[a:b]) - len(line[a:b].lstrip()))
                    spans.append((start, start + len(text), text))
        offset += len(line) + 1
    return spans


def _wordy(text: str) -> bool:
    """At least three words of letters: what is left of a binary file once its control characters
    are stripped ("PKPKPK…") states nothing a summary could be checked against."""
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word) and len(word) < 40) >= 3


def _summary_of(articles: tuple[Article, ...], sentences: tuple[Sentence, ...], texts: Sequence[str]) -> Sources:
    from newsbrief.represent.tfidf import analyze

    lowered = "\n".join(texts).lower()
    words = _WORD.findall(lowered)
    numbers = frozenset(v for m in number_mentions(lowered) for v in m.values)
    return Sources(
        articles=articles,
        sentences=sentences,
        words=frozenset(words),
        stems=frozenset(analyze(lowered)),
        bigrams=frozenset(zip(words, words[1:], strict=False)),
        numbers=numbers,
        calendar=frozenset(m.lower() for m in _CALENDAR.findall(lowered)),
        text=lowered,
    )


def number_mentions(text: str) -> list[NumberMention]:
    """Every number a text writes, with the values it can stand for: "1.2 million" is 1.2e6 and
    1.2 (a source writing "1,200,000" or "1.2m" matches either); "twenty-five" is 25."""
    from newsbrief.compare.values import number

    found = []
    for match in NUMBER_PATTERN.finditer(text):
        if match.group("digits"):
            raw = float(match.group("digits").replace(",", ""))
            scale = _SCALES.get((match.group("scale") or "").lower(), 1.0)
            values = {round(raw, 6), round(raw * scale, 6)}
        else:
            parsed = number(match.group("words"))
            if parsed is None:
                continue
            values = {round(parsed[0], 6)}
        found.append(NumberMention(match.group(0), match.start(), match.end(), frozenset(values)))
    return found


def calendar_words(text: str) -> list[tuple[str, int, int]]:
    """Month and weekday names in a text, with their spans ("May" is left out: it is also a verb)."""
    return [(m.group(0), m.start(), m.end()) for m in _CALENDAR.finditer(text)]


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())
