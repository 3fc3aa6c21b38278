"""CPU-bound library calls off the event loop, bounded in number, waiting room and time.

The event loop only parses requests and awaits futures, so `GET /v1/health` (and the page) keep
answering while summaries run. Three bounds, each with its own answer:
- `workers` summaries run at once (the executor's size);
- `max_pending` requests are admitted (running plus waiting); the next gets 503 at once;
- a request that has waited and worked for `timeout` seconds gets 504. A summary still queued is
  dropped; one already running cannot be interrupted in a thread, so it finishes and is discarded,
  still holding its worker, so the executor's size stays the true bound on CPU use.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

from newsbrief.service.errors import Busy, TimedOut
from newsbrief.service.settings import Settings

T = TypeVar("T")

WARM_UP_TEXTS = (
    "A fire burned three warehouses at the harbor on Tuesday. Crews fought the flames for six hours.",
    "Three harbor warehouses burned on Tuesday night. Firefighters fought the fire for four hours.",
)


def warm_up(analysis: bool = False) -> None:
    """Load what the first request would otherwise wait for (the scorer, word lists and, for the
    analysis, spaCy: seconds each) before the server accepts requests."""
    from newsbrief.pipeline import summarize

    summarize(list(WARM_UP_TEXTS), words=10, analysis=analysis)


class Runner:
    """The bounded executor of one app; `running`/`waiting` are reported by the health endpoint."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._executor = _executor(settings)
        self._futures: set[Future[Any]] = set()
        self.admitted = 0

    @property
    def running(self) -> int:
        return sum(1 for f in self._futures if f.running())

    @property
    def waiting(self) -> int:
        return sum(1 for f in self._futures if not f.running() and not f.done())

    async def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`function(*args, **kwargs)` in the executor; Busy or TimedOut instead of queueing forever."""
        if self.admitted >= self.settings.max_pending:
            raise Busy(
                f"the server is busy ({self.admitted} requests in progress, the limit is {self.settings.max_pending}); retry shortly",
                headers={"Retry-After": "1"},
            )
        self.admitted += 1
        try:
            future = self._executor.submit(function, *args, **kwargs)
            self._futures.add(future)
            future.add_done_callback(self._futures.discard)
            try:
                return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.settings.timeout)
            except TimeoutError:
                future.cancel()
                raise TimedOut(
                    f"the summary took longer than {self.settings.timeout:g} s; send fewer or shorter documents, or ask for fewer words"
                ) from None
        finally:
            self.admitted -= 1

    async def warm(self, function: Callable[..., object], *args: Any) -> None:
        """Run `function` once in the executor, without the request timeout (loading takes seconds)."""
        await asyncio.wrap_future(self._executor.submit(function, *args))

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _executor(settings: Settings) -> Executor:
    if settings.executor == "process":
        # spawn, not fork: the server process has threads (the event loop's helpers), and forking
        # a threaded process can copy a held lock into the child.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=settings.workers, mp_context=context, initializer=warm_up, initargs=(settings.analysis,))
    return ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="newsbrief-worker")
