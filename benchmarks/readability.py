"""How a brief reads: the faults a reader notices, per 100 brief sentences, beside baselines.

    python benchmarks/readability.py [--words 150 250] [--selectors default lead lexrank] [--limit N]

For every Multi-News dev cluster and length, each selector's brief is checked for:
- dangling: a sentence opens with a pronoun, demonstrative, connective, role noun or lower-case
  word ("He", "This", "But", "The man") and the sentence before it in the brief is not the one
  before it in its article (which would introduce the referent);
- no speaker: a quotation attributed to no one or to a pronoun, under the same condition;
- repeated quote: a sentence carries a quotation an earlier brief sentence already carries
  (the same words, or one inside the other, even cut or reworded);
- off-topic: a sentence from an article the focus stage sets aside (another story, an error,
  sign-in or paywall page), judged on the whole cluster whatever the selector;
- fragment: cut off in its source (no final punctuation, "... a second U.S.");
- noise: page furniture by the independent rules of benchmarks/noise.py (its no-final-punctuation
  rule is counted as a fragment instead).
Opening share: of the clusters where some usable sentence in an article's first LEAD_POSITIONS
sentences is stated by ≥ 2 independent sources, the share whose brief opens with such a sentence
(support as attribution counts it: copies of one text once).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from noise import noise_hits  # noqa: E402  (benchmarks/noise.py: rules written apart from clean.py)

from newsbrief import summarize  # noqa: E402
from newsbrief.clean import clean_cluster  # noqa: E402
from newsbrief.config import ATTRIBUTION_THRESHOLD  # noqa: E402
from newsbrief.dedupe import independent_view, near_duplicate_groups, without_articles  # noqa: E402
from newsbrief.errors import NewsbriefError  # noqa: E402
from newsbrief.focus import set_aside  # noqa: E402
from newsbrief.pipeline import as_articles  # noqa: E402
from newsbrief.represent import represent  # noqa: E402
from newsbrief.segment import split_cluster  # noqa: E402
from newsbrief.select.readable import (  # noqa: E402
    LEAD_POSITIONS,
    cut_off,
    independent_support,
    opens_dangling,
    quotation_without_speaker,
    quotations,
    same_quotation,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "multinews-dev.jsonl"
FAULTS = ("dangling", "no speaker", "repeated quote", "off-topic", "fragment", "noise")
TARGETS = {"dangling": 2.0, "no speaker": 1.0, "repeated quote": 1.0, "off-topic": 1.0, "fragment": 1.0, "noise": 1.0}


def cluster_facts(documents: object) -> tuple[set[int], bool]:
    """The articles the focus stage sets aside, and whether a usable lead sentence has ≥ 2 independent sources."""
    articles = clean_cluster(as_articles(documents))  # type: ignore[arg-type]
    sentences = split_cluster(articles)
    if not sentences:
        return set(), False
    rep = represent(articles, sentences)
    aside = {a.article for a in set_aside(rep)[0]}
    focused, _ = without_articles(rep, sorted(aside))
    unique, _ = independent_view(focused, near_duplicate_groups(articles))
    if len(unique) == 0:
        return aside, False
    support = independent_support(unique, threshold=ATTRIBUTION_THRESHOLD)
    usable = [
        i for i, s in enumerate(unique.sentences)
        if s.index < LEAD_POSITIONS and not cut_off(s.text) and not opens_dangling(s.text) and not quotation_without_speaker(s.text)
    ]  # fmt: skip
    return aside, any(support[i] >= 2 for i in usable)


def brief_faults(brief: object, aside: set[int], *, show: str = "") -> Counter[str]:
    """Fault counts of one brief; with `show`, each faulty sentence is printed after that label."""
    faults: Counter[str] = Counter()
    previous = None
    shown = 0
    seen_quotes: list[tuple[frozenset[str], ...]] = []
    for s in brief.sentences:  # type: ignore[attr-defined]
        introduced = previous is not None and previous.article == s.article and previous.index == s.index - 1
        faults["dangling"] += opens_dangling(s.text) and not introduced
        faults["no speaker"] += quotation_without_speaker(s.text) and not introduced
        quotes = quotations(s.text)
        faults["repeated quote"] += bool(quotes) and any(same_quotation(quotes, q) for q in seen_quotes)
        seen_quotes.append(quotes)
        faults["off-topic"] += s.article in aside
        faults["fragment"] += cut_off(s.text)
        faults["noise"] += bool([h for h in noise_hits(s.text) if h != "headline"])
        faults["sentences"] += 1
        if show and sum(faults.values()) - faults["sentences"] > shown:
            print(f"  {show}: {s.text[:160]}")
        shown = sum(faults.values()) - faults["sentences"]
        previous = s
    return faults


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--words", type=int, nargs="+", default=[150, 250])
    parser.add_argument("--selectors", nargs="+", default=["default", "lead", "lexrank"])
    parser.add_argument("--limit", type=int, default=0, help="only the first N clusters")
    parser.add_argument("--show", action="store_true", help="print every faulty sentence of the default selector")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found: the Multi-News dev file sits in ../shared/data beside the repository")
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    rows = rows[: args.limit] if args.limit else rows
    started = time.perf_counter()
    totals: dict[tuple[str, int], Counter[str]] = {(sel, w): Counter() for sel in args.selectors for w in args.words}
    for row in rows:
        aside, has_opening = cluster_facts(row["documents"])
        for selector in args.selectors:
            for words in args.words:
                try:
                    brief = summarize(row["documents"], words=words, selector=selector)
                except NewsbriefError:
                    continue
                faults = brief_faults(brief, aside, show=f"{row['id']} {words}" if args.show and selector == "default" else "")
                if has_opening and brief.sentences:
                    first = brief.sentences[0]
                    faults["opening eligible"] += 1
                    faults["opening ok"] += first.index < LEAD_POSITIONS and first.support >= 2
                totals[selector, words] += faults
    print(f"{len(rows)} clusters, {time.perf_counter() - started:.0f} s. Faults per 100 brief sentences (targets: dangling ≤ 2, others ≤ 1);")
    print("opening: share of eligible clusters whose brief opens with a lead sentence from ≥ 2 independent sources (target ≥ 90%).\n")
    print("| selector | words | sentences | " + " | ".join(FAULTS) + " | opening |")
    print("|---|---:|---:|" + "---:|" * len(FAULTS) + "---:|")
    for (selector, words), c in totals.items():
        n = max(c["sentences"], 1)
        rates = " | ".join(f"{100 * c[f] / n:.2f}" for f in FAULTS)
        opening = f"{100 * c['opening ok'] / max(c['opening eligible'], 1):.1f}% of {c['opening eligible']}"
        print(f"| {selector} | {words} | {c['sentences']} | {rates} | {opening} |")


if __name__ == "__main__":
    main()
