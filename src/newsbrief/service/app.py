"""The HTTP API and the web page: a thin adapter over `newsbrief.pipeline.summarize_record`.

>>> from newsbrief.service.app import create_app                     # doctest: +SKIP
>>> from newsbrief.service.settings import Settings                  # doctest: +SKIP
>>> app = create_app(Settings(max_documents=20))                     # doctest: +SKIP

Request bodies are JSONL input records and responses JSONL output lines, so a file of clusters can
be replayed against the server line by line. The library validates the records; this module adds
only what a shared server needs: size, count and time limits, off-loop execution, security headers,
and a JSON answer (never a bare 500 page) for whatever goes wrong.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic.json_schema import models_json_schema
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief import __version__
from newsbrief.config import Config
from newsbrief.errors import InputError, error_record
from newsbrief.ingest import split_multinews
from newsbrief.jsonl import dump_json, load_json
from newsbrief.pipeline import summarize_record
from newsbrief.service import models
from newsbrief.service.errors import BadRequest, Disabled, InvalidField, ServerFault, ServiceError, SlowBody, TooLarge
from newsbrief.service.runner import Runner, warm_up
from newsbrief.service.settings import Settings
from newsbrief.service.stories import group_stories, stories_options
from newsbrief.service.urls import is_url_only, summarize_fetched

STATIC = Path(__file__).parent / "static"

# The page loads nothing but its own files and talks only to this server; no inline script or style
# may run, so even an article that slipped through as HTML could not execute.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc (FastAPI's own pages) use an inline script and a CDN; they show only the schema.
CSP_EXEMPT = ("/docs", "/redoc")
FETCH_SHARE = 0.5  # of the request timeout: all URL fetches of a request share this much, summarizing gets the rest
log = logging.getLogger("newsbrief.service")


class SafeJSONResponse(JSONResponse):
    """JSON that can always be sent: an id echoing a lone surrogate ("\\ud800") is escaped, not a 500."""

    def render(self, content: object) -> bytes:
        return dump_json(content).encode("utf-8")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI app; one bounded executor per app, started and warmed with the app's lifespan."""
    settings = settings or Settings()
    runner = Runner(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runner.warm(warm_up, settings.analysis)
        yield
        runner.close()

    app = FastAPI(
        title="newsbrief",
        version=__version__,
        summary="Many news articles about one story in, one short, attributed brief out.",
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,
    )
    app.state.settings = settings
    app.state.runner = runner
    app.add_middleware(JSONServerErrors)
    app.add_middleware(SecurityHeaders)  # added last, so it wraps every answer, JSONServerErrors' 500s too
    app.add_exception_handler(ServiceError, _service_error)  # type: ignore[arg-type]

    @app.get("/v1/health", response_model=models.Health, tags=["service"])
    async def health() -> dict[str, object]:
        """Answers while summaries run (they run off the event loop); reports the load and limits."""
        return {
            "status": "ok",
            "version": __version__,
            "running": runner.running,
            "waiting": runner.waiting,
            "limits": {
                "max_body_bytes": settings.max_body_bytes,
                "max_documents": settings.max_documents,
                "max_story_articles": settings.max_story_articles,
                "max_words": settings.max_words,
                "timeout": settings.timeout,
                "max_pending": settings.max_pending,
                "max_connections": settings.max_connections,
                "header_timeout": settings.header_timeout,
                "keep_alive_timeout": settings.keep_alive_timeout,
            },
            "features": {"urls": settings.allow_urls, "analysis": settings.analysis, "stories": True, "rewrite": bool(settings.rewrite_url)},
        }

    @app.post(
        "/v1/summarize",
        tags=["briefs"],
        responses=_answers(
            models.SummarizeResponse, "The brief (a JSONL output line).",
            too_large="Body or document count over the limit.",
            unusable="The record cannot be summarized (the JSONL error line).",
            too_slow="The summary took longer than the timeout.",
        ),
        openapi_extra=_json_body("SummarizeRequest"),
    )
    async def summarize(request: Request) -> JSONResponse:
        """Summarize one cluster: the body is one `newsbrief summarize --input` line, the answer its output line."""
        start = time.monotonic()
        record = await read_json(request, settings.max_body_bytes, timeout=settings.timeout)
        record, config = summary_options(record, settings)
        deadline = start + settings.timeout  # reading the body counts too
        if settings.allow_urls and _has_url_only(record):
            # All fetches of the request share one deadline, early enough to leave time to summarize.
            result = await runner.run(
                summarize_fetched, record, config, default_id="request", deadline=deadline, gone=request.is_disconnected,
                fetch_deadline=start + FETCH_SHARE * settings.timeout, allow_private=settings.allow_private_urls,
            )  # fmt: skip
        else:
            result = await runner.run(summarize_record, record, config, default_id="request", deadline=deadline, gone=request.is_disconnected)
        return result_response(result)

    @app.post(
        "/v1/stories",
        tags=["stories"],
        responses=_answers(
            models.StoriesResponse, "The stories (`newsbrief stories --format json`).",
            too_large="Body or article count over the limit.",
            unusable="No usable article, or an option out of range.",
            too_slow="Grouping and briefing took longer than the timeout.",
        ),
        openapi_extra=_json_body("StoriesRequest"),
    )
    async def stories(request: Request) -> JSONResponse:
        """Group a pile of articles into stories, each with a brief; nothing is kept between requests."""
        start = time.monotonic()
        articles, options = stories_options(await read_json(request, settings.max_body_bytes, timeout=settings.timeout), settings)
        deadline = start + settings.timeout
        return result_response(await runner.run(group_stories, articles, options, deadline=deadline, gone=request.is_disconnected))

    @app.post(
        "/v1/verify",
        tags=["verify"],
        responses=_answers(
            models.VerifyResponse, "Each summary sentence's verdict (a `newsbrief verify --input` output line).",
            too_large="Body or document count over the limit.",
            unusable="The record cannot be verified (the JSONL error line).",
            too_slow="The verification took longer than the timeout.",
        ),
        openapi_extra=_json_body("VerifyRequest"),
    )
    async def verify(request: Request) -> JSONResponse:
        """Check a summary against its articles: the body is one `newsbrief verify --input` line, the answer its output line."""
        from newsbrief.verify import verify_record

        record = await read_json(request, settings.max_body_bytes, timeout=settings.timeout)
        if isinstance(record, Mapping):
            count = _count_documents(record.get("documents"))
            if count > settings.max_documents:
                raise TooLarge(f"{count} documents in one request; this server accepts at most {settings.max_documents}")
            _refuse_urls(record.get("documents"), "documents", allow=False)  # verification never fetches
        return result_response(await runner.run(verify_record, record, default_id="request"))

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _answers(ok: type, described: str, *, too_large: str, unusable: str, too_slow: str) -> dict[int | str, dict[str, Any]]:
    """The documented answers of a JSON endpoint: its result, and the error shapes every endpoint shares."""
    error = models.ErrorResponse
    return {
        200: {"model": ok, "description": described},
        400: {"model": error, "description": "The body is not JSON."},
        413: {"model": error, "description": too_large},
        422: {"model": error, "description": unusable},
        503: {"model": error, "description": "Too many requests in progress; retry."},
        504: {"model": error, "description": too_slow},
    }


async def read_json(request: Request, limit: int, *, timeout: float) -> object:
    """The parsed body, refused with 413 as soon as it is known to exceed `limit` bytes.

    Content-Length is checked before reading; a chunked body is counted while it streams in, so
    a client that sends no length cannot make the server buffer more than the limit either, and
    one that drips it gets 408 after `timeout` seconds. Parsing goes through `jsonl.load_json`, so
    every body that is not JSON (huge integers, deep nesting, bad UTF-8 included) is a 400.
    """
    declared = request.headers.get("content-length", "")
    too_large = f"the request body is larger than the limit of {limit:,} bytes; send fewer or shorter documents"
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(too_large)
    body = bytearray()
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise TooLarge(too_large)
    except TimeoutError:
        raise SlowBody(f"the request body did not arrive within {timeout:g} s") from None
    if not body.strip():
        raise BadRequest("the request body is empty; send a JSON object with 'documents'")
    try:
        return load_json(bytes(body))
    except InputError as exc:
        raise BadRequest(f"the request body is {exc}") from None


def summary_options(record: object, settings: Settings) -> tuple[object, Config]:
    """The record for the library and the `Config` of `summarize_record`, after the server's own limits.

    Only limits that are this server's choice are checked here; whether the documents can be
    summarized is the library's call, so a bad record gets the same message as in a JSONL file.
    """
    if not isinstance(record, Mapping):
        return record, Config(analysis=settings.analysis)
    record = dict(record)
    analysis = record.pop("analysis", None)
    if analysis is not None and not isinstance(analysis, bool):
        raise InvalidField("'analysis' must be true or false")
    rewrite = record.pop("rewrite", None)
    if rewrite is not None and not isinstance(rewrite, bool):
        raise InvalidField("'rewrite' must be true or false")
    if rewrite and not settings.rewrite_url:
        raise Disabled("this server has no language model to rewrite briefs (start it with --rewrite URL); leave 'rewrite' out")
    count = _count_documents(record.get("documents")) + _count_documents(record.get("earlier"))
    if count > settings.max_documents:
        raise TooLarge(f"{count} documents in one request; this server accepts at most {settings.max_documents}")
    settings.check_words(record)
    for field in ("documents", "earlier"):
        _refuse_urls(record.get(field), field, allow=settings.allow_urls)
    config = Config(analysis=settings.analysis if analysis is None else analysis, rewrite=settings.rewrite_options() if rewrite else None)
    return record, config


def _count_documents(documents: object) -> int:
    if isinstance(documents, str):
        return len(split_multinews(documents))
    return len(documents) if isinstance(documents, list) else 0


def _refuse_urls(documents: object, field: str, *, allow: bool) -> None:
    """A document that is only a URL needs fetching, which this server does only when started so."""
    if allow or not isinstance(documents, list):
        return
    for number, doc in enumerate(documents, start=1):
        if is_url_only(doc):
            raise Disabled(
                f"{field} {number} has only a 'url' and this server does not fetch URLs (start it with --allow-urls); "
                "paste the article's text instead"
            )


def _has_url_only(record: object) -> bool:
    if not isinstance(record, Mapping):
        return False
    return any(is_url_only(doc) for field in ("documents", "earlier") if isinstance(record.get(field), list) for doc in record[field])


def result_response(result: dict[str, object]) -> JSONResponse:
    """A JSONL output line as the response: a brief (200) or its error line plus `detail`."""
    if "error" not in result:
        return SafeJSONResponse(result)
    # A missing extra is the server's fault, not the client's; everything else is the record's.
    status = 500 if result.get("error_type") == "MissingDependencyError" else 422
    return SafeJSONResponse({**result, "detail": result["error"]}, status_code=status)


def _service_error(_: Request, exc: ServiceError) -> JSONResponse:
    return _error_response(exc, status=exc.status, headers=exc.headers)


def _error_response(exc: BaseException, *, status: int, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = error_record(None, exc)
    return SafeJSONResponse({**body, "detail": body["error"]}, status_code=status, headers=headers)


class JSONServerErrors:
    """An exception no handler took becomes a JSON 500, logged once with its traceback.

    Starlette's own last resort answers in plain text from outside every middleware (so without
    the security headers) and re-raises, so uvicorn logs the traceback a second time. This sits
    inside SecurityHeaders and swallows the exception once it is logged and answered.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if not started:  # else the client gets a cut answer; the connection is closed by uvicorn
                fault = ServerFault("an unexpected error on the server; it was logged, and retrying will not help")
                await _error_response(fault, status=fault.status)(scope, receive, send)


class SecurityHeaders:
    """Adds the CSP and related headers to every response but FastAPI's own docs pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CSP_EXEMPT):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _json_body(model: str) -> dict[str, object]:
    """An OpenAPI request body that documents `model` without FastAPI validating against it."""
    schema = {"$ref": f"#/components/schemas/{model}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the request models it cannot see (the bodies are read by hand)."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        _, definitions = models_json_schema(
            [(models.SummarizeRequest, "validation"), (models.StoriesRequest, "validation"), (models.VerifyRequest, "validation")],
            ref_template="#/components/schemas/{model}"
        )
        schema.setdefault("components", {}).setdefault("schemas", {}).update(definitions["$defs"])
        app.openapi_schema = schema
    return app.openapi_schema
