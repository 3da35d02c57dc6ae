"""Labelled fields inside free text: ``Facility: Smart Manor``, ``<city>Boston</city>``, ``Re: Jane Doe``.

Exports, letters and discharge summaries carry PHI in labelled slots. The field name says what the
value is, so the value is flagged whatever the lexicons know of it. Names in such slots are found
by the name detector's header cues; this detector covers places and organizations.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from medveil.document import Document, Span
from medveil.labels import Label

FIELD_LABELS: dict[str, str] = {
    "facility": Label.HOSPITAL, "hospital": Label.HOSPITAL, "institution": Label.HOSPITAL,
    "clinic": Label.HOSPITAL, "location": Label.HOSPITAL, "transferred from": Label.HOSPITAL,
    "referring hospital": Label.HOSPITAL, "outside hospital": Label.HOSPITAL, "osh": Label.HOSPITAL,
    "city": Label.CITY, "town": Label.CITY, "state": Label.STATE, "province": Label.STATE,
    "country": Label.COUNTRY, "zip": Label.ZIP, "zip code": Label.ZIP, "zipcode": Label.ZIP, "postal code": Label.ZIP,
    "street": Label.STREET, "address": Label.STREET, "home address": Label.STREET, "addr": Label.STREET,
    "employer": Label.ORGANIZATION, "company": Label.ORGANIZATION, "organization": Label.ORGANIZATION,
    "organisation": Label.ORGANIZATION, "insurer": Label.ORGANIZATION, "practice": Label.HOSPITAL,
}
_KEYS = "|".join(sorted((re.escape(k) for k in FIELD_LABELS), key=len, reverse=True))
# "Facility: Smart Manor" (value on the same line, or alone on the next line)
_COLON_FIELD = re.compile(
    rf"(?im)^[ \t>*#-]*({_KEYS})[ \t]*:[ \t]*(?:\n[ \t]*)?([^\n:<>]{{2,80}}?)[ \t]*(?=\n|$|[;|])"
)
# <city>Boston</city>, <facility name="x">Smart Manor</facility>
_XML_FIELD = re.compile(rf"(?i)<({_KEYS.replace(' ', '_')})(?:\s[^>]*)?>([^<]{{1,120}})</\1\s*>")
# <note author="Black, Mai" …>, <encounter attending='Dr Hale'>: names in XML attributes
_NAME_ATTRIBUTE = re.compile(
    r"""(?i)\b(author|attending|provider|physician|nurse|signed_?by|patient|patient_?name|contact)=(["'])([^"'<>\n]{2,60})\2"""
)
_ATTRIBUTE_LABELS = {"patient": Label.PATIENT, "patientname": Label.PATIENT, "patient_name": Label.PATIENT, "contact": Label.RELATIVE}
_STOP_VALUE = re.compile(r"(?i)^(?:n/?a|none|unknown|not applicable|home|self|other|yes|no|-+)$")


_FIELD_KEY_PREFIX = " \t>*#-"


def _colon_fields(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_COLON_FIELD.finditer(text)``, tried only at the start of lines holding a colon.

    A match starts at a line start and has its colon, the first of the line, right after a field
    name: an ASCII line head that is not one (lowercased) is skipped without the regex. A
    non-ASCII head goes to the regex, whose case-insensitive match also reads "ſ" as "s".
    """
    end = 0
    colon = text.find(":")
    while colon >= 0:
        line_start = text.rfind("\n", 0, colon) + 1
        head = text[line_start:colon]
        if (
            line_start >= end
            and (not head.isascii() or head.lstrip(_FIELD_KEY_PREFIX).rstrip(" \t").lower() in FIELD_LABELS)
            and (m := _COLON_FIELD.match(text, line_start)) is not None
        ):
            end = m.end()
            yield m
        next_line = text.find("\n", colon)
        colon = text.find(":", next_line) if next_line >= 0 else -1


class FieldDetector:
    """Values of labelled fields (``Key: value`` lines and XML elements)."""

    name = "fields"

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        out: list[Span] = []
        fields = _colon_fields(text)
        if "<" in text:
            fields = itertools.chain(fields, _XML_FIELD.finditer(text))
        for m in fields:
            key = m.group(1).lower().replace("_", " ")
            label = FIELD_LABELS.get(key)
            value = m.group(2).strip()
            if label is None or not value or _STOP_VALUE.match(value) or not any(c.isalnum() for c in value):
                continue
            if label == Label.STREET and not any(c.isdigit() for c in value):
                continue  # "Address: see above"
            if len(value.split()) > 8:
                continue  # prose, not a field value
            s = m.start(2) + m.group(2).index(value)
            out.append(Span(s, s + len(value), label, 0.85, f"fields:{key.replace(' ', '_')}"))
        attributes = _NAME_ATTRIBUTE.finditer(text) if ('="' in text or "='" in text) else ()
        for m in attributes:
            value = m.group(3).strip()
            if not value or _STOP_VALUE.match(value) or not any(c.isalpha() for c in value):
                continue
            label = _ATTRIBUTE_LABELS.get(m.group(1).lower(), Label.PROVIDER)
            s = m.start(3) + m.group(3).index(value)
            out.append(Span(s, s + len(value), label, 0.85, f"fields:{m.group(1).lower()}_attribute"))
        return out
