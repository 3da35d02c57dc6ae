"""The resolver's policy (``medveil.resolve``), step by step."""

from __future__ import annotations

import pytest

from medveil.document import Span
from medveil.resolve import resolve


def _spans(text: str, *pieces: tuple[str, str, float]) -> list[Span]:
    out = []
    for piece, label, score in pieces:
        s = text.index(piece)
        out.append(Span(s, s + len(piece), label, score, "test"))
    return out


def _resolved(text: str, *pieces: tuple[str, str, float]) -> list[tuple[str, str]]:
    return [(text[sp.start:sp.end], str(sp.label)) for sp in resolve(_spans(text, *pieces), text)]


def test_overlapping_spans_take_the_longest_confident_label():
    text = "lives at Veronica's Home since May"
    assert _resolved(text, ("Veronica", "PERSON", 0.9), ("Veronica's Home", "HOSPITAL", 0.8)) == [
        ("Veronica's Home", "HOSPITAL")]


def test_same_label_spans_separated_by_a_space_join():
    text = "seen by Anna Kowal today"
    assert _resolved(text, ("Anna", "PROVIDER", 0.9), ("Kowal", "PROVIDER", 0.9)) == [("Anna Kowal", "PROVIDER")]


def test_a_hospitals_and_an_organizations_pieces_join_under_the_longer_label():
    text = "SAGEBRUSH MUTUAL INSURANCE CO, Boise"
    assert _resolved(text, ("SAGEBRUSH", "HOSPITAL", 0.7), ("MUTUAL INSURANCE CO", "ORGANIZATION", 0.7)) == [
        ("SAGEBRUSH MUTUAL INSURANCE CO", "ORGANIZATION")]


def test_a_person_and_a_place_beside_each_other_stay_apart():
    text = "Dr Lane Boise clinic"
    assert _resolved(text, ("Lane", "PROVIDER", 0.9), ("Boise", "CITY", 0.9)) == [("Lane", "PROVIDER"), ("Boise", "CITY")]


@pytest.mark.parametrize(
    ("text", "piece", "expected"),
    [
        ("call (617) 555-0148 today", "(617) 555-0148", "(617) 555-0148"),  # the span closes its bracket: it keeps it
        ("seen at (Mercy Hospital) today", "(Mercy Hospital)", "Mercy Hospital"),  # enclosing brackets go
        ("from Mercy Hospital (North), then", "Mercy Hospital (North),", "Mercy Hospital (North)"),
        ("pt (Ana Ruiz) called", "(Ana Ruiz", "Ana Ruiz"),  # an opening bracket the span does not close goes
    ],
)
def test_trimming_keeps_a_bracket_the_span_closes_or_opens(text, piece, expected):
    assert _resolved(text, (piece, "PHONE", 0.9)) == [(expected, "PHONE")]


@pytest.mark.parametrize(
    ("text", "pieces", "expected"),
    [
        ("a cook at Sullivan's Tap in town", [("Sullivan", "PERSON", 0.9), ("Tap", "ORGANIZATION", 0.9)],
         [("Sullivan's Tap", "ORGANIZATION")]),
        ("ST. BRENDAN'S HOSPITAL", [("BRENDAN", "PERSON", 0.6), ("HOSPITAL", "HOSPITAL", 0.9)],
         [("BRENDAN'S HOSPITAL", "HOSPITAL")]),
        ("Raised Catholic (St. Gabriel's parish)", [("St. Gabriel", "ORGANIZATION", 0.9)],
         [("St. Gabriel's", "ORGANIZATION")]),
        ("works at Pike’s Hardware", [("Pike", "PERSON", 0.8), ("Hardware", "ORGANIZATION", 0.9)],
         [("Pike’s Hardware", "ORGANIZATION")]),
        ("Mercy Hospital's ICU", [("Mercy Hospital", "HOSPITAL", 0.9)], [("Mercy Hospital's", "HOSPITAL")]),
    ],
)
def test_a_possessive_belongs_to_a_place_or_organization(text, pieces, expected):
    assert _resolved(text, *pieces) == expected


@pytest.mark.parametrize(
    ("text", "pieces", "expected"),
    [
        ("Mary's husband John called", [("Mary", "RELATIVE", 0.9), ("John", "RELATIVE", 0.9)],
         [("Mary", "RELATIVE"), ("John", "RELATIVE")]),
        ("Dr. Okafor's note from Mercy", [("Okafor", "PROVIDER", 0.9), ("Mercy", "HOSPITAL", 0.9)],
         [("Okafor", "PROVIDER"), ("Mercy", "HOSPITAL")]),
    ],
)
def test_a_persons_possessive_stays_out(text, pieces, expected):
    assert _resolved(text, *pieces) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Supports: his uncle Harold Not Afraid who took me to the lodge.", "Harold", "Harold Not Afraid"),
        ("Continue weekly counseling with Marla Bird In Ground, LAC, at the clinic.", "Marla Bird", "Marla Bird In Ground"),
        ("Seen by Dr. Patel Neurology today and by the team.", "Patel", "Patel"),  # a department: capitalized as often as not
        ("Seen by Dr. Patel Monday and by the team.", "Patel", "Patel"),  # a weekday
        ("Her mother Cheryl Cincinnati Stroke Scale positive, per the team.", "Cheryl", "Cheryl"),  # a test's head
        ("ATTENDING: JOHN SMITH NOT AVAILABLE", "JOHN SMITH", "JOHN SMITH"),  # capitals say nothing
        ("Name: Jane Roe Date Of Birth: 1/2/1950", "Jane Roe", "Jane Roe"),  # a line in Title Case
    ],
)
def test_a_persons_name_runs_on_over_words_prose_writes_in_lowercase(text, name, expected):
    assert _resolved(text, (name, "RELATIVE", 0.9))[0][0] == expected


def test_a_persons_names_separated_by_a_bare_comma_join_as_va_notes_write_them():
    text = "AUTHOR: MCCRAY,TAMIKA L  URGENCY: ROUTINE; seen 3/4,5/6"
    assert _resolved(text, ("MCCRAY", "PROVIDER", 0.9), ("TAMIKA L", "PROVIDER", 0.9), ("3/4", "DATE", 0.9), ("5/6", "DATE", 0.9)) == [
        ("MCCRAY,TAMIKA L", "PROVIDER"), ("3/4", "DATE"), ("5/6", "DATE")]


@pytest.mark.parametrize(
    ("text", "place", "label", "expected"),
    [
        ("He drives long-haul for Intermountain Freight Lines and is worried.", "Intermountain", "CITY",
         ("Intermountain Freight Lines", "ORGANIZATION")),
        ("referred to legal aid, Mississippi Center for Legal Services). He smoked", "Mississippi", "STATE",
         ("Mississippi Center for Legal Services", "ORGANIZATION")),
        ("He fished on the Mississippi River near the dock daily.", "Mississippi", "STATE", ("Mississippi River", "LOCATION")),
        ("He did the Iowa Gambling Task and the trail test today.", "Iowa", "STATE", ("Iowa", "STATE")),  # a test's name
        ("He lives in Boston Monday through Friday with family.", "Boston", "CITY", ("Boston", "CITY")),  # a weekday
        ("He was seen in Boston ED last night with his wife.", "Boston", "CITY", ("Boston", "CITY")),  # an acronym
        ("SEEN IN BOSTON EMERGENCY DEPARTMENT", "BOSTON", "CITY", ("BOSTON", "CITY")),  # capitals say nothing
    ],
)
def test_a_places_name_runs_on_over_capitalized_words_in_mixed_case_prose(text, place, label, expected):
    assert _resolved(text, (place, label, 0.9))[0] == expected
