from __future__ import annotations

from datetime import date

from medveil.detect.known import KnownValueDetector, date_renderings, name_variants
from medveil.document import Document


def found(text: str, **context) -> dict[str, str]:
    return {text[s.start : s.end]: s.label for s in KnownValueDetector().detect(Document(text, context=context))}


def test_name_variants_cover_nicknames_initials_and_order():
    tokens, phrases = name_variants("David Greybeard")
    assert {"david", "dave", "greybeard"} <= tokens
    assert {"d. greybeard", "greybeard, david", "d.g."} <= phrases
    tokens, _ = name_variants("Sumiko254 Smith")  # digit suffixes of generated names
    assert "sumiko" in tokens


def test_every_variant_of_the_patient_name_is_found():
    text = "Dave says hi. D. Greybeard and GREYBEARD; Graybeard, David."
    got = found(text, patient_name="David Greybeard")
    assert got["Dave"] == "PATIENT" and got["GREYBEARD"] == "PATIENT" and got["Graybeard"] == "PATIENT"
    assert "D. Greybeard" in got


def test_provider_names_list_and_string():
    assert found("seen by Kowalski", provider_names=["Anna Kowalski"])["Kowalski"] == "PROVIDER"
    assert found("seen by Kowalski", provider_names="Anna Kowalski; Bo Li")["Kowalski"] == "PROVIDER"


def test_mrn_with_other_separators_and_leading_zeros():
    got = found("MRN 0012-345 on file", mrn="12345")
    assert got == {"0012-345": "MRN"}


def test_dob_in_another_format():
    assert date_renderings(date(1950, 1, 2)) >= {"1/2/1950", "01/02/50", "jan 2, 1950", "1950-01-02"}
    assert found("born Jan 2, 1950", dob="01/02/1950") == {"Jan 2, 1950": "DATE"}


def test_common_word_nicknames_are_not_searched():
    assert found("pt will call tomorrow", patient_name="William Jones") == {}


def test_no_context_no_spans():
    assert KnownValueDetector().detect(Document("David Greybeard")) == []


def test_bare_initials_are_capitals_that_spell_no_word():
    assert found("d/w DG and dg today", patient_name="David Greybeard") == {"DG": "PATIENT"}
    # "AT" would flag every "at"; "BP" every blood pressure: only the dotted forms are searched
    got = found("Seen at noon. At rest BP 120/80, AT and A.T. agree", patient_name="Alexis Trevino")
    assert got == {"A.T.": "PATIENT"}
    assert found("BP 120/80 per B.P.", patient_name="Bob Parker") == {"B.P.": "PATIENT"}
    assert found("signed JM", patient_name="Moreno, Julia") == {"JM": "PATIENT"}
