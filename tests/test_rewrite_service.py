"""The rewrite through the HTTP service and the web page: offered only when the server is configured
with a model server, asked for per request, and shown sentence by sentence. The model server is a
loopback stub answering a recorded completion (tests/fixtures/rewrite/), so these run without a model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2", reason="FastAPI's TestClient needs the httpx2 package")

from fastapi.testclient import TestClient  # noqa: E402

from newsbrief.errors import ConfigError  # noqa: E402
from newsbrief.service.app import create_app  # noqa: E402
from newsbrief.service.settings import Settings  # noqa: E402
from rewrite_stub import stub  # noqa: E402
from test_rewrite import DOCUMENTS, FIXTURES  # noqa: E402

RECORDED = (FIXTURES / "invented.json").read_bytes()


@pytest.fixture(scope="module")
def model_server() -> Iterator[str]:
    server, url = stub([(200, RECORDED, 0.0)])
    yield url
    server.shutdown()


def _record(**fields: object) -> dict[str, object]:
    return {"id": "fire", "documents": DOCUMENTS, "words": 60, **fields}


def test_a_server_without_a_model_does_not_offer_the_rewrite() -> None:
    with TestClient(create_app(Settings(analysis=False))) as client:
        assert client.get("/v1/health").json()["features"]["rewrite"] is False
        refused = client.post("/v1/summarize", json=_record(rewrite=True))
        assert refused.status_code == 422 and refused.json()["error_type"] == "FeatureDisabled" and "--rewrite" in refused.json()["detail"]
        plain = client.post("/v1/summarize", json=_record(rewrite=False))
        assert plain.status_code == 200 and "rewrite" not in plain.json()


def test_a_configured_server_rewrites_when_asked_and_marks_each_sentence(model_server: str) -> None:
    with TestClient(create_app(Settings(analysis=False, rewrite_url=model_server, rewrite_model="stub-model"))) as client:
        assert client.get("/v1/health").json()["features"]["rewrite"] is True
        body = client.post("/v1/summarize", json=_record(rewrite=True)).json()
        assert body["rewrite"]["model"] == "stub-model" and body["rewrite"]["kept"] == 2
        assert [d["verdict"] for d in body["rewrite"]["dropped"]].count("contradicted") == 1  # the changed number
        assert {s["origin"] for s in body["sentences"]} == {"generated", "extracted"}
        assert "Harbor Logistics" not in body["summary"] and "40" not in body["summary"]
        unasked = client.post("/v1/summarize", json=_record()).json()
        assert "rewrite" not in unasked  # off unless the request asks
        assert client.post("/v1/summarize", json=_record(rewrite="yes")).status_code == 422


def test_a_bad_model_address_fails_when_the_server_starts() -> None:
    with pytest.raises(ConfigError):
        Settings(rewrite_url="localhost:8080")
