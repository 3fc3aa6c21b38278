"""The rewrite switch of the web page in a real headless Chromium against a real `newsbrief serve`
started with `--rewrite` pointing at a loopback stub that answers a recorded completion."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from test_web import CHROMIUM, base_url, browser, sync_api  # noqa: F401  (fixtures shared with the page's other tests)

if not CHROMIUM.exists():
    pytest.skip("web tests need Debian's chromium", allow_module_level=True)

from rewrite_stub import stub  # noqa: E402
from test_rewrite import DOCUMENTS, FIXTURES  # noqa: E402
from test_service import live_server  # noqa: E402


@pytest.fixture(scope="module")
def rewrite_url() -> Iterator[str]:
    server, model_url = stub([(200, (FIXTURES / "invented.json").read_bytes(), 0.0)])
    with live_server("--rewrite", model_url, "--model", "stub-model") as url:
        yield url
    server.shutdown()


def _fill(page: sync_api.Page) -> None:
    boxes = page.locator(".article")
    for i, doc in enumerate(DOCUMENTS):
        boxes.nth(i).locator(".outlet").fill(str(doc["source"]))
        boxes.nth(i).locator("textarea").fill(str(doc["text"]))


def test_the_switch_is_hidden_when_the_server_has_no_model(browser: sync_api.Browser, base_url: str) -> None:  # noqa: F811
    page = browser.new_page()
    with page.expect_response("**/v1/health") as health:  # the page reads the server's features from it
        page.goto(base_url)
    assert health.value.json()["features"]["rewrite"] is False
    page.wait_for_function("document.getElementById('url-field') !== null")
    assert page.locator("#rewrite-field").is_hidden()
    page.close()


def test_the_rewritten_brief_marks_the_sentences_the_model_wrote(browser: sync_api.Browser, rewrite_url: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(rewrite_url)
    page.wait_for_selector("#rewrite-field", state="visible")
    _fill(page)
    page.check("#rewrite")
    with page.expect_response("**/v1/summarize") as answer:
        page.click("#submit")
    request = answer.value.request.post_data_json
    result = answer.value.json()
    assert request["rewrite"] is True
    page.wait_for_selector("#brief .statement")
    statements = page.locator("#brief .statement")
    origins = [s["origin"] for s in result["sentences"]]
    assert statements.count() == len(origins) and "generated" in origins and "extracted" in origins
    for i, origin in enumerate(origins):
        item = statements.nth(i)
        assert (item.get_attribute("data-origin") == "generated") == (origin == "generated")
        assert (item.locator(".generated-mark").count() == 1) == (origin == "generated")
    note = page.locator("#rewrite-note")
    assert note.is_visible() and "stub-model" in note.inner_text() and "2 of 4" in note.inner_text()
    assert problems == []
    context.close()
