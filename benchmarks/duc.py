"""DUC 2006 in DUC's own scoring, beside the baselines, in one run; and Multi-News as a check.

    python benchmarks/duc.py [--data ../shared/data/duc2006-dev.jsonl] [--limit N] [--multinews]

DUC scoring: ROUGE recall (rouge-score, Porter stemmer) averaged over the 4 human references, every
summary cut at 250 words (`newsbrief evaluate DATA --recall --words 250`). Rows: newsbrief with the
topic (title and narrative) as `query`, the same without it, newsbrief's own LexRank (continuous
LexRank over the same sentences and TF-IDF; sumy is not installed here) and lead round robin. The
baselines never read the query. `--multinews` adds the Multi-News dev file at 250 words, the learned
scorer cross-validated by cluster (5 folds), F1 as in the README, against the readable-brief figures.
The data is read from ../shared (research licences): nothing of it is copied into the repository.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsbrief.evaluate import SystemResult, evaluate, read_examples

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ISSUE_15 = {"rouge1": 46.38, "rouge2": 16.87}  # Multi-News dev, 250 words, CV default, readable-brief rules


def row(label: str, result: SystemResult) -> str:
    s = result.scores
    return f"| {label} | {s['rouge1']:.2f} | {s['rouge2']:.2f} | {s['rougeLsum']:.2f} | {result.words:.0f} | {result.clusters_per_second:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(SHARED / "duc2006-dev.jsonl"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N topics")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N topics (25: the half not used for tuning)")
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--multinews", action="store_true", help="add the Multi-News CV row (slow: five trainings)")
    args = parser.parse_args()
    examples = list(read_examples(args.data, limit=args.limit))[args.skip :]
    with_query = evaluate(examples, words=args.words, systems=("default",), recall=True, query=True)
    rest = evaluate(examples, words=args.words, systems=("default", "lexrank", "lead"), recall=True, query=False)
    print(f"DUC 2006 dev, {len(examples)} topics, ROUGE recall (mean of 4 references), cut at {args.words} words")
    print("| system | R-1 R | R-2 R | R-Lsum R | words | topics/s |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row("newsbrief, topic as `query`", with_query[0]))
    print(row("newsbrief, no query", rest[0]))
    print(row("LexRank (newsbrief's own; no query)", rest[1]))
    print(row("lead, round robin (no query)", rest[2]))
    if args.multinews:
        mn = evaluate(read_examples(SHARED / "multinews-dev.jsonl"), words=250, systems=("default", "lead"), folds=5)
        print("\nMulti-News dev, 341 clusters, 250 words, F1, learned scorer cross-validated (5 folds)")
        print("| system | R-1 F1 | R-2 F1 | R-Lsum F1 | words | clusters/s |")
        print("|---|---:|---:|---:|---:|---:|")
        print(row("newsbrief (CV)", mn[0]))
        print(row("lead, round robin", mn[1]))
        print(f"| issue 15 figure | {ISSUE_15['rouge1']:.2f} | {ISSUE_15['rouge2']:.2f} | | | |")


if __name__ == "__main__":
    main()
