"""Build the static encoder's token table from MiniLM (once per machine; `get_static()` does the same on first use).

    python scripts/distill_static.py                  # into $NEWSBRIEF_CACHE or ~/.cache/newsbrief
    python scripts/distill_static.py --out table.npz --threads 2
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from newsbrief.represent.static import artifact_path, build_artifact


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help=f"where to write the table (default: {artifact_path()})")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads (default: 1)")
    args = parser.parse_args(argv)
    out = args.out or artifact_path()
    started, cpu = time.perf_counter(), time.process_time()
    table = build_artifact(out, threads=args.threads)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    print(f"{out}: {table.shape[0]} tokens x {table.shape[1]} dims, {out.stat().st_size / 1e6:.1f} MB, sha256 {digest}")
    print(f"took {time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
