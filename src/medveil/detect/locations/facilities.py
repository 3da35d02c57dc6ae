"""Hospitals and other care facilities: names by their shape (capitalized words before a facility word: "Mount
Auburn Hospital", "St. Elizabeth's Medical Center"), landmarks ("the Walter Library"), letterheads, hospital
abbreviations and acronyms ("MGH", "GMH Cardiology"), wards named after people ("Montoya 3"), unknown abbreviations
where a facility is expected ("transferred from CMC"), places named after a saint ("St. Luke's") and Spanish
facility names ("Clínica Santa María").

Also the words that name a department of any hospital (``_DEPARTMENT_WORDS``), which the trade-name and
"admitted to" passes use too."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, count

from medveil import lexicons as lex
from medveil.detect.locations._common import (
    _LETTERS,
    _PLACE_WORDS,
    _SPACE,
    FACILITY_CUES,
    PLACE_CUES,
    _bounded,
    _is_common,
    _is_state_name,
    _key_gate,
    _matches,
)
from medveil.detect.names import CREDENTIALS, FUNCTION_WORDS, word_info
from medveil.detect.text import LOWER as LOWER_CASE
from medveil.detect.text import MIXED, Token
from medveil.document import Span
from medveil.labels import Label

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
            # a part is kept when it is capitalised, keyed (or after a keyed part) and proper or named: the tests in
            # order of cost, each ending the name as soon as it fails
            if not all(w[0].isupper() or low in _LETTERHEAD_CONNECTORS or low in _LETTERHEAD_SUFFIXES
                       for w, low in zip(words, lows, strict=True)):
                break
            keyed = any(low.rstrip("'’s") in _LETTERHEAD_KEYS or low in _LETTERHEAD_KEYS for low in lows) or (
                addressed and len(parts) == 1 and any(low in _ADDRESSED_LETTERHEAD_KEYS for low in lows))
            if not (keyed or found):
                break
            proper = any(not _is_common(low.strip("'’s.")) and low not in _DEPARTMENT_WORDS and low not in _LETTERHEAD_CONNECTORS
                         and low not in lex.clinical_word_counts() and low not in lex.medical_terms()
                         and len(low) > 2 and low not in _LETTERHEAD_SUFFIXES and not low.startswith(("dr", "md"))
                         for low in lows)
            # above a street address a word that names rather than describes will do ("COASTAL HEAD & NECK SURGERY, P.C.",
            # "DESERT SKY GASTROENTEROLOGY"; not "Division of Rheumatology", "Breast Oncology Program")
            named = not proper and addressed and len(parts) == 1 and any(
                low not in _DEPARTMENT_WORDS and low not in _ADDRESSED_LETTERHEAD_KEYS and low not in _LETTERHEAD_KEYS
                and low not in _LETTERHEAD_CONNECTORS and low not in _LETTERHEAD_SUFFIXES and low not in _UNIT_OF_WORDS
                and low not in lex.clinical_word_counts() and low not in lex.medical_terms() for low in lows)
            if not (proper or named):
                break
            found = found or keyed
            end = line_start + line.index(part) + len(part.rstrip(" ,"))
        if found and end > line_start:
            out.append(Span(line_start, end, Label.HOSPITAL, 0.8, "locations:letterhead"))
    return out


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
    residential anticoag anticoagulation coumadin""".split()
) | _CARE_KINDS
# what a department of any hospital is also named by ("Family Medicine", "GERIATRIC PRIMARY CARE", "PTSD CLINIC")
_DEPARTMENT_QUALIFIERS = frozenset(
    """family geriatric adolescent ptsd refugee travel memory sleep movement device genetics neurogenetics
    women's womens men's headache epilepsy stroke diabetes lipid bariatric""".split()
)
# verbs that stand before a facility's name, never in it ("called worthington family clinic")
_VERBS_BEFORE_A_PLACE = frozenset("""called calling call visited visiting contacted phoned faxed paged emailed messaged
    transferred admitted discharged referred seen sent went go going goes attends attended recommend recommends
    recommended needs need ordered order requested request arranged arrange resume resumed start started continue""".split())
# abbreviations with a period inside a place's name ("St. Luke's", "Mt. Sinai", "Smith Co. Hospital")
_NAME_ABBREVIATIONS = frozenset({"st", "mt", "ft", "dr", "jr", "sr", "co", "inc", "ste", "univ", "ctr", "hosp", "med"})
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


def _title_or_upper(*phrases: str) -> str:
    """A regex alternation of the phrases, each as written and in capitals, blanks between words."""
    forms = [p for phrase in phrases for p in (phrase, phrase.upper())]
    return "|".join(r"[ \t]+".join(w for w in f.split()) for f in forms)


# Spanish names of facilities and organizations, the head word first: "Clínica Santa María", "Centro de Salud Familiar
# La Fe", "Farmacia San José", "Iglesia Pentecostal Monte Sion", "Parroquia San Patricio", "Hospital del Niño".
# "Hospital" alone opens English headers ("Hospital Course:"): only before a Spanish word
_ES_HOSPITAL_HEADS = _title_or_upper("Cl[ií]nica", "Policl[ií]nica", "Sanatorio", "Consultorio", "Centro M[ée]dico", "Centro de Salud")
_ES_ORG_HEADS = _title_or_upper("Farmacia", "Iglesia", "Parroquia", "Capilla", "Escuela", "Colegio", "Universidad", "Seguros",
                                "Aseguradora")
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
                  "Escuela", "ESCUELA", "Colegio", "COLEGIO", "Universidad", "UNIVERSIDAD", "Seguros", "SEGUROS", "Aseguradora",
                  "ASEGURADORA")


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


# kinds of care facility by their letters after the name ("Kingsbury Crossing LTACH", "Lakeview Manor TCU", "Saugus Point
# CHC", "Red Lake IHS"): long-term acute care, transitional care, community health, Indian Health Service (not SNF, ALF,
# IRF: kinds of care far more often than names)
_ACRONYM_HEADS = frozenset({"ltach", "ltac", "tcu", "chc", "fqhc", "ihs"})
# A facility name ends in one of these words; "center"/"home" only after a word that makes them one.
_FACILITY_HEADS = frozenset(
    {
        "hospital", "hospitals", "hosp", "clinic", "clinics", "infirmary", "rehab", "sanatorium", "hospice",
        "vamc", "memorial", "manor", "associates", "practice", "vna", "village", "house", "gardens", "commons",
        "cboc",  # a VA community-based outpatient clinic ("Loch Raven VA CBOC")
        *_ACRONYM_HEADS,
    }
)
# the last word of a note's title in capitals ("DEVICE CLINIC REVIEW", "TELEPHONE NOTE")
_NOTE_TITLE_WORDS = frozenset("""review note notes report summary evaluation eval consult consultation letter visit
    transmission log form record encounter assessment""".split())
_FACILITY_GAP = re.compile(r"(?i)['’]?s?\.?[ \t]+|[ \t]*-[ \t]*|\.?[ \t]*|[ \t]+&[ \t]+")  # "Diabetes & Endocrine Associates"
_POSSESSIVE_GAP = re.compile(r"(?i)['’]s[ \t]+")
_POSSESSIVE_HEADS = frozenset({"home", "house", "place", "inn", "manor", "residence", "lodge"})
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# the shape of a hospital's acronym: "... Medical Center", "... Hospital", "... General Hospital", "... Regional
# Hospital" ("QRMC", "BLUMC", "GMH", "PGH", "NRMC")
_HOSPITAL_SHAPED_ACRONYM = re.compile(r"\b[A-Z]{1,4}(?:MC|MH|GH|RH)\b")
# disease and program abbreviations that name clinics ("IBD clinic", "TB clinic"), not hospitals
_DISEASE_ACRONYMS = frozenset("ibd cf tb als ra sle std sti ptsd adhd mat vad lvad hcm ms ckd hiv hcv hbv copd".split())
_FACILITY_AFTER_ABBREV = frozenset({"ed", "er", "icu", "micu", "sicu", "ccu", "hospital", "clinic", "campus", "er/ed"})
_OF_PLACE = re.compile(r"[ \t]+(?:of|OF|Of)[ \t]+((?:[A-Za-z][\w'’.-]*)(?:[ \t]+[A-Z][\w'’.-]*){0,2})")


def _known_place(words: str) -> bool:
    """``words`` (after "of") begin with a town or a US state the lexicons know: "Washington", "Southern Nevada"."""
    parts = words.split()
    names = (" ".join(parts[:k]).lower().rstrip(".,") for k in range(1, len(parts) + 1))
    return any(name in lex.cities() or _is_state_name(name) for name in names)


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
# the organs and specialties that also qualify a center or an institute ("Riverside Diabetes & Endocrine Center", "Silicon
# Valley Ear Institute", "Hampton Roads Heart Rhythm Center", "Codorus Valley Ear & Balance Center")
_SPECIALTY_QUALIFIERS = frozenset("""endocrine endocrinology ear balance rhythm arrhythmia foot ankle hand joint bone sports
    allergy asthma dermatology urology retina vision cornea glaucoma cardiac cardiology hematology gastroenterology
    ent voice sinus pulmonary pediatric maternity podiatry orthopaedic""".split())
# a center or an institute named by its kind after "for" ("Kempsville Center for Behavioral Health", "Institute for
# Family Health"): the capitalized words after "for"
_FOR_KIND = re.compile(r"[ \t]+for[ \t]+((?:[A-Z][\w'’-]*)(?:[ \t]+(?:&|and|[A-Z][\w'’-]*)){0,3})")
# the kinds of care a center named "… Center for …" gives (else it is an organization: "Center for Legal Services")
_CARE_AFTER_FOR = (_DEPARTMENT_WORDS | _CARE_KINDS | frozenset(
    "health healthcare medicine wellness healing rehabilitation nursing hospice children women families".split())) - frozenset(
    "service services team unit units day".split())
_QUALIFIED_HEADS = {
    "center": {"medical", "health", "cancer", "rehabilitation", "rehab", "surgical", "surgery", "care", "heart", "trauma", "dialysis", "nursing",
               "diabetes", "kidney", "renal", "transplant", "eye", "wellness", "breast", "vascular", "spine", "wound", "infusion",
               "imaging", "endoscopy", "psychiatric", "behavioral", "stroke", "burn", "orthopedic", *_CARE_KINDS,
               *_SPECIALTY_QUALIFIERS},
    "centre": {"medical", "health", "cancer", "rehabilitation", "surgical", "care", "heart", *_CARE_KINDS},
    "ctr": {"medical", "med", "health", "hlth"},
    # and the homes of a church, an order or a veterans' body ("Nokomis Lutheran Home", "the Jewish Home of Rochester")
    "home": {"nursing", "care", "rest", "convalescent", "lutheran", "jewish", "masonic", "baptist", "methodist",
             "presbyterian", "episcopal", "mennonite", "moravian", "veterans", "veterans'", "soldiers", "soldiers'"},
    "institute": {"cancer", "heart", "medical", "health", "transplant", "rehabilitation", "orthopedic", "spine", "kidney",
                  "diabetes", "vascular", "cardiovascular", "eye", *_CARE_KINDS, *_SPECIALTY_QUALIFIERS},
    "facility": {"nursing", "care", "rehabilitation", "skilled", "medical"},
    "living": {"senior", "assisted"},
    "care": {"health", "primary", "urgent", "nursing", "senior", "continuing", "elder"},
    "schools": set(),
    "medicine": {"internal", "family", "sports"},
    "group": {"medical", "pulmonary", "cardiology", "health", "physicians", "oncology", "neurology", "surgical"},
    "healthcare": set(),
    "system": {"health"},
    # a dialysis unit or a home-health or community-health agency by its name ("hunter creek dialysis", "lifespring home
    # health", "treasure coast community health"): "dialysis" and "health" after a qualifier
    "dialysis": {"kidney", "renal", *_PLACE_WORDS},
    "health": {"home", "community"},
    "unit": {"service"},  # an Indian Health Service hospital ("Rosebud IHS Service Unit", "Northern Cheyenne Service Unit")
    # a hospital's short name ("Wyoming Valley General", "Lakeview Regional"): only with a proper word or a cue
    # (``_PROPER_OR_CUE_HEADS``), never "Attorney General", "Surgeon General"
    "general": set(),
    "regional": set(),
}
_PROPER_OR_CUE_HEADS = frozenset({"general", "regional"})
_NAMED_QUALIFIED_HEADS = frozenset({"health", "dialysis"})  # a name needs a word before the qualifier too


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


# a dialysis or clinic chain's unit by its branch ("Fresenius Kidney Care Park Heights", "DaVita Riverside", "FRESENIUS
# KIDNEY CARE EAST CHARLESTON"): the chain's name, then up to three capitalized words of the branch
_CHAIN = re.compile(
    r"\b(?i:fresenius(?:[ \t]+(?:kidney|medical)[ \t]+care)?|davita(?:[ \t]+dialysis)?|u\.?s\.?[ \t]+renal[ \t]+care"
    r"|american[ \t]+renal(?:[ \t]+associates)?|satellite[ \t]+healthcare|dialysis[ \t]+clinic,?[ \t]+inc\.?)"
    r"((?:[ \t]+[A-Z][\w'’.-]*)*)")
_CHAIN_HINTS = ("fresenius", "davita", "renal care", "american renal", "satellite healthcare", "dialysis clinic")  # (lowercased)
# words that end a branch's name: a weekday, a month, a note's words ("Chairside", "Progress"), a ward's parts
_CHAIN_BRANCH_STOP = frozenset("""chairside progress note notes run sheet treatment tx unit chair station md rn hd pd
    dialysis""".split())


def _chain_spans(text: str) -> list[Span]:
    """Units of dialysis chains by their branch (``_CHAIN``) → HOSPITAL 0.85: the chain's name and the capitalized
    words after it, up to a weekday, a month or a word of the note (``_CHAIN_BRANCH_STOP``)."""
    out = []
    for m in _CHAIN.finditer(text):
        end = m.start(1)  # (the brand's end)
        for w in re.finditer(r"\S+", m.group(1)):
            low = w.group().lower().strip(".,")
            if (low in _CHAIN_BRANCH_STOP or low in lex.weekdays() or low in lex.months() or low in FUNCTION_WORDS
                    or low in lex.stop_words() or low in lex.clinical_abbreviations()):
                break  # (and "TRANSFERRED TO FRESENIUS FOR FURTHER CARE", "FRESENIUS TODAY")
            end = m.start(1) + w.end()
        if end == m.start(1) and text[m.start() : end].lower() in ("fresenius", "davita"):
            continue  # the bare brand: a dialysis machine ("Fresenius 2008T") or the company, no unit
        out.append(Span(m.start(), end, Label.HOSPITAL, 0.85, "locations:chain"))
    return out


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


def _hospital_acronym_spans(text: str, found: list[Span], cues: dict[str, list[int]] | None) -> list[Span]:
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


def _transfer_abbreviation_spans(text: str, lower: str, cues: dict[str, list[int]] | None) -> list[Span]:
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


def _ward_spans(text: str, cues: dict[str, list[int]] | None) -> list[Span]:
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


# -- facility names --------------------------------------------------------------------------
def _facility_spans(text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
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
        if t.text in abbreviations or (
                # "at mgh", "intubated at hcmc" in a lowercase note; never a word or shorthand ("increase to bid", "chop")
                t.casing != MIXED and t.text.islower() and t.text.upper() in abbreviations and low not in clinical
                and low not in heads and lex.word_frequency(low) < 3.0):  # ("james river vamc": a head, read below)
            # "MGH", "BIDMC": only where a facility is expected ("seen in MGH ED", "transferred from BWH")
            before = tokens[i - 1].lower if i > 0 else ""
            after = tokens[i + 1].lower if i + 1 < n else ""
            if (before in FACILITY_CUES and before != "ed") or after in _FACILITY_AFTER_ABBREV:
                out.append(Span(t.start, t.end, Label.HOSPITAL, 0.8, "locations:hospital_abbreviation"))
            continue
        possessive_home = low in _POSSESSIVE_HEADS and i > 0 and _POSSESSIVE_GAP.fullmatch(text, tokens[i - 1].end, t.start)
        landmark = low in _LANDMARK_HEADS
        for_kind = None
        if low not in heads and not possessive_home and not landmark:
            quals = _QUALIFIED_HEADS.get(low)
            # (the qualifier may end a hyphenated word: "Keswick Multi-Care Center")
            if quals is None or i == 0 or (quals and tokens[i - 1].lower.rsplit("-", 1)[-1] not in quals):
                # or a center named by its kind after "for" in a mixed-case line ("Kempsville Center for Behavioral Health")
                for_kind = _FOR_KIND.match(text, t.end) if low in ("center", "centre", "institute") and t.is_title else None
                if for_kind is None or i == 0 or t.casing != MIXED:
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
            if mixed and p.is_upper and w in _NOTE_TITLE_WORDS and tokens[j + 1].is_title and not tokens[j + 1].is_upper:
                break  # "DEVICE CLINIC REVIEW Hampton Roads Heart Rhythm Center": a note's title in capitals before it
            if mixed:
                if (not (p.is_title or p.is_upper or w in ("of", "the", "for", "and", "&")) or w in _VERBS_BEFORE_A_PLACE
                        or (len(w) >= 3 and w in CREDENTIALS)):
                    break  # (and "Recommend Home Health PT/OT": a verb before a kind of care; "PharmD, CACP Anticoag Clinic")
            elif (tokens[j + 1].lower in ("for", "the") and w not in ("of", "the", "for", "and", "&") and w not in keywords
                  and w not in _PLACE_WORDS and _is_common(w)):
                break  # "GIVEN THE NUMBER FOR THE CLINCH RIVER": a common word before "for the" is no part of the name
            elif w in keywords or w in _PLACE_WORDS or w in ("of", "the", "for", "and", "&"):
                pass  # "ST. ANNE'S", "MOUNT WELCH JUNCTION", "NURSING AND REHAB"
            elif " -" in gap or "- " in gap:
                break  # "TEAM CONFERENCE - INPATIENT REHAB", "HOME VISIT - FAMILY PRACTICE": a heading's dash
            elif w in _DEPARTMENT_WORDS or w in _DEPARTMENT_QUALIFIERS or w in _CARE_KINDS:
                pass  # "worthington family clinic", "WESTSIDE PAIN CLINIC": a kind of care inside the name (a name of such
                # words only is a department: below)
            elif w in _VERBS_BEFORE_A_PLACE:
                break  # "called worthington family clinic": a verb before the name is no part of it
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
        of_place = t.casing != LOWER_CASE and (m := _OF_PLACE.match(text, t.end)) is not None and _known_place(m.group(1))
        proper_word = proper_word or of_place  # "Rehabilitation Institute of Washington": named by its place
        if not proper_word and not cue and (t.casing != MIXED or name_words[0].lower in _NOT_A_NAME_START or low in _PROPER_OR_CUE_HEADS):
            continue  # "Brief Hospital", "PAST MEDICAL", "Attorney General": no proper word in it
        if low in _ACRONYM_HEADS and len(name_words) == 1 and lex.word_frequency(name_words[0].lower) >= 3.0 and (
                word_info(name_words[0].lower).prior < 0.3 and name_words[0].lower not in lex.cities()):
            continue  # "Recommends TCU": one common word before the letters is no name
        if low in _NAMED_QUALIFIED_HEADS and first > i - 2:
            continue  # "HOME HEALTH", "home dialysis": a kind of care; "lifespring home health" is an agency
        if low in _PROPER_ONLY_HEADS and not (proper_word and t.text[0].isupper()):
            continue  # "Navajo Nation", "Manoa Falls", "Beclabito Chapter"; not "ultimately falls", "First Nation"
        if not of_place and all(w.lower in _DEPARTMENT_WORDS or w.lower in _DEPARTMENT_QUALIFIERS for w in name_words):
            continue  # "HF Clinic", "VASCULAR SURGERY CLINIC", "seen at Internal Medicine", "HEPATOLOGY CLINIC": a department
        # extend right over trailing keywords ("Medical Center", "Nursing and Rehab")
        end = t.end
        k = i + 1
        while k < n and (tokens[k].lower in keywords or tokens[k].lower == "and") and _SPACE.fullmatch(text, tokens[k - 1].end, tokens[k].start):
            if tokens[k].lower == "and" and not (k + 1 < n and tokens[k + 1].lower in keywords):
                break
            end = tokens[k].end
            k += 1
        if for_kind is not None:
            end = for_kind.end(1)  # "… Center for Behavioral Health"
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
        elif for_kind is not None and not any(w.lower() in _CARE_AFTER_FOR for w in for_kind.group(1).split()):
            # "Mississippi Center for Legal Services": a center of another kind than care is an organization
            out.append(Span(start, end, Label.ORGANIZATION, score, "locations:facility_shape"))
        else:
            out.append(Span(start, end, Label.HOSPITAL, score, "locations:facility_shape"))
    return out


# a town right after a care facility's name and a comma: "HOLY REDEEMER REHABILITATION CENTER, NEWTON, FOR SHORT-TERM",
# "FIRST HILL TRAUMA CENTER, SEATTLE PT:", "Canyon Vista Clinic, Globe." (up to three capitalized words, then a clause's
# end, a comma, a bracket, a state or a ZIP)
_TOWN_AFTER_FACILITY = re.compile(
    r"[ \t]*,[ \t]*((?:[A-Z][A-Za-z'’.-]+)(?:[ \t]+[A-Z][A-Za-z'’.-]+){0,2})(?![A-Za-z'’.-])"
    r"(?=[ \t]*(?:[,.;:()\n]|$|[A-Z]{2}\b|\d{5}\b))")


def _town_after_facility_spans(text: str, spans: list[Span]) -> list[Span]:
    """A town the gazetteer knows right after a facility's name and its comma → CITY 0.8 (``_TOWN_AFTER_FACILITY``;
    any casing: in capitals the gazetteer's own pass needs a cue word before a town)."""
    out: list[Span] = []
    for sp in spans:
        if sp.label != Label.HOSPITAL:
            continue
        m = _TOWN_AFTER_FACILITY.match(text, sp.end)
        if m is None:
            continue
        name = m.group(1)
        words = name.split()
        # the longest run of the first words that the gazetteer knows as a town ("SEATTLE", "Santa Rosa")
        for k in range(len(words), 0, -1):
            town = " ".join(words[:k]).rstrip(".")
            places = lex.cities().get(town.lower())
            # a town that is also a common word only when it is a big one ("SEATTLE"; not "Globe", "Enterprise")
            if places and (not _is_common(town.lower()) or max(pop for _c, _s, pop in places) >= 50_000):
                s = m.start(1)
                out.append(Span(s, s + len(town), Label.CITY, 0.8, "locations:town_after_facility"))
                break
    return out
