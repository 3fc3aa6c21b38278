"""A digest of the briefs of every Multi-News dev cluster, to show that a change left them identical.

Run it before and after a change that should not change what newsbrief writes (a restructuring, a
faster implementation), and compare the two files:

    python benchmarks/identical_briefs.py /tmp/before.json          # on the untouched tree
    python benchmarks/identical_briefs.py /tmp/after.json           # after the change
    python benchmarks/identical_briefs.py --compare /tmp/before.json /tmp/after.json

Every cluster is briefed at 150 words with the default selector and the cross-source analysis on; the
digest keeps, per cluster, the brief's JSON (sentences with their sources and evidence, headline,
articles set aside, warnings, agreements, single-source facts and discrepancies), or the error it
raised. Only the public `summarize` and `render.brief_to_dict` are used, so the script runs on any
version of the tree.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"


def digest(data: Path, *, words: int, limit: int | None) -> dict[str, object]:
    from newsbrief import summarize
    from newsbrief.errors import NewsbriefError
    from newsbrief.render import brief_to_dict

    briefs: dict[str, object] = {}
    with data.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and number > limit:
                break
            record = json.loads(line)
            key = str(record.get("id", number))
            try:
                briefs[key] = brief_to_dict(summarize(record["documents"], words=words, analysis=True))
            except NewsbriefError as exc:
                briefs[key] = {"error": str(exc), "error_type": type(exc).__name__}
    return briefs


def compare(before: Path, after: Path) -> int:
    """Print the clusters whose briefs differ, key by key; 0 when the two digests are identical."""
    old = json.loads(before.read_text(encoding="utf-8"))["briefs"]
    new = json.loads(after.read_text(encoding="utf-8"))["briefs"]
    differing = [key for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]
    for key in differing:
        a, b = old.get(key) or {}, new.get(key) or {}
        fields = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        print(f"{key}: differs in {', '.join(fields)}")
    print(f"{len(old)} clusters before, {len(new)} after; {len(differing)} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", help="Where to write the digest (JSON).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N clusters.")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="Compare two digests instead.")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.output:
        parser.error("give the output path, or --compare BEFORE AFTER")
    start = time.perf_counter()
    briefs = digest(args.data, words=args.words, limit=args.limit)
    seconds = time.perf_counter() - start
    payload = {"data": str(args.data), "words": args.words, "seconds": round(seconds, 1), "briefs": briefs}
    Path(args.output).write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(briefs)} clusters in {seconds:.1f} s -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
