"""How well `newsbrief stories` recovers stories, and what it costs as the pile grows.

    python benchmarks/stories.py                       # all parts
    python benchmarks/stories.py --parts shuffled,arrival --no-briefs
    python benchmarks/stories.py --parts scale --sizes 10000,30000,100000

Parts (every dev article is one article; its Multi-News cluster is its true story):
  shuffled  all dev articles in a seeded random order, grouped in one run (no dates).
  arrival   each story gets a synthetic date (stories 4 hours apart, interleaving), its articles
            arrive 0–72 hours after it; articles are fed day by day into a SQLite store
            (incremental mode: every day is one run that joins existing stories or opens new ones).
  tune      how the defaults were chosen: lead weighting, IDF power and threshold swept on the
            even-numbered dev clusters (3 shuffles each), the choice then scored once on the odd ones.
  ceiling   what any grouping by content could score on the dev file: placeholder pages with no story
            text, true stories whose articles share (almost) no words, and hindsight clustering of
            the same vectors with the best threshold picked on the answers.
  embed     the same hindsight clustering with MiniLM document vectors, alone and mixed with TF-IDF
            (needs the `embed` extra; ~2 CPU-minutes).
  rerun     a SQLite store holding a synthetic pile (--rerun-size articles), then a run with 10 new
            articles: what a rerun costs, and how many stories it changes.
  scale     synthetic piles of 10k–100k articles made from the dev articles (see `synthetic_pile`),
            grouping only (no briefs), each size in its own process so peak RSS is that size's.
Scores: B-cubed precision / recall / F1 (Bagga & Baldwin 1998) and the adjusted Rand index, over
all articles (an article reported as having no story text counts as a story of its own) and, where
labelled "text", over the articles with story text only (the ones the run grouped).
The dev text stays in ../shared; piles are built in memory.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsbrief.types import Article

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"
DAY = 86400.0


def bcubed(truth: Sequence[object], predicted: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1: per item, the share of its predicted cluster that shares its
    true cluster (precision) and the share of its true cluster found in its predicted one (recall)."""
    pairs = Counter(zip(truth, predicted, strict=True))
    true_sizes, predicted_sizes = Counter(truth), Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / len(truth)
    recall = sum(n * n / true_sizes[t] for (t, _), n in pairs.items()) / len(truth)
    return precision, recall, 2 * precision * recall / (precision + recall)


def scores(truth: Sequence[object], predicted: Sequence[object]) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(truth, predicted)
    return {"precision": p, "recall": r, "f1": f, "ari": adjusted_rand_score([str(t) for t in truth], [str(x) for x in predicted])}


def dev_articles(path: str | Path) -> tuple[list[Article], list[int]]:
    """Every dev article with its cluster number; ids are "<cluster id>/<position>"."""
    from newsbrief.ingest import split_multinews

    articles, labels = [], []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            record = json.loads(line)
            docs = record["documents"]
            for position, text in enumerate(split_multinews(docs) if isinstance(docs, str) else docs):
                articles.append(Article(id=f"{record['id']}/{position}", text=text))
                labels.append(number)
    return articles, labels


def predicted_labels(stories: Sequence[object], ids: Sequence[str]) -> list[str]:
    """The story of each article; an article in no story (no story text) is a story of its own."""
    where = {article: story.id for story in stories for article in story.articles}  # type: ignore[attr-defined]
    return [where.get(i, f"alone-{i}") for i in ids]


def both_scores(truth: Sequence[object], stories: Sequence[object], ids: Sequence[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Scores over all articles, and over the articles some story holds (those with story text)."""
    predicted = predicted_labels(stories, ids)
    grouped = [k for k, p in enumerate(predicted) if not p.startswith("alone-")]
    return scores(truth, predicted), scores([truth[k] for k in grouped], [predicted[k] for k in grouped])


def row(name: str, s: dict[str, float], extra: str = "") -> str:
    return f"| {name} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | {s['ari']:.4f} |{extra}"


def text_cells(s: dict[str, float]) -> str:
    return f" {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | {s['ari']:.4f} |"


# -- shuffled and arrival-order parts ----------------------------------------------------------


def run_shuffled(articles: list[Article], labels: list[int], *, briefs: bool, threshold: float) -> None:
    from newsbrief.stories import update_stories

    print("\n### All dev articles shuffled, one run\n")
    print("| order | B3 precision | B3 recall | B3 F1 | ARI | text: B3 P | text: B3 R | text: B3 F1 | text: ARI | stories "
          "| no story text | seconds |\n|---|" + "---:|" * 11)
    for seed in (0, 1, 2):
        order = np.random.default_rng(seed).permutation(len(articles))
        pile = [articles[i] for i in order]
        with_briefs = briefs and seed == 0
        start = time.perf_counter()
        run = update_stories(pile, threshold=threshold, briefs=with_briefs)
        seconds = time.perf_counter() - start
        s, t = both_scores([labels[i] for i in order], run.stories, [a.id for a in pile])
        note = " (with briefs)" if with_briefs else ""
        print(row(f"seed {seed}{note}", s, text_cells(t) + f" {len(run.stories)} | {len(run.errors)} | {seconds:.1f} |"))
    print(f"\ntrue stories: {len(set(labels))}, articles: {len(articles)}, threshold {threshold}")


def arrival_dates(labels: list[int], *, seed: int = 0, spacing_hours: float = 4.0, spread_hours: float = 72.0) -> list[str]:
    """A synthetic publication time per article: story k starts k·spacing after day 0, its articles
    arrive uniformly within `spread_hours`, so neighbouring stories interleave."""
    from datetime import UTC, datetime

    rng = np.random.default_rng(seed)
    base = datetime(2030, 1, 1, tzinfo=UTC).timestamp()
    times = [base + (label * spacing_hours + rng.uniform(0, spread_hours)) * 3600 for label in labels]
    return [datetime.fromtimestamp(t, UTC).isoformat() for t in times]


def run_arrival(articles: list[Article], labels: list[int], *, briefs: bool, threshold: float) -> None:
    from dataclasses import replace

    from newsbrief.stories import StoryStore, update_stories
    from newsbrief.stories.vectors import parse_time

    dates = arrival_dates(labels)
    dated = [replace(a, published=d) for a, d in zip(articles, dates, strict=True)]
    days = [math.floor(parse_time(d)) for d in dates]
    order = sorted(range(len(dated)), key=lambda i: dates[i])
    print("\n### Arrival by story date, incremental: one run per day into a SQLite store\n")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        runs, changed = 0, []
        with StoryStore(Path(folder) / "stories.db") as store:
            for day in sorted(set(days)):
                batch = [dated[i] for i in order if days[i] == day]
                run = update_stories(batch, store=store, threshold=threshold, briefs=briefs)
                runs += 1
                changed.append(sum(s.changed for s in run.stories))
            seconds = time.perf_counter() - start
            final = update_stories([], store=store, threshold=threshold, briefs=False).stories
    s, t = both_scores(labels, final, [a.id for a in dated])
    print("| mode | B3 precision | B3 recall | B3 F1 | ARI | text: B3 P | text: B3 R | text: B3 F1 | text: ARI | stories | runs "
          "| stories changed per run | seconds |")
    print("|---|" + "---:|" * 12)
    note = "with briefs" if briefs else "grouping only"
    print(row(f"incremental, daily ({note})", s, text_cells(t) + f" {len(final)} | {runs} | {np.mean(changed):.1f} | {seconds:.1f} |"))
    one = update_stories(sorted(dated, key=lambda a: a.published or ""), threshold=threshold, briefs=False).stories
    s, t = both_scores(labels, one, [a.id for a in dated])
    print(row("same dates, one run (for comparison)", s, text_cells(t) + f" {len(one)} | 1 | | |"))


TUNE_CONFIGS = ((0, 1.0), (100, 1.0), (0, 1.5), (100, 1.5), (100, 2.0), (100, 2.5))  # (lead words, IDF power)
TUNE_THRESHOLDS = (0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16)


def _sweep(counts, truth: np.ndarray, keep: np.ndarray, power: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    """B3 F1 (over all kept articles) at each threshold, averaged over 3 shuffles of the kept articles."""
    from newsbrief.stories.group import group
    from newsbrief.stories.index import StoryIndex
    from newsbrief.stories.vectors import DocumentFrequencies, weigh

    totals = np.zeros(len(TUNE_THRESHOLDS))
    for seed in (0, 1, 2):
        order = np.random.default_rng(seed).permutation(len(truth))
        order = order[keep[order]]
        part = counts[order]
        frequencies = DocumentFrequencies()
        frequencies.add(part)
        vectors = weigh(part, frequencies.idf(power=power))
        for k, threshold in enumerate(TUNE_THRESHOLDS):
            grouping = group(vectors, np.full(len(order), np.nan), StoryIndex(), threshold=threshold)
            totals[k] += bcubed(list(truth[order]), list(grouping.rows))[2]
    return totals / 3


def run_tune(articles: list[Article], labels: list[int]) -> None:
    """Every (lead words, IDF power, threshold) on the even-numbered clusters; the choice is the best mean
    F1 over a threshold and its two neighbours (a lone peak between two dips is noise), scored once on the odd ones."""
    from newsbrief.stories.vectors import article_features

    truth = np.array(labels)
    even, odd = truth % 2 == 0, truth % 2 == 1
    print("\n### Tuning: lead weighting, IDF power and threshold on the even-numbered dev clusters (B3 F1, mean of 3 shuffles)\n")
    print("| lead words | IDF power | " + " | ".join(f"{t:.2f}" for t in TUNE_THRESHOLDS) + " | best (smoothed) |")
    print("|---:|---:|" + "---:|" * (len(TUNE_THRESHOLDS) + 1))
    counts, results, best = {}, {}, (-1.0, (0, 0.0), 0.0)
    for lead, power in TUNE_CONFIGS:
        if lead not in counts:
            counts[lead] = article_features(articles, lead_words=lead).counts
        f = _sweep(counts[lead], truth, even, power)
        smooth = np.convolve(f, np.ones(3) / 3, mode="same")[1:-1]
        k = int(np.argmax(smooth)) + 1
        results[(lead, power)] = f
        print(f"| {lead} | {power} | " + " | ".join(f"{x:.4f}" for x in f) + f" | {smooth[k - 1]:.4f} at {TUNE_THRESHOLDS[k]:.2f} |")
        if smooth[k - 1] > best[0]:
            best = (float(smooth[k - 1]), (lead, power), TUNE_THRESHOLDS[k])
    _, (lead, power), threshold = best
    print(f"\nchosen on the even clusters: lead words {lead}, IDF power {power}, threshold {threshold:.2f}\n")
    print("| held out: odd-numbered clusters | lead words | IDF power | threshold | B3 F1 (mean of 3 shuffles) |\n|---|---:|---:|---:|---:|")
    for name, (words, p, t) in (("before (plain TF-IDF)", (0, 1.0, 0.14)), ("chosen on the even clusters", (lead, power, threshold))):
        f = _sweep(counts[words], truth, odd, p)
        print(f"| {name} | {words} | {p} | {t:.2f} | {f[TUNE_THRESHOLDS.index(t)]:.4f} |")
    print("\n| odd clusters, every setting (for reference, not for choosing) | " + " | ".join(f"{t:.2f}" for t in TUNE_THRESHOLDS) + " |")
    print("|---|" + "---:|" * len(TUNE_THRESHOLDS))
    for words, p in TUNE_CONFIGS:
        f = _sweep(counts[words], truth, odd, p)
        print(f"| lead {words}, IDF power {p} | " + " | ".join(f"{x:.4f}" for x in f) + " |")


# -- ceiling: how far content can go on the dev file -------------------------------------------------


def _content_vectors(articles: list[Article]):  # type: ignore[no-untyped-def]
    """The grouping vectors of the articles (IDF over all of them), and which have story text (a term to group by)."""
    from newsbrief.stories.vectors import DocumentFrequencies, article_features, weigh

    features = article_features(articles)
    frequencies = DocumentFrequencies()
    frequencies.add(features.counts)
    return weigh(features.counts, frequencies.idf()), np.diff(features.counts.indptr) > 0


def _hindsight(similarity: np.ndarray, labels: list[int], keep: np.ndarray, method: str) -> tuple[float, float, list[object]]:
    """Best B3 F1 of scipy's hierarchical clustering of the `keep` articles over every cut (others stay alone):
    (F1, cosine cut, predicted story of every article)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    rows = np.flatnonzero(keep)
    distance = 1.0 - np.clip(similarity[np.ix_(rows, rows)], -1.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method)
    best: tuple[float, float, list[object]] = (0.0, 0.0, [])
    for cut in np.arange(0.20, 0.99, 0.01):
        predicted: list[object] = [f"alone-{i}" for i in range(len(labels))]
        for row, cluster in zip(rows.tolist(), fcluster(tree, cut, "distance").tolist(), strict=True):
            predicted[row] = cluster
        f = bcubed(labels, predicted)[2]
        if f > best[0]:
            best = (f, 1.0 - cut, predicted)
    return best


def _both_cells(labels: list[int], predicted: Sequence[object], has_text: np.ndarray) -> str:
    """B3 P / R / F1 over all articles, then B3 F1 over the articles with story text."""
    p, r, f = bcubed(labels, predicted)
    rows = np.flatnonzero(has_text).tolist()
    text_f = bcubed([labels[i] for i in rows], [predicted[i] for i in rows])[2]
    return f"{p:.4f} | {r:.4f} | {f:.4f} | {text_f:.4f} |"


def run_ceiling(articles: list[Article], labels: list[int]) -> None:
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    vectors, has_text = _content_vectors(articles)
    similarity = (vectors @ vectors.T).toarray()
    truth = np.array(labels)
    print("\n### Ceiling: what grouping by content can score on the dev file\n")
    print("| truth as given, except … | stories | B3 P | B3 R | B3 F1 | text: B3 F1 |\n|---|---:|---:|---:|---:|---:|")
    alone = [f"alone-{i}" if not has_text[i] else labels[i] for i in range(len(labels))]
    print(f"| {int((~has_text).sum())} placeholder pages with no story text stand alone | {len(set(alone))} | "
          + _both_cells(labels, alone, has_text))
    other = (truth[:, None] != truth[None, :]) & has_text[:, None] & has_text[None, :]
    for floor in (0.03, 0.05):
        linked = (truth[:, None] == truth[None, :]) & (similarity >= floor) & has_text[:, None] & has_text[None, :]
        n, parts = connected_components(sparse.csr_matrix(linked), directed=False)
        share = float((similarity[other] >= floor).mean())
        print(f"| … and a story splits where no chain of its articles has TF-IDF cosine ≥ {floor} "
              f"({100 * share:.1f}% of different-story pairs reach that) | {n} | " + _both_cells(labels, parts.tolist(), has_text))
    print("\n| hindsight clustering of the TF-IDF vectors (cut chosen on the answers) | cosine cut | B3 P | B3 R | B3 F1 | text: B3 F1 |")
    print("|---|---:|---:|---:|---:|---:|")
    for method in ("average", "complete"):
        _, cut, predicted = _hindsight(similarity, labels, has_text, method)
        print(f"| {method} linkage | {cut:.2f} | " + _both_cells(labels, predicted, has_text))


def run_embed(articles: list[Article], labels: list[int], *, chars: int = 1500) -> None:
    from newsbrief.represent.encoders import get_encoder
    from newsbrief.stories.vectors import story_text

    vectors, has_text = _content_vectors(articles)
    tfidf = (vectors @ vectors.T).toarray()
    started = time.process_time()
    dense = get_encoder("minilm").encode([story_text(a)[:chars] for a in articles])
    seconds = time.process_time() - started
    minilm = dense @ dense.T
    print(f"\n### MiniLM document vectors (first {chars} characters of the story text; {seconds:.0f} CPU s for {len(articles)} articles)\n")
    print("| similarity | best average-linkage cut | B3 P | B3 R | B3 F1 | text: B3 F1 |\n|---|---:|---:|---:|---:|---:|")
    mixes = (("TF-IDF", tfidf), ("MiniLM", minilm), ("¾ TF-IDF + ¼ MiniLM", 0.75 * tfidf + 0.25 * minilm),
             ("½ TF-IDF + ½ MiniLM", 0.5 * tfidf + 0.5 * minilm))
    for name, similarity in mixes:
        _, cut, predicted = _hindsight(similarity, labels, has_text, "average")
        print(f"| {name} | {cut:.2f} | " + _both_cells(labels, predicted, has_text))


# -- synthetic piles for the scale part --------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[^A-Za-z\d]+")
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def _pseudo_word(number: int) -> str:
    """A pronounceable word unique to `number` ("bafe", "kodisu"…): a new name or term for a replica."""
    parts = []
    number += len(_SYLLABLES) ** 2  # at least three syllables, so no pseudo-word is a real short word
    while number:
        number, digit = divmod(number, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(parts)


def _templates(articles: list[Article]) -> list[list[list[tuple[int, str]]]]:
    """Per article, per line, (kind, token): kind 0 kept, 1 a number, 2 a story-specific word or name."""
    from newsbrief.stories.vectors import story_text

    tokens = [[_TOKEN.findall(line) for line in story_text(a).split("\n")] for a in articles]
    df: Counter[str] = Counter()
    for lines in tokens:
        df.update({t.lower() for line in lines for t in line if t[0].isalpha()})
    templates = []
    for lines in tokens:
        templates.append([
            [(1, t) if t[0].isdigit() else (2, t) if t[0].isalpha() and (t[0].isupper() or df[t.lower()] <= 5) else (0, t) for t in line]
            for line in lines
        ])
    return templates


def synthetic_pile(articles: list[Article], labels: list[int], size: int, *, seed: int = 0, per_day: float = 300.0):
    """`size` articles in ⌈size / len(articles)⌉ replicas of every dev story, each replica a distinct
    synthetic story: its story-specific words (in ≤ 5 dev articles), its capitalised words and its
    numbers are replaced consistently by pseudo-words and other numbers (the same within the
    replica, different between replicas); common words are kept, as distinct real stories of one
    kind share them. Each article also loses ~10% of its sentences and has neighbouring sentences
    swapped with probability 0.1. Replicas get dates spread over size / per_day days (a stream of
    `per_day` articles a day); a replica's articles arrive within 72 hours of its date.

    Returns (articles, story label of each) in arrival order.
    """
    import random
    from datetime import UTC, datetime

    rng = random.Random(seed)
    templates = _templates(articles)
    replicas = math.ceil(size / len(articles))
    days = size / per_day
    base = datetime(2030, 1, 1, tzinfo=UTC).timestamp()
    by_story: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        by_story.setdefault(label, []).append(i)
    pile: list[tuple[float, Article, str]] = []
    counter = 0
    for replica in range(replicas):
        for label, members in by_story.items():
            mapping: dict[str, str] = {}
            start = rng.uniform(0, days)
            for i in members:
                lines = []
                for template in templates[i]:
                    out = []
                    for kind, tok in template:
                        if kind == 0:
                            out.append(tok)
                            continue
                        key = tok.lower()
                        if key not in mapping:
                            counter += 1
                            mapping[key] = str(rng.randint(2, 9999)) if kind == 1 else _pseudo_word(counter)
                        out.append(mapping[key].capitalize() if tok[0].isupper() else mapping[key])
                    sentences = re.split(r"(?<=[.!?])\s+", "".join(out))
                    sentences = [s for s in sentences if rng.random() > 0.1]
                    for k in range(len(sentences) - 1):
                        if rng.random() < 0.1:
                            sentences[k], sentences[k + 1] = sentences[k + 1], sentences[k]
                    if sentences:
                        lines.append(" ".join(sentences))
                moment = base + (start + rng.uniform(0, 3)) * DAY
                story = f"{label}.{replica}"
                published = datetime.fromtimestamp(moment, UTC).isoformat()
                pile.append((moment, Article(id=f"{story}/{i}", text="\n".join(lines), published=published), story))
    pile.sort(key=lambda item: item[0])
    pile = pile[:size]
    return [a for _, a, _ in pile], [s for _, _, s in pile]


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the tokenizing workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_scale_one(data: str, size: int, *, threshold: float, workers: int, per_day: float, dated: bool) -> dict[str, float]:
    """One scale measurement (run in a fresh process): seconds to group `size` synthetic articles."""
    from dataclasses import replace

    from newsbrief.stories import update_stories

    articles, labels = dev_articles(data)
    made = time.perf_counter()
    pile, truth = synthetic_pile(articles, labels, size, per_day=per_day)
    if not dated:
        pile = [replace(a, published=None) for a in pile]
    made = time.perf_counter() - made
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    run = update_stories(pile, threshold=threshold, briefs=False, workers=workers)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_before
    s = scores(truth, predicted_labels(run.stories, [a.id for a in pile]))
    return {
        "articles": len(pile),
        "true_stories": len(set(truth)),
        "stories": len(run.stories),
        "no_story_text": len(run.errors),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "build_seconds": made,
        "rss_before_mb": rss_before,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **s,
    }


def run_rerun(data: str, size: int, *, threshold: float, workers: int, per_day: float) -> None:
    from newsbrief.stories import StoryStore, update_stories

    articles, labels = dev_articles(data)
    pile, _ = synthetic_pile(articles, labels, size + 10, per_day=per_day)
    old, new = pile[:size], pile[size:]  # the 10 latest articles of the stream arrive in the second run
    print(f"\n### Rerun: a store of {size} articles, then 10 new ones (grouping only)\n")
    print("| run | articles added | stories changed | live stories | wall s | database MB |\n|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stories.db"
        for name, batch in (("first", old), ("rerun", new)):
            start = time.perf_counter()
            with StoryStore(path) as store:
                run = update_stories(batch, store=store, threshold=threshold, briefs=False, workers=workers)
            seconds = time.perf_counter() - start
            changed = sum(s.changed for s in run.stories)
            megabytes = path.stat().st_size / 2**20
            print(f"| {name} | {len(run.added)} | {changed} | {len(run.stories)} | {seconds:.1f} | {megabytes:.0f} |", flush=True)


def run_scale(data: str, sizes: list[int], *, threshold: float, workers: int, per_day: float, dated: bool) -> None:
    mode = f"dated, {per_day:.0f} articles/day, window ±7 days" if dated else "no dates (no time blocking)"
    print(f"\n### Scale: synthetic piles, grouping only, {workers} worker process(es), {mode}\n")
    print("| articles | true stories | stories | no story text | wall s | articles/s | wall ms/article | CPU ms/article "
          "| peak RSS MB (pile alone) | B3 P | B3 R | B3 F1 | ARI | load avg (1 min) before → after |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        command = [sys.executable, __file__, "--data", data, "--scale-one", str(size), "--threshold", str(threshold),
                   "--workers", str(workers), "--per-day", str(per_day)] + ([] if dated else ["--undated"])
        load = os.getloadavg()[0]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        n, sec = result["articles"], result["seconds"]
        print(
            f"| {n} | {result['true_stories']} | {result['stories']} | {result['no_story_text']} | {sec:.1f} | {n / sec:.0f} | "
            f"{1000 * sec / n:.2f} | {1000 * result['cpu_seconds'] / n:.2f} | "
            f"{result['peak_rss_mb']:.0f} ({result['rss_before_mb']:.0f}) | {result['precision']:.4f} | {result['recall']:.4f} | "
            f"{result['f1']:.4f} | {result['ari']:.4f} | {load:.1f} → {os.getloadavg()[0]:.1f} |",
            flush=True,
        )


def main() -> None:
    from newsbrief.stories import DEFAULT_THRESHOLD

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--parts", default="shuffled,arrival,tune,ceiling,scale")
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-day", type=float, default=300.0, help="Synthetic stream rate of the scale part.")
    parser.add_argument("--undated", action="store_true", help="Scale part without publication dates.")
    parser.add_argument("--rerun-size", type=int, default=30000, help="Articles in the store of the rerun part.")
    parser.add_argument("--no-briefs", dest="briefs", action="store_false")
    parser.add_argument("--scale-one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_one:
        result = run_scale_one(args.data, args.scale_one, threshold=args.threshold, workers=args.workers, per_day=args.per_day,
                               dated=not args.undated)
        print(json.dumps(result))
        return
    parts = args.parts.split(",")
    articles, labels = dev_articles(args.data)
    print(f"{len(articles)} dev articles in {len(set(labels))} stories; cpu count {os.cpu_count()}; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if "shuffled" in parts:
        run_shuffled(articles, labels, briefs=args.briefs, threshold=args.threshold)
    if "arrival" in parts:
        run_arrival(articles, labels, briefs=args.briefs, threshold=args.threshold)
    if "tune" in parts:
        run_tune(articles, labels)
    if "ceiling" in parts:
        run_ceiling(articles, labels)
    if "embed" in parts:
        run_embed(articles, labels)
    if "rerun" in parts:
        run_rerun(args.data, args.rerun_size, threshold=args.threshold, workers=args.workers, per_day=args.per_day)
    if "scale" in parts:
        run_scale(args.data, [int(s) for s in args.sizes.split(",")], threshold=args.threshold, workers=args.workers,
                  per_day=args.per_day, dated=not args.undated)


if __name__ == "__main__":
    main()
