"""Dense sentence encoders behind one interface, chosen by name.

    minilm  all-MiniLM-L6-v2, int8 ONNX via onnxruntime (needs the `embed` extra)
    static  a table distilled once from MiniLM; pure numpy at run time

Every encoder returns float32 rows of unit length, so a dot product is a cosine; a text with no
word piece (empty, blank) gets a zero row, which is similar to nothing. Each `get_*` builds its
model once per process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from newsbrief.errors import unknown_choice
from newsbrief.represent.minilm import get_minilm
from newsbrief.represent.static import get_static


class Encoder(Protocol):
    """Texts in, (n, dimensions) float32 unit rows out; n = 0 gives shape (0, dimensions)."""

    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


ENCODERS: dict[str, Callable[[], Encoder]] = {"minilm": get_minilm, "static": get_static}


def get_encoder(name: str) -> Encoder:
    """The process's encoder of that name, built on first use.

    >>> get_encoder("static").encode(["Rates rose."]).shape  # doctest: +SKIP
    (1, 256)
    """
    try:
        factory = ENCODERS[name]
    except KeyError:
        raise unknown_choice("encoder", name, ENCODERS) from None
    return factory()
