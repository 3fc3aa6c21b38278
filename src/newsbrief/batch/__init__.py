"""Summarize a JSONL file of clusters at scale: streamed, across processes, in input order, resumable.

    >>> run_batch("clusters.jsonl", "briefs.jsonl", workers=2)   # doctest: +SKIP
    BatchReport(total=1000, skipped=0, written=1000, errors=3, ...)

Every non-blank input line yields exactly one output line, `{"id", "line", ...brief}` or
`{"id", "line", "error", "error_type"}`, written in input order. `line` (the 1-based physical line
of IN) is the key: ids may repeat or be missing, line numbers cannot. Because the output is always
a prefix of the input in order, resuming needs only the last complete output record, so memory
stays flat whatever the size of either file. See docs/batch.md.

The parent only reads bytes and writes bytes; workers decode, parse, summarize and serialize, so
the parent is never the bottleneck. Every record is summarized with the one `Config` the run was
given, shipped once to each worker. An adapter like `cli.py`: the library never imports it.

    __init__  the driver: resume, order, engines (`run_batch`)
    worker    the task every engine runs on a chunk of raw lines (`summarize_lines`)
    dask      the Dask engine (the `dask` extra)
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from more_itertools import batched

from newsbrief.batch.worker import TASKS_PER_WORKER, Chunk, Result, dump_result, summarize_lines, warm_up
from newsbrief.config import Config
from newsbrief.errors import ConfigError, InputError, NewsbriefError, error_record, unknown_choice
from newsbrief.jsonl import load_json, parse_line, record_id
from newsbrief.limits import RECORD_TIME_BUDGET

__all__ = ["run_batch", "BatchReport", "summarize_lines", "ENGINES", "WorkerCrashError"]

ENGINES = ("local", "dask")
LOCAL_CHUNK = 4  # lines per task: small enough that a kill loses little work, large enough to amortize IPC
DASK_CHUNK = 32  # a Dask task costs ~1 ms of scheduling, so Dask gets bigger partitions
PARENT_CHECK = 1.0  # seconds between a local worker's checks that the parent process is still alive


@dataclass(frozen=True)
class BatchReport:
    """What a run did; `total` counts the records OUT holds when the run ends."""

    total: int
    skipped: int  # already in OUT from an earlier run
    written: int
    errors: int  # error records written by this run
    seconds: float
    first_result_seconds: float | None  # start-up cost: pool or cluster start, model loading

    def summary(self, output: str | Path) -> str:
        earlier = f", {self.skipped} from an earlier run" if self.skipped else ""
        return f"{self.total} records in {output} ({self.written} written in {self.seconds:.1f} s{earlier}; {self.errors} errors)"


@dataclass(frozen=True)
class Resume:
    """Where an earlier run stopped: OUT holds `records` whole records, the last for input line `last_line`."""

    records: int = 0
    last_line: int = 0
    last_id: str | None = None
    size: int = 0  # bytes of whole records; anything after them is a write torn by a kill


class WorkerCrashError(NewsbriefError):
    """The worker process died twice on the same record (killed, out of memory, a crash in native code)."""


class Engine(Protocol):
    """Runs `summarize_lines` on chunks somewhere; `window` bounds the chunks in flight."""

    window: int

    def submit(self, chunk: Chunk) -> Future[list[Result]]: ...


# --- resume --------------------------------------------------------------------------------------


def scan_output(path: str | Path) -> Resume:
    """Read OUT once, streaming: count its whole records and find the last one.

    A last line without a newline is what a kill mid-write leaves; it is not counted (and
    `repair_output` cuts it off). Any other unreadable line means OUT is not this command's output.
    """
    path = Path(path)
    if not path.exists():
        return Resume()
    records, last_line, last_id, size = 0, 0, None, 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                record = load_json(raw)
                line, record_id = record["line"], str(record["id"])  # type: ignore[index]
            except (InputError, KeyError, TypeError) as exc:
                raise InputError(f"{path}: line {records + 1} is not a `newsbrief batch` record ({exc}); choose another output file") from exc
            if not isinstance(line, int) or line <= last_line:
                raise InputError(f"{path}: record {records + 1} is out of input order; was it written by `newsbrief batch`?")
            records, last_line, last_id, size = records + 1, line, record_id, size + len(raw)
    return Resume(records, last_line, last_id, size)


def repair_output(path: str | Path, resume: Resume) -> int:
    """Cut a torn last record off OUT; returns the bytes dropped (that record is redone)."""
    path = Path(path)
    extra = path.stat().st_size - resume.size if path.exists() else 0
    if extra > 0:
        os.truncate(path, resume.size)
    return extra


def nonblank_lines(handle: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) for every line with content; blank lines are not records."""
    for number, raw in enumerate(handle, start=1):
        if not raw.isspace():
            yield number, raw


def skip_done(lines: Iterator[tuple[int, bytes]], resume: Resume, *, input_path: str | Path) -> None:
    """Advance `lines` past what OUT already holds, checking that OUT came from this input."""
    if not resume.records:
        return
    seen, found = 0, None
    for number, raw in lines:
        seen += 1
        if number >= resume.last_line:
            found = record_id(parse_line(raw, line=number), number) if number == resume.last_line else None
            break
    if seen != resume.records or found != resume.last_id:
        raise InputError(
            f"the output holds {resume.records} records ending at line {resume.last_line} (id {resume.last_id!r}), "
            f"which does not match {input_path}: give a new output file, or delete it to start over"
        )


def count_records(path: str | Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in nonblank_lines(handle))


# --- driver --------------------------------------------------------------------------------------


def in_order(chunks: Iterable[Chunk], engine: Engine, *, warn: Callable[[str], None] = lambda _: None) -> Iterator[list[Result]]:
    """Results chunk by chunk in input order, with at most `engine.window` chunks in flight.

    Submitting the next chunk only once the oldest one is collected bounds both the input read
    ahead and the results waiting to be written, so memory does not grow with the file.
    """
    pending: deque[tuple[Chunk, Future[list[Result]]]] = deque()
    for chunk in chunks:
        pending.append((chunk, engine.submit(chunk)))
        if len(pending) >= engine.window:
            yield _collect(*pending.popleft(), engine, warn)
    while pending:
        yield _collect(*pending.popleft(), engine, warn)


def _collect(chunk: Chunk, future: Future[list[Result]], engine: Engine, warn: Callable[[str], None]) -> list[Result]:
    """A chunk whose worker died (killed, out of memory, a crash in native code) is retried one
    line at a time, so only a line that kills its worker again becomes an error record."""
    try:
        return future.result()
    except Exception as exc:
        warn(f"a worker died ({type(exc).__name__}: {exc}); retrying lines {chunk[0][0]}-{chunk[-1][0]} one at a time")
        return [_retry_alone(item, engine) for item in chunk]


def _retry_alone(item: tuple[int, bytes], engine: Engine) -> Result:
    number, raw = item
    try:
        return engine.submit([item]).result()[0]
    except Exception as exc:
        crash = WorkerCrashError(f"the worker process died twice on this record ({type(exc).__name__}: {exc})")
        return dump_result(error_record(record_id(parse_line(raw, line=number), number), crash, line=number)), True


class LocalEngine:
    """A process pool on this machine; a pool broken by a dead worker is replaced on the next submit."""

    def __init__(self, *, workers: int, config: Config) -> None:
        self.window = workers * TASKS_PER_WORKER
        self._workers, self._config = workers, config
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing

        # forkserver: workers fork from a clean process that already imported the pipeline (fast
        # start, no inherited threads); spawn where it does not exist.
        context: multiprocessing.context.BaseContext
        try:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newsbrief.pipeline", "newsbrief.batch.worker"])
        except ValueError:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self._workers, mp_context=context, initializer=_local_worker, initargs=(self._config, os.getpid()))

    def submit(self, chunk: Chunk) -> Future[list[Result]]:
        try:
            return self._pool.submit(summarize_lines, chunk, self._config)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(summarize_lines, chunk, self._config)

    def close(self, *, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=True)


def _local_worker(config: Config, parent: int) -> None:
    """Ctrl-C reaches the whole process group; only the parent acts on it (it stops the pool). A
    parent killed outright cannot stop the pool, and its workers would wait for work forever (each
    holds both ends of its task queue), so they watch it and exit when it is gone."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="newsbrief-parent-watch").start()
    warm_up(config)


def _exit_with(parent: int) -> None:
    while _alive(parent):
        time.sleep(PARENT_CHECK)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:  # gone, or the pid now belongs to another user's process
        return False
    try:  # a killed parent stays a zombie until its own parent reaps it
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def run_batch(
    input_path: str | Path,
    output_path: str | Path,
    config: Config | None = None,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: bool = True,
    warn: Callable[[str], None] = lambda message: print(f"warning: {message}", file=sys.stderr),  # shown even when quiet
) -> BatchReport:
    """Summarize every record of IN into OUT, resuming where an earlier run of the same command stopped.

    config: how every record is summarized (a record's own `words`, `query` and `rewrite` switch
        still apply); its `record_timeout` stops one pathological record from holding a worker for
        minutes (it becomes a RecordTimeoutError record). Default: `Config()` with the limit of
        `limits.RECORD_TIME_BUDGET`.
    workers: processes (local engine, or the LocalCluster the dask engine starts without
        `scheduler`); default: the CPUs this process may use.
    engine: "local" (a process pool) or "dask" (`scheduler` address, e.g. "tcp://host:8786").
    """
    config = config if config is not None else Config(record_timeout=RECORD_TIME_BUDGET)
    if engine not in ENGINES:
        raise unknown_choice("engine", engine, ENGINES)
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    workers = workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    chunk_size = chunk_size or (DASK_CHUNK if engine == "dask" else LOCAL_CHUNK)
    if workers < 1 or chunk_size < 1:
        raise ConfigError("workers and chunk size must be at least 1")
    if not Path(input_path).is_file():
        raise InputError(f"{input_path}: no such file")

    resume = scan_output(output_path)
    if dropped := repair_output(output_path, resume):
        warn(f"dropped a partial last record ({dropped} bytes) left by an interrupted run; it is redone")
    total = count_records(input_path) if progress else None
    start = time.perf_counter()
    first: float | None = None
    written = errors = 0
    with ExitStack() as stack:
        lines = nonblank_lines(stack.enter_context(open(input_path, "rb")))
        skip_done(lines, resume, input_path=input_path)
        if (head := next(lines, None)) is None:  # nothing left: start no worker
            return BatchReport(resume.records, resume.records, 0, 0, time.perf_counter() - start, None)
        lines = itertools.chain([head], lines)
        runner = stack.enter_context(open_engine(engine, workers=workers, scheduler=scheduler, config=config))
        out = stack.enter_context(open(output_path, "ab"))  # only once a cluster was reached: no empty file on failure
        bar = stack.enter_context(_progress_bar(total, resume.records, enabled=progress))
        for results in in_order(batched(lines, chunk_size), runner, warn=warn):
            out.write(b"".join(line for line, _ in results))
            out.flush()  # a kill after this loses nothing already collected
            first = first if first is not None else time.perf_counter() - start
            written += len(results)
            errors += sum(is_error for _, is_error in results)
            bar.update(len(results))
    return BatchReport(resume.records + written, resume.records, written, errors, time.perf_counter() - start, first)


def _progress_bar(total: int | None, initial: int, *, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="cluster", file=sys.stderr, disable=not enabled, smoothing=0.05, dynamic_ncols=True)


@contextmanager
def open_engine(engine: str, *, workers: int, scheduler: str | None, config: Config) -> Iterator[Engine]:
    """The engine of that name; its pool or cluster stops even when the run is interrupted."""
    if engine == "dask":
        from newsbrief.batch.dask import DaskEngine

        runner: LocalEngine | DaskEngine = DaskEngine(scheduler=scheduler, workers=workers, config=config)
    else:
        runner = LocalEngine(workers=workers, config=config)
    try:
        yield runner
    except BaseException:
        runner.close(wait=False)
        raise
    runner.close()
