"""The model's answer read as sentences, each with the numbered sentences it cites.

Models format answers loosely: a preamble ("Here is the brief:"), a heading, bullets, bold, code
fences, citations after the full stop ("... burned. [1][2]"), ranges ("[1-3]"), lists ("[1, 2]"),
or the outlets copied from the prompt ("(VOA, Reuters)"). All of that is read here, so that the
verifier sees only the sentence and the citations only say where to look first: the sources a
reader sees are re-derived from the evidence the verifier finds, never taken from these numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.types import Brief

_NUMBERS = r"\d{1,3}(?:\s*(?:,|;|and|&|-|–|—)\s*\d{1,3})*"
CITATION = re.compile(rf"\[\s*(?:sentences?\s*|source\s*|#)?({_NUMBERS})\s*\]", re.IGNORECASE)
_CITATIONS = rf"(?:\s*\[\s*(?:sentences?\s*|source\s*|#)?{_NUMBERS}\s*\])+"
# Citations written after the sentence's end ("burned. [1]") move before it, so the sentence
# splitter keeps them with the sentence they belong to.
_AFTER_STOP = re.compile(rf"([.!?]+[\"”’']?)({_CITATIONS})", re.IGNORECASE)
_FENCE = re.compile(r"^\s*```[\w-]*\s*$", re.MULTILINE)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*(?=\w)|(?<=\w)\*)")
_PREAMBLE = re.compile(
    r"^\s*(?:#+\s.*|(?:here(?:'s| is)|sure|okay|certainly)\b.*|(?:news\s+)?(?:brief|summary|answer|rewrite)\s*:?\s*)$", re.IGNORECASE
)
_LABEL = re.compile(r"^\s*(?:news\s+)?(?:brief|summary)\s*:\s*", re.IGNORECASE)
_TERMINAL = (".", "!", "?", "”", '"', "’", "'")
MIN_WORDS = 3  # shorter pieces are headings or leftovers, not sentences a reader needs


@dataclass(frozen=True)
class Drafted:
    """One sentence of the model's answer: its text without citations, the brief sentences it cites
    (0-based positions in the brief), and whether it was cut off by the server's token limit."""

    text: str
    cited: tuple[int, ...] = ()
    cut_off: bool = False


def parse_answer(answer: str, brief: Brief, *, cut_off: bool = False) -> list[Drafted]:
    """The sentences of `answer`, in order; citations of numbers the prompt did not give are ignored.

    cut_off: the server stopped at its token limit, so the last sentence is marked unfinished
    unless it ends like a sentence.
    """
    from newsbrief.verify import split_summary

    outlets = {a.label.lower() for a in brief.articles}
    lines = []
    for line in _FENCE.sub("", answer.replace("\r\n", "\n")).split("\n"):
        if _PREAMBLE.match(line):
            continue
        line = _EMPHASIS.sub("", _LABEL.sub("", _BULLET.sub("", line)))
        lines.append(_AFTER_STOP.sub(r"\2\1", line))
    drafted = []
    for piece in _whole_quotations([text for _, _, text in split_summary("\n".join(lines))]):
        cited = sorted({n - 1 for match in CITATION.finditer(piece) for n in _numbers(match.group(1)) if 1 <= n <= len(brief.sentences)})
        text = _without_outlets(CITATION.sub("", piece), outlets)
        text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ;,")
        if sum(1 for w in text.split() if any(c.isalpha() for c in w)) < MIN_WORDS:
            continue
        if not text.endswith(_TERMINAL):
            text += "."
        drafted.append(Drafted(text, tuple(cited)))
    if cut_off and drafted and not _ends_sentence(answer):
        drafted[-1] = Drafted(drafted[-1].text, drafted[-1].cited, cut_off=True)
    return drafted


def cited_pairs(drafted: Drafted, brief: Brief, known: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The (article, sentence index) pairs a drafted sentence points at: every evidence sentence
    of each brief sentence it cites (the selected sentence and its paraphrases in other outlets).

    known: the pairs the verifier's sources hold; a pair outside them is left out.
    """
    allowed = set(known) if known is not None else None
    pairs = []
    for position in drafted.cited:
        sentence = brief.sentences[position]
        for pair in [(sentence.article, sentence.index)] + [(e.article, e.sentence) for e in sentence.evidence]:
            if pair not in pairs and (allowed is None or pair in allowed):
                pairs.append(pair)
    return pairs


def _whole_quotations(pieces: list[str], *, most: int = 4) -> list[str]:
    """Pieces joined where a quotation opens in one and closes in a later one (at most `most`
    together), as the segmenter joins them in articles: a reader never sees half a quotation.
    A quotation that does not close within `most` pieces is left as it was split."""
    joined: list[str] = []
    index = 0
    while index < len(pieces):
        piece, taken = pieces[index], 1
        while _open_quotes(piece) and taken < most and index + taken < len(pieces):
            piece, taken = f"{piece} {pieces[index + taken]}", taken + 1
        if _open_quotes(piece):
            piece, taken = pieces[index], 1
        joined.append(piece)
        index += taken
    return joined


def _open_quotes(text: str) -> bool:
    straight = text.count('"') % 2 == 1
    return straight or text.count("“") > text.count("”")


def _numbers(group: str) -> list[int]:
    """ "1, 2" → [1, 2]; "1-3" → [1, 2, 3] (a range of at most 10)."""
    found: list[int] = []
    for part in re.split(r"\s*(?:,|;|and|&)\s*", group):
        bounds = [int(n) for n in re.findall(r"\d+", part)]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= 10:
            found.extend(range(bounds[0], bounds[1] + 1))
        else:
            found.extend(bounds)
    return found


def _without_outlets(text: str, outlets: set[str]) -> str:
    """The sentence without a parenthesis that only lists outlets, as the prompt wrote them."""

    def drop(match: re.Match[str]) -> str:
        inside = match.group(1).strip().lower()
        names = [n.strip() for n in inside.split(",")]
        return "" if inside in outlets or all(n in outlets for n in names) else match.group(0)

    return re.sub(r"\s*\(([^()]{1,200})\)", drop, text)


def _ends_sentence(answer: str) -> bool:
    tail = CITATION.sub("", answer).rstrip(" \n`*")
    return tail.endswith(_TERMINAL)
