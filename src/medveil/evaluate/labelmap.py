"""Label maps: turn any corpus's PHI labels into medveil labels (or ``IGNORE`` to drop them).

A map is a YAML mapping ``{corpus_label: MEDVEIL_LABEL}``. Lookup is case-insensitive. A user map is
layered over the built-in map of the gold format, which is layered over generic aliases; a label
found in none of them is guessed from its name (``...Name`` -> PERSON, ``...Date`` -> DATE ...) and
reported once with a warning.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from pathlib import Path

import yaml

from medveil.io.readers import InputError
from medveil.labels import Label

IGNORE = "IGNORE"


class GoldWarning(UserWarning):
    """A problem in the gold or prediction files that does not stop the evaluation."""


# i2b2 2006 de-identification challenge types.
I2B2_2006: dict[str, str] = {
    "PATIENT": "PATIENT",
    "DOCTOR": "PROVIDER",
    "HOSPITAL": "HOSPITAL",
    "ID": "ID",
    "DATE": "DATE",
    "LOCATION": "LOCATION",
    "PHONE": "PHONE",
    "AGE": "AGE",
}

# i2b2/n2c2 2014 types (CATEGORY:TYPE and bare TYPE both work).
I2B2_2014: dict[str, str] = {
    "NAME:PATIENT": "PATIENT",
    "NAME:DOCTOR": "PROVIDER",
    "NAME:USERNAME": "PROVIDER",
    "PATIENT": "PATIENT",
    "DOCTOR": "PROVIDER",
    "USERNAME": "PROVIDER",
    "PROFESSION": IGNORE,  # not PHI under HIPAA Safe Harbor nor in medveil; map it to a label to score it
    "PROFESSION:PROFESSION": IGNORE,
    "LOCATION:HOSPITAL": "HOSPITAL",
    "LOCATION:STREET": "STREET",
    "LOCATION:CITY": "CITY",
    "LOCATION:STATE": "STATE",
    "LOCATION:COUNTRY": "COUNTRY",
    "LOCATION:ZIP": "ZIP",
    "LOCATION:ORGANIZATION": "ORGANIZATION",
    "LOCATION:LOCATION-OTHER": "LOCATION",
    "HOSPITAL": "HOSPITAL",
    "STREET": "STREET",
    "CITY": "CITY",
    "STATE": "STATE",
    "COUNTRY": "COUNTRY",
    "ZIP": "ZIP",
    "ORGANIZATION": "ORGANIZATION",
    "LOCATION-OTHER": "LOCATION",
    "AGE": "AGE",
    "AGE:AGE": "AGE",
    "DATE": "DATE",
    "DATE:DATE": "DATE",
    "PHONE": "PHONE",
    "FAX": "FAX",
    "EMAIL": "EMAIL",
    "URL": "URL",
    "IPADDR": "IP_ADDRESS",
    "CONTACT:PHONE": "PHONE",
    "CONTACT:FAX": "FAX",
    "CONTACT:EMAIL": "EMAIL",
    "CONTACT:URL": "URL",
    "CONTACT:IPADDR": "IP_ADDRESS",
    "SSN": "SSN",
    "MEDICALRECORD": "MRN",
    "HEALTHPLAN": "HEALTH_PLAN",
    "ACCOUNT": "ACCOUNT",
    "LICENSE": "LICENSE",
    "VEHICLE": "VEHICLE_ID",
    "DEVICE": "DEVICE_ID",
    "BIOID": "ID",
    "IDNUM": "ID",
    "ID:SSN": "SSN",
    "ID:MEDICALRECORD": "MRN",
    "ID:HEALTHPLAN": "HEALTH_PLAN",
    "ID:ACCOUNT": "ACCOUNT",
    "ID:LICENSE": "LICENSE",
    "ID:VEHICLE": "VEHICLE_ID",
    "ID:DEVICE": "DEVICE_ID",
    "ID:BIOID": "ID",
    "ID:IDNUM": "ID",
}

# PhysioNet deid (MIMIC-II nursing notes) phrase types.
PHYSIONET: dict[str, str] = {
    "PTName": "PATIENT",
    "PTNameInitial": "PATIENT",
    "RelativeProxyName": "RELATIVE",
    "ProxyFirstName": "RELATIVE",
    "ProxyLastName": "RELATIVE",
    "DoctorFirstName": "PROVIDER",
    "DoctorLastName": "PROVIDER",
    "DoctorInitials": "PROVIDER",
    "HCPName": "PROVIDER",
    "NurseName": "PROVIDER",
    "Date": "DATE",
    "DateYear": "DATE",
    "Holiday": "DATE",
    "Phone": "PHONE",
    "Location": "LOCATION",
    "StreetAddress": "STREET",
    "Hospital": "HOSPITAL",
    "Age": "AGE",
    "State": "STATE",
    "Country": "COUNTRY",
    "Company": "ORGANIZATION",
    "ProviderNumber": "ID",
    "Other": "ID",
}

# Aliases used by every format: medveil's own labels, common NER / Presidio / i2b2 names.
GENERIC: dict[str, str] = {
    **{lab.value: lab.value for lab in Label},
    "NAME": "PERSON",
    "PER": "PERSON",
    "PERSON_NAME": "PERSON",
    "DOCTOR": "PROVIDER",
    "PHYSICIAN": "PROVIDER",
    "STAFF": "PROVIDER",
    "PHONE_NUMBER": "PHONE",
    "TELEPHONE": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "US_SSN": "SSN",
    "MEDICAL_RECORD": "MRN",
    "MEDICALRECORD": "MRN",
    "DATE_TIME": "DATE",
    "IPADDR": "IP_ADDRESS",
    "IP": "IP_ADDRESS",
    "STREET_ADDRESS": "STREET",
    "ADDRESS": "STREET",
    "ZIPCODE": "ZIP",
    "ZIP_CODE": "ZIP",
    "POSTCODE": "ZIP",
    "ORG": "ORGANIZATION",
    "COMPANY": "ORGANIZATION",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "IDNUM": "ID",
    "HEALTHPLAN": "HEALTH_PLAN",
    "HEALTH_PLAN_NUMBER": "HEALTH_PLAN",
    "CREDIT_CARD": "ACCOUNT",
    "US_BANK_NUMBER": "ACCOUNT",
    "US_DRIVER_LICENSE": "LICENSE",
    "US_PASSPORT": "ID",
    IGNORE: IGNORE,
}

BUILTIN: dict[str, dict[str, str]] = {
    "i2b2-2006": I2B2_2006,
    "i2b2-2014": I2B2_2014,
    "physionet": PHYSIONET,
}

_GUESSES: list[tuple[tuple[str, ...], str]] = [
    (("age",), "AGE"),
    (("patient", "pt"), "PATIENT"),
    (("doctor", "provider", "physician", "nurse", "hcp"), "PROVIDER"),
    (("relative", "proxy", "family"), "RELATIVE"),
    (("name", "initial", "person"), "PERSON"),
    (("date", "year", "month", "day", "time", "holiday"), "DATE"),
    (("fax",), "FAX"),
    (("phone", "tel", "pager", "mobile", "cell"), "PHONE"),
    (("email", "mail"), "EMAIL"),
    (("url", "web"), "URL"),
    (("street", "address"), "STREET"),
    (("zip", "postal"), "ZIP"),
    (("city", "town"), "CITY"),
    (("state", "province"), "STATE"),
    (("country",), "COUNTRY"),
    (("hospital", "clinic", "ward"), "HOSPITAL"),
    (("org", "company"), "ORGANIZATION"),
    (("location", "place", "loc"), "LOCATION"),
]


def guess_label(raw: str) -> str:
    """The medveil label a corpus label most likely means (``ID`` when nothing matches)."""
    words = [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", raw)]
    for keys, label in _GUESSES:
        if any(w == k or (len(k) >= 3 and w.startswith(k)) for w in words for k in keys):
            return label
    return "ID"


def _validate(mapping: Mapping[object, object], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in mapping.items():
        target = str(v).strip().upper() if v is not None else IGNORE
        if target != IGNORE and target not in Label.__members__:
            raise InputError(
                f"{where}: label {k!r} maps to {v!r}, which is neither a medveil label nor IGNORE "
                f"(labels: {', '.join(Label.__members__)})"
            )
        out[str(k).strip().upper()] = target
    return out


class LabelMap:
    """Map corpus labels onto medveil labels; ``map()`` returns ``None`` for labels mapped to IGNORE."""

    def __init__(self, user: Mapping[str, str] | None = None, fmt: str | None = None):
        self.user = _validate(user or {}, "label map")
        self.builtin = _validate(BUILTIN.get(fmt or "", {}), f"built-in {fmt} map")
        self.generic = _validate(GENERIC, "generic map")
        self.guessed: dict[str, str] = {}

    @classmethod
    def load(cls, source: str | Path | Mapping[str, str] | LabelMap | None, fmt: str | None = None) -> LabelMap:
        """Build a map from a YAML file path, a dict, or ``None`` (built-in maps only)."""
        if isinstance(source, LabelMap):
            lm = cls(source.user, fmt)
            return lm
        if source is None or isinstance(source, Mapping):
            return cls(source, fmt)
        p = Path(source)
        if not p.is_file():
            raise InputError(f"{source}: no such label map file")
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise InputError(f"{source}: not a valid YAML label map ({str(e).splitlines()[0]})") from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise InputError(f"{source}: a label map is a YAML mapping {{corpus_label: MEDVEIL_LABEL}}")
        return cls(_validate(data, str(source)), fmt)

    def lookup(self, *keys: str) -> str | None:
        """The target of the first key any layer knows (user, then built-in, then generic), else None."""
        for layer in (self.user, self.builtin, self.generic):
            for k in keys:
                t = layer.get(k.strip().upper())
                if t is not None:
                    return t
        return None

    def map(self, *keys: str) -> str | None:
        """Map a corpus label (more specific keys first) to a medveil label, or ``None`` to drop it."""
        target = self.lookup(*keys)
        if target is None:
            raw = keys[0]
            target = self.guessed.get(raw)
            if target is None:
                target = guess_label(keys[-1])
                self.guessed[raw] = target
                warnings.warn(
                    f"unknown label {raw!r} mapped to {target}; add it to a --label-map to change that",
                    GoldWarning,
                    stacklevel=2,
                )
        return None if target == IGNORE else target
