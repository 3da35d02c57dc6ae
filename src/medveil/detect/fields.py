"""Labelled fields inside free text: ``Facility: Smart Manor``, ``<city>Boston</city>``, ``Re: Jane Doe``.

Exports, letters and discharge summaries carry PHI in labelled slots. The field name says what the
value is, so the value is flagged whatever the lexicons know of it. Names in such slots are found
by the name detector's header cues; this detector covers places and organizations.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from medveil import lexicons as lex
from medveil.detect.names import CREDENTIALS
from medveil.document import Document, Span
from medveil.labels import Label

FIELD_LABELS: dict[str, str] = {
    "facility": Label.HOSPITAL, "hospital": Label.HOSPITAL, "institution": Label.HOSPITAL,
    "clinic": Label.HOSPITAL, "location": Label.HOSPITAL, "transferred from": Label.HOSPITAL,
    "referring hospital": Label.HOSPITAL, "outside hospital": Label.HOSPITAL, "osh": Label.HOSPITAL,
    "city": Label.CITY, "town": Label.CITY, "state": Label.STATE, "province": Label.STATE,
    "country": Label.COUNTRY, "zip": Label.ZIP, "zip code": Label.ZIP, "zipcode": Label.ZIP, "postal code": Label.ZIP,
    "postalcode": Label.ZIP, "streetaddressline": Label.STREET, "streetaddress": Label.STREET,
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


# The end of a slot's value on a header line that packs several "Key: value" slots: the next "Key:" or
# "Key #:", a comma, a bracket, two spaces, a tab or the end of the line.
_SLOT_END = r"(?=[ \t]*(?:$|[\n;|\t(),])|[ \t]{2}|[ \t]+[A-Z][A-Za-z.]*(?:[ \t][A-Za-z.]+)?[ \t]*#?[ \t]*:)"
# Organizations in such a slot anywhere on a line ("DOB: 1979-11-03 Ins: Aetna PPO Member #: W193", "Employer:
# Dunmore Tool & Die Phone: ..."). Insurers are organizations like the others here (the locations detector marks
# "<Name> Insurance" and "<Name> Health Plan" too), though HIPAA's list names only the member number and the
# generated benchmark leaves "PAYER: Tufts HP" unmarked.
_ORG_KEYS = (
    "primary insurance", "secondary insurance", "insurance carrier", "insurance", "ins", "insurer", "payer", "payor",
    "carrier", "preferred pharmacy", "pharmacy", "employer", "parish", "church", "school", "workplace",
)
_ORG_FIELD = re.compile(
    r"(?<![\w/])(?i:(" + "|".join(re.escape(k) for k in _ORG_KEYS) + r"))[ \t]*:[ \t]*"
    r"([A-Z0-9][^\n:;|\t(),]{0,60}?)" + _SLOT_END,
    re.MULTILINE,
)
# Places in a slot after a column gap or a separator ("ZIP: 02139  City: Cambridge  State: MA", "| State: NM |",
# "CDL #: S44-921 (State: CT)"):
# the line-start fields above miss the second and later slots of such a line.
_PLACE_KEYS = {k: v for k, v in FIELD_LABELS.items() if v in (Label.CITY, Label.STATE, Label.ZIP, Label.COUNTRY)}
_PLACE_FIELD = re.compile(
    r"(?:\t|[ \t]{2}|[|;(][ \t]*)(?i:(" + "|".join(sorted(map(re.escape, _PLACE_KEYS), key=len, reverse=True)) + r"))"
    r"[ \t]*:[ \t]*([A-Za-z0-9][^\n:;|\t(),]{0,40}?)" + _SLOT_END,
    re.MULTILINE,
)
# cheap gates for the two: the word before one of the note's colons must be a key's last word
_ORG_KEY_WORDS = frozenset(k.rsplit(None, 1)[-1] for k in _ORG_KEYS)
_PLACE_KEY_WORDS = frozenset(k.rsplit(None, 1)[-1] for k in _PLACE_KEYS)
_ZIP_VALUE = re.compile(r"\d{5}(?:-\d{4})?")


def _words_before_colons(text: str) -> set[str]:
    """The lowercase word right before each colon of ``text`` ("Ins: …" → "ins")."""
    out = set()
    colon = text.find(":")
    while colon >= 0:
        head = text[max(0, colon - 16) : colon].rstrip(" \t").rsplit(None, 1)
        if head:
            out.add(head[-1].lower().lstrip("(|;"))  # "(State: CT)", "|State: NM"
        colon = text.find(":", colon + 1)
    return out


def _place_value(label: str, value: str) -> str:
    """The part of a place slot's value that is the place, or '' when the value is none."""
    if label == Label.ZIP:
        return value if _ZIP_VALUE.fullmatch(value) else ""
    if label == Label.STATE:
        return value if (value.lower() in lex.us_state_forms() or (len(value) == 2 and value.isupper())) else ""
    words = _name_words(value)
    return words if words and len(words.split()) <= 4 and not _STOP_VALUE.match(words) else ""


_RECORD_WORDS = frozenset({"hosp", "acct", "mrn", "med", "rec", "pt", "enc", "fin", "csn", "adm", "doc", "job", "ref", "po", "inv"})
_SITE_RECORD_NUMBER = re.compile(r"#[ \t]?:?[ \t]*(\d[\d-]{4,14}\d)\b(?![./]\d)")
_SITE_BEFORE = re.compile(r"([A-Z]{2,6})[ \t]?\Z")
# a header row: a report number, the hospital's code, the record number, an empty field, a visit number, then a date
_RECORD_HEADER = re.compile(
    r"(?m)^[ \t]*\d{5,12}[ \t]*\|[ \t]*([A-Z][A-Z0-9]{1,7})[ \t]*\|[ \t]*(\d{5,12})[ \t]*\|[ \t]*\|[ \t]*\d{4,12}[ \t]*\|"
    r"(?=[ \t]*\d{1,4}[/-]\d{1,2}[/-]\d{2,4})")
# the same header one field per line, at the top of the note: "448120937\nLHMC\n51847723\n668201\n02/11/2019 12:00:00 AM"
# (the record number and the hospital's code may share the first line); every number before the date is an identifier
_RECORD_HEADER_LINES = re.compile(
    r"\A\s*(\d{5,12})(?:[ \t]+|[ \t]*\n[ \t]*)([A-Z][A-Z0-9]{1,7})[ \t]*\n((?:[ \t]*\d{4,12}[ \t]*\n){1,3})"
    r"(?=[ \t]*\d{1,2}/\d{1,2}/\d{2,4}[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*[AP]M)")
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
        if len(w) > 4 and w.endswith(".") and w.lower() not in _NAME_ABBREVIATIONS:
            break  # a sentence ends: "Insurance: Medica. Life insurance through work"
    return " ".join(words[:keep]).rstrip(" \t.")


_NAME_ABBREVIATIONS = frozenset({"corp.", "assn.", "mgmt.", "dept.", "bros.", "intl."})  # inside a name ("Acme Corp. Plan")


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


# --- comma-separated tables pasted into a note: a header row names each column --------------------------
# a kind of care or who gave it, or a short heading that may be either ("rt": a respiratory therapist or "right"):
# a name only when the cell looks like one (``_person_cell``)
_KIND_OR_PERSON_COLUMNS = frozenset({"anesthesia", "anesth", "rt", "rrt", "pa", "np", "sw"})
_COLUMN_LABELS: dict[str, str] = {
    **dict.fromkeys(("last", "lastname", "last_name", "surname", "family", "familyname", "family_name", "first",
                     "firstname", "first_name", "given", "givenname", "given_name", "middle", "name", "patient",
                     "patientname", "patient_name", "pt_name", "ptname", "full_name"), Label.PATIENT),
    **dict.fromkeys(("guardian", "parent", "mother", "father", "contact", "emergency_contact", "next_of_kin", "nok",
                     "spouse", "caregiver", "guarantor", "subscriber"), Label.RELATIVE),
    **dict.fromkeys(("provider", "pcp", "physician", "doctor", "attending", "clinician", "md", "nurse", "therapist",
                     "ordering_provider", "referring_provider", "rn", "nurse_name", "assigned_rn", "resident", "fellow",
                     "intern", "surgeon", "author", "provider_name", "physician_name", "anesthesiologist",
                     "anesthetist", "crna", "scrub", "circulator", "proceduralist", "sonographer", "technologist",
                     "radiologist", "pathologist", "interpreter", "caseworker", "midwife", "respiratory_therapist",
                     "pharmacist", "dietitian", "social_worker", "case_manager", "cnm", "lpn", "cna", "scribe", "chw",
                     "promotora", "navigator", "mgr", "case_mgr"), Label.PROVIDER),
    # a column that may hold a kind ("GA", "MAC", "spinal") or the person who gave it ("FOSTER M"): a name only
    # when the cell looks like one (``_KIND_OR_PERSON_COLUMNS``)
    **dict.fromkeys(_KIND_OR_PERSON_COLUMNS, Label.PROVIDER),
    **dict.fromkeys(("clinic", "facility", "hospital", "site", "practice", "agency"), Label.HOSPITAL),
    **dict.fromkeys(("employer", "school", "company", "insurer", "payer", "payor", "insurance", "pharmacy", "org",
                     "organization"), Label.ORGANIZATION),
    # the last word of a column of who did something: "administered_by", "entered_by", "ordered_by"
    "by": Label.PROVIDER,
    **dict.fromkeys(("dob", "birth_date", "birthdate", "date_of_birth", "date", "visit_date", "admit_date",
                     "discharge_date", "service_date", "dos", "appt_date", "appointment", "death_date"), Label.DATE),
    **dict.fromkeys(("phone", "tel", "telephone", "mobile", "cell", "home_phone", "work_phone", "phone_number",
                     "guardian_phone", "contact_phone"), Label.PHONE),
    "fax": Label.FAX, "email": Label.EMAIL, "e_mail": Label.EMAIL, "city": Label.CITY, "town": Label.CITY,
    "state": Label.STATE, "country": Label.COUNTRY, "county": Label.LOCATION, "parish": Label.LOCATION,
    **dict.fromkeys(("zip", "zipcode", "zip_code", "postal_code", "postcode"), Label.ZIP),
    **dict.fromkeys(("address", "street", "addr", "address1", "address_1", "address_line", "street_address"),
                    Label.STREET),
    **dict.fromkeys(("mrn", "patient_id", "pt_id", "patientid", "chart", "chart_no", "record", "medical_record"),
                    Label.MRN),
    "ssn": Label.SSN, "account": Label.ACCOUNT, "acct": Label.ACCOUNT, "account_number": Label.ACCOUNT,
    "member_id": Label.HEALTH_PLAN, "policy": Label.HEALTH_PLAN, "policy_number": Label.HEALTH_PLAN,
}
_HEADER_CELL = re.compile(r"[A-Za-z][A-Za-z0-9_ #./&()-]{0,30}")  # "AGE/SEX", "DX / ACTIVE ISSUES", "PHONE (HOME)"


def _unquoted(cell: str) -> str:
    """A header cell without its spaces and the double quotes a CSV writer puts around it ('"bed"' → 'bed')."""
    cell = cell.strip()
    return cell[1:-1].strip() if len(cell) > 1 and cell[0] == cell[-1] == '"' else cell


def _column_key(cell: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", cell.strip().lower()).strip("_")


# words of prose, never of a column name
_PROSE_WORDS = frozenset("the a an of in on at to it is was and or with this that for by from his her their".split())
# the last word of a column name that says it holds a number identifying something ("appt_id", "order_no")
_ID_HEADS = frozenset({"id", "no", "num", "nbr", "number"})
# … unless what it numbers is a place in the unit or a clinical code ("bed_no", "icd_id", "ndc_number")
_NOT_ID_SUBJECTS = frozenset({"bed", "room", "rm", "bay", "icd", "cpt", "ndc", "loinc", "code", "lot", "dx", "line", "row", "step"})


def _column_label(key: str) -> str | None:
    """The PHI label of a table column by its name (``_column_key``), or None. A name not listed is read by its
    words: the last one ("mother_phone" → PHONE, "primary_rn" → PROVIDER, "appt_id" → ID), or the first one before
    "name" ("pcp_name" → PROVIDER, "mother_name" → RELATIVE)."""
    label = _COLUMN_LABELS.get(key)
    if label is None and key.endswith(_SPECIALIST_ENDINGS):
        return Label.PROVIDER  # "nephrologist", "primary_oncologist", "podiatrist", "obstetrician"
    if label is not None or "_" not in key:
        return label
    words = key.split("_")
    if len(words) > 3 or not _PROSE_WORDS.isdisjoint(words):
        return None  # "the operative surgeon", "small hole in it": a line of prose with commas is no header
    head = words[0] if words[-1] == "name" else words[-1]
    if head in _ID_HEADS:
        return Label.ID if words[0] not in _NOT_ID_SUBJECTS and words[0] not in _PLAIN_COLUMNS else None
    return _COLUMN_LABELS.get(head)


_SPECIALIST_ENDINGS = ("ologist", "iatrist", "ician")
_TABLE_DELIMITERS = (",", "|", "\t", ";")
_NAME_COLUMNS = frozenset({Label.PATIENT, Label.RELATIVE, Label.PROVIDER})
_PERSON_CELL = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:,?[ \t]+[^\W\d_][^\W\d_'’.-]*){1,3}")  # "FOSTER M", "Love, Karen"


def _person_cell(value: str) -> bool:
    """A cell of two to four words, each an initial or a name the lexicons know, the first no clinical abbreviation
    ("FOSTER M", "Love, Karen"; not "GA", "MAC", "spinal + GA", "general endotracheal")."""
    if _PERSON_CELL.fullmatch(value) is None:
        return False
    words = [w.strip(",.").lower() for w in value.split()]
    return words[0] not in lex.clinical_abbreviations() and all(
        len(w) == 1 or w in lex.last_names() or w in lex.first_names() for w in words)


# an export's header given as a comment before its rows: "# columns: mrn,last,first,dob"
_COLUMNS_LABEL = re.compile(r"^[ \t]*#?[ \t]*(?i:columns?|fields?|header)[ \t]*[:=][ \t]*")
_COLUMNS_LABEL_FIRST = frozenset("#cCfFhH")  # a line that may start with it (a cheap test before the regex)


def _header_keys(line: str, delim: str) -> list[str] | None:
    """The column keys of ``line`` when it is a header row cut by ``delim``: three cells or more, each a column's
    name, two of them PHI columns (``_column_label``)."""
    if line.count(delim) < 2:
        return None
    cells = line.split(delim)
    if not all(_HEADER_CELL.fullmatch(_unquoted(c)) for c in cells):
        return None
    keys = [_column_key(c) for c in cells]
    return keys if sum(_column_label(k) is not None for k in keys) >= 2 else None


def _csv_tables(text: str) -> Iterator[tuple[list[str], str, int, int]]:
    """(column keys, delimiter, start, end) of each delimited table: a header row of at least three column
    names separated by commas, pipes, tabs or semicolons, two of them PHI columns (``_column_label``), then
    the rows that follow until a blank line ("MRN|PT_NAME|DOB|…" after an export's banner line)."""
    pos = 0
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        raw = text[pos:end].rstrip("\r")
        line = _COLUMNS_LABEL.sub("", raw, count=1) if raw[:1] in _COLUMNS_LABEL_FIRST else raw
        for delim in _TABLE_DELIMITERS:
            keys = _header_keys(line, delim) if line.count(delim) >= 2 else None  # (the count first: most lines)
            if keys is not None:
                if line != raw:  # a commented list of the columns: the header row itself may follow it
                    nxt = text.find("\n", end + 1)
                    after = text[end + 1 : n if nxt < 0 else nxt].rstrip("\r")
                    if any(_header_keys(after, d) is not None for d in _TABLE_DELIMITERS):
                        break
                body_end = text.find("\n\n", end)
                body_end = n if body_end < 0 else body_end
                yield keys, delim, end + 1, body_end
                pos = body_end
                break
        pos = max(pos, end) + 1


# columns whose cells hold no identifier: care data, codes and places in the unit ("BED", "WT_G", "RESP", "DX")
_PLAIN_COLUMNS = frozenset(
    """bed rm room bay age sex gender age_sex wt wt_g wt_kg weight ht height bmi ga ga_birth pma dol hd pod_day
    resp resp_support o2 fio2 vent mode diet code code_status status acuity iso isolation dx diagnosis problem issues
    plan lines lines_tubes tubes drips abx allergies allergy temp hr bp rr spo2 sat labs meds fall_risk braden
    dnr los""".split())
_CELL_TOKEN = re.compile(r"[^\s|,;\t]+")


@lru_cache(maxsize=4)
def _tables(text: str) -> tuple[tuple[list[str], str, int, int], ...]:
    """``_csv_tables`` of a note, kept for the last few notes: the field pass and the model pass both read them."""
    return tuple(_csv_tables(text))


def _row_cells(line: str, delim: str, width: int) -> list[tuple[str, int]]:
    """The cells of a table row as (value without outer blanks, offset in ``line``), read as CSV (a quoted cell may hold
    the delimiter: '"CHEST PAIN, CREOLE INTERPRETER"'); none unless the row has ``width`` cells. A cell's offset is
    where its value is found in the raw line (quotes and doubled quotes stay in the text); -1 for an empty one."""
    try:
        cells = next(csv.reader([line], delimiter=delim))
    except (csv.Error, StopIteration):
        return []
    if len(cells) != width:
        return []
    out, at = [], 0
    for cell in cells:
        value = cell.strip()
        k = line.find(value, at) if value else -1
        if k >= 0:
            at = k + len(value)
        out.append((value, k))
    return out


_HEADER_WORD = re.compile(r"[^\W_]+")


def plain_cells(text: str) -> frozenset[int]:
    """Where the one-word cells of a table's plain columns (``_PLAIN_COLUMNS``) start, and the words of its header row:
    a bed number, a weight, a sex, a respiratory mode ("1185", "F", "NIPPV", "RA") or a column's name ("ADDR",
    "COMMENT") is no identifier, whatever a model reads in its neighbours."""
    out: set[int] = set()
    for keys, delim, start, end in _tables(text):
        header = text.rfind("\n", 0, max(0, start - 1)) + 1
        out.update(m.start() for m in _HEADER_WORD.finditer(text, header, max(header, start - 1)))
        plain = [k in _PLAIN_COLUMNS for k in keys]
        if not any(plain):
            continue
        pos = start
        for line in text[start:end].split("\n"):
            for (value, k), is_plain in zip(_row_cells(line, delim, len(keys)), plain, strict=False):
                if is_plain and k >= 0 and len(words := _CELL_TOKEN.findall(value)) == 1:
                    out.add(pos + k + value.index(words[0]))
            pos += len(line) + 1
    return frozenset(out)


_NAME_WORD = re.compile(r"[^\W\d_]{3}")  # three letters in a row: a word, not a code ("C61.9")
# the given name of a newborn not named yet ("KIM, BABY BOY", "BEREZIN, BABY A", "Infant Girl"): no identifier
_NEWBORN_PLACEHOLDER = frozenset("baby boy girl infant newborn nb male female twin a b c d unnamed".split())


def _cell_value(value: str, label: str) -> str:
    """The part of a cell that is PHI: a name cell loses a trailing credential ("HOLM, BIRGIT MD"); a newborn's
    placeholder name ("BABY BOY", "BABY A") and a remark with numbers or brackets are none."""
    if label in (Label.HOSPITAL, Label.ORGANIZATION) and not _NAME_WORD.search(value):
        return ""  # a "primary_site" column of a tumour registry holds a code ("C61.9"), no hospital
    if label == Label.ID and (len(value.split()) > 1 or sum(c.isdigit() for c in value) < 2):
        return ""  # a column named "…_id" holds one code with digits ("A-77120"), not "Wahid Popal (2291)"
    if label in _NAME_COLUMNS:
        words = value.split()
        if words and words[0].lower() in ("baby", "infant", "newborn") and all(w.lower().strip(".,") in _NEWBORN_PLACEHOLDER for w in words):
            return ""
        if any(c.isdigit() or c in "();" for c in value):
            return ""  # "mom Lorena 206-555-0124", "(see twin A)": a remark, left to the other detectors
        while len(words) > 1 and words[-1].lower().strip(".,") in CREDENTIALS:
            words.pop()
        value = value[: value.rfind(words[-1]) + len(words[-1])] if words else ""
        value = value.rstrip(" ,")
    return value


# an age column ("age", "age_yrs") is a plain column, but an age of 90 or more in it is PHI ("92", "94 y")
_AGE_COLUMNS = frozenset({"age", "age_yrs", "age_years", "age_y", "pt_age", "patient_age", "age_at_visit"})
_AGE_CELL = re.compile(r"(\d{2,3})(?:[ \t]*(?:y|yo|yrs?|years?)\.?)?")


def _csv_spans(text: str) -> list[Span]:
    """The PHI cells of delimited tables pasted into a note, labelled by their column."""
    out: list[Span] = []
    for keys, delim, start, end in _tables(text):
        labels = [Label.AGE if k in _AGE_COLUMNS else _column_label(k) for k in keys]
        for j, k in enumerate(keys):
            # "st" is a state beside the city or the ZIP ("CITY|ST|ZIP"); alone it may be a status or a street
            if k in ("st", "st_cd", "state_cd") and labels[j] is None and (
                    (j > 0 and labels[j - 1] == Label.CITY) or (j + 1 < len(keys) and labels[j + 1] == Label.ZIP)):
                labels[j] = Label.STATE
        pos = start
        for line in text[start:end].split("\n"):
            if cells := _row_cells(line, delim, len(labels)):
                for key, (value, k), label in zip(keys, cells, labels, strict=True):
                    if k < 0:
                        continue
                    if label is None or not any(c.isalnum() for c in value) or _STOP_VALUE.match(value):
                        continue
                    if label == Label.DATE and not any(c.isdigit() for c in value):
                        continue
                    if label == Label.AGE:
                        age = _AGE_CELL.fullmatch(value)
                        if age and 90 <= int(age.group(1)) <= 125:
                            out.append(Span(pos + k, pos + k + len(age.group(1)), label, 0.9, "fields:csv"))
                        continue
                    if key in _KIND_OR_PERSON_COLUMNS and not _person_cell(value):
                        continue
                    value = _cell_value(value, label)
                    if value:
                        out.append(Span(pos + k, pos + k + len(value), label, 0.9, "fields:csv"))
            pos += len(line) + 1
    return out


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
            if (not value or _PLAN_TYPE.fullmatch(" " + value) or value.split()[0].lower() in lex.drug_names()
                    or _NO_ORGANIZATION.match(value) or len(value.split()) > 6 or not any(c.isalpha() for c in value)):
                continue
            key = m.group(1).lower()
            out.append(Span(m.start(2), m.start(2) + len(value), Label.ORGANIZATION, 0.85, f"fields:{key.replace(' ', '_')}"))
        for m in _PLACE_FIELD.finditer(text) if not keys.isdisjoint(_PLACE_KEY_WORDS) else ():
            key = m.group(1).lower()
            label = _PLACE_KEYS[key]
            value = _place_value(label, m.group(2).rstrip(" \t."))
            if value:
                out.append(Span(m.start(2), m.start(2) + len(value), label, 0.85, f"fields:{key.replace(' ', '_')}"))
        if any(text.count(d) >= 4 for d in _TABLE_DELIMITERS):
            out.extend(_csv_spans(text))
        for m in _SITE_RECORD_NUMBER.finditer(text) if "#" in text else ():
            # "FHI #681-22-94", "PCHC# 00391127": a record number after the initials of the site that keeps it (found
            # from the "#": a literal the regex engine skips to)
            site = _SITE_BEFORE.search(text, max(0, m.start() - 8), m.start())
            if site is None or (site.start() > 0 and (text[site.start() - 1].isalnum() or text[site.start() - 1] in "#/-")):
                continue
            word = site.group(1).lower()
            if (word in lex.clinical_abbreviations() or lex.word_frequency(word) >= 3.5 or word in FIELD_LABELS
                    or word in _RECORD_WORDS):
                continue  # "ICU # 12345", "HOSP #: 6600412", "MRN# …": a field or a unit, no site
            out.append(Span(site.start(1), site.end(1), Label.HOSPITAL, 0.7, "fields:site_record"))
            out.append(Span(m.start(1), m.end(1), Label.MRN, 0.85, "fields:site_record"))
        for m in _RECORD_HEADER.finditer(text) if " | " in text else ():
            # "018636330 | WCH | 07742915 | | 5531208 | 11/02/2004 12:00:00 AM | …": the hospital's code and the record
            # number of a discharge summary's header row (the layout of the i2b2 2006 corpus)
            out.append(Span(m.start(1), m.end(1), Label.HOSPITAL, 0.9, "fields:record_header"))
            out.append(Span(m.start(2), m.end(2), Label.MRN, 0.9, "fields:record_header"))
        if (m := _RECORD_HEADER_LINES.match(text)) is not None:
            out.append(Span(m.start(1), m.end(1), Label.ID, 0.9, "fields:record_header"))
            out.append(Span(m.start(2), m.end(2), Label.HOSPITAL, 0.9, "fields:record_header"))
            for k, num in enumerate(re.finditer(r"\d+", m.group(3))):
                s = m.start(3) + num.start()
                out.append(Span(s, s + len(num.group()), Label.MRN if k == 0 else Label.ID, 0.9, "fields:record_header"))
        attributes = _NAME_ATTRIBUTE.finditer(text) if ('="' in text or "='" in text) else ()
        for m in attributes:
            value = m.group(3).strip()
            if not value or _STOP_VALUE.match(value) or not any(c.isalpha() for c in value):
                continue
            label = _ATTRIBUTE_LABELS.get(m.group(1).lower(), Label.PROVIDER)
            s = m.start(3) + m.group(3).index(value)
            out.append(Span(s, s + len(value), label, 0.85, f"fields:{m.group(1).lower()}_attribute"))
        return out
