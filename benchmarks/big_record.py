"""Time and peak memory of one 200 MB `{"html": …}` JSONL record (issue 17: it once ran 400 s and 3.8 GB).

The record is written to a temporary folder, followed by one ordinary record, and run through
`newsbrief summarize --input` (analysis on and off) and `newsbrief batch --workers 1`, each in a
fresh process. Peak memory is the largest resident set of that process or of any of its workers.

    nice -n 10 .venv/bin/python benchmarks/big_record.py [--megabytes 200]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

MEASURE = (
    "import resource, sys, time; from newsbrief.cli import main; start = time.perf_counter(); status = main(sys.argv[1:]); "
    "peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "print(peak, time.perf_counter() - start); sys.exit(status)"
)
PARAGRAPH = "<p>The fire at the harbor burned for {n} hours on Tuesday, officials said, and crews fought it.</p>"
AFTER = {"id": "after", "documents": ["The council met on Monday. It approved the budget.", "The budget was approved on Monday."]}


def write_record(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('{"id": "huge", "documents": [{"html": "<html><head><title>Harbor fire</title></head><body><article>')
        written, n = 0, 0
        while written < size:
            chunk = "".join(PARAGRAPH.format(n=n + i) for i in range(1000))
            out.write(chunk)
            written, n = written + len(chunk), n + 1000
        out.write('</article></body></html>"}]}\n' + json.dumps(AFTER) + "\n")


def run(arguments: list[str], output: Path) -> tuple[float, float, list[str]]:
    done = subprocess.run([sys.executable, "-c", MEASURE, *arguments], capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    peak_kb, seconds = done.stdout.split()[-2:]
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return float(seconds), int(peak_kb) / 1024 / 1024, [str(r.get("error_type") or f"brief of {r.get('words')} words") for r in records]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "huge.jsonl", Path(folder) / "out.jsonl"
        write_record(source, args.megabytes * 1_000_000)
        print(f"{source.stat().st_size / 1e6:.0f} MB record (html), then one ordinary record")
        print("| run | seconds | peak GB | records |\n|---|---:|---:|---|")
        for name, arguments in (
            ("summarize --input, analysis on", ["summarize", "--input", str(source), "--output", str(out)]),
            ("summarize --input --no-analysis", ["summarize", "--input", str(source), "--output", str(out), "--no-analysis"]),
            ("batch --workers 1", ["batch", str(source), str(out), "--workers", "1", "--quiet"]),
        ):
            out.unlink(missing_ok=True)
            seconds, peak, records = run(arguments, out)
            print(f"| {name} | {seconds:.1f} | {peak:.2f} | {'; '.join(records)} |", flush=True)


if __name__ == "__main__":
    main()
