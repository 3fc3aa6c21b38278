"""The web page in a real headless Chromium against a real `newsbrief serve` process.

Needs Debian's chromium at /usr/bin/chromium (`.ci/run` installs it); Playwright drives it and never
downloads a browser of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-fire"
if not CHROMIUM.exists():
    pytest.skip("web tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="web tests need the playwright package (the dev extra)")
pytest.importorskip("fastapi")

from test_service import ARTICLES, live_server  # noqa: E402  (after the skips above)

SCRIPTED = (
    "The harbor pier reopened on Tuesday after two weeks of repairs, the port authority said. "
    'Its notice read <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=2"> in the middle of a sentence. '
    "Ferries will run on the normal timetable from Wednesday morning."
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with live_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless"])
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors and CSP violations the page reported
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto(base_url)
    yield page
    context.close()


def _paste(page: sync_api.Page, articles: list[dict[str, str]]) -> None:
    while page.locator(".article").count() < len(articles):
        page.click("#add-article")
    boxes = page.locator(".article")
    for i, article in enumerate(articles):
        boxes.nth(i).locator(".outlet").fill(article["source"])
        boxes.nth(i).locator("textarea").fill(article["text"])


def test_three_pasted_articles_give_a_brief_whose_citations_open_their_evidence(page: sync_api.Page) -> None:
    _paste(page, ARTICLES)
    page.focus("#words")  # the length, chosen with the keyboard: 150 words less five steps of 10
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    assert page.locator("#words-value").inner_text() == "100"
    with page.expect_response("**/v1/summarize") as answer:
        page.click("#submit")
    assert answer.value.request.post_data_json["words"] == 100
    result = answer.value.json()
    page.wait_for_selector("#brief .statement")
    assert page.locator("#brief .statement").count() == len(result["sentences"]) >= 2
    assert page.locator("#sources li").all_inner_texts() == [a["source"] for a in ARTICLES]
    # Each analysis section is shown exactly when the server found something for it.
    assert "agreements" in result, "the server compares sources by default"
    assert page.locator("#agreements-section").is_visible() is bool(result["agreements"])
    assert page.locator("#agreements > li").count() == len(result["agreements"])
    assert page.locator("#discrepancies-section").is_visible() is bool(result["discrepancies"])
    only_in = {ARTICLES[f["sources"][0]]["source"] for f in result["single_source"]}
    assert {t.split(" [")[0].removeprefix("Only in ") for t in page.locator("#single-source h3").all_inner_texts()} == only_in

    # Open, with the keyboard, the first citation of a sentence that more than one source reports.
    statement = page.locator("#brief .statement").filter(has=page.locator("button.cite >> nth=1")).first
    button = statement.locator("button.cite").first
    panel = page.locator("#" + button.get_attribute("aria-controls"))
    assert panel.is_hidden() and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert panel.is_visible() and button.get_attribute("aria-expanded") == "true"
    quotes = panel.locator("blockquote").all_inner_texts()
    cited = panel.locator("cite").all_inner_texts()
    assert len(quotes) >= 2 and cited[0] == ARTICLES[int(button.get_attribute("data-source"))]["source"]
    for outlet, quote in zip(cited, quotes, strict=True):
        source_text = next(a["text"] for a in ARTICLES if a["source"] == outlet)
        assert quote in source_text  # the supporting sentence, verbatim, from that source

    page.keyboard.press("Escape")
    assert panel.is_hidden() and button.get_attribute("aria-expanded") == "false"

    page.keyboard.press("Enter")  # open again, then close from the panel's own button
    panel.locator("button.close").focus()
    page.keyboard.press("Enter")
    assert panel.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == panel.get_attribute("id")  # focus is back
    assert page.problems == []


def test_an_article_about_another_story_is_listed_as_set_aside(page: sync_api.Page) -> None:
    from test_readable import OFF_TOPIC

    _paste(page, [*ARTICLES, {"source": "Sports Desk", "text": OFF_TOPIC["text"]}])
    with page.expect_response("**/v1/summarize") as answer:
        page.click("#submit")
    result = answer.value.json()
    page.wait_for_selector("#brief .statement")
    assert [a["name"] for a in result["set_aside"]] == ["Sports Desk"]
    assert page.locator("#set-aside").is_visible()
    assert page.locator("#set-aside li").all_inner_texts() == [f"Set aside: Sports Desk [4], {result['set_aside'][0]['reason']}"]
    assert page.problems == []


def test_markup_inside_an_article_is_shown_as_text_and_never_runs(page: sync_api.Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _paste(page, [{"source": '<img src=x onerror="window.__pwned=3">Port Gazette', "text": SCRIPTED}])
    page.click("#submit")
    page.wait_for_selector("#brief .statement")
    page.locator("#brief button.cite").first.click()

    shown = page.locator("#result").inner_text()
    assert "<script>window.__pwned=1</script>" in shown
    assert "<img src=x" in shown and 'window.__pwned=2">' in shown  # (the cleaner may respace "onerror")
    assert '<img src=x onerror="window.__pwned=3">Port Gazette' in shown  # the outlet name, as text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#result img, #result script").count() == 0
    assert dialogs == []


def test_submitting_nothing_explains_what_to_do(page: sync_api.Page) -> None:
    page.click("#submit")
    error = page.locator("#error")
    assert error.is_visible() and "Paste at least one article" in error.inner_text()
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"


def test_a_server_error_is_shown_with_its_message(page: sync_api.Page) -> None:
    _paste(page, [{"source": "Nothing", "text": "   \n  "}, {"source": "Words", "text": "ok"}])
    page.fill("#query", "anything")
    page.click("#submit")
    page.wait_for_selector("#error:not([hidden])")
    assert "sentence" in page.locator("#error").inner_text()


def test_loaded_files_give_a_brief_that_shows_where_sources_differ(page: sync_api.Page) -> None:
    files = sorted(EXAMPLE.iterdir())
    page.set_input_files("#files", [str(path) for path in files])
    # A locator wait, not wait_for_function: the page's CSP forbids the eval that a string predicate needs.
    sync_api.expect(page.locator(".article textarea")).to_have_count(len(files))
    legends = page.locator(".article legend").all_inner_texts()
    assert [legend.split(" · ")[1] for legend in legends] == [path.name for path in files]
    with page.expect_response("**/v1/summarize") as answer:
        page.click("#submit")
    result = answer.value.json()
    page.wait_for_selector("#brief .statement")

    # The example's outlets disagree on how long the fire burned; the page shows both values and both sentences.
    assert result["discrepancies"], "the analysis finds the harbor-fire example's disagreement"
    section = page.locator("#discrepancies-section")
    assert section.is_visible()
    shown = section.inner_text()
    for d in result["discrepancies"]:
        assert d["first_value"] in shown and d["second_value"] in shown
        assert d["first"]["text"] in shown and d["second"]["text"] in shown
    # HTML files arrive as pages: the outlet comes from the page's metadata, not the file name.
    assert "The Alder Gazette" in page.locator("#sources").inner_text()
