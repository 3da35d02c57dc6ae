"""Convert the fresh set's annotated notes to gold JSONL: ``python -m benchmarks.fresh.build``.

Reads ``benchmarks/fresh/notes-*.txt`` (notes separated by ``=== NOTE <id> ===`` lines, PHI marked inline as
``[[LABEL|surface text]]``) and writes ``benchmarks/data/fresh-dev.jsonl`` (notes with an odd number) and
``benchmarks/data/fresh-test.jsonl`` (even numbers): ``{"id", "text", "spans": [{start, end, label}]}``.
``benchmarks/fresh/train-*.txt`` (notes written to train on, never to measure) become
``benchmarks/data/fresh-train.jsonl``. Malformed markup or an unknown label stops the build with a message
naming the note.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from medveil.labels import Label

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE.parent / "data"
MARK = re.compile(r"\[\[([A-Z_]+)\|([^\[\]|]+)\]\]")
NOTE_LINE = re.compile(r"^=== NOTE (\S+) ===\n", re.MULTILINE)
LABELS = {str(x) for x in Label}


class MarkupError(ValueError):
    pass


def convert(raw: str, note_id: str) -> dict:
    """One note with inline markup → ``{"id", "text", "spans"}``."""
    pieces: list[str] = []
    spans = []
    pos = length = 0
    for m in MARK.finditer(raw):
        label, surface = m.group(1), m.group(2)
        if label not in LABELS:
            raise MarkupError(f"{note_id}: unknown label {label!r}")
        if surface != surface.strip():
            raise MarkupError(f"{note_id}: spaces around {surface!r}")
        before = raw[pos : m.start()]
        pieces += [before, surface]
        length += len(before)
        spans.append({"start": length, "end": length + len(surface), "label": label})
        length += len(surface)
        pos = m.end()
    pieces.append(raw[pos:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise MarkupError(f"{note_id}: markup left in the text near {text[text.find('[['):][:40]!r}")
    return {"id": note_id, "text": text, "spans": spans}


def notes(path: Path) -> list[dict]:
    raw = path.read_text(encoding="utf-8")
    parts = NOTE_LINE.split(raw)
    if parts[0].strip():
        raise MarkupError(f"{path.name}: text before the first '=== NOTE id ===' line")
    return [convert(body.rstrip("\n") + "\n", nid) for nid, body in zip(parts[1::2], parts[2::2], strict=True)]


def split_of(note_id: str) -> str:
    """Odd note numbers are the dev half, even ones the held-out test half."""
    return "dev" if int(re.sub(r"\D", "", note_id)) % 2 else "test"


def main() -> None:
    try:
        docs = [d for p in sorted(HERE.glob("notes-*.txt")) for d in notes(p)]
        train = [d for p in sorted(HERE.glob("train-*.txt")) for d in notes(p)]
    except MarkupError as e:
        sys.exit(f"fresh set: {e}")
    OUT_DIR.mkdir(exist_ok=True)
    for split in ("dev", "test", "train"):
        rows = train if split == "train" else [d for d in docs if split_of(d["id"]) == split]
        out = OUT_DIR / f"fresh-{split}.jsonl"
        out.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in rows), encoding="utf-8")
        print(f"{out}: {len(rows)} notes, {sum(len(d['spans']) for d in rows)} spans")


if __name__ == "__main__":
    main()
