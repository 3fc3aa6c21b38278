"""Speed of newsbrief's modes on the Multi-News dev clusters: clusters/second on one core
(model loading excluded: one warm-up call first) and peak Python heap, beside the baselines.

A mode is `selector` or `selector:encoder` (encoders: tfidf, static, minilm); analysis is off, as in
the plain summary path.

    taskset -c 1 python benchmarks/speed.py [--data ../shared/data/multinews-dev.jsonl] [--words 250]
"""

from __future__ import annotations

import argparse
import os
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the acceptance asks

from newsbrief import summarize  # noqa: E402
from newsbrief.errors import InputError  # noqa: E402
from newsbrief.evaluate import read_examples  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"


def usable(examples: list) -> list:
    """The clusters that have a sentence after cleaning (one dev cluster is nothing but a crawl notice)."""
    kept = []
    for example in examples:
        try:
            summarize(list(example.documents), selector="lead")
            kept.append(example)
        except InputError:
            pass
    return kept


def measure(examples: list, mode: str, words: int) -> tuple[float, float, float]:
    selector, _, encoder = mode.partition(":")
    options = {"words": words, "selector": selector, "encoder": encoder or "tfidf"}
    summarize(list(examples[0].documents), **options)  # warm-up: loads models
    start, cpu = time.perf_counter(), time.process_time()
    for example in examples:
        summarize(list(example.documents), **options)
    rate = len(examples) / (time.perf_counter() - start)
    cpu_rate = len(examples) / (time.process_time() - cpu)  # what the process got of the core: steadier on a shared machine
    tracemalloc.start()
    for example in examples[:50]:
        summarize(list(example.documents), **options)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return rate, cpu_rate, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--modes", default="default,default:static,default:minilm,support,lead,lexrank,textrank,centroid")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N clusters.")
    args = parser.parse_args()
    examples = usable(list(read_examples(args.data, limit=args.limit)))
    print(f"{len(examples)} clusters, {args.words} words, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| mode | clusters/s | clusters per CPU-second | peak heap MB |\n|---|---:|---:|---:|")
    for mode in args.modes.split(","):
        rate, cpu_rate, peak = measure(examples, mode, args.words)
        print(f"| {mode} | {rate:.1f} | {cpu_rate:.1f} | {peak:.1f} |", flush=True)


if __name__ == "__main__":
    main()
