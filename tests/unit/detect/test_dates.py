"""Unit tests for the date grammar and the age rule (medveil.detect.dates)."""

from __future__ import annotations

import pytest

from medveil.detect.dates import AgeDetector, DateDetector, lower_text, valid_date
from medveil.document import Document


def _dates(text: str, keep_years: bool = False, min_score: float = 0.5) -> list[str]:
    spans = DateDetector(keep_years).detect(Document(text))
    return sorted({text[s.start : s.end] for s in spans if s.score >= min_score and s.label == "DATE"})


def _ages(text: str) -> list[str]:
    return sorted(text[s.start : s.end] for s in AgeDetector().detect(Document(text)))


# --- validity ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("m", "d", "y", "ok"),
    [
        (1, 31, None, True), (2, 29, None, True), (2, 30, None, False), (4, 31, None, False), (13, 1, None, False),
        (0, 5, None, False), (2, 29, 2020, True), (2, 29, 2019, False), (2, 29, 1900, False), (12, 31, 2100, True),
        (6, 1, 1899, False), (6, 1, 2200, False),
    ],
)  # fmt: skip
def test_valid_date(m, d, y, ok):
    assert valid_date(m, d, y) is ok


def test_lower_text_keeps_length():
    for t in ("İstanbul", "STRASSE ẞ", "ǅ", "plain"):
        assert len(lower_text(t)) == len(t)


# --- shapes that are dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seen on 12/4 for f/u", "12/4"),
        ("pt admitted on 3-15 w/ sob", "3-15"),
        ("cxr 12/4/05 clear", "12/4/05"),
        ("return 4/2/2099", "4/2/2099"),
        ("DOB 3-22-89", "3-22-89"),
        ("scan 2019-01-03 normal", "2019-01-03"),
        ("since 1/2019", "1/2019"),
        ("seen Jan 3rd", "Jan 3rd"),
        ("JANUARY 3, 2019", "JANUARY 3, 2019"),
        ("on 3 Jan 2019", "3 Jan 2019"),
        ("the 3rd of january", "3rd of january"),
        ("started jan3", "jan3"),
        ("OP NOTE 03-JAN-19", "03-JAN-19"),
        ("in Jan 2019", "Jan 2019"),
        ("12/4 10/17 3/14", "10/17"),
        ("next appt Tues 12/4", "12/4"),
        ("dated 20190103", "20190103"),
        ("readmitted 11-4 from rehab", "11-4"),
        ("per family pt fell 03/03", "03/03"),
    ],
)
def test_dates_found(text, expected):
    assert expected in _dates(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seen on the 5th", "the 5th"),
        ("Tues 12/4", "Tues"),
        ("since Christmas 2019", "Christmas 2019"),
        ("over thanksgiving", "thanksgiving"),
        ("on Saturday", "Saturday"),
        ("seen sat 12/4", "sat"),
        ("DISCHARGED FRIDAY", "FRIDAY"),
    ],
)
def test_words_found(text, expected):
    assert expected in _dates(text)


# --- shapes that are not dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "BP 120/80, HR 80s", "bp 110/60", "SBP 90/50", "1/2 NS at 100cc/hr", "5/5 strength", "3/4 assist",
        "7a-7p", "0400", "K 3.9", "x3", "I/O 1.2L/800cc", "12-lead", "20g", "#7.5 ETT", "PEEP 10/5",
        "vent settings 500x14/5/.5", "pain 4/10", "GCS 3/15", "Apgar 8/9", "2/6 SEM", "x 2/3 days",
        "2-3 L", "8-10 mg", "10-12", "24/7", "14:30", "at 2000 pt restless", "1900-0700", "1/2 tab po", "Vicodin 1-2 p.o. q6h",
        "2/3 of dose", "CPAP/PS 5/5", "dec 2 L", "withdrawn 1-2 millimeters", "may 5 mg", "O2 sat 95%", "sat up in chair",
        "CV-CVP 10-23", "2000 cc", "T4N0M0", "2 dec doses given",
    ],
)
def test_not_dates(text):
    assert _dates(text) == []


def test_fraction_is_emitted_below_threshold():
    spans = DateDetector().detect(Document("2/3"))
    assert spans and all(s.score < 0.5 for s in spans)


def test_date_cue_raises_fraction_shape():
    assert _dates("on 3/4") == ["3/4"]


# --- years -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "year"), [("dx in 2019", "2019"), ("since 1998", "1998"), ("MI '92", "'92"),
                                            ("Spring 2019", "Spring 2019"), ("s/p TKA 1998", "1998")])  # fmt: skip
def test_years(text, year):
    assert year in _dates(text)
    assert year not in _dates(text, keep_years=True)


def test_keep_years_still_flags_finer_dates():
    assert _dates("in 3/2019", keep_years=True) == ["3/2019"]
    assert _dates("Jan 2019", keep_years=True) == ["Jan 2019"]


def test_feet_and_inches_are_not_years():
    assert _dates("ht 5'10\"") == []


def test_sources_name_the_rule():
    spans = DateDetector().detect(Document("seen 12/4/05 and Jan 3rd"))
    assert {s.source for s in spans} == {"pattern:date_mdy", "pattern:date_month_day"}


# --- age ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("92 yo M", "92"), ("92 y/o", "92"), ("a 92-year-old woman", "92"), ("aged 95", "95"), ("age 101", "101"),
        ("AGE/SEX: 97 YEARS", "97"), ("92yomale", "92"), ("in her 90s", "90s"), ("in his late nineties", "nineties"),
        ("ninety-two year old", "ninety-two"), ("is a 92 F", "92"), ("100 yr old", "100"),
    ],
)  # fmt: skip
def test_age_over_89(text, age):
    assert _ages(text) == [age]


@pytest.mark.parametrize("text", ["85 yo", "89 year old", "HR 90s", "sats 92%", "BP 95/60", "age 45", "92 mg"])
def test_not_age(text):
    assert _ages(text) == []


# --- ranges, lists, approximate and parenthesised years, key:value -----------------------------------


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("in PICU 4/2-4/4; weaned", ["4/2", "4/4"]),
        ("loop recorder (9/8-9/10) normal", ["9/10", "9/8"]),
        ("stay 1/30-2/3 on the floor", ["1/30", "2/3"]),
        ("cultures from 8/8 and 8/10 grew GPC", ["8/10", "8/8"]),
        ("Admitted Oct 1-Oct 5, 2021", ["Oct 1", "Oct 5, 2021"]),
        ("s/p ICD (2014), TAVR (2020)", ["2014", "2020"]),
        ("flu shot last ~2018", ["2018"]),
        ("hx: dx ~1999", ["1999"]),
        ("pt:DOE mrn:123 dos:6-7-22 anes:MAC", ["6-7-22"]),
        ("likely d/c thurs", ["thurs"]),
        ("CT A/P 6/9: neg", ["6/9"]),
    ],
)
def test_dates_in_ranges_lists_and_cues(text, dates):
    assert _dates(text) == dates


@pytest.mark.parametrize(
    "text",
    [
        "take 1/4-1/2 tab qhs",
        "RLE 3/5-4/5, LLE 4/5-5/5",
        "mix 2/3-3/4 of the can",
        "woke at ~2015 to void",
        "echo EF 2/4",
        "ratio 1:2-3",
        "time 12:3/4",
    ],
)
def test_not_dates_in_ranges_and_cues(text):
    assert _dates(text) == []
