"""Verify any summary against its sources: every sentence supported, unsupported or contradicted,
with the source sentences that support it and the problems found.

A summary written by a person, a language model or newsbrief itself is split into sentences
("claims"); each is aligned with the source sentences by `compare`'s alignment, read with spaCy
against the closest ones (values, names in a role, negation, opposites, names swapped around a
verb), checked for names and numbers no source states, and scored by a small learned model.

>>> from newsbrief.verify import verify                              # doctest: +SKIP
>>> result = verify("Fire crews fought the blaze for six hours.", [article_a, article_b])  # doctest: +SKIP
>>> result.verdict, [(s.verdict, s.score) for s in result.sentences]  # doctest: +SKIP
('supported', [('supported', 0.93)])

For a generated brief that cites its evidence (issue 21), prepare the sources once and check each
sentence against the sentences it cites, falling back to all articles:

>>> sources = prepare_sources(documents)                                       # doctest: +SKIP
>>> check_sentence("Two warehouses burned.", sources, cited=[(0, 3), (2, 1)])  # doctest: +SKIP

Needs the `nlp` extra (spaCy); the default dense view is the static table distilled from MiniLM
(`encoder="minilm"` runs MiniLM itself on each claim's closest sentences, `"tfidf"` none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newsbrief.types import Article
from newsbrief.verify.check import EncoderChoice, check_claims, split_summary
from newsbrief.verify.sources import Sources, prepare_sources
from newsbrief.verify.types import PROBLEM_KINDS, VERDICTS, Problem, SentenceVerdict, Verdict, Verification

__all__ = [
    "verify",
    "check_sentence",
    "verify_record",
    "prepare_sources",
    "split_summary",
    "Sources",
    "Verification",
    "SentenceVerdict",
    "Problem",
    "Verdict",
    "VERDICTS",
    "PROBLEM_KINDS",
]

MAX_SUMMARY_SENTENCES = 80
Documents = Sequence[Article | str | dict[str, object]] | str


def verify(summary: str, documents: Documents | Sources, *, encoder: EncoderChoice = "static", threshold: float | None = None) -> Verification:
    """Check every sentence of `summary` against `documents` (any form `summarize` takes, or
    `Sources` prepared once).

    threshold: the score below which a sentence with no problem found is unsupported (default:
    the one chosen with the shipped model). Raises InputError for an empty summary or no
    documents, NoSentencesError when no article has a usable sentence, MissingDependencyError
    without spaCy.
    """
    from newsbrief.errors import InputError

    if not isinstance(summary, str) or not summary.strip():
        raise InputError("the summary is empty: give the text to verify")
    from newsbrief.ingest import _checked  # the one binary-content rule ingest applies to files

    claims = split_summary(_checked(summary, name="the summary"))
    if not claims:
        raise InputError("the summary has no sentence to verify")
    if len(claims) > MAX_SUMMARY_SENTENCES:
        raise InputError(f"the summary has {len(claims)} sentences; verify at most {MAX_SUMMARY_SENTENCES} at a time")
    sources = documents if isinstance(documents, Sources) else prepare_sources(documents)
    sentences = _judge(check_claims(claims, sources, encoder=encoder, summary=summary), threshold)
    from newsbrief.verify.scorer import summary_score

    verdict: Verdict = (
        "contradicted"
        if any(s.verdict == "contradicted" for s in sentences)
        else ("unsupported" if any(s.verdict == "unsupported" for s in sentences) else "supported")
    )
    return Verification(round(summary_score([s.score for s in sentences]), 4), verdict, tuple(sentences), sources.articles, sources.warnings)


def check_sentence(
    sentence: str, sources: Sources, *, cited: Iterable[tuple[int, int]] = (), encoder: EncoderChoice = "static", threshold: float | None = None
) -> SentenceVerdict:
    """One sentence against the sentences it cites — (article, sentence index) pairs, as a brief's
    `Evidence` names them — and, unless they support it, against all the sources.

    The first verdict that is "supported" wins; otherwise the verdict against all sources is
    returned (its evidence then shows where the sources do say something close, if anywhere).
    """
    from newsbrief.errors import InputError

    text = sentence.strip()
    if not text:
        raise InputError("the sentence is empty")
    claim = [(0, len(text), text)]
    cited = list(cited)
    if cited:
        narrowed = sources.only(cited)
        if narrowed.sentences:
            first = _judge(check_claims(claim, narrowed, encoder=encoder, summary=text), threshold)[0]
            if first.verdict == "supported":
                return first
    return _judge(check_claims(claim, sources, encoder=encoder, summary=text), threshold)[0]


def verify_record(record: object, *, default_id: str = "request", line: int | None = None, **options: Any) -> dict[str, object]:
    """One JSON record {"id", "documents", "summary"} (or the InputError of a line that was not
    JSON) in, one JSON-ready dict out: `{"id", "score", "verdict", "sentences", ...}` or
    `errors.error_record` (`{"id", "error", "error_type", "line"?}`). Never raises a NewsbriefError, so a batch keeps one output
    per input."""
    from collections.abc import Mapping

    from newsbrief.errors import InputError, NewsbriefError, error_record
    from newsbrief.ingest import articles_from_documents

    record_id = str(record.get("id", default_id)) if isinstance(record, Mapping) else default_id
    result: dict[str, object] = {"id": record_id}
    try:
        if isinstance(record, NewsbriefError):
            raise record
        if not isinstance(record, Mapping):
            raise InputError("each line must be a JSON object with 'id', 'documents' and 'summary'")
        summary = record.get("summary")
        if not isinstance(summary, str):
            raise InputError(f"{record_id}: 'summary' must be a string")
        if "documents" not in record:
            raise InputError(f"{record_id}: missing 'documents'")
        documents = articles_from_documents(record["documents"])  # type: ignore[arg-type]
        if not documents:
            raise InputError(f"{record_id}: 'documents' is empty; give the articles the summary claims to summarize")
        from newsbrief.verify.render import verification_to_dict

        result.update(verification_to_dict(verify(summary, documents, **options)))
    except NewsbriefError as exc:
        return error_record(record_id, exc, line=line)
    return result


def _judge(reports: Sequence[Any], threshold: float | None) -> list[SentenceVerdict]:
    """Scores from the learned model, verdicts from the score and the problems found."""
    import numpy as np

    from newsbrief.verify.scorer import load_scorer

    scorer = load_scorer()
    cut = scorer.threshold if threshold is None else threshold
    probabilities = scorer.probabilities(np.array([r.features for r in reports]))
    return [decide(r, float(p), cut) for r, p in zip(reports, probabilities, strict=True)]


def decide(report: Any, probability: float, threshold: float) -> SentenceVerdict:
    """The verdict of one claim report: word for word in a source → supported (score 1); a
    contradiction → contradicted; a number or date no source states, or nothing aligned →
    unsupported; otherwise the model's score against the threshold. The score never says more
    than the verdict: a flagged sentence scores below the threshold."""
    problems = report.problems
    verdict: Verdict
    if report.verbatim:
        verdict, score, problems = "supported", 1.0, ()
    elif any(p.contradicts for p in problems):
        verdict, score = "contradicted", min(probability, threshold * 0.5)
    elif any(p.decisive for p in problems):
        verdict, score = "unsupported", min(probability, threshold * 0.9)
    elif probability >= threshold:
        verdict, score, problems = "supported", probability, ()  # a name no source gives was weighed by the score
    else:
        verdict, score = "unsupported", probability
    return SentenceVerdict(report.text, verdict, round(score, 4), report.evidence, tuple(problems), report.start, report.end)
