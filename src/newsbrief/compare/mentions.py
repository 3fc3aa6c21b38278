"""The typed values a parsed sentence states, each tied to what it measures.

spaCy's numeric entities (CARDINAL, QUANTITY, MONEY, PERCENT, DATE, TIME) give the values, which
`values` normalises; the dependency parse ties "three hours" to "met" and "12" to "people ...
killed", and flags values that are parts or increments ("dozens more", "three of the eight") or
that date the report rather than the event ("said on Sunday"). Ages are read apart, where the
person they belong to is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsbrief.compare.lexicon import PEOPLE, REPORTING, SCOPE_WORDS, event, known_event, lemma
from newsbrief.compare.values import ADDRESS, QUALIFIER, Value, parse_value, relative_date

NUMERIC_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"}
_QUALIFIER_BEFORE = re.compile(rf"(?:\b(?:{QUALIFIER})|\bbetween|\bfrom)\s+$", re.IGNORECASE)
_PARTIAL = re.compile(
    r"(?:\s+(?:more|other|additional|extra|further|new|fewer|less)\b|['’]s\b"
    r"|\s+(?:\w+\s+)?(?:of|among)\s+(?:them|those|whom|which|these)\b"  # "four of them seriously": a part of a total
    r"|\s+(?:\w+\s+)?(?:of|out\s+of)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens|hundreds))",
    re.IGNORECASE,
)
_NOT_COUNTED = {"m", "bn", "mn", "k", "million", "billion", "trillion", "dollars", "euros", "pounds", "percent", "%"}  # scale, not thing
_CURRENCY_BEFORE = re.compile(r"(?:US|C|A|NZ|HK)?[$€£¥₹]\s*$")
_SCALE_AFTER = re.compile(r"(?:m|bn|mn|k|tn)\b")
_CURRENCY_WORD_AFTER = re.compile(r"\s+(?:euros?|dollars?|yen|yuan|rupees?)\b", re.IGNORECASE)  # not "pounds": also a weight
_PARTIAL_BEFORE = re.compile(
    r"\b(?:other|another|additional|remaining|more|further|extra|including|among\s+them)\s+$|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens)\s+(?:\w+\s+)?(?:of|out\s+of)\s+(?:the\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)
_SMALL_NUMBER = r"\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b"
_HYPOTHETICAL = {"could", "might", "may", "would"}
_PLACE_PREPOSITIONS = {"in", "at", "across", "throughout", "inside", "within", "around"}
_AGE_AFTER_NAME = re.compile(r"^,\s*(\d{1,3})\s*(?=[,;.)]|$)")
_AGE_PHRASE = re.compile(
    r"\b(?:aged?|age\s+of)\s+(\d{1,3})\b|\b(\d{1,3}|[a-z]+(?:-[a-z]+)?)[\s-]+(?:day|week|month|year)s?[\s-]+old\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """A value in a sentence and what it measures.

    thing: event class of the noun it counts or qualifies ("people", "dead", "visit"), "" if none;
        for ages, the surname of the person;
    predicate: event class of the verb or adjective it hangs from ("meeting" for "met"), "" if none;
    anchors: lemmas of the predicate and its arguments, to tell two measured things apart;
    reporting: the value dates the report ("said on Sunday"), not the event.
    partial: the value is a part or an increment, not a total ("dozens more", "three of the
        eight charges", "two other men", "Saturday's attack"), so it is never compared.
    """

    value: Value
    start: int
    end: int
    thing: str
    predicate: str
    anchors: frozenset[str]
    reporting: bool = False
    partial: bool = False
    part: str = ""  # the words that make it a part ("other", "more", "of them"): two parts marked alike can be compared
    people: frozenset[str] = frozenset()  # surnames of the people the statement is about ("Smith's bond", "Jones was fined")
    scope: frozenset[str] = frozenset()  # words that narrow the total: "punitive", "nationwide", "federal"
    places: frozenset[str] = frozenset()  # places that narrow it: "flights cancelled in Philadelphia"
    names: frozenset[str] = frozenset()  # names of who or what it is said of ("a Thai satellite detected ...", "the Lauda Air crash")
    reference: str = ""  # for a duration, what it is counted from ("after the autopilot disconnected"), or "for" for a length
    pronoun: bool = False  # its verb's subject is a pronoun ("He met with Kim"), which may stand for a name the other gives
    number: str = ""  # "one" or "many" when its verb is said of people whose number the grammar shows ("she was", "four were")

    @property
    def text(self) -> str:
        return self.value.text


def value_mentions(doc: Any) -> tuple[Mention, ...]:
    """Every value of a parsed sentence that could be compared, in the order they are written."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in NUMERIC_LABELS:
            continue
        mention = _mention(doc, ent)
        if mention is not None:
            mentions.append(mention)
            taken.append((ent.start_char, ent.end_char))
    mentions += _ages(doc, taken)
    mentions.sort(key=lambda m: m.start)
    return tuple(mentions)


def _mention(doc: Any, ent: Any) -> Mention | None:
    text = doc.text
    start, end = ent.start_char, ent.end_char
    before = _QUALIFIER_BEFORE.search(text[max(0, start - 30) : start])
    if before and not re.match(rf"(?:{QUALIFIER})\b", ent.text, re.IGNORECASE):
        start -= len(before.group(0))  # spaCy often leaves "about" or "more than" outside the entity
    currency = _CURRENCY_BEFORE.search(text[max(0, start - 4) : start])
    if currency is not None:
        start -= len(currency.group(0))  # "£45m": spaCy often leaves the sign and the suffix out
        if (scale := _SCALE_AFTER.match(text[end:])) is not None:
            end += scale.end()
    elif ent.label_ == "CARDINAL" and (word := _CURRENCY_WORD_AFTER.match(text[end:])) is not None:
        end += word.end()  # "80 million euros": tagged CARDINAL without its currency word
    phrase = text[start:end]
    if ent.label_ == "DATE" and relative_date(phrase) and not re.search(r"\d|\b(?:hour|minute|day|week|month|year)s?\b", phrase, re.I):
        return None
    value = parse_value(phrase, kind_hint=ent.label_)
    if value is None and ent.label_ in ("DATE", "TIME"):
        value = _calendar_inside(phrase)
    if value is None or value.kind == "age":
        return None  # ages are read by `_ages`, where the person is known
    root = ent.root
    if value.kind == "count" and (_is_part_of_name(ent) or _is_code(ent, phrase)):
        return None
    thing_token = _counted(ent, inside=value.kind == "count") if value.kind in ("count", "duration", "money", "percent") else None
    anchor_token = thing_token if thing_token is not None else root
    verb = _governor(anchor_token)
    thing = event(thing_token.text) if thing_token is not None else ""
    predicate = event(verb.text) if verb is not None else ""
    if thing in ("", *PEOPLE) and value.kind == "count":
        thing = _toll_subject(verb) or thing  # "the death toll rose to 12"
        described = _event_after(thing_token if thing_token is not None else root)
        predicate = described or predicate  # "left 55 people dead", "found seven people injured"
    anchors = arguments(verb, exclude=set(range(ent.start, ent.end))) if verb is not None else frozenset()
    if value.kind == "count" and sum(value.base or (value.low, value.high)) <= 2.1:
        return None  # "one" is mostly a pronoun or an idiom ("at one point", "one of the")
    reporting = value.kind in ("date", "weekday", "time") and verb is not None and lemma(verb.text) in REPORTING and _dates(root, verb)
    part = _PARTIAL.match(text[end : end + 40]) or _PARTIAL_BEFORE.search(text[max(0, start - 40) : start])
    marker = re.sub(r"\W+", " ", re.sub(_SMALL_NUMBER, "N", part.group(0).lower())).strip() if part else ""
    scope, places = _scope(ent, thing_token, verb)
    if verb is not None and any(c.dep_ == "aux" and c.text.lower() in _HYPOTHETICAL for c in verb.children):
        scope = scope | {"possible"}  # "could have reached 120 degrees" is not a reported figure
    if verb is not None and any(
        c.dep_ in ("nsubj", "nsubjpass") and any(d.text.lower() in _ANOTHER and d.dep_ in ("det", "amod") for d in c.children)
        for c in verb.children
    ):
        scope = scope | {"another"}  # "another bomb killed 11 people" counts another event than the first one, as does "a simultaneous bombing"
    if (rate := _RATE.match(text[end : end + 40])) is not None:
        scope = scope | {f"per {rate.group(1).lower()}"}  # "30,000 child seats a year" is not "45,000 since 1996"
    return Mention(
        value, start, end, thing, predicate, anchors | ({predicate} if predicate else set()), reporting, part is not None, marker,
        _people(ent, thing_token, verb), scope, places, _names_of(ent, thing_token, verb),
        _reference(text, start, end) if value.kind == "duration" else "",
        verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in verb.children),
        _number(verb) if value.kind in ("duration", "money") and verb is not None else "",
    )


_ONE = {"was", "is", "has", "does", "'s", "’s"}
_MANY = {"were", "are", "have", "do", "'re", "’re", "'ve", "’ve"}


def _number(verb: Any) -> str:
    """Whether a verb is said of one or of several ("one" / "many"), with " people" added when its subject is
    people ("she", "Smith", "four of those swimmers", "they"): "four of those swimmers were banned for two years"
    and "she was banned for four years" are two sentences. The auxiliary's agreement shows the number even in a
    fragment ("... and was banned for four years"); two values are told apart this way only when one side is
    said of people, so "shares fell" / "the price fell" never are."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "DaimlerChrysler is 43 years old, has 16 years of experience"
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return ""
    subject = subjects[0]
    people = (
        subject.text.lower() in ("he", "she", "they", "we")
        or subject.ent_type_ == "PERSON"
        or (subject.pos_ == "NUM" and any(d.dep_ == "prep" for d in subject.children))  # "four of those swimmers"
        or any(d.dep_ == "nummod" for d in subject.children)  # "some 32,000 workers have 30 years of experience"
    )
    aux = [c.text.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in _ONE for a in aux) or (not aux and verb.tag_ == "VBZ"):
        number = "one"
    elif any(a in _MANY for a in aux) or (not aux and verb.tag_ == "VBP" and subject.text.lower() not in ("i", "you")):
        number = "many"
    elif subject.text.lower() in ("they", "we") or subject.tag_ in ("NNS", "NNPS") or subject.pos_ == "NUM":
        number = "many"
    elif subject.tag_ in ("NN", "NNP") or subject.text.lower() in ("he", "she"):
        number = "one"
    else:
        return ""
    return f"{number} people" if people else number
    if any(a in _MANY for a in aux):
        return "many"
    subject = people[0]
    if subject.text.lower() in ("they", "we") or subject.tag_ in ("NNS", "NNPS") or subject.pos_ == "NUM":
        return "many"
    return "one"


_ANOTHER = {"another", "second", "separate", "other", "earlier", "previous", "later", "simultaneous", "parallel"}
_RATE = re.compile(
    r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:a|an|per|each|every)\s+(year|month|week|day|hour)\b(?!\s+(?:after|before|later|earlier|ago|into)\b)",
    re.IGNORECASE,
)
_REFERENCE_AFTER = re.compile(r"\s+(?:after|before|into|out\s+of|from|since|later|earlier|ago)\b(?P<rest>.{0,60})", re.IGNORECASE)
_NAMED = {"PERSON", "NORP", "ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_NAMED_IN_PHRASES = {"NORP", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}  # places are `_scope`'s; people in "by ..." may be sources
_STOP = {"the", "a", "an", "its", "his", "her", "their", "of", "take", "takeoff"}


def _reference(text: str, start: int, end: int) -> str:
    """What a duration is counted from: "less than two minutes after the autopilot disconnected" → the words
    after "after"; "for several minutes" → "for", a length. "40 minutes into the flight" and "two minutes after
    the autopilot disconnected" are two moments, not one figure; a length is not a moment either."""
    if re.search(r"\bfor\s+(?:(?:about|around|more\s+than|nearly|almost|over|some|just|only)\s+)?$", text[max(0, start - 20) : start], re.I):
        return "for"
    after = _REFERENCE_AFTER.match(text[end:])
    if after is None:
        return ""
    words = re.findall(r"[a-z]+", after.group("rest").lower())[:6]
    return " ".join(w for w in words if w not in _STOP) or "-"


def _names_of(ent: Any, thing_token: Any, verb: Any) -> frozenset[str]:
    """The names of who or what a value is said of: named organisations, products, events, people and
    nationalities qualifying a thing in its verb's subject and object ("A Thai satellite has detected some 300
    objects", "the crash of a Lauda Air jet killed all 223"), in the owner or the modifiers of the counted
    noun, and organisations or events in its verb's phrases ("died in the EgyptAir crash"). An article that
    never mentions such a name does not report that figure. Places are left to `_scope` (an article may name
    the city and not the country); so are the people a figure includes ("213 people, including a dozen
    Americans", "11 people, all Africans"): they describe the figure, not whose it is."""
    tokens: set[int] = set()
    phrases: set[int] = set()
    if verb is not None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent", "dobj"):
                tokens |= _described(child)
            elif child.dep_ == "prep" and child.text.lower() not in ("according", "by", "including"):
                phrases |= _described(child)
    if thing_token is not None:
        for child in thing_token.children:
            if child.dep_ in ("poss", "compound", "amod") and not (ent.start <= child.i < ent.end):
                tokens |= _described(child)
    found = set()
    for e in ent.doc.ents:
        if ent.start <= e.start < ent.end or e.root.i not in tokens | phrases or e.label_ not in _NAMED:
            continue
        if e.label_ == "NORP" and not (e.root.dep_ in ("amod", "compound") and e.root.head.pos_ == "NOUN"):
            continue  # "Americans" are people the figure includes; "a Thai satellite" says whose it is
        if e.root.i in tokens or e.label_ in _NAMED_IN_PHRASES:
            found.add(re.sub(r"^(?:the|a|an)\s+|['’]s$", "", e.text, flags=re.IGNORECASE))
    return frozenset(found - {""})


def _described(token: Any) -> set[int]:
    """A phrase's tokens, leaving out what it includes or restates ("including a dozen Americans", ", all Africans")."""
    found = {token.i}
    for child in token.children:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.text.lower() in ("including", "like", "among", "except")):
            continue
        found |= _described(child)
    return found


def names_known(article: str, name: str) -> bool:
    """Whether an article mentions a name: the name as written, or one of its longer words as a name
    (capitalised), so "the Los Angeles district attorney" knows "Los Angeles County District Attorney's Office"."""
    if name.lower() in article.lower():
        return True
    return any(len(w) >= 4 and re.search(rf"\b{re.escape(w)}\b", article) for w in re.findall(r"[A-Z][\w’'-]*", name))


def _is_code(ent: Any, phrase: str) -> bool:
    """ "called 911", "dial 999": an emergency number, not a count; "42 and 18", a list of two figures;
    "the 3300 block of West Florence Avenue", an address."""
    if re.fullmatch(r"\s*(?:911|999|112)\s*", phrase):
        return True
    if re.fullmatch(r"\s*\d+\s*(?:and|&)\s*\d+\s*", phrase):
        return True  # "the two men, 42 and 18": one figure each, not a range
    if ADDRESS.match(ent.doc.text, ent.end_char):
        return True  # "the 3000 block of West Florence Avenue", "1600 Pennsylvania Avenue": a place, not a count
    head = ent.root.head
    return ent.root.dep_ == "dobj" and lemma(head.text) in ("call", "dial", "phone", "text")


def _people(ent: Any, thing_token: Any, verb: Any) -> frozenset[str]:
    """The people a value is said of (`person_key` of each): its verb's subject and object, or the owner
    of the counted noun ("Smith's bond"); failing those, the people the sentence names other than a
    speaker ("held him on $1 million bail, police said of John Smith"). Two defendants' bonds in a list
    of charges are two facts."""
    roots = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent")] if verb is not None else []
    if thing_token is not None:
        roots += [c for c in thing_token.children if c.dep_ == "poss"]
    inside = {t.i for root in roots for t in root.subtree}
    people = [e for e in ent.doc.ents if e.label_ == "PERSON" and not (ent.start <= e.start < ent.end)]
    found = {person_key(e.text) for e in people if e.root.i in inside}
    for root in roots:  # "Smith faces 12 counts": a bare name as the subject, whatever entity the model calls it
        if root.dep_ in ("nsubj", "nsubjpass") and root.pos_ == "PROPN" and root.ent_type_ not in ("GPE", "LOC", "NORP", "FAC"):
            found.add(person_key(" ".join(t.text for t in root.subtree if t.pos_ == "PROPN")))
    if not found:
        found = {person_key(e.text) for e in people if not _speaker(e)}
    return frozenset(found - {""})


def _speaker(person: Any) -> bool:
    """ "..., Smith said", "according to Smith": a source of the statement, not who it is about."""
    root = person.root
    head = root.head
    according = root.dep_ == "pobj" and head.text.lower() == "to" and head.head.text.lower() == "according"
    return (root.dep_ == "nsubj" and lemma(head.text) in REPORTING) or according


def person_key(name: str) -> str:
    """ "Kevin Deon Johnson" → "kevin johnson", "Johnson" → "johnson": first and last name tell two Johnsons apart."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", name) if not re.fullmatch(r"(?:jr|sr|ii|iii|mr|mrs|ms|dr)\.?", w, re.I)]
    words = [re.sub(r"['’]s$", "", w) for w in words]
    return f"{words[0]} {words[-1]}" if len(words) >= 2 else words[0] if words else ""


def same_people(xs: frozenset[str], ys: frozenset[str]) -> bool:
    """Whether two sets of `person_key`s share a person: the same first and last name, or a surname alone
    that is the other's surname."""
    return any(x == y or ((" " not in x or " " not in y) and x.split()[-1] == y.split()[-1]) for x in xs for y in ys)


def _scope(ent: Any, thing_token: Any, verb: Any) -> tuple[frozenset[str], frozenset[str]]:
    """Words and places that narrow what a value totals: "$25 million in punitive damages", "flights cancelled
    nationwide" / "in Philadelphia", "federal funding". A part or another scope is not the whole."""
    heads = [t for t in (ent.root, thing_token, verb) if t is not None]
    words, places = set(), set()
    for head in heads:
        for child in head.children:
            if ent.start <= child.i < ent.end:
                continue
            if child.dep_ in ("amod", "compound", "advmod", "npadvmod") and child.text.lower() in SCOPE_WORDS:
                words.add(SCOPE_WORDS[child.text.lower()])
            elif child.dep_ == "prep" and child.text.lower() in _PLACE_PREPOSITIONS:
                for obj in (c for c in child.children if c.dep_ == "pobj"):  # "in Philadelphia", not "a trip to Pyongyang"
                    for t in (obj, *(c for c in obj.children if c.dep_ in ("compound", "amod"))):
                        if t.ent_type_ in ("GPE", "LOC", "FAC") and t.pos_ == "PROPN":
                            places.add(t.text.lower())
                        elif t.text.lower() in SCOPE_WORDS:
                            words.add(SCOPE_WORDS[t.text.lower()])
    return frozenset(words), frozenset(places)


def _dates(root: Any, verb: Any) -> bool:
    """Whether a date phrase dates the verb itself ("said on Sunday"), not a noun on the way ("said in their
    meeting on February 14")."""
    head = root.head
    return head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i)  # spaCy makes a new Token each time: compare by index


def _calendar_inside(phrase: str) -> Value | None:
    """A weekday or clock time inside a longer DATE/TIME entity ("late on Tuesday night")."""
    from newsbrief.compare.values import _calendar

    return _calendar(phrase)


def _is_part_of_name(ent: Any) -> bool:
    """Numbers that are names ("Boeing 737", "Route 66", "Title IX"): glued to a proper noun."""
    root = ent.root
    return (
        root.dep_ == "compound"
        and root.head.pos_ == "PROPN"
        or (ent.start > 0 and ent.doc[ent.start - 1].pos_ == "PROPN" and root.dep_ in ("nummod", "appos") and root.head.i == ent.start - 1)
    )


def _counted(ent: Any, *, inside: bool) -> Any:
    """The noun a number counts ("12 people" → people), or (for counts) the unit noun inside the entity."""
    root = ent.root
    if inside and root.pos_ == "NOUN" and ent.start <= root.i < ent.end and root.text.lower() not in ("dozen", "%", "percent"):
        if not re.fullmatch(r"(?:hour|minute|second|day|week|month|year|decade|night)s?|dozens|hundreds|thousands|millions", root.text, re.I):
            return root
    head = root.head
    if head.text.lower() in _NOT_COUNTED:
        return None
    if (
        root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod")
        and head.pos_ in ("NOUN", "PROPN", "ADJ")
        and head.i >= ent.end
    ):
        return head
    if root.dep_ == "pobj" and head.text.lower() == "of" and head.head.pos_ == "NOUN" and head.head.i < ent.start:
        return head.head  # "a toll of 12", "a fine of $5 million"
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.text.lower() in ("dead", "killed", "injured", "wounded", "hurt", "missing", "arrested"):
        return nxt  # "12 dead", "15 killed": parsed as participles
    if nxt is not None and nxt.text.lower() == "of" and ent.end + 1 < len(ent.doc) and ent.doc[ent.end + 1].pos_ in ("NOUN", "DET"):
        following = ent.doc[ent.end + 1]
        return following if following.pos_ == "NOUN" else next((t for t in following.head.subtree if t.pos_ == "NOUN"), None)
    return None


def _event_after(token: Any) -> str:
    """An event adjective or participle right after a counted noun: "people dead", "people injured"."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return known_event(nxt.text) if nxt is not None and nxt.pos_ in ("ADJ", "VERB") else ""


def _governor(token: Any) -> Any:
    """The nearest verb (or predicate adjective) above a token in the parse; None at the root."""
    current, steps = token, 0
    while steps < 6:
        if current.pos_ in ("VERB",) and current is not token:
            return current
        if current.pos_ == "ADJ" and current.dep_ in ("acomp", "ROOT", "conj") and current is not token:
            return current
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX", "ADJ") else None
        current, steps = current.head, steps + 1
    return None


def _toll_subject(verb: Any) -> str:
    if verb is None:
        return ""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.text.lower() in ("toll", "number", "count", "tally", "figure"):
            modifiers = [t for t in child.subtree if t.i != child.i and t.pos_ in ("NOUN", "VERB", "ADJ")]
            return next((c for c in (known_event(t.text) for t in modifiers) if c), "")
    return ""


def arguments(verb: Any, *, exclude: set[int]) -> frozenset[str]:
    """Lemmas of the nouns and names a verb's subject, object and prepositional phrases are about."""
    found: set[str] = set()
    for child in verb.children:
        if child.i in exclude:
            continue
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "agent"):
            found |= {lemma(t.text) for t in child.subtree if t.pos_ in ("NOUN", "PROPN") and t.i not in exclude}
        elif child.dep_ == "prep":
            found |= {lemma(t.text) for t in child.subtree if t.pos_ == "PROPN" and t.i not in exclude}
    return frozenset(found)


def _ages(doc: Any, taken: list[tuple[int, int]]) -> list[Mention]:
    """Ages: "Smith, 45," and "a 45-year-old man", tied to the person or noun they describe."""
    found: list[Mention] = []
    text = doc.text
    for ent in doc.ents:
        after = _AGE_AFTER_NAME.match(text[ent.end_char :])
        if after and (ent.label_ == "PERSON" or _name_like(ent) and _apposition(doc, ent, ent.end_char + after.start(1))):
            years = float(after.group(1))
            start = ent.end_char + after.start(1)
            value = Value("age", years, years, "y", after.group(1))
            surname = _surname(ent.text)
            key = frozenset({person_key(ent.text)} - {""})
            found.append(Mention(value, start, start + len(after.group(1)), surname, "", frozenset({surname}), people=key))
    for match in _AGE_PHRASE.finditer(text):
        if any(a <= match.start() < b for a, b in taken) and not re.search(r"old", match.group(0), re.I):
            continue
        phrase = re.sub(r"^(?:age\s+of|aged?)\s+", "", match.group(0), flags=re.IGNORECASE)
        age = parse_value(phrase if "old" in phrase.lower() else f"{phrase} years old")
        if age is None or age.kind != "age":
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        described = span.root.head if span is not None else None
        nearby = [described, described.head] if described is not None else []  # "the 58-year-old singer Ana Ruiz"
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        person = next((e for e in people if any(e.start <= t.i < e.end for t in nearby) or _named(e, described)), None)
        if person is None and described is not None:  # "51-year-old Grace Park", the name tagged as a place
            person = next((e for e in doc.ents if _name_like(e) and e.start <= described.i < e.end), None)
        if person is None and "age" in match.group(0).lower():  # "died at the age of 71": the one person named
            person = people[0] if len(people) == 1 else None
        thing = _surname(person.text) if person is not None else ""  # "his 20-year-old brother": whose brother is unclear
        # "died at the age of 87" and "first went to church at the age of 7" are two facts: the event is kept
        verb = _governor(span.root) if span is not None and re.match(r"age|aged", match.group(0), re.I) else None
        predicate = event(verb.text) if verb is not None else ""
        whose = frozenset({person_key(person.text)} - {""}) if person is not None else frozenset()
        found.append(Mention(age, match.start(), match.end(), thing, predicate, frozenset({thing} - {""}), people=whose))
    return found


def _name_like(ent: Any) -> bool:
    """The small model tags some names as places or organisations ("Helen Park", "Grace Park"): a
    multi-word all-proper-noun entity that an age attaches to directly is taken for a person."""
    return ent.label_ in ("GPE", "ORG", "FAC") and len(ent) >= 2 and all(t.pos_ == "PROPN" for t in ent)


def _apposition(doc: Any, ent: Any, age_start: int) -> bool:
    """ "Helen Park, 56,": the number set off by commas is parsed as an apposition of the name."""
    number = doc.char_span(age_start, age_start + 1, alignment_mode="expand")
    return number is not None and number.root.dep_ == "appos" and number.root.head.i in range(ent.start, ent.end)


def _named(person: Any, described: Any) -> bool:
    """ "a 62-year-old teacher named Helen Park": the person is the one the described noun is named as."""
    verb = person.root.head
    return described is not None and verb.dep_ == "acl" and verb.head.i == described.i and lemma(verb.text) in ("name", "call")


def _surname(name: str) -> str:
    return lemma(name.split()[-1]) if name.split() else ""
