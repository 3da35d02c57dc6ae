"""Places: hospitals and other care facilities, cities, states, countries and organizations.

Three sources of evidence, as for names:

- **gazetteers** matched with one Aho-Corasick pass over the lowercased text (CMS hospitals, cities,
  states, countries); a place name that is also a common word ("Mobile", "Hope", "Reading") needs
  capitalization in a mixed-case line or a cue;
- **facility shapes**: capitalized words (or, in lowercase/ALL CAPS lines, lexicon words) ending in a
  facility keyword — "Mount Auburn Hospital", "St. Elizabeth's Medical Center", "newton wellesley
  rehab" — and hospital abbreviations ("MGH", "BIDMC");
- **cues**: "lives in", "from", "transferred from", "admitted to", "seen at", "moved to", and the
  "City, ST" / "City, State" shape;
- **military service**: branches ("U.S. Army", "USMC"), units by their shape (ordinal + unit word: "1st Cavalry
  Division", "3rd Battalion, 5th Marines") and, in a note about service, bases ("Fort X", "Camp X", "X Airfield",
  "X Air Force Base") and provinces ("X Province").
"""

from __future__ import annotations

import itertools
import re
import string
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import compress, count

import ahocorasick

from medveil import lexicons as lex
from medveil.detect.names import FUNCTION_WORDS, INSTRUMENT_HEADS, word_info
from medveil.detect.patterns import is_ocr_number
from medveil.detect.text import LOWER as LOWER_CASE
from medveil.detect.text import MIXED, UPPER, Token, token_lowers, token_starts, tokenize
from medveil.document import Document, Span
from medveil.labels import Label

PLACE_CUES = frozenset(
    {
        "in", "from", "to", "at", "near", "of", "lives", "living", "resides", "resident", "moved", "born",
        "native", "visiting", "vacation", "trip", "home", "travel", "traveled", "travelled", "returned",
    }
)
FACILITY_CUES = frozenset(
    {
        "transferred", "transfer", "tx", "admitted", "admit", "seen", "followed", "rehab", "osh", "hospital",
        "discharged", "d/c", "dc'd", "sent", "going", "presented", "ed", "er", "via", "at", "from", "to",
    }
)
_MIN_CITY_POP_US = 2_000
_MIN_CITY_POP_WORLD = 150_000


@lru_cache(maxsize=100_000)
def _is_common(word: str) -> bool:
    """A word that is too common in English or clinical prose to be a place by itself (cached: the lexicons are fixed)."""
    return lex.word_frequency(lex.fold(word)) >= 4.0 or _is_common_word(word)


def _is_common_word(word: str) -> bool:
    """``_is_common`` without the frequency test: a function, stop or clinical word."""
    key = lex.fold(word)
    if key in FUNCTION_WORDS or key in lex.stop_words() or key in lex.clinical_abbreviations():
        return True
    counts = lex.clinical_word_counts().get(key)
    return counts is not None and counts[0] >= 3


# --- letterheads -----------------------------------------------------------------------------------------------
# A practice or facility named alone on a line at the top of a note, over or under the document's title:
# "Meadowlark Wound Healing Center", "Dermatology Associates of Greater Lansing", "St. Brendan's Heart & Vascular",
# "Prairie Lakes Dialysis - Eastside Unit". The line's words are all capitalised (or connectors), one is a facility
# or trade word and one is a proper word (neither common nor a department's); "WOUND CARE - PROGRESS NOTE" has none.
_LETTERHEAD_LINES = 4  # lines read from the top (``_top_lines``: those that start with a letter)
_COLUMN_GAP = re.compile(r"[ \t]{2,}|\t")
_LETTERHEAD_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|&|,|-")
_LETTERHEAD_CONNECTORS = frozenset({"&", "and", "of", "the", "for", "at", "de", "del", "la", ",", "-"})
_LETTERHEAD_SUFFIXES = frozenset({"p.c.", "pc", "pllc", "llc", "inc", "inc.", "pa", "p.a."})
_LETTERHEAD_KEYS = frozenset(
    """center centre clinic hospital institute associates group partners practice surgery surgeons dialysis health
    medical healthcare physicians vascular orthopedics orthopaedics pediatrics medicine care""".split()
)
# words that make a practice's name only above its street address ("DESERT SKY GASTROENTEROLOGY" / "2250 East Camelback
# Road"): a specialty or a kind of practice, which alone on a line is a department or a heading
_ADDRESSED_LETTERHEAD_KEYS = frozenset(
    """gastroenterology neurology cardiology dermatology rheumatology urology oncology hematology nephrology pulmonology
    endocrinology ophthalmology otolaryngology psychiatry podiatry allergy specialists consultants program imaging
    infusion counseling dental dentistry endodontics orthodontics therapy rehabilitation services""".split()
)
_UNIT_OF_WORDS = frozenset({"department", "dept", "division", "section", "unit", "service", "services", "program"})
# a street address opening the next line: a house number, then a capitalized word
_ADDRESS_LINE_AFTER = re.compile(r"[ \t]*\n[ \t]*\d{1,6}[A-Za-z]?[ \t]+[A-Z]")


# a document's title, never a facility's name: "MOHS MICROGRAPHIC SURGERY NOTE", "WOUND CARE - PROGRESS NOTE"
_DOCUMENT_TITLE_WORDS = frozenset(
    """note notes report summary record consult consultation evaluation assessment letter form interrogation
    procedure progress discharge admission referral request order orders instructions flowsheet log sheet visit
    encounter history exam examination update plan meeting follow-up followup f/u intake review""".split()
)


def _top_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a note's first 800 characters that start with a letter and hold 4-81 characters, as (offset,
    line without its outer spaces)."""
    pos = 0
    for raw in text[:800].split("\n"):
        value = raw.strip(" \t")
        if 4 <= len(value) <= 81 and value[0].isalpha():
            yield pos + raw.index(value[0]), value
        pos += len(raw) + 1


def _letterhead_spans(text: str) -> list[Span]:
    """A facility named alone on one of the first lines (``_top_lines``) → HOSPITAL 0.8; a part after " - " is kept
    only when it holds a proper word too ("Prairie Lakes Dialysis - Eastside Unit", not "… - NEONATAL ICU")."""
    out: list[Span] = []
    for line_start, value in itertools.islice(_top_lines(text), _LETTERHEAD_LINES):
        # up to a column gap ("… Eastside Unit       Chair 7") or a bracket ("Kessler Institute (West Orange)")
        line = _COLUMN_GAP.split(value, 1)[0].split("(", 1)[0].rstrip()
        addressed = line == value and _ADDRESS_LINE_AFTER.match(text, line_start + len(value)) is not None
        if ":" in line or any(w.lower() in _DOCUMENT_TITLE_WORDS for w in _LETTERHEAD_WORD.findall(line)):
            continue  # a field, or the document's title ("DIALYSIS UNIT - SOCIAL WORK NOTE")
        parts = re.split(r"[ \t]+-[ \t]+", line)
        end = line_start
        found = False
        for part in parts:
            words = _LETTERHEAD_WORD.findall(part)
            if not words or len(words) > 9:
                break
            lows = [w.lower().rstrip(",") or w for w in words]  # a comma stays a comma (a connector)
            capitalised = all(w[0].isupper() or low in _LETTERHEAD_CONNECTORS or low in _LETTERHEAD_SUFFIXES
                              for w, low in zip(words, lows, strict=True))
            keyed = any(low.rstrip("'’s") in _LETTERHEAD_KEYS or low in _LETTERHEAD_KEYS for low in lows) or (
                addressed and len(parts) == 1 and any(low in _ADDRESSED_LETTERHEAD_KEYS for low in lows))
            proper = any(not _is_common(low.strip("'’s.")) and low not in _DEPARTMENT_WORDS and low not in _LETTERHEAD_CONNECTORS
                         and low not in lex.clinical_word_counts() and low not in lex.medical_terms()
                         and len(low) > 2 and low not in _LETTERHEAD_SUFFIXES and not low.startswith(("dr", "md"))
                         for low in lows)
            # above a street address a word that names rather than describes will do ("COASTAL HEAD & NECK SURGERY, P.C.",
            # "DESERT SKY GASTROENTEROLOGY"; not "Division of Rheumatology", "Breast Oncology Program")
            named = addressed and len(parts) == 1 and any(
                low not in _DEPARTMENT_WORDS and low not in _ADDRESSED_LETTERHEAD_KEYS and low not in _LETTERHEAD_KEYS
                and low not in _LETTERHEAD_CONNECTORS and low not in _LETTERHEAD_SUFFIXES and low not in _UNIT_OF_WORDS
                and low not in lex.clinical_word_counts() and low not in lex.medical_terms() for low in lows)
            if not capitalised or not ((proper or named) and (keyed or found)):
                break
            found = found or keyed
            end = line_start + line.index(part) + len(part.rstrip(" ,"))
        if found and end > line_start:
            out.append(Span(line_start, end, Label.HOSPITAL, 0.8, "locations:letterhead"))
    return out


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


# The word-start form of a text: ASCII letters, digits and "_" stay, every other character becomes
# _MARK, and one _MARK goes in front. A place name starts after a non-word character, so in this form
# it starts with _MARK.
_MARK = "\x01"
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")
_WORD_START_BYTES = bytes(c if chr(c) in _ASCII_WORD else ord(_MARK) for c in range(256))


def _word_start_form(lower: str) -> str:
    """The word-start form of ``lower`` (see above): one character longer, offsets shifted by one."""
    return _MARK + lower.encode("ascii", "replace").translate(_WORD_START_BYTES).decode("ascii")


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


_VISITED = re.compile(
    r"\b(?:admitted|seen|treated|evaluated|followed|operated|presented|presenting|transferred|transfer|"
    r"discharged|cared for|hospitalized|visited|referred|managed|delivered|born|underwent \w+)[ \t]+(?:at|to|from|in)[ \t]+"
    r"(?:the[ \t]+)?((?:(?:St|Mt|Ft)\.?[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'’.-]*){0,4})"
)
# kinds of care that qualify a center or institute ("Cedar Hollow Recovery Center", "Great Lakes Epilepsy Center");
# alone they name a department (``_DEPARTMENT_WORDS``: "the Sleep Center")
_CARE_KINDS = frozenset("""recovery epilepsy sleep memory birth birthing fertility hearing autism counseling treatment addiction
    detox crisis neuroscience neurology neurological liver lung digestive vein skin disorders oncology hematology cardiology
    radiology pain dental women's children's""".split())
# words that name a department of any hospital, not a place ("the Emergency Room", "Pulmonary Clinic", "HF Clinic"):
# a name made only of them names no place
_DEPARTMENT_WORDS = frozenset(
    """emergency room department dept intensive care unit units recovery operating labor labour and delivery clinic
    clinics outpatient inpatient pain management day surgery surgical trauma neonatal pediatric paediatric cardiac
    coronary critical step-down stepdown ward floor service services team rehabilitation rehab dental vascular
    urology radiology endoscopy suite lab laboratory pharmacy internal medicine primary pulmonary heart failure hf chf
    adult medical renal wound infectious disease diseases gi ent ob gyn behavioral mental specialty allergy
    anesthesia cardiology dermatology endocrinology gastroenterology geriatrics gynecology hematology hepatology
    nephrology neurology neurosurgery obstetrics oncology ophthalmology orthopedics otolaryngology pathology
    pediatrics podiatry psychiatry pulmonology rheumatology palliative hyperbaric hemodialysis infusion transplant
    residential""".split()
) | _CARE_KINDS
# what a department of any hospital is also named by ("Family Medicine", "GERIATRIC PRIMARY CARE", "PTSD CLINIC")
_DEPARTMENT_QUALIFIERS = frozenset(
    """family geriatric adolescent ptsd refugee travel memory sleep movement device genetics neurogenetics
    women's womens men's headache epilepsy stroke diabetes lipid bariatric""".split()
)
# abbreviations with a period inside a place's name ("St. Luke's", "Mt. Sinai", "Smith Co. Hospital")
_NAME_ABBREVIATIONS = frozenset({"st", "mt", "ft", "dr", "jr", "sr", "co", "inc", "ste", "univ", "ctr", "hosp", "med"})
_LIVES_IN = re.compile(
    r"(?i)\b(?:(?:lives?|living|resides?|residing|moved|relocated|born|grew up|native|visiting|emigrated|immigrated|home)"
    r"(?:[ \t]+(?:alone|here|back|with(?:[ \t]+[\w'’]+){1,4}?))?(?:[ \t]+in[ \t]+an?[ \t]+(?:apartment|house|home|condo|trailer))?"
    r"[ \t]+(?:in|to|from|at|of)|in from|originally from|is from|comes from|"
    r"came from|visiting from|hails from|flew in from|drove in from|up from|down from)[ \t]+(?:the[ \t]+)?"
)
_WARD = re.compile(
    r"(?i)\b(?:to|from|on|at)[ \t]+([^\W\d_][\w'’\-]+)[ \t]+(?:\d{1,2}(?![\d:/.\-s'’]|[ \t]*(?:am|pm|mg|units?|ml|cc|%|hours?|hrs?|days?|min|x)\b)"
    r"|(?:east|west|north|south)\b)"
)
# care roles and services that follow the same verbs but are not places ("referred from PCP", "records from OSH")
_CARE_ROLES = frozenset("osh pcp ems ent gyn ep hospice".split())


def _term_abbreviation(key: str) -> bool:
    """A lowercase word that abbreviates no facility where one may stand: clinical shorthand, a stop or function
    word, a US state, a care role ("from OSH", "seen in ENT clinic")."""
    return (key in lex.clinical_abbreviations() or key in lex.stop_words() or key in FUNCTION_WORDS
            or key in lex.us_states() or key in _CARE_ROLES)
_PART_HEADS = frozenset("junction junctions joint joints line lines tube valve level levels region lobe segment space".split())
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")
# the words _TRANSFER_ABBREV starts with: its regex pass is tried where they are, and a note holding none
# of them is skipped
_TRANSFER_KEYS = ("transfer", "tx", "admitted", "readmitted", "seen", "sent", "came", "arrived", "presented", "discharged",
                  "followed", "referred", "referral", "records", "films", "imaging", "images", "ct", "mri")
_TRANSFER_ABBREV = re.compile(
    r"(?i)\b(?:transferred|transfer|tx'?d|admitted|readmitted|seen|sent|came|arrived|presented|discharged|followed|"
    r"referred|referral|records|films|imaging|images|ct|mri)"
    r"(?:[ \t]+(?:back|here|over|up))?(?:[ \t]+|[ \t]*\n[ \t]*)(?:from|to|at|in)[ \t]+(?:the[ \t]+)?([a-z]{2,6})\b(?![ \t]*(?:/|-\w))"
)
_VISITED_KEYS = ("admit", "seen", "treat", "evaluat", "follow", "operat", "present", "transfer", "discharg", "cared",
                 "hospitali", "visit", "referr", "manag", "deliver", "born", "underwent")
_LIVES_IN_TRIGGERS = frozenset(
    """live lives living resides reside residing moved relocated born grew native visiting emigrated immigrated
    home in originally is comes came hails flew drove up down""".split()
)
# triggers whose only shape in _LIVES_IN is "<trigger> from"
_FROM_ONLY = frozenset({"in", "is", "up", "down"})
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
# a court: its kind before "Court", named by the place before it or after "of" ("Kings County Supreme Court", "NY County
# Criminal Court", "Brooklyn Mental Health Court", "Superior Court of New Jersey", "Ellis County Court at Law")
_COURT_KINDS = (r"supreme|superior|district|criminal|family|juvenile|probate|municipal|circuit|county|city|housing|drug|"
                r"treatment|recovery|mental[ \t]+health|surrogate'?s|civil|federal|bankruptcy|veterans|youth|community|justice")
_COURT = re.compile(
    r"(?i)\b(?P<name>(?:[a-z][\w'-]*[ \t]+){0,3}?)(?P<kinds>(?:(?:" + _COURT_KINDS + r")(?:[ \t]+(?:and|&)[ \t]+|[ \t]+))+)court\b"
    r"(?P<of>[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?(?:[a-z][\w'.-]*)(?:[ \t]+[a-z][\w'.-]*){0,2})?")


_WORD = re.compile(r"\S+")


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


def _title_or_upper(*phrases: str) -> str:
    """A regex alternation of the phrases, each as written and in capitals, blanks between words."""
    forms = [p for phrase in phrases for p in (phrase, phrase.upper())]
    return "|".join(r"[ \t]+".join(w for w in f.split()) for f in forms)


# Spanish names of facilities and organizations, the head word first: "Clínica Santa María", "Centro de Salud Familiar
# La Fe", "Farmacia San José", "Iglesia Pentecostal Monte Sion", "Parroquia San Patricio", "Hospital del Niño".
# "Hospital" alone opens English headers ("Hospital Course:"): only before a Spanish word
_ES_HOSPITAL_HEADS = _title_or_upper("Cl[ií]nica", "Policl[ií]nica", "Sanatorio", "Consultorio", "Centro M[ée]dico", "Centro de Salud")
_ES_ORG_HEADS = _title_or_upper("Farmacia", "Iglesia", "Parroquia", "Capilla", "Escuela", "Colegio", "Universidad")
_ES_HOSPITAL_AFTER = _title_or_upper("San", "Santa", "Santo", "del", "de la", "de los", "Universitario", "Metropolitano", "Municipal",
                                     "Pedi[aá]trico", "Infantil", "Nacional")
_ES_NAME_WORDS = r"(?:[ \t]+(?:(?:de|del|la|las|los|y|el|DE|DEL|LA|LAS|LOS|Y|EL)[ \t]+)*[A-ZÁÉÍÓÚÑ][\w'’-]*)"
_ES_FACILITY = re.compile(
    rf"\b(?:(?:La|El|LA|EL)[ \t]+)?(?:(?P<hosp>{_ES_HOSPITAL_HEADS})|(?P<hosp2>Hospital|HOSPITAL)(?=[ \t]+(?:{_ES_HOSPITAL_AFTER})\b)"
    rf"|(?P<org>{_ES_ORG_HEADS})){_ES_NAME_WORDS}{{1,6}}"
)
# (substrings a text must hold for the pass to run: "Cl" alone is in every English "Clinic", "Hospital" in every note)
_ES_HEAD_HINTS = ("Clínica", "Clinica", "CLÍNICA", "CLINICA", "Policl", "POLICL", "Sanatorio", "SANATORIO", "Consultorio",
                  "CONSULTORIO", "Centro", "CENTRO", "Hospital S", "Hospital d", "Hospital U", "Hospital M", "Hospital P",
                  "Hospital I", "Hospital N", "HOSPITAL S", "HOSPITAL D", "HOSPITAL U", "HOSPITAL M", "HOSPITAL P", "HOSPITAL I",
                  "HOSPITAL N", "Farmacia", "FARMACIA", "Iglesia", "IGLESIA", "Parroquia", "PARROQUIA", "Capilla", "CAPILLA",
                  "Escuela", "ESCUELA", "Colegio", "COLEGIO", "Universidad", "UNIVERSIDAD")
_ES_HEAD_HINT = re.compile("|".join(map(re.escape, _ES_HEAD_HINTS)))


def _spanish_facility_spans(text: str) -> list[Span]:
    """Spanish facility and organization names, head word first (after "La" or "El") → HOSPITAL or ORGANIZATION 0.8.
    The name ends at the first lowercase word that joins none ("Clínica Santa María in Madrid")."""
    out = []
    for m in _ES_FACILITY.finditer(text):
        end = m.end()
        last = text.rfind(" ", m.start(), end) + 1
        if text[last:end].isupper() and not text[m.start():last].isupper():
            end = last - 1  # "Clínica Esperanza del Valle HIV program": a word in capitals after a name in mixed case
        label = Label.ORGANIZATION if m.group("org") else Label.HOSPITAL
        out.append(Span(m.start(), end, label, 0.8, "locations:spanish_facility"))
    return out


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


# a road by its number: "County Rd 14", "Hwy 264 & Route 191", "State Route 32"; short forms only after a word of place or
# travel ("on FM 664", "off CR 350 N", "driving on rt 128"), never "SR 72" (sinus rhythm), "RM 14" (a room) or "the US 2012"
_NUMBERED_ROAD = re.compile(
    r"\b(?:(?P<long>(?i:county[ \t]+(?:road|rd\.?)|state[ \t]+(?:route|road|rte\.?|highway|hwy\.?)|highway|hwy\.?|"
    r"us[ \t]+(?:route|highway|hwy\.?)))|(?P<cue>(?i:on|off|along|via|near|from|to|at|down|up|onto|past|crossing)[ \t]+"
    r"(?:the[ \t]+)?)(?P<short>(?i:route|rte\.?|rt\.?)|CR|FM|US(?=[ \t]*\d{1,3}\b)))[ \t]*#?(?P<num>\d{1,4}[A-Z]?)\b"
    r"(?P<dir>[ \t]+(?:[NSEW]|North|South|East|West|NORTH|SOUTH|EAST|WEST)\b(?![-/]))?"
)
_ROAD_WORDS = frozenset({"road", "rd", "route", "rte", "rt", "highway", "hwy", "cr", "fm", "us"})
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


# an interstate highway by its short form ("MVC on I-83 southbound", "SCENE: I-580 EB", "the I-25 median"): after a
# word of place or travel, or before a direction or a part of the road. Not a pedigree's member ("I-2 (PGM)", one
# digit), an isotope ("I-131 therapy") or an immigration form ("per I-94", "I-693 exam")
_INTERSTATE = re.compile(
    r"(?P<cue>\b(?:on|off|onto|via|along|from|near|at|to|scene:|the)[ \t]+)?(?<![\w/.-])I-(?P<num>\d{2,3})(?![\w%/.-]|\.\d)"
    r"(?P<after>[ \t]+(?:[NSEW]B?|north|south|east|west|(?:north|south|east|west)bound|median|exit|shoulder|overpass|"
    r"bridge|ramp|near|at[ \t]+(?:mile|mm|exit)|mm|mile)\b)?", re.I)
_NOT_INTERSTATES = frozenset({"20", "94", "123", "124", "125", "129", "130", "131", "134", "140", "485", "589", "693",
                              "751", "765", "864"})  # isotopes of iodine and USCIS forms (I-94 is also a road: cued)


def _interstate_spans(text: str) -> list[Span]:
    """Interstate highways written "I-83" → STREET 0.8 (``_INTERSTATE``)."""
    out = []
    for m in _INTERSTATE.finditer(text):
        if m.group("after") is not None or (m.group("cue") is not None and m.group("num") not in _NOT_INTERSTATES):
            out.append(Span(m.start("num") - 2, m.end("num"), Label.STREET, 0.8, "locations:interstate"))
    return out


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

# a department or service of a hospital after its acronym: "GMH Cardiology", "BLUMC Diabetes Center" (the pass
# finds the department words with the place names, then looks back for the acronym)
_DEPARTMENTS = ("cardiology", "sleep lab", "echo lab", "cath lab", "anticoagulation clinic", "diabetes center",
                "cancer center", "cancer institute", "oncology", "radiology", "pathology", "emergency dept",
                "emergency department", "emergency room", "urgent care", "dialysis", "rehab", "transplant", "neurology",
                "endocrinology", "pulmonology", "psychiatry", "pediatrics", "orthopedics", "imaging", "family medicine",
                "family practice", "primary care", "main campus", "hospital", "medical center")
# the first word of each department: where the place-name scan sends the pass
_DEPARTMENT_KEYS = tuple(dict.fromkeys(d.split()[0] for d in _DEPARTMENTS))
_DEPARTMENT = re.compile(r"(?i:" + "|".join(d.replace(" ", r"[ \t]+") for d in _DEPARTMENTS) + r")\b")
_ACRONYM_BEFORE = re.compile(r"\b([A-Z]{3,6})[ \t]+$")

# The words each regex pass starts with (lowercase), found with the place names (``_scan``): a pass
# then tries its regex at those offsets only, instead of scanning the whole note. Every regex starts
# with \b, so its words start after a non-word character.
_PASS_CUES: dict[str, tuple[str, ...]] = {
    "transfer": _TRANSFER_KEYS,
    "visited": _VISITED_KEYS,
    "works_at": _WORKS_AT_KEYS,
    "org_suffix": ("sons", "inc", "llc", "llp", "pllc", "l.l.c", "corp", "co.", "company", "construction", "trucking", "landscaping",
                   "enterprises", "industries", "authority", "department", "district", "bank", "insurance",
                   "manufacturing", "logistics"),
    "ward": ("to ", "to\t", "from ", "from\t", "on ", "on\t", "at ", "at\t"),
    "department": _DEPARTMENT_KEYS,
    "role_at": ("is ", "is\t", "was ", "was\t", "as ", "as\t", "became "),
}


@lru_cache(maxsize=1)
def _word_start_automaton() -> ahocorasick.Automaton:
    """Word-start form → (offset back to the word's start, [(place name, length, label, ambiguous)], names of the passes it cues).

    A hit in the word-start form of a note (with a _MARK at its end too) is a candidate
    (punctuation and non-ASCII letters all became _MARK): callers compare a place name with the
    lowercase text, and a pass runs its regex. Every key starting with _MARK keeps the automaton
    near its root inside words, so the scan takes half the time of a plain automaton over the
    lowercase text. A place name's key also ends with a _MARK: a name followed by an ASCII letter,
    digit or "_" is no word and never found.
    """
    places: dict[str, list[tuple[str, int, str, bool]]] = {}
    for key, (label, ambiguous) in _gazetteer_entries().items():
        places.setdefault(_word_start_form(key) + _MARK, []).append((key, len(key), label, ambiguous))
    cues: dict[str, set[str]] = {}
    for name, words in _PASS_CUES.items():
        for word in words:
            cues.setdefault(_word_start_form(word), set()).add(name)
    auto = ahocorasick.Automaton()
    for form in places.keys() | cues.keys():
        auto.add_word(form, (len(form) - 1, places.get(form, []), tuple(sorted(cues.get(form, ())))))
    auto.make_automaton()
    return auto


def _text_offsets(text: str) -> list[int | None]:
    """For each offset of ``text.lower()`` (and its end), the offset of ``text`` it stands for.

    None inside the lowercase form of a character that lowercases to more than one ("İ" → "i̇"):
    no offset of ``text`` stands there.
    """
    at: list[int | None] = []
    for i, c in enumerate(text):
        at.append(i)
        at.extend([None] * (len(c.lower()) - 1))
    at.append(len(text))
    return at


def _scan(text: str, lower: str) -> tuple[list[tuple[int, int, str, bool]], dict[str, list[int]] | None]:
    """The place names in ``lower`` (``text.lower()``) and where each regex pass may match, in one scan.

    Place names are (start, end, label, ambiguous) in ``text``: every name that starts after a
    non-word character, and maybe others (the caller keeps names on word boundaries). Each pass gets the
    sorted offsets of its cue words (one ending the note may be there with no space after it: the
    regex decides), or None when they could miss a match in ``text``: when
    lowercasing changed the length ("İ") or the text holds "ı" or "ſ", which a case-insensitive
    regex reads as "i" and "s".
    """
    if len(lower) != len(text):
        # the plain scan over ``lower``, its offsets taken back to ``text``
        at = _text_offsets(text)
        places = []
        for e, (length, label, amb) in _gazetteer().iter(lower):
            s, e = at[e + 1 - length], at[e + 1]
            if s is not None and e is not None:
                places.append((s, e, label, amb))
        return places, None
    places = []
    cues: dict[str, list[int]] = {name: [] for name in _PASS_CUES}
    for e, (back, names, passes) in _word_start_automaton().iter(_word_start_form(lower) + _MARK):
        # ``e`` is the last index of the hit in the form; the form's offsets are one more than in ``lower``
        s = e - back
        for key, length, label, ambiguous in names:
            if lower.startswith(key, s):
                places.append((s, s + length, label, ambiguous))
        for name in passes:
            cues[name].append(s)
    if "ı" in text or "ſ" in text:
        return places, None
    for offsets in cues.values():
        offsets.sort()
    return places, cues


def _matches(rx: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, trying ``rx`` only at ``starts`` (sorted) when given.

    ``starts`` must hold every offset where ``rx`` can match: the offsets of its first words.
    """
    if starts is None:
        yield from rx.finditer(text)
        return
    end = -1
    for s in starts:
        if s >= end and (m := rx.match(text, s)) is not None:
            end = m.end()
            yield m


def _key_gate(lower: str, keys: tuple[str, ...], cues: dict[str, list[int]] | None) -> Callable[[], bool]:
    """``any(k in lower for k in keys)``, a pass's gate, as a check done once at its first call.

    A pass with cue offsets calls it at its first regex match (most notes have none, and the
    scans of ``lower`` cost more than the pass); without cues (a full regex scan) it runs now.
    """
    result = any(k in lower for k in keys) if cues is None else None

    def check() -> bool:
        nonlocal result
        if result is None:
            result = any(k in lower for k in keys)
        return result

    return check


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


@lru_cache(maxsize=100_000)
def _facility_trigger(lower: str) -> bool:
    """A word the facility pass must look at: a head word, a qualified head, a landmark or an abbreviation."""
    return (
        lower in _FACILITY_HEADS or lower in _QUALIFIED_HEADS or lower in _POSSESSIVE_HEADS or lower in _LANDMARK_HEADS
        or lower.upper() in lex.hospital_abbreviations()
    )


@lru_cache(maxsize=1)
def _facility_trigger_words() -> frozenset[str]:
    """The ASCII words ``_facility_trigger`` accepts, as one set."""
    abbreviations = {a.lower() for a in lex.hospital_abbreviations() if a.isascii() and a.lower().upper() == a}
    return frozenset(_FACILITY_HEADS | _QUALIFIED_HEADS.keys() | _POSSESSIVE_HEADS | _LANDMARK_HEADS | abbreviations)


_NEXT_WORD = re.compile(r"[ \t]*(?:['’]s)?(?:[ \t-]+|[ \t]*\n[ \t]*)([^\W\d_]+)")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "Mary's" is one word
# lowercase words inside a proper place name: "Stratford-upon-Avon", "Baylor Medical Center at Irving",
# "Shriners Hospitals for Children"
_SMALL_NAME_WORDS = frozenset(
    {"of", "the", "and", "de", "la", "du", "da", "del", "on", "upon", "in", "au", "st", "le", "at", "for"})


def _bounded(text: str, s: int, e: int) -> bool:
    """No word character (``\\w``: a letter, digit or "_") right before ``s`` or at ``e``."""
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
        return False
    return e == len(text) or not (text[e].isalnum() or text[e] == "_")


def _token_at(starts: list[int], pos: int) -> int | None:
    """The index of the token starting at ``pos`` (``starts``: every token's start, sorted), or None."""
    i = bisect_left(starts, pos)
    return i if i < len(starts) and starts[i] == pos else None


def _looks_proper(text: str, s: int, e: int, casing: str) -> bool:
    """Every word of text[s:e] capitalized (mixed-case lines), or casing uninformative."""
    if casing != MIXED:
        return True
    return all(w[0].isupper() or w.lower() in _SMALL_NAME_WORDS for w in _LETTERS.findall(text, s, e))


class LocationDetector:
    """Hospitals, cities, states, countries and organizations (see the module docstring)."""

    name = "locations"
    reads_words = True  # also run on the OCR-corrected copy of a scanned note (``detect.ocr``)

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        tokens = tokenize(doc)
        return self.detect_tokens(text, tokens)

    def detect_tokens(self, text: str, tokens: list[Token]) -> list[Span]:
        spans: list[Span] = []
        if not tokens:
            return spans
        starts = token_starts(tokens)  # kept from ``tokenize``: shared lists, read only
        lowers = token_lowers(tokens)  # the passes find their trigger words in it with C-level maps
        lower = text.lower()
        places, cues = _scan(text, lower)
        spans.extend(self._gazetteer_spans(text, places, tokens, starts))
        spans.extend(self._facility_spans(text, tokens, lowers))
        spans.extend(self._trade_name_spans(text, tokens, lowers))
        spans.extend(self._named_street_spans(text, tokens, lowers))
        spans.extend(self._city_state_spans(text, tokens, lowers))
        spans.extend(self._city_country_spans(text, tokens, starts, spans))
        spans.extend(self._organization_spans(text, lower, tokens, cues))
        spans.extend(self._role_at_spans(text, tokens, cues))
        if "court" in lower:
            spans.extend(_court_spans(text))
        if "department" in lower or "dept" in lower or "division" in lower or "bureau" in lower or "office" in lower:
            spans.extend(_agency_spans(text))
        if "I-" in text or "i-" in text:
            spans.extend(_interstate_spans(text))
        spans.extend(_road_number_spans(text, tokens, lowers))
        spans.extend(self._visited_spans(text, lower, cues))
        spans.extend(self._lives_in_spans(text, tokens, starts, lowers))
        spans.extend(self._ward_spans(text, cues))
        spans.extend(self._transfer_abbreviation_spans(text, lower, cues))
        if any(k in lower for k in _MILITARY_KEYS):
            spans.extend(self._military_spans(text, lower))
        spans.extend(self._hospital_acronym_spans(text, spans, cues))
        spans.extend(_letterhead_spans(text))
        if "Lake " in text:
            spans.extend(self._lake_spans(text))
        if "St" in text or "ST." in text or "SAINT" in text:
            spans.extend(_saint_spans(text))
        if "County" in text or "Parish" in text or "Borough" in text or "COUNTY" in text or "PARISH" in text:
            counties = _county_spans(text)
            # "Lafourche Parish" is Louisiana's county, not a church's parish (``_TRADE_PHRASES``)
            spans = [sp for sp in spans if not (sp.source == "locations:trade_name" and text[sp.end - 6 : sp.end].lower() == "parish"
                                                and any(c.start < sp.end and sp.start < c.end for c in counties))]
            spans.extend(counties)
        if _ES_HEAD_HINT.search(text):
            spans.extend(_spanish_facility_spans(text))
        if "local " in lower or "post " in lower:
            spans.extend(Span(m.start(), m.end(), Label.ORGANIZATION, 0.8, "locations:union_or_post")
                         for m in _UNION_OR_POST.finditer(text)
                         if not any(w.lower() in lex.drug_names() for w in m.group().split()))  # "Lidocaine Local 2"
        return spans

    @staticmethod
    def _lake_spans(text: str) -> list[Span]:
        """A lake named first: "ice fishing on Lake Mendota" (not a common or clinical word) → LOCATION 0.75."""
        return [Span(m.start(), m.end(), Label.LOCATION, 0.75, "locations:lake") for m in _LAKE_FIRST.finditer(text)
                if not _is_common(m.group(1).lower()) and m.group(1).lower() not in lex.clinical_word_counts()]

    def _hospital_acronym_spans(self, text: str, found: list[Span], cues: dict[str, list[int]] | None) -> list[Span]:
        """Hospitals named by an acronym no list holds: before a department ("GMH Cardiology", "AMC
        anticoagulation clinic") → 0.7; the initials of a hospital named in the note ("Greystone Memorial
        Hospital" … "GMH") → 0.85; and every other occurrence of an acronym found as a hospital → 0.75."""
        out: list[Span] = []
        known: dict[str, float] = {}
        hospitals = [sp for sp in found if sp.label is Label.HOSPITAL]
        for sp in hospitals:
            name = text[sp.start : sp.end]
            if _ACRONYM.fullmatch(name):
                known.setdefault(name, 0.75)
            elif " " in name:
                words = [w for w in _LETTERS.findall(name) if w[0].isupper()]
                if len(words) >= 2:
                    known.setdefault("".join(w[0] for w in words), 0.85)
        for d in _matches(_DEPARTMENT, text, cues and cues["department"]):
            if (m := _ACRONYM_BEFORE.search(text, max(0, d.start() - 10), d.start())) is None:
                continue
            word = m.group(1)
            key = word.lower()
            if _term_abbreviation(key) or key in _DISEASE_ACRONYMS or lex.word_frequency(key) >= 3.5 or word in known:
                continue
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if line and not any(c.islower() for c in line) and any(c.isalpha() for c in line):
                continue  # an ALL CAPS line: every word is in capitals
            out.append(Span(m.start(1), m.end(1), Label.HOSPITAL, 0.7, "locations:hospital_acronym"))
            known.setdefault(word, 0.75)
        shaped = "MC" in text or "MH" in text or "GH" in text or "RH" in text
        for m in _HOSPITAL_SHAPED_ACRONYM.finditer(text) if shaped else ():
            word = m.group()
            key = word.lower()
            if key in lex.clinical_abbreviations() or lex.word_frequency(key) >= 3.0 or word in known:
                continue  # "HIGH", "THIGH"
            nxt = _WORD_AFTER.match(text, m.end())
            if nxt and (nxt.group(1).lower() in _PART_HEADS or nxt.group(1).lower() in lex.eponym_heads()):
                continue  # "CMC joint": a body part
            out.append(Span(m.start(), m.end(), Label.HOSPITAL, 0.65, "locations:hospital_acronym"))
        taken = {sp.start for sp in out} | {sp.start for sp in hospitals}
        for word, score in known.items():
            if len(word) < 3:
                continue  # "MH" of "Memorial Hospital" is as often mental health
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                if at not in taken and _bounded(text, at, end):
                    out.append(Span(at, end, Label.HOSPITAL, score, "locations:hospital_acronym"))
                at = text.find(word, end)
        return out

    def _military_spans(self, text: str, lower: str) -> list[Span]:
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

    def _transfer_abbreviation_spans(self, text: str, lower: str, cues: dict[str, list[int]] | None) -> list[Span]:
        """An unknown abbreviation where a facility is expected: "transferred from CMC", "seen in BMC ED"."""
        out: list[Span] = []
        gate = _key_gate(lower, _TRANSFER_KEYS, cues)
        if cues is None and not gate():
            return out
        for m in _matches(_TRANSFER_ABBREV, text, cues and cues["transfer"]):
            if not gate():
                return out
            word = m.group(1)
            key = word.lower()
            if _term_abbreviation(key):
                continue
            nxt = _WORD_AFTER.match(text, m.end(1))
            if nxt and (nxt.group(1).lower() in _PART_HEADS or nxt.group(1).lower() in lex.eponym_heads()):
                continue  # "seen at GE junction", "seen in AC joint": a body part, not a place
            # a common word is an abbreviation only when written in capitals among lowercase text ("from BI via")
            capitals = word.isupper() and any(c.islower() for c in text[max(0, m.start() - 40) : m.end() + 40])
            if not capitals and (lex.word_frequency(key) >= 3.5 or key in lex.clinical_word_counts()):
                continue
            out.append(Span(m.start(1), m.end(1), Label.HOSPITAL, 0.65, "locations:transfer_abbreviation"))
        return out

    def _ward_spans(self, text: str, cues: dict[str, list[int]] | None) -> list[Span]:
        """Wards named after people, after a move: "transfer to Montoya 3", "came up from Finley 5"."""
        out: list[Span] = []
        for m in _matches(_WARD, text, cues and cues["ward"]):
            word = m.group(1).lower()
            w = word_info(word)
            if word in FUNCTION_WORDS or w.stop or word in lex.months() or word in lex.weekdays():
                continue
            name_like = w.first or w.last or not w.known_word
            if word not in lex.ward_names() and (not name_like or (lex.word_frequency(word) >= 4.0 and w.prior < 0.05 and not m.group(1)[0].isupper())):
                continue  # "Carter 4", "Washington 8" are wards; "to high 80s" is not
            out.append(Span(m.start(1), m.end(), Label.HOSPITAL, 0.75, "locations:ward"))
        return out

    def _lives_in_spans(self, text: str, tokens: list[Token], starts: list[int], lowers: list[str]) -> list[Span]:
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

    def _visited_spans(self, text: str, lower: str, cues: dict[str, list[int]] | None) -> list[Span]:
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

    # -- employers and other organizations -------------------------------------------------------
    def _organization_spans(self, text: str, lower: str, tokens: list[Token], cues: dict[str, list[int]] | None) -> list[Span]:
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
            if first in FUNCTION_WORDS or first in ("a", "an", "the", "dr", "dr.") or _is_common(value.lower()) or (
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
            out.append(Span(m.start(), m.end(), Label.ORGANIZATION, 0.8, "locations:org_suffix"))
        return out

    def _role_at_spans(self, text: str, tokens: list[Token], cues: dict[str, list[int]] | None) -> list[Span]:
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

    # -- gazetteers ------------------------------------------------------------------------------
    def _gazetteer_spans(self, text: str, places: list[tuple[int, int, str, bool]], tokens: list[Token], starts: list[int]) -> list[Span]:
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
                    # but "to UAE", ", USA": a country's acronym of three letters after a place word or a comma
                    label == Label.COUNTRY and e - s >= 3 and (cue or after_comma)):
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
                score = 0.8 if (cue or label == Label.HOSPITAL or e - s > len(t.text)) else 0.6
                if score == 0.6 and not (label == Label.COUNTRY and e - s >= 4) and lex.word_frequency(text[s:e].lower()) > 0:
                    # "antelope" in a lowercase note: an English word first, a town only with a cue (a country that
                    # is also a word is ``ambiguous``: "FROM ALEPPO SYRIA" keeps its country; "CKD, DRC" an acronym)
                    score = 0.45
            out.append(Span(s, e, label, score, f"locations:gazetteer_{label.lower()}"))
            last_end = e
        return out

    # -- facility names --------------------------------------------------------------------------
    def _facility_spans(self, text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
        keywords = lex.facility_keywords()
        heads = _FACILITY_HEADS
        abbreviations = lex.hospital_abbreviations()
        # words that end a name in a lowercase or ALL CAPS line
        stop, clinical, months, weekdays = lex.stop_words(), lex.clinical_abbreviations(), lex.months(), lex.weekdays()
        out: list[Span] = []
        n = len(tokens)
        if text.isascii():
            triggers = _facility_trigger_words()
            candidates = compress(count(), map(triggers.__contains__, lowers))
        else:  # a non-ASCII word may upper-case to an abbreviation ("ſ".upper() is "S")
            candidates = compress(count(), map(_facility_trigger, lowers))
        for i in candidates:
            t = tokens[i]
            low = t.lower
            if t.text in abbreviations:
                # "MGH", "BIDMC": only where a facility is expected ("seen in MGH ED", "transferred from BWH")
                before = tokens[i - 1].lower if i > 0 else ""
                after = tokens[i + 1].lower if i + 1 < n else ""
                if (before in FACILITY_CUES and before != "ed") or after in _FACILITY_AFTER_ABBREV:
                    out.append(Span(t.start, t.end, Label.HOSPITAL, 0.8, "locations:hospital_abbreviation"))
                continue
            possessive_home = low in _POSSESSIVE_HEADS and i > 0 and _POSSESSIVE_GAP.fullmatch(text, tokens[i - 1].end, t.start)
            landmark = low in _LANDMARK_HEADS
            if low not in heads and not possessive_home and not landmark:
                quals = _QUALIFIED_HEADS.get(low)
                if quals is None or i == 0 or (quals and tokens[i - 1].lower not in quals):
                    continue
            mixed = t.casing == MIXED
            if (mixed or low in _PROPER_OR_CUE_HEADS) and not (t.is_title or t.is_upper):
                continue  # (and "in optimal general health" in a lowercase line)
            # walk left over the words of the name
            j = i - 1
            start = first = None
            while j >= 0 and i - j <= 5:
                p = tokens[j]
                gap = text[p.end : tokens[j + 1].start]
                if "\n" in gap or len(gap) > 3 or not _FACILITY_GAP.fullmatch(gap):
                    break
                w = p.lower
                if "." in gap and w not in _NAME_ABBREVIATIONS and len(w) > 1:
                    break  # "… Legal Services. Tower": a sentence ended; "St. Anne's", "J. Smith" did not
                if mixed and "-" in gap and p.is_upper != tokens[j + 1].is_upper:
                    break  # "MESSAGE THREAD - Marlowe Diabetes & Endocrine Associates": a heading before the name
                if mixed:
                    if not (p.is_title or p.is_upper or w in ("of", "the", "for", "and", "&")):
                        break
                elif w in keywords or w in _PLACE_WORDS or w in ("of", "the", "for", "and", "&"):
                    pass  # "ST. ANNE'S", "MOUNT WELCH JUNCTION", "NURSING AND REHAB"
                elif w == "our" and tokens[j + 1].lower == "lady":
                    pass  # "OUR LADY OF THE GULF MEDICAL CENTER"
                elif (w in FUNCTION_WORDS and w not in ("of", "the", "for", "and")) or w in FACILITY_CUES or w in PLACE_CUES:
                    break
                elif w in stop or w in clinical or w in months or w in weekdays:
                    break
                if w not in ("of", "the", "for", "and", "&"):
                    start, first = p.start, j
                j -= 1
            if start is None:
                continue
            if first > 0 and tokens[first].lower == "lady" and tokens[first - 1].lower == "our" and (
                    _SPACE.fullmatch(text, tokens[first - 1].end, tokens[first].start)):
                start, first = tokens[first - 1].start, first - 1  # "OUR LADY OF THE GULF MEDICAL CENTER": past five words
            # the next word of the same line ("Brief Hospital Course", "hospital stay"; not the "Discharge Summary"
            # title under a letterhead)
            nxt = tokens[i + 1].lower if i + 1 < n and "\n" not in text[t.end : tokens[i + 1].start] else ""
            if nxt in _NOT_A_FACILITY_AFTER and not (nxt == "discharge" and i + 2 < n and lowers[i + 2] == "summary"):
                continue  # (but "ST. CASIMIR HOSPITAL -- DISCHARGE SUMMARY": the title after the name)
            cue = j >= 0 and (tokens[j].lower in FACILITY_CUES or tokens[j].lower in PLACE_CUES)
            name_words = tokens[first:i]
            proper_word = any(
                not _is_common(w.lower) or word_info(w.lower).prior >= 0.3 or w.lower in lex.cities() for w in name_words
            )
            if not proper_word and not cue and (t.casing != MIXED or name_words[0].lower in _NOT_A_NAME_START or low in _PROPER_OR_CUE_HEADS):
                continue  # "Brief Hospital", "PAST MEDICAL", "Attorney General": no proper word in it
            if low in _PROPER_ONLY_HEADS and not (proper_word and t.text[0].isupper()):
                continue  # "Navajo Nation", "Manoa Falls", "Beclabito Chapter"; not "ultimately falls", "First Nation"
            if all(w.lower in _DEPARTMENT_WORDS or w.lower in _DEPARTMENT_QUALIFIERS for w in name_words):
                continue  # "HF Clinic", "VASCULAR SURGERY CLINIC", "seen at Internal Medicine", "HEPATOLOGY CLINIC": a department
            # extend right over trailing keywords ("Medical Center", "Nursing and Rehab")
            end = t.end
            k = i + 1
            while k < n and (tokens[k].lower in keywords or tokens[k].lower == "and") and _SPACE.fullmatch(text, tokens[k - 1].end, tokens[k].start):
                if tokens[k].lower == "and" and not (k + 1 < n and tokens[k + 1].lower in keywords):
                    break
                end = tokens[k].end
                k += 1
            # "University Hospital of Wichita"
            m = _OF_PLACE.match(text, end)
            if m and (t.casing != LOWER_CASE or m.group(1).strip().lower() in lex.cities()):
                kept = []
                for word in m.group(1).split():
                    key = word.lower().strip(".,")
                    if key in FUNCTION_WORDS or key in lex.stop_words() or key in lex.clinical_abbreviations():
                        break  # "UNIVERSITY HOSPITAL OF POCATELLO WITH CVA": the name ends before "WITH"
                    kept.append(word)
                if kept:
                    end = m.start(1) + m.group(1).index(kept[-1]) + len(kept[-1].rstrip(".,"))
            score = (0.85 if proper_word or cue else 0.6) if t.casing == MIXED else 0.7
            if low == "wing" and (tokens[first].lower in _GENERIC_WING_WORDS or tokens[first].text[0].isdigit()):
                continue
            if low in _SURNAME_HEADS and word_info(tokens[i - 1].lower).prior >= 0.1:
                continue  # "Tony Wing", "Rachel Bay": a person whose surname is a place's head word
            if landmark:
                out.append(Span(start, end, Label.LOCATION, score, "locations:landmark_shape"))
            else:
                out.append(Span(start, end, Label.HOSPITAL, score, "locations:facility_shape"))
        return out

    # -- practices, agencies, payers and businesses named by their trade ---------------------------
    def _trade_name_spans(self, text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
        """"Park Street Pediatrics", "Riverbend Home Health", "Golden Gate Health Plan" (see ``_TRADE_PHRASES``)."""
        out: list[Span] = []
        n = len(tokens)
        months, weekdays, stop = lex.months(), lex.weekdays(), lex.stop_words()
        for i in compress(count(), map(_trade_heads().__contains__, lowers)):
            t = tokens[i]
            mixed = t.casing == MIXED
            # a home's kind written in lowercase after its name ("Brookfield Heights assisted living"): only the phrases
            # of _LOWERCASE_TRADE_PHRASES, and only after a place or a surname (below)
            lower_kind = mixed and t.text.islower() and t.lower in _LOWERCASE_TRADE_HEADS
            if mixed and not (t.is_title or t.is_upper or lower_kind):
                continue
            if i + 1 < n and (lowers[i + 1] in _TRADE_NOT_AFTER or lowers[i + 1] in lex.eponym_heads()) and _SPACE.fullmatch(
                text, t.end, tokens[i + 1].start
            ):
                continue  # "Home Health aide", "Pharmacy note", "McGill Pain Index"
            if t.lower == "children" and not _POSSESSIVE_S.match(text, t.end):
                continue  # only "Boston Children's", "Connecticut Children's": a children's hospital
            for option in _TRADE_INDEX[t.lower]:
                if lower_kind and option[0] not in _LOWERCASE_TRADE_PHRASES:
                    continue
                first = _trade_phrase_start(text, tokens, i, option[0], mixed and not lower_kind)
                if first is not None and lower_kind and not all(tokens[k].text.islower() for k in range(first, i)):
                    first = None
                if first is not None:
                    _words, label, strong = option
                    break
            else:
                continue
            # walk left over the words of the name
            name: list[Token] = []
            j = first
            while j > 0 and len(name) < 5:
                p = tokens[j - 1]
                gap = text[p.end : tokens[j].start]
                if len(gap) > 3 or not _TRADE_GAP.fullmatch(gap) or (gap[0] == "." and p.lower not in _NAME_ABBREVIATIONS):
                    break  # "St. Luke's", not "Neurology. LSVT"
                w = p.lower
                if w == "of" and not (j >= 2 and tokens[j - 2].lower in _TRADE_OF_INSIDE):
                    break
                if w in _TRADE_CONNECTORS or (w == "our" and tokens[j].lower == "lady"):
                    pass
                elif w in FUNCTION_WORDS or w in months or w in weekdays or w in _TRADE_STOP_UPPER:
                    break
                elif mixed:
                    if not (p.is_title or (p.is_upper and len(w) <= 5 and w not in lex.clinical_abbreviations())):
                        break
                    if t.is_title and p.is_upper and len(w) > 5:
                        break
                elif w in stop or w in lex.clinical_abbreviations() or w in FACILITY_CUES or w in PLACE_CUES:
                    break
                name.append(p)
                j -= 1
            name.reverse()
            # drop words at the left end that describe rather than name ("Outpatient", "Recommend", "The")
            while name:
                w = name[0].lower
                if w == "our" and len(name) > 1 and name[1].lower == "lady":
                    break
                if (w in _TRADE_CONNECTORS and w not in ("st", "san")) or w in _GENERIC_NAME_WORDS:
                    name.pop(0)  # (but "St. Brendan's Skilled Nursing" keeps its saint)
                elif w in _TRADE_STARTERS:
                    name.pop(0)  # "Continue Home Health", "Consult Physical Therapy", "Today Hospice"
                else:
                    break
            head_start = tokens[first].start
            end = t.end + 2 if t.lower == "children" else t.end
            m_of = _TRADE_OF.match(text, end) if mixed or t.casing != LOWER_CASE else None
            of_end = None
            if m_of:
                kept = []
                for word in m_of.group(1).split():
                    key = word.lower()
                    if key in FUNCTION_WORDS or key in months or key in weekdays or key in stop or _trade_clinical(key):
                        break
                    kept.append(word)
                if kept:
                    of_end = m_of.start(1) + m_of.group(1).index(kept[-1]) + len(kept[-1])
            if not name:
                if of_end is None or not strong:
                    continue
                start = head_start  # "Visiting Nurse Services of Kent County"
            else:
                start = name[0].start
            if of_end is not None:
                end = of_end
            m_sfx = _TRADE_SUFFIX.match(text, end)
            if m_sfx:
                end = m_sfx.end()
            # the evidence that this is a name and not a kind of care
            keys = [w.lower for w in name if w.lower not in _TRADE_CONNECTORS]
            if name and all(k in _GENERIC_NAME_WORDS or k in _TRADE_WORDS for k in keys):
                continue  # "Pediatric Cardiology", "Skilled Home Health"
            named = [w.lower for w in name if w.lower not in _TRADE_CONNECTORS and not (mixed and w.is_upper)]
            # an acronym in mixed case is no evidence ("LSVT Physical Therapy"); a weak trade needs a place or
            # a surname ("Essex Colorectal Surgery"), not a coinage ("MammoSite Radiation Therapy")
            test = _trade_proper_or_named if strong else _trade_place_or_surname
            proper = of_end is not None or any(test(k) and not _trade_clinical(k) for k in named)
            before = text[max(0, start - 12) : start]
            cue = _TRADE_CUE_BEFORE.search(before) is not None
            if t.casing == LOWER_CASE and not (
                strong and cue and all(not _trade_clinical(k) for k in keys)
                and any(k in lex.cities() or word_info(k).prior >= 0.3 for k in keys)
            ):
                continue  # a lowercase note: "at bronx kids health", never "managing post-operative pain"
            if lower_kind and not (name and any(_trade_place_or_surname(k) and not _trade_clinical(k) for k in named)):
                continue  # "Lasix assisted living" is no name; "Brookfield Heights assisted living" is
            if not proper:
                if not mixed:
                    continue  # "SET UP HOME HEALTH": no casing evidence, so a proper word must carry it
                if not strong and (not cue or len(keys) < 2 or any(_trade_clinical(k) for k in keys)):
                    continue  # "Nuclear Medicine", "from Plastic Surgery"; "at Desert Sky Physical Therapy" is a name
            score = 0.8 if (proper or strong) and mixed else 0.7
            out.append(Span(start, end, label, score, "locations:trade_name"))
        return out

    # -- streets named without a house number -------------------------------------------------------
    def _named_street_spans(self, text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
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
            m = _ROAD_NUMBER.match(text, end) if t.lower in _NUMBERED_ROADS else None
            if m is not None:
                end, first = m.end(), i  # "Route 4", "Hwy 101"
            elif t.lower in _NUMBERED_ROADS and not uncased:
                continue
            else:
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

    # -- "City, ST" ------------------------------------------------------------------------------
    def _city_state_spans(self, text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
        out: list[Span] = []
        states = lex.us_states()
        for i in compress(count(), map(states.__contains__, lowers)):
            t = tokens[i]
            if t.is_upper and (_LICENSE_AFTER.match(text, t.end) or (t.casing == MIXED and _STATE_THING_AFTER.match(text, t.end))):
                out.append(Span(t.start, t.end, Label.STATE, 0.85, "locations:state_license"))  # "MA driver's license"
                continue
            if i == 0 or (len(t.text) <= 2 and not t.text.isupper()):
                continue  # (a postal code only in capitals: not "in", "or", "me")
            code = states[t.lower]
            prev = tokens[i - 1]
            gap = text[prev.end : t.start]
            zip_after = _ZIP_AFTER.match(text, t.end, t.end + 15) is not None
            # "Framingham MA" ending an address line: a known town of that state before the capitals code
            # (or a clause, when the code is no credential: "lives in Marysville MI - 810.555.0177"; not "Dr. Jackson MS,")
            line_end = _SPACE.fullmatch(gap) is not None and t.is_upper and (
                _LINE_END_AFTER.match(text, t.end) is not None
                or (code not in _CREDENTIAL_LIKE_STATES and _CLAUSE_END_AFTER.match(text, t.end) is not None))
            comma_or_zip = _COMMA_GAP.fullmatch(gap) or (zip_after and (_SPACE.fullmatch(gap) or _COMMA_LINE_GAP.fullmatch(gap)))
            if not (comma_or_zip or line_end):
                continue  # "Boston, MA", "Boston MA 02114", "Crossfield,\nAR 72419"
            city_start = _us_city_start(text, tokens, i, code)
            if not comma_or_zip and city_start is None:
                continue
            line_start = text.rfind("\n", 0, prev.start) + 1
            prev_line = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            after_street = _STREET_LINE.match(text, prev_line) is not None
            # "6 Tern Lane, Harwich Port, MA", "home, 6 Orchard Hill Rd,\nCollinsville, CT": a street ending in its suffix
            street_before = (m_st := _STREET_BEFORE_CITY.search(text, prev_line, prev.start)) is not None and (
                m_st.group(1).lower() in lex.street_suffixes()
            )
            credential_like = code in _CREDENTIAL_LIKE_STATES and not after_street and not (
                zip_after and (_ZIP4_AFTER.match(text, t.end) or prev.lower in _PLACE_WORDS))
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

    def _city_country_spans(self, text: str, tokens: list[Token], starts: list[int], found: list[Span]) -> list[Span]:
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
                    break
                if k == i - 1 and words[0].is_title and not _is_common(words[0].lower) and not tokens[k].sentence_start:
                    out.append(Span(words[0].start, words[-1].end, Label.CITY, 0.7, "locations:city_country"))
        return out


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


# -- military service (branches and units ORGANIZATION, bases and provinces LOCATION) --------------------
_MILITARY_KEYS = ("army", "navy", "marine", "air force", "coast guard", "national guard", "division", "brigade",
                  "battalion", "regiment", "squadron", "cavalry", "infantry", "airborne", "fort ", "ft. ", "camp ",
                  "airfield", "air base", "afb", "naval", "province", "usmc", "usaf")


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
    r"Joint[ \t]+Base|JOINT[ \t]+BASE|Marine[ \t]+Corps[ \t]+Base)[ \t]+" + _CAP + r"(?:[ \t]+" + _CAP + r")??"
    r"|" + _CAP + r"(?:[ \t]+" + _CAP + r")??[ \t]+(?:Airfield|AIRFIELD|Air[ \t]+Force[ \t]+Base|AIR[ \t]+FORCE[ \t]+BASE|"
    r"AFB|Air[ \t]+Base|Naval[ \t]+Base|Province|PROVINCE))\b"
)

# A facility name ends in one of these words; "center"/"home" only after a word that makes them one.
_FACILITY_HEADS = frozenset(
    {
        "hospital", "hospitals", "hosp", "clinic", "clinics", "infirmary", "rehab", "sanatorium", "hospice",
        "vamc", "memorial", "manor", "associates", "practice", "vna", "village", "house", "gardens", "commons",
    }
)
# words that make up place names ("Lake Miller", "Mount Welch Junction", "Glen Hills")
_PLACE_WORDS = frozenset(
    """junction springs spring falls heights hills hill valley lake lakes mount mt port fort ft north south east west
    new little grand green river park glen rock beach bay point view woods grove meadows manor village haven ville
    creek ridge harbor harbour center centre city town county saint st st. santa san los las el la""".split()
)
_FACILITY_GAP = re.compile(r"(?i)['’]?s?\.?[ \t]+|[ \t]*-[ \t]*|\.?[ \t]*|[ \t]+&[ \t]+")  # "Diabetes & Endocrine Associates"
_POSSESSIVE_GAP = re.compile(r"(?i)['’]s[ \t]+")
_POSSESSIVE_HEADS = frozenset({"home", "house", "place", "inn", "manor", "residence", "lodge"})
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_LAKE_FIRST = re.compile(r"\bLake[ \t]+([A-Z][a-z]{2,})\b")  # "ice fishing on Lake Mendota"
# the shape of a hospital's acronym: "... Medical Center", "... Hospital", "... General Hospital", "... Regional
# Hospital" ("QRMC", "BLUMC", "GMH", "PGH", "NRMC")
_HOSPITAL_SHAPED_ACRONYM = re.compile(r"\b[A-Z]{1,4}(?:MC|MH|GH|RH)\b")
# disease and program abbreviations that name clinics ("IBD clinic", "TB clinic"), not hospitals
_DISEASE_ACRONYMS = frozenset("ibd cf tb als ra sle std sti ptsd adhd mat vad lvad hcm ms ckd hiv hcv hbv copd".split())
_FACILITY_AFTER_ABBREV = frozenset({"ed", "er", "icu", "micu", "sicu", "ccu", "hospital", "clinic", "campus", "er/ed"})
_SPACE = re.compile(r"[ \t]+")
_COMMA_GAP = re.compile(r"[ \t]*,[ \t]*")  # "Boston, MA"; "Beverly ,  MA" in typed and OCR forms
_CITY_WORD_GAP = re.compile(r"\.?[ \t]")  # between the words of a town's name: "Fair Lawn", "St. George"
# what may follow "Marysville MI" (a town and its state's code without a comma): the end of the line or of a clause
_CLAUSE_END_AFTER = re.compile(r"[ \t]*(?:\r?\n|$|[;)]|[.,](?:\s|$)|[ \t]-[ \t])")
_COMMA_LINE_GAP = re.compile(r"[ \t]*,[ \t]*\r?\n[ \t]*")  # "Crossfield,\nAR 72419": an address wrapped after the town
# the document a state issued, after its postal abbreviation ("MA driver's license", "NY DL", "CT plates")
_LICENSE_AFTER = re.compile(
    r"[ \t]+(?:(?i:drivers?['’]?s?|driving|operator['’]?s)[ \t]+(?i:licen[cs]e|permit)|DL|CDL|(?i:license[ \t]+plates?|plates?|tags?|state[ \t]+ID|ID[ \t]+card))\b"
)
_ZIP_AFTER = re.compile(r"[ \t]+\d{5}(?:-\d{4})?\b")
_ZIP4_AFTER = re.compile(r"[ \t]+\d{5}-\d{4}\b")
_SERVICE_AFTER = re.compile(r"[ \t]*(?:/|service|unit|floor|department|dept|icu|ward|team)", re.I)
_OF_PLACE = re.compile(r"[ \t]+(?:of|OF|Of)[ \t]+((?:[A-Za-z][\w'’.-]*)(?:[ \t]+[A-Z][\w'’.-]*){0,2})")
_NOT_A_NAME_START = frozenset(
    {"brief", "past", "present", "our", "this", "your", "the", "any", "other", "outside", "local", "area", "same",
     "previous", "prior", "his", "her", "their", "a", "an", "new", "old", "general", "medical", "acute", "free",
     "walk-in", "urgent", "primary", "private", "public", "state", "county", "city", "community", "regional"}
)
# head words of natural features and buildings that are also surnames ("Volta River", but "Tony Wing")
_SURNAME_HEADS = frozenset("river creek lake pond bay beach canyon mountain tower bridge trail wing".split())
# heads that are also plain words ("it falls on", "First Nation", "chapter 7"): a place only capitalized, after a proper word
_PROPER_ONLY_HEADS = frozenset("reservation rancheria falls narrows glacier trailhead chapter nation".split())
# named places that are not care facilities: "the Walter Library", "Oneillford Commons shopping center"
_LANDMARK_HEADS = frozenset(
    """library church chapel cathedral temple synagogue mosque mall park field stadium arena airport station
    ymca ymcam school academy college university office forest cemetery pub tavern restaurant diner cafe hotel
    motel inn lodge marina beach campground zoo museum theater theatre casino""".split()
) | _SURNAME_HEADS | _PROPER_ONLY_HEADS
# a wing named by a side or a direction ("Left Wing", "East Wing") is generic, not a place's name
_GENERIC_WING_WORDS = frozenset(
    "left right east west north south new old main upper lower front back center central".split()
)
_NOT_A_FACILITY_AFTER = frozenset(
    {"course", "stay", "day", "days", "admission", "discharge", "bed", "beds", "gown", "acquired", "policy", "visit", "records",
     "diet"}
)
_QUALIFIED_HEADS = {
    "center": {"medical", "health", "cancer", "rehabilitation", "rehab", "surgical", "surgery", "care", "heart", "trauma", "dialysis", "nursing",
               "diabetes", "kidney", "renal", "transplant", "eye", "wellness", "breast", "vascular", "spine", "wound", "infusion",
               "imaging", "endoscopy", "psychiatric", "behavioral", "stroke", "burn", "orthopedic", *_CARE_KINDS},
    "centre": {"medical", "health", "cancer", "rehabilitation", "surgical", "care", "heart", *_CARE_KINDS},
    "ctr": {"medical", "med", "health", "hlth"},
    # and the homes of a church, an order or a veterans' body ("Nokomis Lutheran Home", "the Jewish Home of Rochester")
    "home": {"nursing", "care", "rest", "convalescent", "lutheran", "jewish", "masonic", "baptist", "methodist",
             "presbyterian", "episcopal", "mennonite", "moravian", "veterans", "veterans'", "soldiers", "soldiers'"},
    "institute": {"cancer", "heart", "medical", "health", "transplant", "rehabilitation", "orthopedic", "spine", "kidney",
                  "diabetes", "vascular", "cardiovascular", "eye", *_CARE_KINDS},
    "facility": {"nursing", "care", "rehabilitation", "skilled", "medical"},
    "living": {"senior", "assisted"},
    "care": {"health", "primary", "urgent", "nursing", "senior", "continuing", "elder"},
    "schools": set(),
    "medicine": {"internal", "family", "sports"},
    "group": {"medical", "pulmonary", "cardiology", "health", "physicians", "oncology", "neurology", "surgical"},
    "healthcare": set(),
    "system": {"health"},
    # a hospital's short name ("Wyoming Valley General", "Lakeview Regional"): only with a proper word or a cue
    # (``_PROPER_OR_CUE_HEADS``), never "Attorney General", "Surgeon General"
    "general": set(),
    "regional": set(),
}
_PROPER_OR_CUE_HEADS = frozenset({"general", "regional"})

# -- names of care providers and businesses by their trade -----------------------------------------
# A practice, agency, insurer or business is named "<name words> <trade phrase>": "Park Street Pediatrics",
# "Riverbend Home Health", "Golden Gate Health Plan", "Harbor Light Pharmacy". The trade phrase (lowercase
# words; "&" stands for "&" or "and") ends in its head word, which triggers the pass; the label follows the
# trade: care providers are HOSPITAL, payers, pharmacies, suppliers, transport, schools and employers
# ORGANIZATION. A "strong" phrase names a business by itself ("Home Health", "Pharmacy"); a weak one is also
# a clinical service ("Physical Therapy", "Colorectal Surgery", "Laboratory") and needs a proper word in the
# name (one that is no common English word: a place, a surname, a coinage) or a cue before it ("at", "from").
_SPECIALTIES = (
    "allergy anesthesia anesthesiology audiology cardiology cardiovascular colorectal dermatology endocrinology "
    "endoscopy gastroenterology gastro genetics genomics geriatrics gynecology hematology hepatology imaging "
    "nephrology neurology neurosurgery obstetrics oncology ophthalmology optometry orthopedics "
    "orthopaedics otolaryngology pathology pediatrics podiatry psychiatry pulmonology radiology "
    "rheumatology surgery urology maternal-fetal perinatal fertility dentistry chiropractic dialysis "
    "dermatopathology teleradiology endodontics orthodontics periodontics retina eyecare midwifery counseling"
).split()
# two kinds of care joined, a practice's usual name ("Hempstead Valley Allergy & Asthma", "Clinch Valley Neurology &
# Sleep", "Southeast Alabama Heart & Rhythm")
_JOINED_SPECIALTIES = ("allergy & asthma", "neurology & sleep", "hematology & oncology", "heart & vascular", "heart & rhythm",
                       "bone & joint", "foot & ankle", "ear, nose & throat", "eye & ear", "sports & spine", "pain & wellness",
                       "hearing & balance", "vein & vascular")


def _phrases(label: str, strong: str, weak: str = "") -> tuple[tuple[str, str, bool], ...]:
    """``_TRADE_PHRASES`` entries of one label from "|"-separated strong and weak phrases."""
    return tuple((p, label, True) for p in strong.split("|") if p) + tuple((p, label, False) for p in weak.split("|") if p)


_TRADE_PHRASES: tuple[tuple[str, str, bool], ...] = (
    # care providers (HOSPITAL)
    *((f"{s}", Label.HOSPITAL, False) for s in _SPECIALTIES),
    *((f"{s} {g}", Label.HOSPITAL, True) for s in _SPECIALTIES
      for g in ("group", "associates", "partners", "specialists", "consultants", "physicians", "institute")),
    *((p, Label.HOSPITAL, True) for p in _JOINED_SPECIALTIES),
    ("dental arts", Label.HOSPITAL, True), ("dental group", Label.HOSPITAL, True), ("eye care", Label.HOSPITAL, True),
    ("sports medicine", Label.HOSPITAL, False), ("dental", Label.HOSPITAL, False),
    ("behavioral health", Label.HOSPITAL, True), ("behavioral", Label.HOSPITAL, False),
    ("development district", Label.ORGANIZATION, True),
    ("recovery center", Label.HOSPITAL, True), ("recovery", Label.HOSPITAL, False),
    ("pediatrics", Label.HOSPITAL, True), ("pediatric associates", Label.HOSPITAL, True),
    ("family physicians", Label.HOSPITAL, True), ("physicians", Label.HOSPITAL, False),
    ("family practice", Label.HOSPITAL, True), ("family medicine", Label.HOSPITAL, False),
    ("family health", Label.HOSPITAL, True), ("family health center", Label.HOSPITAL, True),
    ("kids health", Label.HOSPITAL, True), ("children's health", Label.HOSPITAL, True),
    ("internal medicine", Label.HOSPITAL, False), ("medicine", Label.HOSPITAL, False),
    ("medical group", Label.HOSPITAL, True), ("medical associates", Label.HOSPITAL, True),
    ("health", Label.HOSPITAL, False), ("health system", Label.HOSPITAL, True), ("healthcare", Label.HOSPITAL, False),
    ("home health", Label.HOSPITAL, True), ("home health care", Label.HOSPITAL, True),
    ("home health services", Label.HOSPITAL, True), ("home health agency", Label.HOSPITAL, True),
    ("home care", Label.HOSPITAL, True), ("home care services", Label.HOSPITAL, True),
    ("homecare", Label.HOSPITAL, True), ("home healthcare", Label.HOSPITAL, True),
    ("visiting nurse association", Label.HOSPITAL, True), ("visiting nurse services", Label.HOSPITAL, True),
    ("visiting nurses", Label.HOSPITAL, True), ("visiting nurse service", Label.HOSPITAL, True),
    ("nursing services", Label.HOSPITAL, True), ("hospice", Label.HOSPITAL, True),
    ("hospice care", Label.HOSPITAL, True), ("palliative care", Label.HOSPITAL, False),
    ("physical therapy", Label.HOSPITAL, False), ("physical therapy associates", Label.HOSPITAL, True),
    ("therapy", Label.HOSPITAL, False), ("therapy services", Label.HOSPITAL, True),
    ("rehabilitation", Label.HOSPITAL, False), ("rehab", Label.HOSPITAL, False),
    ("health & rehab", Label.HOSPITAL, True), ("nursing & rehab", Label.HOSPITAL, True),
    ("health & rehabilitation", Label.HOSPITAL, True), ("nursing & rehabilitation", Label.HOSPITAL, True),
    ("post-acute", Label.HOSPITAL, True), ("post-acute care", Label.HOSPITAL, True),
    # long-term care named by its kind ("Briarcliff Rehabilitation & Nursing", "Three Rivers Transitional Care")
    ("rehabilitation & nursing", Label.HOSPITAL, True), ("rehab & nursing", Label.HOSPITAL, True),
    ("skilled nursing", Label.HOSPITAL, True), ("transitional care", Label.HOSPITAL, True),
    ("memory care", Label.HOSPITAL, True), ("assisted living", Label.HOSPITAL, True),
    ("senior living", Label.HOSPITAL, True), ("residences", Label.HOSPITAL, False),
    ("laboratory", Label.HOSPITAL, False), ("laboratories", Label.HOSPITAL, False), ("labs", Label.HOSPITAL, False),
    ("diagnostics", Label.HOSPITAL, False), ("urgent care", Label.HOSPITAL, False),
    ("surgery center", Label.HOSPITAL, True), ("surgical associates", Label.HOSPITAL, True),
    ("pavilion", Label.HOSPITAL, False), ("children", Label.HOSPITAL, False),
    # payers, pharmacies, suppliers, transport, schools and employers (ORGANIZATION)
    ("pharmacy", Label.ORGANIZATION, True), ("drug", Label.ORGANIZATION, False), ("drugs", Label.ORGANIZATION, False),
    ("apothecary", Label.ORGANIZATION, True), ("family pharmacy", Label.ORGANIZATION, True),
    ("medical supply", Label.ORGANIZATION, True), ("medical supplies", Label.ORGANIZATION, True),
    ("medical equipment", Label.ORGANIZATION, True), ("home medical", Label.ORGANIZATION, True),
    ("medical transport", Label.ORGANIZATION, True), ("medical transportation", Label.ORGANIZATION, True),
    ("ambulance", Label.ORGANIZATION, True), ("ambulance service", Label.ORGANIZATION, True),
    ("ambulance services", Label.ORGANIZATION, True), ("ems", Label.ORGANIZATION, False),
    ("health plan", Label.ORGANIZATION, True), ("health plans", Label.ORGANIZATION, True),
    ("mutual health", Label.ORGANIZATION, True), ("mutual", Label.ORGANIZATION, False),
    ("health alliance", Label.ORGANIZATION, True), ("health insurance", Label.ORGANIZATION, True),
    ("health partners", Label.ORGANIZATION, True), ("healthcare partners", Label.ORGANIZATION, True),
    ("advantage", Label.ORGANIZATION, False), ("senior advantage", Label.ORGANIZATION, True),
    ("assurance", Label.ORGANIZATION, True), ("learning center", Label.ORGANIZATION, True),
    ("child care", Label.ORGANIZATION, True), ("childcare", Label.ORGANIZATION, True),
    ("daycare", Label.ORGANIZATION, True), ("day care", Label.ORGANIZATION, True),
    ("preschool", Label.ORGANIZATION, True), ("montessori", Label.ORGANIZATION, True),
    ("parish", Label.ORGANIZATION, True), ("rail works", Label.ORGANIZATION, True),
    ("iron works", Label.ORGANIZATION, True), ("steel works", Label.ORGANIZATION, True),
    ("machine works", Label.ORGANIZATION, True), ("tooling", Label.ORGANIZATION, True),
    ("foods", Label.ORGANIZATION, False), ("analytics", Label.ORGANIZATION, True),
    ("elementary", Label.ORGANIZATION, False), ("elementary school", Label.ORGANIZATION, False),
    ("middle school", Label.ORGANIZATION, False), ("high school", Label.ORGANIZATION, False),
    ("head start", Label.ORGANIZATION, True), ("probation department", Label.ORGANIZATION, True),
    ("legal services", Label.ORGANIZATION, True), ("legal aid", Label.ORGANIZATION, True),
    ("senior services", Label.ORGANIZATION, True), ("inspectional services", Label.ORGANIZATION, True),
    ("multi-service center", Label.ORGANIZATION, True),
    # public services, schools, funeral homes, cooperatives and trades (ORGANIZATION)
    *_phrases(Label.ORGANIZATION,
              strong="funeral home|funeral service|funeral services|mortuary|donor network|organ bank|eye bank|food bank|"
                     "food pantry|agency on aging|council on aging|correctional facility|correctional center|county jail|"
                     "sheriff's office|police department|"
                     "fire department|health department|state university|community college|institute of technology|"
                     "credit union|farm bureau|electric co-op|feed mill|paper mill|waste haulers",
              weak="jail|university|college|academy|cooperative|wrecker|towing|trucking|construction|landscaping"),
    # places of worship the landmark pass does not know, associations and the trades patients work in
    # (ORGANIZATION; courts have their own pass, ``_court_spans``): "Wounded Warrior Project", "Five Rivers Freight", "Harborline Realty"
    *_phrases(Label.ORGANIZATION,
              strong="adult probation|county probation|youth authority|islamic center|islamic society|"
                     "jewish community center|ministries|masjid|gurdwara|realty|freight|produce|hardware|auto body|"
                     "auto parts|plumbing|roofing|airlines|railroad|bus lines|bakery|restaurant|supermarket|grocery|"
                     "shipyard|packaging|logistics|staffing|manufacturing|air medical|air ambulance|home respiratory|"
                     "refining|refinery|drydock|dry dock|shipbuilding|marine works|oilfield services|petrochemical|"
                     "marine fabrication|offshore services",
              weak="society|association|foundation|project|services|systems|solutions|technologies|"
                   "international|transit|motors|mechanical|electric|market|farms|dairy|ranch|diner|tavern|grill|cafe|"
                   "hotel|casino|salon|club|probation"),
    # care providers with an unusual head (HOSPITAL)
    ("eye care", Label.HOSPITAL, True), ("vision care", Label.HOSPITAL, True), ("dental care", Label.HOSPITAL, True),
    ("birth center", Label.HOSPITAL, True), ("sleep center", Label.HOSPITAL, False), ("vet center", Label.HOSPITAL, True),
    ("eye institute", Label.HOSPITAL, True), ("endodontics", Label.HOSPITAL, False), ("orthodontics", Label.HOSPITAL, False),
    ("orthotics & prosthetics", Label.HOSPITAL, True), ("treatment program", Label.HOSPITAL, False),
    ("student health services", Label.HOSPITAL, True), ("perinatal counseling", Label.HOSPITAL, True),
)


def _trade_phrase_index() -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
    """Head word → [(the phrase's words, label, strong)], longest phrase first."""
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for phrase, label, strong in _TRADE_PHRASES:
        words = tuple(phrase.split())
        index.setdefault(words[-1], []).append((words, label, strong))
    for options in index.values():
        # longest first; of equal phrases the strong one ("pediatrics" is also among the weak specialties)
        options.sort(key=lambda o: (-len(o[0]), not o[2]))
    return index


_TRADE_INDEX = _trade_phrase_index()
# a place named after a saint with no head word after it: "transferred to St. Luke's", "her parish, St. Pius V", "ST.
# LUKE'S MID AMERICA"; "St."/"Saint" then a first name (or any word with "'s"), maybe a regnal number and "of" a place.
# The "S" is matched before the look-behind, so that the regex engine skips ahead to capital S's (twenty times faster
# than a leading look-behind; the same matches)
_SAINT = re.compile(
    r"S(?<![\w.]S)(?:t\.?|te\.?|aint|T\.|TE\.|AINT)[ \t]+(?P<name>[A-Z][a-z]{2,}|[A-Z]{3,})(?P<poss>['’][sS])?"
    r"(?:[ \t]+(?:[IVX]{1,4}|[A-Z][a-z]+|[A-Z]{2,})(?=[ \t]*(?:[,;:)\n]|-|$)))?"  # "St. Pius X", "St. Stanislaus Kostka"
    r"(?:[ \t]+(?:of|OF)[ \t]+(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ \t]+(?:[A-Z][a-z]+|[A-Z]{2,}))?)?"  # "of New Bedford"
)
# what a saint's name before these is: a valve or pacemaker maker ("St. Jude mechanical valve"), a herb, a disease
_SAINT_NOT_BEFORE = re.compile(
    r"[ \t]*(?i:mechanical|valve|bileaflet|prosthe|pacemaker|medical|icd|lead|device|defibrillator|biocor|epic|trifecta|"
    r"regent|wort|dance|fire|encephalitis|virus|street|st\b|ave|avenue|road|rd\b|blvd|boulevard|lane|drive|place|way)"
)
_PERSON_TITLES_BEFORE = frozenset("dr mr mrs ms miss fr father rev sister brother".split())
# a saint's name in a church's context is the parish, elsewhere most often a hospital
_CHURCH_CONTEXT = re.compile(r"(?i)\b(?:parish|church|mass|chaplain|priest|pastor|congregation|parishioner|rosary|school)\b")


def _saint_spans(text: str) -> list[Span]:
    """Places named after a saint, with no head word ("St. Luke's", "St. Elizabeth accepted") → HOSPITAL 0.7, or
    ORGANIZATION near a church word; never a city ("St. Louis"), a street ("Green St. Hx": a capitalized word or a
    number right before), a maker's device ("St. Jude valve") or "St. John's wort"."""
    out: list[Span] = []
    firsts = lex.first_names()
    for m in _SAINT.finditer(text):
        name = m.group("name")
        key = name.lower()
        if not (m.group("poss") or key in firsts) or _SAINT_NOT_BEFORE.match(text, m.end("name") + len(m.group("poss") or "")):
            continue
        if name.isupper() and text[m.start() : m.start("name")].strip() not in ("ST.", "STE.", "SAINT"):
            continue  # in capitals only after "ST." or "SAINT" ("ST ELEVATION", "HR 110s ST" are sinus rhythms and segments)
        if any(f"{w} {key}" in lex.cities() for w in ("st.", "st", "saint")):
            continue  # "St. Louis", "St. Paul"
        before = text[max(0, m.start() - 30) : m.start()]
        prev = before.rsplit(None, 1)[-1] if before.strip() and "\n" not in before[len(before.rstrip()) :] else ""
        word = prev.rstrip(".").lower()
        if prev and (prev[-1].isdigit() or word in _PERSON_TITLES_BEFORE or (
                prev[0].isupper() and prev[-1].isalpha() and word not in FUNCTION_WORDS and word not in PLACE_CUES
                and word not in FACILITY_CUES)):
            continue  # "401 Broad St. Luke", "Thayer St. Check", "Dr. St. John" (a person named after a saint)
        label = Label.ORGANIZATION if _CHURCH_CONTEXT.search(text, max(0, m.start() - 40), m.start()) else Label.HOSPITAL
        out.append(Span(m.start(), m.end(), label, 0.7, "locations:saint_name"))
    return out


# kinds of home written in lowercase after a name in mixed-case text (``_trade_name_spans``)
_LOWERCASE_TRADE_PHRASES = frozenset({("assisted", "living"), ("memory", "care"), ("senior", "living"), ("skilled", "nursing")})
_LOWERCASE_TRADE_HEADS = frozenset(words[-1] for words in _LOWERCASE_TRADE_PHRASES)
_TRADE_WORDS = frozenset(w for words in _TRADE_INDEX.values() for o in words for w in o[0]) - {"&"}
# words that describe a service rather than name a business: a name made only of them (and trade words)
# is a department or a kind of care ("Outpatient Pharmacy", "Pediatric Cardiology", "Skilled Home Health")
_GENERIC_NAME_WORDS = _DEPARTMENT_WORDS | _NOT_A_NAME_START | frozenset(
    """outpatient inpatient clinical specialty retail hospital hospitals discharge central compounding mail order
    pediatric adult adolescent child women's womens men's mens geriatric senior skilled nursing acute subacute
    sub-acute post-acute long-term term long short extended chronic mobile in-home home onsite on-site hospital-based
    occupational speech physical respiratory cardiopulmonary pulmonary cardiac vestibular pelvic hand aquatic
    sports integrative comprehensive advanced preventive interventional diagnostic therapeutic interdisciplinary
    multidisciplinary academic university medical health care services service division section department dept
    board school college doctor bachelor master fellowship residency program consult consults consultation
    recommend recommended recommends continue resume refer referral referred order ordered obtain arrange
    arranged contact call notify discuss discussed per with by via the and of inpt outpt clinic clinics team teams
    unit units network networks group associates partners usual routine standard expected expect need needs
    medicare medicaid tricare women men street illicit recreational prescription otc student students disability
    disabilities elder social protective environmental support guest patient""".split()
)
_TRADE_GAP = re.compile(r"[ \t]+|[ \t]*&[ \t]*|['’]s?[ \t]+|\.[ \t]+")  # no " - ": "Ellis Hospital - Radiology"
# the words before "of" inside a name ("Our Lady of Guadalupe Parish", "Sisters of Mercy Home Health");
# elsewhere "of" ends the name ("Dr. Ruiz of Urology", "a resident of Elm Heights Nursing & Rehab")
_TRADE_OF_INSIDE = frozenset({"lady", "sisters", "daughters", "brothers", "friends", "city", "town", "county", "village"})
_TRADE_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "la", "del", "los", "las", "san", "st"})
_TRADE_OF = re.compile(r"[ \t]+(?:of|OF)[ \t]+(?:(?:the|THE)[ \t]+)?([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})")
_TRADE_SUFFIX = re.compile(r",?[ \t]+(?:PLLC|P\.?L\.?L\.?C\.?|P\.?C\.|PC|LLC|L\.L\.C\.|LLP|Inc\.?|INC\.?|P\.?A\.)(?![\w.])|,?[ \t]+(?:PLLC|PC|LLC|LLP)\b")
_TRADE_CUE_BEFORE = re.compile(r"(?:\(|:|\b(?:at|from|to|with|w/|by|through|via|thru))[ \t]*$", re.I)
# words that end the name on the left in a line without casing evidence (ALL CAPS or lowercase)
_TRADE_STOP_UPPER = frozenset(
    """note visit report evaluation eval re-evaluation reevaluation assessment plan client patient pt agency
    practice branch payer insurance provider facility referral referred ordering clinic department service
    to from at re attn fax phone tel cc""".split()
)


@lru_cache(maxsize=1)
def _trade_heads() -> frozenset[str]:
    return frozenset(_TRADE_INDEX)
# verbs and adverbs that start an order or a sentence before a trade phrase
_TRADE_STARTERS = frozenset(
    """continue continued cont resume resumed consult consulted recommend recommended refer referred arrange arranged
    schedule scheduled call called contact contacted notify notified order ordered start started stop stopped hold
    obtain check see seen send sent set setup start will may might needs need needed discussed spoke faxed
    discharge discharged today tomorrow yesterday also then now please follow followed notes note per via""".split()
)
_POSSESSIVE_S = re.compile(r"['’]s(?!\w)")
_TRADE_NOT_AFTER = frozenset(
    """aide aides aid note notes consult consults evaluation eval order orders recommendations recs progress team staff
    student students resident residents fellow fellows attending department dept service rounds protocol policy
    history hx exam referral visit visits admission admissions technician tech techs guidelines guideline criteria
    assessment assessments coordinator coordinators support specialist specialists counselor screening""".split()
)


def _trade_prev(text: str, tokens: list[Token], j: int) -> tuple[int, bool] | None:
    """The word before ``tokens[j]`` in a trade phrase: (its index, joined by "&" or "and"), or None."""
    if j == 0:
        return None
    p = tokens[j - 1]
    gap = text[p.end : tokens[j].start]
    if p.lower == "and" and _SPACE.fullmatch(gap) and j >= 2 and _SPACE.fullmatch(text, tokens[j - 2].end, p.start):
        return j - 2, True
    if _SPACE.fullmatch(gap):
        return j - 1, False
    if _AMP_GAP.fullmatch(gap):
        return j - 1, True
    return None


_AMP_GAP = re.compile(r"[ \t]*&[ \t]*")


def _trade_phrase_start(text: str, tokens: list[Token], i: int, words: tuple[str, ...], mixed: bool) -> int | None:
    """The index of the first token of the trade phrase ``words`` ending at ``tokens[i]``, or None."""
    j = i
    k = len(words) - 1
    while k > 0:
        k -= 1
        amp = words[k] == "&"
        if amp:
            k -= 1
        prev = _trade_prev(text, tokens, j)
        if prev is None or prev[1] != amp:
            return None
        j = prev[0]
        p = tokens[j]
        if p.lower != words[k] or (mixed and not (p.is_title or p.is_upper)):
            return None
    return j


@lru_cache(maxsize=100_000)
def _trade_proper(word: str) -> bool:
    """A word that names something by itself: no common English word ("Riverbend", "Essex", "Whatcom")."""
    return not _is_common(word) or word_info(word).prior >= 0.3 or word in lex.cities()


# words of geography that name a practice as a town's name would ("Mid-Valley Cardiology", "Green Mountain
# Dermatopathology", "Front Range Imaging", "Coastal Bend Hematology")
_GEOGRAPHY_WORDS = frozenset("""valley mountain mountains range ridge river lake lakes bay harbor harbour coast coastal shore shores
    creek hills mesa canyon desert prairie plains forest pines oaks cedar cedars sound island islands summit peak delta gulf bayou
    sierra piedmont tidewater lowcountry highlands uplands northwest northeast southwest southeast midwest mid-valley
    bend""".split())


@lru_cache(maxsize=100_000)
def _trade_place_or_surname(word: str) -> bool:
    """A place or a person's name: "Essex", "Omaha", "Cornell", "Brennan-Lowell", a word of geography ("Valley",
    "Mid-Valley", "Green Mountain")."""
    if word in lex.cities() or word in lex.us_states() or word in lex.countries():
        return True
    if word in _GEOGRAPHY_WORDS or ("-" in word and any(p in _GEOGRAPHY_WORDS for p in word.split("-"))):
        return True
    w = word_info(word)
    return w.prior >= 0.3 or w.last


def _trade_proper_or_named(word: str) -> bool:
    return _trade_proper(word) or _trade_place_or_surname(word)


@lru_cache(maxsize=100_000)
def _trade_clinical(word: str) -> bool:
    """A word of clinical prose rather than of a business name ("nuclear", "sleep", "wound")."""
    counts = lex.clinical_word_counts().get(word)
    return word in lex.medical_terms() or word in lex.clinical_abbreviations() or (counts is not None and counts[0] >= 20)

# a union local or a veterans' post by its number: "Steamfitters Local 417", "USW LOCAL 1219", "vfw post 1138",
# "American Legion Post 12"
_UNION_OR_POST = re.compile(
    r"\b(?:(?:[A-Z][A-Za-z&'’-]*[ \t]+){1,3}(?:Local|LOCAL)|(?i:vfw|amvets|american[ \t]+legion)[ \t]+(?i:post))[ \t]+#?\d{1,5}\b"
    r"(?![ \t]*(?:%|\.\d|(?i:mg|ml|cc|mcg)\b))")
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
_ROAD_NUMBER = re.compile(r"[ \t]+\d{1,3}[A-Z]?\b(?![.,]\d|[ \t]*(?:mg|ml|%|units?|of)\b)")
# a house number and street ending in a comma right before the city (same line or the line before)
_STREET_BEFORE_CITY = re.compile(
    r"\b\d{1,6}[A-Za-z]?[ \t]+(?:[A-Za-z'’-]+\.?[ \t]+){0,4}([A-Za-z]+)\.?(?:[ \t]+(?:apt|unit|ste|suite|#)\.?[ \t]*#?\w{1,5})?"
    r"[ \t]*,[ \t]*\n?[ \t]*(?:[A-Z][\w'’.-]*[ \t]+){0,2}\Z",
    re.I,
)
