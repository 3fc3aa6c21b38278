"""Clusters with reference summaries, as evaluation scores against them and training learns from them.

A data set is a JSONL file, one cluster a line: {"id", "documents": [...] | "Multi-News string",
"summaries": [...] | "summary": "...", "query"?: "..."} (Multi-News, DUC 2006 in this shape). Lines are read through
`newsbrief.jsonl`, so a line that is not JSON fails naming its line, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsbrief.errors import InputError
from newsbrief.ingest import split_multinews
from newsbrief.jsonl import iter_lines


@dataclass(frozen=True)
class Example:
    """One cluster of a data set: its documents and its reference summaries."""

    id: str
    documents: tuple[str, ...]
    references: tuple[str, ...]
    query: str | None = None  # a query-focused task's topic (DUC: title and narrative)


def read_examples(path: str | Path, *, limit: int | None = None) -> Iterator[Example]:
    """Examples from JSONL lines {"id", "documents": [...] | str, "summaries": [...] | "summary", "query"?}."""
    with open(path, encoding="utf-8") as handle:
        for number, record in iter_lines(handle):
            if limit is not None and number > limit:
                return
            if isinstance(record, InputError):
                raise record
            if not isinstance(record, dict) or "documents" not in record:
                raise InputError(f"{path}: line {number} is not a cluster with 'documents'")
            docs = record["documents"]
            refs = record.get("summaries") or [record.get("summary", "")]
            if isinstance(refs, str):
                refs = [refs]
            yield Example(
                id=str(record.get("id", number)),
                documents=tuple(split_multinews(docs) if isinstance(docs, str) else docs),
                references=tuple(r for r in refs if r.strip()),
                query=record.get("query") or None,
            )
