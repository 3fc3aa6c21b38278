"""POST /v1/verify through FastAPI's test client: the JSONL line shape in, the verdict line out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2", reason="FastAPI's TestClient needs the httpx2 package")
pytest.importorskip("spacy")

from fastapi.testclient import TestClient  # noqa: E402

from newsbrief.service.app import create_app  # noqa: E402
from newsbrief.service.settings import Settings  # noqa: E402
from test_verify import DOCUMENTS  # noqa: E402

LIMITS = Settings(max_documents=3, max_body_bytes=50_000, analysis=False)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(LIMITS)) as test_client:
        yield test_client


def test_verify_marks_each_sentence_with_its_evidence(client: TestClient) -> None:
    summary = "A fire destroyed two warehouses in Port Alder on Tuesday. Crews fought the blaze for three hours."
    response = client.post("/v1/verify", json={"id": "fire", "documents": DOCUMENTS, "summary": summary})
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "fire" and body["verdict"] == "contradicted" and 0 <= body["score"] <= 1
    first, second = body["sentences"]
    assert first["verdict"] == "supported" and first["evidence"][0]["outlet"] in ("Alder Gazette", "Coastal Herald")
    assert second["verdict"] == "contradicted"
    assert {"kind": "duration", "text": "three hours", "source_text": "more than six hours"}.items() <= second["problems"][0].items()
    assert [a["name"] for a in body["articles"]] == ["Alder Gazette", "Coastal Herald"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    ("body", "status", "error_type"),
    [
        ({"id": "x", "documents": DOCUMENTS, "summary": ""}, 422, "InputError"),
        ({"id": "x", "documents": [], "summary": "Two warehouses burned."}, 422, "InputError"),
        ({"id": "x", "documents": DOCUMENTS * 2, "summary": "Two warehouses burned."}, 413, None),
        ({"id": "x", "documents": [{"url": "https://example.com/a"}], "summary": "Two warehouses burned."}, None, None),
    ],
)
def test_bad_requests_get_an_error_record(client: TestClient, body: dict[str, object], status: int | None, error_type: str | None) -> None:
    response = client.post("/v1/verify", json=body)
    assert response.status_code >= 400 if status is None else response.status_code == status
    answer = response.json()
    assert answer["error"] and answer["detail"]
    if error_type:
        assert answer["error_type"] == error_type and answer["id"] == "x"


def test_the_openapi_document_describes_the_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/v1/verify" in schema["paths"]
    assert "VerifyRequest" in schema["components"]["schemas"]
