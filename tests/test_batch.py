"""`newsbrief batch`: one output line per input line, in order, resumable after a kill, on a local
pool and on a real Dask LocalCluster. Inputs are built from the short stories below."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief.batch import BatchReport, run_batch, summarize_lines
from newsbrief.cli import main
from newsbrief.config import Config
from newsbrief.limits import RECORD_TIME_BUDGET

STORIES = [
    [
        "The city council approved a new budget on Monday after a long debate about school funding. "
        "Council members voted seven to two in favour of the plan. The budget adds money for teachers and buses.",
        "On Monday the city council passed the budget following a debate over school funding. "
        "The vote was seven to two. Critics said the plan cut spending on parks and libraries.",
        "A new city budget won council approval on Monday. It includes more money for teachers. "
        "The mayor said she would sign the budget later this week at city hall.",
    ],
    [
        "A storm knocked out power to thousands of homes along the coast on Friday night. "
        "Utility crews worked through the weekend to restore electricity. Two bridges were closed because of flooding.",
        "Thousands of coastal homes lost power when a storm hit on Friday. "
        "The utility said most customers would have electricity again by Sunday evening.",
    ],
    [
        "The regional rail line will add six trains a day from March, the transport agency said on Tuesday. "
        "The extra trains will run at peak hours between the harbor and the university.",
        "Commuters will get six more daily trains on the regional line starting in March. "
        "The agency said new carriages arrived from the factory last month. Fares will not change this year.",
        "Six additional trains a day are coming to the regional rail line in March, officials announced. "
        "Students at the university had asked for more frequent service for years.",
    ],
]


def cluster(cluster_id: str, story: int) -> bytes:
    return (json.dumps({"id": cluster_id, "documents": STORIES[story % len(STORIES)]}) + "\n").encode()


# Line by line: what each input line is and what its output record must say.
MIXED = [
    (cluster("budget", 0), "budget", None),
    (b"this is not json\n", "line-2", "InputError"),
    (b"\n", None, None),  # blank: not a record, no output line
    (b'{"id": "no-documents"}\n', "no-documents", "InputError"),
    (b'{"id": "empty", "documents": []}\n', "empty", "InputError"),
    (b"\x00\x01\xff\xfe\x89PNG binary \xc3\x28 junk\n", "line-6", "InputError"),
    (cluster("storm", 1), "storm", None),
    (b"[1, 2, 3]\n", "line-8", "InputError"),
    (cluster("budget", 2), "budget", None),  # a duplicate id: keyed by its own line, summarized like any other
    (json.dumps({"documents": STORIES[2]}).encode() + b"\n", "line-10", None),  # no id: keyed by its line
    (b'{"id": "menu-only", "documents": ["Home | News | Sport", "Menu"]}\n', "menu-only", "NoSentencesError"),
    (cluster("rail", 2), "rail", None),
]
RECORD_LINES = [number for number, (raw, _, _) in enumerate(MIXED, start=1) if not raw.isspace()]


# What is tested is the batch machinery, not the brief: the heuristic selector (no model file) and no
# analysis (which loads spaCy in every worker) keep start-up and each record cheap.
OPTIONS = Config(words=40, selector="support", analysis=False, record_timeout=RECORD_TIME_BUDGET)
FLAGS = ["--words", "40", "--selector", "support", "--no-analysis"]


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The mixed input, its output from one clean run on two worker processes, and what the run showed on stderr."""
    folder = tmp_path_factory.mktemp("mixed")
    source, output = folder / "in.jsonl", folder / "out.jsonl"
    source.write_bytes(b"".join(raw for raw, _, _ in MIXED))
    with contextlib.redirect_stderr(io.StringIO()) as stderr:  # tqdm and click write to sys.stderr as it is at call time
        assert main(["batch", str(source), str(output), "--workers", "2", "--chunk-size", "2", *FLAGS]) == 0
    return source, output, stderr.getvalue()


def test_every_input_line_yields_exactly_one_output_line_in_input_order(mixed: tuple[Path, Path, str]) -> None:
    records = read_records(mixed[1])
    assert [r["line"] for r in records] == RECORD_LINES
    expected = [(record_id, error_type) for raw, record_id, error_type in MIXED if not raw.isspace()]
    assert [(r["id"], r.get("error_type")) for r in records] == expected
    for record in records:
        assert ("summary" in record) != ("error" in record)
    summaries = {r["line"]: r["summary"] for r in records if "summary" in r}
    assert "budget" in summaries[1] and "trains" in summaries[9], "the duplicate id is summarized from its own line"


def test_progress_shows_count_rate_and_eta_then_a_summary(mixed: tuple[Path, Path, str]) -> None:
    shown = mixed[2]
    records = len(RECORD_LINES)
    assert re.search(rf"{records}/{records} \[\d\d:\d\d<\d\d:\d\d, +[\d.]+(cluster/s|s/cluster)\]", shown), shown
    errors = sum(1 for _, _, error_type in MIXED if error_type)
    assert f"{records} records in {mixed[1]} ({records} written in " in shown and f"; {errors} errors)" in shown


def test_batch_results_equal_the_summarize_command(mixed: tuple[Path, Path, str], tmp_path: Path) -> None:
    single = tmp_path / "single.jsonl"
    assert main(["summarize", "--input", str(mixed[0]), "--output", str(single), *FLAGS]) == 0
    batch = read_records(mixed[1])
    alone = read_records(single)
    assert [r["line"] for r in alone if "error" in r] == [r["line"] for r in batch if "error" in r], "error records name their line"
    assert [{k: v for k, v in r.items() if k != "line"} for r in batch] == [{k: v for k, v in r.items() if k != "line"} for r in alone]


def test_resume_repairs_a_torn_last_record_and_completes_the_output(mixed: tuple[Path, Path, str], tmp_path: Path) -> None:
    clean = mixed[1].read_bytes().splitlines(keepends=True)
    output = tmp_path / "out.jsonl"
    output.write_bytes(b"".join(clean[:4]) + clean[4][:25])  # what a kill in the middle of a write leaves
    report = run_batch(mixed[0], output, OPTIONS, workers=1, progress=False, warn=lambda message: None)
    assert (report.skipped, report.written, report.total) == (4, len(clean) - 4, len(clean))
    assert output.read_bytes() == b"".join(clean)


def test_rerunning_a_finished_output_writes_nothing(mixed: tuple[Path, Path, str], tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    output.write_bytes(mixed[1].read_bytes())
    report = run_batch(mixed[0], output, OPTIONS, progress=False)
    assert report == BatchReport(len(RECORD_LINES), len(RECORD_LINES), 0, 0, report.seconds, None)
    assert output.read_bytes() == mixed[1].read_bytes()


def test_output_of_another_input_is_refused_not_extended(
    mixed: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.jsonl"
    other.write_bytes(b"".join(cluster(f"other-{i}", i) for i in range(20)))
    before = mixed[1].read_bytes()
    assert main(["batch", str(other), str(mixed[1]), "--quiet"]) == 2
    assert "does not match" in capsys.readouterr().err
    assert mixed[1].read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--selector", "nope"], "choose one of"),
        (["--words", "3"], "3 is not in the range 10<=x<=5000"),  # the range of `newsbrief.limits`, as in summarize
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    ],
)
def test_invalid_options_fail_before_any_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(cluster("budget", 0))
    assert main(["batch", str(source), str(output), "--quiet", *args]) == 2
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_a_foreign_output_file_is_not_overwritten(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "notes.txt"
    source.write_bytes(cluster("budget", 0))
    output.write_text("my notes\n", encoding="utf-8")
    assert main(["batch", str(source), str(output), "--quiet"]) == 2
    assert output.read_text(encoding="utf-8") == "my notes\n"


# --- kills and a real Dask cluster ---------------------------------------------------------------

BIG = 300  # clusters: several seconds of work on two busy cores, so a kill lands mid-run


def big_input(path: Path) -> list[str]:
    ids = [f"c{i:04d}" for i in range(BIG)]
    path.write_bytes(b"".join(cluster(cluster_id, i) for i, cluster_id in enumerate(ids)))
    return ids


@contextlib.contextmanager
def batch_process(source: Path, output: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`newsbrief batch` in its own process group, which is killed on the way out whatever happened."""
    command = [sys.executable, "-m", "newsbrief.cli", "batch", str(source), str(output), "--workers", "2", "--quiet", *FLAGS]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for_lines(output: Path, count: int, process: subprocess.Popen[bytes], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if output.exists() and output.read_bytes().count(b"\n") >= count:
            return
        assert process.poll() is None, "the batch ended before it could be interrupted"
        time.sleep(0.02)
    raise AssertionError(f"no {count} output lines within {timeout} s")


def assert_complete(output: Path, ids: list[str], source: Path, check: tuple[int, ...]) -> None:
    records = read_records(output)
    assert Counter(r["id"] for r in records) == Counter(ids), "every input id exactly once"
    assert [r["line"] for r in records] == list(range(1, BIG + 1))
    assert not [r for r in records if "error" in r]
    written, raw_lines = output.read_bytes().splitlines(keepends=True), source.read_bytes().splitlines(keepends=True)
    for number in check:  # the bytes a clean run writes
        assert written[number - 1] == summarize_lines([(number, raw_lines[number - 1])], OPTIONS)[0][0]


def worker_pids(pid: int) -> list[int]:
    """The pool's worker processes: forked by the forkserver, so grandchildren of the batch process."""
    psutil = pytest.importorskip("psutil")
    parent = psutil.Process(pid)
    return [p.pid for p in parent.children(recursive=True) if p.ppid() != pid]


def wait_until_gone(pids: list[int], timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while (alive := [pid for pid in pids if Path(f"/proc/{pid}").exists()]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


@pytest.mark.slow
def test_sigkill_then_rerun_has_every_input_id_exactly_once(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = big_input(source)
    with batch_process(source, output, tmp_path / "first.log") as process:
        wait_for_lines(output, 8, process)
        workers = worker_pids(process.pid)
        os.kill(process.pid, signal.SIGKILL)  # the parent only: no chance to clean up or to stop its pool
        process.wait()
        assert workers and not wait_until_gone(workers), "orphaned workers exit on their own"
    partial = output.read_bytes().count(b"\n")
    assert 8 <= partial < BIG
    with batch_process(source, output, tmp_path / "rerun.log") as rerun:
        assert rerun.wait(timeout=300) == 0, (tmp_path / "rerun.log").read_text()
    assert_complete(output, ids, source, check=(1, partial, partial + 1, BIG))


@pytest.mark.slow
def test_a_worker_killed_mid_run_costs_no_record(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = big_input(source)
    with batch_process(source, output, tmp_path / "run.log") as process:
        wait_for_lines(output, 8, process)
        workers = worker_pids(process.pid)
        assert workers
        os.kill(workers[0], signal.SIGKILL)  # what the out-of-memory killer does
        assert process.wait(timeout=300) == 0, (tmp_path / "run.log").read_text()
    assert "a worker died" in (tmp_path / "run.log").read_text()
    assert_complete(output, ids, source, check=(1, BIG // 2, BIG))


@pytest.mark.slow
def test_dask_engine_on_a_local_cluster_writes_what_the_local_pool_writes(mixed: tuple[Path, Path, str], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    output = tmp_path / "out.jsonl"
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as local_cluster:
        report = run_batch(mixed[0], output, OPTIONS, engine="dask", scheduler=local_cluster.scheduler_address, chunk_size=3, progress=False)
        workers = len(local_cluster.scheduler_info["workers"])
        # Again with the learned selector, one record a task: each worker loads the scorer once, when it
        # joins (the warm-up plugin), however many tasks it runs.
        learned = run_batch(
            mixed[0], tmp_path / "learned.jsonl", Config(words=40, analysis=False, record_timeout=RECORD_TIME_BUDGET), engine="dask",
            scheduler=local_cluster.scheduler_address, chunk_size=1, progress=False,
        )

        def scorer_loads(dask_worker: object) -> tuple[bool, int, int]:  # runs on each worker (pickled by value)
            from newsbrief.select.learned import load_scorer

            info = load_scorer.cache_info()
            return "newsbrief-warm-up" in dask_worker.plugins, info.misses, info.hits  # type: ignore[attr-defined]

        with distributed.Client(local_cluster) as client:
            loads = list(client.run(scorer_loads).values())
    assert workers == 2
    assert (report.written, report.errors) == (len(RECORD_LINES), sum(1 for _, _, error_type in MIXED if error_type))
    assert output.read_bytes() == mixed[1].read_bytes()
    summarized = learned.written - learned.errors
    assert [(plugin, misses) for plugin, misses, _ in loads] == [(True, 1), (True, 1)], loads
    assert sum(hits for _, _, hits in loads) >= summarized >= 5, loads
