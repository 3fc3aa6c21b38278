"""Slow clients against a real `newsbrief serve`: do health checks and a small summary still answer?

A server allowed 256 file descriptors (RLIMIT_NOFILE, set in the server process only) gets 300
connections that each send one header byte a second and reconnect as soon as they are closed (a
slow-loris attack). Meanwhile, once a second, a fresh client asks for `/v1/health` and for a small
`/v1/summarize`; each answer must come within 2 s. Everything runs on 127.0.0.1, for a bounded
time, and stops by itself.

    nice -n 10 .venv/bin/python benchmarks/slow_clients.py                  # 300 drippers, 30 s
    nice -n 10 .venv/bin/python benchmarks/slow_clients.py --drippers 100 --seconds 15
    # another checkout's server (e.g. before a change): --server-pythonpath /path/to/old/src

Printed: the probes answered within 2 s, their latency (p50, p95, max), how often the server closed
a dripping connection, the server's CPU time during the attack (a busy loop would use a whole core),
and the lines it logged ("Too many open files" among them).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import queue
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import httpx

CLUSTER = {
    "id": "probe",
    "words": 30,
    "analysis": False,
    "documents": [
        "The council met on Monday and approved the budget for the new bridge after a long debate.",
        "The budget for the bridge was approved by the council on Monday, officials said.",
    ],
}
ANSWER_WITHIN = 2.0


def start_server(nofile: int, pythonpath: str | None) -> tuple[subprocess.Popen[str], str, queue.Queue[str]]:
    """`newsbrief serve` on a free loopback port, its descriptor limit set in the child before exec."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    env = dict(os.environ, OMP_NUM_THREADS="1")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    command = [sys.executable, "-m", "newsbrief.cli", "serve", "--host", "127.0.0.1", "--port", "0", "--no-access-log", "--no-analysis"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=limit, env=env)
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:  # keeps reading, so the server never blocks on a full pipe
        assert server.stderr is not None
        for line in server.stderr:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if server.poll() is not None:
                break
            continue
        found = re.search(r"Uvicorn running on (http://[\d.]+:\d+)", line)
        if found:
            return server, found.group(1), lines
    server.kill()
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drip(host: str, port: int, stop: float, counts: dict[str, int]) -> None:
    """One attacker: connect, send a request line, then one header byte a second; reconnect when closed."""
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=5)
        except (OSError, TimeoutError):
            counts["refused"] += 1
            await asyncio.sleep(0.5)
            continue
        counts["opened"] += 1
        try:
            writer.write(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            while time.monotonic() < stop:
                try:
                    if await asyncio.wait_for(reader.read(1024), timeout=1.0) == b"":
                        counts["closed_by_server"] += 1
                        break
                except TimeoutError:
                    writer.write(b"a")  # one byte a second, never the end of the headers
                    await writer.drain()
        except OSError:
            counts["closed_by_server"] += 1
        finally:
            writer.close()
        await asyncio.sleep(0.1)


async def probe(request: Callable[[httpx.AsyncClient], object], results: list[tuple[float, bool]]) -> None:
    """One request on a fresh connection; its latency and whether it succeeded."""
    started = time.perf_counter()
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            response = await request(client)  # type: ignore[misc]
        ok = response.status_code == 200
    except httpx.HTTPError:
        ok = False
    results.append((time.perf_counter() - started, ok))


async def attack(base: str, drippers: int, seconds: float) -> dict[str, object]:
    host, port = base.removeprefix("http://").split(":")
    stop = time.monotonic() + seconds
    counts = {"opened": 0, "closed_by_server": 0, "refused": 0}
    tasks = [asyncio.create_task(drip(host, int(port), stop, counts)) for _ in range(drippers)]
    health: list[tuple[float, bool]] = []
    summaries: list[tuple[float, bool]] = []
    await asyncio.sleep(3)  # let every dripper connect first
    while time.monotonic() < stop - 1:
        await asyncio.gather(
            probe(lambda c: c.get(f"{base}/v1/health"), health),
            probe(lambda c: c.post(f"{base}/v1/summarize", json=CLUSTER), summaries),
            asyncio.sleep(1),
        )
    await asyncio.gather(*tasks)
    return {"counts": counts, "health": health, "summarize": summaries}


def describe(name: str, results: list[tuple[float, bool]]) -> str:
    times = sorted(t for t, _ in results)
    within = sum(1 for t, ok in results if ok and t <= ANSWER_WITHIN)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")
    return (
        f"{name:>10}: {within}/{len(results)} answered 200 within {ANSWER_WITHIN:g} s; "
        f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
        if times
        else f"{name:>10}: no probes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drippers", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=30.0, help="How long the attack lasts (probes run during it).")
    parser.add_argument("--nofile", type=int, default=256, help="The server's RLIMIT_NOFILE.")
    parser.add_argument("--server-pythonpath", default=None, help="Run the server from another source tree.")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.drippers + 256
    if soft < wanted:  # this process holds every dripping connection
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))

    server, base, lines = start_server(args.nofile, args.server_pythonpath)
    try:
        while not lines.empty():
            lines.get()
        cpu_before, wall_before = cpu_seconds(server.pid), time.monotonic()
        results = asyncio.run(attack(base, args.drippers, args.seconds))
        cpu = cpu_seconds(server.pid) - cpu_before
        wall = time.monotonic() - wall_before
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    logged = []
    while not lines.empty():
        logged.append(lines.get())
    counts = results["counts"]
    print(f"server {base}: RLIMIT_NOFILE {args.nofile}; {args.drippers} connections dripping 1 header byte a second for {args.seconds:g} s")
    print(describe("health", results["health"]))  # type: ignore[arg-type]
    print(describe("summarize", results["summarize"]))  # type: ignore[arg-type]
    print(
        f"  drippers: {counts['opened']} connections opened, {counts['closed_by_server']} closed by the server, "  # type: ignore[index]
        f"{counts['refused']} connects failed"  # type: ignore[index]
    )
    print(f"    server: {cpu:.1f} s CPU in {wall:.1f} s ({100 * cpu / wall:.0f}% of a core)")
    print(f"       log: {len(logged)} lines, {sum('Too many open files' in line for line in logged)} with 'Too many open files'")


if __name__ == "__main__":
    main()
