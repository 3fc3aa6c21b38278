"""The HTTP service and web page (the `serve` extra): an adapter over the library, never imported by it.

`import newsbrief.service` does not import FastAPI; `serve` and `newsbrief.service.app` do.
"""

from __future__ import annotations

import os

from newsbrief.errors import MissingDependencyError
from newsbrief.service.settings import Settings

__all__ = ["Settings", "serve"]

SERVE_MODULES = frozenset({"fastapi", "starlette", "pydantic", "uvicorn", "anyio", "h11"})


def serve(settings: Settings, *, log_level: str = "info", access_log: bool = True) -> None:
    """Run the app under uvicorn until interrupted; port 0 picks a free port (uvicorn logs which).

    OpenMP is held to one thread per summary unless OMP_NUM_THREADS says otherwise: a summary is
    milliseconds of work, and the thread team scikit-learn's scorer starts for each prediction
    costs more than it saves; with several summaries at once (or a busy machine) the teams spin
    on each other's cores, which made a request 5-10x slower in the load benchmark. It must be set
    before scikit-learn loads its OpenMP runtime, hence here, before the app is imported.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        import uvicorn

        from newsbrief.service.app import create_app
        from newsbrief.service.connections import guarded_protocol
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in SERVE_MODULES:
            raise  # a bug in newsbrief, not a missing extra
        raise MissingDependencyError(str(exc.name), "serve") from exc
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=access_log,
        timeout_graceful_shutdown=5,
        http=guarded_protocol(header_timeout=settings.header_timeout, max_connections=settings.max_connections),
        loop="newsbrief.service.connections:AcceptGuardLoop",
        timeout_keep_alive=settings.keep_alive_timeout,  # type: ignore[arg-type]  # an int in uvicorn's signature; any number works
    )
