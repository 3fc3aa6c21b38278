"""Briefs as plain text, Markdown with numbered citations, and JSON-ready dicts."""

from __future__ import annotations

from dataclasses import asdict

from newsbrief.types import Analysis, Article, Brief


def _cite(sources: tuple[int, ...]) -> str:
    return "".join(f"[{s + 1}]" for s in sources)


def render_text(brief: Brief) -> str:
    """One sentence a line, each followed by its sources' numbers; then the analysis, if any."""
    text = "\n".join(f"{s.text} {_cite(s.sources)}" for s in brief.sentences)
    if brief.analysis is not None:
        text += "\n\n" + render_analysis_text(brief.analysis, brief.articles)
    return text


def render_markdown(brief: Brief) -> str:
    """A paragraph with numbered citations, the analysis sections if any, then the sources."""
    title = f"## Brief: {brief.query}" if brief.query else "## Brief"
    body = " ".join(f"{s.text} {_cite(s.sources)}" for s in brief.sentences)
    parts = [title, "", body, ""]
    if brief.analysis is not None:
        parts += markdown_analysis(brief.analysis, brief.articles)
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


KIND_NAMES = {
    "count": "Count", "money": "Amount", "percent": "Percentage", "duration": "Duration", "date": "Date", "weekday": "Day",
    "time": "Time", "age": "Age", "name": "Name", "negation": "Negation", "opposite": "Opposite claims",
}  # fmt: skip


def _labels(articles: tuple[Article, ...]) -> dict[int, str]:
    """How the analysis names an article: its outlet when the metadata gives one, else title or id."""
    return {i: a.label for i, a in enumerate(articles)}


def markdown_analysis(analysis: Analysis, articles: tuple[Article, ...]) -> list[str]:
    """The "agree on", "Where sources differ" and "Only in …" sections, as Markdown lines."""
    label = _labels(articles)
    lines: list[str] = []
    if analysis.agreements:
        lines += ["### What the sources agree on", ""]
        for f in analysis.agreements:
            outlets = ", ".join(label[a] for a in f.sources)
            lines.append(f"- {f.text} {_cite(f.sources)} — {f.support} articles: {outlets}")
        lines.append("")
    if analysis.discrepancies:
        lines += ["### Where sources differ", ""]
        for d in analysis.discrepancies:
            lines.append(
                f"- **{KIND_NAMES.get(d.kind, d.kind)}**: {label[d.first.article]} [{d.first.article + 1}] says "
                f"“{d.first_value}”; {label[d.second.article]} [{d.second.article + 1}] says “{d.second_value}”"
            )
            lines.append(f"  - [{d.first.article + 1}] “{d.first.text}”")
            lines.append(f"  - [{d.second.article + 1}] “{d.second.text}”")
        lines.append("")
    if analysis.single_source:
        by_article: dict[int, list[str]] = {}
        for f in analysis.single_source:
            by_article.setdefault(f.sources[0], []).append(f.text)
        for article, texts in sorted(by_article.items()):
            lines += [f"### Only in {label[article]} [{article + 1}]", ""]
            lines += [f"- {t}" for t in texts]
            lines.append("")
    if not (analysis.agreements or analysis.discrepancies or analysis.single_source):
        lines += ["### Cross-source analysis", "", "No fact is reported by two articles, and no conflict was found.", ""]
    return lines


def render_analysis_text(analysis: Analysis, articles: tuple[Article, ...]) -> str:
    """The analysis as plain text: the same sections as Markdown, without markup."""
    label = _labels(articles)
    lines: list[str] = []
    if analysis.agreements:
        lines.append("Agreed by several sources:")
        lines += [f"  {f.text} {_cite(f.sources)} ({f.support} articles)" for f in analysis.agreements]
    if analysis.discrepancies:
        lines.append("Where sources differ:")
        for d in analysis.discrepancies:
            lines.append(
                f"  {KIND_NAMES.get(d.kind, d.kind)}: {label[d.first.article]} [{d.first.article + 1}] \"{d.first_value}\" vs "
                f"{label[d.second.article]} [{d.second.article + 1}] \"{d.second_value}\""
            )
    for f in analysis.single_source:
        lines.append(f"Only in {label[f.sources[0]]} [{f.sources[0] + 1}]: {f.text}")
    if not lines:
        lines.append("No fact is reported by two articles, and no conflict was found.")
    return "\n".join(lines)


def analysis_to_dict(analysis: Analysis, articles: tuple[Article, ...] = ()) -> dict[str, object]:
    """The `agreements`, `single_source` and `discrepancies` keys of the JSON output.

    Facts carry their `support` (distinct articles) and, when the articles are given, the
    `outlets` that report them; each claim of a discrepancy names its `outlet` the same way.
    """
    label = _labels(articles)

    def fact(f: object) -> dict[str, object]:
        item = asdict(f)  # type: ignore[call-overload]
        item["support"] = len(item["sources"])
        if label:
            item["outlets"] = [label[a] for a in item["sources"]]
        return item

    def discrepancy(d: object) -> dict[str, object]:
        item = asdict(d)  # type: ignore[call-overload]
        if label:
            for side in ("first", "second"):
                item[side]["outlet"] = label[item[side]["article"]]
        return item

    return {
        "agreements": [fact(f) for f in analysis.agreements],
        "single_source": [fact(f) for f in analysis.single_source],
        "discrepancies": [discrepancy(d) for d in analysis.discrepancies],
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
        result.update(analysis_to_dict(brief.analysis, brief.articles))
    if brief.warnings:
        result["warnings"] = list(brief.warnings)
    return result
