"""The Dask engine of `newsbrief batch`: the same chunks and the same task as the local pool, run
by the workers of a Dask distributed cluster (a running scheduler, or a LocalCluster started here).

Input partitions (chunks of raw lines) go to the workers; their output lines come back to this
client, which writes them in input order through the shared driver in `newsbrief.batch`, so
resuming, ordering and error records are exactly those of the local engine. Every worker loads the
models once, when it joins (a worker plugin), not once per task. Needs `newsbrief[dask]` installed,
in the same version, on every worker machine.
"""

from __future__ import annotations

import logging
from typing import Any

try:
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # pragma: no cover - the dask extra is part of the dev install
    from newsbrief.errors import MissingDependencyError

    raise MissingDependencyError("dask.distributed", "dask") from exc

from newsbrief.batch.worker import TASKS_PER_WORKER, Chunk, summarize_lines, warm_up
from newsbrief.config import Config
from newsbrief.errors import ConfigError

WORKER_WAIT = 60  # seconds to wait for a first worker to join a remote scheduler


class WarmUp(WorkerPlugin):
    """Loads the models when a worker starts (or joins later), so no task pays for it."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        warm_up(self.config)


class DaskEngine:
    """Chunks submitted as Dask tasks; `window` (chunks in flight) scales with the cluster's threads."""

    def __init__(self, *, scheduler: str | None, workers: int, config: Config) -> None:
        self._config = config
        self._cluster = None
        if scheduler is None:
            # Only on the loopback interface, one thread per worker process, no dashboard.
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR
            )
        try:
            self._client = Client(scheduler or self._cluster, timeout="30s")
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; start it with `dask scheduler`") from exc
        try:
            self._client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError as exc:
            self.close()
            raise ConfigError(f"no Dask worker joined {scheduler} within {WORKER_WAIT} s; start one with `dask worker {scheduler}`") from exc
        self._client.register_plugin(WarmUp(self._config), name="newsbrief-warm-up")
        self.window = TASKS_PER_WORKER * max(1, sum(self._client.nthreads().values()))

    def submit(self, chunk: Chunk) -> Any:
        """A Dask future; like a concurrent.futures one, `.result()` returns the output lines."""
        return self._client.submit(summarize_lines, chunk, self._config, pure=False)

    def close(self, *, wait: bool = True) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
