"""A stand-in OpenAI-compatible server on loopback for the rewrite tests: it answers each request with the
next of a list of canned replies (status, body, seconds to wait first), the last one repeated."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Stub(BaseHTTPRequestHandler):
    replies: list[tuple[int, bytes, float]] = []  # (status, body, seconds to wait first), one a request, the last repeated
    served = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("content-length", 0)))
        status, body, wait = self.replies[min(type(self).served, len(self.replies) - 1)]
        type(self).served += 1
        time.sleep(wait)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up waiting
            pass

    def log_message(self, *args: object) -> None:
        pass


def stub(replies: list[tuple[int, bytes, float]]) -> tuple[ThreadingHTTPServer, str]:
    """A running stub server and its base URL; call `.shutdown()` when done."""
    handler = type("Stub", (_Stub,), {"replies": replies, "served": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def completion(content: str) -> bytes:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}).encode()
