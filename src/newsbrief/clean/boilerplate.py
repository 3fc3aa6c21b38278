"""The wording rules of boilerplate, as data: link-farm labels, and named patterns for calls to action,
site furniture, embed and archive notices, each run only on lines holding one of its trigger words.

A rule is added by giving it a name, its trigger words and its pattern; `boilerplate_rule` names the
rule a line matches, so tests and benchmarks can say which rule removed what.
"""

from __future__ import annotations

import re

LINK_LABEL = re.compile(
    r"""^\W*(?:
        (?:more|related|latest|top|recommended|trending|popular|breaking|other)\s+
            (?:news|stories|story|articles?|coverage|videos?|links?|reading|from\b.*|on\b.*)
      | read\s+(?:more|next|also|this|the\s+full\s+story) | read
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
BOILERPLATE_RULES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "sign-up": (("sign", "signing"), r"\bsign(?:ing)?\s+up\b"),
    "subscribe": (("subscribe", "subscribing", "subscription", "unsubscribe", "newsletter", "newsletters"), None),
    "mailing-list": (("mailing",), r"\bmailing\s+list\b"),
    "licensing": (("licensing",), r"\blicensing\s+(?:requests?|inquiries|enquiries)\b"),
    "editor-note": (("note",), r"^\W*(?:editor'?s\s+)?note\s*:"),
    "source-line": (("source", "sources"), r"^\W*sources?\s*:"),  # a table's or graphic's source
    "app": (("download", "app"), r"\bdownload\s+(?:the|our)\b.*\bapp\b|\bapp\s+(?:store|now)\b"),
    "follow": (("follow",), r"\bfollow\s+(?!(?:him|her|them|it|me|you)\b)(?:us|@?[\w.]+(?:\s+[\w.]+)?)\s+on\s+(?:twitter|facebook|instagram)\b"
               r"|^\W*follow\s+(?:the\s+)?[\w.@-]+(?:\s+[\w.-]+){0,3}\s+on\s+(?:twitter|facebook|instagram)\b|\bfollow\s+@\w+"
               r"|\bfollow\s+(?:him|her|them)\s+on\s+(?:twitter|facebook|instagram)\s*(?:at\b|:|@|$)"),
    "contact": (("reached",), r"\bcan\s+be\s+reached\s+(?:at|on|by)\b"),
    "login": (("log", "sign", "login"), r"\byou\s+must\s+(?:log|sign)\s*in\b|\b(?:log|sign)\s*in\s+to\s+(?:continue|comment|read|view|keep)\b"),
    "comment-prompt": (("comments", "add"),
                       r"\b(?:post(?:ing)?|share|leave|tell\s+us|let\s+us\s+know)\b[^.]{0,40}\bin\s+the\s+comments\b|\bwant\s+to\s+add\s+to\s+this\s+story\b"),
    "social-bar": (("facebook",), r"\blike\s+us\s+on\s+facebook\b|\bfacebook\s+twitter\s+(?:pinterest|email|whatsapp|linkedin)\b"),
    "share": (("share",), r"\bshare\s+(?:this|on)\s+(?:story|article|facebook|twitter)\b|^\W*share\b"),
    "javascript": (("javascript",), None),
    "click": (("click", "clicking"),
              r"\bclick(?:ing)?\s+(?:here|below|through|for\s+more|the\s+box|to\s+\w+|on\s+the\s+(?:link|banner|button))\b"),
    "legal": (("privacy", "terms", "rights", "copyright", "©"),
              r"\bprivacy\s+policy\b|\bterms\s+of\s+(?:use|service)\b|\ball\s+rights\s+reserved\b|\bcopyright\b|©"),
    "republish": (("published", "reproduced", "redistributed"), r"\bmay\s+not\s+be\s+(?:published|reproduced|redistributed)"),
    "credit-line": (("contributed", "contributing", "appeared", "original", "originally"),
                    r"\bcontributed\s+to\s+this\s+report\b|^\W*contributing\s*:|\b(?:original|this)\s+(?:article|story)\s+(?:appeared|was\s+published)\b|\boriginal\s+article\s+on\b"
                    r"|^\W*(?:this|the)\s+(?:article|story|post)\s+(?:was\s+)?originally\s+(?:published|appeared)\b|^\W*originally\s+(?:published|appeared)\b"),
    "reporting-credit": (("reporting", "editing", "writing"),
                         r"^\W*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*(?:;|\)\W*$)|;\s*editing\s+by\b"),
    "correction": (("correction", "clarification", "corrected", "updated", "amended", "version", "editor", "wording"),
                   r"^\W*(?:correction|clarification|editor'?s\s+note)\s*:|\ban\s+earlier\s+version\s+of\s+this\s+(?:story|article|report|post)\b"
                   r"|^\W*(?:this|the)\s+(?:story|article|post|report)\s+(?:has\s+been|was)\s+(?:updated|corrected|amended|clarified)\b"
                   r"|\b(?:this|the)\s+(?:story|article|post|piece)\s+has\s+been\s+(?:updated|corrected|amended|changed)\b|\bwording\s+in\s+this\s+(?:piece|story|article)\b"),
    "reprints": (("reprints", "copies"), r"\border\s+reprints\b|\bpresentation-ready\s+copies\b"),
    "tip-line": (("tip", "@", "email"), r"\bhave\s+a\s+(?:news\s+)?tip\b|\btips@|\bemail\s+(?:us|the\s+author)\b"),
    "player": (("feature", "rating", "again", "video"),
               r"\bfeature\s+is\s+not\s+available\b|\brating\s+is\s+available\s+when\b|\bplease\s+try\s+again\s+later\b|\b(?:watch|play|related)\s+video\b"
               r"|^\W*warning\s*:\s*(?:the|this)\s+(?:following\s+)?video\b"),
    "media-player": (("playback", "media"), r"\bmedia\s+playback\s+is\s+unsupported\b|^\W*media\s+caption\b"),
    "embed": (("shared", "autoplay", "copy", "previous", "photos"),
              r"\ba\s+post\s+shared\s+by\b|\bautoplay\s+(?:autoplay|close)\b|\bcopy\s+this\s+code\b|\bprevious\s+next\W*$|\bview\s+photos\b"),
    "site-widget": (("interest", "exclusives", "highlights", "section"),
                    r"\badd\s+as\s+an\s+interest\b|\bweb\s+exclusives\b|\bhighlights\s+from\s+the\s+show\b|^\W*story\s+highlights\b"
                    r"|\bin\s+the\s+[“\"][^”\"]{1,40}[”\"]\s+section\b"),
    "continue": (("continue", "continued"), r"\bcontinue\s+reading\b|\bstory\s+continued\s+below\b"),
    "ad": (("advertisement", "sponsored", "ad", "message", "charged", "cancel"),
           r"^\W*advertisement\b|\bsponsored\s+content\b|^\W*ad\W*$|^\W*a\s+message\s+from\b|\bcard\s+will\s+be\s+charged\b|\buntil\s+you\s+cancel\b"
           r"|\bwon'?t\s+be\s+charged\b"),
    "site-error": (("domain", "page", "transcript", "address", "404"),
                   r"\bdomain\s+mapping\b|\bcustom\s+domain\b|\bpage\s+(?:not\s+found|cannot\s+be\s+found|you\s+requested)\b"
                   r"|\btrying\s+to\s+reach\s+a\s+page\b|\bpage\s+(?:url\s+)?may\s+have\s+(?:changed|moved)\b|\bthis\s+page\s+is\s+(?:not|no\s+longer)\s+available\b"
                   r"|\btranscript\s+could\s+not\s+be\s+loaded\b|\bip\s+address\s+has\s+changed\b|^\W*(?:error\s+)?404\b"),
    # Paywall and subscription teasers: "To read this story in full ... you must be a subscriber to All Access".
    "paywall": (("subscriber", "subscribers", "full", "access", "premium"),
                r"\b(?:you\s+must\s+be|already\s+a|become\s+a|are\s+you\s+a)\s+(?:paid\s+|digital\s+)?subscriber\b"
                r"|\bto\s+(?:read|continue\s+reading|view|access)\s+(?:this|the)\s+(?:full\s+)?(?:story|article|content)(?:\s+in\s+full)?\s*,?\s*(?:you|please|log|sign|subscribe)"
                r"|\bsubscribers?[\s-]+only\s+(?:content|story|article)\b|\bpremium\s+(?:content|article)\s+(?:for|available)\b"
                r"|\bunlimited\s+(?:digital\s+)?access\b"),
    "comments": (("comment", "comments", "join"),
                 r"\bno\s+comments?\b|\bleave\s+a\s+comment\b|\bbe\s+the\s+first\s+to\s+comment\b|^\W*\d+\s+comments?\b"
                 r"|\bcomments?\s+(?:are|have\s+been)\s+closed\b|\bjoin\s+the\s+(?:conversation|discussion)\b"),
    "tweet-embed": (("tweet", "tweets", "pic", "@"),
                    r"\btweet\s+with\s+a\s+location\b|\blocation\s+information\s+to\s+your\s+tweets\b|pic\.twitter\.com"
                    r"|—\s*[^—()]{1,60}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}"),
    "archive": (("internet", "alexa", "crawl", "crawls", "crawler", "seed", "warc", "wayback", "wikipedia", "partner", "inter", "domain"),
                r"\binternet\s+archive\b|\balexa\s+internet\b|\bweb\s+crawl|\bcrawls?\b.*\barchive\b|\bwarc\b|\bwayback\b"
                r"|\bfrom\s+wikipedia,\s+the\s+free\s+encyclopedia\b|archive-it\s+partner\b|\binter-domain\b|\bwide\d{5}\b|\blinked-to\s+domain\b"
                r"|\bthis\s+crawl\s+was\b|\bcrawler\s+configuration\b|\bseed\s+list\b"),
    "outlet-blurb": (("byline", "provides", "provide", "wire"),
                     r"\bbyline\b|\bprovides?\s+news\s+and\s+information\b|\bwire\s+service\s+reports?\b"),
    "reading-time": (("reading",), r"\breading\s+time\b"),
    "caption": (("image", "photo", "picture", "photograph", "getty"),
                r"^\W*(?:image|photo|picture)\s+(?:copyright|caption|credit)\b|^\W*photo(?:graph)?\s*:"
                r"|\(\s*(?:ap|afp|reuters|getty)\s+photo\b|\bgetty\s+images\b"),
    "photo-credit": (("photo", "image", "caption", "credit"),
                     r"^\W*file\s+photo\s*:|\(\s*photo(?:\s+by|\s*:)|\benlarge\s+this\s+image\b|\b(?:toggle|hide)\s+caption\b"
                     r"|^\W*credit\s*:|\bcredit\s*:\s*(?:ap|afp|reuters|getty)\b|\|\s*(?:[\w.' -]+/)?ap\s+photo\b"
                     r"|\bphoto:\s+[^.]{0,60}\s/\s|\bimage\s+courtesy\b"),
    "related-link": (("related",), r"^\W*related\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*:"),
    "gallery": (("skip", "embed", "watched", "replay", "gallery", "go", "pictures", "photos"),
                r"\bskip\s+in\s+skip\b|\bembed\s+x\s+share\b|\bjust\s+watched\b|\breplay\s+more\s+videos\b|\bphoto\s+gallery\b"
                r"|\bbefore\s+you\s+go\b|\bhere\s+are\s+the\s+(?:pictures|photos)\b|\bskip\s+(?:twitter|facebook|instagram|youtube)\s+post\b"),
    "more-bar": (("more",), r"^\W*more\s*\|"),
    # AP-style photo captions: "..., Monday, June 5, 2017." (prose says "on Monday"), "Jane Roe, left, and ...",
    # "In this Jan. 14, 2013 file photo, ..." (one rule per trigger group: each regex runs only where it can match)
    "caption-date": (("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                     r"day,\s+(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b"),
    "caption-position": (("left", "right", "center", "centre"),
                         r",\s+(?:left|right|center|centre|(?:second|third)\s+from\s+(?:left|right)|from\s+(?:left|right))\s*,|^\W*from\s+left\b(?!\s+to\b)"),
    "caption-file": (("file",), r"^\W*file\s*[-–—:]\s"),
    "caption-style": (("photo", "picture", "image", "still", "photograph", "poses", "shown", "diagram", "graphic", "graph", "map", "chart",
                       "illustration"),
                      r"^\W*in\s+this\s+(?:[\w.,]+\s+){0,5}?(?:file\s+)?(?:photo|image|picture|handout\s+photo|video\s+still)\b"
                      r"|^\W*(?:an?\s+)?(?:undated\s+)?(?:photo(?:graph)?|picture)\s+from\s+the\b"
                      r"|\bposes\s+(?:for\s+(?:a\s+)?(?:photos?|portraits?|pictures?|photographers)|with)\b|\b(?:is|are)\s+shown\W*$"
                      r"|^\W*this\s+(?:diagram|graphic|graph|map|chart|illustration|image|photo)\s+shows\b|^\W*this\s+is\s+a\s+(?:photo|picture|image)\s+of\b"
                      r"|\bthis\s+(?:undated\s+)?(?:photo|image|picture)\s+(?:provided|released|taken|made\s+available|obtained)\s+by\b"),
    "page-chrome": (("size", "accessibility", "skip", "robot", "invalid", "thanks", "characters"),
                    r"\b(?:text|font)\s+size\b|\baccessibility\s+links\b|\bskip\s+to\s+(?:main\s+)?content\b|\benter\s+the\s+characters\b"
                    r"|\bverify\s+you'?re\s+not\s+a\s+robot\b|\binvalid\s+email\b|\bthanks\s+for\s+(?:subscribing|signing)\b"),
}
_TRIGGERS: dict[str, list[tuple[str, re.Pattern[str] | None]]] = {}
for _name, (_words, _pattern) in BOILERPLATE_RULES.items():
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
