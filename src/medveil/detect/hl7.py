"""HL7 v2 segments inside notes: PHI marked by its position in the message grammar.

Hospitals paste registration and result messages into notes (``MSH|^~\\&|…``, ``PID|1||…``). A
segment is a line that starts with a segment id and the field separator; its fields, components
(``^``), repetitions (``~``) and subcomponents (``&``) have fixed meanings in the HL7 v2.x standard,
so the position says what a value is: PID-5 is the patient's name (family^given^middle), PID-11 an
address (street^other^city^state^zip^country), PV1-7 the attending (id^family^given), MSH-7 a
time stamp. Decision rules:

* a line is a segment when it starts with a segment id this module knows (``SEGMENTS``) followed by
  the field separator; the separator and the encoding characters come from the last MSH segment
  (MSH-1, MSH-2), else the defaults ``|^~\\&``. The gate: no segment id + '|' at a line start → return;
* only non-empty components of the mapped fields are marked, never delimiters; coded values (sex
  'F', relationship 'SPO', identifier type 'MR', degree 'MD', prefix 'DR') are not PHI;
* time stamps (TS/DTM) mark their date part only (``20240305`` of ``202403051422``);
* a facility or assigning-authority code (MSH-4, PID-3.4, PV1-3.4) is a HOSPITAL when it looks like a
  name or an acronym: not a number-bearing code ('FAC01'), not an identifier-type or agency code
  ('MR', 'SSA'), not a common English word ('EXPORT');
* an identifier's label comes from its type code (CX-5: MR → MRN, SS → SSN, DL → LICENSE, AN →
  ACCOUNT, MB/SN/HC → HEALTH_PLAN) else from the field (PID-18 ACCOUNT, PID-19 SSN, IN1-36 HEALTH_PLAN);
* the holder of GT1 / IN1 / NK1 is the PATIENT when the relationship code says self, else a RELATIVE;
* a field at a position the tables do not map, in a known segment, that has the shape of a person
  name (family^given with a known given name) is marked with the segment's person label — exports
  often shift fields by one;
* free text (OBX-5 of a text observation, NTE-3, Z-segments, unknown segments) is left to the other
  detectors.

The fields this detector understands are *claimed* (:meth:`HL7Detector.detect_claims`): the pipeline drops
other detectors' spans there ('202403051422' is no phone-like ID, 'SPO^SPOUSE' no name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from medveil.document import Document, Span
from medveil.labels import Label

SCORE = 0.95  # the grammar says what the value is: as strong as a validated pattern
SHAPE_SCORE = 0.8  # a name-shaped value at an unmapped position

# --- field tables: (segment, field number) -> (kind, label) ------------------------------------------
# kinds: name (XPN), person (XCN), ndl (NDL/CNN), cx (CX), addr (XAD), tel (XTN), ts (TS/DTM/DT),
# org (XON/ST organization name), fac (HD/facility code), loc (PL), id (EI/ST identifier),
# dln (driver's licence), code (a coded value: claimed, nothing marked)
P, R, D = Label.PATIENT, Label.RELATIVE, Label.PROVIDER
_C = ("code", None)

_FIELDS: dict[str, dict[int, tuple[str, str | None]]] = {
    "MSH": {3: _C, 4: ("fac", Label.HOSPITAL), 5: _C, 6: ("fac", Label.HOSPITAL), 7: ("ts", None), 8: _C, 9: _C,
            10: ("msgid", Label.ID), 11: _C, 12: _C, 15: _C, 16: _C, 17: _C, 18: _C, 19: _C},
    "EVN": {1: _C, 2: ("ts", None), 3: ("ts", None), 4: _C, 5: ("person", D), 6: ("ts", None), 7: ("fac", Label.HOSPITAL)},
    "PID": {1: _C, 2: ("cx", Label.MRN), 3: ("cx", Label.MRN), 4: ("cx", Label.MRN), 5: ("name", P), 6: ("name", R),
            7: ("ts", None), 8: _C, 9: ("name", P), 10: _C, 11: ("addr", None), 12: ("county", None), 13: ("tel", None),
            14: ("tel", None), 15: _C, 16: _C, 17: _C, 18: ("cx", Label.ACCOUNT), 19: ("id", Label.SSN),
            20: ("dln", Label.LICENSE), 21: ("cx", Label.MRN), 22: _C, 23: ("org", Label.LOCATION), 24: _C, 25: _C,
            26: _C, 27: _C, 28: _C, 29: ("ts", None), 30: _C, 33: ("ts", None), 34: ("fac", Label.HOSPITAL)},
    "PD1": {3: ("org", Label.HOSPITAL), 4: ("person", D)},
    "MRG": {1: ("cx", Label.MRN), 2: ("cx", Label.MRN), 3: ("cx", Label.ACCOUNT), 4: ("cx", Label.MRN),
            5: ("cx", Label.ID), 6: ("cx", Label.ID), 7: ("name", P)},
    "NK1": {1: _C, 2: ("name", R), 3: _C, 4: ("addr", None), 5: ("tel", None), 6: ("tel", None), 7: _C,
            8: ("ts", None), 9: ("ts", None), 10: _C, 11: _C, 12: ("cx", Label.ID), 13: ("org", Label.ORGANIZATION),
            14: _C, 15: _C, 16: ("ts", None), 30: ("name", R), 31: ("tel", None), 32: ("addr", None),
            33: ("cx", Label.ID), 37: ("id", Label.SSN)},
    "PV1": {1: _C, 2: _C, 3: ("loc", None), 4: _C, 5: ("cx", Label.ID), 6: ("loc", None), 7: ("person", D),
            8: ("person", D), 9: ("person", D), 10: _C, 11: ("loc", None), 12: _C, 13: _C, 14: _C, 15: _C, 16: _C,
            17: ("person", D), 18: _C, 19: ("cx", Label.ID), 20: _C, 36: _C, 39: ("fac", Label.HOSPITAL),
            41: _C, 42: ("loc", None), 43: ("loc", None), 44: ("ts", None), 45: ("ts", None),
            50: ("cx", Label.ID), 52: ("person", D)},
    "PV2": {8: ("ts", None), 9: ("ts", None), 13: ("person", D)},
    "GT1": {1: _C, 2: ("cx", Label.ACCOUNT), 3: ("name", R), 4: ("name", R), 5: ("addr", None), 6: ("tel", None),
            7: ("tel", None), 8: ("ts", None), 9: _C, 10: _C, 11: _C, 12: ("id", Label.SSN), 13: ("ts", None),
            14: ("ts", None), 15: _C, 16: ("org", Label.ORGANIZATION), 17: ("addr", None), 18: ("tel", None),
            19: ("cx", Label.ID), 20: _C, 21: ("org", Label.ORGANIZATION), 24: ("ts", None),
            45: ("name", R), 46: ("tel", None), 51: ("org", Label.ORGANIZATION)},
    "IN1": {1: _C, 2: _C, 3: _C, 4: ("org", Label.ORGANIZATION), 5: ("addr", None), 6: ("name", Label.PERSON),
            7: ("tel", None), 8: ("id", Label.HEALTH_PLAN), 9: ("org", Label.ORGANIZATION), 10: ("cx", Label.ID),
            11: ("org", Label.ORGANIZATION), 12: ("ts", None), 13: ("ts", None), 14: ("id", Label.ID), 15: _C,
            16: ("name", R), 17: _C, 18: ("ts", None), 19: ("addr", None), 24: ("ts", None), 26: ("ts", None),
            28: ("id", Label.ID), 29: ("ts", None), 30: ("person", Label.PERSON), 36: ("id", Label.HEALTH_PLAN),
            43: _C, 44: ("addr", None), 49: ("cx", Label.HEALTH_PLAN)},
    "IN2": {1: ("cx", Label.ID), 2: ("id", Label.SSN), 3: ("person", Label.PERSON), 6: ("id", Label.HEALTH_PLAN),
            8: ("id", Label.HEALTH_PLAN)},
    "ORC": {1: _C, 2: ("ei", Label.ID), 3: ("ei", Label.ID), 4: ("ei", Label.ID), 5: _C, 9: ("ts", None),
            10: ("person", D), 11: ("person", D), 12: ("person", D), 13: ("loc", None), 14: ("tel", None),
            15: ("ts", None), 19: ("person", D), 21: ("org", Label.HOSPITAL), 22: ("addr", None), 23: ("tel", None),
            24: ("addr", None)},
    "OBR": {1: _C, 2: ("ei", Label.ID), 3: ("ei", Label.ID), 4: _C, 6: ("ts", None), 7: ("ts", None), 8: ("ts", None),
            14: ("ts", None), 16: ("person", D), 17: ("tel", None), 22: ("ts", None), 24: _C, 25: _C,
            28: ("person", D), 32: ("ndl", D), 33: ("ndl", D), 34: ("ndl", D), 35: ("ndl", D), 36: ("ts", None)},
    "OBX": {1: _C, 2: _C, 3: _C, 4: _C, 6: _C, 7: _C, 8: _C, 10: _C, 11: _C, 12: ("ts", None), 14: ("ts", None),
            16: ("person", D), 19: ("ts", None), 23: ("org", Label.HOSPITAL), 24: ("addr", None), 25: ("person", D)},
    "NTE": {1: _C, 2: _C, 4: _C},
    "TXA": {1: _C, 2: _C, 4: ("ts", None), 5: ("person", D), 6: ("ts", None), 7: ("ts", None), 8: ("ts", None),
            9: ("person", D), 10: ("person", D), 11: ("person", D), 12: ("ei", Label.ID), 13: ("ei", Label.ID),
            14: ("ei", Label.ID), 15: ("ei", Label.ID)},
    "AL1": {1: _C, 2: _C, 4: _C, 6: ("ts", None)},
    "DG1": {1: _C, 2: _C, 3: _C, 5: ("ts", None), 6: _C, 16: ("person", D), 19: ("ts", None)},
    "PR1": {1: _C, 2: _C, 3: _C, 5: ("ts", None), 11: ("person", D), 12: ("person", D)},
    "ROL": {2: _C, 3: _C, 4: ("person", D), 5: ("ts", None), 6: ("ts", None), 11: ("addr", None), 12: ("tel", None)},
    "SPM": {17: ("ts", None), 18: ("ts", None)},
    "FT1": {4: ("ts", None), 5: ("ts", None), 20: ("person", D), 21: ("person", D)},
}
# a person found by shape at an unmapped position takes the segment's person label
_SEGMENT_PERSON = {"PID": P, "MRG": P, "NK1": R, "GT1": R, "IN1": R, "IN2": R}
# the relationship field of the segments whose holder may be the patient
_RELATION_FIELD = {"NK1": 3, "GT1": 11, "IN1": 17}
_HOLDER_FIELDS = {"NK1": (2, 30), "GT1": (3,), "IN1": (16,)}
_SELF = frozenset({"SEL", "SELF", "01", "18"})
# relationship codes (HL7 table 0063 and common local ones): never a name
_RELATIONS = frozenset({
    "SEL", "SELF", "SPO", "DOM", "CHD", "GCH", "NCH", "SCH", "FCH", "DEP", "WRD", "PAR", "MTH", "FTH", "CGV",
    "GRD", "GRP", "EXF", "SIB", "BRO", "SIS", "FND", "OAD", "EME", "EMR", "ASC", "EMC", "OWN", "TRA", "MGR",
    "NON", "UNK", "OTH", "SON", "DAU", "HUS", "WIF", "SPOUSE", "MOTHER", "FATHER", "CHILD", "OTHER", "FRIEND",
}) | frozenset(f"{i:02d}" for i in range(1, 54))  # (and the numeric codes of HL7 table 0344 and X12: "01", "18", "19")
# OBX-5 holds a date when OBX-2 says so; other value types are text or numbers for the other detectors
_DATE_TYPES = frozenset({"DT", "DTM", "TS"})

# identifier type codes (HL7 table 0203) → label; also never a facility
_ID_TYPES: dict[str, str] = {
    "MR": Label.MRN, "MRN": Label.MRN, "MRT": Label.MRN, "PI": Label.MRN, "PT": Label.MRN, "PN": Label.MRN,
    "EPI": Label.MRN, "PRN": Label.MRN, "SS": Label.SSN, "SSN": Label.SSN, "DL": Label.LICENSE,
    "NPI": Label.LICENSE, "DEA": Label.LICENSE, "LN": Label.LICENSE, "MD": Label.LICENSE, "AN": Label.ACCOUNT,
    "ANON": Label.ID, "BA": Label.ACCOUNT, "ACCT": Label.ACCOUNT, "VN": Label.ID, "EN": Label.ID, "FI": Label.ID,
    "MB": Label.HEALTH_PLAN, "MA": Label.HEALTH_PLAN, "MC": Label.HEALTH_PLAN, "MCD": Label.HEALTH_PLAN,
    "MCR": Label.HEALTH_PLAN, "SN": Label.HEALTH_PLAN, "HC": Label.HEALTH_PLAN, "JHN": Label.HEALTH_PLAN,
    "NH": Label.HEALTH_PLAN, "NI": Label.ID, "NNxxx": Label.ID, "PPN": Label.ID, "U": Label.ID, "XX": Label.ID,
    "EI": Label.ID, "PRC": Label.ID,
}
# assigning-authority values that name an agency or a registry, not a care facility
_AGENCIES = frozenset({"SSA", "USSSA", "CMS", "HCFA", "NPI", "NPPES", "DEA", "DMV", "USA", "US", "MPI", "EMPI",
                       "EPIC", "CERNER", "HL7", "ISO", "DNS", "UUID", "GUID", "LOCAL", "L", "HOSP", "UNK"})

_SEGMENT_LINE = re.compile(r"[^\r\n]+")
_GATE = re.compile(r"(?m)(?:^|\r)[ \t]*(?:[A-Z][A-Z0-9]{2}\||MSH[^\w\s])")
_TS = re.compile(r"(\d{4})(\d{2})(\d{2})?")
_DIGIT = re.compile(r"\d")
# a value too long and digit-rich for a code: an identifier in a coded field, left to the other detectors
_ID_SHAPE = re.compile(r"(?=[^^|~&]{6})(?:[A-Za-z-]*\d){3}")
# a coded element: code ^ text ^ coding system ("2075-0^CHLORIDE^LN", "2028-9^Asian^CDCREC"): a code, however
# much its first part looks like an identifier or a year
_CODED = re.compile(r"[^^|~]*\^[^^|~]*\^(?:LN|LOINC|L|CDCREC|HL7\d{4}|HL70\d{3}|SCT|SNM|SNOMED|I9C?|I10C?|CPT4?|RXNORM|NDC|99[A-Z0-9]+)\b")
_ALPHA_WORD = re.compile(r"[A-Za-z][A-Za-z'\-. ]*\Z")


@lru_cache(maxsize=1)
def _lexicons() -> tuple[dict[str, float], dict[str, tuple[str, float]]]:
    from medveil import lexicons

    return lexicons.common_words(), lexicons.first_names()


def _parts(s: str, start: int, sep: str) -> list[tuple[int, str]]:
    """``s.split(sep)`` with each piece's offset (``start`` = the offset of ``s``)."""
    out = []
    pos = 0
    for piece in s.split(sep):
        out.append((start + pos, piece))
        pos += len(piece) + 1
    return out


class _Message:
    """The encoding characters in force, and the spans found so far."""

    __slots__ = ("comp", "rep", "sub", "esc", "spans", "claims")

    def __init__(self) -> None:
        self.comp, self.rep, self.esc, self.sub = "^", "~", "\\", "&"
        self.spans: list[Span] = []
        self.claims: list[tuple[int, int]] = []

    def mark(self, start: int, value: str, label: str, rule: str, score: float = SCORE) -> None:
        """Mark ``value`` (at ``start``) without its surrounding blanks, if it holds a letter or digit."""
        stripped = value.strip()
        if not stripped or not any(c.isalnum() for c in stripped) or stripped == '""':
            return
        s = start + value.index(stripped)
        self.spans.append(Span(s, s + len(stripped), label, score, f"hl7:{rule}"))

    def components(self, start: int, value: str) -> list[tuple[int, str]]:
        return _parts(value, start, self.comp)

    def subs(self, start: int, value: str) -> list[tuple[int, str]]:
        return _parts(value, start, self.sub)


def _comp(comps: list[tuple[int, str]], n: int) -> tuple[int, str]:
    """Component ``n`` (1-based) or an empty one."""
    return comps[n - 1] if n <= len(comps) else (0, "")


def _is_facility_code(value: str) -> bool:
    """A facility or authority value that names a place: a name, or an acronym that is no code or word."""
    v = value.strip()
    if sum(c.isalpha() for c in v) < 2:
        return False
    if " " in v:
        return True
    if _DIGIT.search(v) or "." in v:  # 'FAC01', an OID
        return False
    up = v.upper()
    if up in _ID_TYPES or up in _AGENCIES:
        return False
    return _lexicons()[0].get(v.lower(), 0.0) < 3.5  # 'EXPORT', 'LAB': words, not names


def _looks_like_name(comps: list[tuple[int, str]]) -> bool:
    """family^given[^middle] with alphabetic parts and a known given name (not 'SPO^SPOUSE')."""
    if len(comps) < 2:
        return False
    family, given = comps[0][1].strip(), comps[1][1].strip()
    if not (_ALPHA_WORD.match(family) and _ALPHA_WORD.match(given)) or len(family) < 2:
        return False
    common, first = _lexicons()
    return given.lower() in first and common.get(family.lower(), 0.0) < 4.0


class HL7Detector:
    """PHI in HL7 v2 segments, marked by field position (see the module docstring)."""

    name = "hl7"

    def detect(self, doc: Document) -> list[Span]:
        return self.find(doc.text)[0]

    def detect_claims(self, doc: Document) -> tuple[list[Span], list[tuple[int, int]]]:
        """The spans, and the character ranges of the fields this detector decided about (``Pipeline``
        drops other detectors' spans there)."""
        return self.find(doc.text)

    def find(self, text: str) -> tuple[list[Span], list[tuple[int, int]]]:
        """The spans and the claimed field ranges of ``text``."""
        if ("|" not in text and "MSH" not in text) or _GATE.search(text) is None:
            return [], []
        msg = _Message()
        sep = "|"
        for m in _SEGMENT_LINE.finditer(text):
            line = m.group()
            lead = len(line) - len(line.lstrip(" \t"))
            seg = line[lead : lead + 3]
            if line[lead : lead + 3] == "MSH" and len(line) > lead + 8 and not line[lead + 3].isalnum():
                sep = line[lead + 3]
                enc = line[lead + 4 : line.find(sep, lead + 4)] if sep in line[lead + 4 :] else ""
                if len(enc) >= 4:
                    msg.comp, msg.rep, msg.esc, msg.sub = enc[0], enc[1], enc[2], enc[3]
                else:
                    msg.comp, msg.rep, msg.esc, msg.sub = "^", "~", "\\", "&"
            table = _FIELDS.get(seg)
            if table is None or line[lead + 3 : lead + 4] != sep:
                continue
            fields = _parts(line[lead:], m.start() + lead, sep)
            if seg == "MSH":  # MSH-1 is the separator itself: MSH-n is piece n-1
                fields = [fields[0], (fields[0][0] + 3, sep)] + fields[1:]
            _segment(msg, seg, fields, table)
        return msg.spans, msg.claims


def _segment(msg: _Message, seg: str, fields: list[tuple[int, str]], table: dict[int, tuple[str, str | None]]) -> None:
    holder_label = None
    holders = _HOLDER_FIELDS.get(seg, ())
    rel = _RELATION_FIELD.get(seg)
    if rel is not None and rel < len(fields):
        code = fields[rel][1].split(msg.comp, 1)[0].strip().upper()
        after = fields[rel + 1][1].split(msg.comp, 1)[0].strip().upper() if rel + 1 < len(fields) else ""
        if code not in _RELATIONS and after in _RELATIONS:
            # the holder and the relationship written a field late ('IN1|…||VUE^KAO|SEL|'): read them there
            code = after
            first = min(holders)
            holders = tuple(h + 1 for h in holders)
            table = {n + (n >= first): spec for n, spec in table.items()}
        if code in _SELF:
            holder_label = P
    value_type = fields[2][1].strip().upper() if seg == "OBX" and len(fields) > 2 else ""
    for n in range(1, len(fields)):
        start, value = fields[n]
        if seg == "MSH" and n <= 2:
            continue
        if not value:
            continue
        spec = table.get(n)
        if spec is None:
            if seg == "OBX" and n == 5 and value_type in _DATE_TYPES:
                spec = ("ts", None)
            else:
                _by_shape(msg, seg, n, start, value)
                continue
        kind, label = spec
        if kind != "ts" and len(value) >= 12 and _TS_FIELD.fullmatch(value):
            _ts(msg, start, value, None, f"{seg.lower()}_{n}_ts_shape")  # a time stamp written a field off
            msg.claims.append((start, start + len(value)))
            continue
        words = sum(len(w) >= 3 and w.isalpha() for w in value.split())
        if kind == "code" and seg == "IN1" and n in (2, 3) and words >= 2 and msg.comp not in value:
            # the insurer's name written in its ID's field ('IN1|2|MCR|MEDICARE PART B|CMS|')
            _org(msg, start, value, Label.ORGANIZATION, f"in1_{n}_name")
            msg.claims.append((start, start + len(value)))
            continue
        if kind == "code" and not _CODED.match(value) and (
            _ID_SHAPE.match(value) or (msg.comp in value and _by_shape(msg, seg, n, start, value)) or words >= 2
        ):
            continue  # an identifier, a name or free text written one field off: no code ('PV1|…||V2024-0071' in
            # PV1-18, 'PV1|…|01|SUNRISE ASSISTED LIVING' in PV1-36): left to the other detectors
        if holder_label is not None and n in holders:
            label = holder_label
        msg.claims.append((start, start + len(value)))
        if kind == "code":
            continue
        handler = _HANDLERS[kind]
        for rstart, rvalue in _parts(value, start, msg.rep):
            if rvalue:
                handler(msg, rstart, rvalue, label, f"{seg.lower()}_{n}")


# a whole field that is a date with or without its time: YYYYMMDD[HHMM[SS]][+ZZZZ]
_TS_FIELD = re.compile(r"(?:19|20|21)\d{6}(?:\d{4}(?:\d{2})?)?(?:[+-]\d{4})?")


def _by_shape(msg: _Message, seg: str, n: int, start: int, value: str) -> bool:
    """An unmapped (or coded) field: a time stamp or a person name by its shape, else nothing and not claimed
    (writers and interfaces put admit and discharge times a field or two off: 'PV1|…|01|SUNRISE|||||202403051420')."""
    if _TS_FIELD.fullmatch(value):
        before = len(msg.spans)
        _ts(msg, start, value, None, f"{seg.lower()}_{n}_ts_shape")
        return len(msg.spans) > before
    comps = msg.components(start, value.split(msg.rep, 1)[0])
    label = _SEGMENT_PERSON.get(seg)
    if label is None or not _looks_like_name(comps):
        return False
    for cs, cv in comps[:3]:
        msg.mark(cs, cv, label, f"{seg.lower()}_name_shape", SHAPE_SCORE)
    msg.claims.append((start, start + len(value)))
    return True


# --- data types --------------------------------------------------------------------------------------

def _name(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """XPN: family (subcomponents) ^ given ^ middle; suffix, prefix, degree and type codes are not marked."""
    comps = msg.components(start, value)
    if len(comps) == 1 and value.strip().upper() in _RELATIONS:
        return  # a relationship code one field off ('SPO'), not a name
    for i in range(min(3, len(comps))):
        cs, cv = comps[i]
        for ss, sv in msg.subs(cs, cv) if i == 0 else ((cs, cv),):
            msg.mark(ss, sv, label, rule)


def _person(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """XCN: id ^ family ^ given ^ middle … ^ assigning authority (9) … ^ type (13) ^ facility (14)."""
    comps = msg.components(start, value)
    id_type = _comp(comps, 13)[1].strip().upper()
    cs, cv = comps[0]
    msg.mark(cs, cv, Label.LICENSE if id_type in ("NPI", "DEA", "LN", "MD") else Label.ID, rule)
    for i in (2, 3, 4):
        cs, cv = _comp(comps, i)
        for ss, sv in msg.subs(cs, cv) if i == 2 else ((cs, cv),):
            if sv:
                msg.mark(ss, sv, label, rule)
    for i in (9, 14):
        _facility(msg, *_comp(comps, i), Label.HOSPITAL, rule)


def _ndl(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """NDL: name (CNN: id&family&given&middle…) ^ start ^ end ^ point of care ^ room ^ bed ^ facility …"""
    comps = msg.components(start, value)
    if msg.sub not in comps[0][1]:
        _person(msg, start, value, label, rule)  # written as an XCN, as many senders do
        return
    subs = msg.subs(*comps[0])
    msg.mark(*subs[0], Label.ID, rule)
    for ss, sv in subs[1:4]:
        msg.mark(ss, sv, label, rule)
    for i in (2, 3):
        _ts(msg, *_comp(comps, i), None, rule)
    _facility(msg, *_comp(comps, 7), Label.HOSPITAL, rule)


def _cx(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """CX: id ^ check digit ^ scheme ^ assigning authority ^ type code ^ assigning facility ^ dates."""
    comps = msg.components(start, value)
    id_type = _comp(comps, 5)[1].strip().upper()
    msg.mark(*comps[0], _ID_TYPES.get(id_type, label), rule)
    for i in (4, 6):
        _facility(msg, *_comp(comps, i), Label.HOSPITAL, rule)
    for i in (7, 8):
        _ts(msg, *_comp(comps, i), None, rule)


def _ei(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """EI: entity id ^ namespace (an application, not marked) ^ universal id ^ type."""
    msg.mark(*msg.components(start, value)[0], label, rule)


def _ident(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """A plain identifier (ST), or the first component of one."""
    msg.mark(*msg.components(start, value)[0], label, rule)


def _msgid(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """MSH-10: a message control id; a short counter ('00017') identifies nothing outside the interface."""
    if len(value.strip()) >= 6:
        msg.mark(start, value, label, rule)


def _dln(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """DLN: licence number ^ issuing state ^ expiration date."""
    comps = msg.components(start, value)
    msg.mark(*comps[0], label, rule)
    msg.mark(*_comp(comps, 2), Label.STATE, rule)
    _ts(msg, *_comp(comps, 3), None, rule)


_ADDRESS_LABELS = (Label.STREET, Label.STREET, Label.CITY, Label.STATE, Label.ZIP, Label.COUNTRY, None,
                   Label.LOCATION, Label.LOCATION)


def _addr(msg: _Message, start: int, value: str, label: str | None, rule: str) -> None:
    """XAD: street (subcomponents) ^ other designation ^ city ^ state ^ zip ^ country ^ type ^ other ^ county."""
    comps = msg.components(start, value)
    for i, (cs, cv) in enumerate(comps[: len(_ADDRESS_LABELS)]):
        lab = _ADDRESS_LABELS[i]
        if lab is None or not cv:
            continue
        for ss, sv in msg.subs(cs, cv) if i == 0 else ((cs, cv),):
            msg.mark(ss, sv, lab, rule)


def _county(msg: _Message, start: int, value: str, label: str | None, rule: str) -> None:
    msg.mark(*msg.components(start, value)[0], Label.LOCATION, rule)


def _tel(msg: _Message, start: int, value: str, label: str | None, rule: str) -> None:
    """XTN: number ^ use ^ equipment ^ email ^ country ^ area ^ local ^ extension … ^ unformatted (12)."""
    comps = msg.components(start, value)
    for i in (1, 6, 7, 8, 12):
        cs, cv = _comp(comps, i)
        if "@" in cv:
            msg.mark(cs, cv, Label.EMAIL, rule)
        elif _DIGIT.search(cv):
            msg.mark(cs, cv, Label.PHONE, rule)
    cs, cv = _comp(comps, 4)
    if "@" in cv:
        msg.mark(cs, cv, Label.EMAIL, rule)


def _ts(msg: _Message, start: int, value: str, label: str | None, rule: str) -> None:
    """TS / DTM / DT: the date part (YYYYMMDD or YYYYMM) of YYYY[MM[DD[HHMM[SS]]]][+ZZZZ]."""
    if not value:
        return
    comp = value.split(msg.comp, 1)[0]
    lead = len(comp) - len(comp.lstrip())
    m = _TS.match(comp, lead)
    if m is None or not 1 <= int(m.group(2)) <= 12 or (m.group(3) and not 1 <= int(m.group(3)) <= 31):
        return
    msg.spans.append(Span(start + m.start(), start + m.end(), Label.DATE, SCORE, f"hl7:{rule}"))


def _org(msg: _Message, start: int, value: str, label: str, rule: str) -> None:
    """XON (or an organization written in a name field): the name component(s)."""
    comps = msg.components(start, value)
    msg.mark(*comps[0], label, rule)
    if label == Label.ORGANIZATION:  # an employer written as XPN: the further name parts
        for cs, cv in comps[1:3]:
            if _ALPHA_WORD.match(cv.strip() or "-"):
                msg.mark(cs, cv, label, rule)


def _facility(msg: _Message, start: int, value: str, label: str | None, rule: str) -> None:
    """HD: namespace id & universal id & type; the namespace when it names a place."""
    if not value:
        return
    sep = msg.sub if msg.sub in value else msg.comp
    ns_start, ns = _parts(value, start, sep)[0]
    if _is_facility_code(ns):
        msg.mark(ns_start, ns, Label.HOSPITAL, rule)


def _loc(msg: _Message, start: int, value: str, label: str | None, rule: str) -> None:
    """PL: point of care ^ room ^ bed ^ facility (HD) …: the facility."""
    _facility(msg, *_comp(msg.components(start, value), 4), Label.HOSPITAL, rule)


_HANDLERS: dict[str, Callable[..., None]] = {
    "name": _name, "person": _person, "ndl": _ndl, "cx": _cx, "ei": _ei, "id": _ident, "msgid": _msgid,
    "dln": _dln, "addr": _addr, "county": _county, "tel": _tel, "ts": _ts, "org": _org, "fac": _facility,
    "loc": _loc,
}
