from __future__ import annotations

import datetime as dt
import re

import pytest

import medveil
from medveil.deidentify import Deidentifier, deidentify
from medveil.document import Document, Span
from medveil.transform.base import TransformError
from medveil.transform.dates import parse_date
from medveil.transform.policy import Policy

KEY = "unit-test-key"


def spans_for(text: str, items: list[tuple[str, str]]) -> list[Span]:
    out, pos = [], 0
    for value, label in items:
        i = text.index(value, pos)
        out.append(Span(i, i + len(value), label))
        pos = i + len(value)
    return out


NOTE = (
    "David Greybeard (MRN A-12345) seen 07/22/2019 by Dr. Jane Goodall at Lahey Clinic, Boston, MA 02138. "
    "Call 617-555-0199 or dave.g@gmail.com. Dave returns 08/05/2019; GREYBEARD is 92 years old."
)
ITEMS = [
    ("David Greybeard", "PATIENT"), ("A-12345", "MRN"), ("07/22/2019", "DATE"), ("Jane Goodall", "PROVIDER"),
    ("Lahey Clinic", "HOSPITAL"), ("Boston", "CITY"), ("MA", "STATE"), ("02138", "ZIP"), ("617-555-0199", "PHONE"),
    ("dave.g@gmail.com", "EMAIL"), ("Dave", "PATIENT"), ("08/05/2019", "DATE"), ("GREYBEARD", "PATIENT"), ("92", "AGE"),
]


def run(policy="surrogate", key=KEY, text=NOTE, items=ITEMS, **doc):
    d = Deidentifier(policy, key)
    return d.transform(Document(text, **doc), spans_for(text, items))


@pytest.mark.parametrize("policy", ["surrogate", "tags", "redact", "safe-harbor"])
def test_no_detected_phi_string_survives(policy):
    out = run(policy, id="n1", patient_id="p1")
    low = out.text.lower()
    for value, label in ITEMS:
        if policy == "safe-harbor" and label == "STATE":
            continue  # states are kept under Safe Harbor
        if len(value) >= 3:
            assert not re.search(r"(?<!\w)" + re.escape(value.lower()) + r"(?!\w)", low), (policy, value, out.text)


def test_offsets_map_input_to_output():
    text = NOTE
    out = run(id="n1", patient_id="p1")
    prev_end = prev_out = 0
    for r in out.replacements:
        assert out.text[r.out_start : r.out_end] == r.replacement
        assert text[r.start : r.end] == r.original
        assert text[prev_end : r.start] == out.text[prev_out : r.out_start]  # text between replacements is untouched
        prev_end, prev_out = r.end, r.out_end
    assert text[prev_end:] == out.text[prev_out:]
    d = out.replacements[0].to_dict()
    assert set(d) == {"start", "end", "out_start", "out_end", "label", "operator"}
    assert out.replacements[0].to_dict(include_original=True)["original"] == "David Greybeard"


def test_surrogates_differ_from_every_original_of_the_document():
    out = run(id="n1", patient_id="p1")
    originals = {v.casefold() for v, _ in ITEMS}
    for r in out.replacements:
        if r.label != "AGE":
            assert r.replacement.casefold() not in originals, r


def test_same_key_same_output_other_key_other_output():
    a = run(id="n1", patient_id="p1").text
    assert run(id="n1", patient_id="p1").text == a
    assert run(key="another key", id="n1", patient_id="p1").text != a


def test_dates_of_one_patient_move_by_one_shift_across_documents():
    d = Deidentifier("surrogate", KEY)
    docs = ["Seen 07/22/2019 and 08/05/2019.", "Admitted 12/30/2019, discharged 01/02/2020.", "Born 03/04/1950."]
    moved = []
    for i, t in enumerate(docs):
        found = re.findall(r"\d\d/\d\d/\d{4}", t)
        res = d.transform(Document(t, id=f"n{i}", patient_id="p9"), spans_for(t, [(f, "DATE") for f in found]))
        for r in res.replacements:
            a, b = parse_date(r.original), parse_date(r.replacement)
            moved.append((dt.date(b.year, b.month, b.day) - dt.date(a.year, a.month, a.day)).days)
    assert len(set(moved)) == 1 and moved[0] != 0


def test_structured_fields_use_the_same_mapping_as_the_text():
    out = run(id="n1", patient_id="p1", context={"patient_name": "David Greybeard", "dob": "07/22/2019", "mrn": "A-12345", "note_type": "x"})
    reps = {r.original: r.replacement for r in out.replacements}
    assert out.fields["patient_name"] == reps["David Greybeard"]
    assert out.fields["dob"] == reps["07/22/2019"]
    assert out.fields["mrn"] == reps["A-12345"]
    assert out.fields["note_type"] == "x"


def test_known_names_are_replaced_even_where_detection_missed_them():
    text = "Greybeard called. Later David said he is fine."
    out = Deidentifier("surrogate", KEY).transform(Document(text, patient_id="p1", context={"patient_name": "David Greybeard"}), [])
    assert "Greybeard" not in out.text and "David" not in out.text


def test_tags_are_stable_across_a_patients_documents():
    d = Deidentifier("tags", KEY)
    t1 = "David Greybeard met Jane Goodall."
    t2 = "Jane Goodall saw Greybeard again."
    a = d.transform(Document(t1, id="a", patient_id="p"), spans_for(t1, [("David Greybeard", "PATIENT"), ("Jane Goodall", "PROVIDER")]))
    b = d.transform(Document(t2, id="b", patient_id="p"), spans_for(t2, [("Jane Goodall", "PROVIDER"), ("Greybeard", "PATIENT")]))
    assert a.text == "<PATIENT:1> met <PROVIDER:2>."
    assert b.text == "<PROVIDER:2> saw <PATIENT:1> again."


def test_safe_harbor_keeps_years_and_states_cuts_zip_and_ages():
    out = run("safe-harbor", id="n1", patient_id="p1")
    assert "2019" in out.text and ", MA " in out.text and " 021." in out.text and "90+ years old" in out.text
    assert "07/22" not in out.text and "<PATIENT:1>" in out.text


def test_a_leaking_operator_fails_closed(monkeypatch):
    d = Deidentifier("surrogate", KEY)
    op = d.policy.operator_for("PHONE")
    monkeypatch.setattr(type(op), "apply", lambda self, value, label, ctx, span=None: value)
    with pytest.raises(TransformError):
        d.transform(Document("call 617-555-0199"), [Span(5, 17, "PHONE")])


def test_api_accepts_text_and_detects_with_the_pipeline():
    out = medveil.deidentify("Call 617-555-0199 on 3/4/2019.", key=KEY)
    assert "617-555-0199" not in out.text and "3/4/2019" not in out.text
    assert {r.label for r in out.replacements} >= {"PHONE", "DATE"}
    assert deidentify("Call 617-555-0199 on 3/4/2019.", key=KEY).text == out.text
    with pytest.warns(UserWarning):
        deidentify("nothing here")


def test_policy_yaml_and_errors(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("preset: surrogate\nlabels:\n  MRN: token\n  date: {operator: generalize, to: month_year}\n")
    pol = Policy.load(str(p))
    assert pol.rule_for("MRN").operator == "token" and pol.rule_for("DATE").to == "month_year"
    for bad in ("labels: {FOO: keep}", "labels: {MRN: generalize}", "labels: {DATE: explode}", "date_shift: {min_days: 0, max_days: 0}", "colour: red"):
        p.write_text(bad)
        with pytest.raises(ValueError):
            Policy.load(str(p))


def test_examples_policies_load():
    import pathlib

    files = sorted(pathlib.Path(__file__).parents[2].joinpath("examples", "policies").glob("*.yaml"))
    assert files
    for f in files:
        pol = Policy.load(str(f))
        run(pol, id="n1", patient_id="p1")


@pytest.mark.parametrize("policy", ["surrogate", "tags", "redact", "safe-harbor"])
@pytest.mark.parametrize("value", ["", " ", "x", "??", "é", "0", "a b", "\n", "12/45/9999", "@", "---"])
def test_every_operator_survives_odd_values(policy, value):
    pol = Policy.load(policy)
    d = Deidentifier(pol, KEY)
    for lab in medveil.Label:
        text = f"[{value}]"
        out = d.transform(Document(text, id="x"), [Span(1, 1 + len(value), lab.value)])
        assert isinstance(out.text, str) and out.text.startswith("[") and out.text.endswith("]")


def test_a_shifted_date_landing_on_another_original_date_does_not_fail_the_record():
    d = Deidentifier("surrogate", KEY)
    days = d.shift_days(Document("", patient_id="p5"))
    import datetime as _dt

    a = _dt.date(2019, 7, 22)
    b = a + _dt.timedelta(days=days)
    text = f"Seen {a.month}/{a.day}/{a.year} and {b.month}/{b.day}/{b.year}."
    out = d.transform(Document(text, patient_id="p5"), spans_for(text, [(f"{a.month}/{a.day}/{a.year}", "DATE"), (f"{b.month}/{b.day}/{b.year}", "DATE")]))
    assert out.replacements[0].replacement == out.replacements[1].original  # exact intervals win


def test_name_spans_over_a_sentence_end_are_split_and_initials_join():
    text = "Seen by Dr. Jane Goodall. David reports pain. D. Greybeard agreed. Dr. Goodall and David Greybeard."
    items = [("Dr. Jane Goodall. David", "PROVIDER"), ("Greybeard", "PATIENT"), ("Goodall", "PROVIDER"), ("David Greybeard", "PATIENT")]
    out = Deidentifier("surrogate", KEY).transform(Document(text, patient_id="p1"), spans_for(text, items))
    full_first, full_last = out.text.split(" and ")[1].rstrip(".").split()
    assert f". {full_first} reports pain." in out.text  # "David" is the patient's first name, not a provider's last name
    assert f"{full_first[0]}. {full_last} agreed" in out.text
    goodall = out.text.split("Dr. ")[2].split(" and")[0]
    assert out.text.startswith("Seen by Dr. ") and out.text.split("Dr. ")[1].split(".")[0].endswith(goodall)


def test_a_datetime_labelled_as_an_id_does_not_fail_the_record():
    text = "<admitted>2015-08-22T17:39:00</admitted> <discharged>2015-09-07T06:24:00</discharged>"
    items = [("2015-08-22T17", "ID"), ("2015-09-07T06", "ID")]
    out = Deidentifier("surrogate", KEY).transform(Document(text, patient_id="p1"), spans_for(text, items))
    assert "2015-08-22T17" not in out.text and "2015-09-07T06" not in out.text


def test_a_kept_value_equal_to_another_replaced_original_does_not_fail_the_record():
    text = "Born in Montenegro, lives in Montenegro."
    items = [("Montenegro", "COUNTRY"), ("Montenegro", "LOCATION")]
    out = Deidentifier("safe-harbor", KEY).transform(Document(text), spans_for(text, items))
    assert out.text.startswith("Born in Montenegro,")
