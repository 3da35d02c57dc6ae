from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medveil.transform.base import Context
from medveil.transform.dates import DateShiftOperator, generalize_date, parse_date, shift_date


@pytest.mark.parametrize(
    "text, days, expected",
    [
        ("07/22/2019", 10, "08/01/2019"),
        ("7/22", 10, "8/1"),
        ("3-22-89", 10, "4-1-89"),
        ("Jan 3rd, 2019", 30, "Feb 2nd, 2019"),
        ("January 3", 29, "February 1"),
        ("3 Jan 2019", -3, "31 Dec 2018"),
        ("2019-01-03", 1, "2019-01-04"),
        ("the 5th", 1, "the 6th"),
        ("Tues 12/4", 1, "Wed 12/5"),  # reference year 2001: 4 Dec 2001 was a Tuesday
        ("1/2019", 31, "2/2019"),
        ("Jan 2019", -20, "Dec 2018"),
        ("JAN 3, 2019", 1, "JAN 4, 2019"),
        ("jan 3, 2019", 1, "jan 4, 2019"),
        ("Sept. 12", 1, "Sept. 13"),
        ("3rd of January 2019", 1, "4th of January 2019"),
        ("12/4/2019 10:30", 1, "12/5/2019 10:30"),
        ("Monday, January 7, 2019", 1, "Tuesday, January 8, 2019"),
    ],
)
def test_shift_keeps_the_written_form(text, days, expected):
    assert shift_date(text, days, reference_year=2001) == expected


def test_two_digit_year_with_apostrophe_stays_two_digits_and_moves():
    assert shift_date("'92", 200) == "'93"
    assert shift_date("'92", -10) == "'91"
    assert shift_date("1992", -10) == "1991"


@given(
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2090, 10, 1)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2090, 10, 1)),
    st.integers(-365, 365).filter(lambda d: d != 0),
    st.sampled_from(["{m}/{d}/{y}", "{y}-{m:02d}-{d:02d}", "{mon} {d}, {y}", "{d} {mon} {y}", "{m:02d}/{d:02d}/{y}"]),
)
def test_intervals_between_shifted_dates_are_exact(a, b, days, fmt):
    def write(x: dt.date) -> str:
        return fmt.format(m=x.month, d=x.day, y=x.year, mon=x.strftime("%b"))

    def read(s: str) -> dt.date:
        p = parse_date(s)
        return dt.date(p.year, p.month, p.day)

    sa, sb = shift_date(write(a), days), shift_date(write(b), days)
    assert (read(sb) - read(sa)) == (b - a)
    assert read(sa) - a == dt.timedelta(days=days)
    assert re.sub(r"[A-Za-z]+", "A", re.sub(r"\d+", "9", sa)) == re.sub(r"[A-Za-z]+", "A", re.sub(r"\d+", "9", write(a)))


def test_dates_without_year_use_the_reference_year():
    # 2000 is a leap year: 2/28 + 1 = 2/29; in 2001 it is 3/1
    assert shift_date("2/28", 1, reference_year=2000) == "2/29"
    assert shift_date("2/28", 1, reference_year=2001) == "3/1"


def test_unparseable_date_falls_back_and_is_never_kept():
    ctx = Context(key=b"k" * 32, scope="p", shift_days=5)
    op = DateShiftOperator()
    assert op.apply("sometime last spring", "DATE", ctx) == "[DATE]"
    assert op.apply("2/30/2019", "DATE", ctx) == "[DATE]"
    assert op.apply("7/22/2019", "DATE", ctx) == "7/27/2019"


def test_generalize_to_year_and_month_year_in_the_same_style():
    assert generalize_date("Jan 3rd, 2019", "year") == "2019"
    assert generalize_date("Jan 3rd, 2019", "month_year") == "Jan 2019"
    assert generalize_date("07/22/2019", "month_year") == "07/2019"
    assert generalize_date("2019-01-03", "month_year") == "2019-01"
    with pytest.raises(ValueError):
        generalize_date("7/22", "year")


def test_little_words_around_a_date_are_kept():
    assert shift_date("on 3/4/2019", 10) == "on 3/14/2019"
    assert shift_date("DOB: 03/04/1950", 10) == "DOB: 03/14/1950"
    assert generalize_date("seen on Jan 3rd, 2019", "month_year") == "seen on Jan 2019"
    with pytest.raises(ValueError):
        shift_date("3/4/2019 and 3/5/2019", 10)  # two dates in one span: not guessed


def test_month_and_two_digit_year():
    assert shift_date("9/95", 40) == "10/95"
    assert shift_date("1/50", 31) == "2/50"


def test_other_words_around_a_date_make_the_whole_span_fall_back():
    ctx = Context(key=b"k" * 32, scope="p", shift_days=5)
    assert DateShiftOperator().apply("Rogers-Crosby Medical Center Dec. 2", "DATE", ctx) == "[DATE]"


def test_a_weekday_alone_moves_with_the_shift():
    assert shift_date("TUE", 1) == "WED"
    assert shift_date("Tuesday", -1) == "Monday"
    assert shift_date("Thurs.", 7) == "Fri."  # a multiple of 7 would leave it unchanged: one more day


def test_year_less_dates_never_stay_under_a_whole_year_shift():
    assert shift_date("October", 365) == "November"
    assert shift_date("5-25", 365, reference_year=2001) == "5-26"
    assert shift_date("Jul 6", -365, reference_year=2001) == "Jul 5"
    assert shift_date("5/25/2018", 365) == "5/25/2019"  # with a year nothing special happens
