"""presidio-research synthetic PII sentences (offsets given) mapped onto medveil labels.

Type inventory of synth_dataset_v2.json and what happens to each:

=================  ===========================================================================
PERSON             PERSON (a trailing title like " MD" stays inside, as annotated)
STREET_ADDRESS     STREET (often a full multi-line address with city/ZIP/country: kept whole);
                   a digits-only piece that ends an address line after a word is ZIP
GPE                COUNTRY when a country name, STATE when a US state, else CITY
ORGANIZATION       ORGANIZATION
DATE_TIME          DATE for a day-level date; a "date time" keeps only its date part;
                   dropped: bare years ("1971"), weekdays ("Monday"), pure times ("3pm")
PHONE_NUMBER       PHONE
AGE                AGE when > 89, else dropped (ages up to 89 are not PHI under Safe Harbor)
EMAIL_ADDRESS      EMAIL
ZIP_CODE/US_ZIP    ZIP
US_SSN             SSN
IP_ADDRESS         IP_ADDRESS
CREDIT_CARD        ACCOUNT
IBAN_CODE          ACCOUNT
US_DRIVER_LICENSE  LICENSE
DOMAIN_NAME        URL
TITLE              dropped (job titles and "Mr."/"Dr." are not identifiers)
NRP                dropped (nationality, religion, political group: not HIPAA PHI)
=================  ===========================================================================
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.corpus import US_STATES, resolve_overlaps, trim_span
from benchmarks.splits import split_of

DIRECT = {
    "PERSON": "PERSON",
    "STREET_ADDRESS": "STREET",
    "ORGANIZATION": "ORGANIZATION",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "ZIP_CODE": "ZIP",
    "US_ZIP": "ZIP",
    "ZIP": "ZIP",
    "US_SSN": "SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "CREDIT_CARD": "ACCOUNT",
    "IBAN_CODE": "ACCOUNT",
    "US_DRIVER_LICENSE": "LICENSE",
    "DOMAIN_NAME": "URL",
    "URL": "URL",
    "CITY": "CITY",
    "COUNTRY": "COUNTRY",
    "LOCATION": "LOCATION",
    "US_BANK_NUMBER": "ACCOUNT",
    "US_PASSPORT": "ID",
    "MEDICAL_LICENSE": "LICENSE",
}
DROPPED = {"TITLE", "NRP"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_COUNTRIES: set[str] | None = None


def countries() -> set[str]:
    global _COUNTRIES
    if _COUNTRIES is None:
        from faker.providers.address.en import Provider

        _COUNTRIES = {c.lower() for c in Provider.countries} | {
            "usa", "us", "u.s.", "uk", "united states", "united kingdom", "england", "scotland", "wales",
            "czech republic", "czechia", "russia", "south korea", "north korea", "iran", "syria", "vietnam",
            "bolivia", "venezuela", "tanzania", "greenland",
        }  # fmt: skip
    return _COUNTRIES


def gpe_label(value: str) -> str:
    v = value.strip()
    if v.lower() in countries():
        return "COUNTRY"
    if v.title() in US_STATES or v in US_STATES.values():
        return "STATE"
    return "CITY"


def date_part(value: str) -> tuple[int, int] | None:
    """The [start, end) of the PHI date inside a DATE_TIME value, or None when it is not PHI."""
    v = value.strip()
    if re.fullmatch(r"\d{4}", v) or v.lower() in WEEKDAYS:
        return None
    if re.fullmatch(r"\d{1,2}(:\d{2}){0,2}\s*([ap]\.?m\.?)?", v, re.IGNORECASE):
        return None  # a pure time
    m = re.match(r"(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}(:\d{2})?$", v)
    if m:
        return 0, m.end(1)
    return 0, len(value)


def load(data_dir: Path, limit: int | None = None, stats: dict | None = None) -> list[dict[str, Any]]:
    path = Path(data_dir) / "presidio-synth" / "synth_dataset_v2.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    stats = stats if stats is not None else {}
    inventory: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    docs = []
    for idx, rec in enumerate(records):
        if limit is not None and idx >= limit:
            break
        text = rec["full_text"]
        key = f"presidio:{idx}"
        spans = []
        for s in rec["spans"]:
            typ = s["entity_type"]
            inventory[typ] += 1
            st, en = s["start_position"], s["end_position"]
            if text[st:en] != s["entity_value"]:
                raise ValueError(f"{key}: offsets {st}:{en} do not cover {s['entity_value']!r}")
            if typ in DROPPED:
                dropped[typ] += 1
                continue
            if typ == "AGE":
                digits = re.sub(r"\D", "", s["entity_value"])
                if not digits or int(digits) <= 89:
                    dropped["AGE<=89"] += 1
                    continue
                label = "AGE"
            elif typ == "DATE_TIME":
                part = date_part(s["entity_value"])
                if part is None:
                    dropped["DATE_TIME:" + _date_kind(s["entity_value"])] += 1
                    continue
                st, en = st + part[0], st + part[1]
                label = "DATE"
            elif typ == "GPE":
                label = gpe_label(s["entity_value"])
            elif typ == "STREET_ADDRESS" and _trailing_postcode(text, st, en):
                label = "ZIP"  # the postcode part of an address annotated piece by piece
                dropped["STREET_ADDRESS->ZIP (relabelled, kept)"] += 1
            elif typ in DIRECT:
                label = DIRECT[typ]
            else:
                raise ValueError(f"{key}: unmapped presidio entity type {typ!r}")
            st, en = trim_span(text, st, en)
            if st < en:
                spans.append({"start": st, "end": en, "label": label, "value": text[st:en]})
        docs.append(
            {
                "id": key,
                "text": text,
                "spans": resolve_overlaps(spans),
                "source": "presidio",
                "split": split_of(key),
                "template_id": rec.get("template_id"),
            }
        )
    stats["presidio_inventory"] = dict(inventory.most_common())
    stats["presidio_dropped"] = dict(dropped.most_common())
    return docs


def _trailing_postcode(text: str, st: int, en: int) -> bool:
    """A digits-only STREET_ADDRESS piece that ends its line after a word ("Estonia 62488")."""
    v = text[st:en]
    return (
        bool(re.fullmatch(r"\d{4,6}(-\d{3,4})?", v))
        and bool(re.search(r"[A-Za-z]\s+$", text[max(0, st - 20) : st]))
        and bool(re.match(r"\s*(?:$|\n|[,.;)])", text[en:]))
    )


def _date_kind(v: str) -> str:
    v = v.strip()
    if re.fullmatch(r"\d{4}", v):
        return "year"
    if v.lower() in WEEKDAYS:
        return "weekday"
    return "time"
