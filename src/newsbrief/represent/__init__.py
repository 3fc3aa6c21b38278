"""Vectors and similarities for the sentences of one cluster, computed once and shared.

Every selector, the attribution and the analysis read the same `Representation`, so a cluster is
vectorized once per run whatever is asked of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from newsbrief.represent.tfidf import analyze, analyze_query, term_counts, tfidf_vectors
from newsbrief.types import Article, Sentence

EncoderName = Literal["tfidf", "minilm", "static"]
ENCODER_NAMES: tuple[str, ...] = ("tfidf", "minilm", "static")
MAX_SENTENCES_PER_ARTICLE = 80  # later sentences rarely make a brief; caps cost on very long pages
# Dense encoders embed only each article's first sentences, where the learned selector picks from
# (its pool is the first 10). MiniLM costs ~12 ms a sentence on one core, so it embeds the first 3:
# ~8 sentences a typical cluster, which keeps the mode near 7 clusters/s (above the 5 asked for).
EMBEDDED_PER_ARTICLE = {"static": 10, "minilm": 3}
MAX_SENTENCES = 2500  # keeps the n×n similarity matrix under ~50 MB for clusters of hundreds of pages


@dataclass(frozen=True)
class Representation:
    """A cluster's sentences with their vectors and pairwise cosine similarities.

    vectors: (n, d) L2-normalised rows; similarity: (n, n) cosine matrix;
    article / position: per-sentence article index and 0-based index within the article;
    relative_position: position / sentences in that article (0 = lead, →1 = end).
    """

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    vectors: Any  # scipy sparse (TF-IDF) or dense ndarray (embeddings), rows L2-normalised
    similarity: np.ndarray
    article: np.ndarray
    position: np.ndarray
    relative_position: np.ndarray
    words: np.ndarray
    encoder: str = "tfidf"
    embeddings: np.ndarray | None = None  # (n, d) dense sentence embeddings when a dense encoder is asked for
    semantic_similarity: np.ndarray | None = None  # (n, n) cosine of the embeddings
    tokens: tuple[list[str], ...] = ()  # each sentence's stemmed content words, as TF-IDF counted them
    counts: Any = None  # scipy sparse (n, vocabulary) counts of those words (vocabulary shared with `vectors`)
    # A query-focused brief's question and an update brief's already-read articles are named fields,
    # never rows or columns of the matrices above: every index into those is a sentence.
    query: str | None = None
    query_vector: Any = None  # scipy sparse (1, vocabulary) TF-IDF row of the query, same space as `vectors`
    query_similarity: np.ndarray | None = None  # (n,) cosine of each sentence to the query
    earlier_similarity: np.ndarray | None = None  # (n,) each sentence's highest cosine to a sentence already read
    earlier_overlap: np.ndarray | None = None  # (n,) the largest share of its content words one earlier sentence has

    def __len__(self) -> int:
        return len(self.sentences)


def limit_sentences(sentences: Sequence[Sentence], *, per_article: int = MAX_SENTENCES_PER_ARTICLE) -> list[Sentence]:
    """Keep the earliest sentences of each article within the caps, in their original order."""
    kept = [s for s in sentences if s.index < per_article]
    if len(kept) <= MAX_SENTENCES:
        return kept
    by_depth = sorted(kept, key=lambda s: (s.index, s.article))[:MAX_SENTENCES]
    return sorted(by_depth, key=lambda s: (s.article, s.index))


def represent(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    *,
    query: str | None = None,
    earlier: Sequence[str] = (),
    encoder: EncoderName = "tfidf",
) -> Representation:
    """Vectorize a cluster's sentences: TF-IDF always, plus dense embeddings for encoder="minilm"|"static".

    TF-IDF stays the lexical view every stage shares (redundancy and attribution track wording, as
    ROUGE and readers do); a dense encoder adds a semantic view that the learned scorer reads.
    query: a question to steer the brief; it is vectorized in the same TF-IDF space as the sentences.
    earlier: the sentences of already-read articles (an update brief), in the same space too.
    """
    sentences = limit_sentences(sentences)
    n = len(sentences)
    tokens = tuple(analyze(s.text) for s in sentences)
    extra = ([analyze_query(query)] if query else []) + [analyze(text) for text in earlier]
    all_counts = term_counts(list(tokens) + extra)
    all_vectors = tfidf_vectors(all_counts)
    vectors = all_vectors[:n]
    similarity = (vectors @ vectors.T).toarray()
    query_vector = all_vectors[n : n + 1] if query else None
    query_similarity = np.asarray((vectors @ query_vector.T).toarray()).ravel() if query_vector is not None else None
    first_earlier = n + (1 if query else 0)  # the rows after the sentences: the query's, then the earlier sentences'
    earlier_similarity = earlier_overlap = None
    if len(earlier):
        earlier_similarity = np.asarray((vectors @ all_vectors[first_earlier:].T).max(axis=1).toarray()).ravel().clip(0.0, None)
        earlier_overlap = contained_share(all_counts[:n], all_counts[first_earlier:])
    article = np.fromiter((s.article for s in sentences), dtype=np.int32, count=len(sentences))
    position = np.fromiter((s.index for s in sentences), dtype=np.int32, count=len(sentences))
    per_article = np.bincount(article, minlength=len(articles)).astype(np.float64)
    relative = position / np.maximum(per_article[article], 1.0)
    words = np.fromiter((s.words for s in sentences), dtype=np.int32, count=len(sentences))
    embeddings = semantic = None
    if encoder != "tfidf":
        embeddings = embed_leads(sentences, encoder)
        semantic = embeddings @ embeddings.T
    return Representation(
        articles=tuple(articles),
        sentences=tuple(sentences),
        vectors=vectors,
        similarity=np.asarray(similarity),
        article=article,
        position=position,
        relative_position=relative,
        words=words,
        encoder=encoder,
        embeddings=embeddings,
        semantic_similarity=semantic,
        tokens=tokens,
        counts=all_counts[:n],
        query=query or None,
        query_vector=query_vector,
        query_similarity=query_similarity,
        earlier_similarity=earlier_similarity,
        earlier_overlap=earlier_overlap,
    )


def contained_share(counts: Any, other: Any) -> np.ndarray:
    """(n,) for each row of `counts`, the largest share of its distinct words that one row of `other` holds."""
    mine = (counts > 0).astype(np.float32)
    theirs = (other > 0).astype(np.float32)
    shared = mine @ theirs.T  # sparse (n, m): words each pair has in common
    most = np.asarray(shared.max(axis=1).toarray()).ravel() if shared.shape[1] else np.zeros(shared.shape[0])
    return most / np.maximum(np.asarray(mine.sum(axis=1)).ravel(), 1.0)


def embed_leads(sentences: Sequence[Sentence], encoder: str) -> np.ndarray:
    """Dense vectors of each article's first EMBEDDED_PER_ARTICLE[encoder] sentences; the rest get
    zero rows (similar to nothing), so TF-IDF still sees the whole article at a fraction of the cost."""
    from newsbrief.represent.encoders import get_encoder

    model = get_encoder(encoder)
    rows = [i for i, s in enumerate(sentences) if s.index < EMBEDDED_PER_ARTICLE.get(encoder, MAX_SENTENCES_PER_ARTICLE)]
    embeddings = np.zeros((len(sentences), model.dimensions), dtype=np.float32)
    if rows:
        embeddings[rows] = model.encode([sentences[i].text for i in rows])
    return embeddings
