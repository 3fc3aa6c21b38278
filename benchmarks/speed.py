"""Speed of newsbrief's selectors on the Multi-News dev clusters: clusters/second on one core
(model loading excluded: one warm-up call first) and peak Python heap, beside the baselines.

    python benchmarks/speed.py [--data ../shared/data/multinews-dev.jsonl] [--words 250]
"""

from __future__ import annotations

import argparse
import os
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the acceptance asks

from newsbrief import summarize  # noqa: E402
from newsbrief.evaluate import read_examples  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"


def measure(examples: list, selector: str, words: int) -> tuple[float, float]:
    summarize(list(examples[0].documents), words=words, selector=selector)  # warm-up: loads models
    start = time.perf_counter()
    for example in examples:
        summarize(list(example.documents), words=words, selector=selector)
    rate = len(examples) / (time.perf_counter() - start)
    tracemalloc.start()
    for example in examples[:50]:
        summarize(list(example.documents), words=words, selector=selector)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return rate, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--selectors", default="default,support,lead,lexrank,textrank,centroid")
    args = parser.parse_args()
    examples = list(read_examples(args.data))
    print(f"{len(examples)} clusters, {args.words} words, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}")
    print("| selector | clusters/s | peak heap MB |\n|---|---:|---:|")
    for selector in args.selectors.split(","):
        rate, peak = measure(examples, selector, args.words)
        print(f"| {selector} | {rate:.1f} | {peak:.1f} |")


if __name__ == "__main__":
    main()
