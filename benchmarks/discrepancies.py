"""Discrepancy detection on labelled sentence pairs, and the cost of the cross-source analysis.

Two labelled sets, each pair "conflict" or "compatible" (with the kind of value involved), labelled
by reading the two sentences, not by running the detector:

- benchmarks/data/discrepancy_pairs.jsonl: pairs written for this project (text included); each
  pair is analysed as a cluster of two one-sentence articles. Pairs marked "set": "audit" were
  written during a later audit and the detector was then fixed on them; pairs marked "set": "blind"
  were written after that, and no change to the detector was made for them: they are the fairest
  estimate of how it does on new wording.
- benchmarks/data/discrepancy_pairs_dev.jsonl: pairs from real Multi-News dev clusters, stored as
  references only (cluster id, document index, character span in the raw document, a hash of
  that span): the text is read from ../shared at run time and matched to the sentence holding it. Each cluster is analysed whole, so a pair
  counts as detected only if `analyze` both aligns the two sentences and finds the conflict.

A detected pair is a discrepancy reported between exactly those two sentences. The timing part
first runs the plain summary (analysis off) over the dev clusters before spaCy is ever imported, and
checks that it still is not; then loads spaCy once and times `analyze` alone on each cluster's
representation: what `--analysis` adds to a summary.

    python benchmarks/discrepancies.py [--data ../shared/data/multinews-dev.jsonl] [--limit N] [--no-timing]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsbrief import Article, summarize  # noqa: E402
from newsbrief.clean import clean_cluster  # noqa: E402
from newsbrief.compare import analyze  # noqa: E402
from newsbrief.compare.reading import load_nlp  # noqa: E402
from newsbrief.errors import NewsbriefError  # noqa: E402
from newsbrief.pipeline import as_articles  # noqa: E402
from newsbrief.represent import Representation, represent  # noqa: E402
from newsbrief.segment import split_cluster  # noqa: E402

HERE = Path(__file__).resolve().parent
OWN = HERE / "data" / "discrepancy_pairs.jsonl"
DEV_PAIRS = HERE / "data" / "discrepancy_pairs_dev.jsonl"
DEFAULT_DATA = HERE.parents[1] / "shared" / "data" / "multinews-dev.jsonl"


def _representation(documents: list) -> Representation:
    articles = clean_cluster(as_articles(documents))
    return represent(articles, split_cluster(articles))


def _predicted(rep: Representation, a: tuple[int, int], b: tuple[int, int]) -> str | None:
    """The kind of the discrepancy reported between sentences a and b ((article, start) each), if any."""
    for d in analyze(rep).discrepancies:
        ends = {(d.first.article, d.first.start), (d.second.article, d.second.start)}
        if ends == {a, b}:
            return d.kind
    return None


def own_results() -> list[dict]:
    results = []
    for line in OWN.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        rep = _representation([Article(id="a", text=pair["a"]), Article(id="b", text=pair["b"])])
        found = analyze(rep).discrepancies
        source = {"audit": "own, audit", "blind": "own, blind"}.get(pair.get("set", ""), "own")
        results.append({**pair, "source": source, "predicted": found[0].kind if found else None})
    return results


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _locate(rep: Representation, documents: list[str], ref: dict) -> tuple[int, int] | None:
    """(article, start) of the current sentence that holds a referenced span of a raw document.

    References point into the raw dev documents (stable), not into the cleaned text, so a change
    to cleaning or splitting moves the sentence but keeps the pair; None if no sentence holds it.
    """
    span = documents[ref["document"]][ref["start"] : ref["end"]]
    if hashlib.sha1(span.encode()).hexdigest()[:12] != ref["sha1"]:
        raise SystemExit(f"{ref} does not match the dev data: was the file replaced?")
    wanted = _tokens(span)
    best, overlap = None, 0.0
    for s in rep.sentences:
        if s.article == ref["document"]:
            words = _tokens(s.text)
            score = len(wanted & words) / max(len(wanted | words), 1)
            if score > overlap:
                best, overlap = (s.article, s.start), score
    return best if overlap >= 0.6 else None


def dev_results(data: Path) -> list[dict]:
    pairs = [json.loads(line) for line in DEV_PAIRS.read_text(encoding="utf-8").splitlines()]
    wanted = {p["cluster"] for p in pairs}
    clusters = {}
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                clusters[record["id"]] = record["documents"]
    reps = {cid: _representation(documents) for cid, documents in clusters.items()}
    results = []
    for pair in pairs:
        documents = clusters[pair["cluster"]]
        rep = reps[pair["cluster"]]
        a, b = _locate(rep, documents, pair["a"]), _locate(rep, documents, pair["b"])
        if a is None or b is None:
            print(f"warning: a sentence of the {pair['cluster']} pair ({pair['note']}) is no longer produced by cleaning; pair skipped")
            continue
        results.append({**pair, "id": pair["cluster"], "source": "dev", "predicted": _predicted(rep, a, b)})
    return results


def _scores(rows: list[dict]) -> tuple[int, int, int, int, float, float, float]:
    tp = sum(r["label"] == "conflict" and r["predicted"] is not None for r in rows)
    fp = sum(r["label"] == "compatible" and r["predicted"] is not None for r in rows)
    fn = sum(r["label"] == "conflict" and r["predicted"] is None for r in rows)
    tn = sum(r["label"] == "compatible" and r["predicted"] is None for r in rows)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return tp, fp, fn, tn, precision, recall, f1


def print_quality(results: list[dict]) -> None:
    labels = Counter(r["label"] for r in results)
    print(f"{len(results)} labelled pairs: {labels['conflict']} conflicting, {labels['compatible']} compatible\n")
    print("| set | pairs | TP | FP | FN | TN | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, rows in (
        ("own fixtures", [r for r in results if r["source"] == "own"]),
        ("own, audit (detector fixed on these)", [r for r in results if r["source"] == "own, audit"]),
        ("own, blind (not tuned on)", [r for r in results if r["source"] == "own, blind"]),
        ("dev clusters", [r for r in results if r["source"] == "dev"]),
        ("all", results),
    ):
        tp, fp, fn, tn, p, rc, f1 = _scores(rows)
        print(f"| {name} | {len(rows)} | {tp} | {fp} | {fn} | {tn} | {p:.3f} | {rc:.3f} | {f1:.3f} |")
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_kind[r["kind"]].append(r)
    print(
        "\nPer labelled kind:\n\n| kind | conflicting | compatible | TP | FP | FN | precision | recall |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    for kind, rows in sorted(by_kind.items()):
        tp, fp, fn, _, p, rc, _ = _scores(rows)
        conflicting = sum(r["label"] == "conflict" for r in rows)
        print(f"| {kind} | {conflicting} | {len(rows) - conflicting} | {tp} | {fp} | {fn} | {p:.2f} | {rc:.2f} |")
    wrong_kind = [r for r in results if r["label"] == "conflict" and r["predicted"] not in (None, r["kind"])]
    print(f"\nDetected conflicts reported under another kind: {len(wrong_kind)}")
    for r in results:
        if (r["label"] == "conflict") != (r["predicted"] is not None):
            what = "missed" if r["label"] == "conflict" else f"false {r['predicted']}"
            print(f"  {what}: {r['source']} {r['id']} ({r['kind']}){' — ' + r['note'] if r.get('note') else ''}")


def read_records(data: Path, limit: int | None) -> list[dict]:
    records = []
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def time_plain(records: list[dict], selector: str) -> dict[int, float]:
    """Seconds per cluster (by index) of the summary without analysis; run before anything imports spaCy."""
    summarize(records[0]["documents"], words=250, selector=selector)  # warm-up: the learned scorer and TF-IDF imports
    times = {}
    for k, record in enumerate(records):
        t0 = time.perf_counter()
        try:
            summarize(record["documents"], words=250, selector=selector)
        except NewsbriefError:  # a cluster with no usable sentence: nothing to time
            continue
        times[k] = time.perf_counter() - t0
    return times


def time_analysis(records: list[dict], clusters: list[int]) -> tuple[list[float], list[float], int]:
    """Wall and CPU seconds per cluster of `analyze` on the cluster's representation (spaCy already loaded).

    CPU time is reported beside wall time because the machine is shared: other processes stretch
    the wall clock, not the work done.
    """
    wall, cpu, found = [], [], 0
    for k in clusters:
        rep = _representation(records[k]["documents"])
        t0, c0 = time.perf_counter(), time.process_time()
        found += len(analyze(rep).discrepancies)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return wall, cpu, found


def print_timing(plain: list[float], analysis: list[float], cpu: list[float], found: int, selector: str, spacy_after_plain: bool) -> None:
    print(f"\n{len(plain)} dev clusters timed (plain summary: selector {selector!r}, 250 words); {found} discrepancies reported")
    print(f"spaCy imported by the plain summaries: {'yes' if spacy_after_plain else 'no'}\n")
    print("| seconds per cluster | clusters | mean | median | p90 | p95 | max |\n|---|---:|---:|---:|---:|---:|---:|")
    rows = (
        ("plain summary (analysis off), wall", plain),
        ("analysis alone (what --analysis adds), wall", analysis),
        ("analysis alone, CPU", cpu),
    )
    for name, times in rows:
        ordered = sorted(times)
        p90, p95 = (ordered[min(len(ordered) - 1, int(q * len(ordered)))] for q in (0.9, 0.95))
        row = f"{statistics.mean(times):.3f} | {statistics.median(times):.3f} | {p90:.3f} | {p95:.3f} | {ordered[-1]:.3f}"
        print(f"| {name} | {len(times)} | {row} |")
    print(f"\nclusters whose analysis took over 1 s: {sum(t > 1.0 for t in analysis)} of {len(analysis)} wall, {sum(t > 1.0 for t in cpu)} CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="Time only the first N dev clusters.")
    parser.add_argument("--selector", default="default", help="Selector of the plain summary timed beside the analysis.")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--no-quality", action="store_true", help="Only the timing.")
    args = parser.parse_args()
    timing = args.data.exists() and not args.no_timing
    records = read_records(args.data, args.limit) if timing else []
    plain = time_plain(records, args.selector) if timing else {}
    spacy_after_plain = "spacy" in sys.modules
    start = time.perf_counter()
    load_nlp()
    print(f"spaCy model load (once per process, excluded below): {time.perf_counter() - start:.2f} s\n")
    if not args.no_quality:
        results = own_results()
        if args.data.exists():
            results += dev_results(args.data)
        else:
            print(f"{args.data} not found: dev pairs and timing skipped")
        print_quality(results)
    if timing:
        analysis, cpu, found = time_analysis(records, sorted(plain))
        print_timing(list(plain.values()), analysis, cpu, found, args.selector, spacy_after_plain)


if __name__ == "__main__":
    main()
