"""TF-IDF sentence vectors fitted on the cluster itself (sentences as documents).

Fitting per cluster makes words frequent in this story but rare in its sentences carry weight,
with no corpus statistics to ship. Tokens are lowercased, English stop words removed, and
Porter-stemmed so "caused" matches "cause", as in ROUGE.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_POSSESSIVE = ("'s", "’s")


@lru_cache(maxsize=1)
def _porter() -> Any:
    from nltk.stem.porter import PorterStemmer  # what rouge-score stems with; needs no nltk data

    return PorterStemmer()


@lru_cache(maxsize=500_000)
def _stem(token: str) -> str:
    return _porter().stem(token) if len(token) > 3 else token


def analyze(text: str) -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    tokens = (t[:-2] if t.endswith(_POSSESSIVE) else t for t in _TOKEN.findall(text.lower()))  # "wiig's" is "wiig"
    return [_stem(t) for t in tokens if t not in ENGLISH_STOP_WORDS]


def _already_analyzed(tokens: list[str]) -> list[str]:
    return tokens


def tfidf_vectors(tokens: Sequence[list[str]]) -> sparse.csr_matrix:
    """Sparse (n, vocabulary) L2-normalised TF-IDF rows of texts already run through `analyze`
    (the caller keeps the tokens for other uses); an all-zero row for a text with no terms."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not tokens:
        return sparse.csr_matrix((0, 1), dtype=np.float32)
    vectorizer = TfidfVectorizer(analyzer=_already_analyzed, sublinear_tf=True, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(tokens)
    except ValueError:  # no text has a single term (all stop words or symbols)
        return sparse.csr_matrix((len(tokens), 1), dtype=np.float32)
    return matrix.tocsr()
