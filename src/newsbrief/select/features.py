"""Per-sentence features for the learned scorer: where a sentence sits, how central and how widely
reported it is, and what it contains. All come from the shared Representation, plus word statistics
of the cluster (SumBasic-style word frequency, how many articles use a word or a bigram), which
predict what a human summary repeats better than sentence-level similarity alone."""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

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
    "article_agreement",
    "other_articles_similarity",
    "question",
    "first_person",
    "opens_with_quote",
    "characters_per_word",
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
_WORD_START = re.compile(r"(?<!\S)\S")  # the first character of every whitespace-separated word
_CLOSING = "\"”’' \t\n"  # what may follow a question mark at the end of a sentence
# Case matters: "US" is a country. (A sentence-opening "We" is missed too; the scorer was measured so.)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|we|our|us)\b")
_OPENING_QUOTES = ("\"", "“", "‘", "'")


def sentence_features(rep: Representation) -> np.ndarray:
    """(n_sentences, len(feature_names(rep.encoder))) float matrix."""
    n = len(rep)
    is_lead = rep.position == 0
    lead_similarity = rep.similarity[:, is_lead].max(axis=1) if is_lead.any() else np.zeros(n)
    article_sentences = np.bincount(rep.article, minlength=len(rep.articles))[rep.article]
    texts = [s.text for s in rep.sentences]
    word_starts = [_WORD_START.findall(t) for t in texts]
    capitalized = [sum(map(str.isupper, starts)) / max(1, len(starts)) for starts in word_starts]
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
            other_articles_agreement(rep),
            text_cues(texts, rep.words),
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


def other_articles_agreement(rep: Representation) -> np.ndarray:
    """(n, 2): cosine of the sentence's whole article, then of the sentence, to the centroid of the
    other articles. A reference summary tends to follow the article the others agree with; the
    sentence-level cosine says whether this sentence is the part they agree on."""
    n = len(rep)
    in_article = sparse.csr_matrix((np.ones(n), (rep.article, np.arange(n))), shape=(len(rep.articles), n))
    articles = np.asarray((in_article @ rep.vectors).todense())
    articles /= np.maximum(np.linalg.norm(articles, axis=1, keepdims=True), 1e-12)
    others = articles.sum(axis=0, keepdims=True) - articles  # row a: every article but a (zero for a lone article)
    others /= np.maximum(np.linalg.norm(others, axis=1, keepdims=True), 1e-12)
    article_agreement = np.einsum("ij,ij->i", articles, others)[rep.article]
    sentence_agreement = np.asarray(rep.vectors @ others.T)[np.arange(n), rep.article]
    return np.column_stack([article_agreement, sentence_agreement])


def text_cues(texts: list[str], words: np.ndarray) -> np.ndarray:
    """(n, 4): a question, the first person, an opening quotation mark (sentences cut from a quote,
    which the reference seldom repeats), characters per word (`words`: each text's word count)."""
    cues = np.zeros((len(texts), 4))
    cues[:, 0] = [t.rstrip(_CLOSING).endswith("?") for t in texts]
    cues[:, 1] = [_FIRST_PERSON.search(t) is not None for t in texts]
    cues[:, 2] = [t.lstrip().startswith(_OPENING_QUOTES) for t in texts]
    cues[:, 3] = [len(t) for t in texts]
    cues[:, 3] /= np.maximum(words, 1)
    return cues


def word_statistics(rep: Representation) -> np.ndarray:
    """(n, 6): mean cluster frequency of the sentence's content words; mean share of articles using
    them; share and count of its bigrams that two or more articles use; share of its words that its
    article mentions here first; content words per word. Counted with numpy over the nonzero
    entries of `rep.counts`: word by word in Python this was a tenth of a brief's cost."""
    n = len(rep)
    counts = rep.counts  # CSR, rows article by article in reading order, so `first` below is each article's first use
    distinct = np.diff(counts.indptr)  # different words in each sentence
    row = np.repeat(np.arange(n), distinct)
    term, times = counts.indices.astype(np.int64), counts.data.astype(np.float64)
    lengths = np.bincount(row, weights=times, minlength=n)
    safe = np.maximum(lengths, 1.0)
    frequency = np.bincount(term, weights=times)
    _, first = np.unique(rep.article[row].astype(np.int64) * (term.max(initial=0) + 1) + term, return_index=True)
    word_df = np.bincount(term[first], minlength=len(frequency))  # articles using each word
    n_articles = max(1, len(np.unique(rep.article)))
    shared, bigrams = _shared_bigrams(rep)
    return np.column_stack(
        [
            np.bincount(row, weights=times * frequency[term], minlength=n) / max(1.0, frequency.sum()) / safe,
            np.bincount(row, weights=times * word_df[term], minlength=n) / n_articles / safe,
            shared / np.maximum(bigrams, 1),
            shared,
            np.bincount(row[first], minlength=n) / np.maximum(distinct, 1),
            lengths / np.maximum(rep.words, 1),
        ]
    )


def _shared_bigrams(rep: Representation) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence: how many of its bigrams two or more articles use, and how many bigrams it has."""
    sentence_bigrams = [list(zip(ts, ts[1:], strict=False)) for ts in rep.tokens]
    used_by: dict[tuple[str, str], set[int]] = {}
    for bigrams, a in zip(sentence_bigrams, rep.article.tolist(), strict=True):
        for bigram in bigrams:
            used_by.setdefault(bigram, set()).add(a)
    shared = [sum(len(used_by[b]) >= 2 for b in bigrams) for bigrams in sentence_bigrams]
    return np.asarray(shared, dtype=np.float64), np.asarray([len(b) for b in sentence_bigrams], dtype=np.float64)
