"""Split cleaned articles into sentences that remember where they came from.

blingfire does the splitting (fast, rule-based, handles "U.S." and "Dr."); each line of a
cleaned article is a paragraph, so sentences never cross a line. Fragments that are noise at the
sentence level (a call to action inside a paragraph) or too short to say anything are dropped
here, after their offsets are known, so evidence spans stay exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.clean import LONE_SURROGATE, noise_reason
from newsbrief.clean.captions import SENTENCE_INSIDE
from newsbrief.types import Article, Sentence

MIN_WORDS = 5  # shorter fragments ("Yes.", "He declined.") carry no fact a brief could use
_PROSE_REASONS = {"not-prose", "empty"}
_NO_BOUNDARY_INSIDE = re.compile(r"[.!?…;:]\S*\s")  # where blingfire could end a sentence before the line ends
# "WASHINGTON (AP) — ", "TAUNTON, Mass. (AP) — ": a place in capitals, perhaps its state, perhaps the agency.
_DATELINE = re.compile(r"[A-Z][A-Z .,'-]{2,40}(?:,\s*[A-Z][a-z]{1,12}\.?)?\s*(?:\([A-Za-z .]+\))?\s*(?:—|–|--|-)\s+(?=[A-Z])")


def _sentence_noise(text: str) -> str | None:
    """Noise rules that make sense inside a paragraph (not the 'is this line prose' rule)."""
    reason = noise_reason(text, sentence=True)
    return None if reason in _PROSE_REASONS else reason


def _needs_check(sentence: str, whole_line: bool) -> bool:
    """`clean` judged every line already; a one-sentence line needs the sentence rules again only
    where clean's guess of a second sentence inside ("vs. Federal") kept those rules from it."""
    return not whole_line or bool(SENTENCE_INSIDE.search(sentence))


def _sentence_spans(text: str) -> list[tuple[int, int, bool]]:
    """Character spans of blingfire's sentences, one paragraph (line) at a time.

    Lines are split separately because blingfire joins a line without final punctuation (a
    caption, a credit) to the next one. The flag says the sentence is its whole line. blingfire's
    own offset API converts byte offsets in Python (~0.25 ms a call); finding each returned
    sentence in the line is far cheaper.
    """
    import blingfire

    spans: list[tuple[int, int, bool]] = []
    line_start = 0
    for line in LONE_SURROGATE.sub("\ufffd", text).split("\n"):  # blingfire encodes to UTF-8; same length, so offsets hold
        cursor = 0
        if not line.strip():
            sentences = []
        elif _NO_BOUNDARY_INSIDE.search(line):
            sentences = blingfire.text_to_sentences(line).split("\n")
        else:  # no stop followed by more text: one sentence, as blingfire would say (checked on every dev line)
            sentences = [line.strip()]
        for sentence in sentences:
            start = line.find(sentence, cursor)
            if start < 0:  # blingfire normalised a character: use its exact offsets for this line
                offsets = blingfire.text_to_sentences_and_offsets(line)[1]
                spans.extend((line_start + a, line_start + b, False) for a, b in offsets if a >= cursor)
                break
            cursor = start + len(sentence)
            spans.append((line_start + start, line_start + cursor, len(sentences) == 1))
        line_start += len(line) + 1
    return spans


MAX_QUOTED_SENTENCES = 4  # a quotation longer than this stays split: a brief sentence must stay short
_SINGLE_CLOSE = re.compile(r"(?<=\S)['’](?![A-Za-z])")  # not an apostrophe inside a word ("don't")


def _keep_quotations_whole(spans: list[tuple[int, int, bool]], text: str) -> list[tuple[int, int]]:
    """The spans to keep, the sentences of one quotation joined ("'It was another step forward. So
    this is a good outcome.'"): alone, either half misleads a reader (who is speaking? where does
    the quote end?). spans: (start, end, noisy). A sentence that opens a quotation without closing
    it is joined with the next ones of its paragraph up to the one that closes it, unless one of
    them is noise (a promotion glued to the quote) or the quotation does not close within
    MAX_QUOTED_SENTENCES; noisy sentences are dropped."""
    kept: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start, end, noisy = spans[i]
        mark = None if noisy else _open_quotation(text[start:end])
        close = _closing_sentence(spans, i, text, mark) if mark else None
        if close is not None:
            kept.append((start, spans[close][1]))
            i = close + 1
            continue
        if not noisy:
            kept.append((start, end))
        i += 1
    return kept


def _open_quotation(sentence: str) -> str | None:
    """The mark of a quotation the sentence opens and does not close, if any."""
    if sentence.count("“") > sentence.count("”"):
        return "”"
    if sentence.count('"') % 2:
        return '"'
    opening = sentence.lstrip()[:1]
    if opening in ("'", "‘") and not _SINGLE_CLOSE.search(sentence.lstrip()[1:]):
        return "'"
    return None


def _closing_sentence(spans: list[tuple[int, int, bool]], i: int, text: str, mark: str) -> int | None:
    """The index of the sentence of the same paragraph that closes the quotation sentence i opens;
    None when a noisy sentence or a paragraph break comes first."""
    for j in range(i + 1, min(i + MAX_QUOTED_SENTENCES, len(spans))):
        if spans[j][2] or "\n" in text[spans[j - 1][1] : spans[j][0]]:
            return None
        sentence = text[spans[j][0] : spans[j][1]]
        if _SINGLE_CLOSE.search(sentence) if mark == "'" else mark in sentence:
            return j
    return None


def split_article(article: Article, article_index: int) -> list[Sentence]:
    """Sentences of one cleaned article, numbered from 0 in reading order."""
    text = article.text
    spans: list[tuple[int, int, bool]] = []
    for start, end, whole_line in _sentence_spans(text):
        dateline = _DATELINE.match(text, start, end) if start == 0 or text[start - 1] == "\n" else None
        if dateline:
            start = dateline.end()
        sentence = text[start:end].strip()
        noisy = len(sentence.split()) >= MIN_WORDS and _needs_check(sentence, whole_line and not dateline) and bool(_sentence_noise(sentence))
        spans.append((start, end, noisy))
    sentences: list[Sentence] = []
    for start, end in _keep_quotations_whole(spans, text):
        sentence = text[start:end].strip()
        if len(sentence.split()) >= MIN_WORDS:
            sentences.append(Sentence(article_index, len(sentences), start, end, sentence))
    return sentences


def split_cluster(articles: Sequence[Article]) -> list[Sentence]:
    """All sentences of a cluster, article by article."""
    return [s for i, article in enumerate(articles) for s in split_article(article, i)]
