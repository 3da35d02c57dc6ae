"""Person names: lexicons weighed by frequency, casing where it informs, and context cues.

How a word becomes a name, in three steps:

1. **Prior** — how often this word is a name when it is written at all. The census share of the
   name gives the rate at which it should occur as a name in running text; the English word
   frequency gives the rate at which it occurs at all. ``Smith`` is nearly always a name,
   ``Brown`` about a third of the time, ``Will``, ``Hope`` and ``May`` almost never. Function words,
   clinical shorthand, eponyms, months and weekdays have no prior at all.
2. **Casing** — in a mixed-case line a capitalized word mid-sentence raises the prior, a lowercase
   one lowers it; ALL CAPS or lowercase lines carry no such evidence.
3. **Context** — titles (``Dr.``, ``Mrs``), relations (``wife``, ``dtr``, ``HCP``), signatures and
   credentials (``, MD``, ``RN``), verbs of contact (``seen by``, ``d/w``) and neighbouring names
   ("Mark" next to "Brown") make a word a name whatever the lexicon says, and give it its role.

A word whose final score reaches the resolver's threshold (0.5) is a name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count

from medveil import lexicons as lex
from medveil.detect.text import LOWER, MIXED, Token, labels_a_field, token_lowers, token_starts, tokenize
from medveil.document import Document, Span
from medveil.labels import Label

# --- cues -----------------------------------------------------------------------------------------

PROVIDER_TITLES = frozenset({"dr", "drs", "doctor", "doc", "prof", "professor", "dr's"})
PATIENT_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mister", "mx", "mssrs", "messrs"})
# Spanish titles ("Sr. de la Cruz", "Sra. Medina"): a title only when written so (not "SR", sinus rhythm), before a
# capitalized word or a particle, and not right after a name, where "Sr." is the name's suffix ("Harlan Gaines Sr.")
SPANISH_TITLES = frozenset({"sr", "sra", "srta"})
_NEWBORN = frozenset({"boy", "girl"})  # "Baby Girl Agyeman-Boateng", "baby girl valentina": a newborn's name follows
RELATIONS = frozenset(
    {
        "wife", "husband", "spouse", "son", "sons", "daughter", "daughters", "dtr", "dtrs", "dau", "dghtr",
        "sister", "sisters", "sis", "brother", "brothers", "bro", "mother", "mom", "mum", "father", "dad",
        "aunt", "uncle", "sib", "sibs", "sibling", "siblings", "stepsister", "stepbrother", "grandchild", "grandkids", "niece", "nephew", "cousin", "grandson", "granddaughter", "grandmother",
        "grandfather", "grandma", "grandpa", "granddtr", "gdtr", "gd", "gs", "stepson", "stepdaughter",
        "stepmother", "stepfather", "fiance", "fiancee", "partner", "girlfriend", "boyfriend", "gf", "bf",
        "friend", "friends", "neighbor", "neighbour", "hcp", "proxy", "guardian", "caregiver", "roommate",
        "inlaw", "in-law", "sil", "dil", "bil", "fil", "mil", "child", "children", "kids", "parents",
        "parent", "twin", "godmother", "godfather", "widow", "widower", "ex-wife", "ex-husband", "relative",
        "contact", "nok", "visitor", "visitors", "hus", "husb", "hsb", "spouse's", "wife's", "husband's", "son's", "daughter's",
        # Spanish, as a patient or an interpreter names family ("mi hija Dolores", "su esposo Ramón")
        "hija", "hijo", "esposa", "esposo", "hermana", "hermano", "abuela", "abuelo", "nieta", "nieto", "sobrina", "sobrino",
        "suegra", "suegro", "cuñada", "cuñado", "novia", "novio", "mamá", "papá",
    }
)
STAFF_WORDS = frozenset(
    {
        "rn", "np", "md", "attending", "resident", "intern", "fellow", "pcp", "nurse", "surgeon",
        "physician", "cardiologist", "neurologist", "oncologist", "hospitalist", "intensivist", "nephrologist",
        "pulmonologist", "therapist", "rrt", "chaplain", "dietician", "dietitian", "pharmacist", "covering",
        "anesthesiologist", "radiologist", "pathologist", "psychiatrist", "provider", "cna", "lpn",
        "interpreter", "coordinator", "surgeons", "physicians", "nurses", "doctors", "sw", "educator", "scribe",
        "counselor", "counsellor", "midwife", "doula", "psychologist", "dentist", "hygienist", "optometrist",
        "podiatrist", "audiologist", "paramedic", "technician", "phlebotomist", "navigator", "caseworker",
        "rt", "tech", "sitter", "on-call", "clerk", "manager", "receptionist", "secretary", "scheduler",
        # advanced-practice and surgical credentials written before the name ("oncology APRN Will Price", "CRNA Ofa Havili")
        "aprn", "crna", "fnp", "cnm", "cst", "lcsw", "licsw",
    }
)
CREDENTIALS = frozenset(
    {
        "md", "m.d", "do", "rn", "np", "pa", "pa-c", "phd", "ph.d", "fnp", "anp", "acnp", "cnm", "crna", "rrt",
        "lcsw", "licsw", "msw", "bsn", "msn", "dnp", "pharmd", "dpm", "dds", "dmd", "facs", "facp", "mph",
        "lpn", "cna", "ot", "otr", "slp", "facc", "mba", "frcpc", "mbbs", "mrcp", "aprn", "lmsw", "lmhc", "lpc",
        "lmft", "lcpc", "cde", "cdces", "psyd", "dpt", "rph", "ibclc", "cpnp", "pmhnp", "cnp", "rdn", "ccm", "bcba", "ldn",
        "arnp", "whnp", "agnp", "agpcnp", "agacnp", "nnp", "ccrn", "cpn", "ocn", "cns", "rnfa", "lisw", "lcadc", "cadc", "ladc",
        # sonographers, perfusionists, cath-lab staff and fellowships ("D. Brinkman, RDCS", "Hassan Farah, MD, FASE")
        "rdcs", "rdms", "rvt", "rcis", "ccp", "fase", "ccfp", "fscai", "fhrs", "fache", "faan",
        # sleep and neurodiagnostic technologists, sleep physicians ("J. Hensley, RPSGT", "K. Osei, MD, D-ABSM"), and
        # surgical technologists ("Desiree Love, CST")
        "rpsgt", "rst", "ccsh", "reegt", "rept", "cltm", "cnim", "d-absm", "fccp", "faasm", "cst",
    }
) | frozenset(  # board certification after a nurse's or nurse practitioner's credential: "FNP-C", "AGACNP-BC", "RN-BC"
    f"{c}-{s}" for c in "fnp anp acnp agacnp agpcnp agnp pmhnp whnp cpnp nnp aprn cnp cns rn".split() for s in ("c", "bc")
)
# credentials that stand after a person's name though alone they are words, titles, place codes or shorthand: in a
# list of them before the one that cues ("Liam Foley, PT, DPT"; "MS, RD, LDN"), or one after a name the model found
# ("Jessica Ortiz, MA"; "Kelly Fong, RD, LD")
CREDENTIALS_AFTER_NAME = CREDENTIALS | frozenset(
    """pt ms rd ld ma cma ba bs med mpt cscs atc cep lvn crnp cnl emt pta cota rt ccc-slp otr/l cphq chc rcs ncc ocs"""
    .split())
# people in a non-clinical role beside the patient: "his sponsor, Ray", "landlord Mr. Pike", "Officer Dunn"
PERSON_ROLES = frozenset(
    """sponsor landlord landlady teacher coach pastor priest rabbi imam deacon reverend officer supervisor boss
    coworker co-worker employer attorney lawyer mentor tutor classmate housemate babysitter nanny
    sergeant sgt detective trooper deputy judge advocate atty monk venerable rev ven fr magistrate""".split()
)
# role words written as titles
_ROLE_TITLES = frozenset({"atty", "sgt", "rev", "ven", "fr"})
# the abbreviated clergy titles are titles only capitalized and with their full stop ("Rev. St. Fleur", "Ven. Sovann",
# "Fr. Antonio Gomes"; not "rev 2", a revision, "ven" for venous, or "16 Fr. Foley", a catheter's size)
_DOTTED_ROLE_TITLES = frozenset({"rev", "ven", "fr"})
_SIZE_BEFORE = re.compile(r"\d[ \t]*\Z")
# words after which a name is likely: "seen by", "d/w", "paged", "dear", "cc:"
CONTACT_VERBS = frozenset(
    {
        "by", "dw", "paged", "notified", "called", "per", "signed", "dictated", "cc", "consulted", "informed",
        "updated", "contacted", "met", "saw", "told", "asked", "name", "named", "dear", "sincerely", "regards",
        "thanks", "re", "sender", "attn", "spoke", "discussed", "talked", "respectfully", "cordially", "warmly",
    }
)
# nouns that make the capitalized word before them an eponym or a brand: "Tucker forceps", "Owen silk"
INSTRUMENT_HEADS = frozenset(
    """forceps needle needles mouthgag gag suction irrigator retractor retractors clamp clamps scissors elevator
    dissector curette speculum blade silk osteotome osteotomy guide wire wires stent sheath cannula pin pins
    plate plates screw screws nail nails dynamometer dynamometry fingers cleft cyst cysts circle loop sphincter
    islets canal pouch space technique method approach incision stitch suture sutures graft flap repair knot
    mask splint cast pump bag valve cuff dressing dressings tape strips tray bed frame hook rod rods system
    cement mesh balloon machine unit units vest airway urine stool stools sputum drainage secretions fluid
    emesis colored coloured tinged level levels depth classification histology stand arthrodesis bar bobbin burr
    headrest holder laryngoscope scope bronchoscope endoscope dilator clip electrode microplate plating cutter
    grasper punch punches stirrup dermatome drill trap rongeur tenaculum trocar stapler sponge drape anchor
    protocol block diet""".split()
)
TIMES_OF_DAY = frozenset("dawn dusk noon midnight sunrise sunset".split())
_TIME_PREPOSITIONS = frozenset("before after until till at by since around from".split())
# words that follow "Dr." in notes without being a name: "dr aware", "Dr. on call"
NOT_AFTER_TITLE = frozenset(
    """aware notified paged called informed made here in at on to updated ordered said states stated came saw will
    was is wants recommends recommended team office note notes orders order visit appt appointment covering oncall
    on-call service following follows f/u fu and or by with for of the a an re regarding who that this note's
    also already now just still today tonight tomorrow yesterday am pm""".split()
)
PARTICLES = frozenset("de del della delle der den des dei di da do dos das du la le van von ten ter st st. mac mc bin bint ibn al el los las".split())
# words of a record header that end a name field: "Patient: Theodore Stone   MRN: 2927"
FIELD_WORDS = frozenset("mrn dob sex age ssn acct id unit room rm bed mr mr# date time service dos doa dod npi dea lic".split())
# "Patient: X", "Attending: X", "Dictated by: X", "cc: X" — a field label and a colon
HEADER_CUES = {
    "patient": Label.PATIENT, "pt": Label.PATIENT, "name": Label.PATIENT, "re": Label.PATIENT,
    "regarding": Label.PATIENT, "attending": Label.PROVIDER, "physician": Label.PROVIDER,
    "provider": Label.PROVIDER, "surgeon": Label.PROVIDER, "assistant": Label.PROVIDER, "by": Label.PROVIDER,
    "cc": Label.PROVIDER, "pcp": Label.PROVIDER, "referring": Label.PROVIDER, "radiologist": Label.PROVIDER,
    "pathologist": Label.PROVIDER, "resident": Label.PROVIDER, "nurse": Label.PROVIDER, "rn": Label.PROVIDER,
    "md": Label.PROVIDER, "doctor": Label.PROVIDER, "anesthesiologist": Label.PROVIDER, "to": Label.PROVIDER,
    "from": Label.PROVIDER, "signed": Label.PROVIDER, "contact": Label.RELATIVE, "hcp": Label.RELATIVE,
    "proxy": Label.RELATIVE, "emergency contact": Label.RELATIVE, "guardian": Label.RELATIVE,
    "son": Label.RELATIVE, "daughter": Label.RELATIVE, "wife": Label.RELATIVE, "husband": Label.RELATIVE,
    "mother": Label.RELATIVE, "father": Label.RELATIVE, "mom": Label.RELATIVE, "dad": Label.RELATIVE,
    "parent": Label.RELATIVE, "caregiver": Label.RELATIVE, "nok": Label.RELATIVE,
    "caller": Label.PERSON, "informant": Label.PERSON, "guarantor": Label.PERSON, "subscriber": Label.PERSON,
    "insured": Label.PERSON, "therapist": Label.PROVIDER, "clinician": Label.PROVIDER, "author": Label.PROVIDER,
    "interpreter": Label.PROVIDER, "technologist": Label.PROVIDER, "sonographer": Label.PROVIDER,
    "ordering": Label.PROVIDER, "reviewer": Label.PROVIDER, "scribe": Label.PROVIDER, "counselor": Label.PROVIDER,
    "educator": Label.PROVIDER, "sponsor": Label.PERSON, "landlord": Label.PERSON, "supervisor": Label.PERSON,
    "officer": Label.PERSON, "teacher": Label.PERSON, "client": Label.PATIENT, "student": Label.PATIENT,
    "scrub": Label.PROVIDER, "circulator": Label.PROVIDER, "circulating": Label.PROVIDER,
    "member": Label.PATIENT, "beneficiary": Label.PATIENT, "recipient": Label.PATIENT, "participant": Label.PATIENT,
    "enrollee": Label.PATIENT, "donor": Label.PERSON,
    # parts of a structured name in exports: <given>, <family>, <middle>, FirstName=, Surname:
    "given": Label.PATIENT, "family": Label.PATIENT, "middle": Label.PATIENT, "surname": Label.PATIENT,
    "firstname": Label.PATIENT, "lastname": Label.PATIENT, "forename": Label.PATIENT,
}
_HEADER_GAP = re.compile(r"[ \t]*(?::|>|=|;)[ \t]*")
# words that open a name slot strongly enough to take a word no lexicon knows ("Dr. Oyelaran")
STRONG_LEFT = PROVIDER_TITLES | PATIENT_TITLES
_INITIAL_RE = re.compile(r"[A-Z]\.?$")
_COMMA_GAP = re.compile(r",[ \t]*")
# credentials that sign a note typed in lowercase ("smith rn", "j. lee, np")
_LOWER_CREDENTIALS = frozenset({"md", "rn", "np", "lpn", "cna", "rrt", "licsw", "crna"})
_CARE_UNITS = frozenset("ed er icu micu sicu ccu cvicu nicu picu pacu or pcu".split())
_AUXILIARIES = frozenset("will would can could may might should shall must to did does do is was has had".split())
# titles that are also plain nouns, and the words that make them one ("a doctor", "her primary doctor")
_SPELLED_TITLES = frozenset({"doctor", "doc", "professor", "mister"})
_DETERMINERS = frozenset(
    "a an the this that these those his her their my your our its any another every each other primary family new "
    "treating attending referring covering outside local".split()
)
_DOTTED_CREDENTIAL = re.compile(
    r"(?<![\w.])(?:M\.D|D\.O|R\.N|N\.P|P\.A|Ph\.D|Pharm\.D|D\.D\.S|D\.M\.D|D\.P\.M|L\.P\.N|C\.N\.M|F\.N\.P|M\.S\.W|"
    r"L\.C\.S\.W|F\.A\.C\.S|C\.R\.N\.A)(?:\.(?![\w.])|(?![\w.]))", re.IGNORECASE)  # not N.P.O., P.A.C.U.
_DOTTED_HINT = re.compile(r"[A-Za-z]\.[A-Za-z]")  # a speed gate: "M.D", "R.N." (no decimals)
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;\n]|$)")
_SPACE = re.compile(r"[ \t]+")
# a person named by an initial and a surname after "by" or "per", and each doctor of a list after "Drs.": "queued for
# review by Y. Cha", "done 8/14 by R. Kaur", "Present: Drs. F. Siddiqui, K. Zhou, N. Ezeh"
_BY_BEFORE = re.compile(r"\b(?:by|per|By|Per|BY|PER)[ \t]+\Z")
_DRS_LIST = re.compile(r"\bDrs\.?[ \t]+(?=[A-Z])")
_INITIAL_SURNAME = re.compile(r"([A-Z])\.[ \t]?([A-Z][a-z][\w'’-]*)")
_LIST_JOIN = re.compile(r"[ \t]*(?:,|and|&)[ \t]*")


def _initial_and_surname_after_by(tokens, infos, text, starts, scores, roles, vetoed) -> None:
    """An initial and a surname after "by"/"per" ("by T. Brown") → PROVIDER 0.8 when the surname is no clinical word, no
    organism ("per H. Pylori" is none) and a surname or a word no lexicon knows; after "Drs." every such name of the
    list that follows ("Drs. F. Siddiqui, K. Zhou, N. Ezeh")."""
    clinical = lex.clinical_word_counts()

    def mark(m: re.Match) -> bool:
        k = bisect_left(starts, m.start(1))
        j = bisect_left(starts, m.start(2))
        if k >= len(tokens) or j >= len(tokens) or tokens[j].start != m.start(2) or j in vetoed:
            return False
        w, low = infos[j], tokens[j].lower
        if low in clinical or w.stop or w.blocked or w.eponym or (w.known_word and not w.last and w.prior < 0.3):
            return False
        for q in range(k, j + 1):
            scores[q] = max(scores[q], 0.8)
            roles[q] = roles[q] or Label.PROVIDER
        return True

    for name in _INITIAL_SURNAME.finditer(text):  # (the initial first: "by " is in every note, "T. Brown" is rare)
        if _BY_BEFORE.search(text, max(0, name.start() - 5), name.start()):
            mark(name)
    for m in _DRS_LIST.finditer(text) if "Drs" in text else ():
        pos = m.end()
        while (name := _INITIAL_SURNAME.match(text, pos)) is not None and mark(name):
            join = _LIST_JOIN.match(text, name.end())
            if join is None or not join.group().strip():
                break
            pos = join.end()


_STORMS = frozenset({"hurricane", "storm", "typhoon", "cyclone", "hurricanes"})  # "Hurricane Katrina", "Tropical Storm Allison"
_LAW_AFTER = re.compile(r"[ \t]+(?:Act|ACT|Law|LAW)\b")  # "Jones Act", "Baker Act", "Stark Law"
# "Wahid and ", "Amy, ", "Ivan 10, ", "Ange (7, attends Kernan Elementary) and " before a joined name: an age or a bracket may follow
# each name of a list
_AGE_OR_BRACKET = r"(?:[ \t]+\d{1,2}\b|[ \t]*\([^()\n]{0,40}\))?"
_COORDINATION = re.compile(_AGE_OR_BRACKET + r"(?:(?:[ \t]*,)?[ \t]*(?:and|&|y)[ \t]+|[ \t]*,[ \t]*)")
_LIST_GOES_ON = re.compile(_AGE_OR_BRACKET + r"[ \t]*(?:,|and\b|&)")  # "Amy, Beth and Dana": a comma joins names only in a list
_INITIAL_GAP = re.compile(r"\.?[ \t]+")  # after an initial: "J. Smith", "J Smith"
_DOT_GAP = re.compile(r"\.[ \t]+")
_INITIAL_COMMA_GAP = re.compile(r"\.[ \t]*,[ \t]*")  # an initial's full stop, then a comma before a credential: "K. , M.D."
_DOT_SPACE = re.compile(r"\.[ \t]*")
_WRAPPED_GAP = re.compile(r"\.?[ \t]*\n[ \t]*")  # "Dr.\nSmith"
_TITLE_GAP = re.compile(r"\.?[ \t]*[:\-]?[ \t]*")  # "Dr. Smith", "Dr: Smith"
_NUMBER_BEFORE = re.compile(r"\d[ \t]*$")
_CUE_GAP = re.compile(r"[ \t]*[:,\-(]?[ \t]*")  # "wife - Mary", "NP, Bond", "Mom (Carolina)"
_GIVEN_NAME_END = re.compile(r"[ \t]+[A-Z]\.?(?:[ \t]{2}|[ \t]*(?:\n|$))|[ \t]*(?:\n|$|[ \t]{2}|\t)")
_FIELD_NEXT_GAP = re.compile(r" ?,[ \t]*|\^")  # "SMITH, JOHN", HL7 "CASE^PAM", tokenized "SMITH , JOHN"
_SUBJECT_GAP = re.compile(r"[ \t]*\n?[ \t]*")
_EPONYM_GAP = re.compile(r"[ \t]*(?:['’][sS]?)?[ \t-]*")
# the same across the line break of wrapped prose; only before a lowercase head ("Barrett's\nesophagus"),
# never before a capitalized header on the next line ("John Smith\nProcedure:")
_EPONYM_WRAP = re.compile(r"[ \t]*(?:['’]s?)?[ \t]*\n[ \t]*")
_PAIR_GAP = re.compile(r"[ \t]+|,[ \t]*")
_NEIGHBOUR_GAP = re.compile(r"[ \t]*,?[ \t]*(?:[A-Za-z]\.?[ \t]+)?")


def _alternation(words: frozenset[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes ("d(?:o|pm|…)|m(?:d|ph|…)").

    The regex engine tries the alternatives of a group one by one: a prefix tree fails at the first
    letter instead of once per word.
    """
    rests: dict[str, set[str]] = {}
    for w in words:
        if w:
            rests.setdefault(w[0], set()).add(w[1:])
    branches = []
    for first in sorted(rests):
        inner = _alternation(frozenset(rests[first]))
        if "" in rests[first] and inner:
            inner = f"(?:{inner})?"  # "ot" and "otr"
        elif "|" in inner:
            inner = f"(?:{inner})"
        branches.append(re.escape(first) + inner)
    return "|".join(branches)


# "--herbert", "- m. mcmahon, rn", "J. Smith RN" alone on the last lines: a signature
_SIGNATURE = re.compile(
    r"(?m)^[ \t]*(?:(?:-{1,3}|~|/s/)[ \t]*)?([^\W\d_][^\n,:;]{0,40}?)[ \t]*(?:,?[ \t]*(?:"
    + _alternation(CREDENTIALS)
    + r")\.?[ \t]*)?$",
    re.I,
)
# a nickname in quotes: ' "Nell" ', ' ("Junior")' (the word alone in its quotes)
# a nickname in quotes after a name, maybe after a suffix or a column gap: ' "Nell"', '  ("Junior")', ' Jr. ("Bud")'
# the gap between a name and its nickname, maybe over a suffix: ' ', '  ', ', Jr. '
_SUFFIX_GAP = r"(?:,?[ \t]+(?:Jr|Sr|II|III|IV)\.?)?[ \t]+"
_NICKNAME = re.compile(_SUFFIX_GAP + r'\(?["“]([^\W\d_][^\W\d_\'’\-]{0,20})["”]\)?')
# a name in quotes after "known as", "goes by", "aka", "nicknamed", "calling himself": 'known to ED staff as "Red"',
# "goes by 'Bud'", 'a cousin calling himself "flaco"' (found from the quoted word, the rare part: a scan for the phrases
# would try every word of every note)
_QUOTED_WORD = re.compile(r"[\"“'‘]([^\W\d_][^\W\d_'’\-]{0,20})[\"”'’]")
_KNOWN_AS_BEFORE = re.compile(
    r"(?i:\b(?:known(?:[ \t]+to[ \t]+[\w ]{1,20}?)?[ \t]+as|goes[ \t]+by|go[ \t]+by|a\.?k\.?a\.?|nicknamed|"
    r"prefers(?:[ \t]+to[ \t]+be[ \t]+called)?|call(?:s|ing)[ \t]+(?:him|her|them)sel(?:f|ves)))[ \t]+\Z"
)
# a nickname in brackets, no quotes: 'Priyanka (Pri) Raghunathan', 'SOKOLOVA, ANASTASIA (NASTYA)' (a capitalized word; which
# words are names is decided by the lexicons, as "(Cardiology)", "(PCP)", "(Daughter)" are not). Found from the bracket;
# what may stand between the name and the bracket is read backwards from there
_BRACKETED_WORD = re.compile(r"\(([^\W\d_][^\W\d_'’\-]{0,20})\)")
_BEFORE_BRACKET = re.compile(_SUFFIX_GAP + r"\Z")
# The dictation stamp closing a transcribed note: the author's and the typist's initials ("JMS/kl",
# "RC/dm      dictated but not read", "JMF/DT  D: 03/15/2024  T: 03/16/2024", "MS/kb   Job #: 448812") at the
# start of a line, the line ending there or going on with the stamp's fields only (not "GI/GU: abd soft").
# The pair may be spaced ("PJ / dmw    DD : 09/26/87") or joined by a colon before the stamp's fields ("DF:lmc  D:
# 01/13/2017", also on the next line: "DPH:rt" / "D: 06/22/2003"), and a third typist may follow ("KO/tn/ej"); an
# author/typist pair of capitals and small letters may also end the line of the stamp's dates ("Job # 55120 DT
# 02/27/2023 TT 02/28/2023 RV/cd", "dictated 7/6/23 TE/hk", "T: 04/20/2024   MTY/CRK") or of the signature ("ANNIKA R.
# TREMBLAY, M.D. ART/dmh").
_STAMP_FIELDS = r"(?:D|T|DD|DT|TD|TT|(?i:job|doc|document|dictated|transcribed|cc))\b"
_INITIALS = r"(?:[a-z]{2,4}|[A-Z]{2,4})"
_TYPIST_LINE = re.compile(
    r"(?m)^[ \t]*(?P<a>[A-Z]{2,4})(?:[ \t]*/[ \t]*|:(?=(?:[a-z]{2,4}|[A-Z]{2,4})(?:[ \t]+|[ \t]*\n[ \t]*)" + _STAMP_FIELDS + r"))"
    r"(?P<b>" + _INITIALS + r")(?:/(?P<c>" + _INITIALS + r"))?"
    r"(?=[ \t]*$|[ \t]+" + _STAMP_FIELDS + ")"
)
# the pair ending a line or before the stamp's fields ("T: 03/13/2024 07:02   TRO/lf   Job #8841203"; it starts with a
# capital: the regex engine skips to capitals), then what must come before it: a date (and its time), a document number,
# "dictated", "(dictated but) not read" or a credential
_STAMP_LINE_END = re.compile(r"([A-Z]{2,4})[ \t]*/[ \t]*(" + _INITIALS + r")(?=[ \t]*$|[ \t]+" + _STAMP_FIELDS + ")", re.M)
_STAMP_END_LEFT = re.compile(
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:[ \t]+\d{1,2}:\d\d)?|(?<![\w-])\d{4,}-\d{3,}|dictated|transcribed|M\.D\.|MD|D\.O\.|"
    r"N\.P\.|P\.A\.|(?i:not[ \t]+read)\.?)[ \t]+\Z")
# the initials alone on the note's last line, or after its last sentence: the author signing off ("-- BSK", "DA",
# "BL / GF", "WG:mp", "agree with above. PZ")
_CLOSING_INITIALS = re.compile(
    r"(?:(?:^|\n)[ \t]*(?:-{1,3}[ \t]*)?|[ \t]-{2,3}[ \t]*|(?<=[a-z]\.)[ \t]+)([A-Z]{2,4})"
    r"(?:(?:[ \t]*/[ \t]*|:(?=[a-z]{2,4}\s*$))([A-Z]{2,4}|[a-z]{2,4}))?\s*$"
)
# lowercase initials after a dash on the note's last line: a writer signing off in lowercase ("-kb", "- tb")
_CLOSING_LOWER_INITIALS = re.compile(r"\n[ \t]*-{1,3}[ \t]*([a-z]{2,3})\s*$")
# a capitalised word before "'s": "on Will's own meter", "Hope's mother called"
def _common_initials(lower: str) -> bool:
    """Letters after a typist's field that are a word rather than initials ("on", "and", "per"; initials may spell
    an abbreviation: "ds", "JT", "sl")."""
    return lower in lex.stop_words() or lower in FUNCTION_WORDS or lex.word_frequency(lower) >= _TYPIST_MAX_FREQUENCY


_POSSESSIVE = re.compile(r"\b([A-Z][a-z]{2,})['’]s\b(?:\s+([A-Za-z]+))?")
_POSSESSIVE_MIN_FREQUENCY = 1.0  # per 100k people: "Sunday", "Doctor" are first names of a few


def _possessive_first_names(text: str, taken: set[int]) -> list[Span]:
    """A first name that is also a word, in the possessive: "Will's", "Hope's", "Grant's" are no modal, feeling
    or award; not an eponym ("Bell's palsy", "Graves'"), a month or a weekday ("April's") → PERSON 0.7."""
    first, eponyms, calendar, heads = lex.first_names(), lex.eponyms(), lex.months() | lex.weekdays(), lex.eponym_heads()
    out = []
    for m in _POSSESSIVE.finditer(text):
        low = m.group(1).lower()
        info = first.get(low)
        if m.start() in taken or info is None or info[1] < _POSSESSIVE_MIN_FREQUENCY or low in eponyms or low in calendar:
            continue
        if m.group(2) and (m.group(2).lower() in heads or m.group(2).lower() in INSTRUMENT_HEADS):
            continue  # "Gilbert's syndrome", "Berry's ligament", "Cooper's ligament"
        out.append(Span(m.start(), m.end(1), Label.PERSON, 0.7, "names:possessive"))
    return out


# "typed by ls", "transcribed by: jm", "Transcribed: sl", "transcribed rdw 09/19/23", the i2b2 "TR : ksd": the typist's
# initials (small letters after "transcribed" without "by" only when no common word: not "transcribed on 3/4")
_TYPED_BY = re.compile(
    r"(?i)\b(?:(?:typed|transcribed|scribed|keyed|grossed)[ \t]+by:?|transcribed:?)[ \t]+([a-z]{2,4})\b(?![ \t]*(?-i:[a-z]))")
_TYPED_BY_WORDS = ("typed", "ranscribed", "scribed", "keyed", "rossed by", "TYPED", "RANSCRIBED", "SCRIBED", "KEYED", "ROSSED BY")
# the most common a word after "transcribed" may be to stand for a typist ("ds", "sl", "JT"; not "on", "and", "notes")
_TYPIST_MAX_FREQUENCY = 4.0
# "TR : ksd" (i2b2), "tr: mfc" after a job number, "TR :" and the initials on the next line: the typist's field, at the
# start of a line or after a run of blanks
_TR_FIELD = re.compile(r"(?m)(?:^|[ \t]{2})[ \t]*(?i:tr)[ \t]*:[ \t]*(?:\n[ \t]*)?([a-z]{2,4}|[A-Z]{2,4})\b(?![ \t]*[A-Za-z])")
# A staff field of a form or run sheet holding initials or an initial and a surname: "Tech: JLP", "PCT: DR",
# "Holding RN: mw", "Verified by: JK / LP", "Charge RN: M. Love" (the field word, then this after it)
STAFF_FIELD_WORDS = frozenset(
    "rn lpn cna pct tech technician technologist cytotechnologist cytotech histotechnologist sonographer phlebotomist "
    "transcriptionist typist scribe recorder registrar by techs technicians technologists sonographers".split())
_STAFF_FIELD_VALUE = re.compile(
    r"[ \t]*:[ \t]*(?:([A-Z]{2,3}|[a-z]{2,3})(?:[ \t]*/[ \t]*(?:[A-Z]{2,3}|[a-z]{2,3}))?|[A-Z]\.?[ \t]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    r"(?=[ \t]{2,}|\t|[ \t]*(?:\n|$)|[ \t]*[)|,])")
_NOT_INITIALS = frozenset("yes no na none unk tbd nka nkda wnl ok see per and the not".split())
# "H. Kingsley, MD / tf", "s. o'neill rn / tk (nursing student)": the typist after the signature's credential, perhaps after
# the author's initials ("MCAULIFFE, DO  /  BM:tw")
_TYPIST_AFTER_CREDENTIAL = re.compile(
    r"(?im)\b(?:" + _alternation(CREDENTIALS) + r")\.?[ \t]*/[ \t]*(?:([a-z]{2,4}):)?([a-z]{2,4})\b(?=[ \t]*(?:$|\())"
)
# the most characters other than spaces and tabs a _SIGNATURE line can hold: "---" or "/s/", the name
# (41), a comma, the longest credential and its dot
_SIGNATURE_MAX_INK = 3 + 41 + 1 + max(map(len, CREDENTIALS)) + 1


def _signatures(text: str, start: int):
    """``_SIGNATURE.finditer(text, start)``, skipping lines that cannot match.

    A match is a whole line (``^…$``, nothing in it crosses a newline), so only lines without ":" or
    ";" and with at most ``_SIGNATURE_MAX_INK`` characters besides blanks are tried.
    """
    pos = text.rfind("\n", 0, start) + 1
    if pos < start:  # ``start`` falls inside a line: begin with the next one
        pos = text.find("\n", start) + 1
        if pos == 0:
            return
    n = len(text)
    while pos <= n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line = text[pos:end]
        if ":" not in line and ";" not in line and len(line) - line.count(" ") - line.count("\t") <= _SIGNATURE_MAX_INK:
            m = _SIGNATURE.match(text, pos)
            if m is not None:
                yield m
        pos = end + 1


# a person with an age in brackets, an item of a list of children: "espoir (9)", "Liam (6 mo)", "patience (7 wks)" (found
# from the bracket, then the word before it)
_AGE_BRACKET = re.compile(r"\((?:age[ \t]*)?\d{1,2}(?:[ \t]*(?:y|yo|yrs?|years?|mos?|months?|wks?|weeks?|d|days?)\.?)?\)")
_WORD_BEFORE_BRACKET = re.compile(r"(?<![^\W\d_'’\-])([^\W\d_][^\W\d_'’\-]{1,20})[ \t]*\Z")
# between two items of such a list: a comma, "and", "&", maybe "baby"/"little"/"twin" before the name
_AGE_LIST_GAP = re.compile(r"[ \t]*(?:[,;&]|,?[ \t]*and)[ \t]*(?:(?:baby|little|twin)[ \t]+)?", re.I)
# "Renata L. is a 40 year-old", "Edwin Price is an 84 yo": the subject of an age statement
_PAREN_RELATION_BODY = (
    r"\((?:(?:pt|patient|his|her|the)['’]?s?[ \t]+)?(?:"
    + "|".join(sorted(["wife", "husband", "spouse", "son", "daughter", "dtr", "dau", "sister", "sis", "brother", "bro", "mother",
                       "mom", "father", "dad", "aunt", "uncle", "niece", "nephew", "cousin", "grandson", "granddaughter",
                       "partner", "girlfriend", "boyfriend", "friend", "neighbor", "neighbour", "hcp", "proxy", "guardian",
                       "caregiver", "roommate", "fiance", "fiancee", "gd", "gs", "stepson", "stepdaughter", "poa", "dpoa",
                       "hcpoa", "mpoa", "surrogate", "health care proxy", "healthcare proxy", "grandmother", "grandfather",
                       "grandma", "grandpa", "stepmother", "stepfather"], key=len, reverse=True))
    + r")\b[^)\n]{0,20}\)"
)
_PAREN_RELATION = re.compile(r"[ \t]*" + _PAREN_RELATION_BODY, re.I)
# the same without the leading blanks: it starts with "(", which the regex engine finds fast; a text
# without a match of this has no match of _PAREN_RELATION either
_PAREN_RELATION_HINT = re.compile(_PAREN_RELATION_BODY, re.I)
_NAME_AGE = re.compile(
    r"(?m)(?:\b(?:pt|patient)[ \t]+|(?:^|:[ \t]+)[ \t]*)((?:[^\W\d_][\w'’\-]*)(?:\.?(?:[ \t]+|[ \t]*,[ \t]*)[^\W\d_][\w'’\-]*){0,2})"
    r"[ \t]*,[ \t]*\d{1,3}[ \t-]*(?:yo|y/o|y\.o\.|yr|yrs|year|years|[mf](?=[ \t]*[,;.]))\b",
    re.I,
)
_VISITOR_FROM_PLACE = (
    r"from[ \t]+(?:the[ \t]+)?(?:pt\.?['’]?s|patient['’]s|his|her|their)[ \t]+(?:church|synagogue|mosque|temple|parish|congregation)"
)
_VISITOR_FROM = re.compile(r"(?i)\b([^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*)?)[ \t]+" + _VISITOR_FROM_PLACE + r"\b")
_QUOTED_NAME_CUE = (
    r"(?:patient['’]?s[ \t]+name|named|name[ \t]+of|label+ed(?:[ \t]+(?:with|as))?"
    # the name a person goes by: 'goes by "Aga"', 'PREFERRED NAME ........ "Bea"', 'prefers to be called "Gus"'
    r"|goes[ \t]+by|preferred[ \t]+name|prefers(?:[ \t]+to[ \t]+be[ \t]+called)?|nick-?named?|known[ \t]+as|a\.?k\.?a\.?)"
    r"[ \t]*(?:[.:][ \t.:]*)?[\"“']")
_QUOTED_NAME_WORDS = ("name", "label", "goes by", "prefer", "known as", "aka", "a.k.a")  # one is in every cue
_QUOTED_NAME = re.compile(r"(?i)\b" + _QUOTED_NAME_CUE + r"([^\"”'\n]{2,40})[\"”']")
_NAME_WORDS = r"([^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*)?)"
_REPORT_TO = re.compile(r"(?i)\breport[ \t]+(?:given|received|called|taken|endorsed)[ \t]+(?:to|from|by)[ \t]+" + _NAME_WORDS)
_REPORT_TO_HINT = re.compile("report")  # the start of every _REPORT_TO match, on the lowercased text
# a word spelled out letter by letter, "K-O-W-A-L-C-Z-Y-K", "M-A-I", from its first hyphen on (a literal "-" first: the
# regex engine then skips to each hyphen instead of trying every offset)
_SPELLED_OUT_TAIL = re.compile(r"-[A-Za-z]-[A-Za-z](?:-[A-Za-z])*(?![\w-])")
# a row of a rounding list: a room number or "bed 4" (not an item number: "1. Fosamax - 70 mg"), up to three words, a
# dash ("401 hemmings - cellulitis", "Bed 4 Van der Berg - comfort care")
_ROOM_LIST_ROW = re.compile(
    r"(?im)^[ \t]*(?:(?:rm|room|bed)[ \t]*#?[ \t]*\d{1,4}[a-z]?|\d{3,4}[a-z]?)[ \t]*:?[ \t]+([^\W\d_][\w'’]*(?:[ \t]+[^\W\d_][\w'’]*){0,2})"
    r"[ \t]+[-–][ \t]+\S")
_BED_STATES = frozenset("empty open closed blocked pending discharged dc dc'd transferred vacant clean dirty admit admission".split())


def _is_clinical_term(lower: str) -> bool:
    """A clinical abbreviation or a word frequent in clinical prose ("cellulitis", "post")."""
    counts = lex.clinical_word_counts().get(lower)
    return lower in lex.clinical_abbreviations() or (counts is not None and counts[0] >= 20 and word_info(lower).prior < 0.3)


# "Okonkwo, Chidi (MRN 2290413)", "Anatoly Petrenco (MRN 7730215), 71": a name opening a line right before its record
# number (found from the record number's cue: a literal the regex engine skips to)
_RECORD_CUE_AFTER_NAME = re.compile(r"(?i)(?:mrn|mr[ \t]*#|med(?:ical)?[ \t]+rec(?:ord)?)\b")
_LINE_NAME_BEFORE = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[.)][ \t]+)?([^\W\d_][\w'’\-]*\.?(?:(?:[ \t]+|[ \t]*,[ \t]*)[^\W\d_][\w'’\-]*\.?){0,3})"
    r"[ \t]*,?[ \t]*\(?[ \t]*\Z")
# "bed 1 - m.k. 58f", "401b t.m.a. 91f": a patient's initials before an age and sex in a handoff list, found from the
# full stop after them (a literal first: the regex engine skips to each full stop instead of trying every letter)
_AGE_SEX_AFTER_STOP = re.compile(r"(?i)\.[ \t]+\d{1,3}[ \t]?(?:[mf]|yo|y/o)\b")
_INITIALS_BEFORE = re.compile(r"(?i)(?<![\w.])((?:[a-z]\.){1,2}[a-z])\Z")
_NOT_PATIENT_INITIALS = frozenset({"am", "pm", "po", "iv", "im", "sq", "pr", "bid", "tid", "qid", "qd", "prn", "hs", "ou", "od", "os", "au",
                                   "ad", "as", "eg", "ie", "us", "dr", "ms", "mr"})
# "pt bertrand lévesque bed 4", "called pt ogunleye, babatunde (mrn 3380925)", "pt abdelrahman el-sayed, 79m": words in
# lowercase between "pt" and a bed, a record number or an age with a sex are the patient's name
_PT_NAME_BEFORE_ID = re.compile(
    r"\bpt[ \t]+([^\W\d_][\w'’\-]*(?:,?[ \t]+[^\W\d_][\w'’\-]*){0,2})"
    r"(?=[ \t]*,?[ \t]*(?:\([ \t]*)?(?:mrn\b|\d{1,3}[ \t]?(?:m|f|M|F|yo|y/o|YO)\b|\d{1,3}[ \t]+(?:yo|y/o|yr)\b|"
    r"(?:bed|rm|room)[ \t]*#?\d))")
# "... from PT", "(OT)": a hospital service right after a staff member's name (the service first: cheap to find)
_SERVICE_AFTER = re.compile(
    r"(?i)(?:\(|\bfrom[ \t]*\n?[ \t]*)(?:pt|ot|sw|cm|case[ \t]+(?:management|mgmt|manager)|social[ \t]+work|"
    r"nutrition|speech|pharmacy|pastoral[ \t]+care|physical[ \t]+therapy|occupational[ \t]+therapy)\b(?![ \t]*['’]s)"
)
# on the lowercased text: the start of every _SERVICE_AFTER match (see _finditer_at_hints)
_SERVICE_AFTER_HINT = re.compile(
    r"(?:\(|from[ \t]*\n?[ \t]*)(?:pt|ot|sw|cm|case|social|nutrition|speech|pharmacy|pastoral|physical|occupational)"
)
# "seen by ___": the verbs that make "by" open a staff slot
SEEN_VERBS = frozenset(
    """seen evaluated examined assessed reviewed visited accompanied interviewed counseled counselled checked
    cpr performed done placed intubated extubated inserted drawn started covered relieved witnessed""".split()
)
_MIDDLE_INITIAL = re.compile(r"(?<![\w.])[^\W\d_]{2,}[ \t]+[^\W\d_]\.[ \t]+[^\W\d_][\w'’\-]+")
_INITIAL_DOT = re.compile(r"[ \t][^\W\d_]\.(?=[ \t])")  # " G. ": the middle of every _MIDDLE_INITIAL match
_DOT_BLANK = re.compile(r"\.(?=[ \t])")  # found faster than _INITIAL_DOT, which then is checked there
_LETTER = re.compile(r"[^\W\d_]")


def _middle_initials(text: str):
    """``_MIDDLE_INITIAL.finditer(text)``, tried only at the word before each initial (" G. ").

    A match starts at a whole word of letters (nothing word-like or a dot before it) that blanks
    separate from the initial, so that word is the only place a match through this initial can start.
    """
    last_end = 0
    for dot in _DOT_BLANK.finditer(text):
        end = dot.start() - 2  # the blank before the initial
        if end < 0 or _INITIAL_DOT.match(text, end) is None:
            continue
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end
        while start > 0 and _LETTER.match(text, start - 1):
            start -= 1
        if end - start >= 2 and start >= last_end:
            m = _MIDDLE_INITIAL.match(text, start)
            if m is not None:
                last_end = m.end()
                yield m
_AGE_STATEMENT = re.compile(r"\bis[ \t]+an?[ \t]+\d{1,3}[ \t-]*(?:year|yr|y/?o|month|mo\b|week|day)", re.I)
_DOSE_AFTER = re.compile(r"[ \t]*\(?[ \t]*\d+(?:[.,]\d+)?[ \t]*(?:mg|mcg|g|ml|cc|units?|iu|meq|mEq|%|tabs?|caps?)\b", re.I)
# a score right after a word: "28/56", "<45", "55" (not a date such as "3/14", nor a decimal or a time)
_SCORE_AFTER = re.compile(r"[ \t]*[:=]?[ \t]*(?:[<>≤≥]=?[ \t]*)?(?:\d{1,3}/(?:3[2-9]|[4-9]\d|\d{3})|\d{1,3})(?![\d/.:,-]?\d)")

# calibration: running-text occurrences per million words of a name held by 1 in 100k people
_NAME_RATE_PER_100K = 0.07


# Words that are never a name, whatever the cue.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without within into onto upon over under
    above below after before during since until till than then there here this that these those is are was
    were be been being am do does did done has have had having it its it's he she him her his hers they them
    their theirs we us our ours you your yours i me my mine who whom whose which what when where why how
    not no yes all any some each every both either neither other another such same so very too also just
    only still even again further once per via vs versus etc s t re pt pts patient patients""".split()
)


@lru_cache(maxsize=1)
def _clinical_tokens_per_million() -> float:
    """Size of the clinical corpus the word counts come from, in millions of tokens."""
    return lex.clinical_corpus_stats()["tokens"] / 1e6


@lru_cache(maxsize=1)
def _known_by_shape() -> dict[tuple[str, int], list[str]]:
    """Common English and clinical words (length >= 4) bucketed by first letter and length."""
    buckets: dict[tuple[str, int], list[str]] = {}
    firsts, lasts = lex.first_names(), lex.last_names()
    words = [w for w, z in lex.common_words().items() if z >= 3.5 and len(w) >= 4 and w.isalpha()]
    words += [w for w, c in lex.clinical_word_counts().items() if sum(c[:3]) >= 5 and len(w) >= 4 and w.isalpha()]
    for w in set(words):
        if w in firsts or w in lasts:
            continue  # a typo of a name is still a name
        buckets.setdefault((w[0], len(w)), []).append(w)
    return buckets


def _typo_of_known(word: str) -> bool:
    """True when ``word`` is one edit away from a common word ("awaare", "pateint"): a typo, not a name."""
    if len(word) < 5 or not word.isalpha():
        return False
    from rapidfuzz.distance import DamerauLevenshtein
    from rapidfuzz.process import extractOne

    buckets = _known_by_shape()
    candidates = []
    for length in (len(word) - 1, len(word), len(word) + 1):
        candidates += buckets.get((word[0], length), [])
    if not candidates:
        return False
    hit = extractOne(word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=1)
    return hit is not None


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the lexicons say about one lowercase word."""

    prior: float  # probability that the word is a name, before casing and context
    first: bool
    last: bool
    known_word: bool  # an English or clinical word
    blocked: bool  # a function word: never a name, whatever the cue
    eponym: bool  # an eponym or calendar word: a name only with a cue
    stop: bool  # a stop word, clinical shorthand, nationality or title: a name only with a cue
    scorable: bool = False  # has a prior worth scoring, or is a word no lexicon knows
    cue: bool = False  # a cue word (or a hyphenated word ending in one: "social-hus")
    likely_first: bool = False  # a first name with a prior of 0.4 or more
    pair_first: bool = False  # can be the first name of a pair ("JIM RUSH"): likely first, not a stop word
    pair_last: bool = False  # can be the surname of a pair: a surname with some prior, or a word no lexicon knows
    spanish: bool = False  # a common Spanish word that is rare in English ("pecho", "tengo", "el"): marks a Spanish passage


def word_info(lower: str) -> WordInfo:
    """Lexicon facts and the name prior of a lowercase word (cached)."""
    return _WORD_INFOS[lower]


class _WordInfoCache(dict):
    """``word_info`` per lowercase word; looking up a missing word computes it.

    A plain dict lookup for words seen before (cheaper than a call through ``lru_cache``).
    """

    def __missing__(self, lower: str) -> WordInfo:
        if len(self) >= 200_000:
            self.clear()  # a bound on memory for long runs over many distinct words
        info = self[lower] = _word_info(lower)
        return info


_WORD_INFOS = _WordInfoCache()


# the first part of a hyphenated family name that is no name on its own: Arabic article and kinship words
_HYPHEN_PREFIXES = frozenset({"al", "el", "abu", "abou", "ibn", "bin", "bint", "abd", "abdel", "abdul", "ben"})


# endings of specialties and procedures that no first or last name of the lexicons has ("neonatology",
# "hepatologist", "physiatry", "pyeloplasty"): a word with one is a medical word even when no word list holds it
_MEDICAL_SUFFIXES = ("ology", "ologist", "ologists", "iatrics", "iatric", "iatry", "iatrist", "ectomy", "ectomies", "otomy",
                     "ostomy", "oscopy", "opathy", "plasty", "ography")


def _word_info(lower: str) -> WordInfo:
    """What ``word_info`` returns, computed from the lexicons."""
    key = lex.fold(lower)
    first = lex.first_names().get(key)
    last = lex.last_names().get(key)
    if "'" in key or "’" in key:
        # "o'brien" is listed (mostly) as "obrien": take the more frequent reading
        bare = key.replace("'", "").replace("’", "")
        first_b, last_b = lex.first_names().get(bare), lex.last_names().get(bare)
        if (last_b or 0.0) + (first_b[1] if first_b else 0.0) > (last or 0.0) + (first[1] if first else 0.0):
            key, first, last = bare, first_b, last_b
    zipf = lex.word_frequency(key)
    spanish_zipf = lex.spanish_frequency(key)
    clin = lex.clinical_word_counts().get(key)
    stop = (
        key in lex.stop_words() or key in lex.clinical_abbreviations() or key in lex.nationalities()
        or key in PROVIDER_TITLES or key in PATIENT_TITLES or key in CREDENTIALS or key in FIELD_WORDS
        or key in RELATIONS
    )
    calendar = key in lex.months() or key in lex.weekdays()
    # "cheyne-stokes", "osgood-schlatter": eponyms joined, one of them no common name, are an eponym
    compound_eponym = "-" in key and key not in lex.eponyms() and all(p in lex.eponyms() for p in key.split("-")) and any(
        _long_pure_eponym(p) for p in key.split("-"))
    blocked = key in FUNCTION_WORDS or len(key) == 1 or ("'" in key and len(key) <= 4)
    known_word = zipf > 0 or clin is not None or (
        first is None and last is None and (key in lex.drug_names() or key in lex.medical_terms() or key in lex.clinical_abbreviations()
                                            or spanish_zipf >= 4.0 or key.endswith(_MEDICAL_SUFFIXES) or _typo_of_known(key))
    )
    if "-" in key and first is None and last is None:
        parts = [p for p in key.split("-") if p]
        if parts and all(p in lex.last_names() or p in lex.first_names() for p in parts) and not any(
            p in lex.stop_words() or p in lex.clinical_word_counts() or p in RELATIONS for p in parts
        ) or (len(parts) == 2 and all(  # "asante-brown": a part may be a clinical word if it is mostly a name
            (i := _WORD_INFOS[p]).prior >= 0.3 and not i.eponym and not i.stop for p in parts
        )):
            # "payne-ferguson", "berg-start": a double-barrelled name
            last = min(lex.last_names().get(p, 0.0) for p in parts) or 0.1
        elif (len(parts) == 2 and parts[0] in _HYPHEN_PREFIXES and len(parts[1]) >= 3 and lex.word_frequency(parts[1]) < 3.0
              and parts[1] not in lex.clinical_word_counts()):
            # "al-sayed", "el-masri", "abu-bakr": an Arabic family name with its article or kinship word
            last = lex.last_names().get(parts[1]) or 0.1
        elif not known_word:
            # "social-hus", "non-tender": a compound of known words is a known word; a short part that is at most a
            # rare English word is none ("Soo-yeon", "Hye-jin": Korean given names)
            known_word = all(
                lex.word_frequency(p) >= (3.5 if len(p) <= 4 else 0.01) or p in lex.clinical_word_counts() or p in lex.eponyms() or p in lex.stop_words() or p in RELATIONS
                or p in lex.clinical_abbreviations()
                for p in parts
            )
    if first is None and last is None:
        prior = 0.0
    else:
        share = (first[1] if first else 0.0) + (last or 0.0)
        name_rate = _NAME_RATE_PER_100K * share
        english_rate = 10 ** (zipf - 3) if zipf > 0 else 0.0
        clinical_rate = sum(clin[:3]) / _clinical_tokens_per_million() if clin else 0.0
        word_rate = max(english_rate, clinical_rate)
        # the word's rate already includes its use as a name: a pure name has name_rate ≈ word_rate
        prior = min(0.95, name_rate / word_rate) if word_rate > 0 else 0.95
        if clinical_rate == 0 and first is not None and first[1] >= 100:
            prior = min(0.95, prior * 1.5)  # a common first name never seen in clinical prose
        if word_rate == 0 and share < 1.0:
            # rare in English and rare as a name: a foreign or unusual name more often than anything else
            prior = max(prior, 0.6)
        elif clinical_rate == 0 and len(key) > 3 and ((first is not None and zipf < 3.8) or zipf < 2.5):
            # a name of another language ("Philippe", "Magnus", "Mackay"): rare as an English word, never clinical
            prior = max(prior, 0.6)
        if _pure_eponym(key) or compound_eponym:
            prior = 0.0  # apgar, babinski, huntington, breslow: an eponym first
    if calendar or stop or blocked:
        prior = 0.0
    is_first, is_last = first is not None, last is not None
    scorable = prior >= 0.01 or (not known_word and not blocked and not is_first and not is_last)
    cue = lower in _ALL_CUES or ("-" in lower and _hyphen_cue(lower) in _ALL_CUES)
    likely_first = is_first and prior >= 0.4
    plain = not stop and not blocked
    return WordInfo(
        prior, is_first, is_last, known_word, blocked, calendar or key in lex.eponyms() or compound_eponym, stop,
        scorable, cue, likely_first, likely_first and plain, plain and ((is_last and prior >= 0.01) or not known_word),
        spanish_zipf >= 3.5 and spanish_zipf - zipf >= 1.5,
    )


# a name in its own script in brackets: letters of no Latin alphabet (Han, Hangul, kana, Cyrillic, Arabic, Devanagari …),
# up to four words
_OTHER_SCRIPT_WORD = r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+"
_NATIVE_NAME = re.compile(rf"[(（][ \t]*({_OTHER_SCRIPT_WORD}(?:[ \t·・]{_OTHER_SCRIPT_WORD}){{0,3}})[ \t]*[)）]")


def _native_script_names(text: str, spans: list[Span], threshold: float) -> list[Span]:
    """The same name in its own script, in brackets right after a name found in Latin letters ("Huang Xiu Ying
    (黄秀英)", "Lee Hyun-woo (이현우)", "Olga Petrova (Ольга Петрова)") → the name's label, 0.85."""
    ends = {sp.end: sp for sp in spans if sp.score >= threshold}
    out = []
    for m in _NATIVE_NAME.finditer(text):
        k = m.start()
        while k > 0 and m.start() - k < 4 and text[k - 1] in " \t,":
            k -= 1  # the blanks (and a comma) between the name and the bracket
        name = ends.get(k)
        if name is not None:
            out.append(Span(m.start(1), m.end(1), name.label, 0.85, "names:native_script"))
    return out


def _in_spanish_passage(tokens: list[Token], infos: list[WordInfo], scores: list[float], scorable: list[int], text: str) -> list[int]:
    """Words of a Spanish passage that scored as names by their lexicon prior alone ("tengo dolores musculares", "manchas
    rosas y dolorosas"): two of the three words on each side, on the same line, are common Spanish words that English
    seldom uses (not the particles of a name: "md de la garza"), or one when the word is such a word itself ("jugo de
    naranja"). Only a lowercase word, a word of a line in one casing ("TENGO MUCHA SED"), or a capitalized Spanish word
    opening a sentence that is no likely first name ("Ojalá"), loses its score; a capital in mid-sentence ("mi hija Dolores") or a cue
    word still makes a name."""
    out = []
    n = len(tokens)
    for i in scorable:
        t = tokens[i]
        if scores[i] <= 0.0 or not (t.text.islower() or t.casing != MIXED
                                    or (t.sentence_start and infos[i].spanish and not infos[i].likely_first)):
            continue
        line_start = text.rfind("\n", 0, t.start)
        line_end = text.find("\n", t.end)
        line_end = len(text) if line_end < 0 else line_end
        near = sum(1 for j in range(max(0, i - 3), min(n, i + 4))
                   if j != i and infos[j].spanish and tokens[j].lower not in PARTICLES and line_start < tokens[j].start
                   and tokens[j].end <= line_end)
        if near >= (1 if infos[i].spanish else 2):
            scores[i] = 0.0
            out.append(i)
    return out


_POSSESSIVE_GAP = re.compile(r"['’]s[ \t]+")  # "Darlene's cell": an owner before the word


def _eponym_follows(tokens: list[Token], i: int, text: str, heads: frozenset[str]) -> bool:
    """An eponym's head word follows the word at ``i`` ("Brown stools", "Hurthle cell"; not "Darlene's cell", a phone)."""
    if i + 1 >= len(tokens) or not _is_head(nxt := tokens[i + 1].lower, heads):
        return False
    return not (nxt in ("cell", "cells") and _POSSESSIVE_GAP.fullmatch(text, tokens[i].end, tokens[i + 1].start))


_EPONYM_PAIR_GAP = re.compile(r" |[ \t]?/[ \t]?")


def _pure_eponym(lower: str) -> bool:
    """An eponym that is no common name (Apgar, Bence, Ortolani; not Wilson or Bell)."""
    return lower in lex.eponyms() and lower not in lex.name_like_eponyms()


def _long_pure_eponym(lower: str) -> bool:
    """A pure eponym long enough to mark the word beside it as the rest of an eponym (not "de", "von", "Ely")."""
    return len(lower) > 3 and _pure_eponym(lower)


def _is_head(lower: str, heads: frozenset[str]) -> bool:
    """A word that follows an eponym ("disease", "forceps"), also in the plural ("dissectors", "bars")."""
    if lower in heads or lower in INSTRUMENT_HEADS:
        return True
    return lower.endswith("s") and (lower[:-1] in heads or lower[:-1] in INSTRUMENT_HEADS)


_HANDOFF_TO = frozenset({"to", "w", "with", "by", "from", "per"})
_GREETINGS = frozenset({"dear", "hi", "hello", "hey", "thanks", "thank", "attn", "attention", "regards", "sincerely"})
_DOCTORS_LIST = re.compile(
    r"\b(?:Drs|DRS)\.?[ \t]+((?:[A-Z][\w'’-]+[ \t]*(?:,[ \t]*|[ \t]+(?i:and|&)[ \t]+)){1,8}[A-Z][\w'’-]+)")
_PEDIGREE_PLACE = re.compile(r"\([IVX]{1,4}[-.]\d{1,2}\)")  # "(II-3)": a generation and a place in it
_PEDIGREE_WHO = re.compile(r"\b([A-Za-z]+(?:[ \t]+[A-Za-z]+)?)[ \t]*\Z")  # the relation before it: "Maternal aunt"
_PEDIGREE_NAME = re.compile(r"[ \t]*:?[ \t]*([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)(?=[ \t]*[:,(;]|[ \t]*$)", re.M)
_MARRIED_TO = re.compile(r"(?i)\b(?:married|engaged)[ \t]+to\b")
# the kinds of nurse or doctor written before "rn"/"md" in lowercase: "day rn", "wound care rn", "night md"
_NURSE_KINDS = frozenset("""day night evening eve nights days floor charge float primary wound care unit staff icu micu sicu ed er
    pacu or triage bedside oncoming outgoing covering receiving sending home hospice dialysis infusion clinic school case
    research travel agency nurse ostomy admitting discharging resource labor delivery nicu picu ccu cvicu pcu tele
    telemetry peds psych postpartum surgical medical ob ld stepdown step-down neuro cardiac oncology trauma""".split())
# what a relative named right before it did: called, visited, was at the bedside ("daughter may called at 2000")
_VISITOR_DOES = re.compile(
    r"[ \t]+(?:called|phoned|visited|visiting|came[ \t]+in|in[ \t]+to[ \t]+visit|at[ \t]+(?:the[ \t]+)?bedside|updated|aware)\b", re.I)
# the ending of an English verb, adjective or adverb, or a hyphenated word: a rare word so formed ("interprets",
# "uninfected", "forcible", "re-taught") is no name, though English lists hold it seldom
_ENGLISH_INFLECTION = re.compile(r"-|(?:ed|ing|ly|es|s|able|ible|ous|ive|ful|less|ness|ment|ish|al)\Z")


def _rare_name_word(lower: str, w) -> bool:
    """A word of three letters or more, rare in English (Zipf < 3), no stop word, eponym or clinical word, nor a common
    Spanish word that no name list holds ("tiene", "fiebre"): a name where the context asks for one."""
    return (len(lower) >= 3 and not w.stop and not w.eponym and lex.word_frequency(lower) < 3.0
            and lower not in lex.clinical_word_counts() and not (w.spanish and not (w.first or w.last)))


def _name_like(t: Token) -> bool:
    """An initial, a lexicon name that is not a stop word, or a word no lexicon knows."""
    if len(t.text) == 1:
        return t.text.isupper()
    w = _WORD_INFOS[t.lower]
    if w.blocked or w.stop:
        return False
    return (w.first or w.last) and (w.prior >= 0.05 or not w.known_word) or not w.known_word


def _nickname_matches(text: str) -> Iterator[tuple[int, int, int, int, bool]]:
    """Nicknames after a word: (where the gap after the word starts, the nickname's start and end, the match's end,
    whether it is in brackets without quotes)."""
    if '"' in text or "“" in text:
        for m in _NICKNAME.finditer(text):
            yield m.start(), m.start(1), m.end(1), m.end(), False
    if "(" in text:
        for m in _BRACKETED_WORD.finditer(text):
            gap = _BEFORE_BRACKET.search(text, max(0, m.start() - 12), m.start())
            if gap is not None:
                yield gap.start(), m.start(1), m.end(1), m.end(), True


def _bracketed_nickname(t: Token, name: Token) -> bool:
    """A capitalized word in brackets after ``name`` is a nickname when it is a first name ("(Peggy)") or a rare word
    that shares three letters with the name ("Priyanka (Pri)", "ANASTASIA (NASTYA)"); roles and units in brackets
    ("(Chaplain)", "(MPOA)", "(Cardiology)") are neither."""
    if not t.text[0].isupper():
        return False
    w = _WORD_INFOS[t.lower]
    if w.blocked or w.stop:
        return False
    return (w.first and w.prior >= 0.05) or (len(t.lower) >= 3 and t.lower[:3] in name.lower and _is_rare(t))


def _is_rare(t: Token) -> bool:
    """A word that is neither frequent English nor clinical vocabulary (typo-like names such as "Strug")."""
    w = _WORD_INFOS[t.lower]
    if w.blocked or w.stop:
        return False
    return lex.word_frequency(t.lower) < 3.5 and t.lower not in lex.clinical_word_counts()


def _staff_name_slot(t: Token) -> bool:
    """A word that can be the name in a staff slot ("seen by ___"): a lexicon name or an unknown or rare
    word, capitalized where the writer's casing informs, and not a plain, clinical or field word."""
    w = _WORD_INFOS[t.lower]
    if w.blocked or (w.stop and not (w.first or w.last)) or t.lower in NOT_AFTER_TITLE or t.lower in FIELD_WORDS:
        return False
    if w.stop and t.lower in lex.nationalities():
        return False  # "Language: Spanish (pt)": a language, though also a surname
    if t.lower in lex.clinical_abbreviations():
        return False  # "placed by IR", "seen by GI"
    if t.casing == MIXED and not (t.is_title or t.is_upper):
        return False
    if t.lower in lex.clinical_word_counts() and (not (w.first or w.last) or w.prior < 0.02):
        return False  # "pain (pt)", "seen by neurology"
    return w.first or w.last or _is_unknown(t) or _is_rare(t)


def _hyphen_cue(lower: str) -> str:
    """The cue in a hyphenated word: its last part ("social-hus"), or "in-law" ("daughter-in-law")."""
    return "in-law" if lower.endswith("-in-law") else lower.rsplit("-", 1)[1]


_SIGNATURE_DASH = re.compile(r"[ \t]*(?:--?|—|–)[ \t]*")
_MORE_CREDENTIALS = re.compile(r"(?:[ \t]*,[ \t]*[a-z]{2,6})*[ \t.]*(?:\n|$)", re.IGNORECASE)  # "rn, cnn"


def _lowercase_signature(text: str, name_end: int, cred: Token) -> bool:
    """Whether the credential ``cred`` closes a signature line whose name (ending at ``name_end``) is in lowercase:
    after a comma ("r. dizon, rn") or on a line opened by a dash ("-- r. duval rn", "-- kayla s. RN"), the
    credential last on the line but for more credentials ("rn, cnn")."""
    if not _MORE_CREDENTIALS.match(text, cred.end):
        return False
    ls = text.rfind("\n", 0, name_end) + 1
    dash = _SIGNATURE_DASH.match(text, ls)
    if dash is not None and dash.end() > ls:
        ls = dash.end()
    elif not _COMMA_GAP.fullmatch(text, name_end, cred.start):
        return False
    name = text[ls:name_end]
    return len(name) <= 40 and name.islower()


def _mark_staff(ks: list[int], tokens: list[Token], scores: list[float], roles: list[str | None]) -> None:
    """Mark the words of a staff slot (indexes nearest first) while they can be a name."""
    for taken, k in enumerate(ks):
        if not _staff_name_slot(tokens[k]):
            break
        scores[k] = max(scores[k], 0.85 if taken == 0 else 0.75)
        roles[k] = roles[k] or Label.PROVIDER


def _is_unknown(t: Token) -> bool:
    """No lexicon knows this word: a candidate for a rare or foreign name."""
    w = _WORD_INFOS[t.lower]
    return not w.known_word and not w.first and not w.last and not w.blocked and not w.stop and len(t.lower) >= 2


def _odds(p: float, factor: float) -> float:
    """Multiply the odds of probability ``p`` by ``factor``."""
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    o = p / (1 - p) * factor
    return o / (1 + o)


def _casing_score(t: Token, prior: float) -> float:
    """Adjust the prior by the token's casing where the line's casing informs."""
    if t.casing != MIXED:
        return prior
    if t.is_title and not t.is_upper:
        return prior if t.sentence_start else _odds(prior, 20.0)
    if t.is_lower:
        return _odds(prior, 0.05)
    if t.is_upper:
        return _odds(prior, 0.2 if len(t.text) <= 3 else 1.0)
    return prior


def _prev_words(tokens: list[Token], i: int, text: str, n: int = 2) -> list[str]:
    """Up to ``n`` lowercase words before token ``i`` on the same line (nearest first)."""
    out = []
    j = i - 1
    while j >= 0 and len(out) < n:
        if "\n" in text[tokens[j].end : tokens[j + 1].start] and not out:
            break
        out.append(tokens[j].lower)
        j -= 1
    return out


# the end of a field value; a remark in brackets may follow the name ("Caller: Will Ashby (father)")
# the end of a field value, also after an initial's full stop ("Name: Foley, Patrick J.      MRN: …")
_FIELD_END = re.compile(r"\.?(?:[ \t]*(?:$|[\r\n|<])|\t|[ \t]{2})|[ \t]+\([^()\n]{1,40}\)", re.MULTILINE)
_CREDENTIAL_AFTER = re.compile(r"[ \t]?,?[ \t]*" + _DOTTED_CREDENTIAL.pattern, re.IGNORECASE)  # "M.D.", "R.N" (no final stop)
_VALUE_GAP = re.compile(r"[ \t]?| ?,[ \t]?|\.[ \t]?|\^|[ \t]?[\"“”][ \t]?")  # inside a field value: "SMITH, JOHN", "J. Smith",
# HL7 "CASE^PAM", a nickname in quotes ('Suresh "Suri" Khurana'), and the tokenized "OKONJO , ADAEZE N" of exports that
# put a space before every punctuation mark


def _header_name_value(tokens: list[Token], text: str, i: int) -> list[int]:
    """The tokens of the field value after the label at ``i`` when the whole value looks like a person's name.

    The value runs to the end of the field (a line break, a tab, two spaces, ``|``); it is a name when it
    has 1-4 words, each capitalized (in a mixed-case line) and none a field word or a plain function
    word, and at least one is a clear name (a lexicon name with some prior, a word no lexicon knows, or one
    rare in English and in notes).
    Words that are usually not names are then taken too: "BLACK, DANNY", "COLON, GAVIN", "Till Scheel".
    """
    out: list[int] = []
    j = i + 1
    value_end = -1  # where the field's value ends, when credentials close the name
    while j < len(tokens) and len(out) < 7:
        gap = text[tokens[j - 1].end : tokens[j].start]
        if j > i + 1 and not _VALUE_GAP.fullmatch(gap):
            break
        dotted = _CREDENTIAL_AFTER.match(text, tokens[j - 1].end) if out else None
        if out and (tokens[j].lower in CREDENTIALS or dotted):
            # "Kendra Fisher, DO", "Ana McLeod, M.D.": the credential closes the name, and the field ends after the
            # credentials ("Attending: Delacroix, M. MD     Resident: …")
            value_end = dotted.end() if dotted else tokens[j].end
            q = j + 1
            while q < len(tokens) and tokens[q].lower in CREDENTIALS and _VALUE_GAP.fullmatch(text, tokens[q - 1].end, tokens[q].start):
                value_end = tokens[q].end
                q += 1
            break
        out.append(j)
        j += 1
    # at most four words besides particles ("Lopez Garza, Maria de los Angeles")
    if not out or len(out) > 6 or sum(tokens[k].lower not in PARTICLES for k in out) > 4:
        return []
    if not (_FIELD_END.match(text, tokens[out[-1]].end) or (value_end >= 0 and _FIELD_END.match(text, value_end))):
        return []  # the value goes on with something that is not a name: "Patient: Smith (see below)"
    clear = 0
    for k in out:
        t = tokens[k]
        w = _WORD_INFOS[t.lower]
        # a word that follows a title as a verb is a first name before another word of the name ("Caller: Will Ashby")
        given = w.first and t.is_title and k != out[-1]
        if t.lower in FIELD_WORDS or t.lower in RELATIONS or t.lower in PERSON_ROLES or (t.lower in NOT_AFTER_TITLE and not given):
            return []
        if t.lower in PARTICLES and k not in (out[0], out[-1]):
            continue  # "Maria de los Angeles", "Layla bint Abdul-Rahman"
        if t.casing == MIXED and not (t.is_title or t.is_upper):
            return []
        if len(t.text) == 1 or t.lower in PARTICLES:
            continue
        if w.stop and not (w.first or w.last):
            return []
        if ((w.first or w.last) and w.prior >= 0.3) or _is_unknown(t) or (
                # capitalized in a mixed-case line, a word rare in English and in notes, and no drug: "Suresh",
                # "Khurana" (names the census lists miss); in capitals "RE: SWALLOW EVAL" would be one too
                t.casing == MIXED and t.is_title and len(t.lower) >= 3 and _is_rare(t) and t.lower not in lex.drug_names()):
            clear += 1
    return out if clear else []


def _at_least(threshold: float, scores: list[float]) -> list[int]:
    """Indices of the scores that reach ``threshold`` (most scores are 0.0: those are skipped in C)."""
    if threshold <= 0.0:
        return [i for i, s in enumerate(scores) if s >= threshold]
    return [i for i in compress(count(), scores) if scores[i] >= threshold]


# letters that re.I matches to an ASCII letter but str.lower() does not turn into it (ſ~s, ı~i, İ~i)
_ODD_CASE = ("ſ", "ı", "İ")


def _words_for_gates(text: str) -> str | None:
    """The lowercased text, to skip a case-insensitive pattern cheaply when a word it needs is absent.

    None when the text holds one of ``_ODD_CASE``: then every pattern runs (see ``_may_match``).
    """
    if any(c in text for c in _ODD_CASE):
        return None
    return text.lower()


def _may_match(low: str | None, hint: re.Pattern) -> bool:
    """False only when ``hint`` (a lowercase pattern) has no match in ``low`` (the text, lowercased)."""
    return low is None or hint.search(low) is not None


def _finditer_at_hints(pattern: re.Pattern, text: str, low: str | None, hint: re.Pattern):
    """``pattern.finditer(text)``, trying ``pattern`` only where ``hint`` matches ``low`` (the text, lowercased).

    Every match of ``pattern`` must start with a match of ``hint`` at the same offset (``low`` then has
    the offsets of ``text``: see ``_words_for_gates``). Without ``low`` every position is tried.
    """
    if low is None:
        yield from pattern.finditer(text)
        return
    h = hint.search(low)
    while h is not None:
        m = pattern.match(text, h.start())
        if m is not None:
            yield m
            h = hint.search(low, m.end())
        else:
            h = hint.search(low, h.start() + 1)


# quick checks: a text with a match of _NAME_AGE holds a match of its hint
_NAME_AGE_HINT = re.compile(r",[ \t]*\d{1,3}[ \t-]*[yYmMfF]")
# on the lowercased text: a part of every match of _AGE_STATEMENT / _QUOTED_NAME / _VISITOR_FROM (the
# start of the first two, see _finditer_at_hints)
_AGE_STATEMENT_HINT = re.compile(r"is[ \t]+an?[ \t]+\d")
_QUOTED_NAME_HINT = re.compile(_QUOTED_NAME_CUE)
_PT_HINT = re.compile(r"pt[ \t]")
_RECORD_CUE_HINT = re.compile(r"mrn|mr[ \t]*#|med(?:ical)?[ \t]+rec")
_VISITOR_FROM_HINT = re.compile(_VISITOR_FROM_PLACE)

_ALL_CUES = (
    frozenset(HEADER_CUES) | PROVIDER_TITLES | PATIENT_TITLES | SPANISH_TITLES | _NEWBORN | RELATIONS | PERSON_ROLES
    | STAFF_WORDS | CREDENTIALS | CONTACT_VERBS
)


# Vietnamese family names, and the middle names that mark the name's order: "Nguyen Thi Thu Ha", "TRAN VAN DUC"
_VIETNAMESE_SURNAMES = frozenset("""nguyen nguyễn tran trần le lê pham phạm hoang hoàng huynh huỳnh phan vu vũ vo võ dang đặng bui
    bùi do đỗ ho hồ ngo ngô duong dương ly lý truong trương dinh đinh lam lâm mai cao luu lưu trinh trịnh quach quách thai
    thái doan đoàn vuong vương chau châu tang tăng ta tạ""".split())
_VIETNAMESE_MIDDLES = frozenset({"thi", "thị", "van", "văn"})


def _same_casing(a: Token, b: Token) -> bool:
    return (a.is_title and b.is_title) or (a.is_upper and b.is_upper) or (a.text.islower() and b.text.islower())


def _vietnamese_names(tokens, infos, text: str, scores: list[float], roles: list, vetoed: set[int]) -> None:
    """A Vietnamese family name, "Thi" or "Van", then one or two given names, written alike and spaced by blanks: the
    whole chain is a name ("Dr. Nguyen Thi Thu Ha", "sister Pham Thi Thu Ha", "TRAN VAN DUC", "nguyen thi lan"),
    even where a word of it is also a weekday ("Thu") or shorthand. A cue's role on any word of it holds for all."""
    lowers = token_lowers(tokens)
    if _VIETNAMESE_MIDDLES.isdisjoint(lowers):
        return
    n = len(tokens)
    for j in range(1, n - 1):
        mid = tokens[j]
        if lowers[j] not in _VIETNAMESE_MIDDLES or lowers[j - 1] not in _VIETNAMESE_SURNAMES:
            continue
        chain = [j - 1, j]
        for k in (j + 1, j + 2):
            if k >= n or not _SPACE.fullmatch(text, tokens[k - 1].end, tokens[k].start):
                break
            t, w = tokens[k], infos[k]
            if not _same_casing(t, mid) or w.cue or t.lower in CREDENTIALS or not t.text.isalpha() or len(t.text) > 6:
                break  # (a Vietnamese name's word is one syllable: six letters at most)
            if k == j + 2 and not (w.first or w.last or not w.known_word):
                break  # a second given name is a name's word: "Thu Ha", not "Lan had", "NGOC CALLED"
            chain.append(k)
        if len(chain) < 3 or not (_same_casing(tokens[j - 1], mid) and _SPACE.fullmatch(text, tokens[j - 1].end, mid.start)):
            continue
        role = next((roles[k] for k in chain if roles[k] is not None), None)
        for k in chain:
            scores[k] = max(scores[k], 0.9)
            roles[k] = roles[k] or role
            vetoed.discard(k)


def _first_then_word(tokens, infos, text: str, q: int) -> bool:
    """Token ``q`` follows a first name on the same casing ("alfred read", "ALFRED READ") and is no stop word."""
    p, t = tokens[q - 1], tokens[q]
    first = infos[q - 1]
    return (
        first.first and first.prior >= 0.05 and not first.stop and not first.blocked
        and not infos[q].stop and not infos[q].blocked and _SPACE.fullmatch(text, p.end, t.start) is not None
        and (p.is_lower == t.is_lower) and (p.is_upper == t.is_upper)
    )


def _surname_after_first(t, prev, w) -> bool:
    """After a title and a first name, a rare word written like it is the surname ("dr Ewa Strug", "DR EWA
    STRUG"), even when a lexicon reads it as a typo of a known word."""
    return (
        _WORD_INFOS[prev.lower].first and not w.stop and lex.word_frequency(t.lower) < 3.0
        and ((t.is_title and prev.is_title) or (t.is_upper and prev.is_upper and len(t.text) > 1))
    )


def _plain_word_surname(first, last, wf, wl, gap: str) -> bool:
    """A surname that is also a plain word (a stop word, a colour or race: "White"), right after a first name that
    is almost always one, both capitalised in mixed-case text: "Sarah White" (not "Will White", "Faith Based")."""
    return (wf.pair_first and wf.prior >= 0.8 and wl.last and wl.stop and not wl.blocked and gap == " "
            and first.casing == MIXED and first.is_title and last.is_title)


def _first_name_before_surname(tokens, text: str, j: int, w) -> bool:
    """Right after a title, a capitalised first name that is also a usual follower ("will", "may") when a likely
    surname follows it, capitalised, after one space: "Dr. Will Hartigan" (not "Dr. will see")."""
    t = tokens[j]
    if not (w.first and t.is_title and t.casing == MIXED and j + 1 < len(tokens)):
        return False
    nxt = tokens[j + 1]
    nw = _WORD_INFOS[nxt.lower]
    # a surname that is also a word will do when it is capitalized too ("Mr. Will Hope", "Mr. Will Grant"), but not a word
    # almost never a name ("Dr. Will Call")
    return (nxt.is_title and not nw.stop and nw.last and nw.prior >= 0.003
            and _SPACE.fullmatch(text, t.end, nxt.start) is not None)


def _first_before_clear_surname(tokens, text: str, j: int, w) -> bool:
    """A first name that is also a word, written as a name (capitalised, or in a capitals line), before a surname a
    word could hardly be (a likely surname or a word no lexicon knows, written the same way) after one space."""
    t = tokens[j]
    if not (w.first and not w.stop and not w.blocked and (t.is_title or t.is_upper) and j + 1 < len(tokens)):
        return False
    nxt = tokens[j + 1]
    nw = _WORD_INFOS[nxt.lower]
    if nw.stop or nw.blocked or not (nxt.is_title or nxt.is_upper) or _SPACE.fullmatch(text, t.end, nxt.start) is None:
        return False
    return (nw.last and nw.prior >= 0.3) or _is_unknown(nxt)


def _lowercase_first_before_clear_surname(tokens, text: str, j: int, w) -> bool:
    """In a note without casing, a first name that is also a word ("will", "hope") before a surname no word could be
    (a last name rare in English and never clinical) after one space, both lowercase: "nurse will okafor", "son may nguyen"
    (not "staff will price", "nurse will call")."""
    t = tokens[j]
    if not (w.first and not w.blocked and t.casing != MIXED and t.text.islower() and j + 1 < len(tokens)):
        return False
    nxt = tokens[j + 1]
    nw = _WORD_INFOS[nxt.lower]
    return (nxt.text.islower() and nw.last and not nw.stop and lex.word_frequency(nxt.lower) < 4.0
            and nxt.lower not in lex.clinical_word_counts() and _SPACE.fullmatch(text, t.end, nxt.start) is not None)


def _surname_word_after_first(tokens, text: str, j: int, w) -> bool:
    """After a title and a likely first name, a capitalised surname that is also a plain word or an eponym
    ("Dr. Sara White", "Dr. Eamon Foley"), unless an eponym's head follows ("Foley catheter", "Parkinson disease")."""
    t, prev = tokens[j], tokens[j - 1]
    if not (w.last and t.is_title and t.casing == MIXED and prev.is_title and _WORD_INFOS[prev.lower].likely_first):
        return False
    if j + 1 < len(tokens) and _SPACE.fullmatch(text, t.end, tokens[j + 1].start):
        return not _is_head(tokens[j + 1].lower, lex.eponym_heads())
    return True


def _title_name_alone(tokens, text: str, k: int) -> bool:
    """After a title, the last word taken as a possible part of a longer name stands alone: a particle
    ("Dr. Le for …", "Dr. Du were …") or a capital initial written with a full stop ("Dr. A. at …")."""
    t = tokens[k]
    if t.lower in PARTICLES:
        return True
    return len(t.text) == 1 and t.text.isupper() and text[t.end : t.end + 1] == "."


class NameDetector:
    """Finds person names; see the module docstring for the method."""

    name = "names"
    reads_words = True  # also run on the OCR-corrected copy of a scanned note (``detect.ocr``)

    def __init__(self, threshold: float = 0.5, emit_min: float = 0.2):
        self.threshold = threshold
        self.emit_min = emit_min  # weaker candidates are emitted too, for a second-pass model to judge

    def detect(self, doc: Document) -> list[Span]:
        return self.detect_tokens(doc.text, tokenize(doc))

    def detect_tokens(self, text: str, tokens: list[Token]) -> list[Span]:
        n = len(tokens)
        scores = [0.0] * n
        roles: list[str | None] = [None] * n
        starts = token_starts(tokens)

        def token_at(pos: int) -> int:
            """Index of the first token starting at or after ``pos``."""
            return bisect_left(starts, pos)

        def tokens_within(start: int, end: int, limit: int) -> list[int]:
            k = token_at(start)
            return [q for q in range(k, min(n, k + limit)) if tokens[q].end <= end]

        infos = list(map(_WORD_INFOS.__getitem__, token_lowers(tokens)))
        # the few words of a note that can score or are cues, found in one pass (a likely first name can score)
        flagged = [i for i, w in enumerate(infos) if w.scorable or w.cue]
        scorable = [i for i in flagged if infos[i].scorable]
        # lexicon prior, adjusted by casing (only words that can score: most words of a note cannot)
        for i in scorable:
            w = infos[i]
            if w.prior >= 0.01:  # below this even a capitalized mid-sentence word stays under emit_min
                scores[i] = _casing_score(tokens[i], w.prior)
            elif not w.known_word and not w.blocked and not w.first and not w.last:
                t = tokens[i]
                if t.casing == MIXED and t.is_title and not t.sentence_start and len(t.lower) >= 2:
                    scores[i] = 0.4  # a capitalized word no dictionary knows: a name only with one more signal
        foreign = _in_spanish_passage(tokens, infos, scores, scorable, text)
        # context cues
        for i in [i for i in flagged if infos[i].cue]:
            t = tokens[i]
            low = t.lower
            if low not in _ALL_CUES:
                low = _hyphen_cue(low)  # "social-hus tyler", "daughter-in-law Manpreet"
            gap_after = text[t.end : tokens[i + 1].start] if i + 1 < n else ""
            if low == "cc" and _HEADER_GAP.fullmatch(gap_after) and "\n" not in gap_after:
                # "cc: Evelyn Shea, MD; Victor van der Lucas, MD; Gilles Pruvost"
                line_end = text.find("\n", t.end)
                line_end = len(text) if line_end < 0 else line_end
                k = i
                while k + 1 < n and tokens[k + 1].start < line_end:
                    self._cue_right(tokens, text, k, scores, roles, Label.PROVIDER, strength=0.9, max_tokens=4, strong=True, header=True)
                    nxt = text.find(";", tokens[k + 1].start, line_end)
                    if nxt < 0:
                        break
                    k = token_at(nxt) - 1
                    if k < 0 or k + 1 >= n:
                        break
                continue
            if (
                low in HEADER_CUES and _HEADER_GAP.fullmatch(gap_after) and "\n" not in gap_after
                # "; " separates entries of a list after a credential ("MD; Giulia de Magrassi"), not after a
                # plain word ("TYLENOL GIVEN; FRANK BLOOD NOTED")
                and (";" not in gap_after or low in CREDENTIALS)
            ):
                # a field label: everything name-like up to the end of the field is the name
                whole = _header_name_value(tokens, text, i)
                if whole:  # "PATIENT:  BLACK, DANNY", "Patient: Till Scheel": the whole value has a name's shape
                    for k in whole:
                        scores[k] = max(scores[k], 0.9)
                        roles[k] = roles[k] or HEADER_CUES[low]
                    continue
                self._cue_right(tokens, text, i, scores, roles, HEADER_CUES[low], strength=0.9, max_tokens=4, strong=True, header=True)
                continue
            if (low in PROVIDER_TITLES or low in PATIENT_TITLES) and not (
                    low in ("ms", "mr") and _NUMBER_BEFORE.search(text, max(0, t.start - 3), t.start)):
                # (but "433 ms. Axis", "5 mr": a unit after a number is no title)
                role = Label.PROVIDER if low in PROVIDER_TITLES else Label.PATIENT
                # "Dr. Smith", "Dr Jane Smith", "Dr. J. Smith"; but "MS: Alert" is a field label (mental status)
                as_label = ":" in gap_after
                self._cue_right(tokens, text, i, scores, roles, role, strength=0.95, max_tokens=4, strong=True, header=as_label)
            elif low in SPANISH_TITLES:
                if t.is_title and i + 1 < n and (tokens[i + 1].is_title or tokens[i + 1].lower in PARTICLES) and not (
                        i > 0 and tokens[i - 1].text[0].isupper() and _SPACE.fullmatch(text, tokens[i - 1].end, t.start)):
                    self._cue_right(tokens, text, i, scores, roles, Label.PATIENT, strength=0.95, max_tokens=4, strong=True)
            elif low in _NEWBORN:
                if (i > 0 and tokens[i - 1].lower == "baby" and _SPACE.fullmatch(text, tokens[i - 1].end, t.start)
                        and i + 1 < n and _SPACE.fullmatch(text, t.end, tokens[i + 1].start)):  # not "BABY BOY,LINDQVIST"
                    self._cue_right(tokens, text, i, scores, roles, Label.PATIENT, strength=0.85, max_tokens=3)
            elif low in RELATIONS:
                self._cue_right(tokens, text, i, scores, roles, Label.RELATIVE, strength=0.85, max_tokens=3)
            elif low in PERSON_ROLES:
                if low in _DOTTED_ROLE_TITLES and not (t.text[0].isupper() and text[t.end : t.end + 1] == "."
                                                       and not _SIZE_BEFORE.search(text, max(0, t.start - 4), t.start)):
                    continue
                # a role written as a title ("Atty. Pell", "Sgt Dunn") is followed by a name as a title is
                self._cue_right(tokens, text, i, scores, roles, Label.PERSON, strength=0.8, max_tokens=2,
                                strong=low in _ROLE_TITLES)
            elif low in STAFF_WORDS and "\n" not in gap_after and not (
                    # "Desiree Love, CST  Circulator:", "Takeda, CRNA - MAC": a signature's credential after its comma
                    low in CREDENTIALS and i > 0 and t.is_upper and tokens[i - 1].text[:1].isupper()
                    and _COMMA_GAP.fullmatch(text, tokens[i - 1].end, t.start)):
                self._cue_right(tokens, text, i, scores, roles, Label.PROVIDER, strength=0.75, max_tokens=2)
            if low in _LOWER_CREDENTIALS and i > 0 and t.casing == MIXED and (
                    _lowercase_signature(text, tokens[i - 1].end, t)
                    # "report to nadia rn", "dual verification w/ sue rn": a lowercase nurse named after a handoff's
                    # preposition, in a note whose other words make it mixed
                    or (i > 1 and t.text.islower() and tokens[i - 1].text.islower() and tokens[i - 2].lower in _HANDOFF_TO
                        and _SPACE.fullmatch(text, tokens[i - 1].end, t.start) is not None)):
                # "-- r. duval rn", "r. dizon, rn", "-- kayla s. RN": a lowercase name signing a note typed in
                # lowercase whose copied-in names and abbreviations make it mixed
                self._cue_left(tokens, text, i, scores, roles, Label.PROVIDER, lowercase=True)
            elif low in CREDENTIALS and i > 0 and (
                    t.is_upper or t.casing != MIXED
                    # "Deepak Menon, PharmD", "Ana Ruiz, PhD": a credential in mixed case after a comma
                    or (t.text[0].isupper() and len(t.text) > 2 and _COMMA_GAP.fullmatch(text, tokens[i - 1].end, t.start))) and (
                (t.is_upper and low not in ("do", "pa", "ot"))
                or (t.casing != MIXED and low in _LOWER_CREDENTIALS)
                or _COMMA_GAP.fullmatch(text, tokens[i - 1].end, t.start)
                # "d/c planning w/ rossi pa.": a credential closing a clause in a lowercase note
                or (t.casing != MIXED and low in ("pa", "np") and _CLAUSE_END.match(text, t.end))
            ):
                # "John Smith, MD" / "smith rn"
                self._cue_left(tokens, text, i, scores, roles, Label.PROVIDER)
            if low == "by" and i > 0 and tokens[i - 1].lower in SEEN_VERBS and i + 1 < n and _SPACE.fullmatch(gap_after):
                # "seen by DYLAN", "evaluated by Ísis": a staff slot takes a name whatever its prior
                two = i + 2 < n and _SPACE.fullmatch(text, tokens[i + 1].end, tokens[i + 2].start)
                _mark_staff([i + 1, i + 2] if two else [i + 1], tokens, scores, roles)
            if low in CONTACT_VERBS and i + 1 < n:
                k = i + 2 if tokens[i + 1].lower in ("with", "to", "w") and i + 2 < n else i + 1
                nxt = tokens[k]
                w = infos[k]
                gap_to = text[t.end : nxt.start]
                if "\n" in gap_to or w.blocked or '"' in gap_to or "“" in gap_to or "¿" in gap_to:
                    continue  # (and 'asked: "¿Puede entrar mi esposo?"': what was said, not whom)
                if w.first or w.last:
                    scores[k] = max(scores[k], min(0.8, _odds(_casing_score(nxt, w.prior), 4.0)))
                elif (not w.known_word or _is_rare(nxt)) and not w.stop and (nxt.casing != MIXED or nxt.is_title) and len(nxt.lower) >= 4:
                    scores[k] = max(scores[k], 0.6)  # "replaced by Ring-Muller", "SEEN BY ROSROSANIAN"
                elif (
                    low == "by" and k == i + 1 and 2 <= len(nxt.text) <= 4 and nxt.text.isalpha() and not w.known_word
                    and not w.stop and (nxt.text.islower() or nxt.text.isupper()) and _CLAUSE_END.match(text, nxt.end)
                ):
                    scores[k] = max(scores[k], 0.8)  # "drawn at 07:02 by jlp.": a staff member's initials
                    roles[k] = roles[k] or Label.PROVIDER
        # a credential written with full stops ("Tamsin Quarrie, R.N.", "Oyelaran, M.D."): its letters are tokens
        # of their own, so the cue-word loop above cannot see it
        for m in _DOTTED_CREDENTIAL.finditer(text) if _DOTTED_HINT.search(text) else ():
            k = token_at(m.start())
            if 0 < k < n and tokens[k].start == m.start() and "\n" not in text[tokens[k - 1].end : m.start()]:
                self._cue_left(tokens, text, k, scores, roles, Label.PROVIDER)
        # patterns over the text (signatures, "(relation)", age statements …) mapped back onto tokens
        tail_start = max(0, len(text) - max(200, len(text) // 4))
        for m in _signatures(text, tail_start):
            k = token_at(m.start(1))
            if k >= n or tokens[k].start != m.start(1):
                continue
            # a signature is a short line of name-like words only, not a bullet of a list (nor "GVH #441-20-87")
            if any(c.isdigit() or c == "#" for c in m.group(1)):
                continue
            ks = [q for q in range(k, min(n, k + 5)) if tokens[q].start < m.end(1)]
            credential = m.end(1) < m.end() and text[m.end(1) : m.end()].strip(" \t,.")
            # "KC RN", and "db rn" closing a note written all lowercase
            initials = credential and len(ks) == 1 and 2 <= len(tokens[ks[0]].text) <= 3 and (
                tokens[ks[0]].text.isupper() or tokens[ks[0]].casing == LOWER
            )
            dashed = m.group(0).lstrip(" \t")[:1] in "-~" and len(ks) == 1 and infos[ks[0]].first and not infos[ks[0]].stop
            initials = initials or dashed  # "- MARK" closing a note: a first name, however common a word
            if len(ks) > 3 or not (initials or all(_name_like(tokens[q]) for q in ks)):
                continue  # "--LP RN", "KC RN": a nurse's initials before the credential
            self._mark(tokens, infos, ks, scores, roles, Label.PROVIDER, 0.8, strict=not initials)
        # a dictation stamp's initials: never the start of a longer name ("MS/kb   Job #: 448812")
        tail = text[tail_start:]
        closing = _CLOSING_INITIALS.search(text, max(tail_start, len(text) - 40))
        lower_closing = _CLOSING_LOWER_INITIALS.search(text, max(tail_start, len(text) - 12)) if "-" in text[-12:] else None
        # (a typist's field "TR :" / "tr: mfc" is looked for only where one may be: "tr" is in most words of a tail)
        tr_field = ("TR" in tail or "tr" in tail or "Tr" in tail) and _TR_FIELD.search(text, tail_start) is not None
        stamp_initials = (self._typist_initials(tokens, text, tail_start, token_at, scores, roles, closing, lower_closing, tr_field)
                          if "/" in tail or "by" in tail or "BY" in tail or "ranscribed" in tail or tr_field or closing
                          or lower_closing else ())
        self._staff_fields(tokens, text, scores, roles)
        self._nicknames(tokens, infos, text, token_at, scores, roles)
        low = _words_for_gates(text)
        for m in _PAREN_RELATION.finditer(text) if _PAREN_RELATION_HINT.search(text) else ():
            # "IVY (NEIGHBOR)", "kayleigh (pt's daughter)", "SOPHIE STONE (PARTNER)"
            k = token_at(m.start())
            ks = []
            q = k - 1
            while q >= 0 and len(ks) < 3 and _SUBJECT_GAP.fullmatch(text, tokens[q].end, tokens[q + 1].start if q + 1 < k else m.start()):
                tq = tokens[q]
                capitalized = tq.casing == MIXED and tq.is_title and not tq.sentence_start
                uncommon = tq.casing != MIXED and lex.word_frequency(tq.lower) < 4.5 and tq.lower not in lex.clinical_word_counts()
                if tq.lower in PARTICLES and ks:
                    ks.append(q)  # "Edward van Mullen (friend)"
                    q -= 1
                    continue
                if not (_name_like(tq) or ((capitalized or uncommon) and not infos[q].stop and not infos[q].blocked)):
                    if not ks and q > 0 and _first_then_word(tokens, infos, text, q):
                        ks += [q, q - 1]  # "alfred read (husband)": a common word as the surname after a first name
                    break
                ks.append(q)
                q -= 1
            self._mark(tokens, infos, ks, scores, roles, Label.RELATIVE, 0.85, strict=False)
        if "(" in text:
            self._age_list(tokens, infos, text, token_at, scores, roles)
        for m in _DOCTORS_LIST.finditer(text) if "Drs" in text or "DRS" in text else ():
            # "Present: Drs. Deshmukh, Popescu, Oyelowo-Grant and Sato": every surname of the list after a plural title
            for w in re.finditer(r"[^\W\d_][\w'’-]*", m.group(1)):
                ks = tokens_within(m.start(1) + w.start(), m.start(1) + w.end(), 1)
                if ks and tokens[ks[0]].lower not in ("and", "&") and not infos[ks[0]].stop and (
                        _name_like(tokens[ks[0]]) or infos[ks[0]].last or infos[ks[0]].first):
                    self._mark(tokens, infos, ks, scores, roles, Label.PROVIDER, 0.85, strict=False)
        for p in _PEDIGREE_PLACE.finditer(text) if "-" in text and "(" in text else ():
            # "Father (II-3) Rajesh: 68", "Maternal aunt (II-5) Priya": a relative named after their place in a pedigree
            # (found from the place in brackets: a literal the regex engine skips to)
            before = _PEDIGREE_WHO.search(text, max(0, p.start() - 30), p.start())
            m = _PEDIGREE_NAME.match(text, p.end())
            if before is None or m is None:
                continue
            if before.group(1).lower().split()[-1] in RELATIONS:
                ks = tokens_within(m.start(1), m.end(1), 3)
                if ks and all(_name_like(tokens[q]) or _rare_name_word(tokens[q].lower, infos[q]) or infos[q].first
                              or infos[q].last for q in ks):
                    self._mark(tokens, infos, ks, scores, roles, Label.RELATIVE, 0.85, strict=False)
        for m in _MARRIED_TO.finditer(text) if low is None or "married to" in low or "engaged to" in low else ():
            # "SH: married to Manpreet": the spouse, as after "wife" or "husband"
            k = token_at(m.end() - 2)
            if k < n and tokens[k].lower == "to":
                self._cue_right(tokens, text, k, scores, roles, Label.RELATIVE, strength=0.85, max_tokens=2)
        visitors = _VISITOR_FROM.finditer(text) if _may_match(low, _VISITOR_FROM_HINT) else ()
        for m in visitors:
            # "Nina from pt's church visiting", "KATIE FROM PT.'S CHURCH"
            ks = tokens_within(m.start(1), m.end(1), 3)
            if ks and all(_name_like(tokens[q]) or infos[q].first or infos[q].last for q in ks):
                self._mark(tokens, infos, ks, scores, roles, Label.PERSON, 0.75)
        quoted = () if low is not None and not any(w in low for w in _QUOTED_NAME_WORDS) else (
            _finditer_at_hints(_QUOTED_NAME, text, low, _QUOTED_NAME_HINT)
        )
        for m in quoted:
            # a title inside the quotes stays outside the name ('prefers "Mrs. Hoa"')
            ks = [q for q in tokens_within(m.start(1), m.end(1), 4) if tokens[q].lower not in PATIENT_TITLES and tokens[q].lower not in PROVIDER_TITLES]
            self._mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.85, strict=False)
        for m in _SPELLED_OUT_TAIL.finditer(text):
            start = m.start() - 1  # the first letter, before the first hyphen
            if start >= 0 and text[start].isalpha() and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "-")):
                self._spelled_out(tokens, text, start, m.end(), token_at, scores, roles)
        for m in _AGE_SEX_AFTER_STOP.finditer(text):
            ini = _INITIALS_BEFORE.search(text, max(0, m.start() - 6), m.start())
            if ini is None or ini.group(1).replace(".", "").lower() in _NOT_PATIENT_INITIALS:
                continue
            ks = tokens_within(ini.start(1), ini.end(1), 3)
            for q in ks:
                scores[q] = max(scores[q], 0.85)
                roles[q] = roles[q] or Label.PATIENT
        for m in _finditer_at_hints(_PT_NAME_BEFORE_ID, text, low, _PT_HINT) if low is None or "pt " in low else ():
            ks = tokens_within(m.start(1), m.end(1), 3)
            if ks and all(tokens[q].text.islower() and not infos[q].stop and not infos[q].blocked
                          and tokens[q].lower not in lex.clinical_word_counts()
                          and (((infos[q].first or infos[q].last) and infos[q].prior >= 0.02)
                               or lex.word_frequency(tokens[q].lower) < 4.0) for q in ks):
                self._mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.85, strict=False)
        # staff in a care role: "report received from nathan", "DYLAN FROM CASE MGMT", "TOM (PT)"
        for m in _finditer_at_hints(_REPORT_TO, text, low, _REPORT_TO_HINT):
            _mark_staff(tokens_within(m.start(1), m.end(1), 2), tokens, scores, roles)
        for m in _finditer_at_hints(_SERVICE_AFTER, text, low, _SERVICE_AFTER_HINT):
            k = token_at(m.start()) - 1  # the name is the word right before the service
            if k >= 0 and _SPACE.fullmatch(text, tokens[k].end, m.start()):
                two = k > 0 and _SPACE.fullmatch(text, tokens[k - 1].end, tokens[k].start)
                _mark_staff([k, k - 1] if two else [k], tokens, scores, roles)
        for m in _middle_initials(text):
            # "Patrick G. Hall", "Dana K. Post attended": a first name, a middle initial, a capitalized word
            ks = tokens_within(m.start(), m.end(), 3)
            if len(ks) != 3 or tokens[ks[0]].casing != MIXED or not tokens[ks[1]].text.isupper():
                continue
            first, last = infos[ks[0]], infos[ks[2]]
            if first.first and first.prior >= 0.05 and not first.stop and not last.stop and not last.blocked:
                self._mark(tokens, infos, ks, scores, roles, Label.PERSON, 0.85, strict=False)
        rows = list(_ROOM_LIST_ROW.finditer(text)) if " - " in text else []
        if len(rows) >= 3:
            # a rounding or handoff list, a row per room: "401 hemmings - cellulitis", "402 bell - r/o tia" (three rows
            # or more); the words between the room and the dash are the patient's name, not a state of the bed
            for m in rows:
                ks = tokens_within(m.start(1), m.end(1), 4)
                if ks and not any(tokens[q].lower in _BED_STATES or infos[q].stop or _is_clinical_term(tokens[q].lower)
                                  for q in ks if tokens[q].lower not in PARTICLES):
                    self._mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8, strict=False)
        for m in _finditer_at_hints(_RECORD_CUE_AFTER_NAME, text, low, _RECORD_CUE_HINT) if low is None or "mr" in low else ():
            line_start = text.rfind("\n", 0, m.start()) + 1
            name = _LINE_NAME_BEFORE.search(text, line_start, m.start())
            ks = tokens_within(name.start(1), name.end(1), 4) if name else []
            if ks and tokens[ks[0]].casing != LOWER and all(
                    (_name_like(tokens[q]) or _rare_name_word(tokens[q].lower, infos[q]))
                    and (len(tokens[q].text) == 1 or tokens[q].text[0].isupper()) for q in ks):
                self._mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8, strict=False)
        for m in _NAME_AGE.finditer(text) if _NAME_AGE_HINT.search(text) else ():
            # "CALEB, 87 YR OLD M", "read, heather, 80yo female": the patient opens the note
            ks = tokens_within(m.start(1), m.end(1), 4)
            sure = [_name_like(tokens[q]) or ((infos[q].first or infos[q].last) and infos[q].prior >= 0.02) for q in ks]
            # a surname that is also a word before the comma of "surname, first name" ("read, heather, 80yo"); alone a
            # word that is seldom a name is none ("pt pleasant, 72 yo")
            surname_first = len(ks) >= 2 and "," in text[tokens[ks[0]].end : tokens[ks[1]].start] and infos[ks[0]].last
            if ks and all(sure[1:]) and (sure[0] or surname_first):
                self._mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8)
        for m in _finditer_at_hints(_AGE_STATEMENT, text, low, _AGE_STATEMENT_HINT):
            k = token_at(m.start())  # the token "is"
            ks: list[int] = []
            q = k - 1
            while q >= 0 and len(ks) < 4:
                gap = text[tokens[q].end : tokens[q + 1].start]
                if not _SUBJECT_GAP.fullmatch(gap) and not (len(tokens[q].text) == 1 and gap.startswith(".")):
                    break
                ks.append(q)
                q -= 1
            self._mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8)
        # eponyms and instruments: "Foley catheter", "Graves disease", "the Blake drain", "a Kittner"
        heads = lex.eponym_heads()
        vetoed: set[int] = set(foreign)
        for i in [i for i in _at_least(self.threshold, scores) if roles[i] is None]:
            t = tokens[i]
            nxt = tokens[i + 1] if i + 1 < n else None
            nxt2 = tokens[i + 2] if i + 2 < n else None
            if nxt is not None and _eponym_follows(tokens, i, text, heads) and (
                _EPONYM_GAP.fullmatch(text, t.end, nxt.start)
                or (nxt.text.islower() and _EPONYM_WRAP.fullmatch(text, t.end, nxt.start))
            ) and not (infos[i].likely_first and nxt.is_title and t.casing == MIXED):
                # (but a first name before a capitalized head word is a person: "John Stapler", "Mary Holder")
                scores[i] = 0.0  # "Graves disease", "Frazier dissectors", "Dorsey<line break>suction irrigator"
            elif (
                nxt is not None and nxt2 is not None and _is_head(nxt2.lower, heads)
                and infos[i + 1].known_word and infos[i + 1].prior < 0.05  # "fall", "coma": words that are rarely names
                and tokens[i + 1].lower not in _AUXILIARIES  # but not "Jones will block the time"
                and _EPONYM_GAP.fullmatch(text, t.end, nxt.start) and _SPACE.fullmatch(text, nxt.end, nxt2.start)
            ):
                scores[i] = 0.0  # "Morse fall scale", "Glasgow coma scale"
            elif i > 1 and tokens[i - 1].lower == "of" and (tokens[i - 2].lower in INSTRUMENT_HEADS or tokens[i - 2].lower in heads):
                scores[i] = 0.0  # "Circle of Willis", "sphincter of Oddi"
            elif i > 0 and tokens[i - 1].lower in ("a", "an", "the") and infos[i].eponym:
                scores[i] = 0.0
            elif i > 0 and _long_pure_eponym(tokens[i - 1].lower) and not infos[i - 1].first and t.text[0].isupper() and (
                    _EPONYM_PAIR_GAP.fullmatch(text, tokens[i - 1].end, t.start)):
                # "Ortolani/Barlow", "Zollinger Ellison": the second name of an eponym (after no given name: "Leopold
                # Hrabal", "Mackenzie Anderson" are persons, so "Braxton Hicks" stays to the model)
                scores[i] = 0.0
            elif _DOSE_AFTER.match(text, t.end):
                scores[i] = 0.0  # "Ogen 0.625 mg", "Lovenox 40mg": a drug
            elif t.lower in lex.eponyms() and _SCORE_AFTER.match(text, t.end):
                scores[i] = 0.0  # "Berg 28/56", "(Morse 55)", "braden 19": a scale and its score
            elif t.lower in TIMES_OF_DAY and i > 0 and tokens[i - 1].lower in _TIME_PREPOSITIONS:
                scores[i] = 0.0  # "awake before dawn", "until dusk": a time, not Dawn
            elif t.text[0].isupper() and ((i > 0 and tokens[i - 1].lower in _STORMS and tokens[i - 1].text[0].isupper())
                                          or _LAW_AFTER.match(text, t.end)):
                scores[i] = 0.0  # "Hurricane Katrina", "Tropical Storm Imelda": a storm; "Jones Act", "Baker Act": a law
            if scores[i] == 0.0:
                vetoed.add(i)
        _vietnamese_names(tokens, infos, text, scores, roles, vetoed)
        self._coordinated_relatives(tokens, infos, text, scores, roles, vetoed)
        if "by " in text or "By " in text or "Drs" in text or "per " in text:
            _initial_and_surname_after_by(tokens, infos, text, starts, scores, roles, vetoed)
        # the same name elsewhere in the note: a word a cue made a name ("PATIENT NAME: Liam Van der Berg") is that
        # person's name where it appears again ("the care of Liam"), written as a name is in the note
        self._other_mentions(tokens, infos, text, scores, roles, vetoed)
        # pairs: a likely first name and a surname beside it ("JIM RUSH", "SPEARS, JARED")
        firsts = [i for i in scorable if infos[i].likely_first]
        for i in sorted({k for j in firsts for k in (j - 1, j) if 0 <= k < n - 1}):
            wa, wb = infos[i], infos[i + 1]
            a, b = tokens[i], tokens[i + 1]
            if _plain_word_surname(a, b, wa, wb, text[a.end : b.start]) and i not in vetoed and i + 1 not in vetoed:
                scores[i] = max(scores[i], 0.7)
                scores[i + 1] = max(scores[i + 1], 0.7)
                continue
            if not ((wa.pair_first and wb.pair_last) or (wb.pair_first and wa.pair_last)):
                continue  # in neither order a first name and a surname (the word checks below, done first)
            gap = text[a.end : b.start]
            if "\n" in gap or not _PAIR_GAP.fullmatch(gap):
                continue
            first, last, wf, wl = (b, a, wb, wa) if "," in gap else (a, b, wa, wb)
            if not wf.first or wf.stop or wl.stop or wl.blocked or wf.blocked:
                continue
            if first.casing == MIXED and not (first.is_title and last.is_title) and not (first.is_upper and last.is_upper) and not (
                last.is_upper and first.is_title and "," in gap  # "PRICE, Marcus": the surname in capitals first
            ):
                continue
            if i in vetoed or i + 1 in vetoed:
                continue
            if wf.prior >= 0.4 and ((wl.last and wl.prior >= 0.01) or not wl.known_word):
                for k in (i, i + 1):
                    scores[k] = max(scores[k], 0.7)
        # neighbours: a weak name beside a strong one ("Mark Brown", "John Oyelaran"), in two passes;
        # the second starts from the words the first raised: from the others it would decide the same again
        threshold = self.threshold
        strong = _at_least(threshold, scores)
        for second in (False, True):
            if second:
                before = set(strong)
                strong = [j for j in _at_least(threshold, scores) if j not in before]
            for j in strong:
                if j in stamp_initials:
                    continue
                for i in (j - 1, j + 1):
                    if not 0 <= i < n or scores[i] >= threshold or i in vetoed:
                        continue
                    w = infos[i]
                    if w.blocked or w.stop or w.eponym or (i < j and tokens[i].lower in _GREETINGS):
                        continue  # (and "Dear Becky,": the greeting before a name is none of it)
                    t = tokens[i]
                    a, b = (tokens[j], t) if j < i else (t, tokens[j])
                    gap = text[a.end : b.start]
                    if len(gap) > 4 or "\n" in gap or not _NEIGHBOUR_GAP.fullmatch(gap):
                        continue
                    informative = t.casing != MIXED or t.is_title
                    if (w.first or w.last) and informative and (w.prior >= 0.02 or t.is_title):
                        scores[i] = max(scores[i], 0.6)
                        roles[i] = roles[i] or roles[j]
                    elif informative and not w.known_word and not w.first and not w.last and len(t.lower) >= 2 and "," not in gap:
                        scores[i] = max(scores[i], 0.55)
                        roles[i] = roles[i] or roles[j]
        self._sentence_start_mentions(tokens, infos, text, scores, roles, vetoed, stamp_initials)
        self._bridge_particles(tokens, text, scores, roles)
        spans: list[Span] = []
        emit_min = self.emit_min
        for i in _at_least(emit_min, scores):
            t = tokens[i]
            if scores[i] < 0.5 and roles[i] is None and _WORD_INFOS[t.lower].known_word and labels_a_field(text, t.start, t.end):
                continue  # "Signature: ____   Payer: Medicaid": a weak name that is a field's label
            start = t.start
            # a middle or first initial right before: "J. Smith", "John A. Smith"
            if i > 0 and len(tokens[i - 1].text) == 1:
                p = tokens[i - 1]
                gap = text[p.end : t.start]
                credential = p.start >= 2 and text[p.start - 1] == "." and (text[p.start - 2] + p.text).lower() in CREDENTIALS
                if ((p.text.isupper() and _INITIAL_GAP.fullmatch(gap)) or (p.casing != MIXED and _DOT_GAP.fullmatch(gap))) and not credential:
                    start = p.start  # (not the "D" of "M.D. ART/dmh")
            end = t.end
            # a trailing initial: "Emily R.", "SMITH J"
            if i + 1 < n and scores[i + 1] < emit_min:
                q = tokens[i + 1]
                if len(q.text) == 1 and q.text.isupper() and _SPACE.fullmatch(text, t.end, q.start):
                    after = text[q.end : q.end + 1]
                    if after in (".", ",", "") or after.isspace():
                        end = q.end + (1 if after == "." else 0)
            score, role = scores[i], roles[i]
            why = "names:cue" if role else ("names:lexicon" if score >= 0.5 else "names:weak")
            spans.append(Span(start, end, role or Label.PERSON, round(min(score, 0.99), 3), why))
        for i in sorted(vetoed):  # the words ruled out above: a second pass tags them only beside a flagged word
            if scores[i] == 0.0:
                spans.append(Span(tokens[i].start, tokens[i].end, Label.PERSON, 0.0, "names:veto"))
        if "'s" in text or "’s" in text:
            spans.extend(_possessive_first_names(text, {sp.start for sp in spans if sp.score >= emit_min}))
        if not text.isascii() and ("(" in text or "（" in text):
            spans.extend(_native_script_names(text, spans, self.threshold))
        return spans

    def _cue_right(self, tokens, text, i, scores, roles, role, *, strength, max_tokens, strong=False, header=False) -> None:
        """Mark up to ``max_tokens`` name-like words right after the cue at ``i`` on the same line."""
        cue = tokens[i]
        xml = header and text[cue.start - 1 : cue.start] == "<" and text[cue.end : cue.end + 1] == ">"
        # a title that may be a plain word, after which only a name-like word is taken: "MR." or "MS." in capitals
        # amid mixed-case text (mitral regurgitation, multiple sclerosis: "underlying MR. Speech", "remitting MS. I
        # feel"), a spelled-out title after a determiner ("if a doctor uses phrases"; still "the doctor Oyelaran")
        loose_title = (cue.lower in PATIENT_TITLES and cue.text.isupper() and cue.casing == MIXED) or (
            cue.lower in _SPELLED_TITLES and i > 0 and tokens[i - 1].lower in _DETERMINERS)
        j = i + 1
        n = len(tokens)
        taken = 0
        pending_initials: list[int] = []
        while j < n and taken < max_tokens:
            t = tokens[j]
            gap = text[tokens[j - 1].end : t.start]
            wrapped = not header and j == i + 1 and "\n" in gap and _WRAPPED_GAP.fullmatch(gap) is not None
            if ("\n" in gap or len(gap) > 3) and not wrapped:
                break
            if wrapped:
                pass  # "Dr.\nSmith": a name wrapped onto the next line
            elif j == i + 1:
                # "Dr. Smith", "dr smith", "Attending: Smith", "wife - Mary", "NP, Bond"
                if header:
                    if not _HEADER_GAP.fullmatch(gap):
                        break
                elif not (_TITLE_GAP if strong else _CUE_GAP).fullmatch(gap) or not gap or ("(" in gap and role != Label.RELATIVE):
                    break  # a bracket opens a name only after a relation ("Mom (Carolina)", not "MD (PGY-2)")
            elif not (
                _SPACE.fullmatch(gap)
                or (pending_initials and pending_initials[-1] == j - 1 and _DOT_SPACE.fullmatch(gap))  # after an initial
                or (header and taken == 1 and _FIELD_NEXT_GAP.fullmatch(gap))  # "SMITH, JOHN", HL7 "CASE^PAM"
                or (xml and "<" not in gap and "\n" not in gap)
            ):
                break
            if cue.lower in CREDENTIALS and (t.lower in CREDENTIALS or (j == i + 1 and "," in gap and t.is_upper and t.casing == MIXED)):
                break  # "Samuel Oyelaran, MD, FACS", "MD, FHRS": a credential after a credential is none of a name
            if taken and t.lower in CREDENTIALS and (len(t.lower) >= 3 or (t.is_upper and t.casing == MIXED)):
                break  # "cc: S. Kuzmina, ARNP": the credential after the name is none of it
            if (taken and t.casing == MIXED and t.text.islower() and tokens[j - 1].is_title and not header
                    and t.lower not in PARTICLES and _WORD_INFOS[t.lower].known_word):
                break  # "Mi esposo Ramón Cruz está en Texas": a lowercase word after a capitalized name, amid mixed case
            w = _WORD_INFOS[t.lower]
            if len(t.text) == 1 and j + 1 < n and (t.text.isupper() or (strong and text[t.end : t.end + 1] == ".")):
                pending_initials.append(j)  # an initial counts only if a name follows
                j += 1
                continue
            if t.lower in PARTICLES and j + 1 < n and (taken or strong or tokens[j + 1].is_title):
                pending_initials.append(j)  # "le Hamel", "C. de Kamp", "van der Berg"
                j += 1
                continue
            if taken == 0 and not strong and not pending_initials and t.lower in ("is", "was", "are"):
                j += 1  # "hcp is Theo"
                continue
            # "PATIENT: BROWN, WILL T", "Patient: King, Hope D.": the given name after a field's surname and its comma,
            # a first name that is also a word, before an initial or the slot's end
            given = (header and taken == 1 and "," in gap and w.first and (t.is_title or t.is_upper)
                     and _GIVEN_NAME_END.match(text, t.end) is not None)
            if w.blocked and not given:
                break
            if (not strong or loose_title) and w.prior < 0.3 and not (t.casing != MIXED or t.is_title or t.is_upper) and not (
                    # "husband babatunde and daughter ife at bedside": right after a relation, a word no lexicon knows or
                    # a word rare in English (``_rare_name_word``), in lowercase amid mixed-case text
                    taken == 0 and role == Label.RELATIVE and cue.lower in RELATIONS and t.text.islower()
                    and (_is_unknown(t) or (w.first and lex.word_frequency(t.lower) < 3.0)
                         or (_rare_name_word(t.lower, w) and not _ENGLISH_INFLECTION.search(t.lower)))
                    and t.lower not in lex.clinical_word_counts()):
                break  # "wife very supportive", "MR enterography"; but "wife mary called" even in a mixed-case note
            if xml:
                # an XML field (<name>CASE^PAM</name>): its whole value is the name
                ok = not w.blocked
            elif strong and not header and taken == 0 and not loose_title:
                # "Dr. Day", "DR SEVEN", "Mrs. Hope": after a title any word is a name but the usual followers
                ok = (t.lower not in NOT_AFTER_TITLE and t.lower not in FIELD_WORDS and not (w.stop and not (w.first or w.last))
                      # "Dr. Will Hartigan", "Dr. May Lee": a usual follower that is a first name, before a likely surname
                      or _first_name_before_surname(tokens, text, j, w))
            elif strong:
                # a field label, or a second word after a title: a word a name could be, not a plain English word;
                # after a particle any capitalized word ("Dr. Cecilia Le Roux", "Dr. Anna van Dam")
                ok = (
                    (w.prior >= 0.01 or not w.known_word
                     # after a particle, a capitalized word, or any word of a line in capitals ("MR. PHAM VAN LOC")
                     or (taken and (t.is_title or t.casing != MIXED) and tokens[j - 1].lower in PARTICLES)
                     or (taken == 1 and _surname_after_first(t, tokens[j - 1], w))
                     # "Dr. Bartholomew Ng", "Dr. Anna Do": a short surname that is also shorthand, written as a name
                     or (taken == 1 and w.last and len(t.text) <= 3 and t.is_title and t.casing == MIXED
                         and tokens[j - 1].is_title and _WORD_INFOS[tokens[j - 1].lower].first)
                     # "Dr. Sandeep Mehra": a capitalised word rare in English after the first, in mixed-case text
                     or (taken and t.is_title and t.casing == MIXED and tokens[j - 1].is_title and _rare_name_word(t.lower, w))
                     # "Dr. Sara White", "Dr. Eamon Foley": a surname that is also a word or an eponym, after a likely
                     # first name, no eponym's head after it
                     or (taken == 1 and _surname_word_after_first(tokens, text, j, w))
                     # "ATTENDING: T. MBEKI": after an initial, a word rare in English (in capitals or in a name's casing)
                     or (taken == 0 and pending_initials and (t.is_title or t.is_upper) and _rare_name_word(t.lower, w))
                     ) and t.lower not in FIELD_WORDS and t.lower not in NOT_AFTER_TITLE
                ) or given
                if not ok and header and taken == 0 and (t.is_title or t.is_upper) and not w.stop and j + 1 < n:
                    # "Patient: Till Scheel", "Re: Ha Mai": a capitalized word before a surname
                    nxt = tokens[j + 1]
                    ok = _SPACE.fullmatch(text, t.end, nxt.start) is not None and _name_like(nxt) and _WORD_INFOS[nxt.lower].prior >= 0.3
                if taken == 0 and t.lower in PERSON_ROLES:
                    ok = False  # "To: Officer Dunn": a title; the role word then cues the name itself
            else:
                ok = (
                    ((w.first or w.last) and (w.prior >= 0.005 or (t.casing == MIXED and t.is_title)))
                    or _is_unknown(t)
                    # "HIS BRO APOLLO": after a relation, a word that is rare in English and not clinical
                    or ((w.first or w.last) and not w.stop and lex.word_frequency(t.lower) < 4.0
                        and t.lower not in lex.clinical_word_counts())
                    # "grandma fanta", "dad (Vinod)": a word rare in English, not clinical, no lexicon's name (in a
                    # lowercase note only right after the cue: "sister ivy visitting"; never after a credential,
                    # which ends a name: "jennifer rn toady")
                    # ("RN Faith Mbeki": after a credential before the name, a capitalised second word)
                    # "daughter may called", "son will at bedside": a first name that is a common word, right after a
                    # relation and before what a visitor or caller does
                    or (taken == 0 and w.first and cue.lower in RELATIONS and _VISITOR_DOES.match(text, t.end) is not None)
                    # "DAUGHTER JUNE PRICE-ADEBAYO", "son Will Okonkwo": a first name that is a common word, right after a
                    # relation and before a clear surname
                    or (taken == 0 and cue.lower in RELATIONS and _first_before_clear_surname(tokens, text, j, w))
                    or (taken == 0 and (cue.lower in RELATIONS or cue.lower in STAFF_WORDS)
                        and _lowercase_first_before_clear_surname(tokens, text, j, w))
                    or (_rare_name_word(t.lower, w)
                        and (cue.lower not in CREDENTIALS or (taken and t.is_title and t.casing == MIXED))
                        and ((t.is_title or t.is_upper or (taken == 0 and cue.lower in RELATIONS and not _ENGLISH_INFLECTION.search(t.lower)))
                             if t.casing == MIXED
                             else taken == 0))
                ) and t.lower not in RELATIONS and t.lower not in PERSON_ROLES  # "Niece is HCP", "Guardian: Atty. Pell"
            if not ok:
                break
            for k in pending_initials:
                scores[k] = max(scores[k], strength)
                roles[k] = roles[k] or role
            pending_initials.clear()
            scores[j] = max(scores[j], strength if taken == 0 else strength - 0.1)
            roles[j] = role
            taken += 1
            j += 1
        if strong and not header and taken == 0 and pending_initials and _title_name_alone(tokens, text, pending_initials[-1]):
            # "Dr. Du were", "dr n. le aware", "Dr. A. at Stanford", "Mr. W., who": what followed the title was the name
            for k in pending_initials:
                scores[k] = max(scores[k], strength)
                roles[k] = roles[k] or role

    def _bridge_particles(self, tokens, text, scores, roles) -> None:
        """Particles between two words of a name are part of it: "Liam Van der Berg", "Maria de la Cruz"."""
        n = len(tokens)
        threshold = self.threshold
        i = 1
        while i < n - 1:
            if tokens[i].lower not in PARTICLES or scores[i] >= threshold or scores[i - 1] < threshold:
                i += 1
                continue
            j = i
            while j + 1 < n and tokens[j + 1].lower in PARTICLES and scores[j + 1] < threshold:
                j += 1
            if j + 1 < n and scores[j + 1] >= threshold and all(
                _SPACE.fullmatch(text, tokens[k].end, tokens[k + 1].start) for k in range(i - 1, j + 1)
            ):
                for k in range(i, j + 1):
                    scores[k] = min(scores[i - 1], scores[j + 1])
                    roles[k] = roles[i - 1] or roles[j + 1]
            i = j + 1

    @staticmethod
    def _coordinated_relatives(tokens, infos, text, scores, roles, vetoed) -> None:
        """A name joined by "and" (or "&", "y") to a relative that a cue named is another relative: "sons Wahid and
        Samiullah", "daughters Amy, Beth and Dana". The joined word is capitalized in mixed-case text and is a word a
        name could be (no lexicon knows it, or it is a likely name), not a place or a clinical word."""
        if Label.RELATIVE not in roles:
            return
        n = len(tokens)
        joined: set[int] = set()  # names taken as items of a list: after them a comma alone joins the last item
        todo = [i for i, r in enumerate(roles) if r == Label.RELATIVE]  # (a joined name joins the next: added in order)
        while todo:
            i = todo.pop(0)
            if i >= n - 1 or scores[i] < 0.8:
                continue
            m = _COORDINATION.match(text, tokens[i].end)
            if m is None:
                continue
            j = i + 1
            while j < n and tokens[j].start < m.end():  # past an age, a bracket, "and"
                j += 1
            if j >= n or tokens[j].start != m.end() or (
                    m.group(0).rstrip()[-1:] == "," and i not in joined and not _LIST_GOES_ON.match(text, tokens[j].end)):
                continue
            for k in (j, j + 1):
                if k >= n or k in vetoed or (scores[k] >= 0.8 and roles[k] is not None):
                    break
                t, w = tokens[k], infos[k]
                if k == j + 1 and not _SPACE.fullmatch(text, tokens[j].end, t.start):
                    break
                if not (t.casing == MIXED and t.is_title and len(t.text) >= 2) or w.stop or w.blocked or w.eponym or w.cue:
                    break
                if (w.known_word and w.prior < 0.3) or t.lower in lex.clinical_word_counts() or t.lower in lex.cities():
                    break
                scores[k], roles[k] = max(scores[k], 0.8), Label.RELATIVE
                joined.add(k)
                if k not in todo:
                    insort(todo, k)

    @staticmethod
    def _other_mentions(tokens, infos, text, scores, roles, vetoed) -> None:
        """Mark the other occurrences of words that a cue made a name (score >= 0.8 with a role), unless an eponym's
        head word follows."""
        heads = lex.eponym_heads()
        found: dict[str, str] = {}
        for i in _at_least(0.8, scores):
            w = infos[i]
            if roles[i] is not None and len(tokens[i].text) >= 2 and not (w.stop or w.blocked or w.eponym):
                found.setdefault(tokens[i].lower, roles[i])
        if not found:
            return
        for i in [i for i, w in enumerate(token_lowers(tokens)) if w in found]:
            t = tokens[i]
            role = found[t.lower]
            if scores[i] >= 0.8 or i in vetoed:
                continue
            if t.casing == MIXED:
                if not (t.is_title or t.is_upper):
                    continue  # "we hope to" beside the patient Hope
            elif infos[i].prior < 0.5 and lex.word_frequency(t.lower) >= 4.0 and (
                    infos[i].prior < 0.25 or t.lower in lex.clinical_word_counts()):
                continue  # a common word in a note without casing: "will", "grant", "walker" (not "tommy", "joe")
            if _eponym_follows(tokens, i, text, heads):
                continue  # "brown stools" beside the patient Brown
            scores[i] = 0.8
            roles[i] = role

    def _sentence_start_mentions(self, tokens, infos, text, scores, roles, vetoed, stamp_initials) -> None:
        """A word taken as a name where its capital says so (mid-sentence, in a note of mixed case) is the same name
        where it opens a sentence and its capital says nothing ("… with Sam and Jordan. Sam said …"), unless an
        eponym's head word follows or it labels a field. Words of clinical prose ("General", "School") and cue
        words are never carried over."""
        threshold = self.threshold
        found: dict[str, tuple[float, str | None]] = {}
        for i in _at_least(threshold, scores):
            t, w = tokens[i], infos[i]
            if (t.casing == MIXED and t.is_title and not t.sentence_start and len(t.text) >= 2 and i not in stamp_initials
                    and not (w.stop or w.blocked or w.eponym or w.cue) and t.lower not in lex.clinical_word_counts()):
                score, role = found.get(t.lower, (0.0, None))
                found[t.lower] = (max(score, scores[i]), role or roles[i])
        if not found:
            return
        heads = lex.eponym_heads()
        for i in [i for i, w in enumerate(token_lowers(tokens)) if w in found]:
            t = tokens[i]
            if t.sentence_start and scores[i] < threshold and i not in vetoed and t.is_title and (
                    t.casing == MIXED and not _eponym_follows(tokens, i, text, heads) and not labels_a_field(text, t.start, t.end)):
                score, role = found[t.lower]
                scores[i] = min(score, 0.75)
                roles[i] = roles[i] or role

    def _nicknames(self, tokens, infos, text, token_at, scores, roles) -> None:
        """A nickname in quotes right after a name found by a cue is that person's name, and so is a name-like word
        right after it: 'Pt: Eleanor "Nell" Fitzgibbon', 'BELLAMY, MARCUS  ("Junior")', 'Harlan Gaines Jr. ("Junior")'.
        In brackets without quotes the word must look like a name and be capitalized: 'Priyanka (Pri) Raghunathan'."""
        n = len(tokens)
        if '"' in text or "“" in text or "'" in text or "‘" in text:
            for m in _QUOTED_WORD.finditer(text):
                if not _KNOWN_AS_BEFORE.search(text, max(0, m.start() - 45), m.start()):
                    continue
                k = token_at(m.start(1))
                if k < n and tokens[k].start == m.start(1) and tokens[k].end == m.end(1) and not (infos[k].blocked or infos[k].stop):
                    # the role of the name it belongs to, earlier on the line ("Patient: … (goes by "Gosia")")
                    line_start = text.rfind("\n", 0, m.start()) + 1
                    named = [roles[q] for q in range(max(0, k - 8), k) if roles[q] is not None and tokens[q].start >= line_start]
                    scores[k] = max(scores[k], 0.85)
                    roles[k] = roles[k] or (named[-1] if named else Label.PERSON)
        for start, ks, ke, end, bracketed in _nickname_matches(text):
            k = token_at(ks)
            if not (0 < k < n and tokens[k].start == ks and tokens[k].end == ke):
                continue
            if bracketed and not _bracketed_nickname(tokens[k], tokens[k - 1]):
                continue
            p = token_at(start) - 1  # the word the match follows: the name, or its first word before a suffix
            if p < 0 or tokens[p].end != start:
                continue
            q = p
            while (roles[q] is None and q > 0 and p - q < 3 and (tokens[q].is_title or tokens[q].is_upper)
                   and not (infos[q].stop or infos[q].blocked)
                   and _SPACE.fullmatch(text, tokens[q - 1].end, tokens[q].start)):
                q -= 1  # the surname that ends a name a cue found in part: "son Tran Quoc Bao ("Bao")"
            role = roles[q] or (Label.PERSON if scores[p] >= self.threshold else None)
            if role is None or infos[k].blocked:
                continue
            scores[k] = max(scores[k], 0.85)
            roles[k] = role
            q = k + 1
            tq = tokens[q] if q < n else None
            if tq is not None and _SPACE.fullmatch(text, end, tq.start) and not infos[q].stop and not infos[q].blocked and (
                _name_like(tq) or (infos[q].last and (tq.is_title or tq.is_upper))  # 'Chukwuemeka "Emeka" Obi'
            ):
                scores[q] = max(scores[q], 0.85)  # the surname after the nickname
                roles[q] = role

    def _age_list(self, tokens, infos, text, token_at, scores, roles) -> None:
        """A list of people with their ages in brackets: when one of them is a name, so are the others, however
        common a word ("her 3 kids espoir (9), merveille (6) and baby patience (7 wks)")."""
        groups: list[list[int]] = []
        last_end = -1
        for m in _AGE_BRACKET.finditer(text):
            w = _WORD_BEFORE_BRACKET.search(text, max(0, m.start() - 30), m.start())
            if w is None:
                continue
            k = token_at(w.start(1))
            if not (k < len(tokens) and tokens[k].start == w.start(1) and tokens[k].end == w.end(1)):
                continue
            if groups and _AGE_LIST_GAP.fullmatch(text, last_end, w.start(1)):
                groups[-1].append(k)
            else:
                groups.append([k])
            last_end = m.end()
        for ks in groups:
            named = [k for k in ks if scores[k] >= self.threshold and roles[k] is not None]
            if len(ks) < 2 or not named:
                continue
            role = roles[named[0]]
            for k in ks:
                if scores[k] >= self.threshold:
                    if roles[k] in (None, Label.PERSON):
                        roles[k] = role  # "Children: Jake (4), Emma (2)": all three are relatives
                elif not (infos[k].blocked or infos[k].stop):
                    scores[k] = 0.8
                    roles[k] = role

    @staticmethod
    def _spelled_out(tokens, text, start, end, token_at, scores, roles) -> None:
        """A name spelled out letter by letter ("Wrobel, W-R-O-B-E-L", "Amara, spelled A-M-A-R-A"): the
        letters are a name when they spell a word shortly before, which is that name too, or when "spell" comes
        right before them."""
        k = token_at(start)
        if k >= len(tokens) or tokens[k].start != start:
            return
        letters = text[start:end].replace("-", "").lower()
        role = None
        for q in range(k - 1, max(-1, k - 12), -1):
            if lex.fold(tokens[q].lower) == lex.fold(letters):
                role = roles[q] or Label.PATIENT
                scores[q] = max(scores[q], 0.85)
                roles[q] = role
                break
        if role is None and "spell" in text[max(0, start - 20) : start].lower():
            role = Label.PERSON
        if role is not None:
            scores[k] = max(scores[k], 0.85)
            roles[k] = roles[k] or role

    @staticmethod
    def _staff_fields(tokens, text, scores, roles) -> None:
        """Initials, or an initial and a surname, in a staff field ("Tech: JLP", "Verified by: JK / LP", "Charge RN:
        M. Love", ``_STAFF_FIELD_VALUE``): a member of staff, whatever the letters spell ("PCT: DR", "RN: ML")."""
        lowers = token_lowers(tokens)
        for i in compress(count(), map(STAFF_FIELD_WORDS.__contains__, lowers)):
            m = _STAFF_FIELD_VALUE.match(text, tokens[i].end)
            if m is None or (m.group(1) and m.group(1).lower() in _NOT_INITIALS):
                continue
            k = i + 1
            while k < len(tokens) and tokens[k].start < m.end():
                scores[k] = max(scores[k], 0.85)
                roles[k] = roles[k] or Label.PROVIDER
                k += 1

    @staticmethod
    def _typist_initials(tokens, text, start, token_at, scores, roles, closing=None, lower_closing=None, tr_field=False) -> set[int]:
        """Mark the initials of a dictation stamp (``_TYPIST_LINE``, ``_TYPIST_AFTER_CREDENTIAL``) after ``start``
        and the ``closing`` initials (a ``_CLOSING_INITIALS`` match: "-- BSK"; ``lower_closing``, a
        ``_CLOSING_LOWER_INITIALS`` match: "-kb"), and with ``tr_field`` a typist's "TR :" field; return their token
        indexes. Two groups of capitals with nothing after them ("DNR/DNI" alone on a line) are initials only when
        neither spells a clinical abbreviation or a common word."""
        found = []
        tail = text[start:]
        for m in _STAMP_LINE_END.finditer(text, start) if "/" in tail else ():
            # the pair ending the line of the stamp's dates or of the signature ("GI/gu" after a date: two abbreviations)
            if _STAMP_END_LEFT.search(text, max(0, m.start() - 24), m.start()) and not all(
                    x.lower() in lex.clinical_abbreviations() for x in (m.group(1), m.group(2))):
                found += [m.start(1), m.start(2)]
        for m in _TYPIST_LINE.finditer(text, start):
            a, b = m.group("a"), m.group("b")
            line_end = text.find("\n", m.end())
            stamped = bool(text[m.end() : len(text) if line_end < 0 else line_end].strip())
            if b.isupper() and not stamped and any(
                x.lower() in lex.clinical_abbreviations() or lex.word_frequency(x.lower()) >= 4.0 for x in (a, b)
            ):
                continue
            found += [m.start("a"), m.start("b")] + ([m.start("c")] if m.group("c") else [])
        if closing is not None:
            groups = [g for g in (1, 2) if closing.group(g)]
            if not any(closing.group(g).lower() in lex.clinical_abbreviations() or lex.word_frequency(closing.group(g).lower()) >= 5.0
                       or (closing.group(g).isupper() and closing.group(g).lower() in lex.us_states()) for g in groups):
                found += [closing.start(g) for g in groups]
        for m in _TYPIST_AFTER_CREDENTIAL.finditer(text, start):
            # "MD / tf", "DO  /  BM:tw" (the author's initials, then the typist's; not "MD / PhD")
            found += [m.start(g) for g in (1, 2) if m.group(g) and m.group(g).lower() not in CREDENTIALS]
        if lower_closing is not None and lex.word_frequency(lower_closing[1]) < 4.0 and not (
                lower_closing[1] in lex.stop_words() or lower_closing[1] in CREDENTIALS):
            found.append(lower_closing.start(1))  # (not "-ok", "- no", "- rn")
        if any(w in tail for w in _TYPED_BY_WORDS):
            found += [m.start(1) for m in _TYPED_BY.finditer(text, start) if (m.group(1).islower() or m.group(1).isupper())
                      and not _common_initials(m.group(1).lower())]
        if tr_field:
            found += [m.start(1) for m in _TR_FIELD.finditer(text, start) if not _common_initials(m.group(1).lower())]
        marked = set()
        for pos in found:
            k = token_at(pos)
            if k < len(tokens) and tokens[k].start == pos:
                scores[k] = max(scores[k], 0.9)
                roles[k] = roles[k] or Label.PROVIDER
                marked.add(k)
        return marked

    @staticmethod
    def _mark(tokens, infos, ks, scores, roles, role, strength, strict=True) -> None:
        """Mark the name-like tokens among ``ks`` with ``role`` (``strict=False``: every word but function words)."""
        for k in ks:
            t = tokens[k]
            w = infos[k]
            particle = t.lower in PARTICLES and k - 1 in ks and k + 1 in ks  # "van" in "Edward van Mullen"
            if not particle:
                if w.blocked or (strict and (w.stop or (w.known_word and not (w.first or w.last)))):
                    continue
                if t.casing == MIXED and not (t.is_title or t.is_upper):
                    continue
            scores[k] = max(scores[k], strength)
            roles[k] = roles[k] or role

    def _cue_left(self, tokens, text, i, scores, roles, role, lowercase: bool = False) -> None:
        """Mark the name right before a credential ("Smith, MD", "J Smith RN"); with ``lowercase``, also in
        lowercase on a mixed-case line ("r. dizon, rn")."""
        j = i - 1
        # "Liam Foley, PT, DPT", "Karen Brandvold, MS, RD, LDN": credentials that are also words or titles, listed in
        # capitals after a comma before the one that cued, are none of the name
        while (j > 0 and tokens[j].lower in CREDENTIALS_AFTER_NAME and tokens[j].is_upper
               and _COMMA_GAP.fullmatch(text, tokens[j].end, tokens[j + 1].start)
               and _COMMA_GAP.fullmatch(text, tokens[j - 1].end, tokens[j].start)):
            j -= 1
        taken = 0
        while j >= 0 and taken < 3:
            t = tokens[j]
            gap = text[t.end : tokens[j + 1].start]
            if "\n" in gap or (len(gap) > 3 and not (taken == 0 and _INITIAL_COMMA_GAP.fullmatch(gap))) or ":" in gap or "|" in gap or t.lower in HEADER_CUES or t.lower in STAFF_WORDS or t.lower in CONTACT_VERBS:
                break  # "SURGEON: Harold Kingsley, MD": the field label before the name is none of it
            w = _WORD_INFOS[t.lower]
            if t.lower in _CARE_UNITS and t.is_upper and t.casing == MIXED:
                break  # "Report called to ED RN Jamal": a unit, not a name (in capitals on a mixed-case line)
            if t.lower in PARTICLES and taken and j > 0 and _INITIAL_GAP.fullmatch(text, tokens[j - 1].end, t.start):
                scores[j] = max(scores[j], 0.8)  # "Diane le Thierry, MD", "Baldassare H. de Traversa, MD"
                roles[j] = role
                j -= 1
                continue
            # the "r." of "r. dizon, rn", the "t." of "megan t. rn" (in lowercase)
            small_initial = (lowercase or t.casing != MIXED) and len(t.text) == 1 and t.text.islower() and gap.startswith(".")
            # a middle initial ("Anil K. Mehta, MD"): the name goes on to its left
            middle_initial = len(t.text) == 1 and t.text.isupper() and (
                (taken and _INITIAL_GAP.fullmatch(gap) is not None) or (not taken and _INITIAL_COMMA_GAP.fullmatch(gap) is not None))
            if w.blocked and not (small_initial or middle_initial):
                break
            if not (w.first or w.last or _is_unknown(t) or _is_rare(t) or (len(t.text) == 1 and t.text.isupper()) or small_initial
                    # a signature's lowercase nickname ("-- kat rn", "w/ jenn rn"): a short name of a known one
                    or (lowercase and t.text.islower() and lex.canonical_names(t.lower) and not w.stop)
                    or (lowercase and t.text.islower() and not w.stop and lex.word_frequency(t.lower) < 4.0
                        and t.lower not in lex.clinical_word_counts())):
                break
            if t.text.islower() and len(t.text) > 1 and (t.lower in _NURSE_KINDS or (
                    w.prior < 0.3 and not w.first and lex.word_frequency(t.lower) >= 5.0)):
                break  # "handed off to day rn", "wound care rn", "none major": a kind of nurse or a common word in lowercase
            if t.casing == MIXED and not (t.is_title or t.is_upper or lowercase):
                break
            scores[j] = max(scores[j], 0.8)
            roles[j] = role
            taken += 1
            j -= 1
            if middle_initial and j >= 0 and not _SPACE.fullmatch(text, tokens[j].end, t.start):
                break  # "GENERAL, S. KIM, M.D.": a name's initial after a comma starts it


def name_prior(word: str) -> float:
    """The frequency-based name prior of ``word`` (see the module docstring); for inspection."""
    return word_info(word.lower()).prior


__all__ = ["NameDetector", "WordInfo", "word_info", "name_prior"]
