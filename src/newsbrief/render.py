"""Briefs as plain text, Markdown with numbered citations, and JSON-ready dicts.

Every place that names an article — the source list, the analysis sections, the JSON `name`,
`outlets` and `outlet` keys — uses `Article.label` (outlet, else title, else id), so one article
has one name throughout a brief; the citation number tells apart two articles with the same name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from newsbrief.types import Analysis, Article, Brief, BriefSentence, Discrepancy, Fact, SetAside


def _cite(sources: tuple[int, ...]) -> str:
    return "".join(f"[{s + 1}]" for s in sources)


GENERATED_MARK = "†"  # follows the citations of a sentence the language model wrote (see `rewrite_note`)


def _mark(s: BriefSentence) -> str:
    return GENERATED_MARK if s.origin == "generated" else ""


def rewrite_note(brief: Brief) -> str:
    """What a rewritten brief's mark means, and what the model wrote that was left out ("" without a rewrite)."""
    report = brief.rewrite
    if report is None:
        return ""
    if report.error or not report.kept:
        return f"Every sentence is quoted from the articles: {report.model} was asked to rewrite the brief, and none of what it wrote is shown."
    left_out = f"; {len(report.dropped)} it wrote were left out, unsupported or contradicted by the articles" if report.dropped else ""
    return (
        f"{GENERATED_MARK} written by {report.model} and checked against the articles: the sources cited are those the check found "
        f"stating it ({report.kept} of {report.generated} sentences it wrote kept{left_out}). Other sentences are quoted from the articles."
    )


def set_aside_lines(brief: Brief) -> list[str]:
    """One line per article left out of the brief, naming it and saying why."""
    return [f"Set aside: {brief.articles[a.article].label} [{a.article + 1}], {a.reason}" for a in brief.set_aside]


def cited_lines(brief: Brief) -> list[str]:
    """Each sentence of the brief followed by its sources' numbers ("… on Tuesday. [1][3]")."""
    return [f"{s.text} {_cite(s.sources)}{_mark(s)}" for s in brief.sentences]


def source_lines(brief: Brief, *, markdown: bool) -> list[str]:
    """The numbered source list: "[1] name — “title” — date — url" (text) or "1. **name** — …" (Markdown)."""
    if markdown:
        return [f"{number}. {_describe(article, markdown=True)}" for number, article in enumerate(brief.articles, start=1)]
    return [f"[{number}] {_describe(article, markdown=False)}" for number, article in enumerate(brief.articles, start=1)]


def render_text(brief: Brief) -> str:
    """The headline, one sentence a line with its sources' numbers, the articles set aside; then the
    rewrite note and the analysis, if any, and the sources."""
    text = "\n".join(cited_lines(brief))
    if brief.headline:
        text = f"{brief.headline}\n\n{text}"
    if brief.set_aside:
        text += "\n\n" + "\n".join(set_aside_lines(brief))
    if brief.rewrite is not None:
        text += "\n\n" + rewrite_note(brief)
    if brief.analysis is not None:
        text += "\n\n" + render_analysis_text(brief.analysis, brief.articles)
    return text + "\n\nSources:\n" + "\n".join(source_lines(brief, markdown=False))


def render_markdown(brief: Brief) -> str:
    """A paragraph with numbered citations, the analysis sections if any, then the sources."""
    title = f"## Brief: {brief.query}" if brief.query else "## Brief"
    body = " ".join(cited_lines(brief))
    parts = [title, ""] + ([f"**{brief.headline}**", ""] if brief.headline else []) + [body, ""]
    if brief.set_aside:
        parts += [f"*{line}*" for line in set_aside_lines(brief)] + [""]
    if brief.rewrite is not None:
        parts += [f"*{rewrite_note(brief)}*", ""]
    if brief.analysis is not None:
        parts += markdown_analysis(brief.analysis, brief.articles)
    parts += ["### Sources", ""] + source_lines(brief, markdown=True)
    return "\n".join(parts) + "\n"


def _describe(article: Article, *, markdown: bool) -> str:
    """A source-list entry: the article's name (as the analysis calls it), then what else helps find it."""
    name = article.label
    bits = [f"**{name}**" if markdown else name]
    if article.title and article.title != name:
        bits.append(f"“{article.title}”")
    if article.published:
        bits.append(article.published)
    if article.url:
        bits.append(f"<{article.url}>" if markdown else article.url)
    return " — ".join(bits)


KIND_NAMES = {
    "count": "Count", "money": "Amount", "percent": "Percentage", "duration": "Duration", "date": "Date", "weekday": "Day",
    "time": "Time", "age": "Age", "name": "Name", "negation": "Negation", "opposite": "Opposite claims",
}  # fmt: skip


def _category(d: Discrepancy) -> str:
    """What the reader is told a discrepancy is: "conflict", "different figures", "updated ([2] is newer)"."""
    category = getattr(d, "category", "conflict")
    return f"updated ([{d.newer + 1}] is newer)" if category == "updated" and d.newer is not None else category


def _labels(articles: tuple[Article, ...]) -> dict[int, str]:
    """How the analysis names an article: `Article.label`, as the source list does."""
    return {i: a.label for i, a in enumerate(articles)}


def _source_count(f: Fact) -> str:
    """ "3 articles", or "3 articles, 2 independent" when some are copies of one text."""
    articles = f"{len(f.sources)} articles"
    return articles if f.support == len(f.sources) else f"{articles}, {f.support} independent"


def _only_in(sources: tuple[int, ...], label: dict[int, str]) -> str:
    """Who reports a single-source fact: one article, or every copy of one story."""
    names = ", ".join(f"{label[a]} [{a + 1}]" for a in sources)
    return names if len(sources) == 1 else f"{names} (copies of one story)"


def markdown_analysis(analysis: Analysis, articles: tuple[Article, ...]) -> list[str]:
    """The "agree on", "Where sources differ" and "Only in …" sections, as Markdown lines."""
    label = _labels(articles)
    lines: list[str] = []
    if analysis.agreements:
        lines += ["### What the sources agree on", ""]
        for f in analysis.agreements:
            outlets = ", ".join(label[a] for a in f.sources)
            lines.append(f"- {f.text} {_cite(f.sources)} — {_source_count(f)}: {outlets}")
        lines.append("")
    if analysis.discrepancies:
        lines += ["### Where sources differ", ""]
        for d in analysis.discrepancies:
            lines.append(
                f"- **{KIND_NAMES.get(d.kind, d.kind)}**, {_category(d)}: {label[d.first.article]} [{d.first.article + 1}] says "
                f"“{d.first_value}”; {label[d.second.article]} [{d.second.article + 1}] says “{d.second_value}”"
            )
            lines.append(f"  - [{d.first.article + 1}] “{d.first.text}”")
            lines.append(f"  - [{d.second.article + 1}] “{d.second.text}”")
        lines.append("")
    if analysis.single_source:
        by_source: dict[tuple[int, ...], list[str]] = {}
        for f in analysis.single_source:
            by_source.setdefault(f.sources, []).append(f.text)
        for sources, texts in sorted(by_source.items()):
            lines += [f"### Only in {_only_in(sources, label)}", ""]
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
        lines += [f"  {f.text} {_cite(f.sources)} ({_source_count(f)})" for f in analysis.agreements]
    if analysis.discrepancies:
        lines.append("Where sources differ:")
        for d in analysis.discrepancies:
            lines.append(
                f"  {KIND_NAMES.get(d.kind, d.kind)} ({_category(d)}): {label[d.first.article]} [{d.first.article + 1}] \"{d.first_value}\" vs "
                f"{label[d.second.article]} [{d.second.article + 1}] \"{d.second_value}\""
            )
    for f in analysis.single_source:
        lines.append(f"Only in {_only_in(f.sources, label)}: {f.text}")
    if not lines:
        lines.append("No fact is reported by two articles, and no conflict was found.")
    return "\n".join(lines)


def analysis_to_dict(analysis: Analysis, articles: tuple[Article, ...] = ()) -> dict[str, object]:
    """The `agreements`, `single_source` and `discrepancies` keys of the JSON output.

    Facts carry their `support` (independent sources: copies of one text count once) and, when
    the articles are given, the `outlets` that report them (every article in `sources`, copies
    included); each claim of a discrepancy names its `outlet` the same way.
    """
    label = _labels(articles)

    def fact(f: object) -> dict[str, object]:
        item = asdict(f)  # type: ignore[call-overload]
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


def article_metadata(article: Article) -> dict[str, object]:
    """What a reader needs to find the source, and its `name` as every citation shows it; the text
    itself is in the input and the evidence."""
    return {
        "id": article.id,
        "name": article.label,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
    }


def brief_to_dict(brief: Brief) -> dict[str, object]:
    """The JSON shape of `newsbrief summarize --format json` and of JSONL output lines."""
    result: dict[str, object] = {
        "headline": brief.headline,
        "summary": brief.summary,
        "sentences": [
            {
                "text": s.text,
                "sources": list(s.sources),
                "evidence": [asdict(e) for e in s.evidence],
                **({"rewritten": {"from": s.rewritten_from, "to": s.text}} if s.rewritten_from else {}),
                **_checked(s, brief),
            }
            for s in brief.sentences
        ],
        "words": brief.words,
        "articles": [article_metadata(a) for a in brief.articles],
        "set_aside": [{"article": a.article, "name": brief.articles[a.article].label, "reason": a.reason} for a in brief.set_aside],
    }
    if brief.query:
        result["query"] = brief.query
    if brief.analysis is not None:
        result.update(analysis_to_dict(brief.analysis, brief.articles))
    if brief.warnings:
        result["warnings"] = list(brief.warnings)
    if brief.rewrite is not None:
        result["rewrite"] = asdict(brief.rewrite)
    return result


def _checked(s: BriefSentence, brief: Brief) -> dict[str, object]:
    """A rewritten brief's sentence keys: who wrote it, and the verifier's verdict and score."""
    if brief.rewrite is None:
        return {}
    return {"origin": s.origin, "verdict": s.verdict, "score": s.score}


def brief_from_dict(data: Mapping[str, object]) -> Brief:
    """A Brief again from its `brief_to_dict` shape, as far as the source list and the cited sentences
    read it (a stored brief, e.g. a story's in `newsbrief stories --db`, shown again): sentences with
    their sources, the articles' metadata, headline, set-aside articles and warnings. Evidence,
    analysis and rewrite details stay in the dict."""

    def text(value: object) -> str | None:
        return value if isinstance(value, str) else None

    listed = data.get("articles")
    articles = tuple(
        Article(id=str(a.get("id")), text="", title=text(a.get("title")), source=text(a.get("source")), url=text(a.get("url")),
                published=text(a.get("published")))
        for a in (listed if isinstance(listed, list) else []) if isinstance(a, Mapping)
    )  # fmt: skip
    found = data.get("sentences")
    sentences = tuple(
        BriefSentence(str(s.get("text", "")), -1, -1, tuple(int(k) for k in s.get("sources") or ()))
        for s in (found if isinstance(found, list) else []) if isinstance(s, Mapping)
    )  # fmt: skip
    aside = data.get("set_aside")
    aside = aside if isinstance(aside, list) else []
    set_aside = tuple(SetAside(int(a["article"]), str(a.get("reason", ""))) for a in aside if isinstance(a, Mapping))
    return Brief(
        sentences=sentences,
        articles=articles,
        query=text(data.get("query")),
        warnings=tuple(str(w) for w in data.get("warnings") or ()),  # type: ignore[attr-defined]
        headline=text(data.get("headline")),
        set_aside=set_aside,
    )
