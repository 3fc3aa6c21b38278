"""Article vectors for story grouping: hashed TF-IDF of words and named entities.

Hashing (sklearn's HashingVectorizer, murmurhash with a fixed seed) needs no vocabulary, so a
vector computed today and one computed next week live in the same space and can be stored.
IDF comes from document frequencies kept for the whole pile (and, with a store, across runs):
a name seen once so far is rare, so the first article of a story already carries its names.
An article's vector is weighted with the IDF known when it arrives and then frozen, as in
streaming topic detection (Allan et al., "On-line new event detection and tracking", SIGIR 1998).

Two weightings were chosen on the even-numbered Multi-News dev clusters (`benchmarks/stories.py
--parts tune`): the first `LEAD_WORDS` content words count twice, since a news report names its
story in the opening lines and wanders after; and IDF is squared, so the few rare words and names
two reports of one story share outweigh the many words every story of a kind shares ("senator",
"police", "said"). Together +0.010 B-cubed F1 on the held-out odd-numbered clusters.

Entities are capitalised phrases found by a regular expression, not a tagger: en_core_web_sm
tags ~10k words/s on one core, which would spend most of a 100k-article budget on NER, while
the regex costs well under a millisecond an article.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache, partial

import numpy as np
from more_itertools import batched
from scipy import sparse

from newsbrief.types import Article

N_FEATURES = 2**20
KEEP_FEATURES = 100  # the heaviest terms of an article; the tail adds cost, not grouping accuracy
MAX_TEXT_CHARS = 20_000  # the opening of a long page says what story it belongs to
LEAD_WORDS = 100  # the first content words count twice: a news story says what it is about first
IDF_POWER = 2.0  # idf²: a story's rare words and names outweigh the words all stories of a kind share
_HEADLINE_LINES = 6
_CHECKED_CHARS = 300

_ENTITY = re.compile(r"(?:[A-Z][\w'’.-]*[a-z][\w'’-]*|[A-Z]{2,}\b)(?:\s+(?:(?:of|de|von|van|al|bin|the)\s+)?[A-Z][\w'’.-]*[a-z]?[\w'’-]*)*")
_SENTENCE_END = frozenset(".!?:;\"“”")
_OPENERS = frozenset("\n\"“'‘(")
_POSSESSIVE = re.compile(r"'s?(?=\s|$)")
_NOT_NAMES = frozenset(
    "the a an in on at for but and or it he she they we i you this that these those his her their its as if when while after "
    "before mr mrs ms dr i'm i've i'll i'd oh so said says according however there here what who why how where new more most some many one two "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september "
    "october november december".split()
)


@dataclass(frozen=True)
class ArticleFeatures:
    """Term counts of a batch of articles before weighting, and their publication times."""

    counts: sparse.csr_matrix  # (n, N_FEATURES) sublinear term frequencies, 1 + log(tf)
    times: np.ndarray  # (n,) days since 1970-01-01 UTC; NaN when unknown


@dataclass
class DocumentFrequencies:
    """How many articles of the pile contain each hashed feature; grows as articles arrive."""

    counts: np.ndarray = field(default_factory=lambda: np.zeros(N_FEATURES, dtype=np.int32))
    documents: int = 0

    def add(self, counts: sparse.csr_matrix) -> None:
        present = counts.copy()
        present.data[:] = 1
        self.counts += np.asarray(present.sum(axis=0), dtype=np.int32).ravel()
        self.documents += counts.shape[0]

    def idf(self, *, power: float = IDF_POWER) -> np.ndarray:
        """Smoothed IDF, log((1 + N) / (1 + df)) + 1 as sklearn's TfidfTransformer, raised to `power`."""
        return ((np.log((1.0 + self.documents) / (1.0 + self.counts)) + 1.0) ** power).astype(np.float32)


def story_text(article: Article) -> str:
    """Title and prose lines of an article: share bars, archive notices and menus say nothing about
    the story, and shared boilerplate would pull unrelated articles together."""
    from newsbrief.clean import noise_reason, normalize_text

    text = normalize_text(article.text[:MAX_TEXT_CHARS])
    kept = [article.title] if article.title else []
    for position, line in enumerate(line for line in text.split("\n") if line):
        # boilerplate shows its wording early; checking a long paragraph's opening keeps this linear in lines, not characters
        reason = noise_reason(line if len(line) <= _CHECKED_CHARS else line[:_CHECKED_CHARS] + ".")
        if reason is None or reason == "not-prose" and position < _HEADLINE_LINES and 4 <= len(line.split()) <= 25:
            kept.append(line)
    return "\n".join(kept)


def entities(text: str) -> list[str]:
    """Capitalised phrases ("Peder Madsen", "Navy SEAL") and their last word, lowercased.

    A single capitalised word that opens a sentence is skipped: it is usually just the first word.
    """
    found: list[str] = []
    for match in _ENTITY.finditer(text):
        start = match.start()
        phrase = match.group(0)
        if "'" in phrase or "’" in phrase:
            phrase = _POSSESSIVE.sub("", phrase.replace("’", "'"))
        words = [w for w in phrase.split() if w.lower() not in _NOT_NAMES]
        if not words:
            continue
        if len(words) == 1 and (start < 2 or text[start - 1] in _OPENERS or text[start - 2] in _SENTENCE_END):
            continue
        phrase = " ".join(words).lower()
        found.append("ent:" + phrase)
        if len(words) > 1:
            found.append("ent:" + words[-1].lower())
    return found


@lru_cache(maxsize=1)
def _word_analyzer() -> Callable[[str], list[str]]:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(stop_words="english").build_analyzer()  # type: ignore[no-any-return]


def analyze(text: str, *, lead_words: int = LEAD_WORDS) -> list[str]:
    """Lowercased words (English stop words removed), the first `lead_words` of them again, and entity tokens.

    Word pairs were tried: on the dev file they need 400 kept terms an article to match words alone
    with 100, because most pairs occur once and crowd out the terms that link articles.
    """
    words = _word_analyzer()(text)
    return words + words[:lead_words] + entities(text)


def parse_time(published: str | None) -> float:
    """Days since the epoch (UTC) of an ISO 8601 date or timestamp; NaN when absent or unreadable."""
    if not published:
        return math.nan
    value = published.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value[:10])
        except ValueError:
            return math.nan
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def _count_texts(texts: Sequence[str], lead_words: int = LEAD_WORDS) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        analyzer=partial(analyze, lead_words=lead_words), n_features=N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32
    )
    counts = vectorizer.transform(texts).tocsr()
    counts.data = 1.0 + np.log(counts.data)
    return counts


def article_features(articles: Sequence[Article], *, workers: int = 1, lead_words: int = LEAD_WORDS) -> ArticleFeatures:
    """Term counts and times of articles; `workers` > 1 tokenizes in that many processes."""
    if not articles:
        return ArticleFeatures(counts=sparse.csr_matrix((0, N_FEATURES), dtype=np.float32), times=np.zeros(0))
    texts = [story_text(a) for a in articles] if workers <= 1 or len(articles) < 2000 else None
    if texts is not None:
        counts = _count_texts(texts, lead_words)
    else:
        from concurrent.futures import ProcessPoolExecutor

        step = math.ceil(len(articles) / (workers * 4))
        parts = [list(part) for part in batched(articles, step)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            counts = sparse.vstack(list(pool.map(partial(_count_articles, lead_words=lead_words), parts))).tocsr()
    times = np.array([parse_time(a.published) for a in articles], dtype=np.float64)
    return ArticleFeatures(counts=counts, times=times)


def _count_articles(articles: list[Article], lead_words: int = LEAD_WORDS) -> sparse.csr_matrix:
    return _count_texts([story_text(a) for a in articles], lead_words)


def weigh(counts: sparse.csr_matrix, idf: np.ndarray, *, keep: int = KEEP_FEATURES) -> sparse.csr_matrix:
    """TF-IDF rows cut to their `keep` heaviest terms and L2-normalised (an empty article stays zero)."""
    weighted = counts.multiply(idf[np.newaxis, :]).tocsr().astype(np.float32)
    indptr, indices, data = [0], [], []
    for row in range(weighted.shape[0]):
        start, end = weighted.indptr[row], weighted.indptr[row + 1]
        cols, vals = weighted.indices[start:end], weighted.data[start:end]
        if len(vals) > keep:
            top = np.argpartition(-vals, keep)[:keep]
            cols, vals = cols[top], vals[top]
        order = np.argsort(cols)
        norm = float(np.sqrt(np.dot(vals, vals)))
        indices.append(cols[order])
        data.append(vals[order] / norm if norm > 0 else vals[order])
        indptr.append(indptr[-1] + len(cols))
    return sparse.csr_matrix(
        (np.concatenate(data) if data else np.zeros(0, np.float32), np.concatenate(indices) if indices else np.zeros(0, np.int32), indptr),
        shape=weighted.shape,
        dtype=np.float32,
    )
