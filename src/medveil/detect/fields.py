"""Labelled fields inside free text: ``Facility: Smart Manor``, ``<city>Boston</city>``, ``Re: Jane Doe``.

Exports, letters and discharge summaries carry PHI in labelled slots. The field name says what the
value is, so the value is flagged whatever the lexicons know of it. Names in such slots are found
by the name detector's header cues; this detector covers places and organizations.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from medveil import lexicons as lex
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
_STOP_VALUE = re.compile(
    r"(?i)^(?:n/?a|none|unknown|not applicable|home|self|other|yes|no|-+|retired|unemployed|disabled|student|homemaker)$")


# Organizations in a "Key: value" slot anywhere on a line, where a header packs several fields ("DOB: 1979-11-03
# Ins: Aetna PPO Member #: W193", "Employer: Dunmore Tool & Die Phone: ..."): the value runs to the next "Key:" or
# "Key #:", a comma, a bracket, two spaces, a tab or the end of the line. Insurers are organizations like the
# others here (the locations detector marks "<Name> Insurance" and "<Name> Health Plan" too), though HIPAA's
# list names only the member number and the generated benchmark leaves "PAYER: Tufts HP" unmarked.
_ORG_KEYS = (
    "primary insurance", "secondary insurance", "insurance carrier", "insurance", "ins", "insurer", "payer", "payor",
    "carrier", "preferred pharmacy", "pharmacy", "employer", "parish", "church", "school", "workplace",
)
_ORG_FIELD = re.compile(
    r"(?<![\w/])(?i:(" + "|".join(re.escape(k) for k in _ORG_KEYS) + r"))[ \t]*:[ \t]*"
    r"([A-Z0-9][^\n:;|\t(),]{0,60}?)"
    r"(?=[ \t]*(?:$|[\n;|\t(),])|[ \t]{2}|[ \t]+[A-Z][A-Za-z.]*(?:[ \t][A-Za-z.]+)?[ \t]*#?[ \t]*:)",
    re.MULTILINE,
)
# cheap gates: the last word before one of a note's colons must be a key's last word


def _words_before_colons(text: str) -> set[str]:
    """The lowercase word right before each colon of ``text`` ("Ins: …" → "ins")."""
    out = set()
    colon = text.find(":")
    while colon >= 0:
        head = text[max(0, colon - 16) : colon].rstrip(" \t").rsplit(None, 1)
        if head:
            out.add(head[-1].lower())
        colon = text.find(":", colon + 1)
    return out


_ORG_KEY_WORDS = frozenset({"ins", "insurance", "insurer", "payer", "payor", "carrier", "pharmacy", "employer", "parish",
                            "church", "school", "workplace"})
_PLACE_KEY_WORDS = frozenset({"city", "town", "state", "province", "zip", "zipcode", "code", "country"})
# Places in a "Key: value" slot after a column gap or a separator ("ZIP: 02139  City: Cambridge  State: MA",
# "| State: NM |"): the line-start fields above miss the second and later slots of such a line.
_PLACE_KEYS = {"city": Label.CITY, "town": Label.CITY, "state": Label.STATE, "province": Label.STATE,
               "zip": Label.ZIP, "zip code": Label.ZIP, "zipcode": Label.ZIP, "postal code": Label.ZIP,
               "country": Label.COUNTRY}
_PLACE_FIELD = re.compile(
    r"(?:\t|[ \t]{2}|[|;][ \t]*)(?i:(" + "|".join(sorted(map(re.escape, _PLACE_KEYS), key=len, reverse=True)) + r"))"
    r"[ \t]*:[ \t]*([A-Za-z0-9][^\n:;|\t(),]{0,40}?)"
    r"(?=[ \t]*(?:$|[\n;|\t(),])|[ \t]{2}|[ \t]+[A-Z][A-Za-z.]*(?:[ \t][A-Za-z.]+)?[ \t]*#?[ \t]*:)",
    re.MULTILINE,
)
_ZIP_VALUE = re.compile(r"\d{5}(?:-\d{4})?")


def _place_value(label: str, value: str) -> str:
    """The part of a place slot's value that is the place, or '' when the value is none."""
    if label == Label.ZIP:
        return value if _ZIP_VALUE.fullmatch(value) else ""
    if label == Label.STATE:
        return value if (value.lower() in lex.us_state_forms() or (len(value) == 2 and value.isupper())) else ""
    words = _name_words(value)
    return words if words and len(words.split()) <= 4 and not _STOP_VALUE.match(words) else ""


_ORG_KEY_LABELS = {"pharmacy": Label.ORGANIZATION, "preferred pharmacy": Label.ORGANIZATION}
# plan types after an insurer's name ("Aetna PPO"), and values that name no organization
_PLAN_TYPE = re.compile(r"(?:[ \t]+(?:PPO|HMO|EPO|POS|HDHP|PFFS|SNP|Gold|Silver|Bronze|Platinum))+$")
_NO_ORGANIZATION = re.compile(
    r"(?i)^(?:self(?:[ -]pay)?|none|n/?a|unknown|uninsured|medicare|medicaid|medi-cal|tricare|commercial|private|"
    r"retired|unemployed|disabled|student|homemaker|same|see (?:above|below)|on file|pending)\b"
)


_CONNECTORS = frozenset({"of", "the", "and", "for", "de", "la", "del", "&", "-", "at", "on"})


def _name_words(value: str) -> str:
    """The leading words of ``value`` that can make an organization's name: capitalized words and connectors,
    up to a word in lowercase or one with a digit ("Tufts HP member 22148315580" → "Tufts HP")."""
    words = value.split(" ")
    keep = 0
    for k, w in enumerate(words):
        if w and (any(c.isdigit() for c in w) or not (w[0].isupper() or w.lower() in _CONNECTORS)):
            break
        if w and w.lower() not in _CONNECTORS:
            keep = k + 1
    return " ".join(words[:keep]).rstrip(" \t.")


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
        keys = _words_before_colons(text)
        for m in _ORG_FIELD.finditer(text) if not keys.isdisjoint(_ORG_KEY_WORDS) else ():
            value = _PLAN_TYPE.sub("", _name_words(m.group(2)))
            if not value or _PLAN_TYPE.fullmatch(" " + value) or value.split()[0].lower() in lex.drug_names() or _NO_ORGANIZATION.match(value) or len(value.split()) > 6 or not any(c.isalpha() for c in value):
                continue
            key = m.group(1).lower()
            out.append(Span(m.start(2), m.start(2) + len(value), _ORG_KEY_LABELS.get(key, Label.ORGANIZATION), 0.85,
                            f"fields:{key.replace(' ', '_')}"))
        for m in _PLACE_FIELD.finditer(text) if not keys.isdisjoint(_PLACE_KEY_WORDS) else ():
            key = m.group(1).lower()
            label = _PLACE_KEYS[key]
            value = _place_value(label, m.group(2).rstrip(" \t."))
            if value:
                out.append(Span(m.start(2), m.start(2) + len(value), label, 0.85, f"fields:{key.replace(' ', '_')}"))
        attributes = _NAME_ATTRIBUTE.finditer(text) if ('="' in text or "='" in text) else ()
        for m in attributes:
            value = m.group(3).strip()
            if not value or _STOP_VALUE.match(value) or not any(c.isalpha() for c in value):
                continue
            label = _ATTRIBUTE_LABELS.get(m.group(1).lower(), Label.PROVIDER)
            s = m.start(3) + m.group(3).index(value)
            out.append(Span(s, s + len(value), label, 0.85, f"fields:{m.group(1).lower()}_attribute"))
        return out
