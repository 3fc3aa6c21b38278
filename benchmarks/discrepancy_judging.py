"""Blind judging of "Where sources differ": every discrepancy the analysis reports over the dev clusters,
as items two judges label without any other context, and the precision their verdicts give.

Three steps, each a mode of this script (from the repository root, `../shared` beside it):

    # 1. what a version of the code reports over ALL dev clusters (run once per version)
    PYTHONPATH=/tmp/before/src python benchmarks/discrepancy_judging.py --collect before   # abec887, a `git worktree`
    python benchmarks/discrepancy_judging.py --collect after                                # this code
    # 2. the blind items file and its key, from whatever was collected
    python benchmarks/discrepancy_judging.py --items
    # 3. after the judges wrote benchmarks/judging/discrepancy-verdicts-judge{1,2}.jsonl
    python benchmarks/discrepancy_judging.py --score

A later round keeps its files apart with `--tag`: `--items --tag round2 --labels A B ...` builds
`discrepancy-items-round2.jsonl` and `-key-round2.jsonl` from the found files of those labels only, and
`--score --tag round2` reads `discrepancy-verdicts-round2-judge{1,2}.jsonl`. `--collect` takes `--data`
(another file of clusters, e.g. DUC 2006) and `--offset N` / `--limit N` (a part of it: the clusters
looked at while fixing the rules, and the ones kept unseen for judging).

Item files quote the data sets' sentences (research-use licences, no copies in this repository): like
the found files they are git-ignored and rebuilt by `--collect` and `--items`; keys and verdicts are kept.

`--collect` runs `pipeline.compare_documents` (what `newsbrief compare` and the analysis of `summarize` run) on
every cluster and writes `judging/found/discrepancy-found-LABEL.jsonl` (not committed: it holds dev
text): cluster id, the two sentences, their values, kind and category, and a `.meta.json` with the
number of clusters. `--items` merges the found files: one item per distinct pair of sentences and values
(a pair both versions report is judged once and counted for both), in a seeded random order, with an
opaque id. The items file holds only the id, the two sentences and the two values; which cluster,
which version and which kind is in the key file, which the judges never see. The judge instructions
are `judging/discrepancy-judge-instructions.md`.

`--score` prints, per judge and per version: items judged, yes / no / unclear, precision
(yes / all items judged; "unclear" counts against it) and real disagreements found per 100 clusters.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

HERE = Path(__file__).resolve().parent
JUDGING = HERE / "judging"
DEFAULT_DATA = HERE.parents[1] / "shared" / "data" / "multinews-dev.jsonl"
ITEMS = JUDGING / "discrepancy-items.jsonl"
KEY = JUDGING / "discrepancy-key.jsonl"
SEED = 18


FOUND = JUDGING / "found"  # what each version reported, sentences included: regenerated, never committed (.gitignore)


def found_path(label: str) -> Path:
    return FOUND / f"discrepancy-found-{label}.jsonl"


def collect(data: Path, label: str, limit: int | None, offset: int = 0) -> None:
    """Run the analysis of the imported `newsbrief` over every cluster (after the first `offset`); write what it reports."""
    from newsbrief.errors import NewsbriefError
    from newsbrief.pipeline import compare_documents

    clusters = rows = 0
    with data.open(encoding="utf-8") as lines, found_path(label).open("w", encoding="utf-8") as out:
        for n, line in enumerate(lines):
            if n < offset:
                continue
            record = json.loads(line)
            clusters += 1
            try:
                analysis, _ = compare_documents(record["documents"])
            except NewsbriefError:
                continue
            for d in analysis.discrepancies:
                row = {
                    "cluster": record["id"],
                    "kind": d.kind,
                    "category": getattr(d, "category", "conflict"),  # the code before issue 18 had no categories
                    "a": d.first.text,
                    "b": d.second.text,
                    "a_value": d.first_value,
                    "b_value": d.second_value,
                    "a_at": [d.first.article, d.first.sentence],
                    "b_at": [d.second.article, d.second.sentence],
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                rows += 1
            if limit and clusters >= limit:
                break
    out_meta = {
        "label": label,
        "clusters": clusters,
        "discrepancies": rows,
        "code": sys.modules["newsbrief"].__file__,
        "data": data.name,
        "offset": offset,
    }
    (FOUND / f"discrepancy-found-{label}.meta.json").write_text(json.dumps(out_meta, indent=1) + "\n", encoding="utf-8")
    print(f"{label}: {rows} discrepancies over {clusters} clusters -> {found_path(label)}")


def _pair_key(row: dict) -> str:
    """One item per distinct pair of sentences and values, whichever way round it was reported."""
    sides = sorted([(row["a"], row["a_value"]), (row["b"], row["b_value"])])
    return hashlib.sha1(json.dumps([row["cluster"], sides], ensure_ascii=False).encode()).hexdigest()


def tagged(path: Path, tag: str) -> Path:
    """ "discrepancy-items.jsonl" → "discrepancy-items-round2.jsonl": each round of judging in files of its own."""
    return path.with_name(f"{path.stem}-{tag}{path.suffix}") if tag else path


def build_items(tag: str = "", labels: list[str] | None = None) -> None:
    found = {p.name[len("discrepancy-found-") : -len(".jsonl")]: p for p in sorted(FOUND.glob("discrepancy-found-*.jsonl"))}
    if labels:
        missing = sorted(set(labels) - set(found))
        if missing:
            raise SystemExit(f"not collected: {', '.join(missing)} (run with --collect LABEL first)")
        found = {label: found[label] for label in labels}
    if not found:
        raise SystemExit("nothing collected yet: run with --collect LABEL first")
    pairs: dict[str, dict] = {}
    for label, path in found.items():
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            entry = pairs.setdefault(_pair_key(row), {"row": row, "sets": {}})
            entry["sets"][label] = {"kind": row["kind"], "category": row["category"]}
    keys = sorted(pairs)
    random.Random(f"{SEED}-{tag}" if tag else SEED).shuffle(keys)  # a new round, a new order
    items_path, key_path = tagged(ITEMS, tag), tagged(KEY, tag)
    with items_path.open("w", encoding="utf-8") as items, key_path.open("w", encoding="utf-8") as key:
        for n, pair in enumerate(keys, start=1):
            row = pairs[pair]["row"]
            item = f"d{n:04d}"
            swap = random.Random(f"{SEED}-{pair}").random() < 0.5  # which sentence comes first says nothing either
            a, b = (("b", "a") if swap else ("a", "b"))
            items.write(
                json.dumps(
                    {"item": item, "sentence_1": row[a], "value_1": row[f"{a}_value"], "sentence_2": row[b], "value_2": row[f"{b}_value"]},
                    ensure_ascii=False,
                )
                + "\n"
            )
            key.write(json.dumps({"item": item, "cluster": row["cluster"], "found_by": pairs[pair]["sets"]}, ensure_ascii=False) + "\n")
    counts = ", ".join(f"{label}: {sum(label in p['sets'] for p in pairs.values())}" for label in found)
    print(f"{len(keys)} items ({counts}) -> {items_path}")


def _clusters(label: str) -> int:
    meta = FOUND / f"discrepancy-found-{label}.meta.json"
    return int(json.loads(meta.read_text(encoding="utf-8"))["clusters"]) if meta.exists() else 0


def score(tag: str = "") -> None:
    key = {row["item"]: row for row in map(json.loads, tagged(KEY, tag).read_text(encoding="utf-8").splitlines())}
    labels = sorted({label for row in key.values() for label in row["found_by"]})
    prefix = f"discrepancy-verdicts-{tag}-judge" if tag else "discrepancy-verdicts-judge"
    verdict_files = sorted(JUDGING.glob(f"{prefix}*.jsonl"))
    if not verdict_files:
        raise SystemExit(f"no verdict files in {JUDGING}: the judges write {prefix}1.jsonl and {prefix}2.jsonl")
    print("| judge | version | items | judged | yes | no | unclear | precision | real disagreements / 100 clusters |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    both: dict[str, dict[str, str]] = defaultdict(dict)
    for path in verdict_files:
        judge = path.stem.rsplit("-", 1)[-1]
        verdicts = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line)
                verdicts[v["item"]] = str(v["label"]).strip().lower()
        for item, label in verdicts.items():
            both[item][judge] = label
        for version in labels:
            items = [i for i, row in key.items() if version in row["found_by"]]
            judged = [verdicts[i] for i in items if i in verdicts]
            counts = Counter(judged)
            precision = counts["yes"] / len(judged) if judged else float("nan")
            clusters = _clusters(version)
            per_100 = 100 * counts["yes"] / clusters if clusters else float("nan")
            print(
                f"| {judge} | {version} | {len(items)} | {len(judged)} | {counts['yes']} | {counts['no']} | {counts['unclear']} "
                f"| {precision:.3f} | {per_100:.1f} |"
            )
    judges = sorted({j for v in both.values() for j in v})
    if len(judges) == 2:
        shared = [v for v in both.values() if len(v) == 2]
        agree = sum(v[judges[0]] == v[judges[1]] for v in shared)
        print(f"\njudges agree on {agree} of {len(shared)} items")
    for version in labels:
        kinds = Counter()
        for item, row in key.items():
            if version in row["found_by"]:
                said = "yes" if "yes" in both.get(item, {}).values() else "-"
                kinds[(row["found_by"][version]["kind"], row["found_by"][version]["category"], said)] += 1
        print(f"\n{version}: items by kind, category, and whether a judge said yes")
        for (kind, category, yes), n in sorted(kinds.items()):
            print(f"  {kind:9} {category:18} {yes:3} {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--collect", metavar="LABEL", help="Run the imported code over the dev clusters; LABEL names the version.")
    mode.add_argument("--items", action="store_true", help="Build the blind items file and its key from the collected files.")
    mode.add_argument("--score", action="store_true", help="Score the judges' verdict files.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="Only N clusters (a part of the data, or a quick check).")
    parser.add_argument("--offset", type=int, default=0, help="Skip the first N clusters of --data.")
    parser.add_argument("--tag", default="", help="A round of judging: its items, key and verdict files carry this tag.")
    parser.add_argument("--labels", nargs="+", default=None, help="With --items: only these collected versions (default: all).")
    args = parser.parse_args()
    FOUND.mkdir(parents=True, exist_ok=True)
    if args.collect:
        collect(args.data, args.collect, args.limit, args.offset)
    elif args.items:
        build_items(args.tag, args.labels)
    else:
        score(args.tag)


if __name__ == "__main__":
    main()
