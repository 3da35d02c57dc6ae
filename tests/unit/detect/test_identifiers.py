"""Unit tests for identifier numbers and their validators (medveil.detect.identifiers)."""

from __future__ import annotations

import pytest

from medveil.detect.identifiers import (
    IdentifierDetector,
    dea_valid,
    luhn_valid,
    npi_valid,
    ssn_valid,
    vin_valid,
)
from medveil.document import Document


def _best(text: str) -> dict[str, tuple[str, float]]:
    """covered text -> (label, score) of the best span on it (vetoes, which only the model reads, left out)."""
    out: dict[str, tuple[str, float]] = {}
    for s in IdentifierDetector().detect(Document(text)):
        if s.is_veto:
            continue
        key = text[s.start : s.end]
        if key not in out or s.score > out[key][1]:
            out[key] = (str(s.label), s.score)
    return out


# --- validators ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "ok"),
    [("4111111111111111", True), ("4111 1111 1111 1111", True), ("4111111111111112", False),
     ("79927398713", True), ("79927398710", False), ("5", False)],
)  # fmt: skip
def test_luhn(number, ok):
    assert luhn_valid(number) is ok


@pytest.mark.parametrize(("npi", "ok"), [("1234567893", True), ("1234567890", False), ("123456789", False),
                                         ("3234567893", False)])  # fmt: skip
def test_npi(npi, ok):
    assert npi_valid(npi) is ok


@pytest.mark.parametrize(
    ("vin", "ok"),
    [("1M8GDM9AXKP042788", True), ("11111111111111111", True), ("1M8GDM9A1KP042788", False),
     ("1M8GDM9AXKP04278", False), ("IM8GDM9AXKP042788", False)],
)  # fmt: skip
def test_vin(vin, ok):
    assert vin_valid(vin) is ok


@pytest.mark.parametrize(("dea", "ok"), [("AB1234563", True), ("AB1234564", False), ("A91234563", True),
                                         ("1B1234563", False)])  # fmt: skip
def test_dea(dea, ok):
    assert dea_valid(dea) is ok


@pytest.mark.parametrize(
    ("ssn", "ok"),
    [(("123", "45", "6789"), True), (("000", "12", "3456"), False), (("666", "12", "3456"), False),
     (("912", "12", "3456"), False), (("123", "00", "4567"), False), (("123", "45", "0000"), False)],
)  # fmt: skip
def test_ssn_ranges(ssn, ok):
    assert ssn_valid(*ssn) is ok


# --- cue + value ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("MRN: 1234567", "1234567", "MRN"), ("mrn#1234567", "1234567", "MRN"), ("MR# 00-12-345", "00-12-345", "MRN"),
        ("Unit No: 123 45 67", "123 45 67", "MRN"), ("med rec no 0012345", "0012345", "MRN"),
        ("<mrn>985446</mrn>", "985446", "MRN"), ("ACCT #: A12345", "A12345", "ACCOUNT"),
        ("billing no. 55-1234", "55-1234", "ACCOUNT"), ("Member ID: XJ4455667", "XJ4455667", "HEALTH_PLAN"),
        ("policy # 12345-AB", "12345-AB", "HEALTH_PLAN"), ("medicare # 123456789A", "123456789A", "HEALTH_PLAN"),
        ("License # MA-44321", "MA-44321", "LICENSE"), ("NPI 1234567893", "1234567893", "LICENSE"),
        ("DEA AB1234563", "AB1234563", "LICENSE"), ("S/N: PJN123456", "PJN123456", "DEVICE_ID"),
        ("lot # 88213", "88213", "DEVICE_ID"), ("VIN 1M8GDM9AXKP042788", "1M8GDM9AXKP042788", "VEHICLE_ID"),
        ("license plate 4ABC123", "4ABC123", "VEHICLE_ID"), ("accession # S19-44321", "S19-44321", "ID"),
        ("ID: A12-3456789", "A12-3456789", "ID"), ("SSN 123-45-6789", "123-45-6789", "SSN"),
        ("ss# 123456789", "123456789", "SSN"), ("CLAIM # 778899", "778899", "ID"),
        ("generator SN KLT339021R;", "KLT339021R", "DEVICE_ID"), ("SN 55120874", "55120874", "DEVICE_ID"),
        ("auth # B-5512093", "B-5512093", "ID"), ("Authorization #: 66204-TQ", "66204-TQ", "ID"),
        ("Ref #QA2021-0402-1180", "QA2021-0402-1180", "ID"), ("claim #C88120", "C88120", "ID"),
        ("interp id 30918", "30918", "ID"), ("statement code 9XW4-K2LM", "9XW4-K2LM", "ID"),
        ("confirmation code 4RT7-2210", "4RT7-2210", "ID"), ("Group: 55813", "55813", "HEALTH_PLAN"),
        ("Chart # QRA 55190", "QRA 55190", "MRN"), ("liver specimen (H23-55012);", "H23-55012", "ID"),
    ],
)  # fmt: skip
def test_cued_values(text, value, label):
    best = _best(text)
    assert value in best, best
    assert best[value][0] == label and best[value][1] >= 0.9


@pytest.mark.parametrize(
    "text",
    ["pt no 2 episodes", "unit #4B", "group B strep", "ID consult following", "ID f/u 12/4", "plate 3.5mm",
     "tag # 55", "model of care", "case 3 of 5", "order 2 units prbc", "SN 1350 ms", "SN 4471",
     "Group: 3", "age group: 18-65", "code 99213", "full code 4", "specimen (2.5 cm)", "specimen (12) 4cm",
     "authorization 10/14/2023", "auth x 30 days", "chart # per 1234", "record # mg 2000", "Chart # Nsg 77182"],
)  # fmt: skip
def test_cues_without_identifier_values(text):
    assert [k for k, (_, sc) in _best(text).items() if sc >= 0.5] == []


# --- shapes without a cue ----------------------------------------------------------------------------------


def test_bare_sn_cue_only_in_capitals():
    # lowercase "sn" is no serial cue: the code stays a bare code (0.55)
    assert _best("sn ab12345")["ab12345"] == ("ID", 0.55)


def test_valid_ssn_shape():
    assert _best("123-45-6789")["123-45-6789"] == ("SSN", 0.95)


def test_invalid_ssn_shape_is_only_an_id():
    assert _best("666-12-3456")["666-12-3456"][0] == "ID"


def test_credit_card_luhn():
    assert _best("card on file 4111 1111 1111 1111")["4111 1111 1111 1111"][0] == "ACCOUNT"
    assert "4111 1111 1111 1112" not in _best("4111 1111 1111 1112")


def test_bare_long_number_is_a_moderate_id():
    label, score = _best("ref 12345678 noted")["12345678"]
    assert label == "ID" and 0.5 <= score < 0.9


@pytest.mark.parametrize(
    "text",
    ["100000 units", "1,250,000", "$1234567", "G2P1A1", "C6C7T1", "T4N0M0", "HbA1c", "1000000units", "1900-0730",
     "3.1415926", "s1s2s4"],
)  # fmt: skip
def test_bare_numbers_that_are_not_ids(text):
    assert _best(text) == {}


def test_alphanumeric_code():
    assert _best("MP98765")["MP98765"] == ("ID", 0.55)


def test_signature_number():
    assert _best("Kiara Bradford M.D. 740480")["740480"][0] == "ID"
