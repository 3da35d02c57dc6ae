"""The two values every stage passes along: a ``Document`` and the ``Span``s found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medveil.labels import Label

_LABELS = frozenset(Label)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A piece of PHI: ``text[start:end]`` of the original document, with its label.

    ``score`` is the detector's confidence in [0, 1]; ``source`` names the detector (and rule)
    that produced it, so that every decision can be traced.
    """

    start: int
    end: int
    label: str
    score: float = 1.0
    source: str = ""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span offsets {self.start}:{self.end}")
        if self.label not in _LABELS:
            raise ValueError(f"{self.label!r} is not a medveil label")

    def text(self, doc: Document | str) -> str:
        """The covered text of ``doc``."""
        t = doc.text if isinstance(doc, Document) else doc
        return t[self.start : self.end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "label": str(self.label),
            "score": round(float(self.score), 4),
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["label"]), float(d.get("score", 1.0)), str(d.get("source", "")))


@dataclass(slots=True)
class Document:
    """A note to de-identify.

    ``context`` holds the record's structured fields (``patient_name``, ``mrn``, ``dob``,
    ``provider_names``, ``sex``, ``note_type`` …) that detectors may use as known values.
    """

    text: str
    id: str = ""
    patient_id: str | None = None
    context: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, value: Document | str) -> Document:
        """Accept either a ``Document`` or a bare string."""
        return value if isinstance(value, Document) else cls(text=value)
