"""The Operator protocol and the per-document context every operator receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from medveil.document import Span

if TYPE_CHECKING:
    from medveil.transform.names import NameLinker


class TransformError(Exception):
    """A value could not be transformed safely; the record fails closed (it is not written with PHI)."""


@dataclass(slots=True)
class Context:
    """What an operator may use besides the value: all of it derived from the document and the key.

    ``key`` is the surrogate subkey; ``scope`` the patient (or corpus) the mapping belongs to;
    ``originals`` the case-folded original PHI strings of the document (a surrogate must equal none
    of them); ``attempt`` is raised by the engine to re-draw a surrogate deterministically.
    """

    key: bytes
    scope: str
    shift_days: int = 0
    reference_year: int = 2000
    originals: frozenset[str] = frozenset()
    attempt: int = 0
    names: NameLinker | None = None
    tag_index: dict[tuple[str, str], int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def clashes(self, candidate: str, original: str) -> bool:
        """True when ``candidate`` may not be used as the replacement of ``original``."""
        c = candidate.casefold().strip()
        if not c:
            return False
        return c == original.casefold().strip() or c in self.originals


@runtime_checkable
class Operator(Protocol):
    """Replaces one piece of PHI. ``apply`` must be a pure function of its arguments."""

    name: str

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (the original text of a span labelled ``label``)."""
        ...
