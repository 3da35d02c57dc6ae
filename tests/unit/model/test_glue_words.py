"""Words the model never tags alone (function words, common words seldom a name): when they join a name.

``glue_kept(word, label before, label after)`` — the labels of the flagged words on each side, None
when a side is not flagged.
"""

from __future__ import annotations

import numpy as np
import pytest

from medveil.model.core import glue_gap_ok, glue_kept, glue_mask, glue_only, glue_plain, glue_side
from medveil.model.features import _VOCAB


@pytest.mark.parametrize(
    ("word", "before", "after", "kept", "why"),
    [
        ("of", "ORGANIZATION", "ORGANIZATION", True, "University of Utah"),
        ("of", "HOSPITAL", "CITY", True, "Hospital of Springfield"),
        ("and", "ORGANIZATION", "ORGANIZATION", True, "Johnson and Johnson"),
        ("of", "PERSON", "ORGANIZATION", False, "Dr. Mališ of Importio: two names, not one"),
        ("and", "PATIENT", "PATIENT", False, "Rudi and Campos"),
        ("of", None, "ORGANIZATION", False, "a function word needs a name on both sides"),
        ("the", None, "LOCATION", False, "the Miller Library: a leading article stays outside"),
        ("the", "HOSPITAL", "HOSPITAL", True, "inside a name"),
        ("a", "PROVIDER", "PROVIDER", True, "the initial of John A. Leiva"),
        ("a", None, "PROVIDER", True, "A. Lemaître"),
        ("a", "PATIENT", None, True, "Robert A."),
        ("w", "DATE", None, False, "Oct. 27 W/ ETOH: an initial joins words, not a date"),
        ("t", None, "PHONE", False, "T 4015597488: nor a number"),
        ("center", "HOSPITAL", None, True, "a common word beside a flagged name: NEW RASMUSSEN SENIOR CENTER"),
        ("progress", None, None, False, "never alone"),
        ("of", None, None, False, "never alone"),
    ],
)
def test_glue_kept(word, before, after, kept, why):
    assert glue_kept(word, before, after) is kept, why


@pytest.mark.parametrize(
    ("word", "before", "after", "kept", "why"),
    [
        ("an", None, "PATIENT", True, "An Nguyen: a first name that is also a function word opens the name"),
        ("my", None, "RELATIVE", True, "My Linh Tran"),
        ("an", "PATIENT", "PATIENT", False, "inside a person's name it is still a joint: Rudi and Campos"),
        ("an", None, "ORGANIZATION", False, "only a person's name"),
        ("an", None, None, False, "never alone"),
    ],
)
def test_a_capitalized_first_name_may_open_a_persons_name(word, before, after, kept, why):
    assert glue_kept(word, before, after, first_name=True) is kept, why


@pytest.mark.parametrize(("word", "first"), [("An", True), ("MY", True), ("an", False), ("The", False), ("Of", False)])
def test_first_name_word(word, first):
    from medveil.model.core import first_name_word

    assert first_name_word(_VOCAB.rows[_VOCAB.ids([word])][0]) is first


@pytest.mark.parametrize(
    ("gap", "ok", "example"),
    [
        (" ", True, "NEW RASMUSSEN"),
        (". ", True, "A. Leiva"),
        ("-", True, "Smith-Jones"),
        (" & ", True, "Smith & Sons"),
        (", ", True, "Scheel, Till: a surname, then a first name that is also a word"),
        (",\n", False, "a line break"),
        ("   ", False, "PINEDA, JANE   DATE: a column gap"),
        (": ", False, "Name: value"),
        ("/ ", False, "w/ Summer"),
        (" (", False, "Lane (husband)"),
    ],
)
def test_glue_gap(gap, ok, example):
    assert glue_gap_ok(gap) is ok, example


@pytest.mark.parametrize(
    ("label", "plain", "seen", "example"),
    [
        ("PROVIDER", False, None, "Cowan, MD / Mr. Lane / hus Józef: a title or relation is not part of the name"),
        ("PATIENT", True, "PATIENT", "Scheel, Till"),
        ("HOSPITAL", False, "HOSPITAL", "Stockton Family Practice: a place takes any glue"),
        ("CITY", False, "CITY", "San Francisco, CA"),
        (None, True, None, "nothing flagged"),
    ],
)
def test_glue_side(label, plain, seen, example):
    assert glue_side(label, plain) == seen, example


@pytest.mark.parametrize("word", ["of", "the", "and", "Progress", "pt", "will", "support", "turkey", "mass", "US",
                                  "pastor", "fr", "Sra", "Mother-in-law", "Clinician"])
def test_glue_words(word):
    ids = _VOCAB.ids([word])
    row = _VOCAB.rows[ids]
    assert glue_only(word.lower(), row[0])
    assert bool(glue_mask(row, [word])[0])


@pytest.mark.parametrize("word", ["pastor", "fr", "Sra", "Ven", "daughter-in-law"])
def test_a_word_pointing_at_a_person_never_joins_a_persons_name(word):
    # "fr joaquin", "pastor rev haynes": the cue stands beside the name, never in it ("Advocate Lutheran" may join)
    text = f"{word} Joaquin"
    row = _VOCAB.rows[_VOCAB.ids([word])][0]
    assert glue_plain(text, [0, len(word) + 1], [len(word), len(text)], 0, row) == (False, False)


@pytest.mark.parametrize("word", ["Smith", "Okafor", "Lindqvist", "Z5957827", "Brazil", "TEXAS", "Ohio"])
def test_names_are_not_glue(word):
    row = _VOCAB.rows[_VOCAB.ids([word])]
    assert not glue_only(word.lower(), row[0])
    assert not bool(glue_mask(row)[0])


def test_glue_mask_matches_glue_only_on_every_word():
    words = "the patient Brown was seen by Hope at Mercy General of Springfield and will Progress NPN Smith pastor".split()
    rows = _VOCAB.rows[_VOCAB.ids(words)]
    assert glue_mask(rows, words).tolist() == [glue_only(w.lower(), r) for w, r in zip(words, rows, strict=True)]
    assert np.asarray(glue_mask(rows)).dtype == bool


@pytest.mark.parametrize(
    ("text", "word", "is_key"),
    [
        ("Author: Dr. Casper\nFacility: OVERLAND PARK REG MED CTR", "Facility", True),
        ("Plan: extubate in AM", "Plan", True),
        ("  Facility: Mercy", "Facility", True),
        ("Ubul: What a wonderful day", "Ubul", False),  # a speaker's name: not a known word
        ("seen at the Facility: Mercy", "Facility", False),  # not at the start of the line
        ("Facility Mercy", "Facility", False),  # no colon
        ("PATIENT:  PINEDA, JANE   DATE:  SEP 30, 2024", "DATE", True),  # a second field after a column gap
        ("Patient: MILLER, BRENT\tMRN: 2729205", "MRN", True),
        ("Seen by Dr. Will: stable", "Will", False),  # a single space: not a column
    ],
)
def test_field_key(text, word, is_key):
    from medveil.model.core import field_key

    start = text.index(word)
    row = _VOCAB.rows[_VOCAB.ids([word])][0]
    assert field_key(text, start, start + len(word), row) is is_key


@pytest.fixture(scope="module")
def hybrid():
    from medveil.config import DetectConfig
    from medveil.pipeline import Pipeline

    return Pipeline(DetectConfig(model="default"))


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("11/19/2014\n\nTerrence U. Cowan, MD\nMilford Neurology Associates\n", "MD", "Cowan"),
        ("History of Present Illness:\nMr. Lane is well known to Dr Yen.", "Mr", "Lane"),
        ("pt lives alone in South Mccartyland, hus Theophile checks in daily", "hus", "Theophile"),
    ],
)
def test_a_title_credential_or_relation_beside_a_name_stays_out(hybrid, text, word, name):
    spans = hybrid.detect(text)
    w, n = text.index(word), text.index(name)
    assert any(s.start <= n < s.end for s in spans), f"{name} is found"
    assert not any(s.start <= w < s.end for s in spans), f"{word} is not part of it"


@pytest.mark.parametrize(
    ("text", "digits", "piece"),
    [
        ("Cr peaked at 2.4 on March 3", "4", True),
        ("pH 7.46, pCO2 32", "7", True),
        ("platelets of 81,000. Her ANC", "000", True),
        ("BP (RUE)132/72 LUE", "72", True),
        ("Suite 97, Overland Park", "97", False),  # a comma and a space: the next field, not a separator
        ("call 079 2718 1155", "2718", False),
        ("Room 4", "4", False),
    ],
)
def test_number_piece(text, digits, piece):
    from medveil.model.core import number_piece

    start = text.index(digits)
    assert number_piece(text, start, start + len(digits)) is piece


@pytest.mark.parametrize(
    ("text", "token", "segment"),
    [
        ("MSH|^~\\&|LAB|NWWH|EPIC", "MSH", True),
        ("ORC|RE|ORD88412\nOBR|1|ORD88412", "OBR", True),
        ("PID|1||0044^^^MRN||ABBOTT^JUNE", "ABBOTT", False),  # a field, not the segment's name
        ("Seen by DR. ABBOTT|not a segment", "ABBOTT", False),
    ],
)
def test_segment_id(text, token, segment):
    """The name that opens an HL7 segment line is never PHI."""
    from medveil.model.core import segment_id

    start = text.index(token)
    assert segment_id(text, start, start + len(token)) is segment


@pytest.mark.parametrize(
    ("text", "token", "tag"),
    [
        ("<address> <street>901 Nielsen Blvd</street> <city>Nashua</city>", "city", True),
        ("<street>901 Nielsen Blvd</street>", "Blvd", False),
        ('<record system="ADT" version="1.4">', "record", True),
        ("<city>Nashua</city>", "Nashua", False),  # the element's value
        ("lives in the city < 5 miles away", "city", False),
        ('</address> <insurance payer="Medicaid">HPH163512474</insurance>', "payer", True),
        ('Payer: Medicaid. payer="x" typed in a note > here', "Payer", False),
    ],
)
def test_xml_tag_name(text, token, tag):
    """The name of an XML element in its tag is markup, never PHI."""
    from medveil.model.core import xml_tag_name

    start = text.rindex(token) if token == "city" and "</city>" in text else text.index(token)
    assert xml_tag_name(text, start, start + len(token)) is tag


@pytest.mark.parametrize(
    ("text", "token", "label", "wrong"),
    [
        ("leave messages to 699 956 915", "956", "PHONE", False),  # a run of 9 digits
        ("call (555) 123-4567 today", "555", "PHONE", False),
        ("fax +44 20 7946 0958", "7946", "FAX", False),
        ("BP DROPPED TO 84 AT 0415, DR MORAN", "0415", "PHONE", True),  # a time: 4 digits
        ("on January 20th at 14:30 today", "30", "PHONE", True),  # a colon ends the run
        ("EXAM: BP216/108 HR72 RR14", "HR72", "PHONE", True),  # a letter: no phone piece
        ("Vitamin B1 210, B12 905", "210", "PHONE", True),  # the 1 of B1 belongs to the word
        ("OB hx G2P1A1, G3P2", "G3P2", "ZIP", True),  # gravida/para code
        ("NS K1A0B1", "K1A0B1", "ZIP", True),
        ("Salvador Brazil 10988", "10988", "ZIP", False),
        ("G3P2", "G3P2", "PATIENT", False),  # a name's label: a token with a letter may carry it
        ("in Lehi, 50-55 h/week", "50-55", "ORGANIZATION", True),  # a name or place has letters
        ("Rue 31 Al Imam", "31", "STREET", False),  # bare digits are decided as glue (lone_number)
    ],
)
def test_wrong_shape(text, token, label, wrong):
    """A new token's label must fit its shape: phone and fax pieces sit in runs of at least 7 digits,
    a ZIP the model finds is digits (letter postcodes are the rules', after a cue), a name or a place has a letter."""
    from medveil.model.core import wrong_shape

    start = text.index(token)
    assert wrong_shape(text, start, start + len(token), label) is wrong
