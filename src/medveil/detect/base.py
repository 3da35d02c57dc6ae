"""The contract every detector meets."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from medveil.document import Document, Span


@runtime_checkable
class Detector(Protocol):
    """Finds spans of PHI in a document. Must not modify the document; offsets index ``doc.text``."""

    name: str

    def detect(self, doc: Document) -> list[Span]: ...
