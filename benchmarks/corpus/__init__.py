"""Build the medveil development benchmark from the public data in ``../shared/data``.

Each source module (``asq``, ``mtsamples``, ``synthea``, ``presidio``) has a ``load(data_dir, ...)``
that returns documents in the medveil gold JSONL format::

    {"id": "<source>:<key>", "text": ..., "spans": [{"start", "end", "label"}], "source": ...,
     "split": "train|dev|test", "patient_id": ..., ...}

``build.py`` runs them all, validates every span and writes ``benchmarks/data``. The split always
comes from :func:`benchmarks.splits.split_of` on the source key.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from medveil.labels import Label

LABELS = frozenset(str(label) for label in Label)
_REPO = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """``$MEDVEIL_SHARED_DATA`` or ``../shared/data`` beside the repository (or ``/work/shared/data``)."""
    env = os.environ.get("MEDVEIL_SHARED_DATA")
    if env:
        return Path(env)
    for cand in (_REPO.parent / "shared" / "data", Path("/work/shared/data")):
        if cand.is_dir():
            return cand
    return _REPO.parent / "shared" / "data"


class CorpusError(ValueError):
    """A gold document that breaks the format: the build must stop."""


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_all(text: str, value: str, *, word_bounded: bool = True) -> list[tuple[int, int]]:
    """All non-overlapping occurrences of ``value`` in ``text`` (word-bounded at alphanumeric edges)."""
    if not value:
        return []
    pat = re.escape(value)
    if word_bounded:
        if value[0].isalnum():
            pat = r"(?<![A-Za-z0-9])" + pat
        if value[-1].isalnum():
            pat = pat + r"(?![A-Za-z0-9])"
    return [(m.start(), m.end()) for m in re.finditer(pat, text)]


def resolve_overlaps(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sort spans; where two overlap keep the longer one (the earlier on a tie). Identical spans merge."""
    out: list[dict[str, Any]] = []
    for s in sorted(spans, key=lambda s: (s["start"], -(s["end"] - s["start"]))):
        if out and s["start"] < out[-1]["end"]:
            prev = out[-1]
            if (s["end"] - s["start"]) > (prev["end"] - prev["start"]):
                out[-1] = s
            continue
        out.append(s)
    # a replacement may now overlap its predecessor: one more pass
    final: list[dict[str, Any]] = []
    for s in out:
        if final and s["start"] < final[-1]["end"]:
            continue
        final.append(s)
    return final


def validate_doc(doc: dict[str, Any]) -> None:
    """Raise :class:`CorpusError` unless ``doc`` is a well-formed gold document."""
    did = doc.get("id")
    if not isinstance(did, str) or ":" not in did:
        raise CorpusError(f"bad id {did!r}")
    text = doc.get("text")
    if not isinstance(text, str):
        raise CorpusError(f"{did}: text is not a string")
    if doc.get("split") not in ("train", "dev", "test"):
        raise CorpusError(f"{did}: bad split {doc.get('split')!r}")
    prev_end = -1
    prev_start = -1
    for s in doc.get("spans", []):
        st, en, lab = s.get("start"), s.get("end"), s.get("label")
        if not (isinstance(st, int) and isinstance(en, int) and 0 <= st < en <= len(text)):
            raise CorpusError(f"{did}: span offsets out of range {s}")
        if lab not in LABELS:
            raise CorpusError(f"{did}: label {lab!r} not in the taxonomy")
        if st < prev_end or st < prev_start:
            raise CorpusError(f"{did}: spans overlap or are unsorted at {s}")
        covered = text[st:en]
        if covered != covered.strip():
            raise CorpusError(f"{did}: span {s} has leading/trailing whitespace: {covered!r}")
        if "value" in s and s["value"] != covered:
            raise CorpusError(f"{did}: span {s} covers {covered!r}")
        if not any(c.isalnum() for c in covered):
            raise CorpusError(f"{did}: span {s} has no letter or digit: {covered!r}")
        prev_start, prev_end = st, en


# --- places -------------------------------------------------------------------------------------

US_STATES: dict[str, str] = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
    "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
    "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK",
    "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC",
    "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT",
    "Virginia": "VA", "Washington": "WA", "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY",
    "District of Columbia": "DC", "Puerto Rico": "PR",
}  # fmt: skip
_CITY_ABBREV = {"NYC", "LA", "SF", "San Fran", "Philly", "DC", "Vegas", "NOLA", "Chi-town", "New York City"}
_CITIES: set[str] | None = None


def data_path(*parts: str) -> Path:
    return default_data_dir().joinpath(*parts)


def cms_hospitals(data_dir: Path | None = None) -> list[dict[str, str]]:
    """Rows of the CMS Hospital Compare extract (US government public data)."""
    import csv

    path = (Path(data_dir) if data_dir else default_data_dir()) / "cms-hospitals" / "hospitals.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def known_cities(data_dir: Path | None = None) -> set[str]:
    """US city names (title case) from the CMS hospital file, plus a few common abbreviations."""
    global _CITIES
    if _CITIES is None:
        cities = set(_CITY_ABBREV)
        try:
            for row in cms_hospitals(data_dir):
                cities.add(smart_title(row["city"]))
        except OSError:
            pass
        _CITIES = cities
    return _CITIES


def is_known_city(value: str) -> bool:
    v = value.strip()
    return v in known_cities() or smart_title(v) in known_cities()


_SMALL = {"of", "and", "the", "de", "la", "del", "du", "for", "at", "in", "on"}
_KEEP_UPPER = {
    "VA",
    "UC",
    "UCLA",
    "UCSF",
    "NYU",
    "MD",
    "LLC",
    "II",
    "III",
    "IV",
    "US",
    "USA",
    "SE",
    "NE",
    "NW",
    "SW",
}


def smart_title(s: str) -> str:
    """Title-case an UPPER-CASE name ("ST MARY'S HOSPITAL OF THE OZARKS" -> "St Mary's Hospital of the Ozarks")."""
    words = s.split()
    out = []
    for i, w in enumerate(words):
        if w in _KEEP_UPPER:
            out.append(w)
        elif i > 0 and w.lower() in _SMALL:
            out.append(w.lower())
        else:
            parts = re.split(r"([-'/])", w.lower())
            out.append(
                "".join(p[:1].upper() + p[1:] if p not in "-'/" else p for p in parts).replace("'S", "'s")
            )
    return " ".join(out)


class TextBuilder:
    """Concatenate pieces of text, recording a gold span for each labelled piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[dict[str, Any]] = []
        self.pos = 0

    def add(self, piece: str, label: str | None = None) -> TextBuilder:
        if label and piece.strip():
            st, en = trim_span(piece, 0, len(piece))
            self.spans.append(
                {"start": self.pos + st, "end": self.pos + en, "label": label, "value": piece[st:en]}
            )
        self.parts.append(piece)
        self.pos += len(piece)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)
