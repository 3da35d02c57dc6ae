"""The two values every stage passes along: a ``Document`` and the ``Span``s found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medveil.labels import Label

_LABELS = frozenset(Label)


@dataclass(frozen=True, slots=True, order=True, init=False)
class Span:
    """A piece of PHI: ``text[start:end]`` of the original document, with its label.

    ``score`` is the detector's confidence in [0, 1]; ``source`` names the detector (and rule)
    that produced it, so that every decision can be traced. A *veto* (source ending in ``:veto``,
    score 0) is a detector's word that the text is no PHI ("Frazier" of "Frazier dissectors"): the
    resolver never outputs it, and a trained second pass never tags it (``is_veto``).
    """

    start: int
    end: int
    label: str
    score: float = 1.0
    source: str = ""

    def __init__(self, start: int, end: int, label: str, score: float = 1.0, source: str = "") -> None:
        """Check the offsets and the label, then set the fields.

        Written by hand (detectors build many spans): the slots are set through their descriptors,
        which is cheaper than the ``object.__setattr__`` calls of a frozen dataclass's ``__init__``.
        """
        if start < 0 or end < start:
            raise ValueError(f"invalid span offsets {start}:{end}")
        if label not in _LABELS:
            raise ValueError(f"{label!r} is not a medveil label")
        _set_start(self, start)
        _set_end(self, end)
        _set_label(self, label)
        _set_score(self, score)
        _set_source(self, source)

    @property
    def is_veto(self) -> bool:
        """A detector's word that this text is no PHI (never output; see the class docstring)."""
        return self.source.endswith(":veto")

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


# the slot descriptors' setters, which a frozen class's own __setattr__ refuses
_set_start, _set_end, _set_label, _set_score, _set_source = (
    getattr(Span, name).__set__ for name in ("start", "end", "label", "score", "source")
)


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
