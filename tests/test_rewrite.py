"""`newsbrief.rewrite` without a model server: prompt building, reading answers and their citations,
the HTTP client's retries and failures (through httpx.MockTransport), and the merge with the
extractive fallback, driven by recorded chat completions in tests/fixtures/rewrite/.

The articles are written for these tests (a fictional harbour fire, two outlets, as in test_verify).
The answers are what a capable model might write: faithful paraphrases, an invented cause, a changed
number, junk, an answer cut off by the token limit.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from newsbrief.config import Config
from newsbrief.errors import ConfigError, RewriteError
from newsbrief.pipeline import as_articles, summarize, summarize_record
from newsbrief.render import brief_to_dict, render_markdown
from newsbrief.rewrite import RewriteOptions, apply_answer, rewrite_brief
from newsbrief.rewrite.cite import Drafted, cited_pairs, parse_answer
from newsbrief.rewrite.client import complete
from newsbrief.rewrite.prompt import build_messages
from port_alder import GAZETTE, HERALD

FIXTURES = Path(__file__).parent / "fixtures" / "rewrite"
DOCUMENTS = [
    {"text": GAZETTE, "source": "Alder Gazette", "url": "https://gazette.example/fire"},
    {"text": HERALD, "source": "Coastal Herald"},
]
OPTIONS = RewriteOptions("http://127.0.0.1:9/v1", model="test-model", retries=2, backoff=0.01, timeout=5, budget=30)


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def answer_of(name: str) -> str:
    return recorded(name)["choices"][0]["message"]["content"]


@pytest.fixture(scope="module")
def brief():  # type: ignore[no-untyped-def]
    made = summarize(DOCUMENTS, words=60)
    assert len(made.sentences) >= 4  # the cases below cite sentences 1-5
    return made


@pytest.fixture(scope="module")
def articles():  # type: ignore[no-untyped-def]
    return as_articles(DOCUMENTS)


# ---- options ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, endpoint",
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1/chat/completions"),
        ("https://api.example.com/v1/chat/completions", "https://api.example.com/v1/chat/completions"),
        ("http://localhost:11434", "http://localhost:11434/v1/chat/completions"),
    ],
)
def test_the_endpoint_is_read_from_a_base_or_full_address(url: str, endpoint: str) -> None:
    assert RewriteOptions(url).endpoint == endpoint


@pytest.mark.parametrize(
    "kwargs",
    [{"url": "ftp://host/v1"}, {"url": "127.0.0.1:8080"}, {"url": "http://user:sk-secret@host/v1"}, {"url": "http://h", "timeout": 0},
     {"url": "http://h", "retries": -1}, {"url": "http://h", "model": " "}, {"url": "http://h", "budget": -1}],
)  # fmt: skip
def test_bad_options_fail_at_construction(kwargs: dict) -> None:
    with pytest.raises(ConfigError) as caught:
        RewriteOptions(**kwargs)
    assert "sk-secret" not in str(caught.value)


# ---- prompt ----------------------------------------------------------------------------------


def test_the_prompt_numbers_the_selected_sentences_with_their_outlets(brief) -> None:  # type: ignore[no-untyped-def]
    messages = build_messages(brief, words=60)
    assert [m["role"] for m in messages] == ["user"]  # some chat templates drop a system message
    content = messages[0]["content"]
    assert "about 60 words" in content
    for number, sentence in enumerate(brief.sentences, start=1):
        outlets = ", ".join(dict.fromkeys(brief.articles[a].label for a in sentence.sources))
        assert f"[{number}] {sentence.text} ({outlets})" in content
    assert f"[{len(brief.sentences) + 1}]" not in content
    # Only the selected sentences are sent: not the rest of the articles, not their addresses.
    assert "Mayor Daniel Reyes" not in content
    assert "gazette.example" not in content


# ---- reading the answer ----------------------------------------------------------------------


def test_citations_are_read_wherever_the_model_puts_them(brief) -> None:  # type: ignore[no-untyped-def]
    answer = (
        "Here is the brief:\n\n**Harbor fire**\n"
        "- A fire destroyed two warehouses on Tuesday. [1][2]\n"
        "- Nobody was hurt in the fire [3, 5].\n"
        "Investigators arrived on Wednesday (Alder Gazette) [2-4]. "
        "The harbor reopened on Wednesday [99]."
    )
    drafted = parse_answer(answer, brief)
    assert [d.text for d in drafted] == [
        "A fire destroyed two warehouses on Tuesday.",
        "Nobody was hurt in the fire.",
        "Investigators arrived on Wednesday.",
        "The harbor reopened on Wednesday.",
    ]
    assert [d.cited for d in drafted] == [(0, 1), (2, 4), (1, 2, 3), ()]  # 0-based; [99] names no sentence


def test_a_quotation_the_model_writes_stays_whole(brief) -> None:  # type: ignore[no-untyped-def]
    answer = '"We lost everything. It was our life," said Ana Ruiz [2]. Crews fought the fire overnight [1]. He said "it is over.'
    texts = [d.text for d in parse_answer(answer, brief)]
    assert texts[0] == '"We lost everything. It was our life," said Ana Ruiz.'
    assert texts[1] == "Crews fought the fire overnight."
    assert texts[2].startswith('He said "it is over')  # never closed: left as split


def test_a_sentence_cut_off_by_the_token_limit_is_marked(brief) -> None:  # type: ignore[no-untyped-def]
    drafted = parse_answer(answer_of("cut-off"), brief, cut_off=True)
    assert [d.cut_off for d in drafted] == [False, True]
    assert not any(d.cut_off for d in parse_answer(answer_of("faithful"), brief, cut_off=True))  # ends like a sentence


def test_a_citation_points_the_verifier_at_every_outlet_of_the_sentence(brief) -> None:  # type: ignore[no-untyped-def]
    first = brief.sentences[0]
    pairs = cited_pairs(Drafted("x y z.", (0,)), brief)
    assert (first.article, first.index) in pairs
    assert {(e.article, e.sentence) for e in first.evidence} <= set(pairs)
    assert cited_pairs(Drafted("x y z.", (0,)), brief, known=[]) == []


# ---- merge and fallback, with recorded answers -------------------------------------------------


def test_faithful_sentences_are_kept_with_the_sources_the_verifier_found(brief, articles) -> None:  # type: ignore[no-untyped-def]
    result = apply_answer(brief, articles, answer_of("faithful"), model="recorded-model", words=60)
    generated = [s for s in result.sentences if s.origin == "generated"]
    assert result.rewrite is not None and result.rewrite.kept == len(generated) == 3 and not result.rewrite.dropped
    assert all(s.verdict == "supported" and s.evidence for s in generated)
    for s in generated:
        assert s.sources == tuple(dict.fromkeys(e.article for e in s.evidence))  # re-derived, not the model's numbers
    # The last sentence cites [5] (the cause) but says what sentence 3 says: its evidence is sentence 3's.
    harbor = next(s for s in generated if s.text.startswith("Harbor operations"))
    third = brief.sentences[2]
    third_pairs = {(third.article, third.index)} | {(e.article, e.sentence) for e in third.evidence}
    assert {(e.article, e.sentence) for e in harbor.evidence} & third_pairs
    # What no kept sentence says stays, quoted: the cause (sentence 5).
    assert brief.sentences[4].text in [s.text for s in result.sentences if s.origin == "extracted"]
    assert brief.sentences[2].text not in [s.text for s in result.sentences]  # replaced, not repeated


def test_invented_and_contradicted_sentences_are_dropped_and_their_content_falls_back(brief, articles) -> None:  # type: ignore[no-untyped-def]
    result = apply_answer(brief, articles, answer_of("invented"), model="recorded-model", words=60)
    shown = " ".join(s.text for s in result.sentences)
    assert "Harbor Logistics" not in shown and "electrical" not in shown  # an invented cause
    assert "40" not in shown  # a changed number
    assert result.rewrite is not None
    dropped = {d.text: d for d in result.rewrite.dropped}
    assert any("Harbor Logistics" in t for t in dropped)
    forty = next(d for t, d in dropped.items() if "40" in t)
    assert forty.verdict == "contradicted" and forty.reasons
    # The sentences they would have replaced are quoted instead: the evacuation and the cause.
    extracted = [s.text for s in result.sentences if s.origin == "extracted"]
    assert brief.sentences[1].text in extracted and brief.sentences[4].text in extracted
    assert all(s.verdict == "supported" for s in result.sentences)
    assert [s.origin for s in result.sentences].count("generated") == result.rewrite.kept == 2


@pytest.mark.parametrize("name", ["junk", None])
def test_an_answer_with_nothing_supported_gives_the_extractive_brief_with_a_warning(brief, articles, name) -> None:  # type: ignore[no-untyped-def]
    answer = answer_of(name) if name else "   "
    result = apply_answer(brief, articles, answer, model="recorded-model", words=60)
    assert [s.text for s in result.sentences] == [s.text for s in brief.sentences]
    assert {s.origin for s in result.sentences} == {"extracted"}
    assert any(w.startswith("rewrite:") for w in result.warnings)
    assert result.rewrite is not None and result.rewrite.kept == 0


def test_a_cut_off_sentence_is_not_shown(brief, articles) -> None:  # type: ignore[no-untyped-def]
    result = apply_answer(brief, articles, answer_of("cut-off"), model="recorded-model", words=60, cut_off=True)
    assert "Chief Marta." not in [s.text for s in result.sentences]
    assert brief.sentences[1].text in [s.text for s in result.sentences]
    assert result.rewrite is not None and any("cut off" in r for d in result.rewrite.dropped for r in d.reasons)


def test_the_outputs_show_which_sentences_the_model_wrote(brief, articles) -> None:  # type: ignore[no-untyped-def]
    result = apply_answer(brief, articles, answer_of("invented"), model="recorded-model", words=60)
    data = brief_to_dict(result)
    assert [s["origin"] for s in data["sentences"]] == [s.origin for s in result.sentences]  # type: ignore[index]
    assert all(s["verdict"] == "supported" for s in data["sentences"])  # type: ignore[index]
    assert data["rewrite"]["kept"] == 2 and len(data["rewrite"]["dropped"]) == 2  # type: ignore[index]
    markdown = render_markdown(result)
    for s in result.sentences:
        marked = s.text + " " + "".join(f"[{a + 1}]" for a in s.sources) + "†"
        assert (marked in markdown) == (s.origin == "generated")
    assert "written by recorded-model" in markdown
    assert "origin" not in json.dumps(brief_to_dict(brief))  # without a rewrite the output is unchanged


# ---- the HTTP client -------------------------------------------------------------------------


def test_the_client_sends_the_request_and_the_key_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEWSBRIEF_REWRITE_API_KEY", "sk-test-123")
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=recorded("faithful"))

    answer = complete([{"role": "user", "content": "hi"}], OPTIONS, max_tokens=50, transport=httpx.MockTransport(handler))
    assert answer.text == answer_of("faithful") and answer.attempts == 1 and answer.model == "recorded-model"
    body = json.loads(seen[0].content)
    assert seen[0].url == "http://127.0.0.1:9/v1/chat/completions"
    assert seen[0].headers["authorization"] == "Bearer sk-test-123"
    assert body["model"] == "test-model" and body["max_tokens"] == 50 and body["messages"][0]["content"] == "hi"


def test_failures_a_retry_can_cure_are_retried_with_growing_pauses() -> None:
    statuses = iter([503, 429, 200])
    pauses: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(statuses)
        return httpx.Response(status, json=recorded("faithful") if status == 200 else {"error": {"message": "busy"}})

    answer = complete([], OPTIONS, max_tokens=10, transport=httpx.MockTransport(handler), sleep=pauses.append)
    assert answer.attempts == 3
    assert pauses == [0.01, 0.02]


@pytest.mark.parametrize(
    "respond, message",
    [
        (lambda r: httpx.Response(401, json={"error": {"message": "invalid key"}}), "HTTP 401: invalid key"),
        (lambda r: httpx.Response(200, content=b"<html>gateway</html>"), "not JSON"),
        (lambda r: httpx.Response(200, json={"choices": []}), "not a chat completion"),
        (lambda r: httpx.Response(200, json={"choices": [{"message": {"content": None}}]}), "not a chat completion"),
    ],
)
def test_final_failures_are_not_retried_and_never_show_the_key(monkeypatch, respond, message) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEWSBRIEF_REWRITE_API_KEY", "sk-test-123")
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return respond(request)  # type: ignore[no-any-return]

    with pytest.raises(RewriteError) as caught:
        complete([], OPTIONS, max_tokens=10, transport=httpx.MockTransport(handler), sleep=lambda s: None)
    assert message in str(caught.value) and "sk-test-123" not in str(caught.value)
    assert len(calls) == 1


def test_a_server_that_never_answers_costs_the_retries_then_fails() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(RewriteError, match="3 attempt"):
        complete([], OPTIONS, max_tokens=10, transport=httpx.MockTransport(handler), sleep=lambda s: None)
    assert len(calls) == OPTIONS.retries + 1


def test_the_budget_stops_the_retries() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(503)

    slow = RewriteOptions("http://127.0.0.1:9", retries=5, backoff=100, budget=1)  # the first pause outlasts the budget
    with pytest.raises(RewriteError, match="budget"):
        complete([], slow, max_tokens=10, transport=httpx.MockTransport(handler), sleep=lambda s: None)
    assert len(calls) == 1


def test_a_server_that_is_down_leaves_the_extractive_brief_with_a_warning(brief, articles) -> None:  # type: ignore[no-untyped-def]
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    result = rewrite_brief(brief, articles, OPTIONS, words=60, transport=httpx.MockTransport(handler))
    assert [s.text for s in result.sentences] == [s.text for s in brief.sentences]
    assert result.rewrite is not None and "ConnectError" in (result.rewrite.error or "")
    assert any(w.startswith("rewrite:") and "127.0.0.1:9" in w for w in result.warnings)


# ---- records and the CLI -----------------------------------------------------------------------


def test_a_record_turns_the_rewrite_on_or_off() -> None:
    record = {"id": "fire", "documents": DOCUMENTS, "words": 60}
    off = summarize_record({**record, "rewrite": False}, Config(rewrite=OPTIONS))
    assert "rewrite" not in off and "origin" not in json.dumps(off)
    unconfigured = summarize_record({**record, "rewrite": True})
    assert any("no language model is configured" in w for w in unconfigured["warnings"])  # type: ignore[attr-defined]
    bad = summarize_record({**record, "rewrite": "yes"})
    assert bad["error_type"] == "InputError"


def test_the_cli_falls_back_when_the_server_is_unreachable(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.cli import main

    for number, doc in enumerate(DOCUMENTS):
        (tmp_path / f"{number}.txt").write_text(str(doc["text"]), encoding="utf-8")
    # Port 9 on loopback (discard) has no listener here: every attempt is refused at once.
    status = main(["summarize", str(tmp_path), "--words", "60", "--format", "json", "--rewrite", "http://127.0.0.1:9", "--rewrite-budget", "5"])
    out, err = capsys.readouterr()
    assert status == 0
    data = json.loads(out)
    assert {s["origin"] for s in data["sentences"]} == {"extracted"} and data["rewrite"]["error"]
    assert "warning: rewrite:" in err
    assert main(["summarize", str(tmp_path), "--model", "m"]) == 2  # --model needs --rewrite
