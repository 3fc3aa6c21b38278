"""The HTTP service: shapes equal to the JSONL lines, every limit answered with a clear 4xx/5xx, and a
real uvicorn process that keeps answering health checks while a summary runs."""

from __future__ import annotations

import http.server
import json
import queue
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2", reason="FastAPI's TestClient needs the httpx2 package")

from fastapi.testclient import TestClient  # noqa: E402  (after the skips above)

from newsbrief.cli import main  # noqa: E402
from newsbrief.config import Config  # noqa: E402
from newsbrief.errors import ConfigError  # noqa: E402
from newsbrief.pipeline import summarize_record  # noqa: E402
from newsbrief.service.app import create_app  # noqa: E402
from newsbrief.service.settings import Settings  # noqa: E402

# Three short reports of one (invented) story, with overlapping facts and one disagreement.
ARTICLES = [
    {
        "source": "Riverside Courier",
        "text": (
            "The Millbrook river bridge was closed to all traffic on Monday after engineers found a crack in one of its steel beams. "
            "County engineer Dana Whitlock said the crack was about 30 centimetres long and had appeared since the last inspection in March. "
            "Buses will be diverted through the Elm Street crossing, adding about fifteen minutes to the journey. "
            "The county expects repairs to take six weeks."
        ),
    },
    {
        "source": "Valley Radio",
        "text": (
            "Engineers closed the Millbrook river bridge on Monday when they discovered a crack in a steel beam under the main span. "
            "Dana Whitlock, the county engineer, said the crack measured roughly 45 centimetres. "
            "Commuters were told to use the Elm Street crossing while the bridge stays shut. "
            "Local shop owners said they feared losing customers during the closure."
        ),
    },
    {
        "source": "Millbrook Daily",
        "text": (
            "A crack in a steel beam has shut the Millbrook river bridge, county officials said on Monday. "
            "Buses are being sent over the Elm Street crossing instead, which adds about fifteen minutes. "
            "The bridge, built in 1962, carries about 9,000 vehicles a day. "
            "Repairs are expected to take six weeks, the county said."
        ),
    },
]

# The analysis (spaCy) is off on this test server to keep the file fast; requests that ask for it get it.
LIMITS = Settings(max_documents=5, max_body_bytes=100_000, max_words=400, analysis=False)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(LIMITS)) as test_client:
        yield test_client


def _record(**fields: object) -> dict[str, object]:
    return {"id": "bridge", "documents": ARTICLES, "words": 80, **fields}


def test_health_reports_limits_and_features(client: TestClient) -> None:
    response = client.get("/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["limits"]["max_documents"] == 5
    assert body["features"]["urls"] is False
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_summarize_returns_an_attributed_brief(client: TestClient) -> None:
    response = client.post("/v1/summarize", json=_record())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == "bridge"
    assert [a["source"] for a in body["articles"]] == [a["source"] for a in ARTICLES]
    assert [a["name"] for a in body["articles"]] == [a["source"] for a in ARTICLES], "the name the brief cites each article by"
    assert body["sentences"] and 40 <= body["words"] <= 120
    for sentence in body["sentences"]:
        assert sentence["sources"] and set(sentence["sources"]) <= {0, 1, 2}
        for evidence in sentence["evidence"]:
            assert evidence["text"] in ARTICLES[evidence["article"]]["text"]
    # The crossing is in all three reports, so the sentence that says so cites more than one.
    assert any(len(s["sources"]) > 1 for s in body["sentences"] if "Elm Street" in s["text"])


@pytest.mark.parametrize("analysis", [True, False])
def test_response_is_the_jsonl_output_line(client: TestClient, analysis: bool) -> None:
    response = client.post("/v1/summarize", json=_record(analysis=analysis))
    expected = summarize_record(_record(), Config(analysis=analysis), default_id="request")
    assert response.json() == json.loads(json.dumps(expected))
    assert ("agreements" in response.json()) is analysis


def test_analysis_defaults_to_the_server_setting(client: TestClient) -> None:
    response = client.post("/v1/summarize", json=_record())
    assert response.json() == json.loads(json.dumps(summarize_record(_record(), Config(analysis=False))))
    assert "agreements" not in response.json()
    assert Settings().analysis is True  # a server started without options compares the sources


def test_a_record_without_id_gets_the_default_id(client: TestClient) -> None:
    response = client.post("/v1/summarize", json={"documents": [a["text"] for a in ARTICLES]})
    assert response.status_code == 200
    assert response.json()["id"] == "request"


ERROR_CASES = [
    # (body, status, error_type, words the message must contain)
    ({"id": "x", "documents": []}, 422, "InputError", "no documents"),
    ({"id": "x"}, 422, "InputError", "missing 'documents'"),
    ([1, 2], 422, "InputError", "JSON object"),
    ({"documents": [42]}, 422, "InputError", "must be a string or an object"),
    ({"documents": ["", "   "]}, 422, "NoSentencesError", "usable sentence"),
    ({"documents": ARTICLES * 2}, 413, "RequestTooLarge", "at most 5"),
    ({"documents": ARTICLES[:1], "earlier": ARTICLES * 2}, 413, "RequestTooLarge", "at most 5"),
    ({"documents": ARTICLES, "words": 5}, 422, "ConfigError", "between 10"),
    ({"documents": ARTICLES, "words": 900}, 422, "LimitExceeded", "at most 400"),
    ({"documents": ARTICLES, "words": "many"}, 422, "InputError", "integer"),
    ({"documents": ARTICLES, "analysis": "yes"}, 422, "InputError", "true or false"),
    ({"documents": [{"url": "https://example.com/a"}]}, 422, "FeatureDisabled", "--allow-urls"),
]


@pytest.mark.parametrize(("body", "status", "error_type", "message"), ERROR_CASES)
def test_bad_records_get_a_4xx_with_a_message(client: TestClient, body: object, status: int, error_type: str, message: str) -> None:
    response = client.post("/v1/summarize", json=body)
    assert response.status_code == status, response.text
    answer = response.json()
    assert answer["error_type"] == error_type
    assert message in answer["detail"] and answer["error"] == answer["detail"]


def test_library_errors_carry_the_record_id(client: TestClient) -> None:
    answer = client.post("/v1/summarize", json={"id": "empty-one", "documents": []}).json()
    assert answer["id"] == "empty-one"


@pytest.mark.parametrize(("content", "message"), [("{", "not valid JSON"), ("", "empty"), (b"\xff\xfe{", "not valid JSON")])
def test_a_body_that_is_not_json_gets_400(client: TestClient, content: str | bytes, message: str) -> None:
    response = client.post("/v1/summarize", content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_an_oversized_body_is_refused_from_its_length(client: TestClient) -> None:
    big = {"documents": ["word " * 30_000]}
    response = client.post("/v1/summarize", json=big)
    assert response.status_code == 413
    assert "100,000 bytes" in response.json()["detail"]


def test_an_oversized_chunked_body_is_refused_while_streaming(client: TestClient) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(50):  # 50 x 10 kB, no Content-Length: the server must count
            sent.append(1)
            yield b" " * 10_000

    response = client.post("/v1/summarize", content=chunks())
    assert response.status_code == 413
    assert "content-length" not in {k.lower() for k in response.request.headers}


# ---- Stories ----------------------------------------------------------------------------------

HARBOR = [
    {"id": "harbor-1", "source": "Coastal Herald", "text": (
        "A fire destroyed three warehouses at the Port Alder harbor late on Tuesday night, and about 200 residents were evacuated. "
        "Fire Chief Marta Okafor said crews fought the blaze for more than six hours before it was under control. "
        "Four firefighters were treated for smoke inhalation."
    )},
    {"id": "harbor-2", "source": "Bay News Network", "text": (
        "Firefighters fought a large fire at the Port Alder harbor through Tuesday night, and about 200 residents were evacuated. "
        "Three warehouses storing rope and marine fuel burned, Fire Chief Marta Okafor said. "
        "The harbor will stay closed until Friday."
    )},
]  # fmt: skip


def test_stories_groups_a_pile_into_stories_with_briefs(client: TestClient) -> None:
    pile = [HARBOR[0], *(dict(a, id=f"bridge-{i}") for i, a in enumerate(ARTICLES)), HARBOR[1], {"title": "no text here"}]
    response = client.post("/v1/stories", json={"articles": pile, "words": 50})
    assert response.status_code == 200, response.text
    body = response.json()
    assert sorted(sorted(s["articles"]) for s in body["stories"]) == [["bridge-0", "bridge-1", "bridge-2"], ["harbor-1", "harbor-2"]]
    for story in body["stories"]:
        assert story["brief"]["sentences"] and len(story["brief"]["articles"]) == len(story["articles"])
    message = "line-6: a document object needs a string 'text' (or 'html') field"
    assert body["errors"] == [{"id": "line-6", "error": message, "error_type": "InputError", "line": 6}]


def test_stories_answer_is_what_the_stories_command_prints(
    client: TestClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pile = [*HARBOR, *(dict(a, id=f"bridge-{i}") for i, a in enumerate(ARTICLES)), {"id": "empty", "title": "no text"}]
    lines = tmp_path / "pile.jsonl"
    lines.write_text("".join(json.dumps(article) + "\n" for article in pile), encoding="utf-8")
    capsys.readouterr()
    assert main(["stories", "--input", str(lines), "--format", "json", "--words", "50"]) == 0
    printed = json.loads(capsys.readouterr().out)
    answer = client.post("/v1/stories", json={"articles": pile, "words": 50}).json()
    assert {k: v for k, v in answer.items() if k != "warnings"} == printed
    assert len(printed["stories"]) == 2 and printed["errors"][0]["line"] == 6


@pytest.mark.parametrize(
    ("body", "status", "error_type", "message"),
    [
        ({"articles": []}, 422, "InputError", "no readable article"),
        ({"articles": "one string"}, 422, "InputError", '{"articles": [...]}'),
        ({"articles": HARBOR, "threshold": "high"}, 422, "InputError", "'threshold' must be a number"),
        ({"articles": HARBOR, "threshold": 2}, 422, "ConfigError", "threshold must be between 0 and 1"),
        ({"articles": HARBOR, "words": 900}, 422, "LimitExceeded", "at most 400"),
    ],
)
def test_bad_stories_requests_get_a_4xx_with_a_message(client: TestClient, body: object, status: int, error_type: str, message: str) -> None:
    response = client.post("/v1/stories", json=body)
    assert response.status_code == status, response.text
    assert response.json()["error_type"] == error_type and message in response.json()["detail"]


def test_stories_article_count_is_limited() -> None:
    with TestClient(create_app(Settings(max_story_articles=2, analysis=False))) as small:
        response = small.post("/v1/stories", json={"articles": [*HARBOR, ARTICLES[0]]})
    assert response.status_code == 413 and "at most 2" in response.json()["detail"]


def slow_cluster(documents: int = 60, seed: int = 7) -> list[str]:
    """Many long articles of shuffled words: valid input that takes seconds, not milliseconds."""
    rng = random.Random(seed)
    words = (
        "harbor fire crews warehouse mayor residents smoke fuel rope chief investigators cause electrical night dawn "
        "town council boats fishing season hospital firefighters flames evacuation streets officials bridge beam"
    ).split()
    return [
        " ".join(" ".join(rng.choice(words) for _ in range(18)).capitalize() + "." for _ in range(40)) for _ in range(documents)
    ]


def test_a_summary_over_the_time_limit_gets_504() -> None:
    with TestClient(create_app(Settings(timeout=0.05, max_documents=100))) as slow:
        response = slow.post("/v1/summarize", json={"documents": slow_cluster()})
    assert response.status_code == 504
    assert "longer than 0.05 s" in response.json()["detail"]


@pytest.mark.slow  # starts and warms a worker process
def test_a_process_executor_gives_the_same_answer() -> None:
    with TestClient(create_app(Settings(executor="process", workers=1, analysis=False))) as pooled:
        response = pooled.post("/v1/summarize", json=_record())
        health = pooled.get("/v1/health").json()
    assert response.json() == json.loads(json.dumps(summarize_record(_record(), Config(analysis=False), default_id="request")))
    assert health["running"] == 0 and health["waiting"] == 0


def test_page_and_static_files_are_served_without_inline_script(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    scripts = re.findall(r"<script\b[^>]*>", page.text)
    assert scripts and all("src=" in tag for tag in scripts)
    assert not re.search(r"<style\b|\sstyle\s*=|\son[a-z]+\s*=", page.text), "no inline style or event handler"
    for name, kind in (("app.js", "javascript"), ("style.css", "text/css")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]
    assert "innerHTML" not in client.get("/static/app.js").text


def test_openapi_documents_the_request_and_response_shapes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/v1/summarize"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/SummarizeRequest"}
    components = schema["components"]["schemas"]
    assert {"documents", "words", "query", "earlier", "analysis"} <= set(components["SummarizeRequest"]["properties"])
    assert {"summary", "sentences", "articles"} <= set(components["SummarizeResponse"]["properties"])
    assert schema["paths"]["/v1/stories"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("StoriesRequest")
    assert {"articles", "words", "threshold", "window_days"} <= set(components["StoriesRequest"]["properties"])
    assert client.get("/docs").status_code == 200


def test_settings_come_from_environment_then_overrides() -> None:
    settings = Settings.load({"NEWSBRIEF_MAX_DOCUMENTS": "7", "NEWSBRIEF_ALLOW_URLS": "yes", "NEWSBRIEF_TIMEOUT": "2.5"}, timeout=9.0, port=None)
    assert (settings.max_documents, settings.allow_urls, settings.timeout, settings.port) == (7, True, 9.0, 8000)


@pytest.mark.parametrize(
    ("environ", "overrides", "message"),
    [
        ({"NEWSBRIEF_MAX_DOCUMENTS": "ten"}, {}, "NEWSBRIEF_MAX_DOCUMENTS='ten'"),
        ({"NEWSBRIEF_ALLOW_URLS": "maybe"}, {}, "not a valid bool"),
        ({}, {"max_words": 9000}, "max_words must be between"),
        ({}, {"timeout": 0}, "positive"),
        ({}, {"workers": 4, "max_pending": 2}, "at least workers"),
        ({}, {"colour": "blue"}, "unknown setting"),
    ],
)
def test_bad_settings_fail_at_construction(environ: dict[str, str], overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        Settings.load(environ, **overrides)


def test_serve_command_rejects_bad_options_before_starting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "port must be between 0 and 65535" in capsys.readouterr().err


# ---- URLs (only when enabled), served from this machine ----------------------------------------


@pytest.fixture(scope="module")
def article_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A static web server on 127.0.0.1 with the three articles as pages."""
    root = tmp_path_factory.mktemp("site")
    for number, article in enumerate(ARTICLES, start=1):
        (root / f"{number}.txt").write_text(article["text"], encoding="utf-8")
    handler = partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def test_urls_are_fetched_when_enabled(article_site: str) -> None:
    settings = Settings(allow_urls=True, allow_private_urls=True)  # private: the test site is on loopback
    documents = [{"url": f"{article_site}/{n}.txt", "source": a["source"]} for n, a in enumerate(ARTICLES, start=1)]
    with TestClient(create_app(settings)) as url_client:
        response = url_client.post("/v1/summarize", json={"id": "by-url", "documents": documents, "words": 60})
    assert response.status_code == 200, response.text
    articles = response.json()["articles"]
    assert [a["source"] for a in articles] == [a["source"] for a in ARTICLES]
    assert articles[0]["url"] == f"{article_site}/1.txt"


def test_private_addresses_are_refused_even_with_urls_enabled(article_site: str) -> None:
    with TestClient(create_app(Settings(allow_urls=True))) as url_client:
        response = url_client.post("/v1/summarize", json={"id": "ssrf", "documents": [{"url": f"{article_site}/1.txt"}]})
    assert response.status_code == 422
    answer = response.json()
    assert answer["error_type"] == "UnsafeURLError" and answer["id"] == "ssrf"
    assert "loopback" in answer["detail"]


# ---- A real server ----------------------------------------------------------------------------


@contextmanager
def live_server(*options: str, startup_timeout: float = 120.0) -> Iterator[str]:
    """`newsbrief serve` in its own process on a free port of 127.0.0.1; yields the base URL."""
    command = [sys.executable, "-m", "newsbrief.cli", "serve", "--host", "127.0.0.1", "--port", "0", "--no-access-log", *options]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:  # keeps reading so the server never blocks on a full pipe
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        deadline, seen = time.monotonic() + startup_timeout, []
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise RuntimeError("newsbrief serve exited before listening:\n" + "".join(seen))
            seen.append(line)
            found = re.search(r"Uvicorn running on (http://[\d.]+:\d+)", line)
            if found:
                break
        yield found.group(1)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_health_answers_while_a_summary_runs_and_a_full_server_says_busy() -> None:
    options = ("--workers", "1", "--max-pending", "1", "--max-documents", "100", "--timeout", "120", "--no-analysis")
    with live_server(*options) as base:
        slow_result: dict[str, object] = {}

        def post_slow() -> None:
            response = httpx.post(f"{base}/v1/summarize", json={"documents": slow_cluster(60)}, timeout=180)
            slow_result.update(status=response.status_code, body=response.json())

        worker = threading.Thread(target=post_slow)
        worker.start()
        health = {}
        for _ in range(600):  # bounded: until the summary is seen running (or 60 s)
            health = httpx.get(f"{base}/v1/health", timeout=10).json()
            if health["running"] == 1 or not worker.is_alive():
                break
            time.sleep(0.1)
        assert health["running"] == 1, "health must answer while a summary is being computed"
        busy = httpx.post(f"{base}/v1/summarize", json={"documents": [a["text"] for a in ARTICLES]}, timeout=30)
        worker.join(timeout=180)
    assert busy.status_code == 503 and busy.json()["error_type"] == "Busy"
    assert busy.headers["retry-after"] == "1"
    assert slow_result["status"] == 200


def test_an_off_topic_article_is_set_aside_and_the_headline_comes_from_the_titles(client: TestClient) -> None:
    from test_readable import OFF_TOPIC

    titled = [dict(a, title=f"Elm Street bridge closes for repairs - {a['source']}") for a in ARTICLES]
    documents = [*titled, dict(OFF_TOPIC, source="Sports Desk")]
    response = client.post("/v1/summarize", json={"id": "bridge", "documents": documents, "words": 80})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["set_aside"] == [{"article": 3, "name": "Sports Desk", "reason": body["set_aside"][0]["reason"]}]
    assert body["set_aside"][0]["reason"].startswith("another story")
    assert all(3 not in s["sources"] for s in body["sentences"])
    assert body["headline"] == "Elm Street bridge closes for repairs"
