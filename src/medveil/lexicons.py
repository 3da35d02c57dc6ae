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
from functools import cache
from importlib import resources
from itertools import repeat
from pathlib import Path

__all__ = [
    "first_names", "last_names", "first_name_gender", "first_name_source", "nicknames_of",
    "canonical_names", "name_variants", "word_frequency", "common_words", "spanish_words", "spanish_frequency", "clinical_words",
    "clinical_word_counts", "clinical_corpus_stats", "clinical_abbreviations", "drug_names", "medical_terms", "name_ngrams", "name_shape", "char_ngrams", "eponyms", "eponym_info",
    "name_like_eponyms", "eponym_heads", "months", "month_numbers", "weekdays", "weekday_numbers",
    "holidays", "us_states", "us_state_forms", "cities", "city_records", "us_cities", "us_counties",
    "countries", "country_codes", "nationalities", "hospitals", "hospital_name_index",
    "normalize_facility_name", "hospital_name_words", "facility_keywords", "facility_names", "ambiguous_facility_names",
    "ward_names",
    "hospital_abbreviations", "hospital_abbreviation_names", "street_suffixes", "street_suffix_map",
    "unit_words", "directionals", "stop_words", "fold", "load_all", "lexicon_dir",
]


# --------------------------------------------------------------------------------------------------
# file access
# --------------------------------------------------------------------------------------------------


@cache
def lexicon_dir() -> Path:
    """The directory holding the built lexicon files."""
    return Path(str(resources.files("medveil") / "data" / "lexicons"))


def _read(stem: str) -> str:
    d = lexicon_dir()
    p = d / f"{stem}.tsv"
    if p.exists():
        return p.read_text(encoding="utf-8")
    gz = d / f"{stem}.tsv.gz"
    if not gz.exists():
        raise FileNotFoundError(f"lexicon {stem!r} missing in {d}; run `python scripts/build_lexicons.py`")
    return gzip.decompress(gz.read_bytes()).decode("utf-8")


def _columns(stem: str) -> list[list[str]]:
    """The columns of ``stem.tsv`` or ``stem.tsv.gz`` (leading ``#`` comments and the header skipped).

    Every row has exactly as many fields as the header; the whole body is split in one call, which is
    several times faster than splitting line by line.
    """
    text = _read(stem)
    pos = 0
    while text.startswith("#", pos):
        pos = text.index("\n", pos) + 1
    nl = text.find("\n", pos)
    if nl < 0:
        return []
    n = text.count("\t", pos, nl) + 1
    body = text[nl + 1 :].rstrip("\n")
    if not body:
        return [[] for _ in range(n)]
    flat = body.replace("\n", "\t").split("\t")
    if len(flat) % n:
        raise ValueError(f"lexicon {stem!r}: ragged rows (expected {n} fields per row)")
    return [flat[i::n] for i in range(n)]


def _rows(stem: str) -> list[tuple[str, ...]]:
    """The data rows of a lexicon file, as tuples."""
    return list(zip(*_columns(stem), strict=True))


def _column(stem: str) -> frozenset[str]:
    return frozenset(_columns(stem)[0])


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
    0.2 per 100k (English-speaking locales) or 0.05 (others), below every Census name. US SSA baby names
    (births 1925-2017 weighted by survival to 2024) raise the frequency where it is larger ("liam", "nevaeh")
    and add names from 0.5 per 100k on. See :func:`first_name_source` for where a name came from.
    """
    names, genders, freqs, _src = _columns("first_names")
    return dict(zip(names, zip(genders, map(float, freqs), strict=True), strict=True))


@cache
def _first_name_sources() -> dict[str, str]:
    cols = _columns("first_names")
    return dict(zip(cols[0], cols[3], strict=True))


def first_name_source(name: str) -> str | None:
    """'census1990', 'faker:<locales>', 'ssa' or 'ssa+<source>' (SSA frequency kept) for a known first name, else None."""
    return _first_name_sources().get(name.lower())


@cache
def last_names() -> dict[str, float]:
    """Lowercase last name → frequency per 100k people (Census 1990; Faker names 0.2 or 0.05)."""
    names, freqs, _src = _columns("last_names")
    return dict(zip(names, map(float, freqs), strict=True))


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
    return _zipf_table("english_wordfreq")


def _zipf_table(name: str) -> dict[str, float]:
    """A word → Zipf frequency table of two columns; empty when its file was removed (a CC BY-SA file, kept apart)."""
    try:
        words, zipf = _columns(name)
        return dict(zip(words, map(float, zipf), strict=True))
    except FileNotFoundError:
        return {}


def word_frequency(word: str) -> float:
    """Zipf frequency of an English word (3 ≈ once per million words); 0.0 when unknown."""
    return common_words().get(word.strip().lower(), 0.0)


@cache
def spanish_words() -> dict[str, float]:
    """ASCII-folded lowercase Spanish word → Zipf frequency, for the ~20k most frequent words (wordfreq, CC BY-SA
    4.0, a separate attributed file like ``common_words``; empty when the file is removed)."""
    return _zipf_table("spanish_wordfreq")


def spanish_frequency(word: str) -> float:
    """Zipf frequency of a Spanish word, accents folded ("pecho" 4.6, "ojalá" 4.3); 0.0 when unknown."""
    return spanish_words().get(fold(word.strip().lower()), 0.0)


@cache
def clinical_word_counts() -> dict[str, tuple[int, int, int, int]]:
    """Lowercase word → (lowercase, Capitalized, ALL CAPS, documents) counts in the MTSamples train split."""
    w, lo, cap, up, docs = _columns("clinical_words")
    return dict(zip(w, zip(map(int, lo), map(int, cap), map(int, up), map(int, docs), strict=True), strict=True))


@cache
def clinical_words() -> dict[str, tuple[int, int]]:
    """Lowercase word → (count in lowercase, count Capitalized) in clinical prose (MTSamples train split)."""
    return {k: (v[0], v[1]) for k, v in clinical_word_counts().items()}


@cache
def clinical_corpus_stats() -> dict[str, int]:
    """Size of the corpus behind :func:`clinical_word_counts`: {'documents', 'tokens', 'types'}.

    Divide a count by ``tokens / 1e6`` for a rate per million tokens, comparable with a Zipf frequency
    (Zipf = log10 of the rate per billion words).
    """
    return {k: int(v) for k, v in _rows("clinical_stats")}


@cache
def drug_names() -> frozenset[str]:
    """Single-word drug names, generic and brand ("temodar", "fludrocortisone"), that are not person names."""
    return _column("drug_names")


@cache
def medical_terms() -> frozenset[str]:
    """Single words of disease and finding names (ICD-10-CM) that no other list knows ("histoplasmosis",
    "aarskog"), none of them a person name."""
    return _column("medical_terms")


@cache
def name_ngrams() -> dict[str, float]:
    """Character n-gram of ``^word$`` → naive Bayes log-odds, person names against other words (``name_shape``)."""
    gram, odds = _columns("name_ngrams")
    return dict(zip(gram, map(float, odds), strict=True))


def name_shape(word: str) -> float:
    """How much a word looks like a person's name by its letters: the mean naive Bayes log-odds of the
    character 2-4-grams of ``^word$``, names against English, drug and clinical words (``name_ngrams.tsv``).
    Positive for "oirchinnigh", "villacher"; negative for "brevibloc", "neurocytoma". 0.0 for an empty word."""
    if not word:
        return 0.0
    grams = char_ngrams(word.lower())
    return sum(map(name_ngrams().get, grams, repeat(0.0))) / len(grams)


def char_ngrams(word: str) -> list[str]:
    """The character 2-, 3- and 4-grams of ``^word$``: the keys of ``name_ngrams`` (the build script counts the
    same ones)."""
    w = f"^{word}$"
    return list(map(w.__getitem__, _gram_slices(len(w))))


@cache
def _gram_slices(length: int) -> tuple[slice, ...]:
    """The slices that cut ``char_ngrams`` out of a marked word (``^word$``) of ``length`` characters, in its order:
    made once per length, so that cutting a word's grams is no Python loop per gram."""
    return tuple(slice(i, i + n) for n in (2, 3, 4) for i in range(length - n + 1))


@cache
def clinical_abbreviations() -> frozenset[str]:
    """Clinical abbreviations and shorthand of ICU nursing notes (pt, abd, ngt, perrl, levophed …)."""
    return _column("clinical_abbreviations")


@cache
def eponym_info() -> dict[str, tuple[str, float, bool]]:
    """Eponym → (source, frequency as a US first/last name per 100k, also a place).

    source is 'hand' or 'mtsamples-train:N'. An eponym that is also a common name or a place
    ("wilson" 339 per 100k, "murphy", "glasgow") must not be excluded without a head word or other
    context; see :func:`name_like_eponyms`.
    """
    return {r[0]: (r[1], float(r[2]), r[3] == "1") for r in _rows("eponyms")}


@cache
def eponyms() -> frozenset[str]:
    """Eponyms and named devices that look like names (parkinson, apgar, foley, swan-ganz, swan, ganz …).

    Includes common surnames used as eponyms (wilson, murphy, allen, clark, bell): exclude those only
    with a head word ("Murphy sign") or clinical context; :func:`name_like_eponyms` lists them.
    """
    return frozenset(eponym_info())


def name_like_eponyms(min_per_100k: float = 10.0, include_places: bool = False) -> frozenset[str]:
    """Eponyms that are also US person names at >= ``min_per_100k`` per 100k people (wilson, murphy,
    allen, clark, bell …), and, with ``include_places``, those that are also places (glasgow, minnesota).

    These need a head word ("Murphy sign", "Wilson disease") or clinical context before being excluded;
    the others (apgar, babinski, trendelenburg, huntington 3/100k, foley 17/100k at the default 20 …) can
    be excluded on sight unless a strong name cue says otherwise.
    """
    return _name_like_eponyms(float(min_per_100k), bool(include_places))


@cache
def _name_like_eponyms(min_per_100k: float, include_places: bool) -> frozenset[str]:
    return frozenset(
        w for w, (_s, f, place) in eponym_info().items() if f >= min_per_100k or (include_places and place)
    )


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
def us_state_forms() -> dict[str, tuple[str, str]]:
    """Lowercase state form → (two-letter code, kind of form).

    Kinds: 'name' ("massachusetts"), 'postal' ("ma"), 'ap' (AP style: "mass.", "mass", "calif."),
    'traditional' (older forms: "penna", "wisc", "tex"). Postal codes such as "me",
    "in", "or", "ok", "hi" and AP forms such as "mass", "miss", "wash", "ill" are ordinary words too:
    detectors should demand context (a city before, a ZIP after) for every kind but 'name'.
    """
    return {r[0]: (r[1], r[2]) for r in _rows("us_states")}


@cache
def us_states() -> dict[str, str]:
    """Lowercase state name or abbreviation ("massachusetts", "ma", "mass", "n.y.") → two-letter code."""
    return {k: v[0] for k, v in us_state_forms().items()}


@cache
def us_state_codes() -> frozenset[str]:
    """The two-letter codes of the states, DC and the territories ("MA", "PR", "GU")."""
    return frozenset(v[0] for v in us_state_forms().values())


@cache
def city_records() -> list[tuple[str, str, str, int]]:
    """Every city once: (name as written, country code, admin1/state code, population), most populous first.

    A source of realistic surrogates: ``[c for c in city_records() if c[1] == "US"]``.
    """
    seen = set()
    out = []
    for _key, name, cc, admin, pop in _rows("cities"):
        rec = (name, cc, admin, int(pop))
        if rec not in seen:
            seen.add(rec)
            out.append(rec)
    out.sort(key=lambda r: (-r[3], r[0], r[1], r[2]))
    return out


@cache
def cities() -> dict[str, list[tuple[str, str, int]]]:
    """Lowercase city name → [(country code, admin1/state code, population)], most populous first.

    US places of >= 1,000 people and places elsewhere of >= 15,000 (GeoNames, CC BY 4.0). Keys include
    ASCII-folded forms and "st."/"ft."/"mt." short forms of Saint/Fort/Mount.
    """
    keys, names, ccs, admins, pops = _columns("cities")
    ks = [k or n.lower() for k, n in zip(keys, names, strict=True)]
    entries = list(zip(ccs, admins, map(int, pops), strict=True))
    # rows are unique and sorted by key, most populous first: cut the runs of equal keys
    n = len(ks)
    starts = [i for i in range(n) if i == 0 or ks[i] != ks[i - 1]]
    ends = starts[1:] + [n]
    return {ks[a]: entries[a:b] for a, b in zip(starts, ends, strict=True)}


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
    for name, iso in _rows("countries"):
        out[name] = iso
        out.setdefault(fold(name), iso)
    return out


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


_FACILITY_ABBREV = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "ctr": "center", "cntr": "center",
    "centre": "center", "hosp": "hospital", "hsp": "hospital", "med": "medical", "univ": "university",
    "reg": "regional", "regl": "regional", "mem": "memorial", "meml": "memorial", "hlth": "health",
    "sys": "system", "gen": "general", "comm": "community", "cmty": "community", "natl": "national",
    "inst": "institute", "rehab": "rehabilitation", "childrens": "children's", "&": "and",
}
_FACILITY_DROP = {"the", "inc", "llc", "lp", "llp", "corp", "co", "pc", "ltd", "cah"}


def normalize_facility_name(name: str) -> str:
    """A canonical lowercase form of a facility name for matching: accents and punctuation removed,
    abbreviations expanded ("St. Mary's Med. Ctr, Inc." → "saint mary's medical center")."""
    s = fold(name.lower()).replace("&", " and ").replace("/", " ").replace("-", " ")
    out = []
    for tok in s.replace(",", " ").replace("(", " ").replace(")", " ").split():
        tok = tok.strip(".;:\"")
        if not tok or tok in _FACILITY_DROP:
            continue
        out.append(_FACILITY_ABBREV.get(tok, tok))
    return " ".join(out)


@cache
def hospital_name_index() -> dict[str, list[int]]:
    """Normalized hospital name (see :func:`normalize_facility_name`) → indexes into :func:`hospitals`.

    Names written "NAME - CAMPUS" or "NAME, CITY" are indexed under the part before the dash or comma too.
    """
    out: dict[str, list[int]] = {}
    for i, h in enumerate(hospitals()):
        raw = h["name"]
        forms = {normalize_facility_name(raw)}
        for sep in (" - ", ","):
            if sep in raw:
                forms.add(normalize_facility_name(raw.split(sep)[0]))
        for f in forms:
            if f:
                out.setdefault(f, []).append(i)
    return out


@cache
def facility_keywords() -> frozenset[str]:
    """Words that mark a care facility name (hospital, medical, center, clinic, rehab, memorial, st., mount …)."""
    return _column("facility_keywords")


@cache
def _facility_names() -> dict[str, tuple[str, bool, str]]:
    return {r[0]: (r[1], r[2] == "1", r[3]) for r in _rows("facility_names")}


@cache
def facility_names() -> dict[str, str]:
    """Lowercase facility names missing from the CMS file or used as short names ("youville", "spaulding
    rehab", "hebrew rehab", "kindred", "mass general", "the brigham", "cedars sinai", and the full names
    of :func:`hospital_abbreviations`) → a description. Some are ordinary words or names too: see
    :func:`ambiguous_facility_names`."""
    return {k: note for k, (kind, _amb, note) in _facility_names().items() if kind == "facility"}


@cache
def ambiguous_facility_names() -> frozenset[str]:
    """Facility and ward names that are also English words ("radius", "genesis", "sunrise") or common
    person names ("hopkins", "emerson"): match them only with a cue ("at", "from", "rehab", a floor)."""
    return frozenset(k for k, (_kind, amb, _n) in _facility_names().items() if amb)


@cache
def ward_names() -> frozenset[str]:
    """Hospital wards and buildings named after people ("farr", "feldberg", "reisman", "blake", "ellison").

    Ordinary names too: match them only before a floor or unit number ("Farr 2", "Blake 7", "Feldberg 7").
    """
    return frozenset(k for k, (kind, _amb, _n) in _facility_names().items() if kind == "ward")


@cache
def organization_names() -> dict[str, bool]:
    """National organizations notes name by their brand ("walgreens", "apria", "catholic charities", "vfw") → whether
    the name is also a word or an abbreviation ("amazon", "cvs"): then a cue must confirm it."""
    return {k: amb for k, (kind, amb, _n) in _facility_names().items() if kind == "organization"}


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
    fns = [first_names, last_names, common_words, spanish_words, clinical_word_counts, clinical_words, clinical_corpus_stats,
           clinical_abbreviations, drug_names, medical_terms, name_ngrams,
           eponym_info, eponyms, eponym_heads, months, weekdays, holidays, stop_words, us_state_forms,
           us_states, cities, us_cities,
           us_counties, country_codes, countries, nationalities, hospitals, hospital_name_words,
           facility_keywords, facility_names, ambiguous_facility_names, ward_names, hospital_abbreviations, hospital_name_index, street_suffixes,
           unit_words,
           directionals]
    sizes = {f.__name__: len(f()) for f in fns}
    _nicknamer()
    return sizes
