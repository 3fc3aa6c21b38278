"""ROUGE of newsbrief (learned selector cross-validated by cluster) beside the baselines, in one run.

    python benchmarks/quality.py [--data ../shared/data/multinews-dev.jsonl] [--words 250] [--folds 5]

Same as `newsbrief evaluate DATA --words 250 --cv 5`; kept here so every benchmark lives in one place.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsbrief.evaluate import evaluate, format_table, read_examples

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--systems", default="default,support,lead,lexrank,textrank,centroid")
    args = parser.parse_args()
    results = evaluate(read_examples(args.data), words=args.words, systems=args.systems.split(","), folds=args.folds)
    print(format_table(results))


if __name__ == "__main__":
    main()
