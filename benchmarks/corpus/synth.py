"""Synthetic clinical notes with gold PHI spans by construction.

    from benchmarks.corpus.synth import generate
    docs = generate(500, seed=13, split="train")

Each document is a dict in medveil gold JSONL form::

    {"id": "synth:train-0", "text": ..., "spans": [{"start", "end", "label"}], "source": "synth",
     "style": "icu_nursing", "patient_id": ..., "patient_name": ..., "mrn": ..., "dob": "YYYY-MM-DD"}

Styles: ``icu_nursing`` (terse MIMIC-II-like shorthand, in mixed case, all lowercase or ALL CAPS),
``discharge_summary``, ``radiology``, ``pathology``, ``letter`` (referral / clinic letters) and
``xml_export`` (offsets into the whole XML string). Names, streets, cities, hospitals and countries
come from split-specific pools (``synth_pools``), so no surrogate of the test split is ever used in
train; about a quarter of the sentence templates of each list are held out for the test split.
Hard negatives (eponyms, month and name-like words, code-like tokens, ratios) are written often and
are never inside a span; ``generate_annotated`` also returns where they are.

Documents are generated independently from (seed, split, index): ``generate(n)`` is a prefix of
``generate(n + k)``. Surrogates come from Faker's static name lists, so a different Faker version
may give different (still valid) names.

Run ``python benchmarks/corpus/synth.py -n 5 --split dev`` to print a few notes.
"""

from __future__ import annotations

import functools
import random
from typing import Any

try:
    from . import synth_pools as pools
    from .synth_core import Builder, apply_casing, hard_wrap, make_record
    from .synth_nursing import nursing_note
    from .synth_reports import (
        discharge_summary,
        pathology_report,
        radiology_report,
        referral_letter,
        xml_export,
    )
except ImportError:  # pragma: no cover - imported as a top-level module
    import synth_pools as pools  # type: ignore[no-redef]
    from synth_core import Builder, apply_casing, hard_wrap, make_record  # type: ignore[no-redef]
    from synth_nursing import nursing_note  # type: ignore[no-redef]
    from synth_reports import (  # type: ignore[no-redef]
        discharge_summary,
        pathology_report,
        radiology_report,
        referral_letter,
        xml_export,
    )

STYLES = ("icu_nursing", "discharge_summary", "radiology", "pathology", "letter", "xml_export")
STYLE_WEIGHTS = (40, 18, 12, 7, 13, 10)
# (mixed, lower, upper) probabilities of the casing applied to the whole note
CASING = {
    "icu_nursing": (0.4, 0.3, 0.3),
    "discharge_summary": (0.8, 0.05, 0.15),
    "radiology": (0.7, 0.0, 0.3),
    "pathology": (0.75, 0.0, 0.25),
    "letter": (0.95, 0.0, 0.05),
    "xml_export": (0.6, 0.2, 0.2),  # applied to the free-text <note> only
}
WRAP = {"icu_nursing": 0.25, "discharge_summary": 0.2, "radiology": 0.2, "pathology": 0.1, "letter": 0.0, "xml_export": 0.0}
TYPO_DOCS = {"icu_nursing": (0.5, 0.03), "discharge_summary": (0.3, 0.01), "radiology": (0.2, 0.01), "pathology": (0.2, 0.01),
             "letter": (0.1, 0.005), "xml_export": (0.4, 0.02)}
_WRITERS = {"icu_nursing": nursing_note, "discharge_summary": discharge_summary, "radiology": radiology_report,
            "pathology": pathology_report, "letter": referral_letter}


@functools.cache
def _pools(split: str) -> pools.SplitPools:
    return pools.SplitPools(split)


def _one(seed: int, split: str, i: int, style: str | None = None) -> dict[str, Any]:
    rng = random.Random(f"medveil-synth:{seed}:{split}:{i}")
    style = style or rng.choices(STYLES, STYLE_WEIGHTS)[0]
    rec = make_record(split, i, rng, _pools(split))
    p_typo, rate = TYPO_DOCS[style]
    b = Builder(rng, typo_rate=rate if rng.random() < p_typo else 0.0)
    casing = rng.choices(("mixed", "lower", "upper"), CASING[style])[0]
    if style == "xml_export":
        s, e = xml_export(rec, b)
        text = b.value()
        if casing != "mixed":
            note = apply_casing(text[s:e], casing)
            for ent in ("&amp;", "&lt;", "&gt;", "&quot;"):
                note = note.replace(ent.upper(), ent)
            text = text[:s] + note + text[e:]
    else:
        _WRITERS[style](rec, b)
        text = apply_casing(b.value(), casing)
        if rng.random() < WRAP[style]:
            text = hard_wrap(text, b.spans, rng.randint(55, 95), rng)
    spans = b.spans
    if spans != sorted(spans):
        raise AssertionError("spans written out of order")
    _check(text, spans, b.negatives)
    return {
        "id": f"synth:{split}-{i}",
        "text": text,
        "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in spans],
        "source": "synth",
        "style": style,
        "patient_id": f"synth-{seed}-{split}-{i}",
        "patient_name": rec.patient.full,
        "mrn": rec.mrn,
        "dob": rec.dob.isoformat(),
        "casing": casing,
        "values": list(b.values),
        "negatives": [{"start": s, "end": e, "kind": k} for s, e, k in sorted(b.negatives)],
    }


def _check(text: str, spans: list[tuple[int, int, str]], negatives: list[tuple[int, int, str]]) -> None:
    last = 0
    for s, e, _ in spans:
        if not (last <= s < e <= len(text)) or text[s:e] != text[s:e].strip():
            raise AssertionError(f"bad span {s}:{e} {text[s:e]!r}")
        last = e
    for s, e, _ in negatives:
        for a, z, _ in spans:
            if a < e and s < z:
                raise AssertionError(f"negative {text[s:e]!r} overlaps span {text[a:z]!r}")


def generate_annotated(n: int, seed: int, split: str, style: str | None = None) -> list[dict[str, Any]]:
    """Like ``generate`` but each dict also carries ``casing``, ``values`` (the surrogate written for each
    span, before casing) and ``negatives`` (offsets and kinds of the hard negatives)."""
    if split not in pools.SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {pools.SPLITS}")
    if style is not None and style not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {STYLES}")
    return [_one(seed, split, i, style) for i in range(n)]


def generate(n: int, seed: int, split: str) -> list[dict[str, Any]]:
    """``n`` synthetic notes for ``split`` ('train', 'dev' or 'test'), deterministic for (n, seed, split)."""
    out = []
    for d in generate_annotated(n, seed, split):
        for k in ("casing", "values", "negatives"):
            d.pop(k)
        out.append(d)
    return out


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json

    ap = argparse.ArgumentParser(description="Print synthetic notes with their gold spans.")
    ap.add_argument("-n", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split", default="train", choices=pools.SPLITS)
    ap.add_argument("--style", choices=STYLES)
    ap.add_argument("--jsonl", action="store_true", help="print gold JSONL instead of a readable view")
    a = ap.parse_args(argv)
    for d in generate_annotated(a.n, a.seed, a.split, a.style):
        if a.jsonl:
            for k in ("casing", "values", "negatives"):
                d.pop(k)
            print(json.dumps(d, ensure_ascii=False))
            continue
        print(f"===== {d['id']} {d['style']} ({d['casing']}) patient={d['patient_name']!r}")
        print(d["text"])
        print("--- spans")
        for s in d["spans"]:
            print(f"  {s['label']:<12} {d['text'][s['start']:s['end']]!r}")


if __name__ == "__main__":
    main()
