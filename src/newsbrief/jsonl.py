"""The one reader of JSONL input lines and the one writer of output lines, for every interface.

`summarize --input`, `batch`, `stories --input` and the HTTP service all read records through
`load_json`/`parse_line` and write them through `dump_line`, so a hostile line fails the same way
everywhere: as one error record naming its line, never as a traceback that loses the lines after it.

What a line can do to `json.loads`, and what becomes of it here (each an `InputError`):
- not JSON at all (`JSONDecodeError`);
- an integer of more than 4,300 digits (`ValueError` from Python's int-to-string limit);
- thousands of nested arrays (`RecursionError` in the C decoder);
- bytes that are not UTF-8 (replaced by U+FFFD when a file is read, refused in an HTTP body).
A UTF-8 byte-order mark is accepted at the start of the first line (Windows editors write one).

JSON may also carry lone surrogates (`"\\ud800"`): valid JSON, but no UTF-8 encoder accepts the
string it decodes to. `dump_line` then escapes them (`\\ud800` again), so every output is writable
and an echoed `id` still matches its input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsbrief.errors import InputError

BOM = "\ufeff"


def load_json(text: str | bytes) -> object:
    """`json.loads`, with every way a text can fail to be JSON raised as an InputError saying why."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        reason = exc.msg
    except RecursionError:
        reason = "nested too deeply"
    except ValueError as exc:  # UnicodeDecodeError, or an integer over the int-to-string digit limit
        reason = str(exc).split(";")[0]
    raise InputError(f"not valid JSON ({reason})")


def parse_line(raw: str | bytes, *, line: int) -> object:
    """The value of one JSONL line, or the InputError naming the line, returned in its place so
    the consumer writes one error record for it and goes on (see `pipeline.summarize_record`)."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if line == 1:
        text = text.removeprefix(BOM)
    try:
        return load_json(text)
    except InputError as exc:
        return InputError(f"line {line}: {exc}")


def iter_lines(lines: Iterable[str | bytes]) -> Iterator[tuple[int, object]]:
    """(1-based line number, `parse_line` value) for every line that is not blank."""
    for number, raw in enumerate(lines, start=1):
        if number == 1 and isinstance(raw, str):
            raw = raw.removeprefix(BOM)
        if raw.strip():
            yield number, parse_line(raw, line=number)


def default_id(line: int) -> str:
    """The id of a record that gives none: its line."""
    return f"line-{line}"


def record_id(record: object, line: int) -> str:
    """The id a record is reported under: its own `id`, else its line's."""
    return str(record.get("id", default_id(line))) if isinstance(record, dict) else default_id(line)


def dump_line(value: object) -> str:
    """One JSON line (no newline), UTF-8 where it can be, with lone surrogates escaped where not."""
    return dump_json(value)


def dump_json(value: object, *, indent: int | None = None) -> str:
    """`json.dumps` whose result can always be written as UTF-8 (see the module's docstring)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a "\ud800" escape in the input
        return json.dumps(value, indent=indent)
    return text
