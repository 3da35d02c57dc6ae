"""Unit tests for contact details, addresses and the combined PatternDetector."""

from __future__ import annotations

import pytest

from medveil.detect.base import Detector
from medveil.detect.contact import AddressDetector, ContactDetector
from medveil.detect.patterns import PatternDetector, pattern_detectors
from medveil.document import Document


def _best(det, text: str) -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    for s in det.detect(Document(text)):
        key = text[s.start : s.end]
        if key not in out or s.score > out[key][1]:
            out[key] = (str(s.label), s.score)
    return out


def _kept(det, text: str) -> dict[str, str]:
    return {k: lab for k, (lab, sc) in _best(det, text).items() if sc >= 0.5}


# --- phone / fax -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("call (617) 555-0142", "(617) 555-0142", "PHONE"), ("617.555.0142", "617.555.0142", "PHONE"),
        ("617-555-0142 x123", "617-555-0142 x123", "PHONE"), ("tel: 555-0142", "555-0142", "PHONE"),
        ("pager 12345", "12345", "PHONE"), ("beeper #4321", "4321", "PHONE"), ("pager x3856", "x3856", "PHONE"),
        ("+44 20 7946 0958", "+44 20 7946 0958", "PHONE"), ("1-800-555-0199", "1-800-555-0199", "PHONE"),
        ("phone 6175550142", "6175550142", "PHONE"), ("Fax: 617-555-0101", "617-555-0101", "FAX"),
        ("f: 617 555 0199", "617 555 0199", "FAX"), ("FACSIMILE (212) 555-0188", "(212) 555-0188", "FAX"),
        ("office 212-555-0133, ext. 418, weekdays", "212-555-0133, ext. 418", "PHONE"),
        ("(212-555-0133, extension 77)", "212-555-0133, extension 77", "PHONE"),
        ("Ana Ruiz, RN, BSN  x4410", "x4410", "PHONE"), ("Leo Park, LCSW x55120", "x55120", "PHONE"),
        ("Dr Lee pg 3301\n", "3301", "PHONE"), ("(bleep 2207)", "2207", "PHONE"), ("pgr 4471 today", "4471", "PHONE"),
    ],
)  # fmt: skip
def test_phones(text, value, label):
    assert _kept(ContactDetector(), text).get(value) == label


def test_fax_cue_belongs_to_the_nearest_number():
    kept = _kept(ContactDetector(), "Tel: 617-555-0100 Fax: 617-555-0101")
    assert kept == {"617-555-0100": "PHONE", "617-555-0101": "FAX"}


@pytest.mark.parametrize(
    "text",
    ["12-lead ekg", "12/4/2019", "100-1500 cc", "I/O 120 100 1500", "14:30", "x3", "a PG 2960 BPX stent",
     "BNP 350 pg/mL 1234", "pg 12", "Hgb x1000 noted"],
)  # fmt: skip
def test_not_phones(text):
    assert _kept(ContactDetector(), text) == {}


# --- email / url / ip ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("mail john.doe@example.com.", "john.doe@example.com", "EMAIL"), ("GŞAMA@KNOXVILLEMED.COM", "GŞAMA@KNOXVILLEMED.COM", "EMAIL"),
        ("see www.mgh.org", "www.mgh.org", "URL"), ("http://x.com/a?b=1", "http://x.com/a?b=1", "URL"),
        ("example.com/path", "example.com/path", "URL"), ("ip 10.0.0.1", "10.0.0.1", "IP_ADDRESS"),
        ("192.168.1.20", "192.168.1.20", "IP_ADDRESS"), ("fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a", "IP_ADDRESS"),
        ("2001:db8::1", "2001:db8::1", "IP_ADDRESS"),
    ],
)  # fmt: skip
def test_web(text, value, label):
    assert _kept(ContactDetector(), text).get(value) == label


@pytest.mark.parametrize("text", ["12:30:45", "256.1.1.1", "e.g. this", "report.pdf", "q.d. dosing", "v1.2.3"])
def test_not_web(text):
    assert _kept(ContactDetector(), text) == {}


# --- street / zip --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("lives at 123 Main St", "123 Main St"), ("45 North Ave. Apt 3", "45 North Ave. Apt 3"),
        ("1 Brigham Circle", "1 Brigham Circle"), ("PO Box 123", "PO Box 123"), ("p.o. box 77", "p.o. box 77"),
        ("lives at 77 mass ave unit 4b", "77 mass ave unit 4b"), ("55 FRUIT ST", "55 FRUIT ST"),
        ("12 beacon street", "12 beacon street"), ("6 Orchard Hill Rd", "6 Orchard Hill Rd"),
        ("1200 Old Post Rd", "1200 Old Post Rd"), ("1205 Broadway", "1205 Broadway"),
        ("4411 County Road ZZ, Mineral Point", "4411 County Road ZZ"), ("lives at 12 route 9", "12 route 9"),
        ("55 US Hwy 1", "55 US Hwy 1"), ("4100 Whipple Ave NW, Suite 210", "4100 Whipple Ave NW, Suite 210"),
        ("88 Cabot St, 2nd fl", "88 Cabot St, 2nd fl"), ("2218 E CALLE LUCERO", "2218 E CALLE LUCERO"),
        ("1880 Grand Concourse", "1880 Grand Concourse"), ("RR 2 Box 14", "RR 2 Box 14"),
        ("9 Via Roma, San Jose, CA", "9 Via Roma"), ("184 Kuhn Fork Suite 97", "184 Kuhn Fork Suite 97"),
    ],
)  # fmt: skip
def test_streets(text, value):
    assert _kept(AddressDetector(), text).get(value) == "STREET"


@pytest.mark.parametrize("text", ["2 mm st elevation", "at 3 with Dr Smith", "20 meq kcl Dr Everett notified",
                                  "3 vessel ct", "given 2 Dr Jones", "2 ln bx", "5 point scale", "10 run of VT",
                                  "at 5 mile run", "3 Trigger Point Injections", "128 Hz Tuning Fork", "given 2 Via Nebulizer",
                                  "2 NEW CT FINDINGS", "3 days old rd", "road 2 recovery", "Main St 2 Dr Lee"])  # fmt: skip
def test_not_streets(text):
    assert _kept(AddressDetector(), text) == {}


@pytest.mark.parametrize(
    ("text", "value"),
    [("Boston, MA 02115-1234", "02115-1234"), ("MA 02115", "02115"), ("zip 02115", "02115"), ("boston, ma 02115", "02115"),
     ("New York 10001", "10001"), ("<zip>98833</zip>", "98833"), ("postal code K1A 0B1", "K1A 0B1"),
     ("Ottawa, ON K1A 0B1", "K1A 0B1"), ("postcode SW1A 1AA", "SW1A 1AA")],
)  # fmt: skip
def test_zips(text, value):
    assert _kept(AddressDetector(), text).get(value) == "ZIP"


@pytest.mark.parametrize("text", ["G2P1A1", "G3P2", "C6C7T1", "S1S2S4", "T4N0M0", "L4L5", "NS K1A0B1", "wbc 12345"])
def test_codes_shaped_like_postal_codes(text):
    assert _kept(AddressDetector(), text) == {}


# --- the combined detector --------------------------------------------------------------------------------------


def test_pattern_detector_contract():
    det = PatternDetector(keep_years=False)
    assert det.name == "pattern" and isinstance(det, Detector)
    assert all(isinstance(d, Detector) for d in pattern_detectors(False))
    text = "Seen 12/4/05, MRN 1234567, call 617-555-0142, 92 yo."
    spans = det.detect(Document(text))
    got = {(text[s.start : s.end], str(s.label)) for s in spans if s.score >= 0.5}
    assert {("12/4/05", "DATE"), ("1234567", "MRN"), ("617-555-0142", "PHONE"), ("92", "AGE")} <= got
    assert all(s.source.startswith("pattern:") for s in spans)


def test_offsets_survive_unicode_lowercasing():
    text = "İİİ seen 12/4/05 MRN 1234567"
    spans = PatternDetector().detect(Document(text))
    assert {text[s.start : s.end] for s in spans if s.score >= 0.5} >= {"12/4/05", "1234567"}


def test_keep_years_switch():
    text = "dx in 2019, seen 3/2019"
    with_years = {text[s.start : s.end] for s in PatternDetector(False).detect(Document(text)) if s.score >= 0.5}
    without = {text[s.start : s.end] for s in PatternDetector(True).detect(Document(text)) if s.score >= 0.5}
    assert "2019" in with_years and "2019" not in without and "3/2019" in without


# --- OCR letters inside numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "number"), [("0200", True), ("O2OO", True), ("o2oo", True), ("l5", True), ("2Ol9", True),
                                            ("Ol", False), ("Oslo", False), ("2s", False), ("abc", False)])
def test_is_ocr_number(word, number):
    from medveil.detect.patterns import is_ocr_number

    assert is_ocr_number(word) is number


def test_ocr_digits_reads_letters_in_numbers_only():
    from medveil.detect.patterns import ocr_digits

    text = "O3/O5/2O24 dx 2O19, call 978-555-O183, MA O1915"
    norm, changed = ocr_digits(text)
    assert norm == "03/05/2024 dx 2019, call 978-555-0183, MA 01915"
    assert len(norm) == len(text) and changed == [i for i, (a, b) in enumerate(zip(text, norm, strict=True)) if a != b]
    for plain in ("O2 sat 95%, FiO2 40%, SpO2 97", "on 2l NC, 1l-2l", "HTN (I10), NSTEMI (I21.4), L5", "PAGE O2"):
        assert ocr_digits(plain) is None


def test_ocr_pass_adds_only_spans_a_corrected_character_made():
    text = "seen 4/2/2024. FAX O3/O5/2O24, partner 5O8-555-Ol72, O2 sat 93%"
    spans = PatternDetector().detect(Document(text))
    ocr = {text[s.start : s.end]: s.label for s in spans if s.source.endswith(":ocr")}
    assert ocr == {"O3/O5/2O24": "DATE", "5O8-555-Ol72": "PHONE"}
