"""Packaged lexicons: names, words, places, hospitals and exclusion lists, loaded once and cached.

Every function reads one small TSV file from ``medveil/data/lexicons`` (built by
``scripts/build_lexicons.py``; sources and licences in LEXICONS.md) the first time it is called and
returns the same object afterwards. Keys are lowercase; accented keys also exist ASCII-folded
("josé" and "jose"). Nothing here touches the network.

Returned containers are shared between callers: treat them as read-only.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = [
    "first_names", "last_names", "first_name_gender", "nicknames_of", "canonical_names", "name_variants",
    "word_frequency", "common_words", "clinical_words", "clinical_word_counts", "clinical_abbreviations",
    "eponyms", "eponym_heads", "months", "month_numbers", "weekdays", "weekday_numbers", "holidays",
    "us_states", "cities", "us_cities", "us_counties", "countries", "country_codes", "nationalities",
    "hospitals", "hospital_name_words", "facility_keywords", "hospital_abbreviations",
    "hospital_abbreviation_names", "street_suffixes", "street_suffix_map", "unit_words", "directionals",
    "stop_words", "fold", "load_all", "lexicon_dir",
]


# --------------------------------------------------------------------------------------------------
# file access
# --------------------------------------------------------------------------------------------------


@cache
def lexicon_dir() -> Path:
    """The directory holding the built lexicon files."""
    return Path(str(resources.files("medveil") / "data" / "lexicons"))


def _rows(stem: str) -> Iterator[list[str]]:
    """The data rows of ``stem.tsv`` or ``stem.tsv.gz`` (comments and the header skipped)."""
    d = lexicon_dir()
    p = d / f"{stem}.tsv"
    if p.exists():
        text = p.read_text(encoding="utf-8")
    else:
        gz = d / f"{stem}.tsv.gz"
        if not gz.exists():
            raise FileNotFoundError(
                f"lexicon {stem!r} missing in {d}; run `python scripts/build_lexicons.py`"
            )
        text = gzip.decompress(gz.read_bytes()).decode("utf-8")
    header_seen = False
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield line.split("\t")


def _column(stem: str) -> frozenset[str]:
    return frozenset(r[0] for r in _rows(stem))


_EXTRA_FOLD = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
     "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i", "’": "'", "‘": "'"}
)


def fold(s: str) -> str:
    """ASCII-fold a string the way the lexicon keys are folded (accents removed: "José" → "Jose")."""
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s.translate(_EXTRA_FOLD))
    return "".join(c for c in s if not unicodedata.combining(c))


# --------------------------------------------------------------------------------------------------
# person names
# --------------------------------------------------------------------------------------------------


@cache
def first_names() -> dict[str, tuple[str, float]]:
    """Lowercase first name → (gender 'M'|'F'|'U', frequency per 100k people).

    US Census 1990 names carry their frequency; Latin-script names of other locales (from Faker) carry
    0.05 per 100k. See :func:`first_name_source` for where a name came from.
    """
    return {r[0]: (r[1], float(r[2])) for r in _rows("first_names")}


@cache
def _first_name_sources() -> dict[str, str]:
    return {r[0]: r[3] for r in _rows("first_names")}


def first_name_source(name: str) -> str | None:
    """'census1990' or 'faker:<locales>' for a known first name, else None."""
    return _first_name_sources().get(name.lower())


@cache
def last_names() -> dict[str, float]:
    """Lowercase last name → frequency per 100k people (Census 1990; other locales 0.05)."""
    return {r[0]: float(r[1]) for r in _rows("last_names")}


def first_name_gender(name: str) -> str | None:
    """'M' or 'F' for a first name used (>= 90 %) by one gender; None if unknown or ambiguous."""
    key = name.strip().lower()
    hit = first_names().get(key) or first_names().get(fold(key))
    if hit is None:
        return None
    return hit[0] if hit[0] in ("M", "F") else None


@cache
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


def nicknames_of(name: str) -> set[str]:
    """Lowercase nicknames of a canonical name ("david" → {"dave", "davey", …}); empty if none."""
    return set(_nicknamer().nicknames_of(name.strip().lower()))


def canonical_names(nickname: str) -> set[str]:
    """Lowercase canonical names a nickname stands for ("dave" → {"david"}); empty if none."""
    return set(_nicknamer().canonicals_of(nickname.strip().lower()))


def name_variants(name: str) -> set[str]:
    """The name, its nicknames, its canonical names and their nicknames (all lowercase)."""
    key = name.strip().lower()
    out = {key} | nicknames_of(key) | canonical_names(key)
    for c in canonical_names(key):
        out |= nicknames_of(c)
    return out


# --------------------------------------------------------------------------------------------------
# words
# --------------------------------------------------------------------------------------------------


@cache
def common_words() -> dict[str, float]:
    """Lowercase English word → Zipf frequency (0-8), for the ~60k most frequent words.

    Data: wordfreq (CC BY-SA 4.0, shipped as a separate attributed file; see LEXICONS.md). A
    distribution that removes that file gets an empty dict (and ``word_frequency`` returns 0.0).
    """
    try:
        return {r[0]: float(r[1]) for r in _rows("english_wordfreq")}
    except FileNotFoundError:
        return {}


def word_frequency(word: str) -> float:
    """Zipf frequency of an English word (3 ≈ once per million words); 0.0 when unknown."""
    return common_words().get(word.strip().lower(), 0.0)


@cache
def clinical_word_counts() -> dict[str, tuple[int, int, int, int]]:
    """Lowercase word → (lowercase, Capitalized, ALL CAPS, documents) counts in the MTSamples train split."""
    return {r[0]: (int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in _rows("clinical_words")}


@cache
def clinical_words() -> dict[str, tuple[int, int]]:
    """Lowercase word → (count in lowercase, count Capitalized) in clinical prose (MTSamples train split)."""
    return {k: (v[0], v[1]) for k, v in clinical_word_counts().items()}


@cache
def clinical_abbreviations() -> frozenset[str]:
    """Clinical abbreviations and shorthand of ICU nursing notes (pt, abd, ngt, perrl, levophed …)."""
    return _column("clinical_abbreviations")


@cache
def eponyms() -> frozenset[str]:
    """Eponyms and named devices that look like names (parkinson, apgar, foley, swan-ganz, swan, ganz …)."""
    return _column("eponyms")


@cache
def eponym_heads() -> frozenset[str]:
    """Words that follow an eponym: sign, test, disease, score, catheter, drain, stockings …"""
    return _column("eponym_heads")


@cache
def _calendar() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {"month": {}, "weekday": {}, "holiday": {}}
    for w, kind, num in _rows("calendar"):
        out[kind][w] = int(num)
    return out


@cache
def months() -> frozenset[str]:
    """Month names and abbreviations, lowercase (january, jan, sept …)."""
    return frozenset(_calendar()["month"])


def month_numbers() -> dict[str, int]:
    """Month name or abbreviation → 1-12."""
    return _calendar()["month"]


@cache
def weekdays() -> frozenset[str]:
    """Weekday names and abbreviations, lowercase (monday, mon, tues, thurs …)."""
    return frozenset(_calendar()["weekday"])


def weekday_numbers() -> dict[str, int]:
    """Weekday name or abbreviation → 1 (Monday) … 7 (Sunday)."""
    return _calendar()["weekday"]


@cache
def holidays() -> frozenset[str]:
    """Holiday names, lowercase ("christmas", "thanksgiving", "new year's day" …)."""
    return frozenset(_calendar()["holiday"])


@cache
def stop_words() -> frozenset[str]:
    """Function words and very common clinical words that are never a name without strong cues."""
    return _column("stop_words")


# --------------------------------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------------------------------


@cache
def us_states() -> dict[str, str]:
    """Lowercase state name or abbreviation ("massachusetts", "ma", "mass", "m.a.") → two-letter code."""
    return {r[0]: r[1] for r in _rows("us_states")}


_CITY_PREFIXES = (("saint ", ("st. ", "st ")), ("sainte ", ("ste. ", "ste ")), ("fort ", ("ft. ", "ft ")),
                  ("mount ", ("mt. ", "mt ")), ("port ", ("pt. ",)))


@cache
def cities() -> dict[str, list[tuple[str, str, int]]]:
    """Lowercase city name → [(country code, admin1/state code, population)], most populous first.

    US places of >= 1,000 people and places elsewhere of >= 15,000 (GeoNames, CC BY 4.0). Keys include
    ASCII-folded forms and "st."/"ft."/"mt." short forms of Saint/Fort/Mount.
    """
    out: dict[str, list[tuple[str, str, int]]] = {}
    for name, cc, admin, pop in _rows("cities"):
        entry = (cc, admin, int(pop))
        key = name.lower()
        keys = [key]
        f = fold(key)
        if f != key:
            keys.append(f)
        for long, shorts in _CITY_PREFIXES:
            if f.startswith(long):
                keys.extend(s + f[len(long):] for s in shorts)
        for k in keys:
            lst = out.get(k)
            if lst is None:
                out[k] = [entry]
            elif entry not in lst:
                lst.append(entry)
    for lst in out.values():
        if len(lst) > 1:
            lst.sort(key=lambda e: -e[2])
    return out


@cache
def us_cities() -> dict[str, list[tuple[str, int]]]:
    """Lowercase US city name → [(state code, population)], most populous first."""
    out: dict[str, list[tuple[str, int]]] = {}
    for k, lst in cities().items():
        us = [(a, p) for c, a, p in lst if c == "US"]
        if us:
            out[k] = us
    return out


@cache
def us_counties() -> dict[str, list[str]]:
    """Lowercase county name ("suffolk county", and "suffolk") → [state codes]."""
    out: dict[str, list[str]] = {}
    for name, state, _fips in _rows("us_counties"):
        key = name.lower()
        keys = [key, fold(key)]
        for suffix in (" county", " parish", " borough", " census area", " city and borough", " municipality"):
            if key.endswith(suffix):
                keys.append(fold(key[: -len(suffix)]))
        for k in dict.fromkeys(keys):
            out.setdefault(k, [])
            if state not in out[k]:
                out[k].append(state)
    return out


@cache
def country_codes() -> dict[str, str]:
    """Lowercase country name or alias ("usa", "uk", "holland") → ISO alpha-2 code ('' for former countries)."""
    out: dict[str, str] = {}
    for name, iso in _rows_padded("countries", 2):
        out[name] = iso
        out.setdefault(fold(name), iso)
    return out


def _rows_padded(stem: str, n: int) -> Iterator[list[str]]:
    for r in _rows(stem):
        yield r + [""] * (n - len(r))


@cache
def countries() -> frozenset[str]:
    """Lowercase country names and common aliases."""
    return frozenset(country_codes())


@cache
def nationalities() -> frozenset[str]:
    """Nationalities, demonyms, ethnic/religious groups and languages (american, hispanic, african american …)."""
    return _column("nationalities")


# --------------------------------------------------------------------------------------------------
# hospitals and addresses
# --------------------------------------------------------------------------------------------------

_HOSPITAL_FIELDS = ("name", "city", "state", "zip", "street", "county", "type", "provider_id")


@cache
def hospitals() -> list[dict[str, str]]:
    """US hospitals (CMS): dicts with name, city, state, zip, street, county, type, provider_id (as written, upper case)."""
    return [dict(zip(_HOSPITAL_FIELDS, r, strict=False)) for r in _rows("hospitals")]


@cache
def hospital_name_words() -> frozenset[str]:
    """Lowercase words that occur in CMS hospital names (memorial, mercy, baptist, joseph …)."""
    out: set[str] = set()
    for h in hospitals():
        for w in h["name"].lower().replace(",", " ").replace("/", " ").replace("(", " ").replace(")", " ").split():
            w = w.strip(".-&'")
            if w:
                out.add(w)
    return frozenset(out)


@cache
def facility_keywords() -> frozenset[str]:
    """Words that mark a care facility name (hospital, medical, center, clinic, rehab, memorial, st., mount …)."""
    return _column("facility_keywords")


@cache
def hospital_abbreviation_names() -> dict[str, str]:
    """Abbreviation of a well-known medical center (as written, e.g. "MGH") → its name."""
    return {r[0]: r[1] for r in _rows("hospital_abbreviations")}


@cache
def hospital_abbreviations() -> frozenset[str]:
    """Abbreviations of well-known medical centers, as written (MGH, BWH, BIDMC, UCSF, NYU …)."""
    return frozenset(hospital_abbreviation_names())


@cache
def street_suffix_map() -> dict[str, str]:
    """Lowercase street suffix or abbreviation ("st", "st.", "ave", "blvd") → canonical ("street", …)."""
    return {r[0]: r[1] for r in _rows("street_suffixes")}


@cache
def street_suffixes() -> frozenset[str]:
    """Lowercase street suffixes and abbreviations, with and without a final period."""
    return frozenset(street_suffix_map())


@cache
def _address_words() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("address_words")}


@cache
def unit_words() -> frozenset[str]:
    """Secondary-unit designators: apt, suite, unit, bldg, fl, rm, #, p.o., box …"""
    return frozenset(w for w, k in _address_words().items() if k == "unit")


@cache
def directionals() -> frozenset[str]:
    """Street directionals: n, s, e, w, ne, north, southwest …"""
    return frozenset(w for w, k in _address_words().items() if k == "direction")


# --------------------------------------------------------------------------------------------------


def load_all() -> dict[str, int]:
    """Load every lexicon (e.g. at pipeline start-up); return the number of entries of each."""
    fns = [first_names, last_names, common_words, clinical_word_counts, clinical_words, clinical_abbreviations,
           eponyms, eponym_heads, months, weekdays, holidays, stop_words, us_states, cities, us_cities,
           us_counties, country_codes, countries, nationalities, hospitals, hospital_name_words,
           facility_keywords, hospital_abbreviations, street_suffixes, unit_words, directionals]
    sizes = {f.__name__: len(f()) for f in fns}
    _nicknamer()
    return sizes
