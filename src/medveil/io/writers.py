"""Writers: JSONL results in input order, to a file or stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """Open ``path`` for writing text (stdout for ``None`` or ``-``), creating parent folders."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    p = Path(path)
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8", newline="\n") as fh:
        yield fh


class JsonlWriter:
    """Write one JSON object per line."""

    def __init__(self, fh: IO[str]):
        self.fh = fh
        self.count = 0

    def write(self, obj: dict[str, Any]) -> None:
        self.fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.count += 1
