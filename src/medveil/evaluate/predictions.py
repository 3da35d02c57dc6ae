"""Read predicted spans in the ``medveil detect`` output format (JSONL: ``id``, ``spans``, optional ``error``)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from medveil.evaluate.labelmap import GoldWarning
from medveil.evaluate.metrics import PredSpan
from medveil.io.readers import InputError, _decode


def read_predictions(path: str | Path) -> dict[str, list[PredSpan]]:
    """Map document id -> predicted spans (labels as written; :func:`score` maps them).

    A line with an ``"error"`` field (a record ``detect`` could not process) counts as predicting
    nothing, with a warning. A malformed line, a span without integer offsets or a repeated id is an
    :class:`InputError`.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{path}: is a directory; --pred takes the JSONL written by `medveil detect`")
    text = _decode(p.read_bytes(), str(path))
    out: dict[str, list[PredSpan]] = {}
    failed: list[str] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{lineno}: malformed JSON ({e.msg})") from None
        if not isinstance(obj, dict) or "id" not in obj:
            raise InputError(f"{path}:{lineno}: expected an object with \"id\" and \"spans\" (the `medveil detect` output)")
        rid = str(obj["id"])
        if rid in out:
            raise InputError(f"{path}:{lineno}: id {rid!r} appears more than once")
        if obj.get("error"):
            failed.append(rid)
            out[rid] = []
            continue
        spans = obj.get("spans", [])
        if not isinstance(spans, list):
            raise InputError(f"{path}:{lineno}: \"spans\" must be a list")
        ps: list[PredSpan] = []
        for i, s in enumerate(spans):
            try:
                ps.append(PredSpan(int(s["start"]), int(s["end"]), str(s.get("label", s.get("type", "")) or "ID")))
            except (KeyError, TypeError, ValueError):
                raise InputError(f"{path}:{lineno}: span {i} needs integer \"start\" and \"end\" and a \"label\"") from None
        out[rid] = ps
    if failed:
        warnings.warn(
            f"{len(failed)} prediction line(s) carry an \"error\" and count as predicting nothing (e.g. {', '.join(failed[:3])})",
            GoldWarning,
            stacklevel=2,
        )
    return out
