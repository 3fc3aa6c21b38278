"""Remove the noise scraped news carries and repair glued text, before sentence splitting.

Rules are about *kinds* of noise, checked on the Multi-News dev data rather than on one site's
strings: page chrome is short text that is not prose; link farms start with a promotional label
("More news:", "Read more:", "Watch related video below:"); calls to action, share bars, comment
stubs and archive/embed boilerplate are matched by their wording; photo captions are lines an
article prints twice; lines repeated across articles of one cluster are site furniture.
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

from newsbrief.types import Article

# A line of prose ends like a sentence; headlines, menus, size toggles and bylines do not.
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”’]\s*$")
_LONG_ENOUGH_TO_BE_PROSE = 15  # words; a longer unpunctuated line is a truncated paragraph, kept
_TITLE_WINDOW = 6  # a headline sits among the first lines, under the site's navigation

_LINK_LABEL = re.compile(
    r"""^\W*(?:
        (?:more|related|latest|top|recommended|trending|popular|breaking|other)\s+
            (?:news|stories|story|articles?|coverage|videos?|links?|reading|from\b.*|on\b.*)
      | read\s+(?:more|next|also|this|the\s+full\s+story)
      | see\s+(?:also|more)|also\s+(?:read|see|on)|also
      | watch(?:\s+\w+){0,4} | video | photos? | gallery | listen
      | more | related | trending\s+news | most\s+(?:popular|read|viewed|shared)
      | click\s+here | don'?t\s+miss | editor'?s\s+picks? | you\s+may\s+also\s+like | further\s+reading
      | follow\s+us | sign\s+up | subscribe | share\s+this | online
    )\s*:""",
    re.I | re.X,
)

# Wording that marks calls to action, site furniture and embed/archive boilerplate, indexed by
# trigger words: a rule's pattern runs only on lines containing one of its triggers (a single
# alternation of all rules costs ~0.4 ms a line in Python's re). A None pattern means the trigger
# word alone marks the line.
_BOILERPLATE_RULES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "sign-up": (("sign", "signing"), r"\bsign(?:ing)?\s+up\b"),
    "subscribe": (("subscribe", "subscribing", "subscription", "unsubscribe", "newsletter", "newsletters"), None),
    "app": (("download", "app"), r"\bdownload\s+(?:the|our)\b.*\bapp\b|\bapp\s+(?:store|now)\b"),
    "follow": (("follow",), r"\bfollow\s+(?:us|@?[\w.]+(?:\s+[\w.]+)?)\s+on\s+(?:twitter|facebook|instagram)\b"),
    "social-bar": (("facebook",), r"\blike\s+us\s+on\s+facebook\b|\bfacebook\s+twitter\s+(?:pinterest|email|whatsapp|linkedin)\b"),
    "share": (("share",), r"\bshare\s+(?:this|on)\s+(?:story|article|facebook|twitter)\b|^\W*share\b"),
    "javascript": (("javascript",), None),
    "click": (("click", "clicking"), r"\bclick(?:ing)?\s+(?:here|the\s+box|to\s+\w+)\b"),
    "legal": (("privacy", "terms", "rights", "copyright", "©"),
              r"\bprivacy\s+policy\b|\bterms\s+of\s+(?:use|service)\b|\ball\s+rights\s+reserved\b|\bcopyright\b|©"),
    "republish": (("published", "reproduced", "redistributed"), r"\bmay\s+not\s+be\s+(?:published|reproduced|redistributed)"),
    "credit-line": (("contributed", "appeared", "original"),
                    r"\bcontributed\s+to\s+this\s+report\b|\b(?:original|this)\s+(?:article|story)\s+(?:appeared|was\s+published)\b|\boriginal\s+article\s+on\b"),
    "tip-line": (("tip", "@", "email"), r"\bhave\s+a\s+(?:news\s+)?tip\b|\btips@|\bemail\s+(?:us|the\s+author)\b"),
    "player": (("feature", "rating", "again", "video"),
               r"\bfeature\s+is\s+not\s+available\b|\brating\s+is\s+available\s+when\b|\bplease\s+try\s+again\s+later\b|\b(?:watch|play|related)\s+video\b"),
    "continue": (("continue", "continued"), r"\bcontinue\s+reading\b|\bstory\s+continued\s+below\b"),
    "ad": (("advertisement", "sponsored", "ad"), r"^\W*advertisement\b|\bsponsored\s+content\b|^\W*ad\W*$"),
    "comments": (("comment", "comments", "join"),
                 r"\bno\s+comments?\b|\bleave\s+a\s+comment\b|\bbe\s+the\s+first\s+to\s+comment\b|^\W*\d+\s+comments?\b"
                 r"|\bcomments?\s+(?:are|have\s+been)\s+closed\b|\bjoin\s+the\s+(?:conversation|discussion)\b"),
    "tweet-embed": (("tweet", "tweets", "pic", "@"),
                    r"\btweet\s+with\s+a\s+location\b|\blocation\s+information\s+to\s+your\s+tweets\b|pic\.twitter\.com"
                    r"|—\s*[^—()]{1,60}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}"),
    "archive": (("internet", "alexa", "crawl", "crawls", "warc", "wayback", "wikipedia"),
                r"\binternet\s+archive\b|\balexa\s+internet\b|\bweb\s+crawl|\bcrawls?\b.*\barchive\b|\bwarc\b|\bwayback\b"
                r"|\bfrom\s+wikipedia,\s+the\s+free\s+encyclopedia\b"),
    "outlet-blurb": (("byline", "provides", "provide", "wire"),
                     r"\bbyline\b|\bprovides?\s+news\s+and\s+information\b|\bwire\s+service\s+reports?\b"),
    "reading-time": (("reading",), r"\breading\s+time\b"),
    "caption": (("image", "photo", "picture", "photograph", "getty"),
                r"^\W*(?:image|photo|picture)\s+(?:copyright|caption|credit)\b|^\W*photo(?:graph)?\s*:"
                r"|\(\s*(?:ap|afp|reuters|getty)\s+photo\b|\bgetty\s+images\b"),
    "page-chrome": (("size", "accessibility", "skip", "robot", "invalid", "thanks"),
                    r"\b(?:text|font)\s+size\b|\baccessibility\s+links\b|\bskip\s+to\s+(?:main\s+)?content\b"
                    r"|\bverify\s+you'?re\s+not\s+a\s+robot\b|\binvalid\s+email\b|\bthanks\s+for\s+(?:subscribing|signing)\b"),
}
_TRIGGERS: dict[str, list[tuple[str, re.Pattern[str] | None]]] = {}
for _name, (_words, _pattern) in _BOILERPLATE_RULES.items():
    for _word in _words:
        _TRIGGERS.setdefault(_word, []).append((_name, re.compile(_pattern) if _pattern else None))
_TRIGGER_TOKEN = re.compile(r"[a-z]+|[@©]")


def boilerplate_rule(line: str) -> str | None:
    """The name of the boilerplate rule a line matches, if any."""
    low = line.lower()
    for token in set(_TRIGGER_TOKEN.findall(low)).intersection(_TRIGGERS):
        for name, pattern in _TRIGGERS[token]:
            if pattern is None or pattern.search(low):
                return name
    return None


_BYLINE = re.compile(
    r"^\W*(?:by|posted|published|updated|last\s+updated|written\s+by|reporting\s+by|with\s+reporting\s+by)\b.{0,80}$", re.I
)
_GLUED_SENTENCE = re.compile(r"(?<=[a-z)\]0-9%][a-z)\]%][.!?])([\"“'‘]?)(?=[A-Z][a-z])")
_GLUED_INITIALS = re.compile(r"(?<=\b[A-Z]\.[A-Z]\.)(?=[a-z]{3,})")
_WORD = re.compile(r"(?<![\w-])[a-z]{6,}(?![\w-])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def noise_reason(line: str) -> str | None:
    """Why a line or sentence is noise (a rule name), or None if it is content."""
    stripped = line.strip()
    if not stripped:
        return "empty"
    if _LINK_LABEL.match(stripped):
        return "link-label"
    rule = boilerplate_rule(stripped)
    if rule:
        return rule
    words = len(stripped.split())
    if words <= 12 and _BYLINE.match(stripped):
        return "byline"
    if not _ENDS_LIKE_SENTENCE.search(stripped) and words < _LONG_ENOUGH_TO_BE_PROSE:
        return "not-prose"
    if stripped.endswith(":") and words < _LONG_ENOUGH_TO_BE_PROSE:
        return "not-prose"
    if not any(ch.isalpha() for ch in stripped):
        return "not-prose"
    return None


def normalize_text(text: str) -> str:
    """Unicode NFC, no invisible characters, single spaces, Unix newlines, Multi-News markers."""
    text = unicodedata.normalize("NFC", text.replace("NEWLINE_CHAR", "\n"))
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def _zipf(word: str) -> float:
    """Zipf frequency (log10 per billion words; 0 for unknown) from wordfreq's English list."""
    freq = _english_frequencies().get(word)
    return math.log10(freq * 1e9) if freq else 0.0


def _split_glued_word(word: str) -> str:
    """'productiveconversation' -> 'productive conversation' when both halves are common words."""
    if _zipf(word) >= 1.0:
        return word
    best, best_score = word, 0.0
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        score = min(_zipf(left), _zipf(right))
        if score > best_score:
            best, best_score = f"{left} {right}", score
    return best if best_score >= 3.5 else word


def repair_glued(text: str) -> str:
    """Undo the glue scrapers leave: 'said.The' -> 'said. The', 'wayand' -> 'way and'.

    Only lowercase tokens unknown to an English word list are split, and only into two common
    words, so names and rare words stay as written.
    """
    text = _GLUED_SENTENCE.sub(lambda m: " " + m.group(1), text)
    text = _GLUED_INITIALS.sub(" ", text)
    return _WORD.sub(lambda m: _split_glued_word(m.group(0)), text)


def _line_key(line: str) -> str:
    return re.sub(r"\W+", " ", line.lower()).strip()


def _is_headline(line: str) -> bool:
    """A headline has a few words and is not a menu ("Home | Local | Sports")."""
    return 4 <= len(line.split()) <= 25 and line.count("|") < 2 and line.count("•") < 2


def clean_article(article: Article, *, shared_lines: frozenset[str] = frozenset()) -> Article:
    """Drop noise lines from one article and repair glued words.

    shared_lines: normalized short lines seen in other articles of the cluster (site furniture).
    The first headline-like line near the top becomes the title when none is known.
    """
    lines = [line for line in normalize_text(article.text).split("\n") if line]
    counts = Counter(_line_key(line) for line in lines)
    title = article.title
    kept: list[str] = []
    for position, line in enumerate(lines):
        key = _line_key(line)
        reason = noise_reason(line)
        if title is None and position < _TITLE_WINDOW and reason == "not-prose" and _is_headline(line):
            title = line
            continue
        if reason or counts[key] > 1 and len(line.split()) < 40 or key in shared_lines:
            continue
        kept.append(repair_glued(line))
    return replace(article, text="\n".join(kept), title=title)


def clean_cluster(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Clean every article, also removing short lines that several articles share verbatim."""
    seen_in: Counter[str] = Counter()
    for article in articles:
        keys = {_line_key(line) for line in article.text.split("\n") if 0 < len(line.split()) <= 12}
        seen_in.update(keys)
    shared = frozenset(key for key, count in seen_in.items() if count > 1 and key)
    return tuple(clean_article(article, shared_lines=shared) for article in articles)
