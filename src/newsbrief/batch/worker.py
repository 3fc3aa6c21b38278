"""The task every batch engine runs, in the worker process: a chunk of raw input lines in, one
serialized output line per input line out (`{"id", "line", ...brief}` or its error record)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from newsbrief.config import Config
from newsbrief.errors import error_record
from newsbrief.jsonl import default_id, dump_line, parse_line, record_id
from newsbrief.pipeline import summarize_record

TASKS_PER_WORKER = 4  # chunks in flight per worker: keeps workers busy while the head chunk is written
WARM_UP = {"id": "warm-up", "documents": ["The council met on Monday. It approved the budget.", "The budget was approved on Monday."]}

Chunk = Sequence[tuple[int, bytes]]  # (line number in IN, raw line)
Result = tuple[bytes, bool]  # (output line ending in a newline, is it an error record)


def summarize_lines(chunk: Chunk, config: Config) -> list[Result]:
    """The task every engine runs: raw lines in, serialized output lines out, one per input line."""
    return [_summarize_line(number, raw, config) for number, raw in chunk]


def _summarize_line(number: int, raw: bytes, config: Config) -> Result:
    record = parse_line(raw, line=number)
    try:
        result = summarize_record(record, config, default_id=default_id(number), line=number)
    except Exception as exc:  # a bug on one record must not cost the other records their output
        result = error_record(record_id(record, number), exc, line=number)
    result.pop("line", None)
    return dump_result({"id": result.pop("id"), "line": number, **result}), "error" in result


def dump_result(result: dict[str, object]) -> bytes:
    """One output line, newline included, as the driver writes it."""
    return (dump_line(result) + "\n").encode("utf-8")


def warm_up(config: Config) -> None:
    """Load models and imports once per worker process, before the first real record.

    One OpenMP/BLAS thread per worker unless OMP_NUM_THREADS says otherwise: with as many workers
    as cores more threads only oversubscribe, and OpenMP threads spinning on a busy machine made
    the learned scorer ten times slower in our measurements.
    """
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    threads = int(os.environ.setdefault("OMP_NUM_THREADS", "1"))  # read by OpenMP when scikit-learn loads it
    summarize_record(WARM_UP, replace(config, rewrite=None))  # no model call to warm up
    threadpool_limits(threads)  # BLAS was loaded (with numpy) before the variable was set
