"""Introduce people by their full name the first time a brief names them.

A brief assembled from several articles often meets a person first in a sentence that uses the
surname alone ("Bentley said ..."): the article that introduced "Gov. Robert Bentley" is cited
elsewhere or not at all. An editor would write the full name at the first mention; this stage does
that, and only when the cluster leaves no doubt:

- the cluster writes the full name somewhere ("Robert Bentley", or with a middle initial);
- exactly one full name in the cluster ends in that surname ("Kim" with "Andrew Kim" and no other);
- the first name is never written in lower case in the cluster and is not a place or institution
  word ("White House", "North Korea" are not people), the full name is also written inside a
  sentence (a capitalised adverb opening one is no first name), the surname is no institution or
  people word ("Yeadon Police", "House Republicans"), and the bare surname never follows "the";
- the mention is not inside a quotation, which stays verbatim;
- the brief has not already given the full name.

The rewritten sentence keeps its evidence on the original text, and the change is visible
(`BriefSentence.rewritten_from`), so a reader can check it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsbrief.clean import zipf
from newsbrief.types import BriefSentence

COMMON_WORD = 5.5  # Zipf frequency from which a word is too common to be a first name ("Let", "State", "May")
COMMON_SURNAME = 4.0  # a surname this frequent as a word ("China", "Wood") is not expanded
OPENING_WORD = 4.5  # ... from which a sentence's capitalised first word may well be an ordinary word

_FULL_NAME = re.compile(r"\b([A-Z][a-z]{1,15}(?:-[A-Z][a-z]+)?)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_NOT_FIRST_NAMES = frozenset(
    "north south east west new united white supreme national american republican democratic federal general central great"
    " upper lower old saint st san los las santa fort lake mount port royal grand first second third last prime vice"
    " president secretary senator sen rep governor gov mayor judge justice chief officer sergeant captain coach director"
    " chairman minister king queen prince princess pope reverend sir lady lord mr mrs ms dr doctor professor"
    " the a an this that these those his her their our its my your in on at of for from by with and or but as after before"
    " when while if since during under over about into than then monday tuesday wednesday thursday friday saturday sunday"
    " january february march april may june july august september october november december".split()
)
# Words that end institutions and places ("Yeadon Police", "Wildlife Service"), peoples ("House Republicans") and suffixes.
_NOT_SURNAMES = frozenset(
    "police service department house senate court church university college school company party republicans democrats"
    " council committee agency institute foundation association airlines bank group center centre hospital museum army navy"
    " force guard times post news street avenue road park river island county city state republic kingdom union jr sr"
    " americans american russian russians chinese british french german germans israeli israelis palestinian palestinians"
    " iranian korean koreans japanese mexican mexicans canadian australian indian indians african european europeans christs"
    " christ god".split()
)
_BEFORE_PLACES = frozenset("the in at from of near across into outside inside other".split())  # "in Scotland", "the House"
_NOT_NAMES = _NOT_FIRST_NAMES | _NOT_SURNAMES | {"modern"}
# A capitalised word with no capitalised word after it: a first name written alone.
_ALONE = re.compile(r"(?<![A-Z][a-z])(?<![A-Z][a-z][a-z])\b([A-Z][a-z]+)\b(?!\s+[A-Z])")
_QUOTATION = re.compile(r"[\"“][^\"“”]*[\"”]|(?<!\w)['‘][^'‘’]*['’](?!\w)")


def full_names(texts: Iterable[str]) -> dict[str, set[str]]:
    """Surname → the full names ("Robert Bentley") the cluster writes with it, people only."""
    texts = list(texts)
    lower = {w for t in texts for w in _LOWER_WORD.findall(t)}
    found: dict[str, set[str]] = {}
    inside: set[str] = set()  # full names seen after the first word of a sentence at least once
    for text in texts:
        for match in _FULL_NAME.finditer(text):
            first, last = match.group(1), match.group(2)
            if first.lower() in _NOT_NAMES or first.lower() in lower or last.lower() in _NOT_NAMES or zipf(first.lower()) >= COMMON_WORD:
                continue
            found.setdefault(last, set()).add(match.group(0))
            if text[: match.start()].strip(" \"“‘'("):
                inside.add(match.group(0))
    # A capitalised word that opens a sentence ("Outgoing Northwestern ...") is no first name, and
    # news rarely calls a person by the first name alone ("Fitbit", "Russian" stand alone often).
    # A full name the cluster writes once may be a chance pair of capitalised words ("Harvard
    # China's"); a surname that is also a common word ("China", "Episcopal") is too easily not one.
    alone = Counter(w for t in texts for w in _ALONE.findall(t))
    written = Counter(m.group(0) for t in texts for m in _FULL_NAME.finditer(t))
    return {
        last: kept
        for last, names in found.items()
        if zipf(last.lower()) < COMMON_SURNAME
        and (kept := {n for n in names & inside if alone[n.split()[0]] <= 1 and written[n] >= 2})
    }


_TITLES = frozenset("Mr. Mrs. Ms. Dr. Gov. Sen. Rep. Gen. Col. Sgt. Lt. President Secretary Chairman Governor Senator Judge Mayor".split())


def first_mention(text: str, surname: str) -> re.Match[str] | None:
    """The first mention of the surname alone: not part of a longer name (after or before another
    capitalised word, unless that word is a title: "Gov. Bentley"), not after "the" or a preposition of place ("in Scotland"), not hyphenated."""
    quoted = [m.span() for m in _QUOTATION.finditer(text)]
    for match in re.finditer(rf"\b{re.escape(surname)}\b(?!-)", text):
        if any(start <= match.start() < end for start, end in quoted):
            continue  # a quotation is verbatim: never reworded
        before = text[: match.start()].split()
        previous = before[-1] if before else ""
        if previous.lower() in _BEFORE_PLACES or (previous[:1].isupper() and previous not in _TITLES and not previous.endswith((".", ",", ":"))):
            continue
        if re.match(r"\s+[A-Z][a-z]", text[match.end() :]):
            continue
        if not "".join(before).strip("\"“‘'(") and zipf(surname.lower()) >= OPENING_WORD:
            continue  # a sentence's first word is capitalised anyway: "Inside, her home ..." names no one
        return match
    return None


def known_people(cluster_texts: Iterable[str]) -> dict[str, str]:
    """Surname → full name, for every surname the cluster gives exactly one full name."""
    return {last: next(iter(full)) for last, full in full_names(cluster_texts).items() if len(full) == 1}


def stand_alone(sentences: Sequence[BriefSentence]) -> tuple[BriefSentence, ...]:
    """Each brief sentence that is not read right after the sentence before it in its article, as it
    stands alone (`standalone_text`: a leading connective dropped)."""
    from newsbrief.select.readable import standalone_text

    result = []
    for position, sentence in enumerate(sentences):
        before = sentences[position - 1] if position else None
        if before is not None and (before.article, before.index) == (sentence.article, sentence.index - 1):
            result.append(sentence)  # it follows its own context: "But ..." reads as written
            continue
        text = standalone_text(sentence.text)
        result.append(sentence if text == sentence.text else replace(sentence, text=text, rewritten_from=sentence.text))
    return tuple(result)


def introduce_people(sentences: Sequence[BriefSentence], people: dict[str, str]) -> tuple[BriefSentence, ...]:
    """The brief with each person's first mention given as the cluster's one full name for them.

    people: surname → full name (`known_people` of the cluster's sentences)."""
    names = people
    if not names:
        return tuple(sentences)
    introduced: set[str] = set()
    result = []
    for sentence in sentences:
        text = sentence.text
        for last, full in names.items():
            if last in introduced or last not in text:
                continue
            if full in text:
                introduced.add(last)
                continue
            mention = first_mention(text, last)
            if mention is None:
                continue
            text = text[: mention.start()] + full + text[mention.end() :]
            introduced.add(last)
        original = sentence.rewritten_from or sentence.text
        result.append(sentence if text == sentence.text else replace(sentence, text=text, rewritten_from=original))
    return tuple(result)
