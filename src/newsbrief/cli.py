"""The `newsbrief` command: a thin layer over the library.

Each command turns its flags into the library's typed options once (`_config` builds the one `Config`
of a run) and prints what the library returns through `newsbrief.render`; ranges and defaults come
from `newsbrief.limits`, so the help shows the limits the library enforces.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from newsbrief.errors import NewsbriefError
from newsbrief.limits import DEFAULT_WORDS, MAX_WORDS, MIN_WORDS, RECORD_TIME_BUDGET
from newsbrief.represent import ENCODER_NAMES  # `import newsbrief` loads the pipeline anyway: no extra cost

if TYPE_CHECKING:
    from newsbrief.config import Config
    from newsbrief.rewrite import RewriteOptions
    from newsbrief.types import Brief

FORMATS = ("text", "markdown", "json")
ENCODER_CHOICES = ENCODER_NAMES  # the encoders `Config` accepts


@click.group()
@click.version_option(package_name="newsbrief")
def cli() -> None:
    """Turn many news articles about one story into one short, attributed brief."""


def _render(brief: Brief, fmt: str) -> str:
    from newsbrief.render import brief_to_dict, render_markdown, render_text

    if fmt == "json":
        return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2)
    return render_markdown(brief) if fmt == "markdown" else render_text(brief)


def _config(
    *, words: int, selector: str, encoder: str, analysis: bool, rewrite: RewriteOptions | None = None, record_timeout: float | None = None
) -> Config:
    """The one place flags become the `Config` a run carries from here to every record and stage."""
    from newsbrief.config import Config

    return Config(words=words, selector=selector, encoder=encoder, analysis=analysis, rewrite=rewrite, record_timeout=record_timeout)


def _warn(messages: Sequence[str]) -> None:
    for message in messages:
        click.echo(f"warning: {message}", err=True)


WORDS = click.IntRange(MIN_WORDS, MAX_WORDS)  # the library's limits (`newsbrief.limits`), shown in --help


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--input", "input_path", type=click.Path(dir_okay=False), help="JSONL file of clusters.")
@click.option("--output", "output_path", type=click.Path(dir_okay=False), help="Write JSONL results here.")
@click.option("--words", type=WORDS, default=DEFAULT_WORDS, show_default=True, help="Brief length in words (±15%).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("--selector", default="default", show_default=True, help="Selection algorithm.")
@click.option("--encoder", type=click.Choice(ENCODER_CHOICES), default="tfidf", show_default=True, help="Sentence representation.")
@click.option("--query", default=None, help="Steer the brief toward this question.")
@click.option("--since", multiple=True, help="Articles already read (file or folder; repeatable): brief only what is new.")
@click.option("--analysis/--no-analysis", default=True, show_default=True, help="Add agreements, single-source facts and discrepancies.")
@click.option("--feed", "feeds", multiple=True, help="RSS/Atom feed (URL or file; repeatable): summarize the pages its entries link to.")
@click.option("--max-entries", type=click.IntRange(min=1), default=20, show_default=True, help="Entries read from each feed.")
@click.option("--allow-private", is_flag=True, help="Also fetch URLs on private, loopback and link-local addresses (refused by default).")
@click.option("--record-timeout", type=click.FloatRange(min=0, min_open=True), default=RECORD_TIME_BUDGET, show_default=True,
              help="With --input: seconds one record may take before it becomes an error record.")
@click.option("--rewrite", "rewrite_url", default=None, metavar="URL",
              help="OpenAI-compatible server (llama.cpp, Ollama, vLLM, hosted) that rewrites the brief; every sentence it writes is "
                   "checked against the articles. Key: $NEWSBRIEF_REWRITE_API_KEY.")
@click.option("--model", default=None, help="With --rewrite: the model name the server expects.")
@click.option("--rewrite-timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="With --rewrite: seconds one request may take.")
@click.option("--rewrite-budget", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="With --rewrite: seconds all attempts for one brief may take.")
def summarize(
    paths: tuple[str, ...],
    input_path: str | None,
    output_path: str | None,
    words: int,
    fmt: str,
    selector: str,
    encoder: str,
    query: str | None,
    since: tuple[str, ...],
    analysis: bool,
    feeds: tuple[str, ...],
    max_entries: int,
    allow_private: bool,
    record_timeout: float,
    rewrite_url: str | None,
    model: str | None,
    rewrite_timeout: float,
    rewrite_budget: float,
) -> None:
    """Summarize the articles in PATHS (files, folders, http(s) URLs; one article each), --feed entries, or a JSONL file."""
    from newsbrief.ingest import load_inputs
    from newsbrief.pipeline import summarize as run
    from newsbrief.pipeline import summarize_record

    rewrite = _rewrite_options(rewrite_url, model, timeout=rewrite_timeout, budget=rewrite_budget)
    config = _config(words=words, selector=selector, encoder=encoder, analysis=analysis, rewrite=rewrite, record_timeout=record_timeout)
    if input_path:
        _each_line(input_path, output_path, lambda record, **where: summarize_record(record, config, query=query, **where))
        return
    loaded = load_inputs(paths, feeds=feeds, allow_private=allow_private, max_entries=max_entries)
    earlier = load_inputs(since, allow_private=allow_private)
    _warn(loaded.messages + earlier.messages)
    if not loaded.articles:
        raise click.UsageError("no readable article: give text or HTML files, a folder of them, URLs, --feed URL, or --input FILE.jsonl")
    brief = run(loaded.articles, config, query=query, since=earlier.articles)
    _warn(brief.warnings)
    click.echo(_render(brief, fmt))


def _rewrite_options(url: str | None, model: str | None, *, timeout: float, budget: float) -> RewriteOptions | None:
    """The one place CLI flags become `RewriteOptions` (None: no rewrite); --model alone is a usage error."""
    if url is None:
        if model is not None:
            raise click.UsageError("--model names the model of a --rewrite server: give --rewrite URL too")
        return None
    from newsbrief.rewrite import RewriteOptions

    return RewriteOptions(url, model=model, timeout=timeout, budget=budget)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
def compare(paths: tuple[str, ...], fmt: str) -> None:
    """Compare the articles in PATHS (files, folders, URLs): what several report, what only one does, where they differ."""
    from newsbrief.ingest import load_inputs
    from newsbrief.pipeline import compare_documents
    from newsbrief.render import analysis_to_dict, article_metadata, markdown_analysis, render_analysis_text

    loaded = load_inputs(paths)
    _warn(loaded.messages)
    if not loaded.articles:
        raise click.UsageError("no readable article: give text or HTML files, a folder of them, or URLs")
    analysis, articles = compare_documents(loaded.articles)
    _warn(analysis.warnings)
    if fmt == "json":
        listed = [article_metadata(a) for a in articles]  # the same names as the brief's JSON
        click.echo(json.dumps({"articles": listed, **analysis_to_dict(analysis, articles)}, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(markdown_analysis(analysis, articles)) if fmt == "markdown" else render_analysis_text(analysis, articles))


def _each_line(input_path: str, output_path: str | None, handle: Callable[..., dict[str, object]]) -> None:
    """One output line per non-blank input line, in order: `handle(record, default_id=, line=)`'s result,
    a result or its error record. Lines are read and written through `newsbrief.jsonl`, as in batch."""
    from newsbrief.jsonl import default_id, dump_line, iter_lines

    out = open(output_path, "w", encoding="utf-8") if output_path else sys.stdout
    try:
        with open(input_path, encoding="utf-8", errors="replace", newline="\n") as lines:  # lines end at \n only, as in batch
            for number, record in iter_lines(lines):
                out.write(dump_line(handle(record, default_id=default_id(number), line=number)) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--input", "input_path", type=click.Path(dir_okay=False), help='JSONL file of {"id", "documents", "summary"} lines.')
@click.option("--output", "output_path", type=click.Path(dir_okay=False), help="Write JSONL verdicts here.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--encoder", type=click.Choice(("static", "minilm", "tfidf")), default="static", show_default=True, help="Dense similarity.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Score below which a sentence is unsupported [default: model's].")
@click.option("--allow-private", is_flag=True, help="Also fetch URLs on private, loopback and link-local addresses (refused by default).")
def verify(
    paths: tuple[str, ...], input_path: str | None, output_path: str | None, fmt: str, encoder: str, threshold: float | None, allow_private: bool
) -> None:
    """Check SUMMARY (a text file, or - for stdin) against the ARTICLES after it (files, folders, URLs):
    each sentence supported, unsupported or contradicted, with its evidence.

    Usage: newsbrief verify SUMMARY.txt ARTICLES... | newsbrief verify --input pairs.jsonl [--output verdicts.jsonl]
    """
    from newsbrief.ingest import decode_bytes, load_inputs
    from newsbrief.verify import verify as run
    from newsbrief.verify import verify_record
    from newsbrief.verify.render import render_verification_markdown, render_verification_text, verification_to_dict

    if input_path:
        _each_line(input_path, output_path, lambda record, **where: verify_record(record, encoder=encoder, threshold=threshold, **where))
        return
    if len(paths) < 2:
        raise click.UsageError("give the summary file and at least one article: newsbrief verify SUMMARY.txt ARTICLES...")
    summary_path, articles = paths[0], paths[1:]
    if summary_path != "-" and not os.path.isfile(summary_path):
        raise click.UsageError(f"{summary_path}: no such file (the summary comes first, then the articles)")
    data = sys.stdin.buffer.read() if summary_path == "-" else open(summary_path, "rb").read()
    summary = decode_bytes(data, name=summary_path)
    loaded = load_inputs(articles, allow_private=allow_private)
    _warn(loaded.messages)
    if not loaded.articles:
        raise click.UsageError("no readable article: give text or HTML files, a folder of them, or URLs after the summary")
    result = run(summary, loaded.articles, encoder=encoder, threshold=threshold)  # type: ignore[arg-type]
    _warn(result.warnings)
    if fmt == "json":
        click.echo(json.dumps(verification_to_dict(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_verification_markdown(result) if fmt == "markdown" else render_verification_text(result))


@cli.command("train-verifier")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", type=click.Path(dir_okay=False), default=None, help="Model file (default: the shipped one).")
def train_verifier(data: str, output: str | None) -> None:
    """Train the verifier's scorer on DATA (JSONL of {"documents", "summary", "label"} pairs, e.g. factuality-val.jsonl)."""
    from newsbrief.verify.scorer import MODEL_PATH, save_scorer
    from newsbrief.verify.train import claims_of, read_pairs, train_scorer

    pairs = read_pairs(data)
    scorer = train_scorer(claims_of(pairs), pairs)
    save_scorer(scorer, output or MODEL_PATH)
    click.echo(f"trained on {len(pairs)} pairs; threshold {scorer.threshold:.2f}; saved {output or MODEL_PATH}")


@cli.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("--words", default=250, show_default=True)
@click.option("--recall", is_flag=True, help="DUC style: recall, mean over references, output cut at the budget.")
@click.option("--limit", type=int, default=None, help="Only the first N clusters.")
@click.option("--systems", default=None, help="Comma-separated selectors (default: newsbrief and all baselines).")
@click.option("--cv", "folds", type=int, default=None, help="Cross-validate the learned selector with K folds by cluster.")
@click.option("--encoder", type=click.Choice(ENCODER_CHOICES), default="tfidf", show_default=True, help="What the learned scorer reads.")
@click.option("--no-query", is_flag=True, help="Ignore the records' `query` (a query-focused set scored as a generic one).")
def evaluate(
    data: str, words: int, recall: bool, limit: int | None, systems: str | None, folds: int | None, encoder: str, no_query: bool
) -> None:
    """ROUGE of newsbrief and the baselines on DATA (JSONL with documents and summaries)."""
    from newsbrief.evaluate import evaluate as run
    from newsbrief.evaluate import format_table, read_examples
    from newsbrief.select import BASELINES

    chosen = tuple(systems.split(",")) if systems else ("default", *BASELINES)
    results = run(
        read_examples(data, limit=limit), words=words, systems=chosen, recall=recall, folds=folds, encoder=encoder, query=not no_query
    )
    click.echo(format_table(results, recall=recall))


@cli.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", type=click.Path(dir_okay=False), default=None, help="Model file (default: the shipped one).")
@click.option("--encoder", type=click.Choice(ENCODER_CHOICES), default="tfidf", show_default=True, help="Train the scorer for this encoder.")
def train(data: str, output: str | None, encoder: str) -> None:
    """Train the learned sentence scorer on DATA (JSONL with documents and summaries)."""
    from newsbrief.evaluate import read_examples
    from newsbrief.select.learned import MODEL_PATHS
    from newsbrief.train import fit, save, training_matrices

    features, labels, _ = training_matrices(list(read_examples(data)), encoder=encoder)
    path = output or MODEL_PATHS[encoder]
    save(fit(features, labels), path, encoder=encoder)
    click.echo(f"trained on {len(labels)} sentences; saved {path}")


@cli.command()
@click.argument("input_path", metavar="IN.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.argument("output_path", metavar="OUT.jsonl", type=click.Path(dir_okay=False))
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes (default: the CPUs available).")
@click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True, help="Process pool, or a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address, tcp://HOST:8786 (default: a local cluster of --workers).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=None, help="Clusters per task (default: 4 local, 32 Dask).")
@click.option("--words", type=WORDS, default=DEFAULT_WORDS, show_default=True, help="Length of each brief in words (a record's own wins).")
@click.option("--selector", default="default", show_default=True, help="Selection algorithm.")
@click.option("--encoder", type=click.Choice(ENCODER_CHOICES), default="tfidf", show_default=True, help="Sentence representation.")
@click.option("--analysis/--no-analysis", default=True, show_default=True, help="Add agreements, single-source facts and discrepancies.")
@click.option("--record-timeout", type=click.FloatRange(min=0, min_open=True), default=RECORD_TIME_BUDGET, show_default=True,
              help="Seconds one record may take before it becomes an error record.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--rewrite", "rewrite_url", default=None, metavar="URL", help="OpenAI-compatible server that rewrites each brief (checked).")
@click.option("--model", default=None, help="With --rewrite: the model name the server expects.")
def batch(
    input_path: str, output_path: str, workers: int | None, engine: str, scheduler: str | None, chunk_size: int | None, words: int,
    selector: str, encoder: str, analysis: bool, record_timeout: float, quiet: bool, rewrite_url: str | None, model: str | None,
) -> None:
    """Summarize every cluster of IN.jsonl into OUT.jsonl across processes, in input order.

    Rerun the same command after a crash or a kill: it resumes after the last record written.
    """
    from newsbrief.batch import run_batch

    rewrite = _rewrite_options(rewrite_url, model, timeout=60.0, budget=120.0)
    config = _config(words=words, selector=selector, encoder=encoder, analysis=analysis, rewrite=rewrite, record_timeout=record_timeout)
    try:
        report = run_batch(input_path, output_path, config, workers=workers, engine=engine, scheduler=scheduler, chunk_size=chunk_size,
                           progress=not quiet)  # fmt: skip
    except KeyboardInterrupt:
        click.echo(f"interrupted: rerun the same command to resume {output_path}", err=True)
        raise SystemExit(130) from None  # click.exceptions.Exit would be returned, not exited, by main()
    if not quiet:
        click.echo(report.summary(output_path), err=True)


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1: this machine only).")
@click.option("--port", type=int, default=None, help="Port (default 8000; 0 picks a free one).")
@click.option("--allow-urls", is_flag=True, default=None, help="Accept documents given as URLs and fetch them.")
@click.option("--allow-private", "allow_private_urls", is_flag=True, default=None, help="With --allow-urls: also fetch private addresses.")
@click.option("--workers", type=int, default=None, help="Summaries computed at once (default 1).")
@click.option("--executor", type=click.Choice(("thread", "process")), default=None, help="Run summaries in threads (default) or processes.")
@click.option("--timeout", type=float, default=None, help="Seconds a request may take before it gets 504 (default 30).")
@click.option("--max-documents", type=int, default=None, help="Most articles in one summarize request (default 50).")
@click.option("--max-story-articles", type=int, default=None, help="Most articles in one stories request (default 500).")
@click.option("--max-body-bytes", type=int, default=None, help="Largest request body (default 5000000).")
@click.option("--max-words", type=int, default=None, help="Longest brief a request may ask for (default 1000).")
@click.option("--max-pending", type=int, default=None, help="Requests in progress before new ones get 503 (default 32).")
@click.option("--analysis/--no-analysis", default=None, help="Compare the sources unless a request says otherwise (default: on).")
@click.option("--max-connections", type=int, default=None, help="Open connections kept (default 1000).")
@click.option("--header-timeout", type=float, default=None, help="Seconds a client has to send a request's headers (default 10).")
@click.option("--keep-alive-timeout", type=float, default=None, help="Seconds an idle keep-alive connection stays open (default 5).")
@click.option("--rewrite", "rewrite_url", default=None, metavar="URL",
              help="OpenAI-compatible server that rewrites briefs when a request asks (\"rewrite\": true); key: $NEWSBRIEF_REWRITE_API_KEY.")
@click.option("--model", "rewrite_model", default=None, help="With --rewrite: the model name the server expects.")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request.")
def serve(access_log: bool, **options: object) -> None:
    """Serve the HTTP API (/v1/summarize, /v1/stories, /docs) and the web page. Options override NEWSBRIEF_* variables."""
    from newsbrief.service import Settings
    from newsbrief.service import serve as run

    run(Settings.load(None, **options), access_log=access_log)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--input", "input_path", type=click.Path(dir_okay=False), help="JSONL file, one article a line.")
@click.option("--db", default=None, help="SQLite file (or sqlite:///path), or postgresql://… URL, keeping the stories between runs.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("--words", type=WORDS, default=DEFAULT_WORDS, show_default=True, help="Length of each story's brief in words.")
@click.option("--threshold", type=float, default=None, help="Average cosine an article needs to join a story [default: 0.10].")
@click.option("--window-days", type=float, default=None, help="Only stories active this close in time are joined [default: 7].")
@click.option("--changed", "changed_only", is_flag=True, help="Print only the stories this run created or changed.")
@click.option("--briefs/--no-briefs", default=True, show_default=True, help="Brief each changed story (--no-briefs: group only).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes tokenizing a large pile.")
def stories(
    paths: tuple[str, ...], input_path: str | None, db: str | None, fmt: str, words: int,
    threshold: float | None, window_days: float | None, changed_only: bool, briefs: bool, workers: int,
) -> None:
    """Group the articles of PATHS (files, folders) or a JSONL file into stories, each with a brief."""
    from newsbrief.stories import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, StoryStore, update_stories
    from newsbrief.stories.io import read_articles, render_stories

    stream = read_articles(paths, input_path=input_path)
    _warn(stream.messages)
    if not stream.articles and db is None:
        raise click.UsageError("no readable article: give text or HTML files, a folder of them, or --input FILE.jsonl")
    threshold, window_days = threshold or DEFAULT_THRESHOLD, window_days or DEFAULT_WINDOW_DAYS
    if db is None:
        run = update_stories(stream.articles, words=words, threshold=threshold, window_days=window_days, briefs=briefs, workers=workers)
    else:
        with StoryStore(db) as store:
            run = update_stories(
                stream.articles, store=store, words=words, threshold=threshold, window_days=window_days, briefs=briefs, workers=workers
            )
    _warn(run.warnings)
    shown = [s for s in run.stories if s.changed] if changed_only else list(run.stories)
    click.echo(render_stories(shown, fmt, errors=stream.errors + list(run.errors)), nl=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (2 for usage and input errors)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="newsbrief", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return 2
    except NewsbriefError as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
