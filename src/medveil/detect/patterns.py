"""Pattern detectors: regular expressions with validation for PHI that has a shape.

The rules live in four modules, each with its decision rules in its docstring:

* :mod:`medveil.detect.dates` — ``DateDetector`` (DATE, years by policy) and ``AgeDetector`` (AGE > 89);
* :mod:`medveil.detect.contact` — ``ContactDetector`` (PHONE, FAX, EMAIL, URL, IP_ADDRESS) and
  ``AddressDetector`` (STREET, ZIP, a CITY before a ZIP);
* :mod:`medveil.detect.identifiers` — ``IdentifierDetector`` (SSN, MRN, ACCOUNT, HEALTH_PLAN, LICENSE,
  DEVICE_ID, VEHICLE_ID, ID).

``PatternDetector`` runs them all as one detector named ``"pattern"`` (what the pipeline uses);
``pattern_detectors`` returns them separately for callers that want to time or disable one.
Each part has ``detect(doc)`` and ``find(text, low)`` (``low`` = the same-length lowercase text, so a
caller running several parts lowercases once). Every span's ``source`` names its rule, e.g. ``"pattern:date_mdy"`` or ``"pattern:mrn_cue"``.
"""

from __future__ import annotations

import re

from medveil.detect import contact, dates, identifiers
from medveil.detect.base import Detector
from medveil.detect.contact import AddressDetector, ContactDetector
from medveil.detect.dates import AgeDetector, DateDetector, automaton, lower_text, run_automaton
from medveil.detect.identifiers import IdentifierDetector
from medveil.detect.ocr import corrected_spans, ocr_letters
from medveil.document import Document, Span

__all__ = ["PatternDetector", "pattern_detectors", "ocr_digits", "is_ocr_number"]


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
        out.extend(self._ocr_pass(text, out))
        return out

    def _ocr_pass(self, text: str, found: list[Span]) -> list[Span]:
        """Spans found only once OCR letters inside numbers read as digits ("O3/O5/2024", "978-555-O183") and, in a
        scanned note, OCR digits inside words as letters."""
        norm, changed = (ocr_digits(text) if _ocr_suspect(text) else None) or (text, [])
        # and the words as letters too, in a scanned note: an address needs both ("9OO N. Ca1houn St", "14822 Nati0na1
        # Pike"; ``ocr_letters`` returns None at once for a note that does not look scanned)
        if (letters := ocr_letters(norm)) is not None:
            norm, more = letters
            changed = sorted(set(changed) | set(more))
        if not changed:
            return []
        low = lower_text(norm)
        hits = run_automaton(self._automaton, low)
        seen = {(sp.start, sp.end, sp.label) for sp in found}
        new = [sp for det in self._parts for sp in det.find(norm, low, hits) if (sp.start, sp.end, sp.label) not in seen]
        return corrected_spans(new, changed)


# OCR noise in faxed and scanned notes: the letter O (o) for a zero, l or I for a one inside a number
# ("O3/O5/2O24", "978-555-O183", "1O-O2-1994"). A token of digits and those letters is read as a
# number when it holds two digits or sits in a compound of numbers ("O3/O5/2024"): "O2", "FiO2", "l5",
# "2l NC" and "I10" stay as they are.
# the gate: a digit next to one of those letters, found with two substring searches on a byte copy of
# the text where digits read "0" and O, o, I, l read "O" (a regex with no literal prefix is 5x slower)
_OCR_GATE_BYTES = bytes(ord("0") if b in b"0123456789" else ord("O") if b in b"OoIl" else b for b in range(256))


def _ocr_suspect(text: str) -> bool:
    """A digit next to an O, o, I or l somewhere in ``text`` (cheap test before ``ocr_digits``)."""
    b = text.encode("utf-8", "surrogatepass").translate(_OCR_GATE_BYTES)
    return b"0O" in b or b"O0" in b

_OCR_TOKEN = re.compile(r"(?<![A-Za-z0-9])[0-9OoIl]*(?:[0-9][OoIl]|[OoIl][0-9])[0-9OoIl]*(?![A-Za-z0-9])")
# a number beside the token, across a separator that may have a blank on each side ("O7 / 19 / 1948")
_NUMBER_BEFORE = re.compile(r"(?<![A-Za-z0-9])[0-9OoIl]*[0-9][0-9OoIl]*[ \t]?[-/.:][ \t]?$")
_NUMBER_AFTER = re.compile(r"[ \t]?[-/.:][ \t]?[0-9OoIl]*[0-9][0-9OoIl]*(?![A-Za-z0-9])")
_OCR_ONE = frozenset("lI")
_YEAR_LIKE = re.compile(r"(?:19|2[Oo0])[0-9Oo][lI]")  # "2O2l", "199l"
_DIGIT_LIKE = frozenset("0123456789Oo")


def is_ocr_number(word: str) -> bool:
    """``word`` is a number, perhaps with digits that OCR read as letters ("0200", "O2OO", "l5"; not "Ol", "Oslo")."""
    return word.isdigit() or _OCR_TOKEN.fullmatch(word) is not None


def _digit_like_beside(tok: str, k: int) -> bool:
    """The nearest characters of ``tok`` on both sides of ``k`` that are no l or I are digit-like ("2ll3", "2Ol9")."""
    left, right = tok[:k].rstrip("lI"), tok[k + 1 :].lstrip("lI")
    return bool(left) and bool(right) and left[-1] in _DIGIT_LIKE and right[0] in _DIGIT_LIKE


def ocr_digits(text: str) -> tuple[str, list[int]] | None:
    """``text`` with OCR letters inside numbers written as digits (same length) and the changed offsets.

    None when nothing changes. Words are never touched: a token must be digits and O/o/l/I only.
    An l or I becomes 1 between two digits (or O's), "2Ol9", or at the start of a part of a date or
    phone shape, "l2/O4/2O2O"; "I21.4" (an ICD code) and "I10" stay.
    """
    chars: list[str] | None = None
    changed: list[int] = []
    for m in _OCR_TOKEN.finditer(text):
        s, e = m.start(), m.end()
        tok = m.group()
        before = _NUMBER_BEFORE.search(text, max(0, s - 12), s)
        after = _NUMBER_AFTER.match(text, e)
        if sum(c.isdigit() for c in tok) < 2 and not (before or after):
            continue  # "O2 sat", "PAGE O2", "2o": a lone letter and digit
        # in a date or phone shape ("l2/O4/2O2O") a one may also start its part; not in "I21.4", nor
        # at the end ("1l-2l NC" is litres)
        dated = (before is not None and before.group().rstrip(" \t")[-1] in "/-") or (
            after is not None and after.group().lstrip(" \t")[0] in "/-")
        last = len(tok) - 1
        # a one may end a part of a slashed date ("0l/05/2025", "1l/4", "O8/O4/193l") or a year ("2O2l"); "1l-2l NC"
        # (litres) has no slash
        slashed = (before is not None and "/" in before.group()) or (after is not None and "/" in after.group())
        for k, c in enumerate(tok):
            if c in "Oo":
                digit = "0"
            elif c in _OCR_ONE and (
                (0 < k < last and _digit_like_beside(tok, k))
                or (dated and k == 0 < last and tok[1] in _DIGIT_LIKE)
                or (k == last > 0 and tok[k - 1] in _DIGIT_LIKE and (slashed or _YEAR_LIKE.fullmatch(tok)))
            ):
                digit = "1"
            else:
                continue
            if chars is None:
                chars = list(text)
            chars[s + k] = digit
            changed.append(s + k)
    if chars is None:
        return None
    return "".join(chars), changed
