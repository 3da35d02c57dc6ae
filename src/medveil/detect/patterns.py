"""Pattern detectors: regular expressions with validation for PHI that has a shape."""

from __future__ import annotations

import re

from medveil.document import Document, Span
from medveil.labels import Label

_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.I)
_IPV4 = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
_SSN = re.compile(r"\b(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}\b")
_PHONE = re.compile(r"(?<![\w/.-])(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\w/-])", re.I)
_DATE_NUM = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\w/-]|\.\d)")


class PatternDetector:
    """Emails, URLs, IP addresses, SSNs, phone numbers and numeric dates."""

    name = "pattern"

    def __init__(self, keep_years: bool = False):
        self.keep_years = keep_years

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        out: list[Span] = []
        for rx, label in ((_EMAIL, Label.EMAIL), (_URL, Label.URL), (_IPV4, Label.IP_ADDRESS), (_SSN, Label.SSN), (_PHONE, Label.PHONE)):
            for m in rx.finditer(text):
                out.append(Span(m.start(), m.end(), label, 0.95, f"{self.name}:{label.lower()}"))
        for m in _DATE_NUM.finditer(text):
            a, b = int(m.group(1)), int(m.group(3))
            if 1 <= a <= 12 and 1 <= b <= 31:
                out.append(Span(m.start(), m.end(), Label.DATE, 0.9, f"{self.name}:date_numeric"))
        return out
