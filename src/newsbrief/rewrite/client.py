"""One chat completion from an OpenAI-compatible server, through httpx (the client newsbrief
already fetches pages with), within a time budget.

Failures a retry can cure (no connection, a timeout, HTTP 429 or 5xx, a dropped connection) are
retried with exponential backoff while the brief's budget lasts; anything else (a 4xx such as a
wrong key or model name, an answer that is not a chat completion) is final. Every failure is a
`RewriteError` whose message names the server and what went wrong, and never the API key.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from newsbrief.errors import RewriteError
from newsbrief.rewrite.options import RewriteOptions

RETRIED_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
MAX_ANSWER_BYTES = 1_000_000  # a brief is a few kilobytes; more is not an answer to this prompt


@dataclass(frozen=True)
class Answer:
    """The model's text, the model the server says answered, and the attempts it took."""

    text: str
    model: str
    attempts: int
    cut_off: bool = False  # the server stopped at max_tokens: the last sentence may be unfinished


def complete(
    messages: list[dict[str, str]],
    options: RewriteOptions,
    *,
    max_tokens: int,
    deadline: float | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Answer:
    """The assistant message for `messages`, or RewriteError.

    deadline: a `time.monotonic()` value the last attempt must end by (default: now + options.budget).
    transport: an httpx transport (tests pass recorded responses through `httpx.MockTransport`).
    """
    deadline = time.monotonic() + options.budget if deadline is None else deadline
    body: dict[str, object] = {"messages": messages, "temperature": options.temperature, "max_tokens": max_tokens, "stream": False}
    if options.model:
        body["model"] = options.model
    if options.seed is not None:
        body["seed"] = options.seed
    headers = {"Accept": "application/json"}
    key = os.environ.get(options.api_key_env, "").strip()
    if key:
        headers["Authorization"] = f"Bearer {key}"
    where = _where(options)
    failure = ""
    with httpx.Client(transport=transport, follow_redirects=False, trust_env=False) as client:
        for attempt in range(1, options.retries + 2):
            asked_wait = 0.0
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RewriteError(f"{where} gave no answer within the rewrite budget of {options.budget:g} s{failure}")
            timeout = httpx.Timeout(min(options.timeout, remaining))
            try:
                response = client.post(options.endpoint, json=body, headers=headers, timeout=timeout)
            except httpx.TimeoutException:
                failure = f" (attempt {attempt} timed out)"
            except httpx.TransportError as exc:
                failure = f" (attempt {attempt}: {type(exc).__name__}: {_short(exc)})"
            else:
                if response.status_code == 200:
                    return _parse(response, where, attempt)
                if response.status_code not in RETRIED_STATUS:
                    raise RewriteError(f"{where} answered HTTP {response.status_code}{_detail(response)}")
                failure = f" (attempt {attempt}: HTTP {response.status_code})"
                asked_wait = _retry_after(response)
            if attempt > options.retries:
                break
            pause = max(options.backoff * 2 ** (attempt - 1), asked_wait)
            if time.monotonic() + pause >= deadline:
                raise RewriteError(f"{where} gave no answer within the rewrite budget of {options.budget:g} s{failure}")
            sleep(pause)
    raise RewriteError(f"{where} gave no answer after {options.retries + 1} attempt(s){failure}")


def _parse(response: httpx.Response, where: str, attempt: int) -> Answer:
    """The first choice's message content, or RewriteError naming what was wrong with the answer."""
    if len(response.content) > MAX_ANSWER_BYTES:
        raise RewriteError(f"{where} answered {len(response.content):,} bytes, more than a brief can be")
    try:
        data = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise RewriteError(f"{where} answered something that is not JSON: {response.text[:80]!r}") from None
    choices = data.get("choices") if isinstance(data, dict) else None
    first = choices[0] if isinstance(choices, list) and choices else None
    message = first.get("message") if isinstance(first, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str) or not isinstance(first, dict):
        raise RewriteError(f"{where} answered JSON that is not a chat completion (no choices[0].message.content)")
    model = data.get("model")
    return Answer(content, model if isinstance(model, str) else "", attempt, cut_off=first.get("finish_reason") == "length")


def _where(options: RewriteOptions) -> str:
    return f"the model server {options.endpoint}"


def _short(exc: Exception) -> str:
    return (str(exc) or "no detail")[:120]


def _detail(response: httpx.Response) -> str:
    """A hint from the error body (OpenAI's {"error": {"message"}}), cut short; never the request."""
    try:
        data = response.json()
    except ValueError:
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    message = error.get("message") if isinstance(error, dict) else error
    return f": {str(message)[:160]}" if message else ""


def _retry_after(response: httpx.Response) -> float:
    """The server's Retry-After in seconds (only the delta form), else 0."""
    value = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0
