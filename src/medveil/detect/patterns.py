"""Pattern detectors: regular expressions with validation for PHI that has a shape.

The rules live in four modules, each with its decision rules in its docstring:

* :mod:`medveil.detect.dates` — ``DateDetector`` (DATE, years by policy) and ``AgeDetector`` (AGE > 89);
* :mod:`medveil.detect.contact` — ``ContactDetector`` (PHONE, FAX, EMAIL, URL, IP_ADDRESS) and
  ``AddressDetector`` (STREET, ZIP);
* :mod:`medveil.detect.identifiers` — ``IdentifierDetector`` (SSN, MRN, ACCOUNT, HEALTH_PLAN, LICENSE,
  DEVICE_ID, VEHICLE_ID, ID).

``PatternDetector`` runs them all as one detector named ``"pattern"`` (what the pipeline uses);
``pattern_detectors`` returns them separately for callers that want to time or disable one.
Each part has ``detect(doc)`` and ``find(text, low)`` (``low`` = the same-length lowercase text, so a
caller running several parts lowercases once). Every span's ``source`` names its rule, e.g. ``"pattern:date_mdy"`` or ``"pattern:mrn_cue"``.
"""

from __future__ import annotations

from medveil.detect import contact, dates, identifiers
from medveil.detect.base import Detector
from medveil.detect.contact import AddressDetector, ContactDetector
from medveil.detect.dates import AgeDetector, DateDetector, automaton, lower_text, run_automaton
from medveil.detect.identifiers import IdentifierDetector
from medveil.document import Document, Span

__all__ = ["PatternDetector", "pattern_detectors"]


def pattern_detectors(keep_years: bool = False) -> list[Detector]:
    """The pattern detectors as separate objects (names ``pattern_date``, ``pattern_age`` …)."""
    return [DateDetector(keep_years), AgeDetector(), ContactDetector(), IdentifierDetector(), AddressDetector()]


class PatternDetector:
    """All pattern rules as one detector: dates, ages, contacts, identifiers, streets and ZIP codes."""

    name = "pattern"

    def __init__(self, keep_years: bool = False):
        self.keep_years = keep_years
        self._parts = pattern_detectors(keep_years)
        # one Aho-Corasick pass finds the cue words of every part (months, weekdays, "mrn", "pager" …)
        self._automaton = automaton(dates.KEYS, identifiers.KEYS, contact.KEYS)

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        low = lower_text(text)  # computed once; every part scans the same lowercase copy
        hits = run_automaton(self._automaton, low)
        out: list[Span] = []
        for det in self._parts:
            out.extend(det.find(text, low, hits))
        return out
