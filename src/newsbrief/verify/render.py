"""A verification as JSON (the `--input` output line and the HTTP answer), text and Markdown."""

from __future__ import annotations

from dataclasses import asdict

from newsbrief.types import Article, Evidence
from newsbrief.verify.types import Problem, SentenceVerdict, Verification

_MARK = {"supported": "✓", "unsupported": "?", "contradicted": "✗"}


def verification_to_dict(verification: Verification) -> dict[str, object]:
    """{"score", "verdict", "sentences": [{"text", "start", "end", "verdict", "score", "evidence",
    "problems"}], "articles"}; every evidence and problem names its article's `outlet`."""
    from newsbrief.render import article_metadata

    names = [a.label for a in verification.articles]
    result: dict[str, object] = {
        "score": verification.score,
        "verdict": verification.verdict,
        "sentences": [_sentence(s, names) for s in verification.sentences],
        "articles": [article_metadata(a) for a in verification.articles],
    }
    if verification.warnings:
        result["warnings"] = list(verification.warnings)
    return result


def _evidence(e: Evidence, names: list[str]) -> dict[str, object]:
    return {**asdict(e), "outlet": names[e.article] if 0 <= e.article < len(names) else ""}


def _problem(p: Problem, names: list[str]) -> dict[str, object]:
    item: dict[str, object] = {
        "kind": p.kind,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "explanation": p.explanation,
        "source_text": p.source_text,
    }
    item["evidence"] = _evidence(p.evidence, names) if p.evidence is not None else None
    return item


def _sentence(s: SentenceVerdict, names: list[str]) -> dict[str, object]:
    return {
        "text": s.text,
        "start": s.start,
        "end": s.end,
        "verdict": s.verdict,
        "score": s.score,
        "evidence": [_evidence(e, names) for e in s.evidence],
        "problems": [_problem(p, names) for p in s.problems],
    }


def render_verification_text(verification: Verification, *, markdown: bool = False) -> str:
    """Each sentence with its verdict, score, problems and best evidence; then the sources."""
    names = [a.label for a in verification.articles]
    lines = [
        f"{'**' if markdown else ''}Verdict: {verification.verdict}{'**' if markdown else ''} "
        f"(score {verification.score:.2f}, {len(verification.sentences)} sentences)",
        "",
    ]
    for number, s in enumerate(verification.sentences, start=1):
        lead = f"{number}. {_MARK[s.verdict]} {s.verdict} ({s.score:.2f}): "
        lines.append(lead + (f"*{s.text}*" if markdown else s.text))
        for p in s.problems:
            lines.append(f"   {'- ' if markdown else ''}problem ({p.kind}): {p.explanation}")
        for e in s.evidence[:3]:
            quote = f"“{e.text}”"
            lines.append(
                f"   {'- ' if markdown else ''}evidence [{e.article + 1}] {names[e.article]}, "
                f"sentence {e.sentence + 1} ({e.similarity:.2f}): {quote}"
            )
        lines.append("")
    lines.append("## Sources" if markdown else "Sources:")
    lines += [f"{'- ' if markdown else ''}[{i + 1}] {_describe(a)}" for i, a in enumerate(verification.articles)]
    return "\n".join(lines)


def _describe(article: Article) -> str:
    parts = [article.label]
    if article.title and article.title != article.label:
        parts.append(f"“{article.title}”")
    if article.url:
        parts.append(article.url)
    return " — ".join(parts)


def render_verification_markdown(verification: Verification) -> str:
    return render_verification_text(verification, markdown=True)
