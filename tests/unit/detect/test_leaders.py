"""Dot leaders of a face sheet read as colons, the text keeping its length."""

from __future__ import annotations

from medveil.document import Document
from medveil.pipeline import Pipeline, leaders_as_colons


def test_a_dot_leader_becomes_a_colon_and_blanks():
    text = "Patient Name ........ ROSS, ANA\nSex ..... F"
    out = leaders_as_colons(Document(text)).text
    assert out == "Patient Name :        ROSS, ANA\nSex :     F"
    assert len(out) == len(text)


def test_an_ellipsis_is_no_leader():
    doc = Document("he said... maybe later. Waited.... then left")
    assert leaders_as_colons(doc) is doc or leaders_as_colons(doc).text == doc.text


def test_spans_index_the_note_as_written():
    text = "Patient Name ........ SOLANO VEGA, ANA\nMRN ........ 7713420"
    spans = Pipeline().detect(text)
    assert {text[s.start:s.end] for s in spans} >= {"SOLANO VEGA", "ANA", "7713420"}


def test_a_leader_after_a_bracket():
    assert leaders_as_colons(Document("Phone (cell) ........ 509/555-0116")).text == "Phone (cell) :        509/555-0116"


def test_candidates_take_a_bare_text_too():
    text = "Patient Name ........ SOLANO VEGA, ANA"
    assert Pipeline().candidates(text) == Pipeline().candidates(Document(text))
