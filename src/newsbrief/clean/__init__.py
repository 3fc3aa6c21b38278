"""Remove the noise scraped news carries and repair glued text, before sentence splitting.

Rules are about *kinds* of noise, checked on the Multi-News dev data rather than on one site's
strings: page chrome is short text that is not prose; link farms start with a promotional label
("More news:", "Read more:", "Watch related video below:"); calls to action, share bars, comment
stubs and archive/embed boilerplate are matched by their wording; photo captions are lines an
article prints twice; lines repeated across articles of one cluster are site furniture. Captions
and fragments known only by their shape (a trailing photo credit, a dangling "Here's what you need
to know:") are recognized in `captions.py` and `fragments.py`; the wording rules are data in
`boilerplate.py`.
Every rule has a name so tests and benchmarks can say which rule removed what.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from newsbrief.clean.boilerplate import LINK_LABEL, boilerplate_rule
from newsbrief.clean.captions import SENTENCE_INSIDE, caption_reason, strip_glued_credit
from newsbrief.clean.fragments import addresses_reader, fragment_reason
from newsbrief.clean.wire import from_wire
from newsbrief.types import Article

# A line of prose ends like a sentence; headlines, menus, size toggles and bylines do not.
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”’]\s*$")
_LONG_ENOUGH_TO_BE_PROSE = 15  # words; a longer unpunctuated line is a truncated paragraph, kept
_TITLE_WINDOW = 6  # a headline sits among the first lines, under the site's navigation
_STANDFIRST_WINDOW = 3  # an unpunctuated line this high, followed by the story, is a headline, deck or caption
_STANDFIRST_MAX_WORDS = 40

# Case matters: "CLOSE" opens a video widget's text, "Close aides said" opens prose. A repeated
# first name opens a name card ("Donald Trump Donald John Trump..."). Labels like "Explained:" or
# "NEWS:" introduce a link when the line is short.
_WIDGET_LABEL = re.compile(r"^(?:CLOSE|JUST WATCHED|LIVE BLOG)\b|^([A-Z][a-z]+)\s+[A-Z][a-z]+\s+\1\s+[A-Z]")
_TRAILING_LINK = re.compile(r"\s[Rr]ead\s+more\s*$")  # "<headline> Read more": a related link
# A name card glued to headlines: "James Clapper James Robert ClapperClapper: Trump was serious..."
_NAME_CARD = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z][\w'-]+)\s+\1\s+(?:[A-Z][\w.'-]+\s+){0,2}\2[A-Z]")
_SHORTLINK_LABEL = re.compile(
    r"^\W*(?:explained|news|analysis|opinion|interactive|quiz|factbox|graphic|podcast)\s*:"
    r"|^\W*(?:starring|directed\s+by|rated\s+(?:g|pg|pg-13|r|nc-17)\b|running\s+time\b)|\bwith\s+english\s+subtitles\b",  # a review's info box
    re.I,
)
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\W*$")


def _is_teaser(line: str) -> bool:
    """A cut-off headline or blurb linking elsewhere: Title Case words, or a few words with no
    quotation, ending in an ellipsis ("Flower products can be found...")."""
    if not _ELLIPSIS_END.search(line):
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) <= 8 and not any(q in line for q in "\"“”"):
        return True
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


# "Ana Lopes and Tom Reyes are reporters for the Bay Observer": who wrote the story, not what happened.
_STAFF_CREDIT = re.compile(
    r"^\W*(?:[A-Z][\w.'’-]+\s+){1,3}(?:and\s+(?:[A-Z][\w.'’-]+\s+){1,3})?(?:is|are)\s+(?:an?\s+)?(?:staff\s+)?"
    r"(?:reporters?|writers?|correspondents?)\s+(?:for|at|with)\s+(?:the\s+)?[A-Z]"
)
_BYLINE = re.compile(  # "By Jane Roe", not "By Friday the channel was open"
    r"^\W*(?:by\s+(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|then|now|the|a|an|late|early|noon|midnight)\b)(?-i:[A-Z])"
    r"|(?:posted|published|updated|last\s+updated|written\s+by|reporting\s+by|with\s+reporting\s+by)\b).{0,80}$",
    re.I,
)
# A link pasted into the text ("... he said.” http://bit.ly/x", "KTUU-TV (http://bit.ly/y)"): removed when
# it is in parentheses or ends the line, where taking it out leaves the sentence whole. A link in
# the middle of a sentence ("go to www.lapd.org and click") is part of what the sentence says.
_URL = r"(?:https?://|www\.)[^\s<>\"“”()]*[^\s<>\"“”().,;:!?'’]"
_ANY_URL = re.compile(_URL, re.I)  # two or more in one line: a link dump (feed junk, "follow X at <link> and Y at <link>")
_URL_IN_PARENS = re.compile(rf"\s*\(\s*(?:(?:available|see|via|source|more|read\s+more)\s*(?:at|here|on)?\s*:?\s*)?{_URL}\s*\)", re.I)
_URL_AT_END = re.compile(rf"\s*(?:[-–—➜→:|]\s*)?{_URL}(?P<tail>[\s*.…\"”’']*)$", re.I)
_GLUED_SENTENCE = re.compile(r"(?<=[a-z)\]0-9%][a-z)\]%][.!?])([\"“'‘]?)(?=[A-Z][a-z])")
_GLUED_INITIALS = re.compile(r"\b([A-Z]\.[A-Z]\.)(?=[a-z]{3,})")
_MAYBE_GLUED = re.compile(r"[.!?][\"“'‘]?[A-Z]|[A-Z]\.[a-z]")  # a cheap test before the two patterns above
_WORD = re.compile(r"(?<![\w-])[a-z]{6,}(?![\w-])")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-öø-ÿ]{3,}(?![\w-])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")  # JSON can carry them ("\ud800"); no encoder accepts them
_LETTER = re.compile(r"[^\W\d_]")
_NON_WORD = re.compile(r"\W+")
_LOST_SPACE = re.compile(r"(?<=[a-z])\?\?(?=[a-z])")  # a no-break space an export turned into "??"


def noise_reason(line: str, *, sentence: bool = False) -> str | None:
    """Why a line or sentence is noise (a rule name), or None if it is content.

    sentence: the text is one sentence cut from a paragraph by `segment` (a line may hold several).
    """
    stripped = line.strip()
    if not stripped:
        return "empty"
    if LINK_LABEL.match(stripped):
        return "link-label"
    rule = boilerplate_rule(stripped)
    if rule:
        return rule
    words = len(stripped.split())
    if _WIDGET_LABEL.match(stripped) or _TRAILING_LINK.search(stripped[-24:]) or _NAME_CARD.search(stripped):
        return "link-label"
    if words <= 12 and _SHORTLINK_LABEL.search(stripped):
        return "link-label"
    if words >= 4 and _is_teaser(stripped):
        return "teaser"
    single = sentence or not SENTENCE_INSIDE.search(stripped)  # the shape rules take a whole line only when it is one sentence
    caption = caption_reason(stripped, words, single=single)
    if caption:
        return caption
    if single:
        fragment = fragment_reason(stripped, words)
        if fragment:
            return fragment
    elif addresses_reader(stripped):
        return "reader-address"
    if words <= 12 and _BYLINE.match(stripped) or words <= 40 and _STAFF_CREDIT.match(stripped):
        return "byline"
    if words < _LONG_ENOUGH_TO_BE_PROSE and not _ENDS_LIKE_SENTENCE.search(stripped):
        return "not-prose"
    if stripped.endswith(":") and words < _LONG_ENOUGH_TO_BE_PROSE:
        return "not-prose"
    if not _LETTER.search(stripped) or words >= 8 and _is_table(stripped):
        return "not-prose"
    return None


def _is_table(line: str) -> bool:
    """A table flattened into one line ("Family Size 100% 138% 150% 1 $15,180 20,948 ..."): mostly numbers."""
    tokens = line.split()
    if sum(map(line.count, "0123456789")) < 0.5 * len(tokens):  # too few digits: cheap, and true of nearly every line
        return False
    return sum(any(ch.isdigit() for ch in token) for token in tokens) >= 0.5 * len(tokens)


def strip_urls(line: str) -> str:
    """A line without the links pasted into it in parentheses or at its end."""
    if "://" not in line and "www." not in line:
        return line
    line = _URL_IN_PARENS.sub("", line)
    for _ in range(5):  # several links in a row ("http://a http://b")
        found = _URL_AT_END.search(line)
        if not found:
            break
        head = line[: found.start()].rstrip()
        quotes = "".join(ch for ch in found.group("tail") if ch in "\"”’'")
        line = head + quotes if head else ""
    return line.strip()


def normalize_text(text: str) -> str:
    """Unicode NFC, no invisible characters, single spaces, Unix newlines, Multi-News markers."""
    text = unicodedata.normalize("NFC", LONE_SURROGATE.sub("\ufffd", text.replace("NEWLINE_CHAR", "\n")))
    text = _LOST_SPACE.sub(" ", _INVISIBLE.sub("", text)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


_KNOWN_ZIPF = 1.0  # a word at least this frequent (Zipf) is a word, not two glued together
_KNOWN = 10 ** (_KNOWN_ZIPF - 9)  # the same as a frequency


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def _zipf(word: str) -> float:
    """Zipf frequency (log10 per billion words; 0 for unknown) from wordfreq's English list."""
    freq = _english_frequencies().get(word)
    return math.log10(freq * 1e9) if freq else 0.0


@lru_cache(maxsize=200_000)
def _split_glued_word(word: str) -> str:
    """'productiveconversation' -> 'productive conversation' when both halves are common words."""
    if _zipf(word) >= _KNOWN_ZIPF:
        return word
    best, best_score = word, 0.0
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        score = min(_zipf(left), _zipf(right))
        if score > best_score:
            best, best_score = f"{left} {right}", score
    return best if best_score >= 3.5 else word


def repair_glued(text: str, *, english: bool = True) -> str:
    """Undo the glue scrapers leave: 'said.The' -> 'said. The', 'wayand' -> 'way and'.

    Only lowercase tokens unknown to an English word list are split, and only into two common
    words, so names and rare words stay as written. With english=False only sentence glue is
    repaired: in French every other word is unknown to the list ("transportant" is not
    "transport ant").
    """
    if _MAYBE_GLUED.search(text):
        text = _GLUED_SENTENCE.sub(lambda m: " " + m.group(1), text)
        text = _GLUED_INITIALS.sub(r"\1 ", text)
    if not english:
        return text
    known = _english_frequencies()
    if all(known.get(word, 0.0) >= _KNOWN for word in _WORD.findall(text)):  # most lines: nothing to split
        return text
    return _WORD.sub(lambda m: _split_glued_word(m.group(0)), text)


def looks_english(text: str, *, sample: int = 100) -> bool:
    """Whether most of the first `sample` lowercase words are common English words (Zipf >= 3)."""
    words = _LOWER_WORD.findall(text[: sample * 12])[:sample]
    return not words or sum(_zipf(w) >= 3.0 for w in words) >= 0.6 * len(words)


def _line_key(line: str) -> str:
    return _NON_WORD.sub(" ", line.lower()).strip()


def _is_standfirst(line: str, position: int, total: int) -> bool:
    """A long headline or deck above the story ("A parking lot in Scotland was once the site of a
    Viking parliament, new research suggests"): one unpunctuated sentence among the first lines.
    Shorter ones are already "not-prose"; an article that is only this line keeps it."""
    return (
        position < min(_STANDFIRST_WINDOW, total - 1)
        and len(line.split()) <= _STANDFIRST_MAX_WORDS
        and not _ENDS_LIKE_SENTENCE.search(line)
        and not SENTENCE_INSIDE.search(line)
    )


def _is_headline(line: str) -> bool:
    """A headline has a few words and is not a menu ("Home | Local | Sports")."""
    return 4 <= len(line.split()) <= 25 and line.count("|") < 2 and line.count("•") < 2


def join_broken_lines(lines: list[str]) -> list[str]:
    """Lines a scraper broke mid-sentence, joined again: a line without final punctuation followed by
    one that starts in lowercase and ends a sentence ("... for middle and high school students" /
    "in up to 40 states – in many for the first time."). Unpunctuated lists stay apart."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and line[:1].islower()
            and _ENDS_LIKE_SENTENCE.search(line)
            and not _ENDS_LIKE_SENTENCE.search(joined[-1])
            and joined[-1][-1:].isalnum()
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


_OPEN_QUOTE_AT_END = re.compile(r"\s+[‘“'\"]$")


def _without_open_quote(title: str) -> str:
    """A title cut off just after its opening quotation mark ("… summit ‘", the page's own truncation)
    loses the mark, so the name citations show does not open a quotation that never closes."""
    return _OPEN_QUOTE_AT_END.sub("", title)


def clean_article(article: Article, *, shared_lines: frozenset[str] = frozenset()) -> Article:
    """Drop noise lines from one article and repair glued words.

    shared_lines: normalized short lines seen in other articles of the cluster (site furniture).
    The first headline-like line near the top becomes the title when none is known.
    """
    lines = join_broken_lines([line for line in normalize_text(from_wire(article.text)).split("\n") if line])
    keys = [_line_key(line) for line in lines]
    counts = Counter(keys)
    title = article.title
    kept: list[str] = []
    for position, (line, key) in enumerate(zip(lines, keys, strict=True)):
        links = len(_ANY_URL.findall(line)) if "://" in line or "www." in line else 0
        line = strip_glued_credit(strip_urls(line))
        reason = "link-dump" if links >= 2 else noise_reason(line)
        if reason is None and _is_standfirst(line, position, len(lines)):
            reason = "standfirst"
        if title is None and position < _TITLE_WINDOW and reason in ("not-prose", "standfirst") and _is_headline(line):
            title = _without_open_quote(line)
            continue
        if reason or counts[key] > 1 and len(line.split()) < 40 or key in shared_lines:
            continue
        kept.append(line)
    english = looks_english("\n".join(kept))
    kept = [repair_glued(line, english=english) for line in kept]
    return replace(article, text="\n".join(kept), title=title)


def clean_cluster(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Clean every article, also removing short lines that several articles share verbatim."""
    seen_in: Counter[str] = Counter()
    for article in articles:
        keys = {_line_key(line) for line in article.text.split("\n") if 0 < len(line.split()) <= 12}
        seen_in.update(keys)
    shared = frozenset(key for key, count in seen_in.items() if count > 1 and key)
    return tuple(clean_article(article, shared_lines=shared) for article in articles)
