"""Every dev cluster's brief (sentences, their positions and their sources) as JSONL, to compare two trees.

    python benchmarks/brief_snapshot.py OUT.jsonl [--data ../shared/data/multinews-dev.jsonl] [--words 150]
        [--selector default] [--encoder tfidf] [--analysis] [--limit N]
    cmp before.jsonl after.jsonl   # identical briefs, or the first cluster that differs

A change that should not move a brief (a new model file format, a refactoring) is checked by
writing a snapshot before it and one after it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsbrief.errors import InputError
from newsbrief.evaluate import read_examples
from newsbrief.pipeline import summarize

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--selector", default="default")
    parser.add_argument("--encoder", default="tfidf")
    parser.add_argument("--analysis", action="store_true", help="Also keep the cross-source analysis (slower).")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as out:
        for example in read_examples(args.data, limit=args.limit):
            try:
                brief = summarize(
                    list(example.documents), words=args.words, selector=args.selector, encoder=args.encoder, analysis=args.analysis
                )
            except InputError as exc:
                out.write(json.dumps({"id": example.id, "error": type(exc).__name__}) + "\n")
                continue
            sentences = [
                {"text": s.text, "article": s.article, "index": s.index, "sources": list(s.sources), "support": s.support}
                for s in brief.sentences
            ]
            record: dict[str, object] = {"id": example.id, "sentences": sentences}
            if args.analysis:
                record["analysis"] = brief.to_dict().get("analysis")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
