"""Run the per-PHI-type regression cases in this folder (see README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from medveil.document import Document
from medveil.labels import GROUPS

HERE = Path(__file__).parent


def _cases():
    for path in sorted(HERE.glob("*.yaml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            yield pytest.param(case, id=f"{path.stem}-{i}")


def _locate(text: str, needle: str) -> tuple[int, int]:
    occurrence = 1
    if "@" in needle and needle.rsplit("@", 1)[1].isdigit():
        needle, n = needle.rsplit("@", 1)
        occurrence = int(n)
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _label_ok(expected: str, got: str) -> bool:
    return expected == got or (expected in GROUPS and got in GROUPS[expected])


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case, pipeline):
    text = case["text"]
    spans = pipeline.detect(Document(text=text, id="case", context=case.get("context") or {}))
    problems = []
    for needle, label in case.get("phi") or []:
        s, e = _locate(text, needle)
        for i in range(s, e):
            if not text[i].isalnum():
                continue
            covering = [sp for sp in spans if sp.start <= i < sp.end]
            if not covering:
                problems.append(f"missed {needle!r} ({label}) at char {i}")
                break
            if not any(_label_ok(label, sp.label) for sp in covering):
                problems.append(f"{needle!r}: expected {label}, got {[sp.label for sp in covering]}")
                break
    for needle in case.get("not_phi") or []:
        s, e = _locate(text, needle)
        hits = [sp for sp in spans if sp.start < e and s < sp.end]
        if hits:
            problems.append(f"false positive on {needle!r}: {[(text[h.start:h.end], h.label, h.source) for h in hits]}")
    found = [(text[sp.start : sp.end], sp.label) for sp in spans]
    assert not problems, f"{problems}\nall spans: {found}"
