"""Briefs as plain text, Markdown with numbered citations, and JSON-ready dicts."""

from __future__ import annotations

from dataclasses import asdict

from newsbrief.types import Analysis, Article, Brief


def _cite(sources: tuple[int, ...]) -> str:
    return "".join(f"[{s + 1}]" for s in sources)


def render_text(brief: Brief) -> str:
    """One sentence a line, each followed by its sources' numbers."""
    return "\n".join(f"{s.text} {_cite(s.sources)}" for s in brief.sentences)


def render_markdown(brief: Brief) -> str:
    """A paragraph with numbered citations, the analysis sections if any, then the sources."""
    title = f"## Brief: {brief.query}" if brief.query else "## Brief"
    body = " ".join(f"{s.text} {_cite(s.sources)}" for s in brief.sentences)
    parts = [title, "", body, ""]
    if brief.analysis is not None:
        parts += _markdown_analysis(brief)
    parts += ["### Sources", ""]
    for number, article in enumerate(brief.articles, start=1):
        parts.append(f"{number}. {_describe(article)}")
    return "\n".join(parts) + "\n"


def _describe(article: object) -> str:
    from newsbrief.types import Article

    assert isinstance(article, Article)
    name = article.source or article.id
    bits = [f"**{name}**"]
    if article.title:
        bits.append(f"“{article.title}”")
    if article.published:
        bits.append(article.published)
    if article.url:
        bits.append(f"<{article.url}>")
    return " — ".join(bits)


def _markdown_analysis(brief: Brief) -> list[str]:
    analysis = brief.analysis
    assert analysis is not None
    label = {i: a.label for i, a in enumerate(brief.articles)}
    lines: list[str] = []
    if analysis.agreements:
        lines += ["### What the sources agree on", ""]
        lines += [f"- {f.text} {_cite(f.sources)}" for f in analysis.agreements]
        lines.append("")
    if analysis.discrepancies:
        lines += ["### Where sources differ", ""]
        for d in analysis.discrepancies:
            lines.append(
                f"- **{d.kind}**: {label[d.first.article]} [{d.first.article + 1}] says "
                f"“{d.first_value}” — {label[d.second.article]} [{d.second.article + 1}] says “{d.second_value}”"
            )
            lines.append(f"  - “{d.first.text}” [{d.first.article + 1}]")
            lines.append(f"  - “{d.second.text}” [{d.second.article + 1}]")
        lines.append("")
    if analysis.single_source:
        by_article: dict[int, list[str]] = {}
        for f in analysis.single_source:
            by_article.setdefault(f.sources[0], []).append(f.text)
        for article, texts in sorted(by_article.items()):
            lines += [f"### Only in {label[article]} [{article + 1}]", ""]
            lines += [f"- {t}" for t in texts]
            lines.append("")
    return lines


def analysis_to_dict(analysis: Analysis) -> dict[str, object]:
    return {
        "agreements": [asdict(f) for f in analysis.agreements],
        "single_source": [asdict(f) for f in analysis.single_source],
        "discrepancies": [asdict(d) for d in analysis.discrepancies],
    }


def _article_metadata(article: Article) -> dict[str, object]:
    """What a reader needs to find the source; the text itself is in the input and the evidence."""
    return {"id": article.id, "title": article.title, "source": article.source, "url": article.url, "published": article.published}


def brief_to_dict(brief: Brief) -> dict[str, object]:
    """The JSON shape of `newsbrief summarize --format json` and of JSONL output lines."""
    result: dict[str, object] = {
        "summary": brief.summary,
        "sentences": [
            {
                "text": s.text,
                "sources": list(s.sources),
                "evidence": [asdict(e) for e in s.evidence],
            }
            for s in brief.sentences
        ],
        "words": brief.words,
        "articles": [_article_metadata(a) for a in brief.articles],
    }
    if brief.query:
        result["query"] = brief.query
    if brief.analysis is not None:
        result.update(analysis_to_dict(brief.analysis))
    if brief.warnings:
        result["warnings"] = list(brief.warnings)
    return result
