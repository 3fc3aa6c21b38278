"""What makes a selection read like an editor's brief rather than a bag of high-scoring sentences.

A reader judges a brief on things ROUGE does not see: does it open with the news, is everyone it
names introduced, does every quotation have its speaker, does it say anything twice. These rules
are read off each sentence's text once per cluster (`reading_cues`) and enforced by the selector:

- a sentence that depends on the one before it in its article (it opens with a pronoun, a
  demonstrative, a connective or a role noun, or its quotation is attributed to "he"/"she" or to
  no one) is eligible only once that sentence is in the brief, and is then read right after it;
- a sentence cut off in its source ("... the details of a second U.S.") or without final
  punctuation is never eligible;
- two sentences that carry the same quotation, even in other words, are never both chosen;
- the brief opens with the story's main event: a standalone sentence from an article's lead that
  the most independent sources support (`choose_opening`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsbrief.represent import Representation
from newsbrief.types import BriefSentence

LEAD_POSITIONS = 3  # an article's first sentences: where a news story states its event
LEAD_PREFERENCE = 0.5  # the opening's bonus for an article's first sentence (a third less for each later one)
OPENING_WORDS = (8, 60)  # an opening shorter than this is a teaser, longer a run-on
QUOTE_OVERLAP = 0.6  # share of the shorter quotation's content words found in the other: the same quotation
MIN_QUOTED_WORDS = 4  # a shorter quoted phrase ("so-called", a title) is not a quotation

_PRONOUNS = "he she it they them his her hers its their theirs we our us i my me you your him".split()
_DEMONSTRATIVES = "this that these those such both neither either each another here".split()
_CONNECTIVES = (
    "but however also and so yet still meanwhile instead moreover furthermore besides nevertheless nonetheless then thus"
    " therefore hence otherwise indeed likewise similarly additionally plus or nor except though although whereas"
    " later afterwards afterward consequently accordingly regardless anyway now outside inside nearby there's"
).split()
_ROLE_NOUNS = (
    "man woman boy girl couple pair two three four teen teenager child children family company firm group suspect victim"
    " official officials spokesman spokeswoman singer actor actress star player former latter same duo trio"
    " judge veteran officer husband wife son daughter mother father brother sister"
).split()
# A definite description of something the story must have introduced: "The new study found ...",
# "The statement said ...", "The now-deleted post ...".
_INTRODUCED_THINGS = (
    "study report survey findings research paper statement letter post video incident bill lawsuit ruling decision"
    " announcement move plan deal proposal agreement site exercise program programme project"
).split()
_CONTRACTED = r"(?:['’](?:s|re|ve|ll|d|m))?"
_DANGLING_OPENING = re.compile(
    r"^[\"“‘'(\[]*(?:"
    rf"(?:{'|'.join(_PRONOUNS + _DEMONSTRATIVES + _CONNECTIVES)}){_CONTRACTED}\b(?!\.)"
    r"|(?:even\s+so|in\s+addition|as\s+a\s+result|on\s+the\s+other\s+hand|at\s+the\s+same\s+time|after\s+that|in\s+turn|by\s+contrast)\b"
    rf"|the\s+(?:{'|'.join(_ROLE_NOUNS)})\b"
    rf"|the\s+(?:(?:new|latest|recent|same|now-deleted|original|earlier)\s+)?(?:{'|'.join(_INTRODUCED_THINGS)})\b"
    r"|(?:his|her|their)\s+(?:husband|wife|son|daughter|mother|father|family|lawyer|attorney)\b"
    r")",
    re.IGNORECASE,
)
_LOWER_START = re.compile(r"^[\"“‘'(\[]*[a-z]")
_OPENING_QUOTE = re.compile(r"^\s*[\"“‘']")
_QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]|(?<![\w])['‘]([^'‘’]+)['’](?![\w])")
_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|tweeted|explained|noted|continued|recalled|argued|insisted|asked|replied"
    r"|declared|stated|warned|acknowledged|admitted|claimed|concluded|joked|quipped|according"
)
_PRONOUN_SPEAKER = re.compile(
    rf"(?:^|[,”\"’'—–-]\s*)(?:he|she|they|we|i|it)\s+(?:{_SPEECH_VERBS})\b|[,”\"’']\s*(?:{_SPEECH_VERBS})\s+(?:he|she|they)\b", re.IGNORECASE
)
_ATTRIBUTION = re.compile(rf"\b(?:{_SPEECH_VERBS})\b", re.IGNORECASE)
_FINAL_PUNCTUATION = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”’]\s*$")
_CUT_ABBREVIATION = re.compile(r"\b(?:a|an|second|first|third|new|top|senior|former|another|two|joint)\s+(?:[A-Z]\.){2,}\s*$")
_STOP = frozenset(
    "the a an and or but of to in on for with at by from as is are was were be been it its this that these those i you he she we they"
    " me him her us them my your his our their not no so do does did have has had will would can could should just very really".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_FIGURE = re.compile(r"(?<![\w.,])\d(?:\d|,(?=\d))*(?:\.\d+)?(?:st|nd|rd|th)?(?![\w])")
_YEAR = re.compile(r"(?:19|20)\d\d")


def figures(text: str) -> frozenset[str]:
    """The figures a sentence states ("23", "20th", "4,000"), years left out: two sentences that
    share one and a few words restate one fact ("the 23 robberies" / "23 banks were robbed")."""
    return frozenset(f.replace(",", "") for f in _FIGURE.findall(text) if not _YEAR.fullmatch(f))


# A leading connective an editor drops when the sentence no longer follows its neighbour ("But the
# ocean is capped by ice." → "The ocean is capped by ice."). Adverbs that are not connectives there
# ("So far", "Yet another", "Still photos") are left alone: the weak ones are stripped only before a comma.
_CONNECTIVE_LEAD = re.compile(
    r"^(?:(?:And|But|Also)\b,?|So\b(?!\s+(?:far|much|many|long|called|-called|to\s+speak)\b),?|Yet\b(?!\s+(?:another|again)\b),?"
    r"|(?:However|Still|Indeed|Meanwhile|Moreover|Furthermore|Besides|Nevertheless|Nonetheless|Then|Plus|Additionally|Likewise|Now),"
    r"|Now\b(?=\s+(?:a|an|the|researchers|scientists|officials|police)\b))\s+(?=[\"“‘'A-Za-z0-9])"
)
# "It" that points at nothing ("It is unclear whether ..."), and a demonstrative of time ("This year").
_EXPLETIVE_IT = re.compile(
    r"^It(?:['’]s|\s+is|\s+was|\s+remains|\s+seems|\s+appears)\s+(?:not\s+)?(?:yet\s+|immediately\s+|still\s+|now\s+)?"
    r"(?:clear|unclear|known|unknown|expected|estimated|believed|thought|understood|likely|unlikely|possible|important|too\s+early)"
    r"\s+(?:whether|if|that|how|what|when|why|who|to)\b"
)
_TIME_DEMONSTRATIVE = re.compile(
    r"^(?:This|That|These|Those)\s+(?:past\s+|coming\s+)?(?:year|week|month|weekend|morning|afternoon|evening|night|summer|winter"
    r"|spring|fall|autumn|season|decade|century)s?\b"
)


def without_connective(text: str) -> str:
    """The sentence without a leading connective, its next word capitalised; unchanged if it has none."""
    match = _CONNECTIVE_LEAD.match(text)
    if not match:
        return text
    rest = text[match.end() :]
    first = rest.lstrip("\"“‘'")
    offset = len(rest) - len(first)
    return rest[:offset] + first[:1].upper() + first[1:] if first else text


def standalone_text(text: str) -> str:
    """The sentence as it can stand without the one before it: a leading connective dropped."""
    return without_connective(text)


def stand_alone(sentences: Sequence[BriefSentence]) -> tuple[BriefSentence, ...]:
    """Each brief sentence that is not read right after the sentence before it in its article, as it
    stands alone (`standalone_text`); the source's wording stays in `rewritten_from`, the evidence
    on the source's text.

    No name is ever put in: a blind judge found guessed names (a surname given a family member's
    first name, a pronoun given the wrong person) worse than none.
    """
    result = []
    for position, sentence in enumerate(sentences):
        before = sentences[position - 1] if position else None
        if before is not None and (before.article, before.index) == (sentence.article, sentence.index - 1):
            result.append(sentence)  # it follows its own context: "But ..." reads as written
            continue
        text = standalone_text(sentence.text)
        result.append(sentence if text == sentence.text else replace(sentence, text=text, rewritten_from=sentence.text))
    return tuple(result)


def opens_dangling(text: str) -> bool:
    """The sentence opens with a word that points back to something the reader must already know:
    a pronoun ("He", "They"), a demonstrative ("This", "That person"), a connective ("But",
    "However", "Also"), a role noun without a name ("The man"), or a lower-case word."""
    stripped = text.lstrip()
    if _EXPLETIVE_IT.match(stripped) or _TIME_DEMONSTRATIVE.match(stripped):
        return False
    return bool(_DANGLING_OPENING.match(stripped) or _LOWER_START.match(stripped))  # lower case: it starts mid-sentence


def quotation_without_speaker(text: str) -> bool:
    """The sentence is a quotation whose speaker it does not name: it opens with a quotation mark
    and has no attribution outside the quotation, or it attributes the words to a pronoun."""
    return bool(_PRONOUN_SPEAKER.search(text)) or unattributed_quotation(text)


def unattributed_quotation(text: str) -> bool:
    """The sentence is a quotation with no attribution at all ("'It was another step forward.'")."""
    return bool(_OPENING_QUOTE.match(text)) and not attributes_speech(text)


def attributes_speech(text: str) -> bool:
    """Outside its quotations, the sentence says who speaks ("..., Varga told reporters.")."""
    return bool(_ATTRIBUTION.search(_QUOTED.sub(" ", text)))


def cut_off(text: str) -> bool:
    """The sentence is cut off in its source: no final punctuation, or it ends on an abbreviation
    that needs a noun after it ("... the details of a second U.S.")."""
    stripped = text.rstrip()
    return not _FINAL_PUNCTUATION.search(stripped) or bool(_CUT_ABBREVIATION.search(stripped))


def quotations(text: str) -> tuple[frozenset[str], ...]:
    """The content words of each quotation of MIN_QUOTED_WORDS or more words in the sentence."""
    found = []
    for match in _QUOTED.finditer(text):
        quoted = (match.group(1) or match.group(2) or "").lower()
        if len(quoted.split()) >= MIN_QUOTED_WORDS:
            words = frozenset(w for w in _WORD.findall(quoted) if w not in _STOP)
            if words:
                found.append(words)
    return tuple(found)


def same_quotation(first: tuple[frozenset[str], ...], second: tuple[frozenset[str], ...]) -> bool:
    """Two sentences carry the same quotation, or one inside the other, even cut or reworded."""
    return any(len(a & b) >= QUOTE_OVERLAP * min(len(a), len(b)) for a in first for b in second)


@dataclass(frozen=True)
class ReadingCues:
    """Per-sentence reading rules of one cluster (rows of the representation).

    depends: the sentence needs the one before it in its article (`predecessor`, -1 if that one
        is not in the representation) to be read first.
    unusable: never a brief sentence (cut off in its source, or a quotation whose speaker is nowhere near).
    standalone_opening: may open a brief (lead position, no dependency, no quotation mark first).
    quotes: the content words of each sentence's quotations.
    figures: the figures each sentence states (years left out).
    """

    depends: np.ndarray
    predecessor: np.ndarray
    unusable: np.ndarray
    standalone_opening: np.ndarray
    quotes: tuple[tuple[frozenset[str], ...], ...]
    figures: tuple[frozenset[str], ...] = ()


def reading_cues(rep: Representation) -> ReadingCues:
    """The reading rules of every sentence; a sentence is judged as `standalone_text` would show it."""
    originals = [s.text for s in rep.sentences]
    n = len(originals)
    row_of = {(s.article, s.index): i for i, s in enumerate(rep.sentences)}
    predecessor = np.fromiter((row_of.get((s.article, s.index - 1), -1) for s in rep.sentences), dtype=np.int64, count=n)
    texts = [standalone_text(t) for t in originals]
    depends = np.fromiter((opens_dangling(t) or quotation_without_speaker(t) for t in texts), dtype=bool, count=n)
    # A quotation attributed to no one may only continue a sentence that says who speaks: it is
    # that speaker's next words. After any other sentence its speaker is unknown: never chosen.
    orphan = [unattributed_quotation(t) and (p < 0 or not attributes_speech(originals[p])) for t, p in zip(texts, predecessor, strict=True)]
    unusable = np.fromiter((cut_off(t) or o for t, o in zip(texts, orphan, strict=True)), dtype=bool, count=n)
    low, high = OPENING_WORDS
    standalone = (
        ~depends
        & ~unusable
        & (rep.position < LEAD_POSITIONS)
        & (rep.words >= low)
        & (rep.words <= high)
        & np.fromiter((not _OPENING_QUOTE.match(t) for t in texts), dtype=bool, count=n)
    )
    return ReadingCues(depends, predecessor, unusable, standalone, tuple(quotations(t) for t in texts), tuple(figures(t) for t in texts))


def independent_support(rep: Representation, *, threshold: float) -> np.ndarray:
    """How many articles state each sentence: its own, plus every other article with a sentence at
    cosine ≥ threshold (the attribution threshold, so the opening's citations show this count).
    Works on the independent view, where copies of one text are already one article."""
    n = len(rep)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    present = np.unique(rep.article)
    best = np.zeros((n, len(present)))
    for column, article in enumerate(present):
        members = rep.article == article
        best[:, column] = rep.similarity[:, members].max(axis=1)
    supported = best >= threshold
    supported[np.arange(n), np.searchsorted(present, rep.article)] = True
    return supported.sum(axis=1)


def choose_opening(
    scores: np.ndarray, rep: Representation, cues: ReadingCues, *, candidates: np.ndarray, threshold: float
) -> int | None:
    """The sentence that opens the brief: it reports the main event.

    Among the standalone lead sentences, those stated by the most independent sources (at least
    two when any is) come first; the scorer's choice breaks the tie. Without any standalone lead
    sentence, the best-scored standalone sentence anywhere; None if the cluster has none.
    """
    pool = cues.standalone_opening & candidates
    if not pool.any():
        pool = candidates & ~cues.depends & ~cues.unusable
        if not pool.any():
            return None
        return int(np.flatnonzero(pool)[np.argmax(scores[pool])])
    support = independent_support(rep, threshold=threshold)
    most = int(support[pool].max())
    if most >= 2:
        pool = pool & (support >= 2)
    rows = np.flatnonzero(pool)
    # More sources first, then the scorer and the earliest position: a news story states its
    # event in its first sentence, and a sentence stated by every source beats one stated by two.
    earliest = (LEAD_POSITIONS - rep.position[rows]) / LEAD_POSITIONS * LEAD_PREFERENCE
    rank = support[rows] / max(most, 1) + unit_scale(scores)[rows] + earliest
    return int(rows[np.argmax(rank)])


def unit_scale(values: np.ndarray) -> np.ndarray:
    """Values scaled to [0, 1] (all zeros when they are all equal)."""
    low, high = float(values.min(initial=0.0)), float(values.max(initial=0.0))
    return (values - low) / (high - low) if high > low else np.zeros_like(values)
