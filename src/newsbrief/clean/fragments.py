"""Sentences that are not statements of the story: words addressed to the reader, and verbless fragments.

A brief reports what happened; "Look at the replay from side on.", "You can expect amazing things
over the next 48 hours" (a horoscope widget) and "Navy SEALs during drown-proofing training." (a
caption) are worded like prose but state nothing a source could be cited for. Both rules were run
over every sentence of the Multi-News dev file and their hits read (docs/input.md): what they take
besides page furniture is the middle of long quotations ("You have helped change the culture."),
which a brief cannot quote without its speaker anyway. `clean.noise_reason` applies them to
one-sentence lines and `segment` to each sentence.
"""

from __future__ import annotations

import re

# Talking to the reader: "You can watch ...", "Your donations ...", "Check out the posts below.",
# "Watch The Late Show weeknights at 11:35". A sentence opening with a quotation mark is a quote with
# its speaker in view, and is kept.
_READER_ADDRESS = re.compile(
    r"^[*•·]?\s*(?:you|your"
    r"|look\s+at|go\s+to|watch|check\s+out|listen\s+to|read\s+(?:on|more|the|his|her|their|our|it|about|this)|take\s+a\s+look|click|tap"
    r"|scroll|tune\s+in|sign\s+up|subscribe|visit|head\s+(?:over|to)|don['’]t|do\s+not|see\s+(?:below|above|more|the\s+full))"
    r"(?![\w-])",  # not "Click-and-collect orders rose"
    re.I,
)
# Pointers to the page around the story: "Read her letter here.", "The video shown here explains ...",
# "Below is a quick explanation", "Details after the jump!", "For more information, visit our map."
_PAGE_POINTER = re.compile(
    r"^\W*(?:read|see|watch|listen\s+to|view|find|check)\b.*\b(?:here|below|above)\W*$"
    r"|\b(?:shown|pictured|embedded|featured|provided|listed|included)\s+(?:here|below|above)\b|^\W*(?:below|above)\s+(?:is|are)\b"
    r"|\bafter\s+the\s+jump\b|\bin\s+the\s+form\s+below\b"
    r"|^\W*(?:the|these|this)\s+(?:[\w-]+\s+)?(?:lists?|tables?|charts?|maps?|graphics?)\s+(?:below|above)\b|\busing\s+the\s+link\s+(?:below|above)\b"
    r"|^\W*for\s+more\s+(?:information|details|coverage|about|on)\b.*\b(?:visit|see|go\s+to|click|call|read|head)\b"
    r"|^\W*please\s+(?:reach\s+out|contact|visit|call|email|share|click|see|read|check\s+out)\b|\b(?:we'?d|we\s+would)\s+(?:\w+\s+)?love\s+to\s+hear\b",
    re.I,
)
_POINTER_CUES = ("here", "below", "above", "jump", "for more", "please", "hear")  # every _PAGE_POINTER match holds one: a cheap test first
_VIDEO_TITLE = re.compile(r"\(\d{1,2}:\d{2}\)")  # "Wedding costs soar to new highs (3:40) As Americans ..."
# A related article's headline: "Emma Stone: 'I was holding my card the whole time'" (no stop inside the quote).
_QUOTE_HEADLINE = re.compile(r"^[A-Z][\w .’'-]{2,40}:\s+['‘\"“][^.!?]*[^.!?,]['’\"”]$")
# A byline glued to the first sentence: "By Ana Lopes and Tom Reyes Sure, the ferry ..."
_GLUED_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s+and\s+[A-Z]")
# '..., you know," he said': the words of a named speaker, not the page talking to its reader.
_ATTRIBUTED_QUOTE = re.compile(r"[,?!.]\s?[\"”’]\s+\S")
FRAGMENT_MAX_WORDS = 9  # a longer sentence without a verb the list knows is a sentence with a rarer verb
# Finite verbs a short statement uses that the suffix test below misses (irregular pasts, modals,
# bare presents after a plural subject).
_VERBS = frozenset(
    """am is are was were be been has have had do does did will would can could shall should may might must
    said say says told tell tells got get gets made make makes took take takes went go goes came come comes gave give gives
    won win wins lost lose left leave met meet ran run runs saw see seen found find held hold built build began begin became become
    brought bring knew know thought think felt feel kept keep let put set sent spent stood stand sat sit paid pay fell fall rose rise
    hit cut led lead read wrote write spoke speak bought buy sold sell broke break shot flew fly drove drive threw throw grew grow
    drew ate eat fought fight caught catch taught teach sought seek hid hide struck strike swore wore bore tore rang sang sank stole
    died die face need want seem look like love hate hope plan agree disagree deserve expect call carry play live work apologize mean
    appreciate remain stay thank thanks cannot remember talk believe understand owe watch exchange pursue continue happen include
    allow ask try use help show turn start move stop suggest support report blur approve disapprove meant
    underwent undergo suffer offer abound withdrew withdraw wish dread attend quit warn own pervade fear vow urge note belong""".split()
)
_PRONOUNS = frozenset("i it he she that there what who here we they you".split())
_NOT_VERBS = frozenset("this his its us as news thus plus less unless across perhaps always towards afterwards whereas yes series".split())
_CONTRACTION = re.compile(r"(?:['’](?:s|re|ve|ll|d|m)|n['’]t)$", re.I)
# The speaker under a pull quote, split from it: "— Jane Roe, asked about the rescue"
_PULL_QUOTE_CREDIT = re.compile(r"^[—–]\s*[A-Z].*[^.!?…\"'”’]$")
_BRAND = re.compile(r"[a-z]+[A-Z]")  # "iPhone sales rose", "eBay said": a sentence may start in lowercase
_WORD_EDGES = ".,;:!?\"“”‘’'()[]—–-"


# "Two of the life-size statues belonging to the prince." A caption naming part of a set; its
# plural noun would pass the -s test below, so only listed verbs, -ed forms and contractions count.
_PART_OF_SET = re.compile(r"^(?:One|Two|Three|Four|Five|Six|Some|Several|Many|Most|All|A\s+few)\s+of\s+(?:the|his|her|their|its|these|those)\b")
PART_OF_SET_MAX_WORDS = 15


def _has_verb(words: list[str], *, plural_s: bool = True) -> bool:
    """Whether a short text has a word that can be a finite verb (a list, plus -ed and -s on lowercase words).

    plural_s=False leaves out the -s test, for a text whose plural noun would pass it.
    """
    for position, word in enumerate(words):
        bare = word.strip(_WORD_EDGES)
        lower = bare.lower()
        if lower == "may" and position + 1 < len(words) and words[position + 1][:1].isdigit():
            continue  # a month: "(May 4, 2015) Gannett Media"
        if position and bare[:1].isupper():  # a name ("Rose", "Alzheimer's"), unless a pronoun's contraction ("I'm")
            if _CONTRACTION.search(bare) and re.split("['’]", lower)[0] in _PRONOUNS:
                return True
            continue
        if lower in _VERBS or _CONTRACTION.search(bare):
            return True
        third_person = plural_s and lower.endswith("s") and not lower.endswith("ss")
        if bare[:1].islower() and lower not in _NOT_VERBS and (lower.endswith("ed") or third_person):
            return True
    return False


def fragment_reason(text: str, words: int) -> str | None:
    """'reader-address' or 'fragment' when one sentence is not a statement of the story, else None."""
    if _READER_ADDRESS.match(text) and not _ATTRIBUTED_QUOTE.search(text):
        return "reader-address"
    low = text.lower()
    if any(cue in low for cue in _POINTER_CUES) and _PAGE_POINTER.search(text) or "(" in text and _VIDEO_TITLE.search(text):
        return "reader-address"
    if _PULL_QUOTE_CREDIT.match(text) or _QUOTE_HEADLINE.match(text) or _GLUED_BYLINE.match(text):
        return "fragment"
    if text.startswith("[") and text.count("[") > text.count("]"):  # "[Rapinoe responds: 'It's [expletive] ..." a cut related link
        return "fragment"
    if text[:1].islower() and not _BRAND.match(text):  # the tail of a sentence split by the page ("said Ana Lopes, who ...")
        return "fragment"
    if words <= FRAGMENT_MAX_WORDS and not _has_verb(text.split()):
        return "fragment"
    if words <= PART_OF_SET_MAX_WORDS and _PART_OF_SET.match(text) and not _has_verb(text.split(), plural_s=False):
        return "fragment"
    return None


_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def addresses_reader(paragraph: str) -> bool:
    """A paragraph of several sentences, each talking to the reader, and no quotation: a horoscope,
    a how-to box, a fundraising appeal ("You can expect ... Don't be too passive. This is your time")."""
    if any(mark in paragraph for mark in "\"“”"):
        return False
    sentences = _SENTENCE_BREAK.split(paragraph)
    return len(sentences) > 1 and all(_READER_ADDRESS.match(s) or _SECOND_PERSON.search(s) for s in sentences)
