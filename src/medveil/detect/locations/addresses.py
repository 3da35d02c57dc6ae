"""Streets, roads and the places cues name: streets without a house number ("on Farmington Ave"), roads by
their number ("County Rd 14", "I-83"), counties ("Letcher County, KY"), lakes ("Lake Mendota"), and the place after
"lives in", "moved from" or "admitted to", "seen at"."""

from __future__ import annotations

import re
from itertools import compress, count

from medveil import lexicons as lex
from medveil.detect.locations._common import _PLACE_WORDS, _SPACE, _is_common, _key_gate, _matches, _token_at
from medveil.detect.locations.facilities import _DEPARTMENT_WORDS, _NAME_ABBREVIATIONS, _NOT_A_NAME_START
from medveil.detect.locations.trade_names import _trade_clinical
from medveil.detect.names import FUNCTION_WORDS
from medveil.detect.text import MIXED, UPPER, Token
from medveil.document import Span
from medveil.labels import Label

_VISITED = re.compile(
    r"\b(?:admitted|seen|treated|evaluated|followed|operated|presented|presenting|transferred|transfer|"
    r"discharged|cared for|hospitalized|visited|referred|managed|delivered|born|underwent \w+)[ \t]+(?:at|to|from|in)[ \t]+"
    r"(?:the[ \t]+)?((?:(?:St|Mt|Ft)\.?[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'’.-]*){0,4})"
)
_LIVES_IN = re.compile(
    r"(?i)\b(?:(?:lives?|living|resides?|residing|moved|relocated|born|grew up|native|visiting|emigrated|immigrated|home)"
    r"(?:[ \t]+(?:alone|here|back|with(?:[ \t]+[\w'’]+){1,4}?))?(?:[ \t]+in[ \t]+an?[ \t]+(?:apartment|house|home|condo|trailer))?"
    r"[ \t]+(?:in|to|from|at|of)|in from|originally from|is from|comes from|"
    r"came from|visiting from|hails from|flew in from|drove in from|up from|down from)[ \t]+(?:the[ \t]+)?"
)
_VISITED_KEYS = ("admit", "seen", "treat", "evaluat", "follow", "operat", "present", "transfer", "discharg", "cared",
                 "hospitali", "visit", "referr", "manag", "deliver", "born", "underwent")
_SERVICE_AFTER = re.compile(r"[ \t]*(?:/|service|unit|floor|department|dept|icu|ward|team)", re.I)
_LIVES_IN_TRIGGERS = frozenset(
    """live lives living resides reside residing moved relocated born grew native visiting emigrated immigrated
    home in originally is comes came hails flew drove up down""".split()
)
# triggers whose only shape in _LIVES_IN is "<trigger> from"
_FROM_ONLY = frozenset({"in", "is", "up", "down"})


# a county, parish or borough: up to three capitalized words (maybe after "St."/"Saint") before the kind, and a state code
_COUNTY = re.compile(
    r"\b((?:(?:St|Ste|Saint|ST|STE|SAINT)\.?[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]+"
    r"(?:County|Parish|Borough|COUNTY|PARISH|BOROUGH))\b(?:,?[ \t]+(?P<state>[A-Z]{2})\b(?![-/]))?"
)


def _county_spans(text: str) -> list[Span]:
    """A county, parish or borough the census lists ("Letcher County", "St. Landry Parish") → LOCATION 0.85, and
    the state code after it when the county lies in that state ("Letcher County, KY") → STATE 0.9. The longest
    listed name wins ("Adair County", not "Lake Adair County")."""
    counties = lex.us_counties()
    out = []
    for m in _COUNTY.finditer(text):
        name = m.group(1)
        words = name.split()
        for k in range(len(words) - 1):  # drop leading words until the census knows the name
            cand = " ".join(words[k:])
            states = counties.get(lex.fold(cand.lower()).replace("saint ", "st. ").replace("st ", "st. ", 1))
            if states is None:
                states = counties.get(lex.fold(cand.lower()))
            if states is not None:
                start = m.start(1) + name.index(cand) if k else m.start(1)
                out.append(Span(start, m.end(1), Label.LOCATION, 0.85, "locations:county"))
                if m.group("state") and m.group("state") in states:
                    out.append(Span(m.start("state"), m.end("state"), Label.STATE, 0.9, "locations:county"))
                break
    return out


# a road by its number: "County Rd 14", "Hwy 264 & Route 191", "State Route 32"; short forms only after a word of place or
# travel ("on FM 664", "off CR 350 N", "driving on rt 128"), never "SR 72" (sinus rhythm), "RM 14" (a room) or "the US 2012"
_NUMBERED_ROAD = re.compile(
    r"\b(?:(?P<long>(?i:county[ \t]+(?:road|rd\.?)|state[ \t]+(?:route|road|rte\.?|highway|hwy\.?)|highway|hwy\.?|interstate|"
    r"us[ \t]+(?:route|highway|hwy\.?)))|(?P<cue>(?i:on|off|along|via|near|from|to|at|down|up|onto|past|crossing|and)[ \t]+"
    r"(?:the[ \t]+)?)(?P<short>(?i:route|rte\.?|rt\.?)|CR|FM|US(?=[ \t]*\d{1,3}\b)|Road|ROAD|Avenue|AVENUE|Ave\.?|AVE\.?))"
    r"[ \t]*#?(?P<num>\d{1,4}[A-Z]?(?:[ \t]+1/2\b)?)\b"
    r"(?P<dir>[ \t]+(?:[NSEW]|North|South|East|West|NORTH|SOUTH|EAST|WEST)\b(?![-/]))?"
)
# (a grid road of the farm country by its number, capitalized: "near Road 128 and Avenue 416", "ON AVENUE 17 1/2")
_ROAD_WORDS = frozenset({"road", "rd", "route", "rte", "rt", "highway", "hwy", "cr", "fm", "us", "interstate", "avenue", "ave"})
_NUMBER_AFTER_ROAD_WORD = re.compile(r"\.?[ \t]*#?\d{1,4}")
_NOT_ROAD_AFTER = re.compile(r"[ \t]*(?:%|mg|mcg|ml|mL|bpm|mmhg|mm|cm|kg|lb|units?|x\b|/|-\d|\.\d)", re.I)


def _road_number_spans(text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
    """Roads named by their number → STREET 0.8 (see ``_NUMBERED_ROAD``); not a number before a unit."""
    out = []
    seen = -1
    # a road word right before a number is rare: the full pattern runs only there
    for i in compress(count(), map(_ROAD_WORDS.__contains__, lowers)):
        if (d := _NUMBER_AFTER_ROAD_WORD.match(text, tokens[i].end)) is None:
            continue
        m = _NUMBERED_ROAD.search(text, max(seen, tokens[i].start - 24), d.end() + 12)
        if m is None or m.start() < seen:
            continue
        seen = m.end()
        end = m.end("dir") if m.group("dir") else m.end("num")
        if _NOT_ROAD_AFTER.match(text, m.end("num")):
            continue
        start = m.start("long") if m.group("long") else m.start("short")
        out.append(Span(start, end, Label.STREET, 0.8, "locations:road_number"))
    return out


# an interstate highway by its short form ("MVC on I-83 southbound", "SCENE: I-580 EB", "the I-25 median"): after a
# word of place or travel, or before a direction or a part of the road. Not a pedigree's member ("I-2 (PGM)", one
# digit), an isotope ("I-131 therapy") or an immigration form ("per I-94", "I-693 exam")
_INTERSTATE_CUE = r"\b(?:on|off|onto|via|along|from|near|at|to|scene:|the)[ \t]+"
_INTERSTATE_ROAD = (r"(?<![\w/.-])I-(?P<num>\d{2,3})(?![\w%/.-]|\.\d)(?P<after>[ \t]+(?:[NSEW]B?|north|south|east|west|"
                    r"(?:north|south|east|west)bound|median|exit|shoulder|overpass|bridge|ramp|near|at[ \t]+(?:mile|mm|exit)|mm|"
                    r"mile)\b)?")
_INTERSTATE = re.compile(rf"(?P<cue>{_INTERSTATE_CUE})?{_INTERSTATE_ROAD}", re.I)
# the same matches found from the road (``_interstate_matches``): a regex that starts with an optional cue is tried at
# every offset; this one starts at an "I" (matched before its look-behind, so that the engine skips ahead to one)
_INTERSTATE_FROM_ROAD = re.compile(_INTERSTATE_ROAD.replace(r"(?<![\w/.-])I-", r"I(?<![\w/.-]I)-"), re.I)
_CUE_BEFORE_ROAD = re.compile(_INTERSTATE_CUE + r"\Z", re.I)
_LONGEST_CUE = 6  # "scene:"
_NOT_INTERSTATES = frozenset({"20", "94", "123", "124", "125", "129", "130", "131", "134", "140", "485", "589", "693",
                              "751", "765", "864"})  # isotopes of iodine and USCIS forms (I-94 is also a road: cued)


def _interstate_spans(text: str) -> list[Span]:
    """Interstate highways written "I-83" → STREET 0.8 (``_INTERSTATE``)."""
    out = []
    for m, cued in _interstate_matches(text):
        if m.group("after") is not None or (cued and m.group("num") not in _NOT_INTERSTATES):
            out.append(Span(m.start("num") - 2, m.end("num"), Label.STREET, 0.8, "locations:interstate"))
    return out


def _interstate_matches(text: str) -> list[tuple[re.Match[str], bool]]:
    """The matches of ``_INTERSTATE`` as (the road's match, whether a cue comes before it). The cue is a word and blanks
    right before the road, after the last match: its word ends where those blanks start."""
    out = []
    after = 0  # the end of the last match: a cue never starts before it
    for m in _INTERSTATE_FROM_ROAD.finditer(text):
        words_end = m.start()
        while words_end > after and text[words_end - 1] in " \t":
            words_end -= 1
        cued = _CUE_BEFORE_ROAD.search(text, max(after, words_end - _LONGEST_CUE), m.start()) is not None
        out.append((m, cued))
        after = m.end()
    return out


_LAKE_FIRST = re.compile(r"\bLake[ \t]+([A-Z][a-z]{2,})\b")  # "ice fishing on Lake Mendota"


# the last word of a street name ("Farmington Ave", "Sawmill Road"); "St" and "Dr" are left out (a saint, a doctor)
_ABBREVIATED_STREET_HEADS = frozenset({"ave", "rd", "blvd", "ln", "pkwy", "hwy", "tpke"})
_NUMBERED_ROADS = frozenset({"route", "rte", "highway", "hwy", "interstate"})
_STREET_HEADS = _ABBREVIATED_STREET_HEADS | _NUMBERED_ROADS | frozenset(
    {"avenue", "road", "street", "boulevard", "lane", "drive", "parkway", "turnpike", "pike"}
)
_STREET_CUES = frozenset({"on", "off", "near", "onto", "along"})
_DIRECTIONS = frozenset("n s e w ne nw se sw north south east west".split())
_DIRECTION_GAP = re.compile(r"\.?[ \t]+")
_ORDINAL_DIGITS = re.compile(r"(?<![\d.,/:-])\d{1,3}$")


def _ordinal_start(text: str, tok: Token) -> int | None:
    """Where the ordinal "37th" starts when ``tok`` is its suffix ("th": the tokens leave digits out), else None."""
    if tok.lower not in ("st", "nd", "rd", "th"):
        return None
    m = _ORDINAL_DIGITS.search(text, max(0, tok.start - 4), tok.start)
    return m.start() if m else None


def _street_word_start(text: str, tok: Token) -> int:
    """The start of a street name's word, with the digits of an ordinal ("37th")."""
    o = _ordinal_start(text, tok)
    return tok.start if o is None else o


# short heads that are also a saint or a place ("St Mary"): a street only after a cue and a name and before no capitalized
# word ("on Elm St", "on adams st", "ON ELMWOOD PL.")
_SHORT_STREET_HEADS = frozenset({"st", "pl", "ct"})
_STREET_HEADS_ANY_CASE = _STREET_HEADS | _SHORT_STREET_HEADS


def _lake_spans(text: str) -> list[Span]:
    """A lake named first: "ice fishing on Lake Mendota" (not a common or clinical word) → LOCATION 0.75."""
    return [Span(m.start(), m.end(), Label.LOCATION, 0.75, "locations:lake") for m in _LAKE_FIRST.finditer(text)
            if not _is_common(m.group(1).lower()) and m.group(1).lower() not in lex.clinical_word_counts()]


def _lives_in_spans(text: str, tokens: list[Token], starts: list[int], lowers: list[str]) -> list[Span]:
    """The place after "lives in", "moved from", "in from", "originally from" …"""
    out: list[Span] = []
    for trigger in compress(tokens, map(_LIVES_IN_TRIGGERS.__contains__, lowers)):
        if trigger.lower in _FROM_ONLY and text[trigger.end : trigger.end + 5].lower() != " from":
            continue  # "in", "is", "up", "down" start only "in from", "is from" …
        m = _LIVES_IN.match(text, trigger.start)
        if m is None:
            continue
        i = _token_at(starts, m.end())
        if i is None:
            continue
        k = i
        words: list[Token] = []
        while k < len(tokens) and len(words) < 4:
            t = tokens[k]
            if words and not _SPACE.fullmatch(text, tokens[k - 1].end, t.start):
                break
            if t.casing == MIXED:
                if not (t.is_title or t.is_upper):
                    break
            elif t.lower in FUNCTION_WORDS or t.lower in lex.stop_words() or t.lower in lex.clinical_abbreviations():
                break
            elif (
                _is_common(t.lower) and t.lower not in lex.cities() and t.lower not in _PLACE_WORDS
                and t.lower not in lex.countries() and t.lower not in lex.us_states() and not words
            ):
                break
            if words and t.is_upper and len(t.text) == 2 and t.lower in lex.us_states():
                break  # "lives in Boston MA": the state's code is a place of its own (``_city_state_spans``)
            words.append(t)
            k += 1
        if not words or words[0].lower in FUNCTION_WORDS or words[0].lower in ("an", "apartment", "home", "house"):
            continue
        if len(words[0].text) == 1:
            continue  # "moved to the U.S.": a letter of an abbreviation is no place
        if words[0].lower in lex.months() or words[0].lower in lex.weekdays():
            continue
        value_l = text[words[0].start : words[-1].end].lower()
        label = Label.STATE if value_l in lex.us_states() else Label.COUNTRY if value_l in lex.countries() else Label.CITY
        out.append(Span(words[0].start, words[-1].end, label, 0.7, "locations:lives_in"))
    return out


def _visited_spans(text: str, lower: str, cues: dict[str, list[int]] | None) -> list[Span]:
    """Capitalized names after "admitted to", "seen at", "transferred from" … (mixed-case text)."""
    out: list[Span] = []
    gate = _key_gate(lower, _VISITED_KEYS, cues)
    if cues is None and not gate():
        return out
    for m in _matches(_VISITED, text, cues and cues["visited"]):
        if not gate():
            return out
        value = m.group(1)
        words = value.split()
        for k, word in enumerate(words):
            key = word.lower().rstrip(".,")
            if k and (key in lex.months() or key in lex.weekdays() or key in ("on", "at", "in", "for", "with")):
                value = value[: value.index(word)] if k else value  # "… Medical Center Dec. 2": the date is not part of it
                break
            if word.endswith(".") and k + 1 < len(words) and len(key) > 1 and key not in _NAME_ABBREVIATIONS:
                value = " ".join(words[: k + 1])  # "the Emergency Room. The pain …": the sentence ends there
                break
        value = value.rstrip(" \t.,")
        if not value:
            continue
        first = value.split()[0]
        key = first.lower().rstrip(".")
        if key in FUNCTION_WORDS or key in lex.months() or key in lex.weekdays() or key in _NOT_A_NAME_START:
            continue
        bare = first.replace(".", "")
        if bare.isupper() and len(bare) <= 4 and bare not in lex.hospital_abbreviations():
            continue  # "ICU", "ED", "OR", "P.A.C.U."
        if _is_common(key) and len(value.split()) == 1 and key not in lex.cities():
            continue
        if _SERVICE_AFTER.match(text, m.start(1) + len(value)):
            continue  # "admitted to Hem/Onco Service"
        if all(w.lower().strip(".,") in _DEPARTMENT_WORDS for w in value.split()):
            continue  # "seen in the Emergency Room", "admitted to the Intensive Care Unit": a department of any hospital
        label = Label.CITY if value.lower() in lex.cities() else Label.HOSPITAL
        out.append(Span(m.start(1), m.start(1) + len(value), label, 0.7, "locations:visited"))
    return out


# -- streets named without a house number -------------------------------------------------------
def _named_street_spans(text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
    """A street after "on", "off", "near": "the pharmacy on Farmington Ave", "lives off Sawmill Road", "on Route 9"."""
    out: list[Span] = []
    n = len(tokens)
    for i in compress(count(), map(_STREET_HEADS_ANY_CASE.__contains__, lowers)):
        t = tokens[i]
        # in a line written all lowercase or ALL CAPS a street has no capitals to show ("walgreens on york rd", "ON
        # ELMWOOD PL."): its words must then be no common or clinical word; in mixed case it is capitalized
        uncased = t.casing != MIXED and (t.text.islower() or t.text.isupper())
        if not (uncased or t.is_title):
            continue  # in a lowercase line a capitalized "Delmar Blvd" stands out all the more
        if t.casing == UPPER and not uncased:
            continue
        end = t.end
        if t.lower in _NUMBERED_ROADS and (not uncased or _NUMBER_AFTER_ROAD_WORD.match(text, end)):
            continue  # "on Route 4", "Hwy 101": roads by number are ``_road_number_spans``'s
        if i + 1 < n and tokens[i + 1].is_title and _SPACE.fullmatch(text, t.end, tokens[i + 1].start):
            continue  # "Park Avenue Pediatrics" is not a street here; "Main St Mary" is no street
        first = i
        while first > 0 and i - first < (2 if uncased else 3):
            p = tokens[first - 1]
            ordinal = _ordinal_start(text, p)  # the tokens leave digits out: "th" of "37th"
            cased = (p.is_title or ordinal is not None) if not uncased else (
                p.text.islower() or p.text.isupper()) and not (
                p.lower in lex.stop_words() or p.lower in _STREET_CUES or _trade_clinical(p.lower) or len(p.text) < 3)
            if ordinal is not None and uncased:
                cased = True  # "37TH ST"
            if not (cased and _SPACE.fullmatch(text, p.end, _street_word_start(text, tokens[first]))) or (
                    p.lower in FUNCTION_WORDS and ordinal is None) or (
                    len(p.text) == 1 and t.lower in _SHORT_STREET_HEADS):  # "J Street", not "L Pl."
                break
            first -= 1
        if first == i:
            continue
        if text.startswith(".", end) and t.lower in _ABBREVIATED_STREET_HEADS | _SHORT_STREET_HEADS:
            end += 1
        if first > 1 and lowers[first - 1] in _DIRECTIONS and _DIRECTION_GAP.fullmatch(
                text, tokens[first - 1].end, _street_word_start(text, tokens[first])):
            first -= 1  # "on N. 37th St", "ON W WELLS ST": a direction before the name
        start = _street_word_start(text, tokens[first])
        if first == 0 or lowers[first - 1] not in _STREET_CUES or not _SPACE.fullmatch(text, tokens[first - 1].end, start):
            continue
        out.append(Span(start, end, Label.STREET, 0.75, "locations:named_street"))
    return out
