"""The words that cue a name and give it its role: titles, relations, staff words and credentials, contact verbs,
field labels, roles outside the clinic, particles, and the gaps the passes read between a cue and its name.

Step 3 of the method in ``medveil.detect.names``: these vocabularies say where a name is likely; ``slots`` marks the
name a cue opens.
"""

from __future__ import annotations

import re

from medveil.labels import Label

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
        # social and case workers, a note's cosigner, an ambulance's crew ("VA social worker: D. Okafor", "COSIGNER:
        # DESAI,ANIL", "Crew: Nate Hoiland, Paramedic")
        "worker", "cosigner", "emt", "medic", "crew",
    }
)
CREDENTIALS = frozenset(
    {
        "md", "m.d", "do", "rn", "np", "pa", "pa-c", "phd", "ph.d", "fnp", "anp", "acnp", "cnm", "crna", "rrt",
        "lcsw", "licsw", "msw", "bsn", "msn", "dnp", "pharmd", "dpm", "dds", "dmd", "facs", "facp", "mph",
        "lpn", "cna", "ot", "otr", "slp", "facc", "mba", "frcpc", "mbbs", "mrcp", "aprn", "lmsw", "lmhc", "lpc",
        "lmft", "lcpc", "cde", "cdces", "psyd", "dpt", "rph", "ibclc", "cpnp", "pmhnp", "cnp", "rdn", "ccm", "bcba", "ldn",
        # an ambulance's crew ("Nate Hoiland, Paramedic", "Becca Wald, EMT", "D. Tonihka EMT-P")
        "paramedic", "emt", "emt-p", "aemt",
        "arnp", "whnp", "agnp", "agpcnp", "agacnp", "nnp", "ccrn", "cpn", "ocn", "cns", "rnfa", "lisw", "lcadc", "cadc", "ladc",
        # sonographers, perfusionists, cath-lab staff and fellowships ("D. Brinkman, RDCS", "Hassan Farah, MD, FASE")
        "rdcs", "rdms", "rvt", "rcis", "ccp", "fase", "ccfp", "fscai", "fhrs", "fache", "faan",
        # sleep and neurodiagnostic technologists, sleep physicians ("J. Hensley, RPSGT", "K. Osei, MD, D-ABSM"), and
        # surgical technologists ("Desiree Love, CST")
        "rpsgt", "rst", "ccsh", "reegt", "rept", "cltm", "cnim", "d-absm", "fccp", "faasm", "cst",
        # audiologists and wound, ostomy and continence nurses ("Dana Whitfield, AuD", "Ruth Obi, RN, CWOCN")
        "aud", "cwocn", "cwon", "cwcn",
        # anticoagulation providers ("Monique Tafoya-Gurulé, PharmD, CACP")
        "cacp",
    }
) | frozenset(  # board certification after a nurse's or nurse practitioner's credential: "FNP-C", "AGACNP-BC", "RN-BC"
    f"{c}-{s}" for c in "fnp anp acnp agacnp agpcnp agnp pmhnp whnp cpnp nnp aprn cnp cns rn".split() for s in ("c", "bc")
)
# credentials that stand after a person's name though alone they are words, titles, place codes or shorthand: in a
# list of them before the one that cues ("Liam Foley, PT, DPT"; "MS, RD, LDN"), or one after a name the model found
# ("Jessica Ortiz, MA"; "Kelly Fong, RD, LD")
CREDENTIALS_AFTER_NAME = CREDENTIALS | frozenset(
    """pt ms rd ld ma cma ba bs med mpt cscs atc cep lvn crnp cnl pta cota rt ccc-slp otr/l cphq chc rcs ncc ocs"""
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
    "cosigner": Label.PROVIDER,
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
# titles that are also plain nouns, and the words that make them one ("a doctor", "her primary doctor")
_SPELLED_TITLES = frozenset({"doctor", "doc", "professor", "mister"})
_DETERMINERS = frozenset(
    "a an the this that these those his her their my your our its any another every each other primary family new "
    "treating attending referring covering outside local".split()
)
_DOTTED_CREDENTIAL = re.compile(
    r"(?<![\w.])(?:M\.D|D\.O|R\.N|N\.P|P\.A|Ph\.D|Pharm\.D|D\.D\.S|D\.M\.D|D\.P\.M|L\.P\.N|C\.N\.M|F\.N\.P|M\.S\.W|"
    r"L\.C\.S\.W|F\.A\.C\.S|C\.R\.N\.A)(?:\.(?![\w.])|(?![\w.]))", re.IGNORECASE)  # not N.P.O., P.A.C.U.
# a speed gate: a full stop between letters, "M.D", "R.N." (no decimals); the stop first, so that the engine skips to
# full stops (a letter first would be tried at every letter)
_DOTTED_HINT = re.compile(r"\.(?<=[A-Za-z]\.)[A-Za-z]")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;\n]|$)")
_SPACE = re.compile(r"[ \t]+")
_SUBJECT_GAP = re.compile(r"[ \t]*\n?[ \t]*")
# "seen by ___": the verbs that make "by" open a staff slot
SEEN_VERBS = frozenset(
    """seen evaluated examined assessed reviewed visited accompanied interviewed counseled counselled checked
    cpr performed done placed intubated extubated inserted drawn started covered relieved witnessed""".split()
)


_HANDOFF_TO = frozenset({"to", "w", "with", "by", "from", "per"})
# the kinds of nurse or doctor written before "rn"/"md" in lowercase: "day rn", "wound care rn", "night md"
_NURSE_KINDS = frozenset("""day night evening eve nights days floor charge float primary wound care unit staff icu micu sicu ed er
    pacu or triage bedside oncoming outgoing covering receiving sending home hospice dialysis infusion clinic school case
    research travel agency nurse ostomy admitting discharging resource labor delivery nicu picu ccu cvicu pcu tele
    telemetry peds psych postpartum surgical medical ob ld stepdown step-down neuro cardiac oncology trauma""".split())


def _hyphen_cue(lower: str) -> str:
    """The cue in a hyphenated word: its last part ("social-hus"), or "in-law" ("daughter-in-law")."""
    return "in-law" if lower.endswith("-in-law") else lower.rsplit("-", 1)[1]


_ALL_CUES = (
    frozenset(HEADER_CUES) | PROVIDER_TITLES | PATIENT_TITLES | SPANISH_TITLES | _NEWBORN | RELATIONS | PERSON_ROLES
    | STAFF_WORDS | CREDENTIALS | CONTACT_VERBS
)
