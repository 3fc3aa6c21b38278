"""Share of brief sentences that are page noise, by rules written here independently of clean.py.

Summarizes a seeded random sample of the Multi-News dev clusters (or all of them), runs every
brief sentence through the rules below (navigation, link lists, captions and photo credits,
bylines, ads, calls to action, newsletter and social prompts, copyright and credit lines) and
prints the count and share of noisy sentences, every hit (so a person can judge it), and the
sample's briefs to a file for a hand spot-check. Optionally also the HTML fixture pages.

    python benchmarks/noise.py [--sample 100 | --all] [--seed 5] [--words 250] [--dump /tmp/noise-sample.md]
                               [--pages tests/fixtures/pages]

The rules look for what a reader would call "not part of the story"; they are deliberately
broader than clean.py's (a hit is a candidate, judged by hand) and share no code with it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the learned scorer's OpenMP threads thrash on a busy 2-core machine

from newsbrief import summarize  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "multinews-dev.jsonl"

_I = re.I
# (pattern, flags): bylines are matched case-sensitively, since "By Friday, he..." is prose and "By Ana Lopes" is not.
RULES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, flags)
    for name, (pattern, flags) in {
        "navigation": (
            r"(?:\s[|»›•]\s.*){2,}|\b(?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|main\s+menu|toggle\s+navigation|breadcrumb)\b"
            r"|^\s*(?:home|menu|search|log\s*in|sign\s*in|next|previous|prev)\s*$|\b(?:just\s+watched|must\s+watch|replay\s+more\s+videos)\b"
            r"|^(?-i:CLOSE)\s|\bmedia\s+playback\b|\bautoplay\b|\bcopy\s+this\s+code\b|\bprevious\s+next\s*$|\bview\s+photos\b|\bstory\s+highlights\b"
            r"|\bclick\s+(?:below|through|for|on\s+the)\b|\brefer\s+to\b.{0,60}\bsection\b|\badd\s+(?:as\s+an\s+)?interest\b|\bweb\s+exclusives\b",
            _I,
        ),
        # Page furniture that is not a sentence: a headline, deck or caption without final punctuation
        # ("A parking lot in Scotland was once the site of a Viking parliament, new research suggests").
        "headline": (r"[^.!?…\"'”’)\]:]\s*$", 0),
        "link-list": (
            r"^\W*(?:read\s+(?:more|next|also|the\s+full)|related(?:\s+\w+){0,2}|see\s+also|more\s+(?:from|on|stories|news)|recommended"
            r"|you\s+(?:may|might)\s+also\s+like|most\s+(?:read|popular|viewed|shared)|trending|top\s+stories|further\s+reading|also\s+read"
            r"|watch|video|listen|gallery|photos?)\b\s*[:\-–—]|\bread\s+more\s*$|^\W*(?:explained|news|quiz|analysis|opinion)\s*:\s*\S+(?:\s+\S+){0,9}$"
            r"|(?-i:^(?:\W*[A-Z][\w'’,-]*\s+){3,}(?:[A-Za-z][\w'’,-]*\s+)?[A-Z]\w*(?:\.\.\.|…)\s*$)"  # Title Case teaser cut off with "..."
            r"|(?:,|\s(?:the|a|an|of|to|in|on|at|for|with|and|or|her|his|their|that|by|from))\s*(?:\.\.\.|…)\W*$"  # a teaser cut mid-phrase
            r"|:\W{0,2}$",  # introduces a list, quote or embed the brief does not carry ("Here's what you need to know:")
            _I,
        ),
        "caption": (
            r"\((?:photo|image|picture|video|file\s+photo)\b[^)]*\)|\b(?:photo|image|picture)\s+(?:by|courtesy|credit)\b|\bphoto\s*:"
            r"|\bgetty\s+images\b|\bap\s+photo\b|\b(?:hide|toggle|show)\s+caption\b|\benlarge\s+this\s+image\b|\bimage\s+(?:source|copyright)\b"
            r"|/\s*(?:ap|afp|reuters|getty|epa|shutterstock)\s*$|\bcaption\s*:"
            r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?-i:[A-Z])[a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d\b"
            r"|^\W*in\s+this\s+(?:undated\s+)?(?:\S+\s+){0,4}(?:file\s+)?(?:photo|image|picture)\b"
            r"|^\W*(?:this|a|the)\s+(?:undated\s+)?(?:photo|image|picture)\s+(?:from|of|shows|provided|taken)\b|,\s+(?:left|right|center)\s*,"
            r"|\((?:[^()]*/[^()]*|(?:the\s+)?associated\s+press|ap|afp|reuters|via\s+[\w ]+)\)\s*$"
            r"|\b(?:reuters|ap|afp|epa)\s*/\s*\w|\|\s*\w+\s*$"
            r"|\b(?:photograph|credit|source)\s*:\s*\S+(?:\s+\S+){0,5}\s*$|^\W*file\s*[-–—]\s|^\W*from\s+left\b|\bmedia\s+caption\b"
            r"|(?-i:\((?:L|R|C)\)).*\b\d{4}\W*$|^\W*(?:\w+\s+)?(?:images|photos|photographs|footage)\b[^.]{0,40}\bshowing\b"
            r"|\b(?:photo|image)\s+(?:provided|released)\s+by\b[^.]*\bshows\b|^\W*this\s+is\s+a\s+photo\s+of\b|\ba\s+post\s+shared\s+by\b"
            r"|(?-i:^(?:[A-Z][\w.'’-]*,?\s+){2,8}(?:\d{1,3},\s+)?(?:speaks|listens|wears|holds|waves|gestures|arrives|poses|walks|smiles|takes\s+part)\b"
            r".*\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\w*\.?\s+\d|during\s+an?\s|early\s+[A-Z]))",
            _I,
        ),
        "byline": (
            r"^\W*(?:[Bb]y|[Ww]ritten\s+by|[Rr]eporting\s+by|[Pp]osted\s+by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3}\s*(?:[,|]|$)"
            r"|(?i:\b(?:staff\s+writer|associated\s+press\s+writer|staff\s+reporter|contributing\s+writer)\b)"
            r"|^\W*(?i:published|posted|updated|last\s+updated)\s*(?::|on\b|\d)|(?i:\b(?:editing|additional\s+reporting)\s+by\b)",
            0,
        ),
        "ad": (
            r"^\W*(?:advertisement|sponsored|promoted|ad\s+choices|paid\s+content)\b|\bstory\s+continues\s+below\b|\bcontinue\s+reading\b"
            r"|\bsponsored\s+content\b|\byour\s+(?:credit\s+)?card\s+will\s+be\s+charged\b|\buntil\s+you\s+cancel\b|\bfree\s+trial\b"
            r"|\bwon'?t\s+be\s+charged\b",
            _I,
        ),
        "call-to-action": (
            r"\bsign\s+up\b|\bclick\s+here\b|\bsubscribe\b|\bnewsletter\b|\bdownload\s+(?:our|the)\s+\w*\s*app\b"
            r"|\benable\s+javascript\b|\bjavascript\s+(?:is\s+)?(?:disabled|required)\b|\byour\s+browser\b.*\b(?:support|update)\b"
            r"|\bshare\s+(?:this\s+(?:article|story|page|post)|on\s+(?:facebook|twitter)|via)\b|^\W*share\b|\blike\s+us\s+on\b|\bfollow\s+(?:us\b|@)"
            r"|\bemail\s+us\b|\b(?:your|enter\s+an?)\s+email\s+address\b|\bhave\s+a\s+(?:news\s+)?tip\b"
            r"|\bjoin\s+the\s+(?:conversation|discussion)\b|\b(?:leave|post)\s+a\s+comment\b|\bcomments?\s+(?:are\s+)?closed\b"
            r"|\bterms\s+of\s+(?:use|service)\b|\bprivacy\s+policy\b|\bcookies?\s+(?:policy|settings)\b|\bwe\s+use\s+cookies\b"
            r"|\b(?:post(?:ing)?|share|leave|tell\s+us|let\s+us\s+know|sound\s+off)\b[^.]{0,40}\bin\s+the\s+comments\b|\bwant\s+to\s+add\s+to\s+this\s+story\b|\b(?:log|sign)\s*in\s+to\s+continue\b|\byou\s+must\s+(?:log|sign)\s*in\b",
            _I,
        ),
        "boilerplate": (
            r"\ball\s+rights\s+reserved\b|©|\bcopyright\s+(?:\d{4}|©)|\bmay\s+not\s+be\s+(?:published|broadcast|rewritten|redistributed)\b"
            r"|^\W*(?:this|the)\s+(?:article|story|post)\s+(?:was\s+)?(?:originally\s+)?(?:published|appeared)\b|\bcontributed\s+to\s+this\s+report\b"
            r"|^\W*originally\s+(?:published|appeared)\b|^\W*(?:this|the)\s+(?:story|article)\s+has\s+been\s+(?:updated|corrected)\b"
            r"|^\W*(?:correction|editor'?s\s+note)\s*:|\binternet\s+archive\b|\bwayback\s+machine\b|\bpic\.twitter\.com\b"
            r"|\binter-?domain\b|\bcrawl(?:er)?\b.*\b(?:seed|level\s+\d|heritrix|robots\.txt)\b|\b(?:domain\s+mapping|custom\s+domain|page\s+not\s+found)\b"
            r"|(?:https?://|www\.)\S+[\W]*$|\(\s*(?:https?://|www\.)|(?:https?://\S+\s+){2}",  # a pasted link, not one named in a sentence
            _I,
        ),
    }.items()
}


# A quotation and its speaker is a sentence even when the page dropped its final period
# ('"... when it sank," said Trigona'); no headline ends that way.
_ATTRIBUTION_END = re.compile(r"[,!?][\"”’]\s+(?:said|says|asked|added|wrote)\s+(?:[A-Z][\w.'’-]+\s*){1,3}$")


def noise_hits(sentence: str) -> list[str]:
    """Names of the rules a brief sentence matches (empty for story text)."""
    hits = [name for name, pattern in RULES.items() if pattern.search(sentence)]
    return [h for h in hits if not (h == "headline" and _ATTRIBUTION_END.search(sentence))]


def brief_sentences(documents: object, words: int) -> list[str]:
    """The brief's sentences; none when every article is noise (newsbrief then raises NoSentencesError)."""
    from newsbrief.errors import NoSentencesError

    try:
        return [s.text for s in summarize(documents, words=words).sentences]
    except NoSentencesError:
        return []


def evaluate_briefs(briefs: list[tuple[str, list[str]]]) -> tuple[int, int, Counter[str], list[tuple[str, str, list[str]]]]:
    sentences = noisy = 0
    by_rule: Counter[str] = Counter()
    hits = []
    for brief_id, texts in briefs:
        for text in texts:
            sentences += 1
            names = noise_hits(text)
            if names:
                noisy += 1
                by_rule.update(names)
                hits.append((brief_id, text, names))
    return sentences, noisy, by_rule, hits


def page_briefs(folder: Path, words: int) -> list[tuple[str, list[str]]]:
    """Briefs of the HTML fixture pages, one page at a time and all together."""
    from newsbrief.ingest import article_from_html

    pages = sorted(folder.glob("*.html"))
    articles = [article_from_html(p.read_text(encoding="utf-8"), id=p.name, url=f"http://example.test/{p.name}") for p in pages]
    briefs = [(a.id, [s.text for s in summarize([a], words=words).sentences]) for a in articles]
    briefs.append(("all pages", [s.text for s in summarize(articles, words=words).sentences]))
    return briefs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--sample", type=int, default=100, help="Clusters drawn at random from the whole file.")
    parser.add_argument("--all", action="store_true", help="Every cluster instead of a sample.")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--dump", default="/tmp/noise-sample.md", help="Write the sampled briefs here for a hand check.")
    parser.add_argument("--pages", default=None, help="Also check briefs of the HTML pages in this folder.")
    args = parser.parse_args()

    records = [json.loads(line) for line in Path(args.data).open(encoding="utf-8")]
    order = records if args.all else random.Random(args.seed).sample(records, len(records))  # a seeded shuffle of the whole file
    wanted = len(records) if args.all else args.sample
    start = time.perf_counter()
    briefs, empty = [], []
    for record in order:  # clusters that are nothing but noise give no brief; the next one in the shuffle is drawn
        if len(briefs) == wanted:
            break
        texts = brief_sentences(record["documents"], args.words)
        (briefs if texts else empty).append((record["id"], texts))
    seconds = time.perf_counter() - start
    label = f"all {len(records)}" if args.all else f"{len(briefs)} briefs drawn (seed {args.seed})"
    rows = [(f"dev clusters, {label}", briefs)]
    if args.pages:
        rows.append((f"HTML pages in {args.pages}", page_briefs(Path(args.pages), args.words)))

    skipped = ", ".join(cluster_id for cluster_id, _ in empty) or "none"
    summarized = len(briefs) + len(empty)
    print(f"{args.words}-word briefs; {summarized} clusters summarized in {seconds:.1f} s; no usable sentence (skipped): {skipped}\n")
    print("| input | briefs | sentences | noisy | share | by rule |\n|---|---:|---:|---:|---:|---|")
    all_hits = []
    for name, group in rows:
        sentences, noisy, by_rule, hits = evaluate_briefs(group)
        share = noisy / sentences if sentences else 0.0
        rules = ", ".join(f"{k} {v}" for k, v in by_rule.most_common()) or "-"
        print(f"| {name} | {len(group)} | {sentences} | {noisy} | {share:.2%} | {rules} |")
        all_hits += hits
    print("\nHits (judge each by hand):" if all_hits else "\nNo hits.")
    for brief_id, text, names in all_hits:
        print(f"- [{brief_id}] ({', '.join(names)}) {text}")

    with open(args.dump, "w", encoding="utf-8") as out:
        for brief_id, texts in briefs:
            out.write(f"## {brief_id}\n\n" + "\n".join(f"- {t}" for t in texts) + "\n\n")
    print(f"\nSampled briefs written to {args.dump}")


if __name__ == "__main__":
    main()
