"""Load on a real `newsbrief serve` process on 127.0.0.1: N POST /v1/summarize at concurrency C.

    python benchmarks/load.py [--requests 2000] [--concurrency 16] [--workers 1] [--executor thread] [--no-analysis]

Every request briefs the bundled example cluster (examples/harbor-fire/, four articles, 120
words), with the cross-source analysis (the server's default) unless --no-analysis. Latency is
measured at the client, from sending the request to reading the whole response, so it includes
waiting for a worker. The run is bounded: it stops after N requests or at --deadline seconds,
whichever comes first, and stops the server it started. Exit status 1 if any request failed (a
non-200 answer, a connection error or a timeout).
"""

from __future__ import annotations

import argparse
import asyncio
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-fire"


def start_server(options: list[str]) -> tuple[subprocess.Popen[str], str]:
    """`newsbrief serve` on a free port of 127.0.0.1; returns the process and its base URL."""
    command = [sys.executable, "-m", "newsbrief.cli", "serve", "--host", "127.0.0.1", "--port", "0", "--no-access-log", *options]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen = []
    while True:
        line = lines.get(timeout=180)
        if line is None:
            raise SystemExit("newsbrief serve exited before listening:\n" + "".join(seen[-30:]))
        seen.append(line)
        found = re.search(r"Uvicorn running on (http://[\d.]+:\d+)", line)
        if found:
            return process, found.group(1)


async def run_load(
    base: str, body: dict[str, object], *, requests: int, concurrency: int, deadline: float
) -> tuple[list[float], list[str], float]:
    """Latencies of the successful requests, one message per failure, and the wall time."""
    latencies: list[float] = []
    failures: list[str] = []
    remaining = iter(range(requests))
    stop_at = time.perf_counter() + deadline

    async def worker(client: httpx.AsyncClient) -> None:
        for _ in remaining:  # shared iterator: each request is sent exactly once
            if time.perf_counter() > stop_at:
                failures.append("not sent: deadline reached")
                continue
            start = time.perf_counter()
            try:
                response = await client.post("/v1/summarize", json=body)
                if response.status_code == 200 and response.json().get("sentences"):
                    latencies.append(time.perf_counter() - start)
                else:
                    failures.append(f"HTTP {response.status_code}: {response.text[:200]}")
            except httpx.HTTPError as exc:
                failures.append(f"{type(exc).__name__}: {exc}")

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        return latencies, failures, time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="the server's --workers")
    parser.add_argument("--executor", choices=("thread", "process"), default="thread", help="the server's --executor")
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--analysis", action=argparse.BooleanOptionalAction, default=True, help="ask for agreements and discrepancies")
    parser.add_argument("--deadline", type=float, default=900.0, help="stop sending after this many seconds")
    args = parser.parse_args()

    documents = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLE.iterdir())]
    body = {"id": "harbor-fire", "documents": documents, "words": args.words, "analysis": args.analysis}
    options = ["--workers", str(args.workers), "--executor", args.executor, "--max-pending", str(max(32, args.concurrency))]
    process, base = start_server(options)
    try:
        latencies, failures, wall = asyncio.run(
            run_load(base, body, requests=args.requests, concurrency=args.concurrency, deadline=args.deadline)
        )
    finally:
        process.terminate()
        process.wait(timeout=30)

    ok = len(latencies)
    print(f"POST /v1/summarize x {args.requests}, concurrency {args.concurrency}, server --workers {args.workers} "
          f"--executor {args.executor}; {len(documents)} articles, {args.words} words, analysis {'on' if args.analysis else 'off'}")
    print("| requests | errors | p50 ms | p90 ms | p99 ms | max ms | requests/s | wall s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    if ok:
        p50, p90, p99 = (1000 * percentile(latencies, f) for f in (0.50, 0.90, 0.99))
        print(f"| {args.requests} | {len(failures)} | {p50:.0f} | {p90:.0f} | {p99:.0f} | {1000 * max(latencies):.0f} | "
              f"{ok / wall:.1f} | {wall:.1f} |")
        print(f"mean {1000 * statistics.fmean(latencies):.0f} ms")
    for message in sorted(set(failures))[:5]:
        print(f"failure: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
