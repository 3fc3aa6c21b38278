"""The "Check a summary" view in a real headless Chromium against a real `newsbrief serve`."""

from __future__ import annotations

import pytest

from test_web import CHROMIUM, base_url, browser, page, sync_api  # noqa: F401  (fixtures shared with the page's other tests)

if not CHROMIUM.exists():
    pytest.skip("web tests need Debian's chromium", allow_module_level=True)

from port_alder import GAZETTE, HERALD  # noqa: E402


def test_a_pasted_summary_is_marked_sentence_by_sentence_with_evidence(page: sync_api.Page) -> None:  # noqa: F811
    boxes = page.locator(".article")
    boxes.nth(0).locator(".outlet").fill("Alder Gazette")
    boxes.nth(0).locator("textarea").fill(GAZETTE)
    boxes.nth(1).locator(".outlet").fill("Coastal Herald")
    boxes.nth(1).locator("textarea").fill(HERALD)
    summary = (
        "A fire destroyed two warehouses in Port Alder on Tuesday. Crews fought the blaze for three hours. "
        'The mayor said <img src=x onerror="window.__pwned=1"> arson was ruled out.'
    )
    page.fill("#summary-text", summary)
    with page.expect_response("**/v1/verify") as answer:
        page.click("#verify-submit")
    result = answer.value.json()
    page.wait_for_selector("#verdicts .verdict")
    items = page.locator("#verdicts .verdict")
    assert items.count() == len(result["sentences"]) == 3
    assert [items.nth(i).get_attribute("data-verdict") for i in range(3)] == [s["verdict"] for s in result["sentences"]]
    assert result["sentences"][0]["verdict"] == "supported" and result["sentences"][1]["verdict"] == "contradicted"
    # The contradiction names its kind and shows the source sentence that says otherwise.
    second = items.nth(1)
    assert "Duration" in second.locator(".problems").inner_text()
    assert "six hours" in second.locator("blockquote").first.inner_text()
    assert "Alder Gazette" in second.locator("cite").first.inner_text()
    # Markup in the summary is shown as text, never run.
    assert "<img" in items.nth(2).locator(".verdict-text").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#verification-meta").inner_text().startswith(f"Verdict: {result['verdict']}")
    assert page.problems == []


def test_checking_without_a_summary_says_what_is_missing(page: sync_api.Page) -> None:  # noqa: F811
    page.locator(".article").nth(0).locator("textarea").fill(GAZETTE)
    page.click("#verify-submit")
    assert page.locator("#verify-error").is_visible()
    assert "summary" in page.locator("#verify-error").inner_text()
    assert page.locator("#verification").is_hidden()
