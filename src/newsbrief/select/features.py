"""Per-sentence features for the learned scorer: where a sentence sits, how central and how widely
reported it is, and what it contains. All come from the shared Representation, plus word statistics
of the cluster (SumBasic-style word frequency, how many articles use a word or a bigram), which
predict what a human summary repeats better than sentence-level similarity alone."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from newsbrief.represent import Representation
from newsbrief.select.support import centrality, cross_article_support, length_prior

FEATURE_NAMES = (
    "position",
    "relative_position",
    "article",
    "articles",
    "article_sentences",
    "centrality",
    "support",
    "mean_similarity",
    "words",
    "length_prior",
    "lead_similarity",
    "has_quote",
    "has_number",
    "capitalized_share",
    "word_frequency",
    "word_article_share",
    "shared_bigram_share",
    "shared_bigrams",
    "first_mention_share",
    "content_word_share",
)
# Read when the representation carries dense embeddings (encoder "minilm" or "static"): the same
# centrality / support / lead-agreement signals, in a space where paraphrases are close.
SEMANTIC_FEATURE_NAMES = (
    "semantic_centrality",
    "semantic_support",
    "semantic_support_strict",
    "semantic_mean_similarity",
    "semantic_lead_similarity",
)
SEMANTIC_SUPPORT = (0.5, 0.7)  # cosines at which another article's sentence says roughly / nearly the same


def feature_names(encoder: str) -> tuple[str, ...]:
    return FEATURE_NAMES if encoder == "tfidf" else FEATURE_NAMES + SEMANTIC_FEATURE_NAMES
_QUOTE = re.compile(r"[\"“”]")
_NUMBER = re.compile(r"\d")


def sentence_features(rep: Representation) -> np.ndarray:
    """(n_sentences, len(feature_names(rep.encoder))) float matrix."""
    n = len(rep)
    is_lead = rep.position == 0
    lead_similarity = rep.similarity[:, is_lead].max(axis=1) if is_lead.any() else np.zeros(n)
    article_sentences = np.bincount(rep.article, minlength=len(rep.articles))[rep.article]
    texts = [s.text for s in rep.sentences]
    capitalized = [sum(w[:1].isupper() for w in t.split()) / max(1, len(t.split())) for t in texts]
    base = np.column_stack(
        [
            rep.position,
            rep.relative_position,
            rep.article,
            np.full(n, len(np.unique(rep.article))),
            article_sentences,
            centrality(rep),
            cross_article_support(rep),
            rep.similarity.mean(axis=1),
            rep.words,
            length_prior(rep),
            lead_similarity,
            [bool(_QUOTE.search(t)) for t in texts],
            [bool(_NUMBER.search(t)) for t in texts],
            capitalized,
            word_statistics(rep),
        ]
    ).astype(np.float64)
    if rep.semantic_similarity is None:
        return base
    semantic = rep.semantic_similarity
    return np.column_stack(
        [
            base,
            centrality(rep, rep.embeddings),
            cross_article_support(rep, similarity=semantic, threshold=SEMANTIC_SUPPORT[0]),
            cross_article_support(rep, similarity=semantic, threshold=SEMANTIC_SUPPORT[1]),
            semantic.mean(axis=1),
            semantic[:, is_lead].max(axis=1) if is_lead.any() else np.zeros(n),
        ]
    )


def word_statistics(rep: Representation) -> np.ndarray:
    """(n, 6): mean cluster frequency of the sentence's content words; mean share of articles using
    them; share and count of its bigrams that two or more articles use; share of its words that its
    article mentions here first; content words per word."""
    tokens = rep.tokens
    n_articles = max(1, len(np.unique(rep.article)))
    frequency = Counter(t for ts in tokens for t in ts)
    total = max(1, sum(frequency.values()))
    article_words: dict[int, set[str]] = {}
    article_bigrams: dict[int, set[tuple[str, str]]] = {}
    for ts, a in zip(tokens, rep.article.tolist(), strict=True):
        article_words.setdefault(a, set()).update(ts)
        article_bigrams.setdefault(a, set()).update(zip(ts, ts[1:], strict=False))
    word_df = Counter(t for words in article_words.values() for t in words)
    bigram_df = Counter(b for bigrams in article_bigrams.values() for b in bigrams)
    seen: set[tuple[int, str]] = set()
    rows = []
    for ts, a, n_words in zip(tokens, rep.article.tolist(), rep.words.tolist(), strict=True):
        bigrams = list(zip(ts, ts[1:], strict=False))
        shared = sum(bigram_df[b] >= 2 for b in bigrams)
        first = sum((a, t) not in seen for t in set(ts))
        seen.update((a, t) for t in ts)
        rows.append(
            (
                sum(frequency[t] for t in ts) / total / len(ts) if ts else 0.0,
                sum(word_df[t] for t in ts) / n_articles / len(ts) if ts else 0.0,
                shared / len(bigrams) if bigrams else 0.0,
                shared,
                first / len(set(ts)) if ts else 0.0,
                len(ts) / max(1, n_words),
            )
        )
    return np.asarray(rows, dtype=np.float64).reshape(len(tokens), 6)
