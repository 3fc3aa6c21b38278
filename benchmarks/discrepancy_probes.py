"""Recall on updated figures: wire sentences copied from one article into another with one figure changed.

The most common disagreement in news is a figure one outlet updated in an otherwise identical sentence.
This generator builds such probes from the dev clusters, deterministically (seeded):

- pick a fact sentence of one article (10–45 words, not a quotation) holding a value of one type —
  put into an article that does not already carry that sentence (a wire copy would then state both figures) —
  count, money, percentage, duration, age or date — as it is written in the raw document;
- for counts, money, percentages and durations, in turn: leave the figure's qualifier as written, or
  put "more than", "about", "nearly" or "up to" before the figure in the original sentence and in
  its copy alike (both sides hedged the same way: "more than 4,000" / "more than 6,000");
- a **positive** copies the sentence into another article of the cluster (as a paragraph of its
  own) with the figure changed (16 → 24, three → seven, $4.77 billion → $6.2 billion, May 12 → May 17,
  a 45-year-old → 53); it is found when the analysis of the whole cluster reports a discrepancy
  (either kind) between the copy, with the new figure, and a sentence of another article with the old one;
- a **negative** copies it with the same figure and a reworded lead-in ("According to officials,
  ..."); it is a false alarm when the analysis reports a discrepancy between the copy and its
  original, or between the copy and a sentence the original is not reported against (a real
  disagreement of the original with a third article, which the copy then shares, is no fault).

A probe whose copy the cleaner drops (shared boilerplate) or splits differently is skipped and counted.

    python benchmarks/discrepancy_probes.py [--per-type 40] [--seed 18] [--show-misses]

Recall is reported per value type and per qualifier, and the false-alarm rate on the negatives.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsbrief.clean import clean_cluster  # noqa: E402
from newsbrief.errors import NewsbriefError  # noqa: E402
from newsbrief.pipeline import as_articles, compare_documents  # noqa: E402
from newsbrief.segment import split_cluster  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data" / "multinews-dev.jsonl"
TYPES = ("count", "money", "percent", "duration", "age", "date")
QUALIFIERS = ("", "more than", "about", "nearly", "up to")
_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_WORD_NUMBER = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
_HEDGE = r"(?P<qual>(?:more than|about|nearly|up to|at least|around|almost|over|some|roughly|approximately)\s+)?"
_BEFORE = r"(?<![\w$£€.,:/#-])"
_MONTHS = "January February March April May June July August September October November December".split()
_NOT_COUNTED = (
    r"(?:(?:percent|per\s+cent|%|million|billion|trillion|thousand|hundred|years?|months?|weeks?|days?|hours?|minutes?|seconds?"
    r"|am|pm|of|to|and|or|-|–|times|points?|degrees?|miles?|feet|inches|pounds|yards|meters|kilometers|percentage)\b|[ap]\.m\.)"
)
PATTERNS = {
    "count": re.compile(
        rf"{_BEFORE}{_HEDGE}(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}|{_WORD_NUMBER})(?=\s+(?:other\s+|more\s+)?[a-z])(?!\s+{_NOT_COUNTED})",
    ),
    "money": re.compile(rf"{_BEFORE}{_HEDGE}\$(?P<num>\d+(?:\.\d+)?|\d{{1,3}}(?:,\d{{3}})+)(?P<scale>\s+(?:million|billion))?(?![\d,])"),
    "percent": re.compile(rf"{_BEFORE}{_HEDGE}(?P<num>\d+(?:\.\d+)?)(?P<scale>\s*(?:percent|per cent|%))"),
    "duration": re.compile(
        rf"{_BEFORE}{_HEDGE}(?P<num>\d{{1,3}}|{_WORD_NUMBER})(?P<scale>\s+(?:minutes|hours|days|weeks|months|years))\b"
        r"(?!\s+(?:ago|old|later|earlier|before|after|in\s+prison|behind))"
    ),
    "age": re.compile(r"(?:\b[A-Z][a-z]+, (?P<num>[1-9]\d)(?=,)|\b(?P<num2>[1-9]\d?)(?=-year-old\b))"),
    "date": re.compile(rf"\b(?:{'|'.join(_MONTHS)})\s+(?P<num>[1-9]|[12]\d)(?!\d)(?!,\d)"),
}
LEAD_INS = ("According to officials, ", "Reports said that ", "It was reported that ", "As officials confirmed, ", "Sources said ")
_LOWERABLE = set("the a an it he she they in on at after during this that its his her their some about more nearly all".split())


@dataclass(frozen=True)
class Probe:
    kind: str  # value type
    qualifier: str  # hedge put before the figure on both sides ("" = as written)
    positive: bool
    cluster: str
    source: int  # article the sentence comes from
    target: int  # article the copy is put into
    original: str  # the sentence as it now reads in the source
    copy: str  # the sentence put into the target
    old: str  # the figure as written in the source
    new: str  # the figure in the copy (== old for negatives)


def _format_number(value: float, like: str) -> str:
    if like.lower() in _WORDS and value == int(value) and 2 <= value <= 20:
        word = _WORDS[int(value)]
        return word.capitalize() if like[:1].isupper() else word
    decimals = len(like.split(".")[1]) if "." in like else 0
    if decimals:
        return f"{value:.{decimals}f}"
    return f"{int(round(value)):,}" if "," in like or value >= 10_000 else str(int(round(value)))


def _number(text: str) -> float:
    t = text.lower().replace(",", "")
    return float(_WORDS.index(t)) if t in _WORDS else float(t)


def _changed(kind: str, old: str, rng: random.Random) -> str:
    """A clearly different figure, written the way the original is."""
    value = _number(old)
    if kind == "date":
        day = int(value) + rng.choice([-6, -4, -3, 3, 4, 5, 7])
        return str(day if 1 <= day <= 28 else int(value) + 5 if value <= 20 else int(value) - 5)
    if kind == "age":
        age = int(value) + rng.choice([-9, -6, -4, 4, 5, 8, 11])
        return str(age if 2 <= age <= 99 else int(value) + 6)
    if value < 10:
        new = value + rng.choice([2, 3, 4, 5]) if value < 5 or rng.random() < 0.6 else value - rng.choice([2, 3])
    else:
        new = value * rng.choice([0.5, 0.6, 1.4, 1.5, 2.0])
        if "." not in old:
            new = round(new) if new < 100 else round(new, -1 if new < 1000 else -2)
    text = _format_number(new, old)
    return text if _number(text) != value else _format_number(value + 3, old)


_NO_HEDGE_AFTER = re.compile(
    r"\b(?:the|a|an|than|last|next|past|first|just|those|these|his|her|their|its|our|my|your|only|as|some|about|nearly|over|under)\s+$",
    re.IGNORECASE,
)  # "the about 17 days", "fewer than about 50": a hedge does not go there


def _hedged(sentence: str, match: re.Match[str], qualifier: str, figure: str) -> str:
    """The sentence with the match's figure replaced, and `qualifier` put before it when there was none."""
    start, end = match.span("num") if match.group("num") is not None else match.span("num2")
    head = sentence[:start]
    if qualifier and "qual" in match.re.groupindex and not match.group("qual") and not _NO_HEDGE_AFTER.search(sentence[: match.start()]):
        head = sentence[: match.start()] + qualifier + " " + sentence[match.start() : start]  # before the "$" too
    return head + figure + sentence[end:]


def _figure(match: re.Match[str]) -> str:
    return match.group("num") if match.group("num") is not None else match.group("num2")


def _name_or_code(sentence: str, match: re.Match[str]) -> bool:
    """ "iPhone 5", "Route 66", "Flight 370", "911": numbers that name, not measure."""
    before = sentence[: match.start()].split()
    return _figure(match) in ("911", "999") or bool(before and re.search(r"[A-Z]", before[-1]) and match.start() > 0 and before[-1][-1] != ",")


def _lead_in(sentence: str, rng: random.Random) -> str:
    first = sentence.split(" ", 1)[0]
    body = sentence[0].lower() + sentence[1:] if first.lower() in _LOWERABLE else sentence
    return rng.choice(LEAD_INS) + body


def candidates(records: list[dict], rng: random.Random) -> dict[str, list[tuple[dict, int, int, str, re.Match[str]]]]:
    """Per value type: (record, source, target, sentence, match) for fact sentences found verbatim in the raw text."""
    found: dict[str, list[tuple[dict, int, int, str, re.Match[str]]]] = defaultdict(list)
    for record in records:
        try:
            articles = clean_cluster(as_articles(record["documents"]))
        except NewsbriefError:
            continue
        if len(articles) < 2:
            continue
        sentences = split_cluster(articles)
        raw = record["documents"]
        words_of = [[_tokens(t.text) for t in sentences if t.article == a] for a in range(len(articles))]


        per_type: dict[str, list[tuple[dict, int, int, str, re.Match[str]]]] = defaultdict(list)
        for s in sentences:
            words = len(s.text.split())
            if not 10 <= words <= 45 or re.search(r"[\"“”]", s.text) or s.text not in raw[s.article]:
                continue
            for kind, pattern in PATTERNS.items():
                matches = [m for m in pattern.finditer(s.text) if not _name_or_code(s.text, m)]
                if len(matches) != 1:
                    continue  # one figure of that type: which one changed is then clear
                targets = [a for a in range(len(articles)) if a != s.article and len(raw[a]) > 500 and not _restates(words_of[a], s.text)]
                if targets:
                    per_type[kind].append((record, s.article, rng.choice(targets), s.text, matches[0]))
        for kind, rows in per_type.items():
            found[kind].append(rng.choice(rows))  # at most one probe sentence per cluster and type
    return found


def _restates(sentences: list[set[str]], text: str) -> bool:
    """Whether an article (the word sets of its sentences) already has this sentence, as a wire copy does: a
    copy with another figure put there would make that article state both figures."""
    words = _tokens(text)
    return any(len(words & w) / max(len(words | w), 1) >= 0.6 for w in sentences)


def _insert(document: str, sentence: str) -> str:
    """The sentence as a paragraph of its own, after the paragraph that ends nearest a third of the text."""
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", document)]
    if not breaks:
        return document + "\n\n" + sentence
    at = min(breaks, key=lambda b: abs(b - len(document) / 3))
    return document[:at] + sentence + " \n \n " + document[at:]


def build(records: list[dict], per_type: int, seed: int) -> list[tuple[Probe, list]]:
    rng = random.Random(seed)
    pool = candidates(records, rng)
    probes: list[tuple[Probe, list]] = []
    for kind in TYPES:
        rows = pool[kind]
        rng.shuffle(rows)
        qualifiers = QUALIFIERS if kind in ("count", "money", "percent", "duration") else ("",)
        for n, (record, source, target, sentence, match) in enumerate(rows[:per_type]):
            qualifier = qualifiers[n % len(qualifiers)]
            if match.groupdict().get("qual"):
                qualifier = ""  # already hedged as written
            old = _figure(match)
            new = _changed(kind, old, rng)
            original = _hedged(sentence, match, qualifier, old)
            for positive in (True, False):
                copy = _hedged(sentence, match, qualifier, new) if positive else _lead_in(original, rng)
                documents = list(record["documents"])
                documents[source] = documents[source].replace(sentence, original, 1)
                documents[target] = _insert(documents[target], copy)
                probe = Probe(kind, qualifier, positive, record["id"], source, target, original, copy, old, new if positive else old)
                probes.append((probe, documents))
    return probes


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _is_copy(text: str, copy: str) -> bool:
    """Whether a sentence of the analysis is the copy, or the part of it the splitter made a sentence."""
    a, b = _tokens(text), _tokens(copy)
    return len(a & b) / max(len(a), 1) >= 0.8 and len(a & b) >= min(6, len(b))


def run(probe: Probe, documents: list) -> tuple[str, str]:
    """("found" | "missed" | "false alarm" | "quiet" | "skipped", category of the discrepancy found)."""
    try:
        analysis, articles = compare_documents(documents)
    except NewsbriefError:
        return "skipped", ""
    if " ".join(probe.copy.split()) not in " ".join(articles[probe.target].text.split()):
        return "skipped", ""
    involving, original_with = [], set()
    for d in analysis.discrepancies:
        sides = ((d.first, d.second, d.first_value, d.second_value), (d.second, d.first, d.second_value, d.first_value))
        for mine, other, mine_value, other_value in sides:
            if mine.article == probe.target and _is_copy(mine.text, probe.copy):
                involving.append((other, mine_value, other_value, getattr(d, "category", "conflict")))
            elif mine.article == probe.source and _is_copy(mine.text, probe.original):
                original_with.add((other.article, other.sentence))
    if not probe.positive:
        # a false alarm: the copy, same figures, disagrees with its original, or with a sentence the original
        # itself does not disagree with (a real disagreement of the original with a third article is no fault)
        new = [o for o, *_ in involving if (o.article, o.sentence) not in original_with]
        return ("false alarm" if new else "quiet"), ""
    for other, mine_value, other_value, category in involving:
        if other.article != probe.target and probe.new in mine_value and probe.old in other_value:
            return "found", category
    return "missed", ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-type", type=int, default=40)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--dump", type=Path, default=None, help="Write every probe and its outcome as JSON lines (no article text).")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    t0 = time.perf_counter()
    probes = build(records, args.per_type, args.seed)
    outcomes = []
    for probe, documents in probes:
        outcome, category = run(probe, documents)
        outcomes.append((probe, outcome, category))
    elapsed = time.perf_counter() - t0
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    by_qualifier: dict[str, Counter[str]] = defaultdict(Counter)
    categories: Counter[str] = Counter()
    for probe, outcome, category in outcomes:
        by_type[probe.kind][outcome] += 1
        by_qualifier[probe.qualifier or "as written"][outcome] += 1
        if category:
            categories[category] += 1
    print(f"{len(probes) // 2} probe sentences, a positive and a negative each (seed {args.seed}; {elapsed:.0f} s)\n")
    print("| value type | positives | found | recall | negatives | false alarms | no false alarm | skipped |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    total: Counter[str] = Counter()
    for kind in [*TYPES, "all"]:
        c = total if kind == "all" else by_type[kind]
        if kind != "all":
            total.update(c)
        pos, neg = c["found"] + c["missed"], c["false alarm"] + c["quiet"]
        print(
            f"| {kind} | {pos} | {c['found']} | {c['found'] / max(pos, 1):.2f} | {neg} | {c['false alarm']} "
            f"| {c['quiet'] / max(neg, 1):.2f} | {c['skipped']} |"
        )
    print("\n| qualifier (both sides) | positives | found | recall | negatives | false alarms |\n|---|---:|---:|---:|---:|---:|")
    for qualifier in ["as written", *QUALIFIERS[1:]]:
        c = by_qualifier[qualifier]
        pos, neg = c["found"] + c["missed"], c["false alarm"] + c["quiet"]
        print(f"| {qualifier} | {pos} | {c['found']} | {c['found'] / max(pos, 1):.2f} | {neg} | {c['false alarm']} |")
    print(f"\nfound, by category: {dict(sorted(categories.items()))}")
    if args.show_misses:
        for probe, outcome, _ in outcomes:
            if outcome in ("missed", "false alarm"):
                print(f"\n{outcome} [{probe.kind}, {probe.qualifier or 'as written'}] {probe.cluster}\n  A: {probe.original}\n  B: {probe.copy}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for probe, outcome, category in outcomes:
                row = {"kind": probe.kind, "qualifier": probe.qualifier, "positive": probe.positive, "cluster": probe.cluster}
                out.write(json.dumps({**row, "old": probe.old, "new": probe.new, "outcome": outcome, "category": category}) + "\n")


if __name__ == "__main__":
    main()
