"""Places from the gazetteers: every place name (CMS hospitals and their short forms, listed facilities, cities,
states, countries) and the automaton over them; the tests that keep or drop a name found in a note
(``_gazetteer_spans``: casing, cues, eponyms, storms); and the "City, ST" and "City, Country" shapes."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count

import ahocorasick

from medveil import lexicons as lex
from medveil.detect.locations._common import (
    _LETTERS,
    _NEXT_WORD,
    _PLACE_WORDS,
    _SPACE,
    FACILITY_CUES,
    PLACE_CUES,
    _bounded,
    _is_common,
    _is_common_word,
    _token_at,
)
from medveil.detect.names import FUNCTION_WORDS, INSTRUMENT_HEADS, word_info
from medveil.detect.text import MIXED, UPPER, Token
from medveil.document import Span
from medveil.labels import Label
from medveil.tables.hierarchy import zip3_state

_MIN_CITY_POP_US = 2_000
_MIN_CITY_POP_WORLD = 150_000


# countries whose name is also an English word ("turkey sandwich", "guinea pig", "fine china")
_COUNTRY_WORDS = frozenset({"turkey", "china", "guinea", "chile", "jersey", "wales", "niger", "chad", "jordan", "georgia", "man"})


@lru_cache(maxsize=1)
def _big_cities() -> frozenset[str]:
    """One-word US cities of 300,000 people or more that are no clinical, stop or common name word ("detroit", "boston",
    "phoenix"; not "austin", "charlotte"): frequent in English as themselves, so a place after "in" in any casing."""
    out = set()
    for key, places in lex.cities().items():
        if " " in key or max((p[2] for p in places if p[0] == "US"), default=0) < 300_000:
            continue
        if not _is_common_word(key) and word_info(key).prior < 0.3 and key not in lex.eponyms() and not _compound(key):
            out.add(key)
    return frozenset(out)


def _compound(word: str) -> bool:
    """Two English words joined ("riverside", "seaport", "longwood"): a word of its own, not only a place."""
    return any(lex.word_frequency(word[:k]) >= 3.5 and lex.word_frequency(word[k:]) >= 3.5 for k in range(3, len(word) - 3))


@lru_cache(maxsize=1)
def _gazetteer_entries() -> dict[str, tuple[str, bool]]:
    """Every place name: lowercase key → (label, ambiguous)."""
    entries: dict[str, tuple[str, bool]] = {}

    def add(key: str, label: str, ambiguous: bool) -> None:
        key = key.strip().lower()
        if len(key) < 3 or key in FUNCTION_WORDS:
            return
        old = entries.get(key)
        if old is None or (old[1] and not ambiguous):
            entries[key] = (label, ambiguous)

    for key, (_code, kind) in lex.us_state_forms().items():
        if len(key) <= 2 or "." in key:
            continue  # postal abbreviations only in the "City, ST" shape
        # a state's name is frequent in English as itself ("Ohio Medicaid", "a Kentucky driver license"): only a
        # person's name it also is makes it ambiguous (Virginia, Georgia, Washington, Montana); every short form is
        # a word too ("mass", "ill", "wash")
        add(key, Label.STATE, (kind != "name" and _is_common(key)) or word_info(key).prior >= (0.03 if kind == "name" else 0.2))
    for key in lex.countries():
        # a country's name is frequent as a name, not as a word: only a name or a word it also is makes it ambiguous
        add(key, Label.COUNTRY, key in _COUNTRY_WORDS or _is_common_word(key) or word_info(key).prior >= 0.2)
    firsts, lasts = lex.first_names(), lex.last_names()
    for key, places in lex.cities().items():
        if key in entries:
            continue  # a state or country of that name ("Georgia", "Brazil") is the likelier reading
        pop_us = max((p[2] for p in places if p[0] == "US"), default=0)
        pop_any = max((p[2] for p in places), default=0)
        if pop_us < _MIN_CITY_POP_US and pop_any < _MIN_CITY_POP_WORLD:
            continue
        words = key.split()
        clinical = lex.clinical_word_counts().get(key)
        name_share = (firsts.get(key, ("", 0.0))[1]) + lasts.get(key, 0.0)
        ambiguous = len(words) == 1 and (
            _is_common(key) or word_info(key).prior >= 0.3 or (clinical is not None and sum(clinical[:3]) >= 10)
            or key in lex.eponyms() or name_share >= 5.0 or key in lex.nationalities()  # "a Navajo woman", not Navajo, NM
        )
        add(key, Label.CITY, ambiguous)
    for key in lex.facility_names():  # short and missing names: "beth israel", "spaulding rehab"
        # a phrase ("the general") or an eponym ("lahey clamps", "st. jude valve") needs a cue
        words = key.split()
        add(key, Label.HOSPITAL, key in lex.ambiguous_facility_names() or words[0] == "the" or (
            len(words) <= 2 and any(w.strip(".") in lex.eponyms() for w in words)))
    for key, ambiguous in lex.organization_names().items():  # "walgreens", "apria", "catholic charities"
        add(key, Label.ORGANIZATION, ambiguous)
    for h in lex.hospitals():
        name = h["name"].lower()
        add(name, Label.HOSPITAL, False)
        core = _hospital_core(name)
        if core:  # "Glendale Adventist (ER)": ambiguous, so a cue or a comma must confirm it; never replaces a listed name
            add(core, Label.HOSPITAL, True)
    return entries


_GENERIC_FACILITY_WORDS = frozenset(
    "hospital hospitals medical center centers centre health healthcare clinic clinics system inc llc the & and of at".split())


def _hospital_core(name: str) -> str:
    """The distinctive part of a listed hospital name, as notes often write it: the generic words at its
    end dropped ("glendale adventist medical center" → "glendale adventist", "riverside community hospital"
    → "riverside community"); "" when fewer than two words remain or all are common English words ("same day
    surgery", "high point regional": a phrase before a name)."""
    words = name.split(" - ")[0].split(",")[0].split()
    full = len(words)
    while words and words[-1] in _GENERIC_FACILITY_WORDS:
        words.pop()
    if words and words[0] == "the":
        words.pop(0)
    if len(words) < 2 or len(words) == full or all(lex.word_frequency(w) >= 4.5 for w in words):
        return ""
    return " ".join(words)


@lru_cache(maxsize=1)
def _gazetteer() -> ahocorasick.Automaton:
    """One automaton over every place name: lowercase key → (length, label, ambiguous)."""
    auto = ahocorasick.Automaton()
    for key, (label, ambiguous) in _gazetteer_entries().items():
        auto.add_word(key, (len(key), label, ambiguous))
    auto.make_automaton()
    return auto


_LINE_END_AFTER = re.compile(r"[ \t]*(?:\r?\n|$)")


_RESIDENCE_BEFORE = re.compile(r"(?i)\b(?:lives?|living|resides?|residing|moved?|moving|relocat\w+|home)\b[^.\n;]{0,40}[ \t]$")
_STATE_AFTER = re.compile(r",?[ \t]+([A-Z][A-Za-z.]+(?:[ \t]+[A-Z][a-z]+)?)")


def _needs_state_after(text: str, tokens: list[Token], i: int, end: int, prev: str) -> bool:
    """An ambiguous town that still lacks its proof: an eponym or a clinical word ("Foley", "Hurricane" is a common
    word too) or a word before more of a proper name ("Hurricane Delphine") is a town only with its state after it,
    right after "from", or after "in" or "to" that follows a word of residence ("lives with her son in Mobile")."""
    nxt = _NEXT_WORD.match(text, end, end + 30)
    if tokens[i].lower == "hurricane" and nxt is not None and nxt.group(1)[:1].isupper():
        return True  # "destroyed in Hurricane Katrina": a storm, whatever came before
    if prev == "from" or (prev in ("in", "to", "near") and _RESIDENCE_BEFORE.search(text, max(0, tokens[i].start - 60),
                                                                                   tokens[i].start)):
        return False  # "lives with her grandson Salvi in Mobile", "move to Greenfield"
    m = _STATE_AFTER.match(text, end)
    state = m is not None and (m.group(1).lower().rstrip(".") in lex.us_state_forms() or m.group(1).lower() in lex.countries())
    if state:
        return False
    key = tokens[i].lower
    clinical = lex.clinical_word_counts().get(key)
    return (key in lex.eponyms() or (clinical is not None and sum(clinical[:3]) >= 10)
            or (nxt is not None and nxt.group(1)[:1].isupper() and nxt.start() == end + 1))


_NAMED_TEST_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][\w-]*){1,3}[ \t]+(?:Test|Scale|Task|Inventory|Battery|Questionnaire|Criteria|Classification)s?\b")


def _eponym_use(text: str, tokens: list[Token], i: int, end: int) -> bool:
    """A place name used as an eponym: "Huntington's disease", "Glasgow coma scale", "Foley catheter"."""
    m = _NEXT_WORD.match(text, end, end + 30)
    if m:
        head = m.group(1).lower()
        heads = (head, head[:-1]) if head.endswith("s") else (head,)  # "Maryland dissectors"
        if any(h in lex.eponym_heads() or h in _MORE_HEADS or h in INSTRUMENT_HEADS for h in heads):
            return True
    if _NAMED_TEST_AFTER.match(text, end):
        return True  # "Wisconsin Card Sorting Test", "California Verbal Learning Test", "Boston Naming Test"
    if i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in _OF_EPONYM_HEADS:
        return True  # "Circle of Willis", "sphincter of Oddi"
    key = tokens[i].lower
    return key in lex.eponyms() and key not in lex.name_like_eponyms(include_places=True) and (
        i == 0 or tokens[i - 1].lower not in PLACE_CUES
    )


_RESIDENCE_VERBS = frozenset({"lives", "live", "living", "resides", "reside", "born", "moved", "relocated", "home", "grew"})
_OF_EPONYM_HEADS = frozenset({"circle", "sphincter", "loop", "islets", "canal", "pouch", "space", "ligament", "duct", "triangle", "node", "sign", "tetralogy"})
_STREET_LINE = re.compile(r"[ \t]*(?:\d+[A-Za-z]?[ \t]+[^\W\d_]|p\.?o\.?[ \t]*box)", re.I)
# what a state runs or decides, after its postal code in mixed-case text: "KY Medicaid", "VA DMV medical review", "per TN
# law", "KY MOST form"
_STATE_THING_AFTER = re.compile(r"[ \t]+(?:Medicaid|DMV|BMV|MVA|MOST|POLST|MOLST|POST|law|statute|code|Department|Dept\b)")
_CREDENTIAL_LIKE_STATES = frozenset({"MD", "PA", "DE", "OR", "IN", "ME", "OK", "HI", "CO", "LA", "MA", "MS", "NE", "ID"})
_MORE_HEADS = frozenset({"cyst", "level", "coma", "grade", "depth", "classification", "staging", "catheter", "drain", "ink", "war",
                         "valve", "valves", "pacemaker", "mechanical", "prosthesis", "device", "risk",
                         "wort"})  # "Framingham risk", "St. John's wort"

# lowercase words inside a proper place name: "Stratford-upon-Avon", "Baylor Medical Center at Irving",
# "Shriners Hospitals for Children"
_SMALL_NAME_WORDS = frozenset(
    {"of", "the", "and", "de", "la", "du", "da", "del", "on", "upon", "in", "au", "st", "le", "at", "for"})


def _looks_proper(text: str, s: int, e: int, casing: str) -> bool:
    """Every word of text[s:e] capitalized (mixed-case lines), or casing uninformative."""
    if casing != MIXED:
        return True
    return all(w[0].isupper() or w.lower() in _SMALL_NAME_WORDS for w in _LETTERS.findall(text, s, e))


def _us_city_start(text: str, tokens: list[Token], i: int, code: str) -> int | None:
    """The index of the first of the one to three words before token ``i`` (a state's postal code) that name a town of
    that state in the gazetteer ("Danville, VT", "Coos Bay, OR", "St. George, UT"; the shortest such name: "Lawn" alone
    is none, "Fair Lawn" is one), else None."""
    cities = lex.us_cities()
    j = i - 1
    name = tokens[j].lower
    while True:
        if any(st == code for st, _pop in cities.get(name, [])):
            return j
        if j == 0 or i - j >= 3 or not _CITY_WORD_GAP.fullmatch(text, tokens[j - 1].end, tokens[j].start):
            return None
        j -= 1
        name = f"{tokens[j].lower} {name}"


def _capitalized(t: Token) -> bool:
    """Title case, or capitals in a line written in capitals ("Galway", "GALWAY")."""
    return t.is_title or (t.is_upper and t.casing == UPPER)


def _town_of(word: str, country: str) -> bool:
    """Whether ``word`` (lowercase) is a town of ``country`` in the gazetteer ("apia", "Samoa")."""
    code = lex.country_codes().get(country.lower(), "")
    return bool(code) and any(c == code for c, _a, _p in lex.cities().get(lex.fold(word), []))


_COMMA_GAP = re.compile(r"[ \t]*,[ \t]*")  # "Boston, MA"; "Beverly ,  MA" in typed and OCR forms
_CITY_WORD_GAP = re.compile(r"\.?[ \t]")  # between the words of a town's name: "Fair Lawn", "St. George"
# what may follow "Marysville MI" (a town and its state's code without a comma): the end of the line or of a clause
_CLAUSE_END_AFTER = re.compile(r"[ \t]*(?:\r?\n|$|[;)]|[.,](?:\s|$)|[ \t]-[ \t])")
_COMMA_LINE_GAP = re.compile(r"[ \t]*,[ \t]*\r?\n[ \t]*")  # "Crossfield,\nAR 72419": an address wrapped after the town
# the document a state issued, after its postal abbreviation ("MA driver's license", "NY DL", "CT plates")
_LICENSE_AFTER = re.compile(
    r"[ \t]+(?:(?i:drivers?['’]?s?|driving|operator['’]?s)[ \t]+(?i:licen[cs]e|permit)|DL|CDL|(?i:license[ \t]+plates?|plates?|tags?|state[ \t]+ID|ID[ \t]+card))\b"
)
# the form of a state before a country's name in its official name ("REPUBLIC OF THE MARSHALL ISLANDS", "Islamic Republic of
# Iran", "Kingdom of Tonga", "Federated States of Micronesia"), a capital first
_STATE_FORM_BEFORE = re.compile(
    r"\b((?:(?:[Ii]slamic|[Ff]ederal|[Dd]emocratic|[Pp]eople['’]s|[Ss]ocialist|[Ii]ndependent|ISLAMIC|FEDERAL|DEMOCRATIC|PEOPLE['’]S"
    r"|SOCIALIST|INDEPENDENT)[ \t]+)*(?:Republic|Kingdom|Commonwealth|Federation|Sultanate|Principality|Emirate|Federated[ \t]+States"
    r"|State|REPUBLIC|KINGDOM|COMMONWEALTH|FEDERATION|SULTANATE|PRINCIPALITY|EMIRATE|FEDERATED[ \t]+STATES|STATE)"
    r"[ \t]+(?:of|OF)[ \t]+(?:(?:the|THE)[ \t]+)?)\Z")
# a ZIP after a state's code, also read by OCR with O and l for 0 and 1 ("TN 381l7", "VT O5747"; three digits at least)
_ZIP_AFTER = re.compile(r"[ \t]+(?=(?:[OoIl]*\d){3})[\dOoIl]{5}(?:-\d{4})?\b")
_OCR_DIGITS = str.maketrans("OoIl", "0011")
_ZIP4_AFTER = re.compile(r"[ \t]+\d{5}-\d{4}\b")
# a house number and street ending in a comma right before the city (same line or the line before)
_STREET_BEFORE_CITY = re.compile(
    r"\b\d{1,6}[A-Za-z]?[ \t]+(?:[A-Za-z'’-]+\.?[ \t]+){0,4}([A-Za-z]+)\.?(?:[ \t]+(?:apt|unit|ste|suite|#)\.?[ \t]*#?\w{1,5})?"
    r"[ \t]*,[ \t]*\n?[ \t]*(?:[A-Z][\w'’.-]*[ \t]+){0,2}\Z",
    re.I,
)


# -- gazetteers ------------------------------------------------------------------------------
_ORGANIZATION_CUES = frozenset({"at", "to", "from", "via", "with"})  # before an organization's brand that is also a word


def _gazetteer_spans(text: str, places: list[tuple[int, int, str, bool]], tokens: list[Token], starts: list[int]) -> list[Span]:
    best: dict[int, tuple[int, str, bool]] = {}
    for s, e, label, ambiguous in places:
        if not _bounded(text, s, e):
            continue
        if s not in best or best[s][0] < e:
            best[s] = (e, label, ambiguous)
    out: list[Span] = []
    last_end = -1
    for s in sorted(best):
        e, label, ambiguous = best[s]
        if s < last_end:
            continue
        i = _token_at(starts, s)
        if i is None:
            continue  # not the start of a word ("neil" in "O'Neil")
        t = tokens[i]
        mixed = t.casing == MIXED
        # every test below only drops the name: the cheap ones first
        prev = tokens[i - 1].lower if i > 0 else ""
        cue = prev in PLACE_CUES or prev in FACILITY_CUES
        after_comma = text[max(0, s - 2) : s].strip() == ","
        # a country after a town of it in a line without casing evidence: "TRAVELS TO APIA, SAMOA"
        town_before = not mixed and after_comma and label == Label.COUNTRY and _town_of(prev, text[s:e])
        cue = cue or town_before
        if ambiguous:
            if label == Label.ORGANIZATION and prev not in _ORGANIZATION_CUES:
                continue  # "rx sent to CVS", "works at Amazon"; not "a limitation of CVS" (chorionic villus sampling)
            if mixed:
                if t.sentence_start or not (cue or after_comma):
                    continue
                if label == Label.CITY and _needs_state_after(text, tokens, i, e, prev):
                    continue  # "via Foley.", "d3, Foley d3", "order, Hurricane Delphine": a catheter, a storm
                if label == Label.HOSPITAL and (m := _NEXT_WORD.match(text, e, e + 30)) and m.group(1).istitle():
                    continue  # "to the General Surgery Service": a short name before more of a name is none
            else:
                prev2 = tokens[i - 2].lower if i > 1 else ""
                if not (prev == "from" or (prev in ("in", "to") and prev2 in _RESIDENCE_VERBS) or town_before
                        # "A FAMILY WEDDING IN DETROIT": a big city frequent in English only as itself
                        or (prev in ("in", "to", "near") and label == Label.CITY and text[s:e].lower() in _big_cities())):
                    continue
                if lex.fold(text[s:e].lower()) in lex.clinical_abbreviations():
                    continue  # "transferred from osh", "FROM OSH": shorthand (outside hospital), not Osh
        if mixed and e - s <= 4 and text[s:e].isupper() and not (
                # but "to UAE", ", USA": a country's acronym of three letters after a place word or a comma; an
                # organization's letters the list holds ("AARP", "VFW", "YMCA"; "CVS" is ambiguous: "to CVS")
                (label == Label.COUNTRY and e - s >= 3 and (cue or after_comma))
                or (label == Label.ORGANIZATION and (cue or not ambiguous))):
            continue  # "OSH", "LA", "ER": an acronym in a mixed-case note, not a place
        if mixed and not _looks_proper(text, s, e, MIXED):
            continue
        if _eponym_use(text, tokens, i, e):
            continue
        if ambiguous:
            score = 0.7
        elif mixed:
            score = 0.9 if not t.sentence_start or e - s > len(t.text) else 0.75
        else:
            score = 0.8 if (cue or label in (Label.HOSPITAL, Label.ORGANIZATION) or e - s > len(t.text)) else 0.6
            if score == 0.6 and not (label == Label.COUNTRY and e - s >= 4) and lex.word_frequency(text[s:e].lower()) > 0:
                # "antelope" in a lowercase note: an English word first, a town only with a cue (a country that
                # is also a word is ``ambiguous``: "FROM ALEPPO SYRIA" keeps its country; "CKD, DRC" an acronym)
                score = 0.45
        if label == Label.COUNTRY and (m_form := _STATE_FORM_BEFORE.search(text, max(0, s - 40), s)):
            s = m_form.start(1)  # "Republic of the Marshall Islands", "Kingdom of Tonga": a country's official name
        out.append(Span(s, e, label, score, f"locations:gazetteer_{label.lower()}"))
        last_end = e
    return out


# -- "City, ST" ------------------------------------------------------------------------------
_STATE_FIRST_WORDS = frozenset({"new", "north", "south", "west", "rhode", "puerto", "american"})


def _state_tokens(text: str, tokens: list[Token], lowers: list[str], states: dict[str, str]) -> list[tuple[int, Token]]:
    """(index, token) of each state's name or code among ``tokens``, in order; a name of two words ("New Mexico",
    "NORTH DAKOTA") as one token spanning both, at the index of its first word."""
    found = [(i, tokens[i]) for i in compress(count(), map(states.__contains__, lowers))]
    pairs = [(i, Token(tokens[i].start, tokens[i + 1].end, text[tokens[i].start:tokens[i + 1].end], name, tokens[i]._ctx))
             for i in compress(count(), map(_STATE_FIRST_WORDS.__contains__, lowers[:-1]))
             if (name := f"{lowers[i]} {lowers[i + 1]}") in states and text[tokens[i].end:tokens[i + 1].start] == " "]
    if not pairs:
        return found
    taken = {i + 1 for i, _t in pairs}  # ("York" of "New York" is no state of its own)
    return sorted([(i, t) for i, t in found if i not in taken] + pairs, key=lambda x: x[0])


def _city_state_spans(text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
    out: list[Span] = []
    states = lex.us_states()
    for i, t in _state_tokens(text, tokens, lowers, states):
        if t.is_upper and (_LICENSE_AFTER.match(text, t.end) or (t.casing == MIXED and _STATE_THING_AFTER.match(text, t.end))):
            out.append(Span(t.start, t.end, Label.STATE, 0.85, "locations:state_license"))  # "MA driver's license"
            continue
        if i == 0 or (len(t.text) <= 2 and not t.text.isupper()):
            continue  # (a postal code only in capitals: not "in", "or", "me")
        code = states[t.lower]
        prev = tokens[i - 1]
        gap = text[prev.end : t.start]
        m_zip = _ZIP_AFTER.match(text, t.end, t.end + 15)
        zip_after = m_zip is not None
        # "Framingham MA" ending an address line: a known town of that state before the capitals code
        # (or a clause, when the code is no credential: "lives in Marysville MI - 810.555.0177"; not "Dr. Jackson MS,")
        line_end = _SPACE.fullmatch(gap) is not None and t.is_upper and (
            _LINE_END_AFTER.match(text, t.end) is not None
            or (code not in _CREDENTIAL_LIKE_STATES and _CLAUSE_END_AFTER.match(text, t.end) is not None))
        comma_or_zip = _COMMA_GAP.fullmatch(gap) or (zip_after and (_SPACE.fullmatch(gap) or _COMMA_LINE_GAP.fullmatch(gap)))
        city_start = _us_city_start(text, tokens, i, code) if (comma_or_zip or line_end or (
            t.is_upper and _SPACE.fullmatch(gap))) else None
        # a town the gazetteer knows in that state, then the capitals code, wherever the clause goes on ("Mercy Medical
        # Center - Grand Rapids MI OR 7", "clinic (Topeka IN)"); a code that is also a credential only after a word
        # that is no name ("Dr. Jackson MS" is a doctor)
        known_town = city_start is not None and not (comma_or_zip or line_end) and (
            code not in _CREDENTIAL_LIKE_STATES or word_info(prev.lower).prior < 0.3)
        if not (comma_or_zip or line_end or known_town):
            continue  # "Boston, MA", "Boston MA 02114", "Crossfield,\nAR 72419"
        if not comma_or_zip and city_start is None:
            continue
        line_start = text.rfind("\n", 0, prev.start) + 1
        prev_line = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        after_street = _STREET_LINE.match(text, prev_line) is not None
        # "6 Tern Lane, Harwich Port, MA", "home, 6 Orchard Hill Rd,\nCollinsville, CT": a street ending in its suffix
        street_before = (m_st := _STREET_BEFORE_CITY.search(text, prev_line, prev.start)) is not None and (
            m_st.group(1).lower() in lex.street_suffixes()
        )
        # a ZIP of the state's own range after a word that is seldom a name ("Pahoa, HI 96778") makes the code the state's;
        # a signature's pager number follows a name ("Julita Karwot, MD 54312")
        credential_like = code in _CREDENTIAL_LIKE_STATES and not after_street and not (
            zip_after and (_ZIP4_AFTER.match(text, t.end) or prev.lower in _PLACE_WORDS or (
                zip3_state(m_zip.group().strip()[:3].translate(_OCR_DIGITS)) == code and word_info(prev.lower).prior < 0.3)))
        if len(t.text) <= 3 and not street_before and (not zip_after or credential_like):
            # "Smith, MD", "FRAIL, IN": a postal abbreviation needs a ZIP or a known city before it; one that is
            # also a credential needs a ZIP+4 or a place word ("Brentwood Falls, PA 15227-3304"), since a
            # signature may end in a pager number ("Julita Karwot, MD 54312")
            if city_start is None and not (
                    # "Home: Nikolaevsk, AK, on the Kenai", "in Wales, AK;": a town too small for the gazetteer, before a
                    # capitals code that is no credential and the end of a clause; a word no list knows as common or a name
                    t.is_upper and code not in _CREDENTIAL_LIKE_STATES and _COMMA_GAP.fullmatch(gap)
                    and prev.is_title and not _is_common(prev.lower) and word_info(prev.lower).prior < 0.5
                    and _CLAUSE_END_AFTER.match(text, t.end)):
                continue
        # the city: one to three words before the comma
        j = i - 1
        start = prev.start
        while j - 1 >= 0 and i - j < 3:
            q = tokens[j - 1]
            if not _SPACE.fullmatch(text, q.end, tokens[j].start):
                break
            if q.casing == MIXED and not q.is_title:
                break
            if _is_common(q.lower) and q.lower not in ("new", "san", "los", "las", "saint", "st", "fort", "port", "north", "south", "east", "west", "lake", "mount", "el", "la"):
                break
            start = q.start
            j -= 1
        if city_start is not None and tokens[city_start].start < start:
            start = tokens[city_start].start  # "FAIR LAWN , NJ": the gazetteer's town, though "fair" is a common word
        if prev.casing == MIXED and not (prev.is_title or prev.is_upper):
            continue
        if _is_common(prev.lower) and start == prev.start and not zip_after and prev.lower not in lex.cities():
            continue
        out.append(Span(start, prev.end, Label.CITY, 0.85, "locations:city_state"))
        out.append(Span(t.start, t.end, Label.STATE, 0.85, "locations:city_state"))
    return out


def _city_country_spans(text: str, tokens: list[Token], starts: list[int], found: list[Span]) -> list[Span]:
    """The town before ", <country>": "a wedding in Galway, Ireland", "from Kumasi, Ghana". A town of
    that country in the gazetteer (any size) → 0.85; another capitalised word that is no common word → 0.7."""
    out: list[Span] = []
    places = [(sp.start, sp.end) for sp in found if sp.label in (Label.COUNTRY, Label.STATE)]
    for sp in found:
        if sp.label != Label.COUNTRY:
            continue
        i = _token_at(starts, sp.start)
        if i is None or i == 0 or not _COMMA_GAP.fullmatch(text, tokens[i - 1].end, sp.start):
            continue
        country = text[sp.start : sp.end]
        j = i - 1
        while j > 0 and i - j < 3 and _SPACE.fullmatch(text, tokens[j - 1].end, tokens[j].start) and _capitalized(tokens[j - 1]):
            j -= 1
        # the longest run of capitalized words ending before the comma that names a town of the country
        for k in range(j, i):
            words = tokens[k:i]
            if not all(_capitalized(w) for w in words) or any(a < words[-1].end and words[0].start < b for a, b in places):
                continue  # "Haiti, Mexico": a list of countries
            if _town_of(text[words[0].start : words[-1].end].lower(), country):
                out.append(Span(words[0].start, words[-1].end, Label.CITY, 0.85, "locations:city_country"))
                _town_before_region(text, tokens, k, out)
                break
            # one unknown word, or a region named with a compass point ("South Kivu")
            if ((k == i - 1 or (k == i - 2 and words[0].lower in _COMPASS)) and words[-1].is_title
                    and not _is_common(words[-1].lower) and not tokens[k].sentence_start):
                out.append(Span(words[0].start, words[-1].end, Label.CITY, 0.7, "locations:city_country"))
                _town_before_region(text, tokens, k, out)
                break
    return out


_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower"})


def _town_before_region(text: str, tokens: list[Token], k: int, out: list[Span]) -> None:
    """"Town, Region, Country": when the place found before the country (``out[-1]``, from token ``k``) follows a
    comma and one or two capitalized words that are no common words ("Tangancícuaro, Michoacán, México", "Bukavu,
    South Kivu, DRC"), those are the town and the place a region of the country (a STATE)."""
    if k < 1 or not _COMMA_GAP.fullmatch(text, tokens[k - 1].end, tokens[k].start):
        return
    j = k - 1
    if not (tokens[j].is_title and not _is_common(tokens[j].lower)):
        return
    if j > 0 and _SPACE.fullmatch(text, tokens[j - 1].end, tokens[j].start) and tokens[j - 1].is_title and not _is_common(
            tokens[j - 1].lower) and not tokens[j - 1].sentence_start:
        j -= 1
    region = out.pop()
    out.append(Span(region.start, region.end, Label.STATE, region.score, region.source))
    out.append(Span(tokens[j].start, tokens[k - 1].end, Label.CITY, 0.7, "locations:city_country"))
