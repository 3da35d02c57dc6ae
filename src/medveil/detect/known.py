"""Known values: what the record's own structured fields say about the patient, found in its text.

A record that carries ``patient_name: "David Greybeard"`` finds "David", "Dave", "Greybeard",
"GREYBEARD", "D. Greybeard", "D.G.", "Greybeard, David" and "Graybeard" (edit distance 1) in its
note. Fields recognised (by key, case-insensitively; lists or ``;``-separated strings allowed):

- names: ``patient_name``, ``name``, ``provider_names``, ``providers``, ``attending``, ``relative_names``,
  any key ending in ``_name`` or ``_names``;
- ``mrn`` / ``medical_record_number``, ``account``, ``ssn``, ``phone``, ``email``;
- ``dob`` / ``birth_date`` / ``date_of_birth`` in any common format, found in any common rendering;
- ``address`` / ``street``, ``city``, ``zip``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from medveil import lexicons as lex
from medveil.detect.text import tokenize
from medveil.document import Document, Span
from medveil.labels import Label

_NAME_ROLE = {
    "patient_name": Label.PATIENT, "name": Label.PATIENT, "patient": Label.PATIENT, "patient_names": Label.PATIENT,
    "provider_names": Label.PROVIDER, "providers": Label.PROVIDER, "provider_name": Label.PROVIDER,
    "attending": Label.PROVIDER, "doctor": Label.PROVIDER, "physician": Label.PROVIDER,
    "relative_names": Label.RELATIVE, "contact_name": Label.RELATIVE, "relatives": Label.RELATIVE,
}
_VALUE_FIELDS = {
    "mrn": Label.MRN, "medical_record_number": Label.MRN, "unit_number": Label.MRN, "account": Label.ACCOUNT,
    "account_number": Label.ACCOUNT, "ssn": Label.SSN, "phone": Label.PHONE, "email": Label.EMAIL,
    "address": Label.STREET, "street": Label.STREET, "city": Label.CITY, "zip": Label.ZIP, "zip_code": Label.ZIP,
}
_DOB_FIELDS = ("dob", "birth_date", "date_of_birth", "birthdate")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def _values(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [v.strip() for v in re.split(r"[;|\n]", raw) if v.strip()]
    if isinstance(raw, Iterable) and not isinstance(raw, (bytes, dict)):
        return [v for item in raw for v in _values(item)]
    return [str(raw)]


def _name_parts(full_name: str) -> list[str]:
    """The words of a name in reading order, without titles and digit suffixes ("Greybeard, Dr. David" →
    David, Greybeard; "Sumiko254" → Sumiko)."""
    name = re.sub(r"\d+", "", full_name)
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first} {last}"
    return [p for p in re.findall(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*", name) if p.lower() not in _TITLES]


def name_variants(full_name: str) -> tuple[set[str], set[str]]:
    """(token variants, phrase variants) of a person's name, lowercase.

    Token variants are single words (first, last, middle, nicknames, canonical forms); phrase
    variants are multi-word forms and dotted initials ("d. greybeard", "greybeard, david", "d.g."). Bare
    initials ("DG") are not among them: they are matched in capitals only (``bare_initials``).
    """
    parts = _name_parts(full_name)
    words = {p.lower() for p in parts if len(p) > 1}
    tokens = set(words)
    for w in list(words):
        for variant in lex.name_variants(w):
            # a nickname that is also a common word ("will", "bill", "pat") would flag the word everywhere
            if variant not in words and (
                lex.word_frequency(variant) >= 5.0 or variant in lex.stop_words() or variant in lex.months()
                or variant in lex.clinical_abbreviations()
            ):
                continue
            tokens.add(variant)
        tokens.update(part for part in re.split(r"[-'’]", w) if len(part) > 2)
    phrases: set[str] = set()
    if len(parts) >= 2:
        first, last = parts[0].lower(), parts[-1].lower()
        fi, li = first[0], last[0]
        phrases |= {f"{first} {last}", f"{last}, {first}", f"{last} {first}", f"{fi}. {last}", f"{fi} {last}",
                    f"{fi}.{li}.", f"{fi}. {li}.", f"{first} {li}."}
    return {t for t in tokens if len(t) >= 2}, phrases


def bare_initials(full_name: str) -> str | None:
    """The two capitals of a first and last name written without dots ("DG" for David Greybeard), or None when
    they spell a word or an abbreviation the notes use anyway: "AT" (Alexis Trevino), "BP", "MR", "HR". Those
    are found only in their dotted forms ("A.T.")."""
    parts = _name_parts(full_name)
    if len(parts) != 2:
        return None
    pair = (parts[0][0] + parts[1][0]).lower()
    if (pair in lex.stop_words() or pair in lex.clinical_abbreviations() or pair in lex.months()
            or lex.word_frequency(pair) >= _COMMON_PAIR_ZIPF):
        return None
    return pair.upper()


# Zipf frequency from which a letter pair not in the stop-word or clinical-abbreviation lists is a word of its
# own ("MR" 5.7, "HI" 5.5, "GO" 5.9). With those lists it sets 148 of the 676 pairs aside ("BP", "HR", "AT");
# at 3.5 it would be 362, most of them someone's initials too ("JS" 3.9, "DW" 3.6)
_COMMON_PAIR_ZIPF = 5.0
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "md", "rn", "np", "jr", "sr", "ii", "iii", "phd"})


def _parse_date(value: str) -> date | None:
    value = value.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$", value)
        if not m:
            return None
        mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y += 1900 if y > 25 else 2000
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def date_renderings(d: date) -> set[str]:
    """Common ways a date is written, lowercase: 1/2/1950, 01/02/50, 1950-01-02, jan 2, 1950, 2 jan 1950 …"""
    m, dd, y, yy = d.month, d.day, d.year, d.year % 100
    month, mon = _MONTHS[m - 1], _MONTHS[m - 1][:3]
    out = set()
    for sep in "/-.":
        out |= {f"{m}{sep}{dd}{sep}{y}", f"{m:02d}{sep}{dd:02d}{sep}{y}", f"{m}{sep}{dd}{sep}{yy:02d}",
                f"{m:02d}{sep}{dd:02d}{sep}{yy:02d}"}
    out |= {f"{y}-{m:02d}-{dd:02d}", f"{y}{m:02d}{dd:02d}"}
    for mname in (month, mon, mon + "."):
        out |= {f"{mname} {dd}, {y}", f"{mname} {dd} {y}", f"{dd} {mname} {y}", f"{dd}-{mname}-{y}",
                f"{mname} {dd}th, {y}", f"{mname} {dd}st, {y}", f"{mname} {dd}nd, {y}", f"{mname} {dd}rd, {y}"}
    return out


class KnownValueDetector:
    """Finds every variant of the record's own identifiers in its text (see the module docstring)."""

    name = "known"

    def detect(self, doc: Document) -> list[Span]:
        ctx = doc.context or {}
        if not ctx:
            return []
        text = doc.text
        lower = text.lower()
        out: list[Span] = []
        token_variants: dict[str, str] = {}
        phrase_variants: dict[str, str] = {}
        for key, raw in ctx.items():
            k = key.lower()
            role = _NAME_ROLE.get(k) or (Label.PERSON if k.endswith(("_name", "_names")) else None)
            if role is not None:
                for value in _values(raw):
                    toks, phrases = name_variants(value)
                    for t in toks:
                        token_variants.setdefault(t, role)
                    for p in phrases:
                        phrase_variants.setdefault(p, role)
                    initials = bare_initials(value)
                    if initials:
                        out.extend(Span(m.start(), m.end(), role, 0.99, "known:initials")
                                   for m in re.finditer(rf"(?<!\w){initials}(?!\w)", text))
            elif k in _VALUE_FIELDS:
                for value in _values(raw):
                    out.extend(self._find_value(text, lower, value, _VALUE_FIELDS[k], k))
            elif k in _DOB_FIELDS:
                for value in _values(raw):
                    d = _parse_date(value)
                    renderings = date_renderings(d) if d else {value.lower()}
                    for r in renderings:
                        out.extend(self._find_literal(lower, r, Label.DATE, f"known:{k}"))
        for phrase, role in phrase_variants.items():
            out.extend(self._find_literal(lower, phrase, role, "known:name_phrase"))
        if token_variants:
            out.extend(self._find_tokens(doc, token_variants))
        return out

    @staticmethod
    def _find_literal(lower: str, needle: str, label: str, source: str) -> list[Span]:
        out = []
        if len(needle) < 2:
            return out
        for m in re.finditer(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", lower):
            out.append(Span(m.start(), m.end(), label, 0.99, source))
        return out

    def _find_value(self, text: str, lower: str, value: str, label: str, key: str) -> list[Span]:
        value = value.strip()
        if len(value) < 3:
            return []
        digits = re.sub(r"\D", "", value)
        if label in (Label.MRN, Label.ACCOUNT, Label.SSN, Label.PHONE) and len(digits) >= 4:
            # the same digits with any separators, and without leading zeros
            core = digits.lstrip("0") or digits
            pattern = r"(?<!\d)0*" + r"[\s\-./]?".join(re.escape(c) for c in core) + r"(?!\d)"
            return [Span(m.start(), m.end(), label, 0.99, f"known:{key}") for m in re.finditer(pattern, text)]
        return self._find_literal(lower, value.lower(), label, f"known:{key}")

    @staticmethod
    def _find_tokens(doc: Document, variants: dict[str, str]) -> list[Span]:
        """Tokens equal to a name variant, or within edit distance 1 of one (words of 5+ letters)."""
        tokens = tokenize(doc)
        out: list[Span] = []
        keys = list(variants)
        long_keys = [k for k in keys if len(k) >= 5]
        candidates = []
        for t in tokens:
            label = variants.get(t.lower) or variants.get(lex.fold(t.lower))
            if label is not None:
                out.append(Span(t.start, t.end, label, 0.99, "known:name"))
            elif long_keys and len(t.lower) >= 5:
                candidates.append(t)
        if candidates and long_keys:
            dist = cdist([t.lower for t in candidates], long_keys, scorer=Levenshtein.distance, score_cutoff=1, workers=1)
            for row, t in zip(dist, candidates, strict=True):
                best = min(range(len(long_keys)), key=lambda j: row[j])
                if row[best] <= 1 and t.lower[0] == long_keys[best][0]:
                    out.append(Span(t.start, t.end, variants[long_keys[best]], 0.9, "known:name_fuzzy"))
        return out
