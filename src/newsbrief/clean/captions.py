"""Photo captions and fragments that no wording rule catches, recognized by their shape.

A caption ends with the picture's credit or describes a photographed moment in the present tense;
a fragment introduces a list that is gone or stops mid-phrase. Each pattern was run over every
line of the Multi-News dev file and its hits read by hand (docs/input.md); `clean.noise_reason`
applies them to lines and, through `segment`, to single sentences.
"""

from __future__ import annotations

import re

# A caption ends with the picture's credit: "... on Saturday. (Jane Roe/The Washington Post)",
# "... 2015. REUTERS/Jane Roe", "... Photograph: AP".
_CAPTION_MAX_WORDS = 70  # captions are short; a long paragraph ending in "(For example: 1 & 2)" is prose
_CAPTION_ENDINGS = re.compile(
    r"""[.!?…]["”’]?\s*\([^()]{2,80}[^.!?()\s]\)\s*$                      # (Jane Roe/AP), (Associated Press), (via Facebook)
      | [.!?]["”’]?\s+(?:photo(?:graph)?|image|credit|source|pictured)\s*:\s*[^.!?]{1,60}$
      | \b(?:reuters|afp|ap|epa|getty\s+images|shutterstock)\s*/\s*\w[\w.’ -]{1,40}$
      | [.!?]["”’]?\s+\|\s*[\w .’/&-]{1,40}$                               # "... on May 8. | Getty"
      | \bcredit\s+\w[\w.’ -]{1,40}/[\w.’ -]{1,40}$
      | [.!?]["”’]?\s+\d{1,2}:\d{2}\s*$                                      # a video's running time: ... said Det. Gomes. 1:14
      | [.!?]["”’]?\s+(?:U\.?S\.?\s+(?:Navy|Army|Air\s+Force|Marine\s+Corps|Coast\s+Guard)|NASA|Getty\s+Images|Reuters|AFP|AP|EPA)\s*$
      | [.!?]["”’]?\s+\([A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\)\s+[A-Z][\w .’&-]{2,50}$  # (May 4, 2015) Gannett Media
      | ^[^"“”]*[a-z]\s+(?:Professor|Prof\.|Dr\.)\s+[A-Z][\w.’-]+(?:\s+[A-Z][\w.’-]+){0,2},\s+[A-Z][\w ’&-]{2,60}$  # pull quote + speaker
      | [.!?…]["”’]\s*[—–]\s*[A-Z][^"“”]{1,100}$   # a blurb: ... in her new memoir."—Marie Claire; ..."—Jane Roe, author of X""",
    re.I | re.X,
)
# A caption in the present tense about a dated moment: "Russian President Vladimir Putin takes part
# in a hockey match in Sochi, Russia, on Saturday." A name (two capitalized words, then an optional
# age or party) does a photographed action; the text is one sentence naming a day or "during a(n) ...".
_CAPTION_VERBS = (
    "wears", "holds", "speaks", "stands", "sits", "waves", "gestures", "arrives", "attends", "listens", "reacts", "smiles", "greets",
    "walks", "hugs", "pauses", "prays", "takes part", "delivers", "addresses", "signs", "looks on", "leaves", "poses", "kneels",
    "cheers", "celebrates", "talks", "testifies",
)
_CAPTION_VERB = "(?:" + "|".join(v.replace(" ", r"\s+") for v in _CAPTION_VERBS) + ")"
_CAPTION_VERB_WORDS = frozenset(v.split()[0] for v in _CAPTION_VERBS)
_DAY = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
        r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?|(?:early|late)\s+(?-i:[A-Z])[a-z]+)")
_CAPTION_SUBJECT = re.compile(
    rf"^\W*(?:[\w.'’-]+,?\s+){{0,6}}?(?-i:[A-Z])[\w.'’-]+\s+(?-i:[A-Z])[\w.'’-]+,?\s+(?:\d{{1,3}},\s+|(?-i:[A-Z])[\w.-]+,\s+)?{_CAPTION_VERB}\b",
    re.I,
)
_DATED = re.compile(rf"\b{_DAY}\W*$|\b(?:on|in)\s+{_DAY}\b|\bduring\s+an?\b", re.I)
# A news-agency caption names where people stand and ends with the full date: "Francois Hollande (R)
# speaks with ... at the Elysee Palace in Paris, April 22, 2015." ("(R)" alone is a party: "Rep. King (R)").
_POSITION_MARK = re.compile(r"[A-Za-z]\s+\((?:L|R|C|L-R|R-L)\)\s")
_ENDS_WITH_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\W*$", re.I)
# A picture described without a verb: "Televised images and photographs from North Korea showing ..."
_SHOWING = re.compile(
    r"^\W*(?:[\w-]+\s+){0,2}(?:images?|photos?|photographs?|pictures?|footage|video)\b"
    r"(?:\s+(?:and|or|from|of|taken\s+by)\s+[\w-]+(?:\s+[A-Z][\w-]+)*){0,3}\s+showing\b"
    r"(?!.*\b(?:is|are|was|were|has|have|had|will|would)\b)",  # "Images showing the damage were released": a sentence
    re.I,
)
# A tabloid caption: a pun for a label, then an unpunctuated line ("Double date: While Ana and Leo
# arrived holding hands the others were less tactile"); also "Bahrain: <headline>".
_LABELLED = re.compile(r"^[A-Z][\w'’]+(?:\s+[\w'’]+){0,2}:\s+[A-Z].*[^.!?…\"'”’)\]:]\s*$")
# A second sentence starts inside the text (not after a title: "Rep. Trey Gowdy's statement:").
_TITLES = ("Mr", "Ms", "Dr", "St", "Jr", "Sr", "Lt", "Mrs", "Rep", "Sen", "Gov", "Gen", "Col", "Sgt", "Rev", "Capt", "Prof")
# The titles are checked only where a stop was found.
SENTENCE_INSIDE = re.compile(r"[.!?]" + "".join(rf"(?<!\b{t}\.)" for t in _TITLES) + r"[\"'”’]?\s+[\"'“‘]?[A-Z]")
# "Here's what you need to know:", "... with the intention of:": a sentence introducing a list, quote
# or embed that cleaning removed or that a brief cannot carry. Like a cut-off sentence, it is dropped
# alone, not with the paragraph it ends.
_LIST_INTRO = re.compile(r":[\"”’)]?\s*$")
# Cut off mid-phrase, with or without an ellipsis: "... arrive for the screening at the...",
# "... in Washington, Tuesday,...", "In a recent proceeding, the"
_CUT_OFF_WORDS = frozenset("the a an of to in on at for with and or her his their its that who which by from as".split())
_TRAILING_ELLIPSIS = re.compile(r"(?<![.!?\s\"”’'])\s?(?:\.\.\.|…)$")
_TAIL = 160  # characters: every ending above fits; searching only the tail keeps a long paragraph cheap


def _tail(text: str) -> str:
    """The end of the text, starting at a word, so `\\b` and `^`-free patterns see whole words."""
    return text if len(text) <= _TAIL else text[-_TAIL:].split(" ", 1)[-1]


def _is_cut_off(tail: str) -> bool:
    """Stopped mid-phrase, or trailing off in an ellipsis outside a quotation ("... signaling a compromise...").
    An ellipsis after a full stop ("... to hijack this event. …") marks words left out of a quote, and is kept."""
    if _TRAILING_ELLIPSIS.search(tail):
        return True
    end = tail.rstrip(" \"'”’)")
    if end.endswith(("...", "…")):
        end = end.rstrip(".… ")
    elif end[-1:] in ".!?:;":
        return False
    return end.endswith(",") or (end.rsplit(None, 1)[-1:] or [""])[0].lower() in _CUT_OFF_WORDS


def _may_end_in_credit(tail: str) -> bool:
    """Cheap test before _CAPTION_ENDINGS (a regex anchored at the end still tries every position)."""
    return tail.endswith(")") or "/" in tail or "|" in tail or ":" in tail[-70:] or tail[-12:].rsplit(None, 1)[-1][:1].isupper()


def _is_present_caption(text: str, single: bool) -> bool:
    head = text.split()[:14]  # the verb follows a name of at most ~10 words
    return bool(_CAPTION_VERB_WORDS.intersection(head) and _CAPTION_SUBJECT.match(text) and _DATED.search(text) and _one_sentence(text, single))


def _one_sentence(text: str, single: bool) -> bool:
    """single: the caller split the text into sentences already (segment), so no regex guess is needed."""
    return single or not SENTENCE_INSIDE.search(text)


def caption_reason(text: str, words: int, *, single: bool = False) -> str | None:
    """The caption or fragment rule a line or sentence matches, if any (see the patterns above).

    single: the text is known to be one sentence; otherwise the shape rules take a line only when
    it looks like one sentence, and `segment` applies them to each sentence of a paragraph.
    """
    tail = _tail(text)
    if words <= _CAPTION_MAX_WORDS and _may_end_in_credit(tail) and _CAPTION_ENDINGS.search(tail):
        return "caption-credit"
    if words <= _CAPTION_MAX_WORDS and _is_present_caption(text, single):
        return "caption-present"
    if words <= _CAPTION_MAX_WORDS and "(" in text and _POSITION_MARK.search(text) and _ENDS_WITH_DATE.search(tail):
        return "caption-style"
    if (_SHOWING.match(text) or _LABELLED.match(text)) and _one_sentence(text, single):
        return "caption-style"
    if _LIST_INTRO.search(tail) and _one_sentence(text, single):
        return "list-intro"
    if _is_cut_off(tail) and _one_sentence(text, single):
        return "teaser"
    return None


# A photo credit glued to the first sentence of the story when the caption above it was removed:
# "William Wei, Business Insider Facebook is buying Oculus VR ..." (a name, a comma, an agency, and
# the story's next capitalized word with no punctuation between).
_GLUED_CREDIT = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}?[A-Z][\w.'’-]+,\s+(?:Business\s+Insider|Getty\s+Images|Getty|Associated\s+Press|AP\s+Photo|AP|Reuters"
    r"|AFP|EPA|Bloomberg|Shutterstock|U\.?S\.?\s+Navy|U\.?S\.?\s+Army|NASA)\s+(?=[A-Z][a-z])"
)


# A share button's label glued to the story's first words: "Email This Even at 88, Betty White ...";
# a picture agency's name alone glued to a caption: "Rex Features The diary which experts ...".
_GLUED_LABEL = re.compile(
    r"^(?:(?:Email|Share|Print|Tweet)\s+(?:This|Story|Article)|Rex\s+Features|Getty\s+Images|Shutterstock|AP\s+Photo)\s+(?=[A-Z][a-z])"
)


def strip_glued_credit(line: str) -> str:
    """The line without a photo credit, a bare agency name or a share button's label glued to its start."""
    line = _GLUED_LABEL.sub("", line, count=1)
    return _GLUED_CREDIT.sub("", line, count=1) if "," in line[:80] else line
