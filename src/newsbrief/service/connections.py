"""Connection hygiene for `newsbrief serve`: slow or idle clients cannot take the server's sockets.

uvicorn's HTTP/1.1 protocol (h11) starts no timer when a connection opens, and its keep-alive
timer is cancelled by the first byte of the next request, so a client that sends one header byte a
second holds its socket for ever. 300 such clients against a server allowed 256 file descriptors
left none for anyone else (issue 17). `guarded_protocol` adds two rules to each connection:

- Header deadline: a request's headers must be complete `header_timeout` seconds after the
  connection opened or the previous answer was sent, or the connection is closed.
- Connection cap: at most `max_connections` open connections, lowered to the process's
  descriptor limit minus FD_RESERVE (the listening socket, the event loop, logs, URL fetches).
  A connection over the cap makes room by closing the one that has waited longest without a
  complete request (a dripping or an idle keep-alive client); when every connection is inside a
  request, the newcomer is closed instead. A real client sends its headers at once, so it is
  never the one that waited longest, and gets through even while hundreds of drippers reconnect.

uvicorn's own `limit_concurrency` is not used: it counts idle connections too, so drippers would
turn every real request into a 503.

Descriptors can still run out in a burst of accepts, before the cap closes anything, and asyncio
handles that badly (CPython 3.11-3.13, `BaseSelectorEventLoop._accept_connection`): after an
EMFILE it goes on calling accept() up to `backlog` (2048) times, logging a traceback and scheduling
a retry for each; 300 dripping clients made it log 72,896 "Too many open files" tracebacks in
30 s. `AcceptGuardLoop` hands that method only as many accepts as there are free descriptors, so
an accept burst stops short of the limit (and an EMFILE, should another thread take the last
descriptors, happens once, followed by asyncio's one-second pause).
"""

from __future__ import annotations

import asyncio
import errno
import os
import resource
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

FD_RESERVE = 64  # descriptors kept for everything that is not a client connection
ACCEPT_MARGIN = 16  # descriptors an accept burst leaves free (threads, logs, the event loop's own)


def connection_cap(max_connections: int) -> int:
    """`max_connections`, lowered so that the connections fit the soft RLIMIT_NOFILE with FD_RESERVE to spare."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return max_connections
    return max(1, min(max_connections, soft - FD_RESERVE))


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline and a connection cap (see the module docstring)."""

    header_timeout: float = 10.0
    max_connections: int = 1000

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._await_headers()
        if sum(1 for c in self.connections if not c.transport.is_closing()) > self.max_connections:
            waiting = [c for c in self.connections if isinstance(c, GuardedH11Protocol) and c._waiting()]
            min(waiting, key=lambda c: c._idle_since, default=self).transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._await_headers()

    def _await_headers(self) -> None:
        """Start the header deadline: from now, until the next request's headers are complete."""
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._idle_since = self.loop.time()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

    def _waiting(self) -> bool:
        """No request in progress: connected, or answered, and the next request's headers not all here."""
        return self.conn.their_state is h11.IDLE and not self.transport.is_closing()

    def _headers_late(self) -> None:
        self._header_timer = None
        if self._waiting():
            self.transport.close()


def guarded_protocol(*, header_timeout: float, max_connections: int) -> type[GuardedH11Protocol]:
    """The protocol class to give uvicorn (`http=`), with these limits; `max_connections` is capped by `connection_cap`."""
    limits: dict[str, Any] = {"header_timeout": header_timeout, "max_connections": connection_cap(max_connections)}
    return type("GuardedH11Protocol", (GuardedH11Protocol,), limits)


class AcceptGuardLoop(asyncio.SelectorEventLoop):
    """The selector event loop, accepting no more connections at once than there are free descriptors
    (see the module docstring). Given to uvicorn as its loop factory (`loop="...:AcceptGuardLoop"`)."""

    def _accept_connection(self, protocol_factory: Any, sock: Any, sslcontext: Any = None, server: Any = None, backlog: int = 100,
                           *args: Any, **kwargs: Any) -> None:  # fmt: skip
        free = free_descriptors()
        if free is not None:
            backlog = max(1, min(backlog, free - ACCEPT_MARGIN))
        super()._accept_connection(protocol_factory, sock, sslcontext, server, backlog, *args, **kwargs)  # type: ignore[misc]


def free_descriptors() -> int | None:
    """Descriptors this process may still open (Linux: counted in /proc/self/fd), or None when unknown."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        used = len(os.listdir("/proc/self/fd")) - 1  # the listing's own descriptor
    except OSError as exc:  # EMFILE: not even one left for the listing
        return 0 if exc.errno == errno.EMFILE else None
    return None if soft == resource.RLIM_INFINITY else soft - used
