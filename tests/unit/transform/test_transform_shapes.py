from __future__ import annotations

import ipaddress
import re

import pytest

from medveil.transform.base import Context
from medveil.transform.keyed import derive_key
from medveil.transform.shapes import ShapeSurrogate, TokenOperator

KEY = derive_key("secret", "surrogate")


def ctx(scope="p1", originals=()):
    return Context(key=KEY, scope=scope, originals=frozenset(o.casefold() for o in originals))


def shape(s):
    return re.sub(r"[a-z]", "a", re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", s)))


@pytest.mark.parametrize(
    "value, label",
    [
        ("(617) 555-0199", "PHONE"),
        ("617.555.0199", "FAX"),
        ("+1 617-555-0199 x123", "PHONE"),
        ("AB-1234-x", "MRN"),
        ("00012345", "ACCOUNT"),
        ("1HGCM82633A004352", "VEHICLE_ID"),
        ("123-45-6789", "SSN"),
    ],
)
def test_same_shape_different_value(value, label):
    out = ShapeSurrogate().apply(value, label, ctx())
    assert out != value and shape(out) == shape(value)
    assert ShapeSurrogate().apply(value, label, ctx()) == out  # pure


def test_ssn_is_never_in_an_issued_range():
    for i in range(200):
        out = ShapeSurrogate().apply(f"123-45-{i:04d}", "SSN", ctx())
        assert out[0] == "9" and out[4:6] != "00" and out[7:] != "0000"


def test_email_url_ip_keep_their_form():
    s = ShapeSurrogate()
    email = s.apply("dave.greybeard@gmail.com", "EMAIL", ctx())
    assert re.fullmatch(r"[a-z]+\.[a-z]+@[a-z]+\.com", email) and "greybeard" not in email
    url = s.apply("https://www.davegreybeard.org/about/me", "URL", ctx())
    assert url.startswith("https://www.") and ".org/" in url and "greybeard" not in url
    ip = s.apply("192.168.1.20", "IP_ADDRESS", ctx())
    assert ipaddress.ip_address(ip) and ip != "192.168.1.20"


def test_surrogate_avoids_other_originals():
    # with every other 4-digit value forbidden except a few, the draw still avoids them
    forbidden = [f"{i:04d}" for i in range(1000, 9990)]
    out = ShapeSurrogate().apply("1234", "ID", ctx(originals=forbidden))
    assert out != "1234" and (out not in forbidden or len(out) != 4)


def test_token_is_corpus_wide_and_id_shaped():
    t1 = TokenOperator().apply("A-12345", "MRN", ctx(scope="corpus"))
    t2 = TokenOperator().apply("a-12345", "MRN", ctx(scope="corpus"))
    assert t1 == t2 and len(t1) == 12 and t1.isalnum()
    assert TokenOperator(length=8, prefix="MRN-").apply("A-12345", "MRN", ctx(scope="corpus")).startswith("MRN-")


def test_an_iso_datetime_labelled_as_an_id_is_shifted_as_a_date():
    c = Context(key=KEY, scope="p1", shift_days=10)
    assert ShapeSurrogate().apply("2015-08-22T17", "ID", c) == "2015-09-01T17"
