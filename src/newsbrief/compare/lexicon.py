"""Words as the contradiction checks compare them: by Porter stem (plus a short list of irregular
verbs), which is what TF-IDF uses too, and grouped into the events a value can measure, so "15
killed" and "12 dead" count one thing and "30 injured" another.

Also the word lists the readers share: reporting verbs, verbs too weak to tell two statements
apart, the roles a name can hold, and the words that negate a statement.
"""

from __future__ import annotations

from functools import lru_cache

_IRREGULAR = {
    "met": "meet", "said": "say", "says": "say", "told": "tell", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall",
    "won": "win", "lost": "lose", "fought": "fight", "paid": "pay", "held": "hold", "left": "leave", "began": "begin",
    "begun": "begin", "took": "take", "taken": "take", "gave": "give", "given": "give", "struck": "strike", "spent": "spend",
    "sold": "sell", "bought": "buy", "grew": "grow", "grown": "grow", "shot": "shoot", "led": "lead", "ran": "run",
    "went": "go", "gone": "go", "came": "come", "saw": "see", "seen": "see", "fled": "flee", "caught": "catch",
    "kept": "keep", "brought": "bring", "found": "find", "sent": "send", "stood": "stand", "drove": "drive",
    "wrote": "write", "written": "write", "burnt": "burn", "spoke": "speak", "spoken": "speak", "chose": "choose",
    "dead": "die", "died": "die", "dies": "die", "dying": "die", "death": "die", "deaths": "die", "lives": "life", "upheld": "uphold",
}  # fmt: skip
# Words for the same event, so "15 killed" and "12 dead" are counts of one thing and "30 injured" another.
_EVENTS = {
    "dead": "die kill killing death dead fatal fatality life perish slay murder bodies body",
    "injured": "injure injury injuries wound hurt",
    "hospitalized": "hospitalize hospitalise",
    "arrested": "arrest detain",
    "cases": "case infection infect",
    "evacuated": "evacuate evacuation",
    "missing": "missing unaccounted",
    "rescued": "rescue",
    "meeting": "meet meeting talk talks",
    "visit": "visit trip tour",
    "fire": "fire blaze flame flames burn",
    "jail": "sentence prison jail term",
    "vehicle": "vehicle car truck lorry",
    "home": "home house dwelling",
}
PEOPLE = {"peopl", "person", "individu", "civilian", "other", "adult", "time"}  # stems of counted nouns too vague to tell events apart
REPORTING = set("say tell announc report add state confirm note write post tweet publish updat releas speak".split())  # stems
WEAK_VERBS = {"be", "is", "was", "were", "have", "has", "had", "do", "did", "get", "make", "take", "go", "come", "includ"} | REPORTING
ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "coroner", "sheriff", "chief", "mayor", "governor", "prosecutor", "coach",
    "ceo", "executive", "director", "superintendent", "principal", "commissioner", "captain", "pilot", "judge", "chairman",
    "chairwoman", "chair", "secretary", "minister", "manager", "treasurer", "president", "senator", "attorney", "lawyer",
    "investigator", "officer", "spokespeople", "administrator", "commander", "ambassador", "founder",
}  # fmt: skip
# Words that make a figure a part or a scope of a total, mapped to what they narrow it to: "$25 million in punitive
# damages" is not the "$33.5 million" judgment; "flights cancelled nationwide" are not those of one city.
SCOPE_WORDS = {
    "punitive": "punitive", "compensatory": "compensatory", "nationwide": "national", "national": "national",
    "countrywide": "national", "worldwide": "world", "global": "world", "globally": "world", "statewide": "state",
    "federal": "federal", "state": "state", "local": "local", "domestic": "domestic", "international": "international",
    "foreign": "foreign", "annual": "annual", "annually": "annual", "monthly": "monthly", "weekly": "weekly", "daily": "daily",
    "total": "total", "overall": "total", "combined": "total", "altogether": "total", "net": "net", "gross": "gross",
    "confirmed": "confirmed", "suspected": "suspected", "probable": "suspected", "initial": "initial", "preliminary": "initial",
}  # fmt: skip
# Verbs for different stages of one thing, whose figures differ without contradiction: rockets fired and rockets
# that hit; a sum sought and a sum paid; people charged and people convicted.
_STAGES = {
    "launched": "fire launch shoot",
    "landed": "hit land strike impact reach intercept",
    "sought": "seek ask demand request propos offer bid claim",
    "paid": "pay award grant receiv win settl",
    "charged": "charg accus indict",
    "convicted": "convict sentenc",
    "budgeted": "budget plan expect project forecast estimat",
}
RUNNING_TOTALS = {"dead", "injured", "hospitalized", "arrested", "cases", "evacuated"}  # tallies that only grow as news comes in
STATEMENT_VERBS = {"confirm"}  # reporting verbs that also assert something: "confirmed" vs "denied"
NEGATIVE_SUBJECTS = {"nobody", "nothing", "none", "neither", "noone"}
NEGATING_HEADS = {"fail", "refus", "declin"}  # "failed to return" is "did not return"


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """A comparable form of a word: lowercase, irregular verbs mapped, Porter-stemmed."""
    from newsbrief.represent.tfidf import _stem

    w = word.lower()
    return _stem(_IRREGULAR.get(w, w))


@lru_cache(maxsize=1)
def event_classes() -> dict[str, str]:
    return {lemma(w): name for name, words in _EVENTS.items() for w in words.split()}


def event(word: str) -> str:
    """The event class of a word ("killed" → "dead"), or its lemma when it belongs to none."""
    stem = lemma(word)
    return event_classes().get(stem, stem)


def known_event(word: str) -> str:
    """The event class of a word, or "" when it is not one of the listed events."""
    return event_classes().get(lemma(word), "")


STAGES = {lemma(w): name for name, words in _STAGES.items() for w in words.split()}  # stem → stage: "fired" → "launched"
