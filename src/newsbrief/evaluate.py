"""ROUGE evaluation of newsbrief and the baselines, on the same clusters and budget, in one run.

Settings, stated once: Google's `rouge-score` with the Porter stemmer; ROUGE-1/2/L/Lsum F1; for
ROUGE-Lsum both the hypothesis and the reference are split into one sentence a line (reference
split by blingfire). With several references a cluster scores its best reference (F1) or the mean
over references (`recall=True`, DUC style, where the hypothesis is first cut to the budget).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsbrief.dataset import Example, read_examples  # noqa: F401  (read_examples: re-exported for the command line)
from newsbrief.errors import InputError
from newsbrief.pipeline import summarize
from newsbrief.select import BASELINES

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")


@dataclass
class SystemResult:
    name: str
    scores: dict[str, float] = field(default_factory=dict)
    words: float = 0.0
    clusters_per_second: float = 0.0
    errors: int = 0


def _sentences(text: str) -> str:
    import blingfire

    return blingfire.text_to_sentences(text.replace("\n", " ")).strip()


def cut_to_words(sentences: Sequence[str], words: int) -> list[str]:
    """The hypothesis truncated to exactly `words` words (recall-mode scoring, as in DUC)."""
    kept: list[str] = []
    left = words
    for sentence in sentences:
        tokens = sentence.split()
        if left <= 0:
            break
        kept.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return kept


class RougeScorer:
    """rouge-score with stemming; F1 against the best reference or recall averaged over them."""

    def __init__(self, *, recall: bool = False) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
        self.recall = recall

    def score(self, hypothesis: Sequence[str], references: Sequence[str]) -> dict[str, float]:
        hyp = "\n".join(hypothesis)
        per_ref = [self._scorer.score(_sentences(ref), hyp) for ref in references]
        if self.recall:
            return {m: sum(s[m].recall for s in per_ref) / len(per_ref) for m in METRICS}
        return {m: max(s[m].fmeasure for s in per_ref) for m in METRICS}


def evaluate(
    examples: Iterable[Example],
    *,
    words: int,
    systems: Sequence[str] = ("default", *BASELINES),
    recall: bool = False,
    folds: int | None = None,
    encoder: str = "tfidf",
    query: bool = True,
) -> list[SystemResult]:
    """Score every system on every example; a cluster a system fails on scores 0 and is counted.

    folds: cross-validate the learned selector: each cluster is summarized by a model trained
    only on the other folds, so its score is never measured on training data.
    encoder: the representation every system gets ("minilm"/"static" change what the learned
        scorer reads; the baselines only read TF-IDF and are unaffected).
    query: give an example's `query` to the selectors that can follow one (`STEERABLE`); the
        baselines never read it, as in DUC's published baselines.
    """
    from newsbrief.select import LEARNED, STEERABLE

    examples = list(examples)
    if not examples:
        raise InputError("no examples to evaluate")
    scorers: list[object] = [None] * len(examples)
    if folds:
        from newsbrief.train import cross_validated_models

        scorers = cross_validated_models(examples, folds=folds, encoder=encoder)
    rouge = RougeScorer(recall=recall)
    results = []
    for name in systems:
        result = SystemResult(name)
        totals = dict.fromkeys(METRICS, 0.0)
        outputs = []
        start = time.perf_counter()
        for example, model in zip(examples, scorers, strict=True):
            try:
                brief = summarize(
                    list(example.documents),
                    words=words,
                    selector=name,
                    encoder=encoder if name in LEARNED else "tfidf",
                    scorer=model if name in LEARNED else None,
                    query=example.query if query and name in STEERABLE else None,
                )
                outputs.append([s.text for s in brief.sentences])
            except InputError:
                outputs.append([])
                result.errors += 1
        elapsed = time.perf_counter() - start
        for example, hypothesis in zip(examples, outputs, strict=True):
            if recall:
                hypothesis = cut_to_words(hypothesis, words)
            for metric, value in rouge.score(hypothesis, example.references).items():
                totals[metric] += value
            result.words += sum(len(s.split()) for s in hypothesis)
        result.scores = {m: 100 * v / len(examples) for m, v in totals.items()}
        result.words /= len(examples)
        result.clusters_per_second = len(examples) / elapsed if elapsed else float("inf")
        results.append(result)
    return results


def format_table(results: Sequence[SystemResult], *, recall: bool = False) -> str:
    """A Markdown table, one row a system."""
    kind = "R" if recall else "F1"
    header = f"| system | R-1 {kind} | R-2 {kind} | R-L {kind} | R-Lsum {kind} | words | clusters/s |"
    rows = [header, "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        s = r.scores
        rows.append(
            f"| {r.name} | {s['rouge1']:.2f} | {s['rouge2']:.2f} | {s['rougeL']:.2f} | {s['rougeLsum']:.2f} "
            f"| {r.words:.0f} | {r.clusters_per_second:.1f} |"
        )
    return "\n".join(rows)


def peak_memory_mb(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run fn and return (its result, peak Python heap in MB) — for the benchmarks."""
    tracemalloc.start()
    try:
        value = fn(*args, **kwargs)
        return value, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
