"""Blind pairwise judging of briefs: newsbrief against the lead baseline, as a reader would judge them.

    python benchmarks/judging/pairwise.py build [--n 48] [--words 150] [--seed 15] [--tag NAME]
    python benchmarks/judging/pairwise.py score [--tag NAME]

`build` draws a seeded sample of Multi-News dev clusters and writes, for each, the human reference
and two briefs labelled A and B in an order drawn at random per item:
- newsbrief: `summarize(documents, words=N)`, its sentences as plain text (no citation numbers and
  no headline line, which lead has not, so nothing but the writing tells the two apart);
- lead: the first article's first sentences up to the same budget (cleaned and split by newsbrief,
  so both outputs are free of page noise), the baseline readers preferred in the issue.
Items go to `judging/pairwise-items-TAG.jsonl`, the key (which label is which system) to
`judging/pairwise-key-TAG.jsonl`: judges get the items file and `pairwise-instructions.md` only.
Items quote the data set (references, article sentences), whose licence allows research use but not
copies in this repository: they are git-ignored and rebuilt by `build` (same seed, same items); the
key, the instructions and the verdicts are kept.
`score` reads `judging/pairwise-verdicts-TAG-judge*.jsonl` ({"item", "scores": {"A": {...}, "B":
{...}}, "preference": "A"|"B"|"tie", "reason"}) and prints, per judge, newsbrief's win rate and the
criteria means of both systems.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "multinews-dev.jsonl"
CRITERIA = ("focus", "coherence", "clarity", "coverage", "non_redundancy")
BUDGET_TOLERANCE = 0.15


def lead_brief(documents: object, words: int) -> str:
    """The first article's opening sentences up to the budget: what a reader of one outlet sees first."""
    from newsbrief.clean import clean_cluster
    from newsbrief.pipeline import as_articles
    from newsbrief.segment import split_article

    articles = clean_cluster(as_articles(documents))  # type: ignore[arg-type]
    for index, article in enumerate(articles):
        sentences = split_article(article, index)
        if sentences:
            break
    else:
        return ""
    taken: list[str] = []
    total = 0
    for s in sentences:
        if total >= words:
            break
        if total + s.words > words * (1 + BUDGET_TOLERANCE):
            continue
        taken.append(s.text)
        total += s.words
    return " ".join(taken)


def newsbrief_brief(documents: object, words: int) -> str:
    from newsbrief import summarize

    return " ".join(s.text for s in summarize(documents, words=words).sentences)  # type: ignore[arg-type]


def reference_text(row: dict) -> str:
    summaries = row.get("summaries") or [row.get("summary", "")]
    return str(summaries[0]).lstrip("–- ").strip()


def build(args: argparse.Namespace) -> None:
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    rng = random.Random(args.seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    items, key = [], []
    for index in order:
        row = rows[index]
        ours, lead = newsbrief_brief(row["documents"], args.words), lead_brief(row["documents"], args.words)
        if not ours or not lead or ours == lead:
            continue  # nothing to compare
        item = f"p{len(items) + 1:02d}"
        ours_first = rng.random() < 0.5
        a, b = (ours, lead) if ours_first else (lead, ours)
        items.append({"item": item, "reference": reference_text(row), "A": a, "B": b})
        key.append({"item": item, "cluster": row["id"], "A": "newsbrief" if ours_first else "lead", "B": "lead" if ours_first else "newsbrief"})
        if len(items) == args.n:
            break
    for name, lines in ((f"pairwise-items-{args.tag}.jsonl", items), (f"pairwise-key-{args.tag}.jsonl", key)):
        with (HERE / name).open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    print(f"{len(items)} items in {HERE / f'pairwise-items-{args.tag}.jsonl'}; key in pairwise-key-{args.tag}.jsonl")


def score(args: argparse.Namespace) -> None:
    key = {k["item"]: k for k in map(json.loads, (HERE / f"pairwise-key-{args.tag}.jsonl").open(encoding="utf-8"))}
    verdict_files = sorted(HERE.glob(f"pairwise-verdicts-{args.tag}-judge*.jsonl"))
    if not verdict_files:
        sys.exit(f"no verdicts: expected {HERE}/pairwise-verdicts-{args.tag}-judge1.jsonl ...")
    print("| judge | items | newsbrief preferred | lead preferred | ties | " + " | ".join(f"{c} (nb / lead)" for c in CRITERIA) + " |")
    print("|---|---:|---:|---:|---:|" + "---:|" * len(CRITERIA))
    for path in verdict_files:
        verdicts = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        wins = {"newsbrief": 0, "lead": 0, "tie": 0}
        sums = {system: dict.fromkeys(CRITERIA, 0.0) for system in ("newsbrief", "lead")}
        for v in verdicts:
            k = key[v["item"]]
            preference = str(v["preference"]).strip().upper()
            wins[k[preference] if preference in ("A", "B") else "tie"] += 1
            for label in ("A", "B"):
                for criterion in CRITERIA:
                    sums[k[label]][criterion] += float(v["scores"][label][criterion])
        n = len(verdicts)
        means = " | ".join(f"{sums['newsbrief'][c] / n:.2f} / {sums['lead'][c] / n:.2f}" for c in CRITERIA)
        judge = path.stem.rsplit("-", 1)[-1]
        print(f"| {judge} | {n} | {wins['newsbrief']} ({100 * wins['newsbrief'] / n:.0f}%) | {wins['lead']} | {wins['tie']} | {means} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("build", "score"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=48)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--tag", default="dev150")
    args = parser.parse_args()
    build(args) if args.command == "build" else score(args)


if __name__ == "__main__":
    main()
