"""CPU-bound library calls off the event loop, bounded in number, waiting room and time.

The event loop only parses requests and awaits futures, so `GET /v1/health` (and the page) keep
answering while summaries run. Three bounds, each with its own answer:
- `workers` summaries run at once (the executor's size);
- `max_pending` requests are admitted (running plus waiting); the next gets 503 at once;
- a request that has waited and worked for `timeout` seconds gets 504. A summary still queued is
  dropped; one already running is stopped by its time budget (`newsbrief.timebox`), which ends
  at the same deadline, so its worker is free again within moments, not minutes.
A summary whose client has closed the connection is stopped the same way (thread executor; a
process worker runs on to the deadline, as nothing can reach into it sooner).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

from newsbrief.errors import RecordTimeoutError
from newsbrief.service.errors import Busy, ClientGone, TimedOut
from newsbrief.service.settings import Settings
from newsbrief.timebox import time_limit

T = TypeVar("T")
DISCONNECT_CHECK = 0.5  # seconds between checks that the client is still connected
STOP_GRACE = 0.5  # a worker's budget ends this long after the request's deadline, so the answer is always the 504

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
        self._processes = settings.executor == "process"
        self._futures: set[Future[Any]] = set()
        self.admitted = 0

    @property
    def running(self) -> int:
        return sum(1 for f in self._futures if f.running())

    @property
    def waiting(self) -> int:
        return sum(1 for f in self._futures if not f.running() and not f.done())

    async def run(
        self, function: Callable[..., T], *args: Any, deadline: float | None = None, gone: Callable[[], Awaitable[bool]] | None = None,
        **kwargs: Any,
    ) -> T:
        """`function(*args, **kwargs)` in the executor; Busy or TimedOut instead of queueing forever.

        deadline: `time.monotonic()` by which the answer is due (default: `timeout` from now); the
            work is stopped then. gone: an awaitable test that the client left, checked while waiting.
        """
        if self.admitted >= self.settings.max_pending:
            raise Busy(
                f"the server is busy ({self.admitted} requests in progress, the limit is {self.settings.max_pending}); retry shortly",
                headers={"Retry-After": "1"},
            )
        deadline = deadline or time.monotonic() + self.settings.timeout
        self.admitted += 1
        running: dict[str, Any] = {}  # the worker thread's TimeBox, to stop it early (thread executor only)
        try:
            future = self._executor.submit(within, deadline, function, args, kwargs, None if self._processes else running)
            self._futures.add(future)
            future.add_done_callback(self._futures.discard)
            waiter = asyncio.wrap_future(future)
            while (left := deadline - time.monotonic()) > 0:
                done, _ = await asyncio.wait({waiter}, timeout=min(left, DISCONNECT_CHECK))
                if done:
                    try:
                        return waiter.result()
                    except RecordTimeoutError:
                        break
                if gone is not None and await gone():
                    waiter.cancel()
                    self._stop(future, running, "the client closed the connection")
                    raise ClientGone("the client closed the connection before the answer was ready")
            waiter.cancel()  # its result, when it comes, is not wanted
            self._stop(future, running, None)
            raise TimedOut(
                f"the summary took longer than {self.settings.timeout:g} s; send fewer or shorter documents, or ask for fewer words"
            )
        finally:
            self.admitted -= 1

    @staticmethod
    def _stop(future: Future[Any], running: dict[str, Any], reason: str | None) -> None:
        """Drop the work if it is still queued, else stop it where it runs (its own budget stops it otherwise)."""
        if not future.cancel() and running.get("box") is not None:
            running["box"].stop(reason)

    async def warm(self, function: Callable[..., object], *args: Any) -> None:
        """Run `function` once in the executor, without the request timeout (loading takes seconds)."""
        await asyncio.wrap_future(self._executor.submit(function, *args))

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def within(deadline: float, function: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any], running: dict[str, Any] | None) -> T:
    """Run in the worker: `function` under a time budget that ends at `deadline`; `running` gets its
    TimeBox so the event loop can stop it sooner. Work whose deadline passed while queued is not started."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise RecordTimeoutError("the request waited for a worker until its deadline passed")
    with time_limit(left + STOP_GRACE) as box:
        if running is not None:
            running["box"] = box
        return function(*args, **kwargs)


def _executor(settings: Settings) -> Executor:
    if settings.executor == "process":
        # spawn, not fork: the server process has threads (the event loop's helpers), and forking
        # a threaded process can copy a held lock into the child.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=settings.workers, mp_context=context, initializer=warm_up, initargs=(settings.analysis,))
    return ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="newsbrief-worker")
