"""Writing a release in the format that was read, and the record loop shared by the CLI commands.

JSONL → JSONL (``text`` replaced, every other key kept, structured fields named in the policy
transformed); CSV → CSV (same columns in the same order, same delimiter); a ``.txt`` file → a
``.txt`` file; a directory of ``.txt`` files → a directory with the same relative paths; PhysioNet
→ PhysioNet. A record that fails is never written with its PHI: in JSONL and CSV its place holds
only the id (JSONL adds ``"error"``), in a directory its file is left out, and the reason goes to
the error file.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from medveil.io.readers import Record, detect_format

FAILED_NOTE = "de-identification failed; see the error file"


def resolve_format(path: str, fmt: str) -> str:
    """The concrete input format of ``path`` for ``fmt`` (``auto`` guessed like the readers do)."""
    if fmt != "auto":
        return fmt
    if path != "-" and Path(path).is_dir():
        return "dir"
    head = None
    if path != "-" and Path(path).is_file():
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            head = fh.read(4096)
    return detect_format(path, head)


def csv_layout(path: str, delimiter: str | None) -> tuple[list[str], str]:
    """The header and delimiter of a CSV file, found the way the reader finds them."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if delimiter is None:
        if path.lower().endswith(".tsv"):
            delimiter = "\t"
        else:
            try:
                delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(rows, [])
    return header, delimiter


@dataclass
class ReleaseWriter:
    """Writes records of one format to a file, stdout or (for ``dir``) a directory."""

    fmt: str
    output: str | None
    text_key: str = "text"
    id_key: str | None = None
    header: list[str] = field(default_factory=list)
    delimiter: str = ","
    _fh: IO[str] | None = None
    _csv: Any = None
    written: int = 0

    def __post_init__(self) -> None:
        if self.fmt == "dir":
            if not self.output or self.output == "-":
                raise ValueError("a directory input needs -o OUTPUT_DIRECTORY")
            Path(self.output).mkdir(parents=True, exist_ok=True)
            return
        if self.fmt == "txt":
            return  # written in one piece by write()
        self._fh = self._open(self.output)
        if self.fmt == "csv":
            self._csv = csv.writer(self._fh, delimiter=self.delimiter, lineterminator="\n")
            self._csv.writerow(self.header)

    @staticmethod
    def _open(path: str | None) -> IO[str]:
        if path is None or path == "-":
            return sys.stdout
        p = Path(path)
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        return p.open("w", encoding="utf-8", newline="")

    def write(self, rec: Record, text: str | None, fields: dict[str, Any] | None) -> None:
        """Write one record; ``text=None`` marks a failed record (written without any content)."""
        if self.fmt == "jsonl":
            assert self._fh is not None
            idk = self.id_key or "id"
            if text is None:
                obj: dict[str, Any] = {idk: rec.id, self.text_key: None, "error": FAILED_NOTE}
            else:
                obj = {idk: rec.id, self.text_key: text, **(fields or {})}
            self._fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            row = []
            for col in self.header:
                if col == self.text_key:
                    row.append("" if text is None else text)
                elif text is None:
                    row.append(rec.id if col == self.id_key else "")
                else:
                    v = (fields or {}).get(col, "")
                    row.append("" if v is None else v if isinstance(v, str) else json.dumps(v) if isinstance(v, (list, dict)) else str(v))
            self._csv.writerow(row)
        elif self.fmt == "physionet":
            assert self._fh is not None
            if text is not None:
                f = fields or {}
                self._fh.write(f"START_OF_RECORD={f.get('patient_id', '')}||||{f.get('note', '')}||||\n{text}||||END_OF_RECORD\n")
        elif self.fmt == "txt":
            if text is not None:
                fh = self._open(self.output)
                fh.write(text)
                if fh is not sys.stdout:
                    fh.close()
        elif self.fmt == "dir":
            if text is not None:
                p = Path(self.output or ".") / (rec.id + ".txt")
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text, encoding="utf-8", newline="")
        self.written += 1

    def close(self) -> None:
        """Close the output file (stdout is only flushed)."""
        if self._fh is not None and self._fh is not sys.stdout:
            self._fh.close()
        elif self._fh is sys.stdout:
            sys.stdout.flush()


@dataclass
class RunStats:
    """Counts of one run."""

    records: int = 0
    failed: int = 0
    replacements: int = 0
    chars: int = 0
    seconds: float = 0.0


def run_records(
    records: Iterable[Record],
    process: Callable[[Record], tuple[str, dict[str, Any], Any]],
    writer: ReleaseWriter,
    on_error: Callable[[Record, str], None],
    on_result: Callable[[Record, Any], None] | None = None,
) -> RunStats:
    """Process each record in order: exactly one output record (or placeholder) per input record.

    ``process`` returns (text, fields, result) or raises; the exception's message must not hold
    PHI (callers raise :class:`~medveil.transform.base.TransformError` with safe messages, other
    exceptions are reported by type only).
    """
    import time

    from medveil.transform.base import TransformError
    from medveil.transform.reid import ReidError

    stats = RunStats()
    for rec in records:
        stats.records += 1
        if rec.error:
            stats.failed += 1
            writer.write(rec, None, None)
            on_error(rec, rec.error)
            continue
        t0 = time.perf_counter()
        try:
            text, fields, result = process(rec)
        except (TransformError, ReidError) as e:
            stats.failed += 1
            writer.write(rec, None, None)
            on_error(rec, str(e))
            continue
        except Exception as e:  # noqa: BLE001 - reported by type only: the message could quote PHI
            stats.failed += 1
            writer.write(rec, None, None)
            on_error(rec, f"internal error ({type(e).__name__})")
            continue
        stats.seconds += time.perf_counter() - t0
        stats.chars += len(rec.text)
        stats.replacements += len(getattr(result, "replacements", []) or [])
        writer.write(rec, text, fields)
        if on_result is not None:
            on_result(rec, result)
    return stats
