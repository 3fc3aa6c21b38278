"""Time one brief of a 100-article cluster (a day of coverage), with and without a query.

    taskset -c 1 python benchmarks/big_cluster.py [--articles 100] [--repeats 3]

The cluster is the DUC 2006 dev file's articles taken topic after topic (25 a topic, so 100
articles are four topics of newswire, about 5,000 sentences before the per-article and per-cluster
caps of `newsbrief.represent`), read from ../shared at run time and never stored. Prints sentences
in the articles, sentences represented, and the fastest of `--repeats` calls per mode in CPU and
wall-clock seconds (the first call, which loads the model, is not counted; pin to one core with
taskset, so the CPU time is that of one core). Target (issue 19): under 2 s on one core.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsbrief.clean import clean_cluster
from newsbrief.pipeline import as_articles, summarize
from newsbrief.represent import limit_sentences
from newsbrief.segment import split_cluster

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "duc2006-dev.jsonl"


def cluster(size: int) -> tuple[list[str], str]:
    documents: list[str] = []
    query = ""
    with open(DATA, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            query = query or record["query"]
            documents.extend(record["documents"])
            if len(documents) >= size:
                break
    return documents[:size], query


def best_time(repeats: int, **options: object) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of the fastest call; on a shared machine the CPU time is what one idle core would take."""
    times = []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        summarize(**options)  # type: ignore[arg-type]
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    return min(times, key=lambda pair: pair[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--words", type=int, default=250)
    args = parser.parse_args()
    documents, query = cluster(args.articles)
    sentences = split_cluster(clean_cluster(as_articles(documents)))
    summarize(documents, words=args.words)  # loads the model and warms the caches
    print(f"{len(documents)} articles, {len(sentences)} sentences, {len(limit_sentences(sentences))} represented")
    print(f"| mode | CPU seconds (best of {args.repeats}) | wall-clock seconds |")
    print("|---|---:|---:|")
    for mode, options in (("default", {}), ("with a query", {"query": query})):
        wall, cpu = best_time(args.repeats, documents=documents, words=args.words, **options)
        print(f"| {mode} | {cpu:.2f} | {wall:.2f} |")


if __name__ == "__main__":
    main()
