"""Readers for every input medveil accepts: JSONL, CSV, ``.txt``, a directory of ``.txt``, PhysioNet
``START_OF_RECORD`` files and stdin.

Each reader yields one :class:`Record` per input record, in input order. A record that cannot be
parsed (a malformed JSON line, a missing text field) is still yielded, with ``error`` set, so that
callers can report it instead of dropping it. Problems with the input as a whole (a missing file,
binary data, an undecodable encoding) raise :class:`InputError` with a one-line message.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMATS = ("auto", "jsonl", "csv", "txt", "dir", "physionet")
MAX_TEXT_CHARS = 20_000_000  # a single record above this is reported as an error, not processed
_PHYSIONET_START = re.compile(r"START_OF_RECORD=([^|\n]*)\|\|\|\|([^|\n]*)\|\|\|\|[^\n]*\n")
_PHYSIONET_END = "||||END_OF_RECORD"


class InputError(Exception):
    """The input as a whole cannot be read; the message is meant for the user as it is."""


@dataclass(slots=True)
class Record:
    """One input record: its id, its text and every other field it carried (its context)."""

    id: str
    text: str
    fields: dict[str, Any] = field(default_factory=dict)
    index: int = 0
    error: str | None = None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 text, or raise :class:`InputError` for binary or undecodable input."""
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {e.start}); convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    return text


def _read_bytes(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        return p.read_bytes(), path
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def detect_format(path: str, head: str | None = None) -> str:
    """Guess the format of ``path`` from its suffix, or from its first characters for stdin."""
    if path != "-":
        p = Path(path)
        if p.is_dir():
            return "dir"
        suffix = p.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".json"):
            return "jsonl"
        if suffix in (".csv", ".tsv"):
            return "csv"
    if head is not None:
        stripped = head.lstrip()
        if stripped.startswith("START_OF_RECORD="):
            return "physionet"
        if stripped.startswith("{"):
            return "jsonl"
    return "txt"


def _text_of(obj: dict[str, Any], text_key: str) -> str | None:
    value = obj.get(text_key)
    return value if isinstance(value, str) else None


def _records_jsonl(text: str, name: str, text_key: str, id_key: str) -> Iterator[Record]:
    n = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        rid = f"line-{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Record(rid, "", {}, n, f"{name}:{lineno}: malformed JSON ({e.msg})")
            n += 1
            continue
        if not isinstance(obj, dict):
            yield Record(rid, "", {}, n, f"{name}:{lineno}: expected a JSON object")
            n += 1
            continue
        rid = str(obj.get(id_key, rid))
        body = _text_of(obj, text_key)
        fields = {k: v for k, v in obj.items() if k not in (id_key, text_key)}
        if body is None:
            yield Record(rid, "", fields, n, f"{name}:{lineno}: no string field {text_key!r}")
        else:
            yield Record(rid, body, fields, n)
        n += 1


def _records_csv(text: str, name: str, text_column: str, id_column: str | None, delimiter: str | None) -> Iterator[Record]:
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if reader.fieldnames is None:
        return
    if text_column not in reader.fieldnames:
        raise InputError(f"{name}: no column {text_column!r} (columns: {', '.join(reader.fieldnames)}); use --text-column")
    if id_column is not None and id_column not in reader.fieldnames:
        raise InputError(f"{name}: no column {id_column!r}; use --id-column")
    n = 0
    try:
        for row in reader:
            rid = str(row.get(id_column) or n + 1) if id_column else str(n + 1)
            if None in row:  # more cells than header columns
                yield Record(rid, "", {}, n, f"{name}:{reader.line_num}: more cells than columns")
            else:
                body = row.get(text_column)
                fields = {k: v for k, v in row.items() if k != text_column}
                yield Record(rid, body or "", fields, n)
            n += 1
    except csv.Error as e:
        raise InputError(f"{name}: malformed CSV near line {reader.line_num} ({e})") from None


def _records_physionet(text: str, name: str) -> Iterator[Record]:
    n = 0
    for m in _PHYSIONET_START.finditer(text):
        patient, note = m.group(1).strip(), m.group(2).strip()
        end = text.find(_PHYSIONET_END, m.end())
        if end < 0:
            yield Record(f"{patient}-{note}", "", {"patient_id": patient}, n, f"{name}: record without END_OF_RECORD")
            return
        yield Record(f"{patient}-{note}", text[m.end() : end], {"patient_id": patient, "note": note}, n)
        n += 1


def _records_dir(path: str) -> Iterator[Record]:
    files = sorted(p for p in Path(path).rglob("*.txt") if p.is_file())
    if not files:
        raise InputError(f"{path}: no .txt files in this directory")
    for n, p in enumerate(files):
        rid = str(p.relative_to(path).with_suffix(""))
        try:
            body = _decode(p.read_bytes(), str(p))
        except (InputError, OSError) as e:
            yield Record(rid, "", {"path": str(p)}, n, str(e))
            continue
        yield Record(rid, body, {"path": str(p)}, n)


def read_records(
    path: str,
    fmt: str = "auto",
    *,
    text_column: str = "text",
    id_column: str | None = None,
    delimiter: str | None = None,
) -> Iterator[Record]:
    """Yield the records of ``path`` (``-`` for stdin) in order. See the module docstring."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "auto" and path != "-" and Path(path).is_dir():
        fmt = "dir"
    if fmt == "dir":
        yield from _limit(_records_dir(path))
        return
    data, name = _read_bytes(path)
    text = _decode(data, name)
    if fmt == "auto":
        fmt = detect_format(path, text[:4096])
    if fmt == "jsonl":
        it = _records_jsonl(text, name, text_column, id_column or "id")
    elif fmt == "csv":
        if delimiter is None and path.lower().endswith(".tsv"):
            delimiter = "\t"
        it = _records_csv(text, name, text_column, id_column, delimiter)
    elif fmt == "physionet":
        it = _records_physionet(text, name)
    else:
        rid = "stdin" if path == "-" else Path(path).stem
        it = iter([Record(rid, text, {}, 0)])
    yield from _limit(it)


def _limit(records: Iterator[Record]) -> Iterator[Record]:
    for r in records:
        if r.error is None and len(r.text) > MAX_TEXT_CHARS:
            r.error = f"record {r.id}: text of {len(r.text):,} characters exceeds the limit of {MAX_TEXT_CHARS:,}"
            r.text = ""
        yield r
