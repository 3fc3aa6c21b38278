"""Focus: keep a brief on one story, and name it.

Scraped clusters hold pages that are not reports of the story: a crawl notice, a "page not found",
a sign-in wall, or a whole article about something else that a feed or a search put beside it.
Selected from, they put a Biden speech into a brief on Trump's tweets. This stage sets such
articles aside before selection and analysis, and says which and why, so nothing is dropped
silently.

An article belongs to the story when its words (TF-IDF, summed over its sentences) reach
OFF_TOPIC cosine with an article that does. The story is grown from its most central article;
with two articles that share nothing, the one with more story text is kept. OFF_TOPIC was read off
the Multi-News dev clusters: below it nearly every article was a crawl notice, an error page or an
unrelated story; above it, articles on one story in different words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from newsbrief.represent import Representation
from newsbrief.represent.tfidf import analyze, term_counts, tfidf_vectors
from newsbrief.types import Article, SetAside

OFF_TOPIC = 0.035  # article-to-article cosine (squared weights, news-neutral words out) under which two articles tell different stories
PLACEHOLDER_SENTENCES = 2  # an unrelated page this short is a placeholder (error, sign-in, crawl notice), not a story
COMPARABLE = 0.4  # a second story with this share of the kept story's sentences is worth a warning
NO_STORY_TEXT = "no story text: empty, or only boilerplate (an error, sign-in or paywall page, a crawl notice)"
ANOTHER_STORY = "another story: it shares almost no words with the other articles"
HEADLINE_WORDS = (3, 20)

_SITE_SUFFIX = re.compile(r"\s+(?:[|–—]|-|::)\s+[^|–—]{2,40}$")
_PARENTHETICAL_CREDIT = re.compile(r"\s*\((?:image|photo|picture|video|credit)s?\s*:[^)]*\)", re.IGNORECASE)
_NOT_A_HEADLINE = re.compile(r"[:;,]$|^\W|\b(?:image|photo|getty)\s*:", re.IGNORECASE)


# Words every news story uses, whatever it is about: reporting verbs, days, months, ordinals, units
# of time. Two unrelated articles share them ("said", "Sunday", "second"); they name no story.
_STORY_NEUTRAL_WORDS = (
    "said says say told tell tells according reported reports added adds asked statement statements monday tuesday wednesday"
    " thursday friday saturday sunday january february march april may june july august september october november december"
    " year years day days week weeks month months hour hours minute minutes time times today yesterday tomorrow night morning"
    " first second third fourth last next new old one two three four five ten hundred thousand million people man woman"
    " just like make made did get got going way thing things lot number part"
)


@lru_cache(maxsize=1)
def story_neutral() -> frozenset[str]:
    """The stems of _STORY_NEUTRAL_WORDS, as the TF-IDF analyzer writes them (computed on first use:
    the analyzer loads scikit-learn's stop words, and `import newsbrief` stays light)."""
    return frozenset(analyze(_STORY_NEUTRAL_WORDS))


def article_similarity(rep: Representation) -> np.ndarray:
    """Cosine between articles, each the L2-normalised sum of its sentences' squared TF-IDF rows,
    news-neutral words left out.

    Squaring lets the words that name a story (its people, places, objects) outweigh what any two
    news articles share, as idf² does when `stories` groups a pile.
    """
    neutral = story_neutral()
    tokens = [[t for t in sentence if t not in neutral] for sentence in rep.tokens]
    vectors = tfidf_vectors(term_counts(tokens)).power(2)
    n = len(rep.articles)
    membership = sparse.csr_matrix((np.ones(len(rep)), (rep.article, np.arange(len(rep)))), shape=(n, len(rep)))
    summed = sparse.csr_matrix(membership @ vectors)
    norms = np.sqrt(np.asarray(summed.multiply(summed).sum(axis=1)).ravel())
    normalised = sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ summed
    return np.asarray((normalised @ normalised.T).toarray())


def set_aside(rep: Representation) -> tuple[tuple[SetAside, ...], tuple[str, ...]]:
    """The articles that are not part of the cluster's main story, with the reason, and warnings.

    An article with no sentence left after cleaning has no story text. Among the others, the story
    grows from the most central article (highest summed similarity; more sentences break a tie)
    through every link of cosine ≥ OFF_TOPIC; the rest tell another story, or are placeholders
    when PLACEHOLDER_SENTENCES or fewer remain. A warning says when a set-aside story is about as
    large as the kept one.
    """
    sentences = np.bincount(rep.article, minlength=len(rep.articles))
    aside = [SetAside(a, NO_STORY_TEXT) for a in range(len(rep.articles)) if sentences[a] == 0]
    present = np.flatnonzero(sentences)
    if len(present) < 2:
        return tuple(aside), ()
    similarity = article_similarity(rep)[np.ix_(present, present)]
    np.fill_diagonal(similarity, 0.0)
    centrality = similarity.sum(axis=1)
    anchor = max(range(len(present)), key=lambda i: (round(float(centrality[i]), 6), sentences[present[i]], -i))
    story = _reach(similarity >= OFF_TOPIC, anchor)
    outside = [int(present[i]) for i in range(len(present)) if not story[i]]
    aside += [SetAside(a, NO_STORY_TEXT if sentences[a] <= PLACEHOLDER_SENTENCES else ANOTHER_STORY) for a in outside]
    warnings: tuple[str, ...] = ()
    kept_sentences = int(sentences[present[story]].sum())
    other = [a for a in outside if sentences[a] > PLACEHOLDER_SENTENCES]
    if other and (len(other) >= 2 or int(sentences[other].sum()) >= COMPARABLE * kept_sentences):
        warnings = (
            f"the articles tell more than one story: {len(other)} set aside as another story; "
            "`newsbrief stories` groups a pile of articles into stories and briefs each",
        )
    return tuple(sorted(aside, key=lambda s: s.article)), warnings


def _reach(linked: np.ndarray, start: int) -> np.ndarray:
    """Which nodes a graph's links reach from `start` (the component of the story)."""
    from scipy.sparse.csgraph import breadth_first_order

    reached = np.zeros(len(linked), dtype=bool)
    reached[breadth_first_order(sparse.csr_matrix(linked), start, directed=False, return_predecessors=False)] = True
    return reached


def clean_headline(title: str) -> str | None:
    """A title as a headline line: the site's name and a picture credit cut off; None when what is
    left does not read as a headline (too short or long, a label ending in a colon)."""
    headline = _PARENTHETICAL_CREDIT.sub("", title).strip()
    headline = _SITE_SUFFIX.sub("", headline).strip()
    low, high = HEADLINE_WORDS
    if not low <= len(headline.split()) <= high or _NOT_A_HEADLINE.search(headline):
        return None
    return headline


def choose_headline(articles: Sequence[Article], kept: Sequence[int]) -> str | None:
    """The most representative title of the kept articles: the one whose words the most kept
    articles use (each article's words counted once). None when no kept article has a usable title."""
    cleaned = [(a, clean_headline(articles[a].title or "")) for a in kept if articles[a].title]
    titles = [(a, t) for a, t in cleaned if t]
    if not titles:
        return None
    vocabulary = [set(analyze(articles[a].text)) for a in kept]

    def representative(item: tuple[int, str]) -> float:
        words = set(analyze(item[1]))
        return sum(len(words & used) for used in vocabulary) / max(len(words), 1)

    return max(titles, key=representative)[1]
