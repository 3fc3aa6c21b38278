"""Update briefs on a split of DUC 2006: does the brief of the later articles report what they add?

    python benchmarks/update.py [--limit N] [--words 100] [--earlier 12] [--per-topic]

The split: a topic's 25 articles ordered by the date in their document ids (NYT19980612.0403 is 12
June 1998), the first 12 are `earlier` (already read), the other 13 are the new articles. Both briefs
summarize the new articles with the topic as query; the update brief also gets the earlier ones as
`since`. `--earlier 8,12,16` splits each topic at each of those points and averages a topic's figures
over them (a 100-word brief holds five sentences, so one split is a noisy sample of a topic).
Nothing of the data is stored: it is read from ../shared at run time.

How novelty is measured: the *novel bigrams* of a reference summary are its bigrams (rouge-score's
tokenizer, Porter stemmer, as ROUGE-2) that occur in the new articles and in none of the earlier ones.
Novelty recall is the share of them the brief (cut at the budget) contains, averaged over the four
references and the topics: what the human summaries say that only the new articles could tell. Also
printed: ROUGE-2 recall against the whole references, and the share of brief sentences that repeat an
earlier sentence (TF-IDF cosine ≥ 0.5 to one, the threshold at which update briefs call a sentence known).

Is "higher" more than noise? The two briefs are paired by topic: printed per group of topics (1–25, on
which the update weights were tuned; 26–50, held out; all) are the topics where the update brief's
novelty recall is higher / lower / equal, the mean difference with a 95% bootstrap interval over topics
(10,000 resamples, seed 0) and the two-sided sign-test p over the topics that differ.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np

from newsbrief.evaluate import RougeScorer, cut_to_words
from newsbrief.pipeline import summarize
from newsbrief.represent.tfidf import analyze, term_counts, tfidf_vectors

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "duc2006-dev.jsonl"
EARLIER = 12
KNOWN = 0.5
_DATE = re.compile(r"(\d{8})")


def split(record: dict, earlier: int = EARLIER) -> tuple[list[str], list[str]]:
    """(earlier, later) articles of a topic by the date in their document ids: the first `earlier` are read."""
    dated = sorted(zip(record["doc_ids"], record["documents"], strict=True), key=lambda pair: (_DATE.search(pair[0]) or [""])[0] + pair[0])
    documents = [text for _, text in dated]
    return documents[:earlier], documents[earlier:]


def bigrams(text: str, tokenizer) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    tokens = tokenizer.tokenize(text)
    return set(zip(tokens, tokens[1:], strict=False))


def repeats(brief: list[str], earlier: list[str]) -> int:
    """Brief sentences with a TF-IDF cosine ≥ KNOWN to some earlier sentence (one vocabulary for both)."""
    from newsbrief.clean import clean_cluster
    from newsbrief.pipeline import as_articles
    from newsbrief.segment import split_cluster

    if not brief:
        return 0
    old = [s.text for s in split_cluster(clean_cluster(as_articles(earlier)))]
    vectors = tfidf_vectors(term_counts([analyze(t) for t in brief + old]))
    similarity = (vectors[: len(brief)] @ vectors[len(brief) :].T).toarray()
    return int((similarity.max(axis=1, initial=0.0) >= KNOWN).sum())


GROUPS = (("topics 1–25 (tuning)", 0, 25), ("topics 26–50 (held out)", 25, 50), ("all topics", 0, None))


def paired(update: np.ndarray, plain: np.ndarray) -> str:
    """Wins / losses / ties of `update` over `plain`, mean difference [95% bootstrap CI], sign-test p."""
    from scipy.stats import binomtest

    difference = update - plain
    wins, losses = int((difference > 1e-12).sum()), int((difference < -1e-12).sum())
    rng = np.random.default_rng(0)
    means = difference[rng.integers(0, len(difference), size=(10_000, len(difference)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    p = binomtest(wins, wins + losses).pvalue if wins + losses else 1.0
    return (
        f"{wins} / {losses} / {len(difference) - wins - losses} | {100 * difference.mean():+.2f} "
        f"[{100 * low:+.2f}, {100 * high:+.2f}] | {p:.3f}"
    )


def main() -> None:
    from rouge_score import tokenizers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--earlier", default=str(EARLIER), help="split point(s), comma-separated: articles already read")
    parser.add_argument("--per-topic", action="store_true", help="print each topic's two novelty recalls")
    args = parser.parse_args()
    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    rouge = RougeScorer(recall=True)
    cuts = [int(cut) for cut in args.earlier.split(",")]
    rows: dict[str, list[tuple[float, float, int, int, int]]] = {"plain brief of the new articles": [], "update brief (`since` = earlier)": []}
    with open(DATA, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if args.limit is not None and number >= args.limit:
                break
            record = json.loads(line)
            per_split: dict[str, list[tuple[float, float, int, int, int]]] = {name: [] for name in rows}
            for cut in cuts:
                earlier, later = split(record, cut)
                old = set().union(*(bigrams(t, tokenizer) for t in earlier))
                new = set().union(*(bigrams(t, tokenizer) for t in later)) - old
                novel = [bigrams(ref, tokenizer) & new for ref in record["summaries"]]
                for name, since in zip(rows, ([], earlier), strict=True):
                    brief = summarize(later, words=args.words, query=record["query"], since=since)
                    text = cut_to_words([s.text for s in brief.sentences], args.words)
                    got = bigrams(" ".join(text), tokenizer)
                    recall = float(np.mean([len(got & n) / len(n) for n in novel if n]))
                    r2 = rouge.score(text, record["summaries"])["rouge2"]
                    per_split[name].append((recall, r2, repeats(text, earlier), len(text), len(" ".join(text).split())))
            for name, values in per_split.items():  # a topic's figures: means over its splits, counts summed
                recall, r2, repeated, sentences, length = zip(*values, strict=True)
                rows[name].append((float(np.mean(recall)), float(np.mean(r2)), sum(repeated), sum(sentences), round(float(np.mean(length)))))
    topics = len(next(iter(rows.values())))
    splits = ", ".join(f"{cut} earlier / {25 - cut} new" for cut in cuts)
    print(f"DUC 2006 dev update split ({topics} topics; articles by date: {splits}), topic as query, {args.words} words")
    columns = {name: [np.asarray(v, dtype=float) for v in zip(*values, strict=True)] for name, values in rows.items()}
    for group, start, stop in GROUPS:
        if start >= topics:
            continue
        print(f"\n{group}")
        print("| brief | novelty recall | R-2 recall | sentences repeating an earlier one | words |")
        print("|---|---:|---:|---:|---:|")
        for name, (novelty, r2, repeated, sentences, length) in columns.items():
            part = slice(start, stop)
            print(
                f"| {name} | {100 * novelty[part].mean():.2f} | {100 * r2[part].mean():.2f} "
                f"| {int(repeated[part].sum())} of {int(sentences[part].sum())} | {length[part].mean():.1f} |"
            )
        plain, update = (columns[name][0][start:stop] for name in rows)
        print("\n| novelty recall, update − plain | topics higher / lower / equal | mean difference [95% CI] | sign-test p |")
        print("|---|---:|---:|---:|")
        print(f"| {group} | {paired(update, plain)} |")
    if args.per_topic:
        plain, update = (columns[name][0] for name in rows)
        print("\n" + " ".join(f"{i + 1}:{100 * a:.1f}/{100 * b:.1f}" for i, (a, b) in enumerate(zip(plain, update, strict=True))))

if __name__ == "__main__":
    main()
