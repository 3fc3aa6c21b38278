"""Decide whether two aligned statements from different articles contradict each other.

Two values are compared only when they measure the same thing; that guard is what keeps precision:
"4 people died" and "30 were injured" are two facts, not a disagreement. The rules, per kind:

- counts: the counted nouns match ("three warehouses" / "two warehouses"), or both hang from the
  same event (killed/dead/died are one event; injured another); vague nouns ("people") need the
  event to match.
- durations, money, percentages, times, dates, weekdays, ages: the thing they qualify matches when
  both have one ("a two-day visit" is not the length of the meeting), and either the governing verb
  matches ("met ... for two hours" / "met ... for more than three hours") or each sentence has just
  one value of that kind and the sentences are closely aligned.
- a value conflicts only if it is compatible with no comparable value of the other sentence.
- negation: the same content verb with the same arguments, negated in one sentence only.
- opposites: antonymous verbs (rose/fell, confirmed/denied) with a shared subject.
- names: the same role ("police spokesman") held by two different names, when neither article
  mentions the other's name anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsbrief.compare.lexicon import PEOPLE, WEAK_VERBS, event_classes, lemma
from newsbrief.compare.mentions import Mention
from newsbrief.compare.reading import Reading

VALUE_SIMILARITY = 0.3  # sentences this close, with the same verb, report the same event
SINGLE_SIMILARITY = 0.4  # one value of a kind each, measuring the same noun, different verbs: comparable this close
DURATION_SIMILARITY = 0.3  # ...for durations, and counts of one named noun ("eight stories"), which are more specific
DATE_SIMILARITY = 0.4  # dates, weekdays and times of different events crowd every story
NEGATION_SIMILARITY = 0.45  # polarity flips only count between near-paraphrases
OPPOSITE_SIMILARITY = 0.35
NAME_SIMILARITY = 0.25
_ANTONYMS = [
    ("rise", "fall"), ("rise", "drop"), ("rise", "declin"), ("increas", "decreas"), ("increas", "fall"), ("gain", "lose"),
    ("win", "lose"), ("confirm", "deni"), ("accept", "reject"), ("approv", "reject"), ("support", "oppos"), ("open", "close"),
    ("acquit", "convict"), ("allow", "ban"), ("lift", "impos"), ("grow", "shrink"), ("climb", "fall"), ("up", "down"),
    ("higher", "lower"), ("pass", "fail"), ("admit", "deni"), ("agre", "refus"), ("resum", "suspend"), ("guilti", "innoc"),
    ("uphold", "overturn"),
]  # fmt: skip
# Units of measure: a temperature or a distance varies with where it is taken, unlike a count of things.
MEASURES = {
    lemma(w)
    for w in (
        "degree degrees mile miles foot feet inch inches meter meters metre metres kilometer kilometers pound pounds"
        " kilogram kilograms ton tons acre acres gallon gallons liter liters point points mph"
    ).split()
}
OPPOSITES = {pair for a, b in _ANTONYMS for pair in ((a, b), (b, a))}


@dataclass(frozen=True)
class Conflict:
    """One contradiction between sentence `a` and sentence `b` (texts of the values as written)."""

    kind: str
    a_value: str
    b_value: str
    explanation: str
    a_span: tuple[int, int] = (0, 0)
    b_span: tuple[int, int] = (0, 0)


def conflicts(a: Reading, b: Reading, *, similarity: float, mentions_elsewhere: Callable[[str, str], bool] | None = None) -> list[Conflict]:
    """Every contradiction between two readings of sentences in different articles.

    mentions_elsewhere(name, side): whether the article of `side` ("a"/"b") mentions `name`
    anywhere — two names for one role are only a conflict when each article knows just its own.
    """
    found = _value_conflicts(a, b, similarity)
    found += _polarity_conflicts(a, b, similarity)
    found += _name_conflicts(a, b, similarity, mentions_elsewhere)
    return found


def same_thing(x: Mention, y: Mention, *, similarity: float, single: bool) -> bool:
    """Whether two values of one kind measure the same thing (see the module docstring)."""
    kind = x.value.kind
    if kind != y.value.kind or x.value.unit != y.value.unit:
        return False
    if x.reporting or y.reporting or x.partial or y.partial:
        return False  # "said on Sunday" dates the report; "dozens more" is an increment
    if kind == "age":
        return bool(x.thing) and x.thing == y.thing
    if x.thing != y.thing and (x.thing and y.thing or kind != "count"):
        return False  # "a two-day visit" is not the length of the meeting
    if kind == "count" and not _same_count(x, y):
        return False
    same_predicate = bool(x.predicate) and x.predicate == y.predicate and x.predicate not in WEAK_VERBS
    if kind == "count" and x.thing in MEASURES:
        return same_predicate and similarity >= VALUE_SIMILARITY  # 70 degrees outside, 120 inside the truck
    if kind in ("date", "weekday", "time"):
        return single and same_predicate and similarity >= DATE_SIMILARITY  # stories are full of dates of other events
    if kind != "count" and same_predicate and (x.anchors & y.anchors) - {x.predicate}:
        return True  # "met with Kim for ..." in both: the same frame, however the sentences differ
    if same_predicate and similarity >= VALUE_SIMILARITY:
        return True
    if kind == "duration" or (kind == "count" and x.thing and x.thing not in PEOPLE | MEASURES):
        return single and similarity >= DURATION_SIMILARITY  # a unit or counted noun named in both is evidence too
    return single and similarity >= SINGLE_SIMILARITY


def _same_count(x: Mention, y: Mention) -> bool:
    events = set(event_classes().values())
    x_event = x.thing if x.thing in events else (x.predicate if x.predicate in events else "")
    y_event = y.thing if y.thing in events else (y.predicate if y.predicate in events else "")
    if x_event and y_event:
        return x_event == y_event and ({x.thing, y.thing} <= PEOPLE | events | {""} or x.thing == y.thing)
    if x_event or y_event:
        return False  # one counts the dead, the other something else
    return bool(x.thing) and x.thing == y.thing and x.thing not in PEOPLE


def _counterpart(x: Mention, own: Reading, other: Reading, similarity: float) -> Mention | None:
    """The one value of `other` that measures what `x` measures, or None if none or no single best."""
    kind_x = [m for m in own.mentions if m.value.kind == x.value.kind and not m.reporting]
    kind_y = [m for m in other.mentions if m.value.kind == x.value.kind and not m.reporting]
    single = len(kind_x) == 1 and len(kind_y) == 1
    comparable = [y for y in kind_y if same_thing(x, y, similarity=similarity, single=single)]
    if not comparable:
        return None
    ranked = sorted(comparable, key=lambda m: (-len(m.anchors & x.anchors), m.start))
    if len(ranked) > 1 and len(ranked[0].anchors & x.anchors) == len(ranked[1].anchors & x.anchors):
        return None  # "46 killed in the U.S., 18 in New York City" vs "10 killed": which one is meant is unclear
    return ranked[0]


def _value_conflicts(a: Reading, b: Reading, similarity: float) -> list[Conflict]:
    """Values measuring the same thing, each the other's unique counterpart, that cannot both hold."""
    found: list[Conflict] = []
    for x in a.mentions:
        y = _counterpart(x, a, b, similarity)
        if y is None or x.value.compatible(y.value) or _counterpart(y, b, a, similarity) is not x:
            continue
        same_kind_a = [m.value for m in a.mentions if (m.value.kind, m.thing, m.predicate) == (x.value.kind, x.thing, x.predicate)]
        same_kind_b = [m.value for m in b.mentions if (m.value.kind, m.thing, m.predicate) == (y.value.kind, y.thing, y.predicate)]
        if any(y.value.compatible(v) for v in same_kind_a) or any(x.value.compatible(v) for v in same_kind_b):
            continue  # one sentence's value is stated in the other too: a second fact, not a conflict
        explanation = f"{x.value.kind}: {x.value.describe()} vs {y.value.describe()}"
        found.append(Conflict(x.value.kind, x.text, y.text, explanation, (x.start, x.end), (y.start, y.end)))
    return found


def _polarity_conflicts(a: Reading, b: Reading, similarity: float) -> list[Conflict]:
    """A verb negated in one sentence only, or antonymous verbs with a shared subject."""
    if similarity < OPPOSITE_SIMILARITY:
        return []
    polarity_a = _polarities(a)
    polarity_b = _polarities(b)
    for p in a.predicates:
        for q in b.predicates:
            if p.lemma == q.lemma:
                if similarity < NEGATION_SIMILARITY or len(polarity_a[p.lemma]) > 1 or len(polarity_b[q.lemma]) > 1:
                    continue  # "should feel and shouldn't feel" in one sentence is no denial
                if p.negated != q.negated and p.arguments & q.arguments:  # "I knew" vs "Nobody knew" share no one
                    return [Conflict("negation", p.text, q.text, f"negation: “{p.text}” vs “{q.text}”")]
            elif (p.lemma, q.lemma) in OPPOSITES and not (p.negated or q.negated) and p.subjects & q.subjects:
                if polarity_a.get(q.lemma) or polarity_b.get(p.lemma):
                    continue  # each sentence also uses the other's verb
                return [Conflict("opposite", p.text, q.text, f"opposite: “{p.text}” vs “{q.text}”")]
    return []


def _polarities(reading: Reading) -> dict[str, set[bool]]:
    found: dict[str, set[bool]] = {}
    for p in reading.predicates:
        found.setdefault(p.lemma, set()).add(p.negated)
    return found


def _name_conflicts(a: Reading, b: Reading, similarity: float, mentions_elsewhere: Callable[[str, str], bool] | None) -> list[Conflict]:
    if similarity < NAME_SIMILARITY:
        return []
    found = []
    for x in a.names:
        for y in b.names:
            if x.role != y.role or _same_person(x.name, y.name):
                continue
            if mentions_elsewhere is not None and (mentions_elsewhere(x.name, "b") or mentions_elsewhere(y.name, "a")):
                continue
            found.append(Conflict("name", x.name, y.name, f"name: the {x.role} is {x.name} vs {y.name}", (x.start, x.end), (y.start, y.end)))
    return found


def _same_person(x: str, y: str) -> bool:
    """ "John Smith" and "Smith" are one person; "Jon Smyth" and "John Smith" are not."""
    return bool({lemma(w) for w in x.split()} & {lemma(w) for w in y.split()})
