from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from medveil.transform.keyed import date_shift_days, derive_key, keyed_choice, keyed_token

KEY = derive_key("secret", "test")


@given(st.text(min_size=0, max_size=20), st.integers(-400, 0), st.integers(0, 400))
def test_date_shift_in_range_never_zero(pid, lo, hi):
    if lo == hi == 0:
        return
    d = date_shift_days(KEY, pid, lo, hi)
    assert lo <= d <= hi and d != 0


def test_date_shift_is_a_pure_function_of_key_and_patient():
    assert date_shift_days(KEY, "p1", -365, 365) == date_shift_days(KEY, "p1", -365, 365)
    shifts = {date_shift_days(KEY, f"p{i}", -365, 365) for i in range(50)}
    assert len(shifts) > 30  # patients get different shifts
    other = derive_key("another secret", "test")
    assert [date_shift_days(KEY, f"p{i}", -365, 365) for i in range(10)] != [date_shift_days(other, f"p{i}", -365, 365) for i in range(10)]


def test_date_shift_covers_the_whole_range_except_zero():
    assert {date_shift_days(KEY, str(i), -2, 2) for i in range(300)} == {-2, -1, 1, 2}
    assert {date_shift_days(KEY, str(i), 0, 1) for i in range(20)} == {1}


def test_keyed_token_is_stable_normalized_and_keyed():
    t = keyed_token(KEY, "MRN", "ab-12")
    assert t == keyed_token(KEY, "MRN", " AB-12 ") and len(t) == 12 and t.isalnum() and t.isupper()
    assert t != keyed_token(KEY, "MRN", "ab-13")
    assert t != keyed_token(derive_key("x", "test"), "MRN", "ab-12")


def test_derive_key_separates_purposes_and_keyed_choice_is_deterministic():
    assert derive_key("s", "a") != derive_key("s", "b") and len(derive_key("s", "a")) == 32
    opts = ["a", "b", "c", "d"]
    assert keyed_choice(KEY, opts, "x", 1) == keyed_choice(KEY, opts, "x", 1)
    assert len({keyed_choice(KEY, opts, "x", i) for i in range(40)}) == 4
