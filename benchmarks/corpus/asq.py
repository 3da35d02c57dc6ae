"""ASQ-PHI: synthetic clinician queries with PHI values (no offsets); values are turned into spans.

Every occurrence of every tagged value is labelled. Types map onto medveil labels:
NAME -> PROVIDER after "Dr."/"Doctor" or before ", MD" etc., PATIENT after "Mr./Mrs./Ms./patient",
else PERSON; GEOGRAPHIC_LOCATION is split at ", " and " in " into parts, each labelled HOSPITAL (a
facility), STREET, ZIP, STATE, CITY (a known city or the tail of "<city>, <state>") or LOCATION.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

from benchmarks.corpus import US_STATES, find_all, is_known_city, resolve_overlaps, trim_span
from benchmarks.splits import split_of

TYPE_MAP = {
    "DATE": "DATE",
    "MEDICAL_RECORD_NUMBER": "MRN",
    "HEALTH_PLAN_BENEFICIARY_NUMBER": "HEALTH_PLAN",
    "PHONE_NUMBER": "PHONE",
    "FAX_NUMBER": "FAX",
    "SOCIAL_SECURITY_NUMBER": "SSN",
    "EMAIL_ADDRESS": "EMAIL",
    "UNIQUE_IDENTIFIER": "ID",
    "ACCOUNT_NUMBER": "ACCOUNT",
    "CERTIFICATE_LICENSE_NUMBER": "LICENSE",
    "IP_ADDRESS": "IP_ADDRESS",
    "URL": "URL",
    "WEB_URL": "URL",
    "DEVICE_IDENTIFIER": "DEVICE_ID",
    "VEHICLE_IDENTIFIER": "VEHICLE_ID",
}

FACILITY = re.compile(
    r"\b(hosp\.?|hospitals?|clinics?|medical|med|cent(er|re)s?|health|healthcare|gen|general|"
    r"presbyterian|sinai|kettering|anderson|office|institute|infirmary|care|group|practice|"
    r"associates|pediatrics|oncology|cardiology|neurology|rehab|rehabilitation|hospice|"
    r"urgent|er|ed|icu|ward|unit|university|college|memorial|children'?s|children’s|"
    r"mayo|cedars|hopkins|langone|kaiser|permanente|geisinger|baylor|scripps|mercy|"
    r"vanderbilt|emory|duke|cornell|columbia|harborview|bellevue|elmhurst|samaritan|"
    r"ucla|ucsf|uwmc|nyu|mgh|ohsu|upmc|va|st\.?|saint|mt\.?|mount|beth\s+israel)\b",
    re.IGNORECASE,
)
STREET = re.compile(
    r"^\d+[A-Za-z]?\s+.*\b(st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive|way|ct|court|"
    r"pl|place|pkwy|parkway|hwy|highway|ter|terrace|cir|circle)\b\.?$",
    re.IGNORECASE,
)
TITLE_PROVIDER = re.compile(r"(\b(dr|doctor|prof|professor|nurse|np|pa|rn)\.?\s*)$", re.IGNORECASE)
TITLE_PATIENT = re.compile(r"(\b(mr|mrs|ms|miss|patient|pt|client)\.?,?\s*)$", re.IGNORECASE)
LEADING_TITLE = re.compile(r"^(dr|doctor|prof|mr|mrs|ms|miss)\.?\s+", re.IGNORECASE)
POST_PROVIDER = re.compile(r"^,?\s*(md|m\.d\.|do|d\.o\.|rn|np|pa-c|phd|dds)\b", re.IGNORECASE)
SENT_PUNCT = ".!?;:,"


def _trim_value(value: str) -> str:
    """Trim trailing sentence punctuation, but keep the period of a trailing initial ("Anna S.")."""
    v = value.strip()
    while v and v[-1] in SENT_PUNCT:
        if v[-1] == "." and re.search(
            r"(\b[A-Z]|\b(Jr|Sr|St|Dr|Mr|Mrs|Ms|Hosp|Ave|St|Rd|Blvd|Inc|Co))\.$", v
        ):
            break
        v = v[:-1].rstrip()
    return v


def _name_label(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 20) : start]
    after = text[end : end + 12]
    if TITLE_PROVIDER.search(before) or POST_PROVIDER.match(after):
        return "PROVIDER"
    if TITLE_PATIENT.search(before):
        return "PATIENT"
    return "PERSON"


def _geo_part_label(part: str, *, after_comma: bool, before_text: str, after_in: bool = False) -> str:
    p = part.strip()
    if re.fullmatch(r"\d{5}(-\d{4})?", p):
        return "ZIP"
    if STREET.match(p):
        return "STREET"
    if re.fullmatch(r"[A-Z][a-z]+\s+(Street|Avenue|Road|Boulevard|Lane|Drive)", p):
        return "STREET"
    if p == "LA":
        return "CITY"  # Los Angeles far more often than Louisiana in these queries
    if p in US_STATES or (p in US_STATES.values() and (after_comma or after_in)):
        return "STATE"
    if FACILITY.search(p) or re.search(r"'s$|’s$|[a-z](Care|Health|Med)$|\b(facility|practice)$", p):
        return "HOSPITAL"
    if re.search(
        r"\b(moved|relocated|lives?|living|resid(es|ing)|born|from)\s+(to|in)?\s*$",
        before_text,
        re.IGNORECASE,
    ):
        return "CITY" if is_known_city(p) or p.endswith("City") else "LOCATION"
    if is_known_city(p):
        return "CITY"
    if after_comma or after_in:
        return "CITY"
    # bare place after "at" (seen at X) is most likely a facility
    if re.search(r"\b(at|to|from)\s*$", before_text, re.IGNORECASE) and not re.search(
        r"\b(in|near|lives?|living|moved)\s*$", before_text, re.IGNORECASE
    ):
        return "HOSPITAL"
    return "LOCATION"


def _split_geo(value: str) -> list[tuple[int, int, bool]]:
    """Cut a location value into parts at ', ' and ' in ': (start, end, after_comma)."""
    parts: list[tuple[int, int, bool]] = []
    pos = 0
    after_comma = False
    for m in re.finditer(r",\s*|\s+in\s+", value):
        parts.append((pos, m.start(), after_comma))
        after_comma = m.group().startswith(",")
        pos = m.end()
    parts.append((pos, len(value), after_comma))
    return [p for p in parts if value[p[0] : p[1]].strip()]


def parse(path: Path) -> list[tuple[str, list[dict[str, str]]]]:
    """Return [(query text, [{identifier_type, value}])] in file order."""
    raw = path.read_text(encoding="utf-8")
    out = []
    for block in raw.split("===QUERY===")[1:]:
        query, _, tags = block.partition("===PHI_TAGS===")
        text = query.strip("\n").strip()
        phi = [json.loads(line) for line in tags.splitlines() if line.strip()]
        out.append((text, phi))
    return out


def load(data_dir: Path, limit: int | None = None, stats: dict | None = None) -> list[dict[str, Any]]:
    path = Path(data_dir) / "asq-phi" / "synthetic_clinical_queries.txt"
    stats = stats if stats is not None else {}
    docs = []
    not_found = 0
    for idx, (text, phi) in enumerate(parse(path)):
        if limit is not None and idx >= limit:
            break
        key = f"asq:{idx}"
        spans: list[dict[str, Any]] = []
        for tag in phi:
            typ = tag["identifier_type"]
            value = _trim_value(str(tag["value"]))
            occ = find_all(text, value)
            if not occ:
                occ = find_all(text, value, word_bounded=False)
            if not occ and "'" in value:
                value = value.replace("'", "\u2019")  # the query may use a typographic apostrophe
                occ = find_all(text, value)
            if not occ:
                # retry case-insensitively (values are sometimes re-cased in the tag)
                occ = [(m.start(), m.end()) for m in re.finditer(re.escape(value), text, re.IGNORECASE)]
            if not occ:
                not_found += 1
                warnings.warn(f"{key}: {typ} value {value!r} not found in the query", stacklevel=2)
                continue
            for st, en in occ:
                if typ == "NAME":
                    # a title inside the value ("Dr. Clara Bennett") decides the role but is not PHI
                    m = LEADING_TITLE.match(text[st:en])
                    s2 = st + m.end() if m and en - st > m.end() else st
                    spans.append({"start": s2, "end": en, "label": _name_label(text, s2, en)})
                elif typ == "GEOGRAPHIC_LOCATION":
                    for ps, pe, after_comma in _split_geo(value):
                        s2, e2 = trim_span(text, st + ps, st + pe)
                        s2, e2 = _strip_article(text, s2, e2)
                        if s2 >= e2:
                            continue
                        lab = _geo_part_label(
                            text[s2:e2],
                            after_comma=after_comma,
                            after_in=ps > 0 and not after_comma,
                            before_text=text[max(0, st - 30) : st],
                        )
                        spans.append({"start": s2, "end": e2, "label": lab})
                elif typ in TYPE_MAP:
                    spans.append({"start": st, "end": en, "label": TYPE_MAP[typ]})
                else:
                    raise ValueError(f"{key}: unmapped ASQ type {typ!r}")
        spans = resolve_overlaps(spans)
        for s in spans:
            s["value"] = text[s["start"] : s["end"]]
        docs.append(
            {
                "id": key,
                "text": text,
                "spans": spans,
                "source": "asq",
                "split": split_of(key),
                "hard_negative": not phi,
            }
        )
    stats["asq_values_not_found"] = not_found
    return docs


def _strip_article(text: str, s: int, e: int) -> tuple[int, int]:
    """Leave a leading "the " outside a place span ("the Bronx" -> "Bronx")."""
    m = re.match(r"the\s+", text[s:e], re.IGNORECASE)
    if m and e - s > m.end():
        s += m.end()
    return s, e
