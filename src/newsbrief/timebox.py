"""A time budget for one record, enforced in whichever thread runs it.

Most of a summary's time is spent in library code (regular expressions, lxml, numpy, spaCy) that
offers no hook for a deadline, and threading one through every stage would touch them all. So a
timer raises `RecordTimeoutError` in the thread that runs the record, through CPython's
`PyThreadState_SetAsyncExc`: the exception arrives at that thread's next Python instruction, which
works in a batch worker process, a Dask worker thread and a service worker thread alike (a signal
alarm would work only in a main thread). A single long C call finishes before the exception
arrives; the size caps of `newsbrief.ingest` keep such calls short.

The exception can only arrive while the block runs: `TimeBox.stop` and the block's exit take the
same lock, and an exception that was sent but not yet delivered when the block ends is withdrawn.

    >>> with time_limit(60):            # doctest: +SKIP
    ...     result = summarize_record(record)
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from newsbrief.errors import RecordTimeoutError


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """Deliver `exc_type` to the thread at its next instruction; None withdraws one not yet delivered."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None)


class TimeBox:
    """The running block of one `time_limit`; `stop` ends it early (e.g. when an HTTP client left)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.reason = f"the record took longer than its time budget of {seconds:g} s; send fewer or shorter documents"
        self._thread = threading.get_ident()
        self._lock = threading.Lock()
        self._running = True
        self._sent = False

    def stop(self, reason: str | None = None) -> bool:
        """Raise RecordTimeoutError in the block's thread, once; False when the block already ended."""
        with self._lock:
            if not self._running or self._sent:
                return False
            self._sent = True
            self.reason = reason or self.reason
            _raise_in(self._thread, RecordTimeoutError)
            return True

    @property
    def stopped(self) -> bool:
        return self._sent

    def _close(self) -> None:
        with self._lock:
            self._running = False
            if self._sent:
                _raise_in(self._thread, None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[TimeBox | None]:
    """Run the block for at most `seconds` (None: no limit); then RecordTimeoutError with the budget in its message."""
    if seconds is None:
        yield None
        return
    box = TimeBox(seconds)
    timer = threading.Timer(max(seconds, 0.0), box.stop)
    timer.daemon = True
    try:
        timer.start()  # inside the try: a tiny budget can end before the block starts
        yield box
    except RecordTimeoutError:
        if box.stopped:
            raise RecordTimeoutError(box.reason) from None
        raise
    finally:
        timer.cancel()
        box._close()
