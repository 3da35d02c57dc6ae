"""Reading and writing tables (CSV, Parquet, JSONL) as columns of strings.

CSV and JSONL need only the standard library; Parquet needs polars (``pip install 'medveil[tables]'``).
Every problem with the input raises :class:`TableError` with a one-line message for the user.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TABLES_EXTRA_HINT = "install the tables extra: pip install 'medveil[tables]'"


class TableError(ValueError):
    """The table cannot be read or written, or lacks a column; the message is for the user."""


@dataclass
class Table:
    """A table held as columns of strings, in input order, with the separator it was read with."""

    columns: list[str]
    data: dict[str, np.ndarray]
    fmt: str = "csv"
    sep: str = ","

    @property
    def n(self) -> int:
        """Number of rows."""
        return len(self.data[self.columns[0]]) if self.columns else 0

    def require(self, names: list[str], what: str = "column") -> None:
        """Raise :class:`TableError` naming every one of ``names`` that the table lacks."""
        missing = [c for c in names if c not in self.data]
        if missing:
            raise TableError(
                f"unknown {what}{'s' if len(missing) > 1 else ''} {', '.join(repr(m) for m in missing)}; "
                f"the table has: {', '.join(self.columns)}"
            )


def table_format(path: str | Path) -> str:
    """``csv``, ``parquet`` or ``jsonl`` from the file suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise TableError(
        f"{path}: unknown table format {suffix or '(no suffix)'!r}; use .csv, .parquet or .jsonl"
    )


def sniff_separator(header: str) -> str:
    """The most frequent of ``; , TAB |`` in the header line (``,`` if none)."""
    counts = {s: header.count(s) for s in (";", ",", "\t", "|")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def _polars():
    try:
        import polars as pl
    except ImportError:
        raise TableError(f"reading or writing Parquet needs polars; {TABLES_EXTRA_HINT}") from None
    return pl


def read_table(path: str | Path, sep: str | None = None) -> Table:
    """Read ``path`` (CSV with any common separator, Parquet, or JSONL) into a :class:`Table`."""
    p = Path(path)
    if not p.exists():
        raise TableError(f"{path}: no such file")
    if p.is_dir():
        raise TableError(f"{path}: is a directory")
    fmt = table_format(p)
    if fmt == "parquet":
        pl = _polars()
        try:
            df = pl.read_parquet(p)
        except Exception as e:  # polars raises many types for a bad file
            raise TableError(f"{path}: not a readable Parquet file ({type(e).__name__})") from None
        data = {
            c: np.array(["" if v is None else str(v) for v in df[c].to_list()], dtype=object)
            for c in df.columns
        }
        return Table(list(df.columns), data, "parquet", ",")
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise TableError(f"{path}: not valid UTF-8 (byte {e.start})") from None
    if "\x00" in text[:65536]:
        raise TableError(f"{path}: looks like a binary file")
    if fmt == "jsonl":
        return _read_jsonl(text, str(path))
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip():
        raise TableError(f"{path}: empty table (no header line)")
    sep = sep or sniff_separator(first)
    fast = _read_csv_polars(text, sep)
    if fast is not None:
        return fast
    try:
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=sep) if r]
    except csv.Error as e:
        raise TableError(f"{path}: malformed CSV ({e})") from None
    header, rows = rows[0], rows[1:]
    widths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    bad = np.flatnonzero(widths != len(header))
    if len(bad):
        line = _line_of_row(text, sep, int(bad[0]) + 1)
        raise TableError(
            f"{path}:{line}: {widths[bad[0]]} fields where the header has {len(header)} (separator {sep!r})"
        )
    if len(set(header)) != len(header):
        raise TableError(f"{path}: duplicate column names in the header")
    if not rows:
        raise TableError(f"{path}: the table has a header but no rows")
    cols = list(zip(*rows, strict=True))
    data = {h: np.array(c, dtype=object) for h, c in zip(header, cols, strict=True)}
    return Table(header, data, "csv", sep)


def _read_csv_polars(text: str, sep: str) -> Table | None:
    """Read CSV with polars when it is installed and the table is well-formed and has no empty
    fields; ``None`` otherwise, and the standard-library reader (exact error messages, empty fields
    kept as "") takes over."""
    if len(text) < 1_000_000:
        return None
    try:
        import polars as pl
    except ImportError:
        return None
    try:
        df = pl.read_csv(io.BytesIO(text.encode("utf-8")), separator=sep, infer_schema=False)
    except Exception:  # noqa: BLE001 - any problem: let the exact reader report it
        return None
    if df.height == 0 or int(df.null_count().sum_horizontal().item()) > 0:
        return None  # short rows, blank lines or empty fields: polars cannot tell them apart
    data = {c: df[c].to_numpy().astype(object) for c in df.columns}
    return Table(list(df.columns), data, "csv", sep)


def _line_of_row(text: str, sep: str, row: int) -> int:
    """The line number where non-empty CSV row ``row`` (0 = header) ends."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    seen = -1
    for r in reader:
        if r:
            seen += 1
            if seen == row:
                return reader.line_num
    return reader.line_num


def _read_jsonl(text: str, name: str) -> Table:
    records = []
    columns: dict[str, None] = {}
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise TableError(f"{name}:{i}: not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise TableError(f"{name}:{i}: each line must be a JSON object")
        records.append(obj)
        for k in obj:
            columns.setdefault(k, None)
    if not records:
        raise TableError(f"{name}: no records")
    cols = list(columns)

    def s(v: object) -> str:
        if v is None:
            return ""
        return v if isinstance(v, str) else json.dumps(v) if isinstance(v, list | dict) else str(v)

    data = {c: np.array([s(r.get(c)) for r in records], dtype=object) for c in cols}
    return Table(cols, data, "jsonl", ",")


def write_table(table: Table, path: str | Path, sep: str | None = None) -> None:
    """Write ``table`` to ``path`` in the format of its suffix (CSV keeps ``table.sep`` by default)."""
    fmt = table_format(path)
    if fmt == "parquet":
        pl = _polars()
        pl.DataFrame({c: table.data[c].astype(str).tolist() for c in table.columns}).write_parquet(path)
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        if fmt == "jsonl":
            cols = [table.data[c] for c in table.columns]
            for row in zip(*cols, strict=True):
                f.write(json.dumps(dict(zip(table.columns, row, strict=True)), ensure_ascii=False) + "\n")
            return
        w = csv.writer(f, delimiter=sep or table.sep, lineterminator="\n")
        w.writerow(table.columns)
        w.writerows(zip(*[table.data[c] for c in table.columns], strict=True))


def factorize(values: np.ndarray | list) -> tuple[np.ndarray, list]:
    """Integer codes of ``values`` (in order of first appearance) and the distinct values.

    A dictionary pass: linear time, much faster than sorting Python strings with ``np.unique``.
    """
    items = values.tolist() if isinstance(values, np.ndarray) else list(values)
    index = {v: i for i, v in enumerate(dict.fromkeys(items))}
    codes = np.fromiter(map(index.__getitem__, items), dtype=np.int64, count=len(items))
    return codes, list(index)


def group_codes(
    columns: list[np.ndarray], weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group rows by their integer codes in ``columns``.

    Returns ``(group_of_row, group_sizes, group_codes)`` where ``group_codes[g]`` holds the codes of
    group ``g`` (one column per input column) and sizes are row counts (or sums of ``weights``).
    Uses one mixed-radix integer key: counting when the key space is small, sorting otherwise.
    """
    n = len(columns[0])
    radices = [int(c.max()) + 1 if len(c) else 1 for c in columns]
    total = 1
    for r in radices:
        total *= r
    if total >= 2**62:
        mat = np.stack(columns, axis=1)
        uniq, inv, counts = np.unique(mat, axis=0, return_inverse=True, return_counts=True)
        inv = inv.reshape(-1)
        sizes = np.bincount(inv, weights=weights) if weights is not None else counts
        return inv, sizes, uniq
    key = np.zeros(n, dtype=np.int64)
    for c, r in zip(columns, radices, strict=True):
        key = key * r + c
    if total <= 4 * n + 1024:
        full = np.bincount(key, minlength=total)
        present = np.flatnonzero(full)
        ids = np.cumsum(full > 0) - 1
        inv = ids[key]
        keys = present
    else:
        keys, inv = np.unique(key, return_inverse=True)
        inv = inv.reshape(-1)
    sizes = (
        np.bincount(inv, weights=weights, minlength=len(keys))
        if weights is not None
        else np.bincount(inv, minlength=len(keys))
    )
    parts = []
    rem = keys.copy()
    for r in reversed(radices):
        parts.append(rem % r)
        rem //= r
    return inv, sizes, np.stack(parts[::-1], axis=1)
