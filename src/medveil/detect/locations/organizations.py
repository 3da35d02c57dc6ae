"""Organizations: employers after "works at" and the place a role is held at ("a paralegal at …"), names ending
in a legal or trade suffix ("Whitcombe & Lau LLP", "Garden State Trucking"), courts, public agencies ("Department
of …"), union locals and veterans' posts, and military service (branches, units, bases, provinces)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medveil import lexicons as lex
from medveil.detect.locations._common import (
    _NEXT_WORD,
    _is_common,
    _is_common_word,
    _is_state_name,
    _key_gate,
    _matches,
)
from medveil.detect.locations.facilities import _DEPARTMENT_WORDS, _NAME_ABBREVIATIONS
from medveil.detect.locations.trade_names import _SPECIALTIES
from medveil.detect.names import FUNCTION_WORDS
from medveil.detect.names.cues import _CARE_UNITS
from medveil.detect.patterns import is_ocr_number
from medveil.detect.text import MIXED, Token
from medveil.document import Span
from medveil.labels import Label

# an occupation before its employer: "driver for Garden State Produce", "engineer at Texaline Semiconductor"
_OCCUPATIONS = ("driver", "engineer", "technician", "machinist", "mechanic", "electrician", "plumber", "carpenter",
                "welder", "laborer", "labourer", "cashier", "clerk", "secretary", "accountant", "analyst", "cook", "chef",
                "custodian", "janitor", "foreman", "supervisor", "operator", "student", "teacher", "professor", "lineman",
                "pharmacist", "tech", "aide", "assistant", "manager", "server", "waitress", "waiter", "bartender",
                "bookkeeper", "receptionist", "paralegal", "housekeeper", "dishwasher", "programmer", "firefighter",
                "dispatcher", "stocker", "apprentice", "sophomore", "freshman")
_WORKS_AT = re.compile(
    r"(?i)\b(?:works?|worked|workked|working|employed|employee|retired|volunteers?|teaches|taught|job|drives|drove|formerly|"
    + "|".join(_OCCUPATIONS) + r")[ \t]+"
    # "works nights at", "employed currently by"; a few other words only before "at", "for" or "as" ("works rotating
    # shifts at", "works from home for", "drives truck for", "work her shifts as a bookkeeper at"; not "retired boat
    # builder with Parkinson's disease")
    r"(?:(?:nights|days|part[ -]time|full[ -]time|there|here|now|still|currently|previously|remotely|formerly)[ \t]+"
    r"|(?:[a-z]+[ \t]+){1,3}?(?=(?:at|for|as)\b))??"
    # "worked 28 yrs for", "worked for 30 years at"
    r"(?:(?:for[ \t]+)?(?:\d{1,2}|many|several)\+?[ \t]*(?:yrs?|years?)[ \t]+)?"
    r"(?:(?:as|for)[ \t]+(?:an?[ \t]+)?[a-z]+(?:[ \t][a-z]+)?\s+)?(?:at|for|by|with|from)(?![ \t]+(?-i:home|HOME)\b)\s+(?:the[ \t]+)?"
)
_ORG_WORDS = re.compile(r"(?:[A-Z][\w'’&-]*\.?)(?:[ \t]+(?:&|and\b|of\b|[A-Z][\w'’&-]*\.?)){0,4}")
# "is a paralegal at", "works as a night clerk at", "was an usher at": a role held at a place
_ROLE_AT = re.compile(r"\b(?:is|was|as|became)[ \t]+an?[ \t]+(?:[a-z-]+[ \t]+){0,2}[a-z-]+[ \t]+at(?:[ \t]+|[ \t]*\n[ \t]*)(?:the[ \t]+)?")
_ORG_ABBREVIATIONS = frozenset({"inc.", "co.", "corp.", "ltd.", "bros.", "st.", "mt.", "ft.", "dept.", "assn.", "intl."})


def _to_sentence_end(value: str) -> str:
    """``value`` up to the first word that closes a sentence ("Kestrel Software. Birth" → "Kestrel Software.");
    an abbreviation's full stop ("Acme Co. Trucking") does not. A connector left at the end goes ("St.
    Vincent's Clinic and" → "St. Vincent's Clinic")."""
    words = value.split(" ")
    for k, w in enumerate(words):
        if w.endswith(".") and w.lower() not in _ORG_ABBREVIATIONS and k + 1 < len(words):
            words = words[: k + 1]
            break
    while len(words) > 1 and words[-1].lower() in ("and", "of", "&"):
        words.pop()
    return " ".join(words)


def _org_name(text: str, s: int, words: re.Pattern[str]) -> tuple[str, str] | None:
    """The name ``words`` matches at ``s``, up to a sentence end and without trailing punctuation, and its
    first word in lowercase; None when there is none."""
    m = words.match(text, s)
    if m is None:
        return None
    value = _to_sentence_end(m.group(0)).rstrip(" \t.,;")
    parts = value.split()
    return (value, parts[0].lower()) if parts else None


# the units and services of a hospital, which staff work at, not for ("works in the ICU", "works at PACU"): the name
# detector's care units, and services
_WORK_UNITS = _CARE_UNITS | frozenset("snf ltc pt ot rt lab ir cath".split())
_WORKS_AT_KEYS = ("work", "employ", "retired", "volunteer", "teach", "taught", "job", "drives", "drove", "formerly", *_OCCUPATIONS)
_ORG_WORDS_ANYCASE = re.compile(r"(?i)(?:[a-z][\w'’&-]*\.?)(?:[ \t]+(?:&|and|of|[a-z][\w'’&-]*\.?)){0,3}(?=[ \t]*(?:[,.;:()\n]|$|for\b|since\b|until\b|as\b|in\b|on\b|under\b|-[ \t]))")
_ORG_SUFFIX_ONLY = re.compile(
    r"\b(?:Sons|Inc|LLC|LLP|PLLC|L\.L\.C|Corp|Corporation|Co\.|Company|Construction|Trucking|Landscaping|Enterprises|"
    r"Industries|Authority|Department|District|Bank|Insurance|Manufacturing|Logistics)(?:\b|(?<=\.))"
)
# one to three capitalized words before the suffix, joined by spaces, "&" ("Whitcombe & Lau LLP") or, before
# "<Word> &", a comma ("Brennan, Whitcombe & Lau LLP"); a suffix ending in a full stop ends the name ("Co.;")
# the suffixes that make a business name whatever the note is about ("Brennan, Whitcombe & Lau LLP"); the others
# of ``_ORG_SUFFIXED`` ("Trucking", "Bank", "Department") count only in a note that speaks of work (``_WORKS_AT_KEYS``)
_LEGAL_SUFFIXES = r"&[ \t]+Sons|Inc\.?|LLC|LLP|PLLC|L\.L\.C\.|Corp\.?|Corporation|Co\."
_ORG_SUFFIXED = re.compile(
    r"\b(?:[A-Z][\w'’.-]+(?:,[ \t]+(?=[A-Z][\w'’.-]+[ \t]+&[ \t])|[ \t]+(?:&[ \t]+)?)){1,3}"
    r"(?:" + _LEGAL_SUFFIXES + r"|Company|"
    r"Construction|Trucking|Landscaping|Enterprises|Industries|Transit Authority|Police Department|"
    r"Fire Department|School District|Bank|Insurance|Manufacturing|Logistics)(?:\b|(?<=\.))"
)
_LEGAL_SUFFIX = re.compile(r"(?:" + _LEGAL_SUFFIXES + r")$")
# a word with a full stop and a blank inside a suffixed name: an abbreviation of a name ("St. Joseph Bank", "Co.") or
# the end of a sentence before it ("Lomas Blvd. Insurance")
_SENTENCE_END_IN_NAME = re.compile(r"\b([A-Za-z]+)\.[ \t]+")
# a court: its kind before "Court", named by the place before it or after "of" ("Kings County Supreme Court", "NY County
# Criminal Court", "Brooklyn Mental Health Court", "Superior Court of New Jersey", "Ellis County Court at Law")
_COURT_KINDS = (r"supreme|superior|district|criminal|family|juvenile|probate|municipal|circuit|county|city|housing|drug|"
                r"treatment|recovery|mental[ \t]+health|surrogate'?s|civil|federal|bankruptcy|veterans|youth|community|justice")
_COURT = re.compile(
    r"(?i)\b(?P<name>(?:[a-z][\w'-]*[ \t]+){0,3}?)(?P<kinds>(?:(?:" + _COURT_KINDS + r")(?:[ \t]+(?:and|&)[ \t]+|[ \t]+))+)court\b"
    r"(?P<of>[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?(?:[a-z][\w'.-]*)(?:[ \t]+[a-z][\w'.-]*){0,2})?")


_WORD = re.compile(r"\S+")


# public agencies: "Texas Department of State Health Services", "City of El Paso Department of Public Health", "Forsyth
# County Department of Social Services", "U.S. Department of Labor", "the Department of Children and Families"
_AGENCY_WORD = r"(?:[A-Z][\w'’.-]*|&)"
# the head and what it is "of" are found first; the place before the head is then looked for in the few characters
# before it (a regex that began with the optional place tried every position of every note: 20 times slower)
_AGENCY_PLACE = re.compile(
    r"(?:(?:City|CITY|Town|TOWN|State|STATE)[ \t]+(?:of|OF)[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)?[ \t]+)?"
    r"(?:[A-Z][\w'’.-]*[ \t]+){0,3}\Z"
)
_AGENCY = re.compile(
    r"(?P<head>\b(?:Department|Dept\.?|Division|Bureau|Office|DEPARTMENT|DEPT\.?|DIVISION|BUREAU|OFFICE))[ \t]+"
    r"(?:of|on|for|OF|ON|FOR)[ \t]+(?:(?:the|THE)[ \t]+)?"
    rf"(?P<obj>{_AGENCY_WORD}(?:[ \t]+(?:(?:and|of|the|for|AND|OF|THE|FOR)[ \t]+)*{_AGENCY_WORD}){{0,6}})"
)
# what an agency is "of" when no place names it: "the Department of Health", "Office of Public Guardian"
_AGENCY_OBJECTS = frozenset(
    """health public human social children child family families veterans labor labour corrections correction correctional
    education aging elder transportation motor transitional developmental revenue housing homeland justice agriculture
    insurance workers workers' vocational healthy civil guardian juvenile youth probation immigration economic employment
    environmental environment natural medicaid welfare disability disabilities state""".split()
)
_AGENCY_NOT_OBJECTS = frozenset("""medicine surgery surgical emergency nursing pharmacy anesthesiology anaesthesia critical internal
    clinical medical obstetrics gynecology nutrition respiratory therapy therapies rehabilitation imaging""".split())
_AGENCY_PLACE_WORDS = frozenset("u.s. us usa u.s.a. nyc county state city town federal".split())


def _agency_place(words: list[str]) -> int:
    """How many of the last ``words`` name a place (a state, a city, a county, "U.S.", "City of …"): 0 if none."""
    for k in range(len(words)):
        cand = [w.strip(".,").lower() for w in words[k:]]
        if not cand:
            continue
        if cand[0] in ("city", "town", "state") and len(cand) > 2 and cand[1] == "of":
            return len(words) - k
        body = [w for w in cand if w not in ("county", "state", "parish")]
        phrase = " ".join(body)
        if body and (phrase in lex.us_states() or phrase in lex.cities() or phrase in lex.countries()
                     or words[k].lower().strip(",") in _AGENCY_PLACE_WORDS or (cand[-1] == "county" and body)):
            return len(words) - k
    return 0


def _agency_spans(text: str) -> list[Span]:
    """Public agencies named by "Department/Division/Bureau/Office of …" → ORGANIZATION: after a place (a state, a
    city, a county, "U.S.") whatever they are "of" unless it is a kind of care ("Boston Department of Surgery" is
    none), with no place only when it is "of" a public matter ("the Department of Children and Families")."""
    out: list[Span] = []
    for m in _AGENCY.finditer(text):
        obj = list(_WORD.finditer(text, m.start("obj"), m.end("obj")))
        while obj and obj[-1].group().lower() in ("and", "of", "the", "for", "&"):
            obj.pop()
        if not obj:
            continue
        obj_words = [w.group().strip(".,'’").lower() for w in obj]
        if any(w in _AGENCY_NOT_OBJECTS or w in _SPECIALTIES for w in obj_words):
            continue  # "Division of Cardiology", "Department of Emergency Medicine": a part of a hospital
        place = _AGENCY_PLACE.search(text, max(0, m.start() - 80), m.start())
        words = list(_WORD.finditer(text, place.start(), place.end())) if place is not None else []
        n_place = _agency_place([w.group() for w in words])
        if not n_place and obj_words[0] not in _AGENCY_OBJECTS:
            continue
        start = words[len(words) - n_place].start() if n_place else m.start("head")
        end = obj[-1].end()
        out.append(Span(start, end, Label.ORGANIZATION, 0.8 if n_place else 0.75, "locations:agency"))
    return out


def _court_spans(text: str) -> list[Span]:
    """Named courts → ORGANIZATION 0.8; "family court" or "drug court" alone is a kind of court, no name."""
    out: list[Span] = []
    for m in _COURT.finditer(text):
        if not (m.group("kinds")[0].isupper() and text[m.end("kinds")].isupper()):
            continue  # "attends drug court": a court's name is capitalized
        start = m.start("kinds")
        for w in reversed(list(_WORD.finditer(text, m.start("name"), m.end("name")))):
            if not w.group()[0].isupper() or w.group().lower() in FUNCTION_WORDS or w.group().lower() in ("the", "a", "an"):
                break  # "guardianship in Westchester County Supreme Court": the name is the capitalized words before
            start = w.start()
        of = m.group("of")
        if of is not None:
            tail = of.split()
            # "Superior Court of New Jersey": the place after "of" is capitalized; "court for the hearing" is no name
            keep = [w for w in tail[1:] if w.lower() != "the"]
            if not keep or not all(w[0].isupper() for w in keep):
                of = None
        if start == m.start("kinds") and of is None:
            continue
        end = m.end() if of is not None else m.end("kinds") + len("court")
        out.append(Span(start, end, Label.ORGANIZATION, 0.8, "locations:court"))
    return out


def _casing_at(tokens: list[Token], pos: int) -> str:
    """The casing of the line of the first token at or after ``pos``."""
    for t in tokens:
        if t.start >= pos:
            return t.casing
    return MIXED


def _org_suffixed(text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """Names ending in Inc, & Sons, Trucking … (``_ORG_SUFFIXED``), when a suffix word is in the text.

    With ``starts`` (the offsets of the suffix words, any case), only their lines are searched:
    a match never spans a line and always holds a suffix word.
    """
    if starts is None:
        if _ORG_SUFFIX_ONLY.search(text):
            yield from _ORG_SUFFIXED.finditer(text)
        return
    if not any(_ORG_SUFFIX_ONLY.match(text, s) for s in starts):
        return
    line_end = -1
    for s in starts:
        if s < line_end:
            continue  # this line is done
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", s)
        if line_end < 0:
            line_end = len(text)
        yield from _ORG_SUFFIXED.finditer(text, line_start, line_end)


# -- military service (branches and units ORGANIZATION, bases and provinces LOCATION) --------------------
_MILITARY_KEYS = ("army", "navy", "marine", "air force", "coast guard", "national guard", "division", "brigade",
                  "battalion", "regiment", "squadron", "cavalry", "infantry", "airborne", "fort ", "ft. ", "camp ",
                  "airfield", "air base", "afb", "naval", "province", "usmc", "usaf", "nas ", "navsta", "mcas", "mcb ", "jbsa",
                  "jblm", "jbphh")


def _cased(words: str) -> str:
    """An alternation of each word in Title case and in capitals ("Army|ARMY")."""
    return "|".join(f"{w}|{w.upper()}" for w in words.split())


_SERVICE_WORDS = ("stationed", "deploy", "enlist", "military", "veteran", "served in", "boot camp", "basic training")
_CAP = r"[A-Z][\w'’-]+"
_BRANCH = re.compile(
    r"\b(?:(?:U\.S\.|US|U\.S\.A\.|USA|United[ \t]+States|UNITED[ \t]+STATES|Royal|ROYAL)[ \t]+"
    r"(?:Army|ARMY|Navy|NAVY|Marine[ \t]+Corps|MARINE[ \t]+CORPS|Marines|MARINES|Air[ \t]+Force|AIR[ \t]+FORCE|"
    r"Coast[ \t]+Guard|COAST[ \t]+GUARD|Space[ \t]+Force)(?:[ \t]+(?:Reserves?|RESERVES?))?"
    r"|(?:" + _CAP + r"[ \t]+)?(?:Army|ARMY|Air|AIR)[ \t]+(?:National|NATIONAL)[ \t]+(?:Guard|GUARD)"
    r"|USMC|USAF|USCG)\b"
)
_UNIT_WORD = _cased("Division Brigade Battalion Regiment Squadron Marines Infantry Airborne Cavalry Fleet Corps Wing")
_ONE_UNIT = (r"\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)[ \t]+(?:" + _CAP + r"[ \t]+){0,3}?(?:" + _UNIT_WORD + r")"
             r"(?:[ \t]+(?:" + _UNIT_WORD + r"|" + _cased("Combat Team Regiment") + r"))*")
_UNIT = re.compile(r"\b" + _ONE_UNIT + r"(?:,[ \t]*" + _ONE_UNIT + r")*\b")
_BASE = re.compile(
    r"\b(?:(?:Fort|FORT|Ft\.|FT\.|Camp|CAMP|Naval[ \t]+Station|NAVAL[ \t]+STATION|Naval[ \t]+Air[ \t]+Station|"
    r"Joint[ \t]+Base|JOINT[ \t]+BASE|Marine[ \t]+Corps[ \t]+Base|"
    # a naval air station, naval station, Marine Corps air station or base, joint base by its letters ("NAS Jacksonville",
    # "MCAS Miramar", "JBSA-Lackland")
    r"NAS|NAVSTA|MCAS|MCB|JBSA|JBLM|JBPHH)(?:[ \t]+|-)" + _CAP + r"(?:[ \t]+" + _CAP + r")??"
    r"|" + _CAP + r"(?:[ \t]+" + _CAP + r")??[ \t]+(?:Airfield|AIRFIELD|Air[ \t]+Force[ \t]+Base|AIR[ \t]+FORCE[ \t]+BASE|"
    r"AFB|Air[ \t]+Base|Naval[ \t]+Base|Province|PROVINCE))\b"
)


# a union local or a veterans' post by its number: "Steamfitters Local 417", "USW LOCAL 1219", "vfw post 1138",
# "American Legion Post 12"
_UNION_OR_POST = re.compile(
    r"\b(?:(?:[A-Z][A-Za-z&'’-]*[ \t]+){1,3}(?:Local|LOCAL)|(?i:vfw|amvets|american[ \t]+legion)[ \t]+(?i:post))[ \t]+#?\d{1,5}\b"
    r"(?![ \t]*(?:%|\.\d|(?i:mg|ml|cc|mcg)\b))")
# in any casing after a union's or a trade's word ("twu local 100", "carpenters local 157"), and the local's number
# first before its trade ("Local 147 Tunnel Workers"); both found from "local" (``_union_any_case``)
_UNION_TRADES = (r"union|twu|seiu|ibew|ufcw|uaw|uft|afscme|ila|usw|atu|cwa|afge|apwu|nalc|iuoe|iatse|aft|nea|ufw|"
                 r"teamsters|carpenters|laborers|electricians|plumbers|ironworkers|steamfitters|steelworkers|pipefitters|"
                 r"engineers|workers|bricklayers|painters|machinists|nurses|teachers|longshoremen")
_TRADE_BEFORE = re.compile(r"(?<![\w'’-])(?:" + _UNION_TRADES + r")[ \t]+$")
_LOCAL_NUMBER = re.compile(r"local[ \t]+#?\d{1,5}[a-z]{0,2}\b(?![ \t]*(?:%|\.\d|(?:mg|ml|cc|mcg)\b))")
_TRADE_AFTER = re.compile(r"(?:[ \t]+[a-z]+){0,2}[ \t]+(?:" + _UNION_TRADES + r")\b")


def _union_any_case(low: str) -> list[tuple[int, int]]:
    """(start, end) of union locals in any casing (see ``_TRADE_BEFORE``, ``_TRADE_AFTER``) in ``low``, the lowercased
    text."""
    out = []
    i = low.find("local")
    while i >= 0:
        m = _LOCAL_NUMBER.match(low, i) if (i == 0 or not low[i - 1].isalnum()) else None
        if m is not None:
            before = _TRADE_BEFORE.search(low, max(0, i - 16), i)
            after = _TRADE_AFTER.match(low, m.end())
            if before is not None:
                out.append((before.start(), m.end()))
            elif after is not None:
                out.append((i, after.end()))
        i = low.find("local", i + 5)
    return out


def _military_spans(text: str, lower: str) -> list[Span]:
    """Military service: branches ("U.S. Army"), units ("3rd Battalion, 5th Marines") and bases ("Fort Polk",
    "Camp Arifjan", "Kandahar Airfield"), and provinces of deployment ("Helmand Province")."""
    out: list[Span] = []
    for rx, label in ((_BRANCH, Label.ORGANIZATION), (_UNIT, Label.ORGANIZATION), (_BASE, Label.LOCATION)):
        if rx is _BASE and not out and not any(k in lower for k in _SERVICE_WORDS):
            break  # "Fort Perry Falls, KY", "Camp Hill": a base only in a note about military service
        for m in rx.finditer(text):
            value = m.group(0)
            if value.islower() or (label == Label.LOCATION and value.lower() in lex.cities()):
                continue  # "Fort Worth", "Camp Hill": a town, found as one by the gazetteer
            out.append(Span(m.start(), m.end(), label, 0.8, "locations:military"))
    return out


# -- employers and other organizations -------------------------------------------------------
def _organization_spans(text: str, lower: str, tokens: list[Token], cues: dict[str, list[int]] | None) -> list[Span]:
    """Employers after "works at" and names ending in Inc, & Sons, Trucking …"""
    out: list[Span] = []
    gate = _key_gate(lower, _WORKS_AT_KEYS, cues)  # it gates both loops (a legal suffix needs no gate)
    for m in _matches(_WORKS_AT, text, cues and cues["works_at"]) if cues is not None or gate() else ():
        if not gate():
            break
        s = m.end()
        name = _org_name(text, s, _ORG_WORDS if _casing_at(tokens, s) == MIXED else _ORG_WORDS_ANYCASE)
        if name is None:
            continue
        value, first = name
        # an acronym in capitals amid mixed case is the employer's, though its letters make a word or shorthand ("works for
        # CTA", "driver for UPS")
        acronym = (value.isupper() and value.isalpha() and 2 <= len(value) <= 6 and _casing_at(tokens, s) == MIXED
                   and value.lower() not in _WORK_UNITS and m.group(0).rstrip().lower().endswith(("for", "by")))
        if first in FUNCTION_WORDS or first in ("a", "an", "the", "dr", "dr.") or (_is_common(value.lower()) and not acronym) or (
                first == "home" and (value[:4] != "Home" or len(value) == 4)):  # "at Home Depot", not "at home"
            continue
        if is_ocr_number(first):
            continue  # "found on floor by aide at O2OO": a time read by OCR
        if (nxt := _NEXT_WORD.match(text, s + len(value))) and nxt.group(1).lower() in lex.eponym_heads():
            continue  # "a retired welder with Parkinson's disease": an eponym, no employer
        out.append(Span(s, s + len(value), Label.ORGANIZATION, 0.75, "locations:works_at"))
    for m in _org_suffixed(text, cues and cues["org_suffix"]):
        if not (_LEGAL_SUFFIX.search(m.group(0)) or gate()):
            continue
        start = m.start()
        for d in _SENTENCE_END_IN_NAME.finditer(m.group(0)):
            if d.group(1).lower() not in _NAME_ABBREVIATIONS:
                start = m.start() + d.end()  # "Rx sent to Walgreens Lomas Blvd. Insurance: ...": a sentence ended
        if " " not in text[start:m.end()].strip():
            continue  # (the suffix alone is left)
        out.append(Span(start, m.end(), Label.ORGANIZATION, 0.8, "locations:org_suffix"))
    return out


def _role_at_spans(text: str, tokens: list[Token], cues: dict[str, list[int]] | None) -> list[Span]:
    """The place a person's role is held at: "She is a paralegal at Brennan, Whitcombe & Lau LLP", "works as
    a forklift operator at Chelsea Fruit" (capitalised names in mixed-case text only) → 0.7."""
    out: list[Span] = []
    clinical = lex.clinical_abbreviations()
    for m in _matches(_ROLE_AT, text, cues and cues["role_at"]):
        s = m.end()
        if _casing_at(tokens, s) != MIXED or (name := _org_name(text, s, _ORG_WORDS)) is None:
            continue
        value, first = name
        if (any(c.isdigit() for c in value) or first in FUNCTION_WORDS or first in clinical
                or first in lex.us_states() or _is_common(value.lower())):
            continue
        out.append(Span(s, s + len(value), Label.ORGANIZATION, 0.7, "locations:role_at"))
    return out


def _union_or_post_spans(text: str, lower: str) -> list[Span]:
    """Union locals and veterans' posts by their number (``_UNION_OR_POST``, ``_union_any_case``) → ORGANIZATION 0.8
    (``lower``: the lowercased text)."""
    found = [(m.start(), m.end()) for m in _UNION_OR_POST.finditer(text)] + _union_any_case(lower)
    return [Span(s, e, Label.ORGANIZATION, 0.8, "locations:union_or_post") for s, e in found
            if not any(w.lower() in lex.drug_names() for w in text[s:e].split())]  # "Lidocaine Local 2"


# a congregation of the Latter-day Saints by its number or place: a ward ("Orem 14th Ward", "Holladay 9th Ward", "Edgemont
# Fourth Ward", "BYU 112th Ward") or a stake ("Provo Utah North Stake"); not a hospital's ward ("Surgical 4th Ward",
# "West 2nd Ward": a kind of care or a direction first)
_CONGREGATION = re.compile(
    r"\b((?:[A-Z][A-Za-z'’-]*[ \t]+){1,3})(?:(?:\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth"
    r"|Ninth|Tenth|Eleventh|Twelfth)[ \t]+Ward|Stake)\b")
_NOT_A_CONGREGATION = frozenset("north south east west main the a at in of to from for and".split())


def _congregation_spans(text: str) -> list[Span]:
    """Wards and stakes of the Latter-day Saints (``_CONGREGATION``) → ORGANIZATION 0.8."""
    out = []
    for m in _CONGREGATION.finditer(text):
        words = m.group(1).split()
        lows = [w.lower() for w in words]
        if lows[0] in _NOT_A_CONGREGATION or any(w in _DEPARTMENT_WORDS for w in lows):
            continue
        out.append(Span(m.start(), m.end(), Label.ORGANIZATION, 0.8, "locations:congregation"))
    return out


# a public school by its number (New York's "PS 306", "P.S. 207", "I.S. 61", "JHS 22") after a word of school in the
# same sentence: "PS 10" alone is a ventilator's pressure support
_NUMBERED_SCHOOL = re.compile(r"\b(?:P\.[ \t]?S\.|PS|I\.[ \t]?S\.|IS|J\.H\.S\.|JHS|M\.S\.)[ \t]?\d{1,3}\b(?![./]\d)")
_SCHOOL_NUMBER = re.compile(r"S\.?[ \t]?\d{1,3}\b")  # where such a name ends: found first, the regex run only there
_SCHOOL_WORD = re.compile(
    r"(?i)\b(?:schools?|attends?|attended|attending|grade|graders?|students?|teachers?|kindergarten|pre-?k|enrolled|"
    r"aide|principal|classmates?)\b[^.;\n]{0,60}$")


def _numbered_school_spans(text: str) -> list[Span]:
    """Public schools by their number after a word of school in the sentence ("attends PS 55"), and the same school
    named again anywhere in the note ("a letter for PS 306") → ORGANIZATION 0.8."""
    found = [m for h in _SCHOOL_NUMBER.finditer(text)
             if (m := _NUMBERED_SCHOOL.search(text, max(0, h.start() - 6), h.end())) is not None and m.end() == h.end()]
    schools = {m.group() for m in found if _SCHOOL_WORD.search(text, max(0, m.start() - 160), m.start())}
    return [Span(m.start(), m.end(), Label.ORGANIZATION, 0.8, "locations:numbered_school") for m in found
            if m.group() in schools]


# a name's "of" and the place it serves, after an organization or a facility found without it: "Blue Cross Blue Shield"
# + " of Alabama", "Catholic Charities" + " of Oneida County", "Islamic Society" + " of Greater Worcester"
_OF_PLACE = re.compile(
    r"[ \t]+(?:of|OF)[ \t]+(?:the[ \t]+|THE[ \t]+)?(?:(?:Greater|GREATER|Metro|METRO|(?:North|South|NORTH|SOUTH)?(?:east|west|East|"
    r"West|EAST|WEST)?|Northern|Southern|Eastern|Western|Central|NORTHERN|SOUTHERN|EASTERN|WESTERN|CENTRAL)[ \t]+)?"
    r"(?P<place>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})"
)
_PLACE_TAILS = frozenset("county parish borough valley area region coast".split())


def _of_place_spans(text: str, spans: list[Span]) -> list[Span]:
    """The organizations and facilities of ``spans`` extended by "of" and a place the lexicons know (a state, a town
    of 2,000+ people, a county, "New England") when the name stops right before it; the longer span is added."""
    out: list[Span] = []
    for sp in spans:
        if sp.label not in (Label.ORGANIZATION, Label.HOSPITAL) or text[sp.end : sp.end + 4].lower() not in (" of ", "\tof "):
            continue
        m = _OF_PLACE.match(text, sp.end)
        if m is None:
            continue
        words = list(_WORD.finditer(m.group("place")))
        for k in range(len(words), 0, -1):
            name = " ".join(w.group() for w in words[:k]).rstrip(".,").lower()
            if (_is_state_name(name) or name in ("new england", "the midwest") or words[k - 1].group().lower() in _PLACE_TAILS
                    or any(pop >= 2_000 for _c, _s, pop in lex.cities().get(lex.fold(name), ()))):
                # the end of the k-th word in the text, its trailing stop or comma left out
                end = m.start("place") + words[k - 1].start() + len(words[k - 1].group().rstrip(".,"))
                out.append(Span(sp.start, end, sp.label, sp.score, sp.source + ":of_place"))
                break
    return out


# a community body named by its kind: "Khmer Family Mutual Aid Society", "Utica Tenant Defense Coalition", "American
# Kidney Fund", "Down Syndrome Association of Greater Portland" (in the dev notes 202 such names are PHI, 10 are not)
_ORG_HEADS = ("Society", "Charities", "Association", "Alliance", "Coalition", "Council", "Federation", "League", "Foundation",
              "Fund", "Network", "Collective", "Partners", "Committee", "Commission", "Ministries", "Cooperative")
_ORG_HEAD = re.compile(
    r"(?<![\w'’-])(?P<name>(?:[A-Z][\w'’.-]*[ \t]+(?:(?:of|for|and|on|&|the)[ \t]+)?){1,5}(?:" + "|".join(_ORG_HEADS) + r"))\b"
    r"(?P<of>[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})?"
)
# what a guideline's, a score's or a test's author is followed by: "American Heart Association guidelines", "Dutch
# Lipid Clinic Network score", "Controlled Oral Word Association test"
_ORG_HEAD_NOT_BEFORE = re.compile(
    r"[ \t]*(?:\(?[A-Z]{2,6}\)?[ \t]+)?(?:guidelines?|criteria|score|scale|classification|recommendations?|"
    r"consensus|statement|test|grade|grading|staging|definition|task)\b", re.I)
_SENTENCE_LEFT = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")


def _org_head_spans(text: str) -> list[Span]:
    """Organizations named by a capitalized phrase ending in a kind of body (``_ORG_HEADS``) → ORGANIZATION 0.75; a
    common word opening a sentence is left out ("Contacted Catholic Charities"), and a guideline's author is none."""
    out: list[Span] = []
    for m in _ORG_HEAD.finditer(text):
        end = m.end("of") if m.group("of") else m.end("name")
        if _ORG_HEAD_NOT_BEFORE.match(text, end):
            continue
        start = m.start()
        words = list(_WORD.finditer(text, start, m.end("name")))
        for k in range(len(words) - 1, 0, -1):
            if words[k - 1].group().endswith(".") and words[k - 1].group().lower() not in _ORG_ABBREVIATIONS:
                words = words[k:]  # "He moved to Boston. Khmer Family Mutual Aid Society": the name starts after the stop
                break
        while len(words) > 1:
            w = words[0].group()
            at_sentence_start = _SENTENCE_LEFT.search(text, max(0, words[0].start() - 3), words[0].start())
            if not (at_sentence_start and _is_common(w.lower()) and w.lower() not in ("the", "american", "national")):
                break
            words.pop(0)
        s = words[0].start()
        if len(words) < 2:
            continue
        out.append(Span(s, end, Label.ORGANIZATION, 0.75, "locations:org_head"))
    return out


# a body's kind before what it is "of" or "for", with no name before it: "Association of Puerto Rican Veterans",
# "Committee for Public Counsel Services", "Alliance for Aging" (a capitalized word before the kind is ``_ORG_HEAD``'s)
_ORG_HEAD_FIRST = re.compile(
    r"(?<![\w'’.-])(?<![A-Z][\w'’-] )(?:" + "|".join(_ORG_HEADS) + r")[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?"
    r"[A-Z][\w'’.-]*(?:[ \t]+(?:(?:of|and|&|de|the)[ \t]+)?[A-Z][\w'’.-]*){0,4}"
)
# a name in capitals that ends in a body's kind or a business's suffix: "CLINCH RIVER BLACK LUNG ASSOCIATION",
# "CUMBERLAND GAP COAL COMPANY", "SAGEBRUSH MUTUAL INSURANCE COMPANY", "ANALOG DEVICES INC"
_CAPS_BODY_KINDS = tuple(h.upper() for h in _ORG_HEADS) + (
    "COMPANY", "CORPORATION", "CORP", "INC", "LLC", "LLP", "PLLC", "INDUSTRIES", "ENTERPRISES", "MANUFACTURING",
    "LOGISTICS", "TRUCKING", "CONSTRUCTION")
_CAPS_BODY_KIND = re.compile(r"(?<![\w'’-])(?:" + "|".join(_CAPS_BODY_KINDS) + r")\b\.?")
_CAPS_WORD_BEFORE = re.compile(r"(?:(?<=[ \t])|^)([A-Z0-9][A-Z0-9'’&-]*)[ \t]+$")


def _org_head_first_spans(text: str) -> list[Span]:
    """A body named by its kind first and what it serves after "of"/"for" (``_ORG_HEAD_FIRST``) → ORGANIZATION 0.75;
    it ends before a word ending a sentence's stop, and a guideline's or a score's author is none."""
    out: list[Span] = []
    for m in _ORG_HEAD_FIRST.finditer(text):
        words = list(_WORD.finditer(text, m.start(), m.end()))
        for k, w in enumerate(words[:-1]):
            if w.group().endswith(".") and w.group().lower() not in _ORG_ABBREVIATIONS:
                words = words[: k + 1]
                break
        end = words[-1].end()
        while end > m.start() and text[end - 1] in ".,;:":
            end -= 1
        if len(words) < 3 or _ORG_HEAD_NOT_BEFORE.match(text, end):
            continue
        out.append(Span(m.start(), end, Label.ORGANIZATION, 0.75, "locations:org_head"))
    return out


def _caps_body_spans(text: str) -> list[Span]:
    """A name in capitals ending in a body's kind or a business's suffix (``_CAPS_BODY_KIND``) → ORGANIZATION 0.75:
    up to four words in capitals before it on its line, none a function word or ending in a stop, one of them no
    common word ("PANCREAS TRANSPLANT SELECTION COMMITTEE", "PLEASANT AND COOPERATIVE", "NO INSURANCE" are none)."""
    out: list[Span] = []
    for m in _CAPS_BODY_KIND.finditer(text):
        start, names = m.start(), []
        while len(names) < 4:
            w = _CAPS_WORD_BEFORE.search(text, max(0, start - 40), start)
            if w is None or w.group(1).lower() in FUNCTION_WORDS or not any(c.isalpha() for c in w.group(1)):
                break
            names.append(w.group(1))
            start = w.start(1)
        if not names or all(_is_common(n.lower()) for n in names):
            continue
        if _ORG_HEAD_NOT_BEFORE.match(text, m.end()):
            continue
        out.append(Span(start, m.end(), Label.ORGANIZATION, 0.75, "locations:org_head"))
    return out


# a public or emergency service named by the words before its kind: "Empress EMS", "EMPRESS EMS", "Hatzolah Ambulance",
# "CALIFORNIA HIGHWAY PATROL", "Mexican Consulate"
_SERVICE_NAME_KIND = re.compile(
    r"(?<![\w'’-])(?:EMS|Ambulance|AMBULANCE|Highway[ \t]+Patrol|HIGHWAY[ \t]+PATROL|State[ \t]+Police|STATE[ \t]+POLICE|"
    r"Consulate|CONSULATE)(?![\w'’-])")
_SERVICE_NAME_WORDS = re.compile(r"(?:(?:[A-Z][a-z][\w'’&-]*|[A-Z][A-Z'’&-]+)[ \t]+){1,3}$")  # the words before the kind


_NAMED_SERVICE_KEYS = ("EMS", "mbulance", "MBULANCE", "atrol", "ATROL", "olice", "OLICE", "onsulate", "ONSULATE")


def _named_service_spans(text: str) -> list[Span]:
    """A named ambulance service, highway patrol, state police or consulate (``_SERVICE_NAME_KIND`` after
    ``_SERVICE_NAME_WORDS``) → ORGANIZATION 0.8:
    the words before the kind are written alike (capitalized or in capitals), and none is a function, stop or clinical
    word ("arrived via EMS", "Pt BIBA EMS", "PER EMS" are none); the first word may be a place ("CALIFORNIA")."""
    out: list[Span] = []
    for k in _SERVICE_NAME_KIND.finditer(text):
        m = _SERVICE_NAME_WORDS.search(text, max(0, k.start() - 60), k.start())
        if m is None:
            continue
        words = list(re.finditer(r"\S+", m.group()))
        while words and _not_a_service_name(words[0].group()):
            words = words[1:]  # "Pt transported by Empress EMS": the name starts after the last plain word
        names = [w.group() for w in words]
        if not names or any(_not_a_service_name(w) for w in names):
            continue
        kind = k.group()
        if len({w.isupper() for w in names}) > 1 or (kind != "EMS" and names[-1].isupper() != kind.isupper()):
            continue  # "Call EMS", "SEEN BY Ambulance": the name and its kind are written alike
        out.append(Span(m.start() + words[0].start(), k.end(), Label.ORGANIZATION, 0.8, "locations:named_service"))
    return out


def _not_a_service_name(word: str) -> bool:
    """A function, stop or clinical word, or a clinical abbreviation ("via", "PER", "BIBA"): no part of a service's name."""
    return _is_common_word(word.lower()) or word.lower() in lex.clinical_abbreviations()


# a town's or a county's police, fire or ambulance service: "Haverhill PD", "Ovilla VFD", "Texas DPS", "HAMMOND FIRE
# DEPT", "bedford pd", "Tri-County EMS"; the place must be one the lexicons know (a lowercase one a town of 10,000+)
_SERVICE_KIND = re.compile(
    r"(?<![\w'’-])(?:PD|P\.D\.|FD|VFD|EMS|DPS|(?:Police|POLICE|Fire|FIRE|Sheriff|SHERIFF)(?:['’]?[sS])?(?:[ \t]+(?i:"
    r"dep(?:artmen)?t\.?|office|district|&[ \t]+rescue|and[ \t]+rescue|rescue))?|pd|ems)(?![\w'’-])"
)
_SERVICE_KEYS = (" PD", " pd", "P.D.", " FD", " VFD", " EMS", " ems", " DPS", "Police", "POLICE", "Fire", "FIRE", "Sheriff",
                 "SHERIFF")
_COUNTY_WORDS = frozenset({"county", "parish", "co", "co.", "cnty"})
_PLACE_BEFORE = re.compile(r"(?<![\w'’-])(?:(?:[A-Z][a-z]{0,2}\.|[A-Za-z][\w'’-]*(?:\.[\w'’-]+)*)[ \t]+){1,3}$")
# (a word may end in a full stop only as a short abbreviation: "Ft. Worth PD", not "Tri-County EMS. Activated EMS")


def _service_spans(text: str) -> list[Span]:
    """A police, fire or ambulance service named by its place → ORGANIZATION 0.8 (see ``_SERVICE_KIND``)."""
    out: list[Span] = []
    for m in _SERVICE_KIND.finditer(text):
        place = _PLACE_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if place is None:
            continue
        kind = m.group()
        words = list(_WORD.finditer(place.group()))
        if len(kind) > 4 and kind[1:2].islower() and not words[-1].group()[0].isupper():
            continue  # "the Fire Dept" needs its name
        for w in words:
            if w.group().lower() in FUNCTION_WORDS:
                continue  # "TRANSFERRED TO PD": no place's name
            name = place.group()[w.start() :].strip().lower()
            county = words[-1].group().lower() in _COUNTY_WORDS or name.startswith("tri-county")
            pops = [pop for _c, _s, pop in lex.cities().get(lex.fold(name), ())]
            state = _is_state_name(name)
            if w.group().islower():
                # "bedford pd"; "campbell co ems": a county the lexicons know
                found = (kind == "pd" and max(pops, default=0) >= 10_000) or (
                    county and len(words) > 1 and name.rsplit(" ", 1)[0] in lex.us_counties())
            else:
                found = w.group()[0].isupper() and kind != "pd" and bool(pops or county or state)
            if found:
                out.append(Span(place.start() + w.start(), m.end(), Label.ORGANIZATION, 0.8, "locations:service"))
                break
    return out
