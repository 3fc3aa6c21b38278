"""Property tests: random and adversarial text, HTML and bytes through ingest, clean, segment and
summarize. The only exception allowed out is the documented `InputError` (with its subclasses
NoSentencesError, FetchError); anything else (an IndexError, an lxml AssertionError, a
UnicodeEncodeError, even a ConfigError for input the user cannot change) is a bug.

Settings come from the "newsbrief" hypothesis profile (tests/conftest.py): no deadline, random
locally (a failure is saved and replayed first next time), derandomized under CI. Example counts
below are for that profile; `pytest --hypothesis-profile newsbrief-deep` runs ten times as many.
`@example` rows are inputs that once broke something or sit on an edge, checked on every run.
Outcomes are recorded as hypothesis events: `--hypothesis-show-statistics` shows how many examples
produced a brief and how many a documented error, so a strategy that only ever fails is noticed.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from newsbrief import summarize
from newsbrief.clean import clean_cluster, normalize_text, repair_glued, strip_urls
from newsbrief.dedupe import near_duplicate_groups
from newsbrief.errors import InputError
from newsbrief.ingest import article_from_html, articles_from_documents, decode_bytes, load_paths
from newsbrief.ingest.feeds import parse_feed
from newsbrief.ingest.fetch import Page, article_from_page
from newsbrief.pipeline import summarize_record
from newsbrief.render import brief_to_dict, render_markdown, render_text
from newsbrief.segment import split_article, split_cluster
from newsbrief.types import Article

_CURRENT = settings.get_current_profile_name()
PROFILE = settings.get_profile(_CURRENT if _CURRENT.startswith("newsbrief") else "newsbrief")


@pytest.fixture(autouse=True, scope="module")
def one_scorer_thread() -> Iterator[None]:
    """The learned scorer's OpenMP threads thrash on a busy 2-core machine (a small brief took 1 s
    instead of 25 ms at load 10); one thread keeps hundreds of examples fast."""
    import sklearn.ensemble  # noqa: F401 -- loads the OpenMP runtime, which threadpool_limits can only limit once loaded
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        yield


def examples(count: int) -> settings:
    """Settings for `count` examples under the "newsbrief" profile, scaled for "newsbrief-deep"."""
    return settings(PROFILE, max_examples=max(1, count * PROFILE.max_examples // 100))


def outcome(error: InputError | None) -> None:
    """Record what an example led to, and check a documented error says something."""
    if error is None:
        event("result")
        return
    assert str(error).strip(), f"{type(error).__name__} without a message"
    event(f"documented error: {type(error).__name__}")


NEWS = [
    "The council approved the budget on Monday after a long debate, officials said.",
    "Fire Chief Marta Okafor said crews battled the blaze for more than six hours.",
    "“We are grateful,” the mayor told reporters. U.S. officials declined to comment.",
    "WASHINGTON (AP) — The Senate voted 51-49 on Tuesday to confirm the nominee.",
    "Advertisement", "Sign up for our newsletter", "Home | News | Sport | Weather", "Read more: Ten things to do",
    "(Photo: Jane Doe/AP)", "By Ana Lopes | Updated 7:45 a.m.", "© 2024 Example News. All rights reserved.",
    "Here's what you need to know:", "Jane Roe, 22, speaks during a news conference on Monday.", "at the...",
    "|||||", "NEWLINE_CHAR", "story_separator_special_tag", "http://bit.ly/x", "said.The", "productiveconversation",
]
# Characters that break naive code: controls, NUL, surrogates (JSON can carry them), RTL marks,
# zero-width and combining characters, emoji, CJK, the replacement character.
ODD = st.sampled_from(
    ["\x00", "\x07", "\x1b", "\r", "\r\n", "\t", "\f", "\u2028", "\u2029", "\ud800", "\udfff", "\u200b", "\ufeff", "\u202e",
     "\u0301", "🔥", "東京", "\ufffd", "…", "—", "’", "\u00a0", "<", ">", "&", "\"", "'", "|", ".", "!", "?", "  ", "\n\n"]
)
TEXT = st.lists(st.one_of(st.sampled_from(NEWS), ODD, st.text(max_size=40)), max_size=30).map(lambda parts: " ".join(parts))
# Mostly story sentences, so that a good share of examples get through to a brief and its checks.
PROSE = st.lists(st.one_of(st.sampled_from(NEWS[:4]), st.sampled_from(NEWS), TEXT), min_size=2, max_size=8).map("\n".join)
WORDS = st.integers(min_value=10, max_value=300)
# Fragments that have broken HTML parsers (htmldate's drop_tree asserts on a script inside a root svg).
NASTY_HTML = ["<svg><script>x</script><text>", "<math><style>x</style>", "<frameset><frame src=x>", "<template><script>x</script>",
              "<table><td>", "<base href='javascript:x'>", '<meta charset="utf-16">', "<?xml version='1.0' encoding='bogus'?>",
              "<noscript><p>", "<plaintext>", "<xmp>", "<!DOCTYPE html PUBLIC", "<html xmlns='x'>", "<body onload=x>", "<iframe srcdoc='<p>x'>"]


@st.composite
def html_pages(draw: st.DrawFn, max_depth: int = 400) -> str:
    """HTML as found in the wild and worse: unclosed and misnested tags, scripts, bad entities,
    comments, CDATA, very deep nesting, attributes with stray quotes, known parser traps."""
    tags = ["div", "p", "span", "a", "article", "nav", "script", "style", "table", "tr", "td", "ul", "li", "iframe", "svg",
            "math", "template", "noscript", "figure", "figcaption", "h1", "br", "img", "body", "html", "head", "title", "meta"]
    pieces = [draw(st.sampled_from(["", *NASTY_HTML]))]
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 8))
        tag = draw(st.sampled_from(tags))
        if kind == 0:
            attribute = draw(st.sampled_from(["", " class=x", ' a="b', " x=&quot;", " /"]))
            pieces.append(f"<{tag}{attribute}>")
        elif kind == 1:
            pieces.append(f"</{tag}>")
        elif kind == 2:
            pieces.append(draw(st.sampled_from(["&amp;", "&#0;", "&#x0;", "&#99999999;", "&#xD800;", "&bogus;", "&", "&nbsp", "&lt;p&gt;"])))
        elif kind == 3:
            pieces.append(draw(st.sampled_from(["<!-- c -->", "<!--", "<![CDATA[x]]>", "<!doctype html>", "<?xml version='1.0'?>", "]]>"])))
        elif kind == 4:
            depth = draw(st.integers(1, max_depth))
            pieces.append(f"<{tag}>" * depth + draw(TEXT) + f"</{tag}>" * draw(st.integers(0, depth)))
        elif kind == 5:
            pieces.append(f"<script>{draw(TEXT)}</script>")
        elif kind == 6:
            pieces.append(draw(st.sampled_from(NASTY_HTML)))
        else:
            pieces.append(f"<p>{draw(TEXT)}</p>")
    return "".join(pieces)


ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r"]
BYTES = st.one_of(
    st.binary(max_size=3000),
    st.tuples(
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04"]),
        st.binary(max_size=500),
    ).map(lambda pair: pair[0] + pair[1]),
    st.tuples(st.one_of(TEXT, html_pages()), st.sampled_from(ENCODINGS)).map(
        lambda pair: pair[0].encode(pair[1], errors="ignore") if "\ud800" not in pair[0] and "\udfff" not in pair[0] else b""
    ),
)
SVG_CRASH = "<svg><script>alert(1)</script><text>The council approved the budget on Monday after a long debate, officials said.</text></svg>"


@examples(150)
@given(BYTES)
@example(b"\xfe\xff" + b"\xd8\x00" * 10)  # a UTF-16 BE mark followed by lone surrogates
@example(b"\xef\xbb\xbf\xff\xfe")
def test_decode_bytes_returns_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, name="upload.txt")
    except InputError as exc:
        assert "upload.txt" in str(exc), "the message names the input"
        return outcome(exc)
    assert isinstance(text, str)
    text.encode("utf-8", errors="surrogatepass")
    outcome(None)


@examples(40)
@given(st.lists(st.tuples(BYTES, st.sampled_from([".txt", ".html", ".htm", ""])), min_size=1, max_size=4))
def test_files_are_read_or_skipped_with_a_warning_naming_them(files: list[tuple[bytes, str]]) -> None:
    """load_paths never raises: each file becomes an article or an error record that names it."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, (data, suffix) in enumerate(files):
            path = Path(folder) / f"input{number}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        loaded = load_paths(paths)
    assert len(loaded.articles) + len(loaded.errors) == len(files)
    named = {a.id for a in loaded.articles} | {Path(str(e["id"])).name for e in loaded.errors}
    assert named == {p.name for p in paths}
    event(f"{len(loaded.articles)} of {len(files)} files read")


@examples(60)
@given(html_pages())
@example(SVG_CRASH)
@example("<div>" * 20000 + "The council approved the budget on Monday after a long debate, officials said. " * 5 + "</div>" * 20000)
def test_html_extraction_returns_an_article_or_input_error(html: str) -> None:
    try:
        article = article_from_html(html, id="page", url="http://example.test/a")
    except InputError as exc:
        return outcome(exc)
    assert article.text.strip()
    outcome(None)


@examples(40)
@given(
    st.one_of(BYTES, st.tuples(PROSE, st.sampled_from(ENCODINGS)).map(
        lambda pair: f"<html><body><article><p>{pair[0]}</p></article></body></html>".encode(pair[1], errors="replace"))),
    st.sampled_from(["text/html", "text/plain", "application/xhtml+xml", ""]),
    st.sampled_from([None, "utf-8", "latin-1", "bogus"]),
)
def test_fetched_page_bytes_give_an_article_or_input_error(content: bytes, content_type: str, charset: str | None) -> None:
    """Whatever a server sends (within the size cap), reading the page fails only with InputError."""
    page = Page(url="http://news.example/story", content=content, content_type=content_type, charset=charset)
    try:
        article = article_from_page(page)
    except InputError as exc:
        return outcome(exc)
    assert article.text.strip() and article.source == "news.example"
    outcome(None)


@examples(40)
@given(st.one_of(BYTES, st.builds(lambda items: f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>".encode(),
                                  st.text(max_size=200))))
def test_feed_bytes_parse_or_raise_input_error(data: bytes) -> None:
    try:
        feed = parse_feed(data, name="feed.xml")
    except InputError as exc:
        return outcome(exc)
    assert all(entry.link is None or entry.link.startswith(("http://", "https://")) for entry in feed.entries)
    outcome(None)


@examples(100)
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_clean_and_segment_never_fail_and_spans_are_exact(texts: list[str]) -> None:
    cleaned = clean_cluster([Article(id=str(i), text=t) for i, t in enumerate(texts)])
    assert len(cleaned) == len(texts)
    for article in cleaned:
        article.text.encode("utf-8")  # no lone surrogate survives cleaning: output must be writable
    sentences = split_cluster(cleaned)
    for sentence in sentences:
        source = cleaned[sentence.article].text
        assert sentence.text == source[sentence.start : sentence.end].strip() and "\n" not in sentence.text
    near_duplicate_groups(cleaned)
    event("sentences found" if sentences else "no sentence left")


@examples(60)
@given(TEXT)
def test_segmenting_uncleaned_text_keeps_exact_spans(text: str) -> None:
    """segment on text that skipped cleaning (controls, surrogates, CR): spans still point into it."""
    previous_end = 0
    for index, sentence in enumerate(split_article(Article(id="raw", text=text), 0)):
        assert sentence.index == index and sentence.start >= previous_end
        assert sentence.text == text[sentence.start : sentence.end].strip()
        previous_end = sentence.end


@examples(100)
@given(TEXT)
def test_text_helpers_are_total(text: str) -> None:
    normalized = normalize_text(text)
    assert "\r" not in normalized and normalize_text(normalized) == normalized
    repair_glued(text)
    assert len(strip_urls(text)) <= len(text)


@examples(50)
@given(st.lists(st.one_of(PROSE, TEXT, html_pages(max_depth=40)), min_size=1, max_size=5), WORDS)
@example([SVG_CRASH, NEWS[0] + " " + NEWS[1]], 40)
@example(["\ud800\udfff" * 50, NEWS[1] + "\n" + NEWS[2]], 30)
def test_summarize_gives_a_brief_or_a_documented_error(documents: list[str], words: int) -> None:
    try:
        brief = summarize(documents, words=words)
    except InputError as exc:
        return outcome(exc)
    assert brief.words <= words * 1.15 or len(brief.sentences) == 1
    for sentence in brief.sentences:
        assert sentence.article in sentence.sources and 1 <= sentence.support <= len(sentence.sources)
        source = brief.articles[sentence.article].text
        assert sentence.text in source, "a brief sentence is a sentence of its article"
    render_markdown(brief)
    render_text(brief)
    json.dumps(brief_to_dict(brief), ensure_ascii=False).encode("utf-8")  # what the CLI and the service write
    outcome(None)


@examples(30)
@given(st.lists(st.sampled_from(NEWS[:4]), min_size=1, max_size=4), st.integers(1, 4))
def test_summarize_with_copies(sentences: list[str], copies: int) -> None:
    """Identical copies of a text: one group, each brief sentence supported once per group."""
    text = "\n".join(sentences)
    try:
        brief = summarize([text] * copies, words=40)
    except InputError as exc:
        return outcome(exc)
    for sentence in brief.sentences:
        assert sentence.support == 1 and len(sentence.sources) == copies
    outcome(None)


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["text", "html", "title", "url", "id", "x"]), inner, max_size=4)
    ),
    max_leaves=12,
)


@examples(80)
@given(
    st.one_of(
        JSON_VALUE,
        st.fixed_dictionaries(
            {
                "id": st.one_of(st.text(max_size=5), st.integers()),
                "documents": st.one_of(JSON_VALUE, st.lists(st.one_of(PROSE, TEXT, html_pages(max_depth=40)), max_size=4)),
            },
            optional={"query": JSON_VALUE, "words": st.one_of(st.integers(-5, 400), TEXT), "earlier": JSON_VALUE},
        ),
        st.fixed_dictionaries(  # well-formed records, so that the result path is exercised too
            {"id": st.text(max_size=5), "documents": st.lists(PROSE, min_size=1, max_size=4)},
            optional={"query": st.one_of(st.none(), TEXT), "words": st.integers(20, 300), "earlier": st.lists(PROSE, max_size=2)},
        ),
    )
)
def test_summarize_record_never_raises(record: object) -> None:
    result = summarize_record(record, default_id="r")
    assert "id" in result and ("error" in result or "summary" in result)
    json.dumps(result, ensure_ascii=False).encode("utf-8")
    event("error record" if "error" in result else "result")


@examples(60)
@given(st.one_of(TEXT, st.lists(st.one_of(TEXT, st.dictionaries(st.sampled_from(["text", "html", "source"]), TEXT)), max_size=4)))
def test_documents_parse_or_raise_input_error(documents: object) -> None:
    try:
        articles = articles_from_documents(documents)  # type: ignore[arg-type]
    except InputError as exc:
        return outcome(exc)
    assert all(isinstance(a.text, str) for a in articles)
    outcome(None)
