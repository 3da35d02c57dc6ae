"""The PHI label taxonomy: what medveil finds, and how each label maps to HIPAA and i2b2 2014.

A *direct* identifier points at a person on its own (a name, a phone number, a record number);
an *indirect* (quasi-) identifier narrows the population down and re-identifies in combination
(a date, a city, an age over 89). The distinction drives the evaluation thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    """Every label a medveil span can carry."""

    PATIENT = "PATIENT"
    PROVIDER = "PROVIDER"
    RELATIVE = "RELATIVE"
    PERSON = "PERSON"
    DATE = "DATE"
    AGE = "AGE"
    PHONE = "PHONE"
    FAX = "FAX"
    EMAIL = "EMAIL"
    URL = "URL"
    IP_ADDRESS = "IP_ADDRESS"
    SSN = "SSN"
    MRN = "MRN"
    ACCOUNT = "ACCOUNT"
    HEALTH_PLAN = "HEALTH_PLAN"
    LICENSE = "LICENSE"
    DEVICE_ID = "DEVICE_ID"
    VEHICLE_ID = "VEHICLE_ID"
    ID = "ID"
    STREET = "STREET"
    CITY = "CITY"
    STATE = "STATE"
    ZIP = "ZIP"
    COUNTRY = "COUNTRY"
    HOSPITAL = "HOSPITAL"
    ORGANIZATION = "ORGANIZATION"
    LOCATION = "LOCATION"


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """What a label means for risk and how it maps onto other taxonomies."""

    label: Label
    group: str  # NAME, DATE, AGE, CONTACT, ID, LOCATION
    direct: bool
    hipaa: str  # the HIPAA Safe Harbor category (45 CFR 164.514(b)(2)(i))
    i2b2: str  # the i2b2 2014 CATEGORY:TYPE
    description: str


_H_NAME = "(A) Names"
_H_GEO = "(B) Geographic subdivisions smaller than a state"
_H_DATE = "(C) Dates (except year) and ages over 89"

LABEL_INFO: dict[Label, LabelInfo] = {
    i.label: i
    for i in [
        LabelInfo(Label.PATIENT, "NAME", True, _H_NAME, "NAME:PATIENT", "the patient's name or initials"),
        LabelInfo(Label.PROVIDER, "NAME", True, _H_NAME, "NAME:DOCTOR", "clinicians and staff"),
        LabelInfo(Label.RELATIVE, "NAME", True, _H_NAME, "NAME:PATIENT", "family, proxies, contacts"),
        LabelInfo(Label.PERSON, "NAME", True, _H_NAME, "NAME:PATIENT", "a person whose role is unclear"),
        LabelInfo(Label.DATE, "DATE", False, _H_DATE, "DATE:DATE", "any date element finer than a year; years by policy"),
        LabelInfo(Label.AGE, "AGE", False, _H_DATE, "AGE:AGE", "an age over 89"),
        LabelInfo(Label.PHONE, "CONTACT", True, "(D) Telephone numbers", "CONTACT:PHONE", "telephone and pager numbers"),
        LabelInfo(Label.FAX, "CONTACT", True, "(E) Fax numbers", "CONTACT:FAX", "fax numbers"),
        LabelInfo(Label.EMAIL, "CONTACT", True, "(F) Email addresses", "CONTACT:EMAIL", "email addresses"),
        LabelInfo(Label.URL, "CONTACT", True, "(N) Web URLs", "CONTACT:URL", "web addresses"),
        LabelInfo(Label.IP_ADDRESS, "CONTACT", True, "(O) IP addresses", "CONTACT:IPADDR", "IPv4 and IPv6 addresses"),
        LabelInfo(Label.SSN, "ID", True, "(G) Social security numbers", "ID:SSN", "US social security numbers"),
        LabelInfo(Label.MRN, "ID", True, "(H) Medical record numbers", "ID:MEDICALRECORD", "medical record / unit numbers"),
        LabelInfo(Label.ACCOUNT, "ID", True, "(J) Account numbers", "ID:ACCOUNT", "billing and account numbers"),
        LabelInfo(Label.HEALTH_PLAN, "ID", True, "(I) Health plan beneficiary numbers", "ID:HEALTHPLAN", "insurance member ids"),
        LabelInfo(Label.LICENSE, "ID", True, "(K) Certificate/license numbers", "ID:LICENSE", "licence, DEA, NPI numbers"),
        LabelInfo(Label.DEVICE_ID, "ID", True, "(M) Device identifiers and serial numbers", "ID:DEVICE", "device serial numbers"),
        LabelInfo(Label.VEHICLE_ID, "ID", True, "(L) Vehicle identifiers and serial numbers", "ID:VEHICLE", "VINs and plates"),
        LabelInfo(Label.ID, "ID", True, "(R) Any other unique identifying number", "ID:IDNUM", "other identifying numbers"),
        LabelInfo(Label.STREET, "LOCATION", True, _H_GEO, "LOCATION:STREET", "street addresses"),
        LabelInfo(Label.CITY, "LOCATION", False, _H_GEO, "LOCATION:CITY", "cities and towns"),
        LabelInfo(Label.STATE, "LOCATION", False, _H_GEO, "LOCATION:STATE", "states and provinces"),
        LabelInfo(Label.ZIP, "LOCATION", False, _H_GEO, "LOCATION:ZIP", "postal codes"),
        LabelInfo(Label.COUNTRY, "LOCATION", False, _H_GEO, "LOCATION:COUNTRY", "countries"),
        LabelInfo(Label.HOSPITAL, "LOCATION", False, _H_GEO, "LOCATION:HOSPITAL", "hospitals, clinics, wards named after people"),
        LabelInfo(Label.ORGANIZATION, "LOCATION", False, _H_GEO, "LOCATION:ORGANIZATION", "companies and other organizations"),
        LabelInfo(Label.LOCATION, "LOCATION", False, _H_GEO, "LOCATION:LOCATION-OTHER", "other named places"),
    ]
}

NAME_LABELS = frozenset({Label.PATIENT, Label.PROVIDER, Label.RELATIVE, Label.PERSON})
GROUPS: dict[str, frozenset[Label]] = {}
for _info in LABEL_INFO.values():
    GROUPS.setdefault(_info.group, frozenset())
    GROUPS[_info.group] = GROUPS[_info.group] | {_info.label}


def label_info(label: str | Label) -> LabelInfo:
    """Return the taxonomy entry for ``label`` (raises ``KeyError`` for an unknown label)."""
    return LABEL_INFO[Label(label)]


def is_direct(label: str | Label) -> bool:
    """True when ``label`` is a direct identifier."""
    return label_info(label).direct
