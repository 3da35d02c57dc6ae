"""Places: fake streets, cities, states, ZIP codes, hospitals, organizations and countries of the
same kind, drawn as a pure function of the keyed hash of the original.

* STATE → another US state, written the same way (two-letter code or full name);
* CITY (and LOCATION) → a real US city from the place list shipped in ``medveil.lexicons``
  (CMS hospital addresses), chosen inside the document's surrogate state when the document names
  a state; Faker's invented city names when that lexicon is missing;
* ZIP → a ZIP code that fits: the first three digits of the surrogate city's ZIP when the document
  names a city, else a ZIP inside the surrogate state, else one chosen from the original's first
  three digits (so all ZIP codes of one area move together); ZIP+4 keeps its form;
* STREET → house number of the same length, a name, a suffix written in full or abbreviated like
  the original, the unit kept in shape; a bare number or unit keeps its words;
* HOSPITAL → a real hospital name from ``medveil.lexicons.hospitals()`` of the same kind
  ("Clinic", "Medical Center" …) when available, else "<Surname> <kind>";
* ORGANIZATION → Faker company names; COUNTRY → Faker countries.

The surrogate state and city are those of the *first* STATE and CITY of the document (see
``Deidentifier._prepare_state``), so a ZIP's surrogate depends on the document's own state and city
as well as on the ZIP itself. A surrogate never contains its original nor is contained in it.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from medveil.document import Span
from medveil.transform.base import Context
from medveil.transform.keyed import keyed_choice, keyed_int, keyed_random, normalize
from medveil.transform.shapes import shape_like

_MAX_ATTEMPTS = 40
_SUFFIXES = [
    ("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Drive", "Dr"), ("Lane", "Ln"), ("Boulevard", "Blvd"),
    ("Court", "Ct"), ("Way", "Way"), ("Place", "Pl"), ("Terrace", "Ter"), ("Circle", "Cir"),
]
_ABBR = {a.lower() for _, a in _SUFFIXES} | {"st.", "ave.", "rd.", "dr.", "ln.", "blvd.", "ct.", "pl."}
_KINDS = [
    "Regional Medical Center", "Medical Center", "Memorial Hospital", "General Hospital", "Children's Hospital",
    "Community Hospital", "Hospital", "Health Center", "Health System", "Medical Group", "Clinic", "Infirmary",
    "Nursing Home", "Rehabilitation Center", "Rehab Center", "Cancer Center", "Surgical Center", "Urgent Care",
]
_STREET = re.compile(r"^(?P<num>\d+[A-Za-z]?(?:-\d+)?\s+)?(?P<body>.*?)(?P<unit>,?\s+(?:apt|apartment|unit|suite|ste|#)\.?\s*\S+)?$", re.I | re.S)


_LOCAL = threading.local()


def _faker():
    """One Faker per thread: it is re-seeded for every draw, so threads must not share it."""
    f = getattr(_LOCAL, "faker", None)
    if f is None:
        from faker import Faker

        f = _LOCAL.faker = Faker("en_US")
    return f


@lru_cache(maxsize=1)
def _states() -> tuple[tuple[str, ...], tuple[str, ...], dict[str, tuple[int, int]]]:
    from faker.providers.address.en_US import Provider

    return tuple(Provider.states), tuple(Provider.states_abbr), dict(Provider.states_postcode)


def _case(word: str, like: str) -> str:
    letters = [c for c in like if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and all(c.islower() for c in letters):
        return word.lower()
    return word


def _contains(hay: str, needle: str) -> bool:
    """True when ``needle`` (three letters or digits or more) occurs in ``hay`` as whole words."""
    n = normalize(needle)
    if sum(c.isalnum() for c in n) < 3:
        return False
    return re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", normalize(hay)) is not None


def _seeded(ctx: Context, label: str, value: str, attempt: int):
    f = _faker()
    f.seed_instance(keyed_int(ctx.key, ctx.scope, label, normalize(value), attempt) % (2**63))
    return f


def _draw(value: str, label: str, ctx: Context, make) -> str:
    out = value
    for a in range(ctx.attempt, ctx.attempt + _MAX_ATTEMPTS):
        out = _case(make(_seeded(ctx, label, value, a), a), value)
        if not ctx.clashes(out, value) and not _contains(out, value) and not _contains(value, out):
            return out
    return out


def state_surrogate(value: str, ctx: Context) -> str:
    """Another US state written the same way (two-letter code or full name)."""
    names, abbrs, _ = _states()
    v = value.strip().rstrip(".")
    use_abbr = len(v) == 2

    def make(f, a):
        i = keyed_int(ctx.key, ctx.scope, "STATE", normalize(v), a) % len(names)
        return abbrs[i] if use_abbr else names[i]

    return _draw(value, "STATE", ctx, make)


def _state_index(state: str) -> int | None:
    names, abbrs, _ = _states()
    s = state.strip().rstrip(".").lower()
    for i, (n, a) in enumerate(zip(names, abbrs, strict=True)):
        if s in (n.lower(), a.lower()):
            return i
    return None


def zip_surrogate(value: str, ctx: Context) -> str:
    """A ZIP code of the same form (5 digits, ZIP+4) in the document's surrogate state."""
    _, abbrs, postcode = _states()
    digits = re.sub(r"\D", "", value)
    city = ctx.extra.get("surrogate_city")
    if city is not None:  # a ZIP of the surrogate city: its first three digits, keyed last two
        lo3 = int(city[2][:3]) * 100

        return _draw(value, "ZIP", ctx, lambda f, a: _zip_form(value, f"{lo3 + f.random_int(0, 99):05d}", f, ctx, a))
    state = ctx.extra.get("surrogate_state")
    idx = _state_index(state) if state else None
    if idx is None:
        idx = keyed_int(ctx.key, ctx.scope, "ZIP3", digits[:3]) % len(abbrs)
    abbr = abbrs[idx]
    lo, hi = postcode.get(abbr, (10000, 99999))

    return _draw(value, "ZIP", ctx, lambda f, a: _zip_form(value, f"{f.random_int(lo, hi):05d}", f, ctx, a))


_ZIP_FORM = re.compile(r"(\s*)(\d{5})([- ]?)(\d{4})?(\s*)")


def _zip_form(value: str, zip5: str, f, ctx: Context, attempt: int) -> str:
    """``zip5`` written in the form of ``value`` (ZIP or ZIP+4, spacing kept); other shapes digit by digit."""
    m = _ZIP_FORM.fullmatch(value)
    if m and m.group(4):
        return f"{m.group(1)}{zip5}{m.group(3)}{f.random_int(1, 9999):04d}{m.group(5)}"
    if m:
        return f"{m.group(1)}{zip5}{m.group(5)}"
    return shape_like(value, keyed_random(ctx.key, ctx.scope, "ZIP", value, attempt))


def _keep_words_shape(value: str, rng) -> str:
    """Digits replaced, words kept ("Apt. 595" → "Apt. 318")."""
    return re.sub(r"\d", lambda m: rng.choice("123456789") if m.start() == 0 or not value[m.start() - 1].isdigit() else rng.choice("0123456789"), value)


def street_surrogate(value: str, ctx: Context) -> str:
    """A street address of the same form: house number of the same length, a name, a suffix written
    in full or abbreviated like the original, and the unit kept in shape."""
    if not any(c.isalpha() for c in value) or re.fullmatch(r"\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*\S+\s*", value, re.I):
        return _draw(value, "STREET", ctx, lambda f, a: _keep_words_shape(value, keyed_random(ctx.key, ctx.scope, "STREET", value, a)))
    m = _STREET.match(value)
    assert m is not None
    num, body, unit = m.group("num") or "", m.group("body") or "", m.group("unit") or ""
    words = body.split()
    last = words[-1].lower() if words else ""
    abbreviated = last in _ABBR
    has_suffix = abbreviated or any(last == full.lower() for full, _ in _SUFFIXES)

    def make(f, a):
        rng = keyed_random(ctx.key, ctx.scope, "STREET#", normalize(value), a)
        name = f.last_name() if rng.random() < 0.6 else f.first_name()
        full, abbr = rng.choice(_SUFFIXES)
        suffix = (abbr + ("." if last.endswith(".") and abbr != "Way" else "")) if abbreviated else full
        parts = [shape_like(num, rng) if num else "", _case(name + (" " + suffix if has_suffix or not words else ""), body)]
        new_unit = ""
        if unit:
            head, _, tail = unit.rpartition(" ") if " " in unit.strip() else ("", "", unit)
            new_unit = (head + " " if head else "") + shape_like(tail, rng)
        return "".join(parts) + new_unit

    return _draw(value, "STREET", ctx, make)


def hospital_surrogate(value: str, ctx: Context) -> str:
    """A hospital of the same kind (see the module docstring)."""
    names = _lexicon_hospitals()
    low = value.lower()
    kind = next((k for k in _KINDS if low.rstrip(". ").endswith(k.lower())), None)
    if kind is not None and normalize(value).rstrip(". ") == kind.lower():
        kind = None  # the original is only a kind ("General Hospital"): any hospital will do
    if names:
        pool = _hospital_pool(tuple(names), kind)

        def make(f, a):
            return keyed_choice(ctx.key, pool, ctx.scope, "HOSPITAL", normalize(value), a)
    else:

        def make(f, a):
            return f"{f.last_name()} {kind or 'Memorial Hospital'}"

    return _draw(value, "HOSPITAL", ctx, make)


_SMALL = frozenset({"of", "and", "the", "at", "for", "in", "on"})


def _title(name: str) -> str:
    """Title case for an ALL CAPS name: "ST. MARY'S-DECATUR" → "St. Mary's-Decatur", small words lower."""
    if not name.isupper():
        return name
    words = name.lower().split()
    out = []
    for i, w in enumerate(words):
        if i and w in _SMALL:
            out.append(w)
        else:
            out.append(re.sub(r"(^|[-/(])([a-z])", lambda m: m.group(1) + m.group(2).upper(), w))
    return " ".join(out)


@lru_cache(maxsize=2)
def _hospital_names(raw: tuple[str, ...]) -> list[str]:
    return sorted({_title(n) for n in raw})


@lru_cache(maxsize=1)
def _lexicon_hospitals() -> tuple[str, ...]:
    try:
        from medveil import lexicons  # written in parallel; used when present

        if hasattr(lexicons, "hospitals"):
            raw = tuple(str(h["name"]) if isinstance(h, dict) else str(h) for h in lexicons.hospitals())
            return tuple(_hospital_names(raw))
    except Exception:  # noqa: BLE001 - the lexicon is optional
        pass
    return ()


@lru_cache(maxsize=64)
def _hospital_pool(names: tuple[str, ...], kind: str | None) -> tuple[str, ...]:
    return tuple(n for n in names if kind and n.lower().endswith(kind.lower())) or names


@lru_cache(maxsize=1)
def _city_records() -> tuple[tuple[str, str, str], ...]:
    """(City, ST, ZIP) of real US places from ``medveil.lexicons.hospitals()`` (empty without it)."""
    try:
        from medveil import lexicons

        rows = lexicons.hospitals() if hasattr(lexicons, "hospitals") else []
    except Exception:  # noqa: BLE001 - the lexicon is optional
        return ()
    seen: dict[tuple[str, str], str] = {}
    for h in rows:
        if not isinstance(h, dict):
            continue
        city, st, z = str(h.get("city", "")), str(h.get("state", "")), str(h.get("zip", ""))
        if city and len(st) == 2 and re.fullmatch(r"\d{5}", z):
            seen.setdefault((_title(city), st.upper()), z)
    return tuple(sorted((c, st, z) for (c, st), z in seen.items()))


def city_record(value: str, ctx: Context) -> tuple[str, str, str] | None:
    """A real (City, ST, ZIP) for the city ``value``, inside the document's surrogate state when
    there is one; ``None`` when no place lexicon is installed."""
    records = _city_records()
    if not records:
        return None
    state = ctx.extra.get("surrogate_state")
    idx = _state_index(state) if state else None
    pool = records
    if idx is not None:
        abbr = _states()[1][idx]
        pool = tuple(r for r in records if r[1] == abbr) or records
    rec = pool[0]
    for a in range(ctx.attempt, ctx.attempt + _MAX_ATTEMPTS):
        rec = keyed_choice(ctx.key, pool, ctx.scope, "CITY", normalize(value), a)
        if not ctx.clashes(rec[0], value) and not _contains(rec[0], value) and not _contains(value, rec[0]):
            return rec
    return rec


def _with_attempt(ctx: Context, attempt: int) -> Context:
    return Context(key=ctx.key, scope=ctx.scope, originals=ctx.originals, attempt=attempt, extra=ctx.extra)


def _city(f, a):
    return f.city()


def _org(f, a):
    return f.company()


def _country(f, a):
    for _ in range(20):  # plain country names read best ("Peru", not "French Southern Territories")
        c = f.country()
        if len(c.split()) <= 2 and "(" not in c and "," not in c:
            return c
    return c


_ADDRESS_TAIL = re.compile(r"^\s*(?P<st>[A-Za-z]{2})\.?(?:(?P<sp>\s+)(?P<zip>\d{5}(?:-\d{4})?))?\s*$")
_ZIPLIKE = re.compile(r"^\s*\d{5}(?:[- ]?\d{4})?\s*$")


def address_surrogate(value: str, ctx: Context) -> str:
    """A whole address in one span ("431 Main St, Olathe, KS 66018"): each comma-separated part is
    replaced by a part of the same kind — street, city, "ST ZIP" — consistently with each other."""
    parts = value.split(",")
    sub = Context(key=ctx.key, scope=ctx.scope, originals=ctx.originals, attempt=ctx.attempt, extra=dict(ctx.extra))
    tail = _ADDRESS_TAIL.match(parts[-1]) if len(parts) > 1 else None
    if tail:
        sub.extra["surrogate_state"] = state_surrogate(tail.group("st"), sub)
    cities = [p for p in parts[1:-1]] if tail else parts[1:]
    if cities and any(c.isalpha() for c in cities[0]):
        rec = city_record(cities[0].strip(), sub)
        if rec is not None:
            sub.extra["surrogate_city"] = rec
            if tail:
                sub.extra["surrogate_state"] = rec[1]
    out = [street_surrogate(parts[0], sub) if parts[0].strip() else parts[0]]
    for c in cities:
        lead = c[: len(c) - len(c.lstrip())]
        rec = city_record(c.strip(), sub) if c.strip() else None
        out.append(lead + (_case(rec[0], c.strip()) if rec else _draw(c.strip(), "CITY", sub, _city)) if c.strip() else c)
    if tail:
        st = sub.extra.get("surrogate_state") or state_surrogate(tail.group("st"), sub)
        lead = parts[-1][: len(parts[-1]) - len(parts[-1].lstrip())]
        z = f"{tail.group('sp')}{zip_surrogate(tail.group('zip'), sub)}" if tail.group("zip") else ""
        out.append(f"{lead}{_case(st, tail.group('st'))}{z}")
    return ",".join(out)


class LocationSurrogate:
    """Surrogates for STREET, CITY, STATE, ZIP, HOSPITAL, ORGANIZATION, COUNTRY and LOCATION."""

    name = "surrogate"

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        if label in ("ZIP", "STREET", "LOCATION") and "," in value and not _ZIPLIKE.match(value):
            return _draw(value, label, ctx, lambda f, a: address_surrogate(value, _with_attempt(ctx, a)))
        if label == "STATE":
            return state_surrogate(value, ctx)
        if label == "ZIP":
            return zip_surrogate(value, ctx)
        if label == "STREET":
            return street_surrogate(value, ctx)
        if label == "HOSPITAL":
            return hospital_surrogate(value, ctx)
        if label in ("CITY", "LOCATION"):
            rec = city_record(value, ctx)
            if rec is not None:
                return _case(rec[0], value)
        if label == "ORGANIZATION":
            return _draw(value, label, ctx, _org)
        if label == "COUNTRY":
            return _draw(value, label, ctx, _country)
        return _draw(value, label, ctx, _city)
