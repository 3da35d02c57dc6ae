from __future__ import annotations

from medveil.document import Span
from medveil.transform.base import Context
from medveil.transform.generalize import RESTRICTED_ZIP3, AgeOperator, ZipGeneralize, zip3
from medveil.transform.keyed import derive_key
from medveil.transform.names import NameLinker
from medveil.transform.simple import RedactOperator, TagOperator

KEY = derive_key("secret", "surrogate")


def test_redact_fixed_and_length_preserving():
    c = Context(key=KEY, scope="p")
    assert RedactOperator().apply("John Smith", "PATIENT", c) == "***"
    assert RedactOperator("[{label}]").apply("John Smith", "PATIENT", c) == "[PATIENT]"
    assert RedactOperator(preserve_length=True).apply("Jo\nSmith", "PATIENT", c) == "**\n*****"


def test_tags_link_mentions_of_one_person():
    text = "David Greybeard met Dr. Jane Goodall. Dave and GREYBEARD left; 617-555-0199 and 617-555-0199."
    names = [("David Greybeard", "PATIENT"), ("Jane Goodall", "PROVIDER"), ("Dave", "PERSON"), ("GREYBEARD", "PERSON")]
    spans = [Span(text.index(n), text.index(n) + len(n), lab) for n, lab in names]
    c = Context(key=KEY, scope="p", names=NameLinker(text, spans))
    op = TagOperator()
    out = [op.apply(text[s.start : s.end], s.label, c, s) for s in spans]
    assert out == ["<PATIENT:1>", "<PROVIDER:2>", "<PATIENT:1>", "<PATIENT:1>"]
    assert op.apply("617-555-0199", "PHONE", c) == "<PHONE:1>" == op.apply("617-555-0199", "PHONE", c)
    keyed = TagOperator(index="keyed").apply("617-555-0199", "PHONE", c)
    assert keyed.startswith("<PHONE:") and keyed == TagOperator(index="keyed").apply("617-555-0199", "PHONE", c)


def test_zip3_and_restricted_areas():
    assert zip3("02138") == "021" and zip3("02138-1234") == "021"
    assert RESTRICTED_ZIP3 == {"036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893"}
    assert all(zip3(z + "45") == "000" for z in RESTRICTED_ZIP3)
    assert ZipGeneralize().apply("89301", "ZIP", Context(key=KEY, scope="p")) == "000"


def test_ages():
    c = Context(key=KEY, scope="p")
    assert AgeOperator().apply("92", "AGE", c) == "90+"
    assert AgeOperator().apply("age 93", "AGE", c) == "age 90+"
    assert AgeOperator().apply("92-year-old", "AGE", c) == "90-plus-year-old"
    assert AgeOperator().apply("45", "AGE", c) == "45"
    assert AgeOperator("band").apply("45", "AGE", c) == "40-49"
    v = AgeOperator("value").apply("95", "AGE", c)
    assert 90 <= int(v) <= 99 and v != "95"


def test_titles_and_suffixes_stay_outside_a_tag():
    text = "Seen by Dr. Jane Goodall, MD. Dr. Goodall agreed."
    spans = [Span(8, 28, "PROVIDER"), Span(30, 41, "PROVIDER")]
    c = Context(key=KEY, scope="p", names=NameLinker(text, spans))
    out = [TagOperator().apply(text[s.start : s.end], s.label, c, s) for s in spans]
    assert out == ["Dr. <PROVIDER:1>, MD", "Dr. <PROVIDER:1>"]
