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
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])['’]s\b")


@lru_cache(maxsize=1)
def _porter() -> Any:
    from nltk.stem.porter import PorterStemmer  # what rouge-score stems with; needs no nltk data

    return PorterStemmer()


@lru_cache(maxsize=500_000)
def _stem(token: str) -> str:
    return _porter().stem(token) if len(token) > 3 else token


def analyze(text: str) -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    tokens = _TOKEN.findall(_POSSESSIVE.sub("", text.lower()))  # "wiig's" is "wiig"
    return [_stem(t) for t in tokens if t not in ENGLISH_STOP_WORDS]


# The words of an instruction, not of its subject: a DUC-style topic says "Discuss …", "Include
# information regarding …", "Describe …", and no answer repeats them.
QUESTION_WORDS = frozenset(
    "discuss describe include includes including information regarding explain identify specify specific detail details"
    " example examples give provide list mention aspect aspects kind kinds type types various".split()
)


def analyze_query(text: str) -> list[str]:
    """`analyze` without the instruction words of a question or topic narrative."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    tokens = _TOKEN.findall(_POSSESSIVE.sub("", text.lower()))
    return [_stem(t) for t in tokens if t not in ENGLISH_STOP_WORDS and t not in QUESTION_WORDS]


def term_counts(tokens: Sequence[list[str]]) -> sparse.csr_matrix:
    """Sparse (n, vocabulary) term counts of texts already run through `analyze` (the caller keeps
    the tokens for other uses), columns in order of first use. Counted here rather than by
    CountVectorizer, whose per-call checks cost five times the counting on a cluster's few
    thousand words."""
    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(token, len(vocabulary)) for text in tokens for token in text]
    indptr = np.zeros(len(tokens) + 1, dtype=np.int64)
    np.cumsum([len(text) for text in tokens], out=indptr[1:])
    shape = (len(tokens), max(1, len(vocabulary)))  # one all-zero column when no text has a term
    counts = sparse.csr_matrix((np.ones(len(ids), dtype=np.int32), np.asarray(ids, dtype=np.int64), indptr), shape=shape)
    counts.sum_duplicates()  # a word used twice in a sentence: one entry of 2
    return counts


def tfidf_vectors(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf) of a `term_counts` matrix."""
    import sklearn
    from sklearn.feature_extraction.text import TfidfTransformer

    if counts.shape[0] == 0:
        return sparse.csr_matrix((0, 1), dtype=np.float32)
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):  # counts are finite, parameters fixed: a third of the call
        return TfidfTransformer(sublinear_tf=True).fit_transform(counts.astype(np.float32)).tocsr()
