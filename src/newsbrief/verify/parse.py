"""One spaCy pass per sentence gives everything the checks need: `compare`'s Reading (values with
what they measure, names in a role, predicates with polarity), the named entities, and who does
what to whom (the logical subject and object of each verb), so two names swapped are caught.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.compare.reading import Reading, load_nlp, read_doc

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT"})


@dataclass(frozen=True)
class Entity:
    """A named entity; `attribution` when it names who reports rather than what is reported
    ("..., reports ESPN", "the Times notes", "according to Politico", "told CNN")."""

    text: str
    label: str
    start: int
    end: int
    attribution: bool = False


@dataclass(frozen=True)
class Relation:
    """A verb (stem) with the stems of the proper nouns of its logical subject and object
    ("X was arrested by Y": subject Y, object X)."""

    verb: str
    subjects: frozenset[str]
    objects: frozenset[str]


@dataclass(frozen=True)
class Parsed:
    reading: Reading
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]


def parse(texts: Sequence[str], cache: dict[str, Any] | None = None) -> list[Parsed]:
    """Parse texts in one `nlp.pipe` pass; `cache` (text → Parsed) skips sentences seen before."""
    cache = {} if cache is None else cache
    missing = list(dict.fromkeys(t for t in texts if t not in cache))
    if missing:
        for text, doc in zip(missing, load_nlp().pipe(missing, batch_size=64), strict=True):
            cache[text] = _parsed(doc)
    return [cache[t] for t in texts]


def _parsed(doc: Any) -> Parsed:
    entities = tuple(Entity(e.text, e.label_, e.start_char, e.end_char, _attribution(e)) for e in doc.ents if e.label_ in NAME_LABELS)
    return Parsed(read_doc(doc), entities, _relations(doc))


# Verbs (stems) of reporting and describing: their subject, or the one told, is a source, not a fact.
ATTRIBUTING = frozenset(
    "say tell announc report add state confirm note write post tweet publish updat releas speak describ explain argu point observ quot recount "
    "detail tell interview cite".split()
)


def _attribution(ent: Any) -> bool:
    from newsbrief.compare.lexicon import lemma

    root = ent.root
    head = root.head
    if root.dep_ in ("nsubj", "dobj", "dative", "appos") and lemma(head.text) in ATTRIBUTING:
        return True
    if root.dep_ == "pobj" and head.text.lower() in ("to", "per", "via", "in", "at", "by", "from"):
        governor = head.head
        if head.text.lower() == "to" and governor.text.lower() == "according":
            return True
        return head.text.lower() in ("per", "via") or lemma(governor.text) in ATTRIBUTING
    return False


def _relations(doc: Any) -> tuple[Relation, ...]:
    from newsbrief.compare.lexicon import lemma

    found = []
    for token in doc:
        if token.pos_ != "VERB":
            continue
        subjects: set[str] = set()
        objects: set[str] = set()
        for child in token.children:
            if child.dep_ == "nsubj":
                subjects |= _proper(child, lemma)
            elif child.dep_ in ("dobj", "nsubjpass"):
                objects |= _proper(child, lemma)
            elif child.dep_ == "agent":
                subjects |= _proper(child, lemma)
        if subjects and objects:
            found.append(Relation(lemma(token.text), frozenset(subjects), frozenset(objects)))
    return tuple(found)


def _proper(token: Any, lemma: Any) -> set[str]:
    return {lemma(t.text) for t in token.subtree if t.pos_ == "PROPN"}
