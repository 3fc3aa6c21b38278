"""Throughput, scaling, Dask overhead and peak memory of `newsbrief batch` on the Multi-News dev
clusters repeated to 1k and 10k records (built in a temporary folder, never in the repository).

Each run is the real command in a subprocess (`python -m newsbrief.cli batch IN OUT --quiet ...`);
peak memory is every process's VmHWM (Linux /proc), sampled until it exits.

    python benchmarks/batch.py [--data ../shared/data/multinews-dev.jsonl] [--sizes 1000,10000] [--words N] [--selector NAME] [--analysis]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"
MAX_ERROR_SHARE = 0.05
SAMPLE_EVERY = 0.2  # seconds; VmHWM is a high-water mark, so sampling only has to catch each process alive


@dataclass(frozen=True)
class Run:
    label: str
    clusters: int
    workers: int
    engine: str
    seconds: float
    first_result: float  # seconds until the first record was in the output: start-up and model loading
    parent_mb: float
    worker_mb: float  # the largest child process (forkserver, workers, Dask nannies)
    children_mb: float  # all child processes together
    cpu_seconds: float  # user + system time of the parent and all its children
    steady_cpu_seconds: float  # the same, after the first result (without start-up and model loading)
    errors: int
    load: float  # the machine's 1-minute load average when the run started: other work sharing the cores
    cpu_wait: float  # share of the run's runnable time spent waiting for a CPU (Linux schedstat): contention

    @property
    def rate(self) -> float:
        return self.clusters / self.seconds

    @property
    def cores(self) -> float:
        """CPUs busy on average: below the worker count when other work shares the machine."""
        return self.cpu_seconds / self.seconds

    @property
    def steady_cpu_ms(self) -> float:
        return 1000 * self.steady_cpu_seconds / self.clusters

    @property
    def steady_rate(self) -> float:
        return self.clusters / max(self.seconds - self.first_result, 1e-9)


def build_input(data: Path, size: int, path: Path) -> None:
    """`size` records cycling through the dev clusters, each with a unique id."""
    clusters = [json.loads(line) for line in data.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            record = clusters[i % len(clusters)]
            out.write(json.dumps({"id": f"{record['id']}#{i // len(clusters)}", "documents": record["documents"]}) + "\n")


def peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_delay_ns(pid: int) -> tuple[int, int]:
    """(nanoseconds on a CPU, nanoseconds runnable but waiting for one): /proc/PID/schedstat."""
    try:
        on_cpu, waiting, _ = Path(f"/proc/{pid}/schedstat").read_text().split()
    except (OSError, ValueError):
        return 0, 0
    return int(on_cpu), int(waiting)


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))


def descendants(pid: int) -> list[int]:
    try:
        import psutil

        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except ImportError:
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                kids = [int(k) for k in task.read_text().split()]
                found += kids
                todo += kids
        return found
    except Exception:  # the process ended between two samples
        return []


def measure(label: str, source: Path, output: Path, clusters: int, workers: int, engine: str, flags: list[str]) -> Run:
    output.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    command = [sys.executable, "-m", "newsbrief.cli", "batch", str(source), str(output), "--quiet", f"--workers={workers}", f"--engine={engine}"]
    start = time.perf_counter()
    log = output.with_suffix(".log")
    process = subprocess.Popen([*command, *flags], stderr=log.open("wb"))
    peaks: dict[int, int] = {}
    ticks: dict[int, int] = {}
    sched: dict[int, tuple[int, int]] = {}
    first, ticks_at_first = None, 0
    while process.poll() is None:
        for pid in [process.pid, *descendants(process.pid)]:
            peaks[pid] = max(peaks.get(pid, 0), peak_kb(pid))
            ticks[pid] = max(ticks.get(pid, 0), cpu_ticks(pid))
            sched[pid] = max(sched.get(pid, (0, 0)), run_delay_ns(pid))
        if first is None and output.exists() and output.stat().st_size:
            first, ticks_at_first = time.perf_counter() - start, sum(ticks.values())
        time.sleep(SAMPLE_EVERY)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{label} failed ({process.returncode}): {log.read_text()}")
    with output.open("rb") as handle:
        records = [json.loads(line) for line in handle]
    assert len(records) == clusters, f"{label}: {len(records)} output lines for {clusters} input lines"
    errors = Counter(r["error"] for r in records if "error" in r)
    if errors.total() > MAX_ERROR_SHARE * clusters:  # a broken pipeline, not a few unusable clusters: nothing to measure
        raise SystemExit(f"{label}: {errors.total()} error records, e.g. {errors.most_common(2)}")
    children = [kb for pid, kb in peaks.items() if pid != process.pid]
    parent = peaks.get(process.pid, 0)
    tick = os.sysconf("SC_CLK_TCK")
    memory = (parent / 1024, max(children, default=0) / 1024, sum(children) / 1024)
    cpu = sum(ticks.values())
    steady_cpu = (cpu - ticks_at_first) / tick
    on_cpu, waiting = sum(ns for ns, _ in sched.values()), sum(ns for _, ns in sched.values())
    cpu_wait = waiting / max(on_cpu + waiting, 1)
    return Run(label, clusters, workers, engine, seconds, first or seconds, *memory, cpu / tick, steady_cpu, errors.total(), load, cpu_wait)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--sizes", default="1000,10000", help="Input sizes; the first is used for scaling and Dask.")
    parser.add_argument("--words", type=int, default=None, help="Brief length (default: the command's).")
    parser.add_argument("--selector", default=None, help="Selection algorithm (default: the command's).")
    parser.add_argument("--analysis", action="store_true", help="Also compute agreements and discrepancies (spaCy; ~6x slower).")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    flags = (["--words", str(args.words)] if args.words else []) + (["--selector", args.selector] if args.selector else [])
    flags += [] if args.analysis else ["--no-analysis"]
    folder = Path(tempfile.mkdtemp(prefix="newsbrief-batch-bench-"))
    load_before = os.getloadavg()
    try:
        inputs = {}
        for size in sizes:
            inputs[size] = folder / f"in-{size}.jsonl"
            build_input(Path(args.data), size, inputs[size])
        small, out = sizes[0], folder / "out.jsonl"
        runs = [
            measure(f"local, {small}", inputs[small], out, small, 1, "local", flags),
            measure(f"local, {small}", inputs[small], out, small, 2, "local", flags),
            measure(f"dask LocalCluster, {small}", inputs[small], out, small, 2, "dask", flags),
        ]
        runs += [measure(f"local, {size}", inputs[size], out, size, 2, "local", flags) for size in sizes[1:]]
    finally:
        shutil.rmtree(folder)
    load_after = os.getloadavg()

    print(f"newsbrief batch {' '.join(flags)}; load average before {load_before[0]:.1f}, after {load_after[0]:.1f} on {os.cpu_count()} CPUs")
    columns = ["run", "workers", "wall s", "start-up s", "clusters/s", "after start-up", "CPUs busy", "CPU ms/cluster", "after start-up"]
    print(f"| {' | '.join(columns + ['parent MB', 'largest child MB', 'children MB', 'load avg', 'waiting for a CPU'])} |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        print(
            f"| {r.label} | {r.workers} | {r.seconds:.1f} | {r.first_result:.1f} | {r.rate:.1f} | {r.steady_rate:.1f} | {r.cores:.2f} "
            f"| {1000 * r.cpu_seconds / r.clusters:.0f} | {r.steady_cpu_ms:.0f} | {r.parent_mb:.0f} | {r.worker_mb:.0f} | {r.children_mb:.0f} "
            f"| {r.load:.1f} | {r.cpu_wait:.0%} |"
        )
    print(f"\nerror records per run (clusters with no usable sentence): {', '.join(str(r.errors) for r in runs)}")
    one, two, dask = runs[0], runs[1], runs[2]
    efficiency = two.steady_rate / (2 * one.steady_rate)
    print(f"\nscaling efficiency 1 -> 2 workers: {two.rate / (2 * one.rate):.0%} wall, {efficiency:.0%} after start-up, "
          f"{one.steady_cpu_ms / two.steady_cpu_ms:.0%} in CPU time per cluster (what 2 free cores would give)")
    print(f"Dask overhead against the local pool (2 workers, {small}): {dask.seconds / two.seconds - 1:+.0%} wall time, "
          f"{two.steady_rate / dask.steady_rate - 1:+.0%} after start-up, {dask.steady_cpu_ms / two.steady_cpu_ms - 1:+.0%} CPU per cluster")
    for r in runs[3:]:
        print(f"peak memory {small} -> {r.clusters} clusters: parent {two.parent_mb:.0f} -> {r.parent_mb:.0f} MB, "
              f"largest child {two.worker_mb:.0f} -> {r.worker_mb:.0f} MB")


if __name__ == "__main__":
    main()
