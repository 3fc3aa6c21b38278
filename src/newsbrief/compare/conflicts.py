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
- parts, people and scopes: a part ("four of them", "16 other people") is compared only with a part
  marked alike; values said of different people ("Smith's bond" / "Jones's bond"), or narrowed to
  another scope ("$25 million in punitive damages" / "$33.5 million"; "nationwide" / "in
  Philadelphia") are two facts; ages at two events ("died at 87" / "went to church at 7") too.
- names, times and groups: a figure said of something the other article never names ("a Thai satellite
  detected ...") is not one it reports; two ages a year apart in sentences about different events may straddle a
  birthday; a rate ("a year") is not a total; durations from different points ("after the autopilot
  disconnected" / "into its flight") or a length against a moment differ; one person is not several ("four of
  those swimmers were" / "she was"); "another bomb" is another event; a count the other sentence also states
  compatibly is a second fact; a Title Case title is not read.
- copies: two sentences that are the same words apart from their values (a wire sentence one outlet
  updated) compare the values in the same place, whatever the parse says they measure.
- two kinds: a **conflict** when the values cannot both be true; **different figures** when two
  estimates hedged alike overlap but are not the same figure ("more than 4,000" / "more than 6,000").
- negation: the same content verb with the same arguments and subject, negated in one sentence only;
  "never ... before" and "for the first time" say the same thing; "no longer" says it once was.
- opposites: antonymous verbs (rose/fell, confirmed/denied) with a shared subject.
- names: the same role ("police spokesman") held by two different names, when neither article
  mentions the other's name anywhere and the role is not of two named organisations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsbrief.compare.lexicon import PEOPLE, STAGES, WEAK_VERBS, event_classes, lemma
from newsbrief.compare.mentions import Mention, same_people
from newsbrief.compare.reading import Reading
from newsbrief.compare.values import scan

VALUE_SIMILARITY = 0.3  # sentences this close, with the same verb, report the same event
SINGLE_SIMILARITY = 0.4  # one value of a kind each, measuring the same noun, different verbs: comparable this close
DURATION_SIMILARITY = 0.3  # ...for durations, and counts of one named noun ("eight stories"), which are more specific
DATE_SIMILARITY = 0.4  # dates, weekdays and times of different events crowd every story
NEGATION_SIMILARITY = 0.45  # polarity flips only count between near-paraphrases
OPPOSITE_SIMILARITY = 0.35
NAME_SIMILARITY = 0.25
PART_SIMILARITY = 0.5  # two parts marked alike ("16 other people" / "24 other people") only in near-copies
COPY_RATIO = 0.75  # word-sequence similarity, values masked, of two copies of one sentence
COPY_CONTEXT = 2  # words that must be the same on each side of a value in both copies
BROAD_SCOPES = {"national", "world", "total"}  # a whole, never the figure of one named place
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
    category: str = "conflict"  # or "different figures": overlapping estimates that are not the same figure
    event: str = ""  # for counts, what is counted ("dead", "injured"...): a running total can be an update
    larger: str = ""  # "a" or "b": which side states the larger figure ("" when neither or not a number)


def conflicts(
    a: Reading,
    b: Reading,
    *,
    similarity: float,
    mentions_elsewhere: Callable[[str, str], bool] | None = None,
    knows: Callable[[str, str], bool] | None = None,
) -> list[Conflict]:
    """Every contradiction between two readings of sentences in different articles.

    mentions_elsewhere(name, side): whether the article of `side` ("a"/"b") mentions `name`
    anywhere — two names for one role are only a conflict when each article knows just its own.
    knows(name, side): whether the article of `side` mentions `name` as a name (`mentions.names_known`):
    a figure said of someone or something the other article never names is not one it reports.
    """
    found = _value_conflicts(a, b, similarity, knows)
    found += _polarity_conflicts(a, b, similarity)
    found += _name_conflicts(a, b, similarity, mentions_elsewhere)
    return found


def same_thing(x: Mention, y: Mention, *, similarity: float, single: bool) -> bool:
    """Whether two values of one kind measure the same thing (see the module docstring)."""
    kind = x.value.kind
    if kind != y.value.kind or x.value.unit != y.value.unit:
        return False
    if x.reporting or y.reporting:
        return False  # "said on Sunday" dates the report
    if (x.partial or y.partial) and (x.part != y.part or similarity < PART_SIMILARITY):
        return False  # "dozens more" is an increment, "four of them" a part: only a part marked alike compares
    if x.people and y.people and not same_people(x.people, y.people):
        return False  # two defendants' ages, counts or bonds
    if not _same_scope(x, y):
        return False
    if kind == "age":
        return bool(x.thing) and x.thing == y.thing and not (x.predicate and y.predicate and x.predicate != y.predicate)
    if x.thing != y.thing and (x.thing and y.thing or kind != "count"):
        return False  # "a two-day visit" is not the length of the meeting
    if kind == "count" and not _same_count(x, y):
        return False
    if x.number and y.number and x.number.split()[0] != y.number.split()[0] and "people" in x.number + y.number:
        return False  # "four of those swimmers were banned for two years" / "she was banned for four years"
    if kind == "duration" and not _same_reference(x.reference, y.reference):
        return False  # "40 minutes into the flight" / "two minutes after the autopilot disconnected": two moments
    same_predicate = bool(x.predicate) and x.predicate == y.predicate and x.predicate not in WEAK_VERBS
    if kind in ("count", "money") and _stage(x.predicate) and _stage(y.predicate) and _stage(x.predicate) != _stage(y.predicate):
        return False  # rockets fired / rockets that hit; a payment sought / a payment made
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


def _same_reference(x: str, y: str) -> bool:
    """Whether two durations are counted alike: both lengths ("for two hours"), or from a point the two
    describe with a word in common ("after the blast" / "after the explosion" is not known to be one point)."""
    if not x or not y or x == y:
        return True
    if "for" in (x, y):
        return False  # a length against a moment ("for several minutes" / "40 minutes out of Kennedy Airport")
    return "-" in (x, y) or bool(set(x.split()) & set(y.split()))


def _stage(predicate: str) -> str:
    return STAGES.get(predicate, "")


def _same_scope(x: Mention, y: Mention) -> bool:
    """ "punitive" damages are a part of the judgment; "nationwide" is not "in Philadelphia"; a place named on
    one side only is often implicit on the other, so that alone does not part two values."""
    if x.scope != y.scope:
        return False
    if x.places and y.places and not x.places & y.places:
        return False
    return not ((x.places and y.scope & BROAD_SCOPES) or (y.places and x.scope & BROAD_SCOPES))


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


def agrees(x: Mention | None, y: Mention | None) -> bool:
    """Whether two values can be the same report: compatible, and not two different hedged figures."""
    return x is not None and y is not None and x.value.compatible(y.value) and not x.value.differs(y.value)


def copy_slots(a: Reading, b: Reading) -> list[tuple[Mention, Mention]]:
    """Values in the same place of two copies of one sentence ("killed 16 other people" / "killed 24 other
    people"): the words around them the same, in sentences that are the same words apart from their values
    (qualifiers included: "more than 4,000" / "about 6,000") and a lead-in, with the same names.

    A wire sentence one outlet updated is the most common disagreement in news, and there the position
    says what a value measures better than the parse: none of the part, scope or event tests applies.
    """
    if not a.text or not b.text:
        return []
    tokens_a, slots_a = _masked(a)
    tokens_b, slots_b = _masked(b)
    if not slots_a or not slots_b:
        return []
    if _names_in(tokens_a) != _names_in(tokens_b):
        return []  # another name: "John Smith, 42" / "James Smith, 18" are two men
    lowered_a, lowered_b = [t.lower() for t in tokens_a], [t.lower() for t in tokens_b]
    matcher = SequenceMatcher(None, lowered_a, lowered_b, autojunk=False)
    if matcher.ratio() < COPY_RATIO:
        return []
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            continue
        for offset in range(i2 - i1):
            i, j = i1 + offset, j1 + offset
            if i not in slots_a or j not in slots_b:
                continue
            before = offset >= COPY_CONTEXT or i1 == j1 == 0  # the same words before it, or both open the sentence
            after = i2 - i - 1 >= COPY_CONTEXT or (i2 == len(tokens_a) and j2 == len(tokens_b))
            if before and after:
                pairs.append((slots_a[i], slots_b[j]))
    return pairs


OPENERS = set(
    "the a an in on at after before during since until as when while if but and or so yet it its he she they we i you his her"
    " their our this that these those there here one two three some many most all no according officials police reports"
    " sources authorities witnesses prosecutors investigators under with without for from by of to".split()
)  # capitalised only because they open the sentence


def _names_in(tokens: list[str]) -> set[str]:
    """The capitalised words of a sentence: its names, and its first word unless that is a common opener."""
    return {t for k, t in enumerate(tokens) if t[:1].isupper() and (k > 0 or t.lower() not in OPENERS)}


_TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]")


def _masked(reading: Reading) -> tuple[list[str], dict[int, Mention]]:
    """The sentence's words with each value (and its hedge) replaced by one token naming its kind."""
    tokens: list[str] = []
    slots: dict[int, Mention] = {}
    every = (*reading.mentions, *_scanned(reading))
    inner = [m for m in every if not any(o is not m and m.start <= o.start and o.end <= m.end for o in every)]  # "4-year-old" in a time
    mentions = sorted(inner, key=lambda m: m.start)
    k = 0
    for match in _TOKEN.finditer(reading.text):
        while k < len(mentions) and mentions[k].end <= match.start():
            k += 1
        if k < len(mentions) and mentions[k].start < match.end():
            m = mentions[k]
            if not (slots and slots.get(len(tokens) - 1) is m):
                slots[len(tokens)] = m
                tokens.append(f"<{m.value.kind}>")
            continue
        tokens.append(match.group(0))
    return tokens, slots


def _scanned(reading: Reading) -> list[Mention]:
    """Values the parse did not read ("Takei, 79," when the model misses the name), read by `values.scan`:
    in a copy of a sentence their place says what they measure."""
    taken = [(m.start, m.end) for m in reading.mentions]
    return [
        Mention(value, start, end, "", "", frozenset())
        for start, end, value in scan(reading.text)
        if not any(start < b and a < end for a, b in taken)
    ]


def _value_conflicts(a: Reading, b: Reading, similarity: float, knows: Callable[[str, str], bool] | None = None) -> list[Conflict]:
    """Values measuring the same thing, each the other's unique counterpart, that cannot both hold — or
    two hedged figures that differ."""
    found: list[Conflict] = []
    if _headline(a.text) or _headline(b.text):
        return found  # "Gets You Five Years in Federal Prison": a title left in the text says of whom only around it
    slots = copy_slots(a, b)
    in_slot = {id(m) for pair in slots for m in pair}
    for x, y in slots:
        if agrees(x, y) or x.value.kind != y.value.kind or x.value.unit != y.value.unit:
            continue
        if (x.reporting or y.reporting) and x.value.kind in ("weekday", "time"):
            continue  # "officials said on Wednesday" / "on Thursday": the same story, reported a day later
        found.append(_conflict(x, y))
    for x in a.mentions:
        if id(x) in in_slot:
            continue
        match = _counterpart(x, a, b, similarity)
        if match is None or id(match) in in_slot or agrees(x, match) or _counterpart(match, b, a, similarity) is not x:
            continue
        y = match
        same_kind_a = [m for m in a.mentions if m is not x and _alike(m, x)]
        same_kind_b = [m for m in b.mentions if m is not y and _alike(m, y)]
        if any(_restates(y, v) for v in same_kind_a) or any(_restates(x, v) for v in same_kind_b):
            continue  # one sentence's value is stated in the other too: a second fact, not a conflict
        if knows is not None and (_unknown(x, y, "b", knows) or _unknown(y, x, "a", knows)):
            continue  # "a Thai satellite detected some 300 objects" against an article that never mentions a Thai one
        if x.value.kind == "age" and _birthday_apart(x, y) and not a.frame & b.frame:
            continue  # 33 when engaged, 34 when the child was born: a birthday may lie between two events
        found.append(_conflict(x, y))
    return found


def _alike(m: Mention, x: Mention) -> bool:
    """Values of one kind said of one thing, or counts of one event ("more than 5,400 people were injured in Kenya and more
    than 70 in Dar es Salaam": the 70 are injured too, and a sentence with 5,000 injured agrees with the 5,400)."""
    if m.value.kind != x.value.kind:
        return False
    same_event = x.value.kind == "count" and bool(x.predicate) and m.predicate == x.predicate and x.predicate in set(event_classes().values())
    return (m.thing, m.predicate) == (x.thing, x.predicate) or same_event


_SMALL_WORDS = set("a an the of in on at to for and or but by with from as is are was were".split())


def _headline(text: str) -> bool:
    """A title in Title Case (every word but the small ones capitalised), not a sentence a figure can be read in."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    if re.search(r",\s*\d{1,3}\b", text):
        return False  # "Dwight Smith, 30, Kevin Johnson, 25, and ...": names with their ages
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def _restates(x: Mention, v: Mention) -> bool:
    """Whether `v` states `x`'s figure: the same report, or for a count of one event a compatible one
    ("more than 5,400 injured" states "more than 5,000 injured")."""
    return agrees(x, v) or (x.value.kind == "count" and x.predicate == v.predicate and x.value.compatible(v.value))


def _unknown(x: Mention, y: Mention, side: str, knows: Callable[[str, str], bool]) -> bool:
    """Whether `x` is said of a name the article of `y` (on `side`) never mentions, so that it cannot be the
    figure `y` gives, unless `y` is said of a pronoun ("He met with Kim ..."), which may stand for that name."""
    return not y.pronoun and any(not knows(name, side) for name in x.names)


def _birthday_apart(x: Mention, y: Mention) -> bool:
    """Two ages one year apart."""
    return abs(x.value.low - y.value.low) <= 1 and abs(x.value.high - y.value.high) <= 1


def _conflict(x: Mention, y: Mention) -> Conflict:
    category = "different figures" if x.value.compatible(y.value) else "conflict"
    explanation = f"{x.value.kind}: {x.value.describe()} vs {y.value.describe()}"
    events = set(event_classes().values())
    counted = x.thing if x.thing in events else x.predicate if x.predicate in events else ""
    larger = ""
    if x.value.kind == "count" and x.value.base is not None and y.value.base is not None:
        larger = "a" if x.value.base[0] > y.value.base[1] else "b" if y.value.base[0] > x.value.base[1] else ""
    return Conflict(x.value.kind, x.text, y.text, explanation, (x.start, x.end), (y.start, y.end), category, counted, larger)


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
                if p.subjects and q.subjects and not p.subjects & q.subjects:
                    continue  # the negation is said of someone else
                if _first_time(a.text, b.text):
                    continue  # "never named before" is "named for the first time"
                if _NO_LONGER.search(a.text if p.negated else b.text):
                    continue  # "no longer lists evolution" says it once did: "they list evolution" is the earlier state
                if p.negated != q.negated and p.arguments & q.arguments:  # "I knew" vs "Nobody knew" share no one
                    return [Conflict("negation", p.text, q.text, f"negation: “{p.text}” vs “{q.text}”")]
            elif (p.lemma, q.lemma) in OPPOSITES and not (p.negated or q.negated) and p.subjects & q.subjects:
                if polarity_a.get(q.lemma) or polarity_b.get(p.lemma):
                    continue  # each sentence also uses the other's verb
                return [Conflict("opposite", p.text, q.text, f"opposite: “{p.text}” vs “{q.text}”")]
    return []


_NO_LONGER = re.compile(r"\bno\s+longer\b|\bnot\b.{0,60}\b(?:anymore|any\s+more|any\s+longer)\b", re.IGNORECASE)
_NEVER_BEFORE = re.compile(r"\b(?:never|not)\b.*\b(?:before|previously|until|ever|yet)\b|\bnot\s+(?:yet|until)\b", re.IGNORECASE)
_FIRST_TIME = re.compile(r"\bfirst(?:[\s-]+ever)?\b|\bfor\s+the\s+first\b|\bnewly\b|\bnow\b", re.IGNORECASE)


def _first_time(a: str, b: str) -> bool:
    """ "had never been named before" / "was named for the first time": one says not until now, the other now."""
    return bool((_NEVER_BEFORE.search(a) and _FIRST_TIME.search(b)) or (_NEVER_BEFORE.search(b) and _FIRST_TIME.search(a)))


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
            if x.organisation and y.organisation and x.organisation != y.organisation:
                continue  # "ABA executive director" / "the NEBA's executive director": two organisations, two people
            if mentions_elsewhere is not None and (mentions_elsewhere(x.name, "b") or mentions_elsewhere(y.name, "a")):
                continue
            found.append(Conflict("name", x.name, y.name, f"name: the {x.role} is {x.name} vs {y.name}", (x.start, x.end), (y.start, y.end)))
    return found


def _same_person(x: str, y: str) -> bool:
    """ "John Smith" and "Smith" are one person; "Jon Smyth" and "John Smith" are not."""
    return bool({lemma(w) for w in x.split()} & {lemma(w) for w in y.split()})
