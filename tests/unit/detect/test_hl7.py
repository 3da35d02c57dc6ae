"""HL7 v2 segments: PHI by field position (invented messages)."""

from __future__ import annotations

from medveil.detect.hl7 import HL7Detector
from medveil.document import Document
from medveil.pipeline import Pipeline


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in HL7Detector().detect(Document(text))]


MSG = (
    "MSH|^~\\&|LABSYS|BRIARWOOD GENERAL HOSP|ARCHIVE|EXPORT|202311071530||ADT^A01|Q7730021|P|2.5\n"
    "EVN|A01|202311071528\n"
    "PID|1||7719304^^^BGH^MR~998-41-2207^^^SSA^SS||QUILLFEATHER^MARGUERITE^J^JR^MRS||19580214|F|"
    "|2106-3^White^HL70005|14 OSPREY LANE^UNIT 5^FALMOUTH^ME^04105^USA^H||(207)555-0144^PRN^PH|"
    "^WPN^PH^mq@example.org^1^207^5550199|ENG|W|CAT|AC55012983|221-40-9918|S1184420^ME^20280214\n"
    "NK1|1|QUILLFEATHER^ROLAND|SPO^SPOUSE|14 OSPREY LANE^^FALMOUTH^ME^04105|2075550145\n"
    "PV1|1|I|4E^412^B^BGH||||55120^TREMBLAY^ODILE^^^DR^MD|||MED||||7|||||VN88120044\n"
    "GT1|1||QUILLFEATHER^MARGUERITE||14 OSPREY LANE^^FALMOUTH^ME^04105|(207)555-0144||||P|SEL|221-40-9918"
    "||||CASCO BAY MARINE SUPPLY\n"
    "IN1|1|HMO2|ACME7|PINE STATE HEALTH PLAN|PO BOX 300^^AUGUSTA^ME^04332||(800)555-0100|GRP4471"
    "||||||||QUILLFEATHER^MARGUERITE|SEL|||||||||||||||||||MBR20931177\n"
    "OBR|1|PL4410|FL99031^LAB|CBC^Complete blood count|||202311071600|||||||||"
    "3381^OYELOWO^FEMI|||||||||||||||||2231&HALVORSEN&INGRID\n"
    "OBX|1|NM|WBC^White cells||7.2|10*3/uL|4.0-11.0|N|||F|||202311071645\n"
    "OBX|2|TX|NOTE||Seen with her husband; follow up in two weeks.||||||F\n"
)


def test_patient_identification_fields():
    got = found(MSG)
    for value, label in [
        ("BRIARWOOD GENERAL HOSP", "HOSPITAL"), ("20231107", "DATE"), ("Q7730021", "ID"), ("7719304", "MRN"),
        ("BGH", "HOSPITAL"), ("998-41-2207", "SSN"), ("QUILLFEATHER", "PATIENT"), ("MARGUERITE", "PATIENT"),
        ("J", "PATIENT"), ("19580214", "DATE"), ("14 OSPREY LANE", "STREET"), ("UNIT 5", "STREET"),
        ("FALMOUTH", "CITY"), ("ME", "STATE"), ("04105", "ZIP"), ("USA", "COUNTRY"), ("(207)555-0144", "PHONE"),
        ("mq@example.org", "EMAIL"), ("207", "PHONE"), ("5550199", "PHONE"), ("AC55012983", "ACCOUNT"),
        ("221-40-9918", "SSN"), ("S1184420", "LICENSE"), ("20280214", "DATE"),
    ]:
        assert (value, label) in got, (value, label)


def test_coded_values_and_delimiters_are_not_marked():
    texts = {t for t, _ in found(MSG)}
    for code in ["LABSYS", "ARCHIVE", "EXPORT", "ADT", "A01", "MR", "SS", "SSA", "F", "JR", "MRS", "White", "ENG",
                 "W", "CAT", "SPO", "SPOUSE", "I", "MED", "DR", "MD", "SEL", "HMO2", "ACME7", "CBC", "WBC", "7.2",
                 "PRN", "WPN", "4E", "412"]:
        assert code not in texts, code
    assert not any("|" in t or "^" in t for t in texts)
    assert ("1530", "DATE") not in found(MSG)  # the time of a time stamp is no date


def test_relatives_providers_payers():
    got = found(MSG)
    for value, label in [
        ("ROLAND", "RELATIVE"), ("2075550145", "PHONE"), ("55120", "ID"), ("TREMBLAY", "PROVIDER"),
        ("ODILE", "PROVIDER"), ("VN88120044", "ID"), ("CASCO BAY MARINE SUPPLY", "ORGANIZATION"),
        ("PINE STATE HEALTH PLAN", "ORGANIZATION"), ("PO BOX 300", "STREET"), ("AUGUSTA", "CITY"),
        ("04332", "ZIP"), ("GRP4471", "HEALTH_PLAN"), ("MBR20931177", "HEALTH_PLAN"), ("PL4410", "ID"),
        ("FL99031", "ID"), ("OYELOWO", "PROVIDER"), ("FEMI", "PROVIDER"), ("2231", "ID"),
        ("HALVORSEN", "PROVIDER"), ("INGRID", "PROVIDER"),
    ]:
        assert (value, label) in got, (value, label)
    # the guarantor and the insured are the patient herself (relationship SEL)
    gt1 = MSG.index("GT1|")
    assert all(s.label == "PATIENT" for s in HL7Detector().detect(Document(MSG))
               if s.source in ("hl7:gt1_3", "hl7:in1_16")), gt1


def test_free_text_is_left_to_the_other_detectors():
    spans, claims = HL7Detector().find(MSG)
    note = MSG.index("Seen with her husband")
    assert not any(s <= note < e for s, e in claims)
    assert not any(sp.start <= note < sp.end for sp in spans)


def test_gate_and_non_hl7_text():
    assert found("BP 120/80 | HR 72 | RR 16") == []
    assert found("| Name | Value |\n|------|-------|\n| WBC | 7.2 |") == []
    assert found("ABC|not a segment\nlooks|like a table") == []


def test_custom_encoding_characters():
    text = "MSH#*~\\$#APP#MERIDIAN CLINIC#RCV#FAC#20220301\nPID#1##5512***MHC*MR##OSTROWSKI*TEODOR"
    got = found(text)
    assert ("MERIDIAN CLINIC", "HOSPITAL") in got
    assert ("OSTROWSKI", "PATIENT") in got and ("TEODOR", "PATIENT") in got
    assert ("20220301", "DATE") in got


def test_facility_codes_are_acronyms_not_words_or_numbered_codes():
    got = found("MSH|^~\\&|APP|FAC01|RCV|LAB|20220301\nPV1|1|O|CLINIC^^^WMC")
    assert ("WMC", "HOSPITAL") in got
    assert not any(t in ("FAC01", "LAB", "CLINIC") for t, _ in got)


def test_a_name_one_field_off_is_still_a_name():
    text = "IN1|1|PLN|CO1|ACME HEALTH|^^TOWN^ST^00000||||||||||VANTERPOOL^GRETCHEN|SPO"
    got = found(text)
    assert ("VANTERPOOL", "RELATIVE") in got and ("GRETCHEN", "RELATIVE") in got
    assert ("SPO", "RELATIVE") not in got


def test_the_insured_a_field_late_with_a_numeric_relationship_code():
    # IN1-16 empty, the insured in IN1-17 and the relationship "18" (self, X12) in IN1-18: the holder is the patient
    text = "IN1|1|SPR01|7781|SUNCOAST PARKS PLAN|||||GRP-55120||SUNCOAST PARKS||||||NGUYEN^THI HONG NHUNG|18|||"
    got = found(text)
    assert ("NGUYEN", "PATIENT") in got and ("THI HONG NHUNG", "PATIENT") in got
    assert not any(t == "18" for t, _ in got)


def test_pipeline_drops_other_spans_inside_claimed_fields():
    text = "MSH|^~\\&|APP|SOUTHPORT MEDICAL CENTER|RCV|X|202403051422||ORU^R01|Z0000418|P|2.5.1"
    got = [(text[s.start : s.end], s.label) for s in Pipeline().detect(text)]
    assert ("20240305", "DATE") in got
    assert not any(t == "202403051422" for t, _ in got)
