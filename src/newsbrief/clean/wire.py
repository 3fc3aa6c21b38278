"""Newswire leftovers: hard-wrapped lines and typesetting codes (the TREC/DUC newswire collections).

Wire copy comes hard-wrapped at about 70 characters, a paragraph per blank-line-separated block, with
codes for the typesetter (`&QL;`, `&UR;`, `&QC;`, `&LR;`), escaped entities (`&AMP;`), editors' notes
in `<ANNOTATION>` blocks, TeX-style quotation marks (``like this'') and an underscore for a dash
("PHOENIX _ Victoria Molina ..."). Left as they are, every wrapped line reads as a paragraph and a
sentence breaks wherever a line does ("Hockey League has no restriction ..."), and quotations are not
seen as quotations. `from_wire` undoes all of it; text without these marks passes through unchanged.
"""

from __future__ import annotations

import re

WRAP_WIDTH = (50, 100)  # a hard-wrapped text's longest line: wire copy wraps at 65–80 characters
WRAPPED_SHARE = 0.6  # share of a wrapped text's lines that fill most of the width
MIN_LINES = 4

_ANNOTATION = re.compile(r"<ANNOTATION>.*?</ANNOTATION>", re.DOTALL | re.IGNORECASE)
_CODES = re.compile(r"[ \t]*&(?:QL|UR|QC|LR|QR|UL|MD|HT|TF);")
_ENTITIES = {"&AMP;": "&", "&amp;": "&", "&LT;": "<", "&GT;": ">"}
_TEX_OPEN = re.compile(r"``")
_TEX_CLOSE = re.compile(r"(?<=\S)''|''(?=\s|$)")
_UNDERSCORE_DASH = re.compile(r"(?<=\S) _ (?=\S)")
_UNDERSCORE_BULLET = re.compile(r"^([ \t]*)_[ \t]+", re.MULTILINE)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def from_wire(text: str) -> str:
    """The text with wire codes removed and hard-wrapped paragraphs joined, one paragraph a line.

    >>> from_wire("PHOENIX _ ``We agreed on it,'' she said. &QL;")
    'PHOENIX — “We agreed on it,” she said.'
    """
    if "&" in text or "<" in text:  # a cheap test: no upper-cased copy of every article on the cleaning path
        text = _CODES.sub("", _ANNOTATION.sub("\n\n", text))
        for entity, char in _ENTITIES.items():
            text = text.replace(entity, char)
    if "``" in text:
        text = _TEX_CLOSE.sub("”", _TEX_OPEN.sub("“", text))
    text = _UNDERSCORE_BULLET.sub(r"\1", _UNDERSCORE_DASH.sub(" — ", text))
    if is_hard_wrapped(text):
        paragraphs = (" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in _PARAGRAPH.split(text))
        text = "\n\n".join(p for p in paragraphs if p)
    return text


def is_hard_wrapped(text: str) -> bool:
    """Paragraphs separated by blank lines, each broken into lines of nearly the same width."""
    if not _PARAGRAPH.search(text):
        return False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_LINES:
        return False
    widest = max(len(line) for line in lines)
    if not WRAP_WIDTH[0] <= widest <= WRAP_WIDTH[1]:
        return False
    full = sum(len(line) >= 0.75 * widest for line in lines)
    return full / len(lines) >= WRAPPED_SHARE and len(lines) > len(_PARAGRAPH.split(text))
