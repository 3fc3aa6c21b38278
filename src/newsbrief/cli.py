"""The `newsbrief` command: a thin layer over `newsbrief.summarize` and `newsbrief.evaluate`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from newsbrief.config import DEFAULT_WORDS
from newsbrief.errors import NewsbriefError

FORMATS = ("text", "markdown", "json")
ENCODER_CHOICES = ("tfidf", "minilm", "static")  # newsbrief.represent.ENCODER_NAMES, without importing numpy here


@click.group()
@click.version_option(package_name="newsbrief")
def cli() -> None:
    """Turn many news articles about one story into one short, attributed brief."""


def _render(brief, fmt: str) -> str:  # type: ignore[no-untyped-def]
    if fmt == "json":
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
    return brief.to_markdown() if fmt == "markdown" else brief.to_text()


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--input", "input_path", type=click.Path(dir_okay=False), help="JSONL file of clusters.")
@click.option("--output", "output_path", type=click.Path(dir_okay=False), help="Write JSONL results here.")
@click.option("--words", default=DEFAULT_WORDS, show_default=True, help="Length of the brief in words (±15%).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("--selector", default="default", show_default=True, help="Selection algorithm.")
@click.option("--encoder", type=click.Choice(ENCODER_CHOICES), default="tfidf", show_default=True, help="Sentence representation.")
@click.option("--query", default=None, help="Steer the brief toward this question.")
@click.option("--since", multiple=True, help="Articles already read (file or folder; repeatable): brief only what is new.")
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
) -> None:
    """Summarize the articles in PATHS (files or folders, one article a file) or a JSONL file."""
    from newsbrief.ingest import load_paths
    from newsbrief.pipeline import summarize as run

    if input_path:
        _summarize_jsonl(input_path, output_path, words=words, selector=selector, encoder=encoder, query=query)
        return
    loaded, earlier = load_paths(paths), load_paths(since)
    for warning in loaded.warnings + earlier.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not loaded.articles:
        raise click.UsageError("no readable article: give text or HTML files, a folder of them, or --input FILE.jsonl")
    brief = run(loaded.articles, words=words, selector=selector, encoder=encoder, query=query, since=earlier.articles)
    for warning in brief.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(_render(brief, fmt))


def _summarize_jsonl(input_path: str, output_path: str | None, *, query: str | None, **options: object) -> None:
    """One output line per input line, in order: a result or an error record."""
    from newsbrief.ingest import iter_jsonl_records
    from newsbrief.pipeline import summarize_record

    out = open(output_path, "w", encoding="utf-8") if output_path else sys.stdout
    try:
        with open(input_path, encoding="utf-8", errors="replace") as lines:
            for default_id, record in iter_jsonl_records(lines):
                result = summarize_record(record, default_id=default_id, query=query, **options)  # type: ignore[arg-type]
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


@cli.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.option("--words", default=250, show_default=True)
@click.option("--recall", is_flag=True, help="DUC style: recall, mean over references, output cut at the budget.")
@click.option("--limit", type=int, default=None, help="Only the first N clusters.")
@click.option("--systems", default=None, help="Comma-separated selectors (default: newsbrief and all baselines).")
@click.option("--cv", "folds", type=int, default=None, help="Cross-validate the learned selector with K folds by cluster.")
@click.option("--encoder", type=click.Choice(ENCODER_CHOICES), default="tfidf", show_default=True, help="What the learned scorer reads.")
def evaluate(data: str, words: int, recall: bool, limit: int | None, systems: str | None, folds: int | None, encoder: str) -> None:
    """ROUGE of newsbrief and the baselines on DATA (JSONL with documents and summaries)."""
    from newsbrief.evaluate import evaluate as run
    from newsbrief.evaluate import format_table, read_examples
    from newsbrief.select import BASELINES

    chosen = tuple(systems.split(",")) if systems else ("default", *BASELINES)
    results = run(read_examples(data, limit=limit), words=words, systems=chosen, recall=recall, folds=folds, encoder=encoder)
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
