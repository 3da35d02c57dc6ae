"""MTSamples notes with their placeholders replaced by surrogates, so that labels come by construction.

MTSamples hides identifiers behind placeholders ("Dr. X", "Mr. Abc", "Ms. XXXX", "ABCD General
Hospital", "Sample Patient", "MM/DD/YYYY", "City, State" ...). Each placeholder is replaced by a
surrogate of the right kind, with varied formats and casing, drawn deterministically from a
random generator seeded by the document key. Names come from Faker (many locales, Latin script)
plus a list of rare and foreign names; the test split draws from a pool disjoint from the one of
train/dev (pool members are split by a hash of the value), so a detector cannot score by having
memorised train names.

Real-looking dates already in the text (08/21/2003, January 5, 2004, 11/2009) are labelled DATE by
rule; a bare "mm/dd" only after a date cue ("on 11/13"). Ages over 89 are AGE. Personal names that
MTSamples left in clear after a title ("Dr. Trask") are replaced by surrogates too.

A document is left out when a placeholder-like token remains whose role is unclear (numeric
placeholders "XXX" in templates, a bare "ABC" with no cue): ``stats["mtsamples_excluded"]`` counts
them by reason.
"""

from __future__ import annotations

import hashlib
import random
import re
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.corpus import US_STATES, TextBuilder, cms_hospitals, resolve_overlaps, smart_title
from benchmarks.splits import split_of

# --- surrogate pools -----------------------------------------------------------------------------

LOCALES = (
    "en_US", "en_GB", "ga_IE", "es_ES", "es_MX", "fr_FR", "de_DE", "it_IT", "pt_BR", "pl_PL", "nl_NL",
    "sv_SE", "fi_FI", "tr_TR", "id_ID", "cs_CZ", "hu_HU", "ro_RO", "hr_HR", "da_DK", "no_NO", "en_IN",
    "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "tw_GH", "sw", "az_AZ", "vi_VN",
)  # fmt: skip
ROMANIZED = ("ja_JP", "zh_CN")
# rare, foreign, hyphenated, particle and apostrophe names that common name lists miss
RARE_FIRST = (
    "Oluwaseun", "Nkechi", "Thandiwe", "Siobhan", "Niamh", "Saoirse", "Aoife", "Tadhg", "Xiomara", "Yesenia",
    "Dagoberto", "Leocadia", "Wojciech", "Grzegorz", "Zbigniew", "Przemysław", "Radomír", "Bohumil", "Jiří",
    "Ilse", "Dörte", "Sigrún", "Þórdís", "Ragnheiður", "Aurelio", "Evangelina", "Anacleto", "Nguyen",
    "Thuy", "Huong", "Quang", "Duc", "Sun-hee", "Ji-woo", "Min-jun", "Hyun", "Kenji", "Haruto", "Yui",
    "Aarav", "Priyanka", "Venkatesh", "Lakshmi", "Mohammed", "Abdirahman", "Fadumo", "Hamdi", "Tesfaye",
    "Abebe", "Mekdes", "Kwame", "Akosua", "Efua", "Chidi", "Babajide", "Olamide", "Tupac", "Wynona",
    "Kateri", "Ayasha", "Dakota", "Ximena", "Itzel", "Anahí", "Guadalupe", "Bartholomew", "Ezekiel",
    "Jedediah", "Marigold", "Clementine", "Zygmunt", "Ignacy", "Eero", "Aino", "Tuuli", "Søren", "Bjørn",
    "Ottilie", "Wilhelmina", "Anastasios", "Eleftheria", "Panagiota", "Vasilios", "Arsenio", "Desislava",
)  # fmt: skip
RARE_LAST = (
    "Oyelaran-Bakare", "Nwachukwu", "Okonkwo", "Adeyemi-Johnson", "Mbeki", "Ndlovu", "Dlamini", "Tshabalala",
    "Ó Súilleabháin", "O'Driscoll", "McGillicuddy", "MacAodhagáin", "van der Westhuizen", "de la Cruz",
    "Dos Santos", "di Stefano", "von Hohenberg", "Vanderploeg", "Szczepańska", "Brzęczyszczykiewicz",
    "Wróblewski", "Przybylski", "Nowakowska", "Dvořák", "Novotná", "Hrabě", "Kovačević", "Jovanović",
    "Nguyễn", "Trần", "Phạm", "Huỳnh", "Võ", "Ngo", "Truong", "Takahashi", "Watanabe", "Yamaguchi",
    "Kobayashi", "Zhou", "Xu", "Zhang", "Huang", "Kim", "Park", "Choi", "Jeong", "Subramanian",
    "Venkataraman", "Chakraborty", "Bhattacharya", "Raghunathan", "Abdi", "Warsame", "Haile", "Gebremedhin",
    "Tesfamariam", "Asante", "Mensah", "Boateng", "Al-Hashimi", "El-Sayed", "Abu-Ghazaleh", "Haddad",
    "Yazzie", "Begay", "Tsosie", "Running Bear", "St. Pierre", "Lévesque", "Ouellette", "Thibodeaux",
    "Papadopoulos", "Konstantinidis", "Yilmaz", "Öztürk", "Kowalczyk", "Gonçalves", "Magalhães", "Björklund",
    "Järvinen", "Häkkinen", "Øvergaard", "Ó Briain", "Fitzgerald-Smythe", "Lloyd-Jones", "Ng", "Ho", "Li",
)  # fmt: skip
DR_SUFFIX = (", MD", ", M.D.", " MD", ", DO", ", PhD", ", NP", ", PA-C")


def _h(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest(), 16)


def pool_of(value: str) -> str:
    """'test' for about 1 in 5 pool values, 'train' otherwise: test surrogates never appear in train."""
    return "test" if _h("medveil-pool:" + value.casefold()) % 5 == 0 else "train"


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF or c in "’'-. " for c in s)


@cache
def name_pools() -> dict[str, dict[str, list[str]]]:
    """{'train'|'test': {'first': [...], 'last': [...]}} from Faker and the rare-name lists."""
    from faker import Faker

    first: set[str] = set(RARE_FIRST)
    last: set[str] = set(RARE_LAST)
    for loc in LOCALES:
        f = Faker(loc)
        f.seed_instance(1234)
        n = 400 if loc in ("en_US", "en_GB") else 120
        for _ in range(n):
            first.add(f.first_name())
            last.add(f.last_name())
    for loc in ROMANIZED:
        f = Faker(loc)
        f.seed_instance(1234)
        for _ in range(120):
            first.add(f.first_romanized_name())
            last.add(f.last_romanized_name())
    out: dict[str, dict[str, list[str]]] = {
        "train": {"first": [], "last": []},
        "test": {"first": [], "last": []},
    }
    for kind, values in (("first", first), ("last", last)):
        for v in sorted(values):
            v = v.strip()
            if len(v) < 2 or not _latin(v) or not v[0].isupper():
                continue
            out[pool_of(v)][kind].append(v)
    return out


@cache
def place_pools(data_dir: str) -> dict[str, dict[str, list[str]]]:
    from faker import Faker

    hospitals: set[str] = set()
    cities: set[str] = set()
    streets: set[str] = set()
    try:
        for row in cms_hospitals(Path(data_dir)):
            hospitals.add(smart_title(row["name"]))
            cities.add(smart_title(row["city"]))
    except OSError:
        pass
    f = Faker("en_US")
    f.seed_instance(99)
    orgs = set()
    for _ in range(400):
        cities.add(f.city())
        streets.add(f.street_address())
        orgs.add(f.company())
    fg = Faker("en_GB")
    fg.seed_instance(99)
    for _ in range(100):
        cities.add(fg.city())
    for stem in ("Riverside", "Lakeview", "Mercy", "Good Shepherd", "Holy Cross", "Sacred Heart", "Valley"):
        hospitals.add(f"{stem} Medical Center")
    out: dict[str, dict[str, list[str]]] = {"train": {}, "test": {}}
    for kind, values in (("hospital", hospitals), ("city", cities), ("street", streets), ("org", orgs)):
        for p in out.values():
            p[kind] = []
        for v in sorted(values):
            out[pool_of(v)][kind].append(v)
    return out


# --- surrogate makers ----------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


class Surrogates:
    """Deterministic surrogate values for one document (seeded by its key), from its split's pool."""

    def __init__(self, key: str, split: str, data_dir: Path) -> None:
        self.rng = random.Random(_h("mtsamples-surrogate:" + key))
        pool = "test" if split == "test" else "train"
        self.test = split == "test"
        self.names = name_pools()[pool]
        self.places = place_pools(str(data_dir))[pool]
        self.people: dict[str, tuple[str, str, str]] = {}
        self.orgs: dict[str, str] = {}
        self.upper_doc = self.rng.random() < 0.05

    def person(self, token: str) -> tuple[str, str, str]:
        """The (first, middle initial, last) for a placeholder token; the same token gives the same person."""
        k = token.casefold()
        if k not in self.people:
            r = self.rng
            first = r.choice(self.names["first"])
            last = r.choice(self.names["last"])
            if r.random() < 0.08:
                last = f"{last}-{r.choice(self.names['last'])}"
            self.people[k] = (first, r.choice("ABCDEFGHJKLMNPRSTW"), last)
        return self.people[k]

    def _case(self, s: str) -> str:
        r = self.rng.random()
        if self.upper_doc or r < 0.06:
            return s.upper()
        if r < 0.08:
            return s.lower()
        return s

    def name(self, token: str, context: str) -> str:
        """A name for a placeholder. context: 'titled' (after Dr./Mr.), 'header' (RE:, Patient:) or 'bare'."""
        first, mi, last = self.person(token)
        r = self.rng.random()
        if context == "first":
            s = first if self.rng.random() < 0.85 else f"{first} {mi}."
        elif context == "full":
            s = f"{first} {last}" if r < 0.8 else f"{first} {mi}. {last}"
        elif context == "titled":
            if r < 0.6:
                s = last
            elif r < 0.8:
                s = f"{first} {last}"
            elif r < 0.9:
                s = f"{first} {mi}. {last}"
            else:
                s = f"{first[0]}. {last}"
        elif context == "header":
            if r < 0.45:
                s = f"{last}, {first}"
            elif r < 0.7:
                s = f"{first} {last}"
            elif r < 0.85:
                s = f"{last}, {first} {mi}."
            else:
                s = f"{first} {mi}. {last}"
        else:
            if r < 0.3:
                s = first
            elif r < 0.65:
                s = f"{first} {last}"
            elif r < 0.75:
                s = last
            elif r < 0.85:
                s = f"{last}, {first}"
            elif r < 0.93:
                s = f"{first} {mi}. {last}"
            else:
                s = f"{first[0]}.{last[0]}." if self.rng.random() < 0.5 else f"{first[0]}{last[0]}"
        return self._case(s)

    def hospital(self, token: str) -> str:
        k = "h:" + token.casefold()
        if k not in self.orgs:
            self.orgs[k] = self.rng.choice(self.places["hospital"])
        return self._case(self.orgs[k])

    def short_hospital(self, token: str) -> str:
        """A hospital name without its generic tail ("Mercy", "St. Luke's") for "ABCD ER" and the like."""
        full = self.hospital(token)
        short = re.sub(r"\s+(Regional\s+)?(Medical Center|Hospital|Health Center|Medical Centre|Health System|"
                       r"Healthcare|Health|Center|Clinic)\b.*$", "", full, flags=re.IGNORECASE)  # fmt: skip
        return short if short.strip() else full

    def org(self, token: str) -> str:
        k = "o:" + token.casefold()
        if k not in self.orgs:
            self.orgs[k] = self.rng.choice(self.places["org"])
        return self.orgs[k]

    def place(self, label: str, orig: str) -> str:
        """A surrogate of the same kind as ``orig`` (a state stays an abbreviation when it was one)."""
        key = f"p:{label}:{orig}"
        if key not in self.orgs:
            if label == "STATE":
                name, abbr = self.rng.choice(sorted(US_STATES.items()))
                self.orgs[key] = abbr if orig.isupper() and len(orig) == 2 else name
            elif label == "COUNTRY":
                from benchmarks.corpus.presidio import countries

                pool = sorted(
                    c for c in countries() if pool_of(c) == ("test" if self.test else "train") and len(c) > 4
                )
                self.orgs[key] = " ".join(w.capitalize() for w in self.rng.choice(pool).split())
            else:
                self.orgs[key] = self.rng.choice(self.places["city"])
        return self.orgs[key]

    def city(self) -> str:
        return self._case(self.rng.choice(self.places["city"]))

    def state(self) -> str:
        name, abbr = self.rng.choice(sorted(US_STATES.items()))
        return abbr if self.rng.random() < 0.6 else name

    def street(self) -> str:
        return self.rng.choice(self.places["street"])

    def zip(self) -> str:
        z = f"{self.rng.randint(1001, 99950):05d}"
        return z if self.rng.random() < 0.8 else f"{z}-{self.rng.randint(0, 9999):04d}"

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(max(n, 5)))

    def date(self, with_year: bool = True) -> str:
        r = self.rng
        y, m, d = r.randint(1995, 2022), r.randint(1, 12), r.randint(1, 28)
        mon = MONTHS[m - 1]
        if not with_year:
            return r.choice([f"{mon} {d}", f"{mon[:3]} {d}", f"{m}/{d}", f"{mon} {d}{_th(d)}"])
        fmts = [
            f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{m}/{d}/{y % 100:02d}", f"{mon} {d}, {y}",
            f"{mon[:3]} {d}, {y}", f"{mon[:3]}. {d}, {y}", f"{d} {mon} {y}", f"{d}-{mon[:3]}-{y}",
            f"{y}-{m:02d}-{d:02d}", f"{mon} {d}{_th(d)}, {y}", f"{m:02d}-{d:02d}-{y}", f"{d:02d}.{m:02d}.{y}",
            f"{mon.upper()} {d}, {y}",
        ]  # fmt: skip
        return r.choice(fmts)


def _th(d: int) -> str:
    return "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


# --- placeholder shapes --------------------------------------------------------------------------

# a placeholder name token: letter runs that are no real name
PH = r"(?:Sample\s+(?:Patient|Doctor|Name)|John\s+Doe|Jane\s+Doe|X{2,}|Xx{2,}|XYZ|Xyz|ABCD?|Abcd?|Def|[A-Z]{1,2}(?![A-Za-z]))"
TITLE = r"(?:Dr|Mr|Mrs|Ms|Miss|Doctor)\.?"
# a real name left in clear after a title: Capitalised word (+ optional initial and second word)
REAL = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z]\.)?(?:\s+(?!(?:and|or|at|in|on|is|was|has|who|for|of|the)\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?)?)"
NOT_NAMES = {
    "The", "This", "That", "His", "Her", "Patient", "Sample", "And", "Or", "He", "She", "We", "I", "It", "On",
    "In", "At", "To", "Of", "For", "From", "With", "Office", "Is", "Was", "Pepper", "Seuss",
}  # fmt: skip
FACILITY_TAIL = (
    r"(?:(?:General|Medical|Memorial|Regional|Community|University|Children's|County)\s+)*"
    r"(?:Hospital|Medical\s+Cent(?:er|re)|Health\s+Cent(?:er|re)|Surgery\s+Cent(?:er|re)|Surgical\s+Cent(?:er|re)|"
    r"Cancer\s+Cent(?:er|re)|Cent(?:er|re)|Clinic|Health\s+Services|Health\s+System|Nursing\s+Home|Rehab(?:ilitation)?|"
    r"Infirmary|Hospice)"
)
UNIT_TAIL = (
    r"(?:ER|E\.R\.|Emergency\s+(?:Room|Department)|(?:General\s+)?Emergency\s+Room|Preoperative\s+Holding\s+Area|"
    r"Inpatient|Outpatient|ICU|Urgent\s+Care|Dialysis\s+Cent(?:er|re)|[Cc]linic|Practice|Office|Med\b|Nephrology|"
    r"Cardiology|Neurology|Oncology|Orthopedics|Pediatrics|Radiology)"
)
ORG_TAIL = (
    r"(?:Insurance|School|Hotel|Services|Company|Corporation|Corp\.?|Inc\.?|Industries|Manufacturing|Elementary|"
    r"High\s+School|University|Drug\s+Co|Laboratories|Store|Pharmacy|Bank)"
)
BARE = r"(?:XYZ|Xyz|ABCD?|Abcd?|Xx{3,}|X{4,}|Pqr|PQR|Def)"

DATE_PH = re.compile(
    r"\b(?:MM/DD/YYYY|MM/DD/YY|mm/dd/yyyy|mm/dd/yy|XX/XX/XXXX|XX/XX/XX|xx/xx/xxxx|MM/YYYY|"
    r"Month\s+DD,\s+YYYY|Month\s+DD|Month\s+YYYY|DD/MM/YYYY)\b"
)
MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
REAL_DATES = [
    re.compile(r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)?\d{2}\b"),
    re.compile(r"\b(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])-(?:19|20)\d{2}\b"),
    re.compile(r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    re.compile(r"\b" + MONTH_RE + r"\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{2})?\b"),
    re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])\s+" + MONTH_RE + r",?\s+(?:19|20)\d{2}\b"),
    re.compile(
        r"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\s+of\s+" + MONTH_RE + r"(?:,?\s+(?:19|20)\d{2})?\b"
    ),
    re.compile(r"\b" + MONTH_RE + r",?\s+(?:of\s+)?(?:19|20)\d{2}\b"),
    re.compile(r"\b(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}\b"),
]
# "May" and "March" are words too: a month word alone (no day, no year) is never labelled
SHORT_DATE_CUE = re.compile(
    r"\b(?:on|dated|since|until|through|DATE:?|date\s+of\s+\w+:?|exploration|admitted|seen)\s*$",
    re.IGNORECASE,
)
MONTH_YEAR_CUE = re.compile(
    r"\b(?:in|since|on|from|through|early|late|mid|until|before|after)\s+$", re.IGNORECASE
)
AGE_OVER_89 = re.compile(
    r"\b(9\d|1[01]\d)(?=[- ](?:years?|yrs?|y/?o)\b)|(?<=\bage\s)(9\d|1[01]\d)\b|(?<=\baged\s)(9\d|1[01]\d)\b"
)
NUM_PLACEHOLDER = re.compile(r"\b(?:X{2,}|x{2,}|YYYY|DD)\b")
LEFTOVER = re.compile(r"\b(?:XYZ|ABCD?|Abcd?|Xyz|X{2,}|Xx{3,}|YYYY|Pqr|PQR)\b")
ID_CUE = re.compile(
    r"\b(?P<cue>MR#|MRN|MEDICAL\s+RECORD\s*(?:#|NUMBER|NO\.?)|Medical\s+Record\s+(?:#|Number|No\.?)|"
    r"CLAIM\s+(?:#|NUMBER|NO\.?)|Claim\s+(?:#|Number|No\.?)|ACCOUNT\s*(?:#|NUMBER|NO\.?)|SSN|"
    r"Social\s+Security\s+(?:#|Number))\s*:?\s*(?P<val>[0-9][0-9-]{2,})"
)

PATIENT_VERB = re.compile(
    r"^(?:'s|’s|\s+(?:is|was|has|had|have|presents?|presented|reports?|reported|returns?|returned|comes?|came|"
    r"states?|stated|denies|denied|will|would|does|did|who|continues?|underwent|complains?|notes?|tells?|"
    r"describes?|relates?|sustained|reached|kept|agrees?|understands?|tolerated|should|can|could|seems|"
    r"appears?|lives?|works?|'s|'s|and\s+(?:his|her)))\b"
)
RELATIVE_CUE = re.compile(
    r"\b(?:daughter|son|wife|husband|mother|father|sister|brother|niece|nephew|grand(?:son|daughter|mother|father)|"
    r"partner|spouse|aunt|uncle|friend|girlfriend|boyfriend|caregiver|guardian)(?:,|\s+is|\s+named)?\s*$",
    re.IGNORECASE,
)
CITY_CUE = re.compile(
    r"\b(?:lives?\s+in|living\s+in|live\s+in|moved\s+(?:to|from)|family\s+in|from|in\s+the|for|to)\s*$",
    re.IGNORECASE,
)
HOSP_CUE = re.compile(
    r"\b(?:seen\s+at|admitted\s+to|admitted\s+at|presents?\s+to|presented\s+to|transferred\s+(?:to|from)|"
    r"transfer\s+to|room\s+at|taken\s+to|treated\s+at|hospitalized\s+at|seen\s+in|at|was\s+on)\s*$",
    re.IGNORECASE,
)
ORG_CUE = re.compile(
    r"\b(?:works?\s+(?:at|for)|employed\s+(?:by|at)|EMPLOYER\s*:|employer\s+is|job\s+at)\s*$", re.IGNORECASE
)
PROVIDER_POST = re.compile(
    r"^,?\s*(?:M\.?D\.?|D\.?O\.?|D\.C\.|Ph\.?D\.?|LCSW|PA-C|N\.?P\.?|R\.?N\.?|MSW|PA|nurse\s+practitioner|"
    r"physician\s+assistant|an?\s+(?:Osteopathic\s+)?[Pp]hysician)\b"
)
HEADER_CUE = re.compile(
    r"(?:\b(?:RE|Re)|\bPATIENT(?:\s+NAME)?|\bNAME|\bEXAMINEE|\bPatient(?:\s+name)?)\s*:\s*$|"
    r"\b(?:Your\s+patient|Baby\s+(?:boy|girl)),\s*\(?$"
)
SENT_START = re.compile(r"(?:^|[.:!?]\s+|\n\s*)$")


def _classify_bare(text: str, st: int, en: int) -> str | None:
    """The role of a bare placeholder ("ABC is a 76-year-old ..."), or None when unclear."""
    before = text[max(0, st - 40) : st]
    after = text[en : en + 40]
    if RELATIVE_CUE.search(before):
        return "RELATIVE"
    if HEADER_CUE.search(before):
        return "PATIENT"
    if PROVIDER_POST.match(after):
        return "PROVIDER"
    if ORG_CUE.search(before):
        return "ORGANIZATION"
    if re.match(r"^\s+area\b", after) or re.search(r"\blives?\s+in\s+(?:the\s+)?$|family\s+in\s+$", before):
        return "CITY"
    if PATIENT_VERB.match(after):
        return "PATIENT"
    if re.match(
        r"^\s+(?:probably|also|then|now|still|really|certainly)\s+[a-z]+", after
    ) and SENT_START.search(before):
        return "PATIENT"
    if HOSP_CUE.search(before) or re.search(
        r"\b(?:transfer(?:red)?\s+from|[Dd]ischarged\s+to|department\s+of|the\s+patient\s+to)\s+$", before
    ):
        return "HOSPITAL"
    if re.search(r"\b(?:leaving|leaves?|going|travel(?:l?ed|ing)?|trip)\b[^.]{0,30}\b(?:for|to)\s+$", before):
        return "CITY"
    if re.search(r"\b(?:in|moved\s+to|visiting\s+in|here\s+in)\s+$", before):
        return "CITY"
    if re.search(r"\bretired\s+from\s+$", before):
        return "ORGANIZATION"
    if re.search(
        r"\b(?:discussed\s+with|spoken\s+(?:to|with)|spoke\s+(?:to|with)|talk(?:ed)?\s+with|follow\s*up\s+with|"
        r"help\s+of|consultation\s+from)\s+$",
        before,
    ):
        return "PROVIDER"
    if re.search(
        r"\b(?:followed\s+by|seen\s+by|referred\s+(?:her|him|them)?\s*to|referral\s+from|performed\s+by|by)\s*$",
        before,
    ):
        return "PROVIDER"
    if re.search(
        r"\b(?:following|examined|seen|seeing|saw|see|evaluated|thank\s+you\s+for\s+(?:following|referring)|Per|per|Dear)\s+$",
        before,
    ):
        return "PATIENT"
    if SENT_START.search(before) and re.match(r"^\s+[a-z]", after):
        return "PATIENT"
    return None


# --- identifiers MTSamples left in clear ---------------------------------------------------------

# first-name tokens that are (also) eponyms or device names in clinical text: never taken as names
EPONYMS = {
    "Blake", "Kelly", "Glenn", "Bruce", "Jackson", "Allen", "Alfred", "Keith", "Henry", "Thomas", "Gilbert",
    "Norwood", "Foley", "Kaplan", "Huntington", "Bankart", "Parkinson", "Apgar", "Hunter", "Lynch", "Wilson",
    "Addison", "Graves", "Cushing", "Crohn", "Down", "Bell", "Babinski", "Hoffmann", "Homan", "Murphy",
    "Lachman", "McMurray", "Phalen", "Tinel", "Finkelstein", "Spurling", "Romberg", "Trendelenburg", "Mayo",
    "Weber", "Rinne", "Allis", "Babcock", "Kocher", "Metzenbaum", "Adson", "Penrose", "Bovie", "Richardson",
    "Deaver", "Harrington", "Balfour", "Hegar", "Pfannenstiel", "Gelpi", "Weitlaner", "Cobb", "Kerrison",
    "Frazier", "Bard", "Hasson", "Veress", "Hartmann", "Whipple", "Nissen", "Roux", "Billroth", "Bennett",
    "Colles", "Smith", "Barton", "Monteggia", "Galeazzi", "Jones", "Lisfranc", "Chopart", "Salter", "Harris",
    "Allen's", "Mallory", "Weiss", "Barrett", "Zenker", "Meckel", "Hirschsprung", "Wilms", "Ewing", "Hodgkin",
    "Burkitt", "Kaposi", "Paget", "Bowen", "Raynaud", "Sjogren", "Reiter", "Marfan", "Turner", "Klinefelter",
    "Tourette", "Alzheimer", "Guillain", "Barre", "Bell's", "Horner", "Holter", "Swan", "Ganz", "Hickman",
    "Broviac", "Groshong", "Steri", "Ace", "Ray", "Kirschner", "Steinmann", "Schanz", "Austin", "Moore",
    "Chevron", "Keller", "Lapidus", "Akin", "Weil", "Scarf", "Mitchell", "Reverdin", "Ludloff", "Hohmann",
    "Senn", "Army", "Navy", "Glasgow", "Wood", "Tenckhoff", "Quinton", "Greenfield", "Jamshidi", "Ambu",
    "Miller", "Macintosh", "Magill", "Yankauer", "Hudson", "Venturi", "Ringer", "Hartman", "Lactated",
    "Christmas", "Easter", "Thanksgiving", "Jesus", "God", "Lord", "Virgin", "Saint", "Pope",
    "Daniel", "Jack", "Morgan", "Taylor", "Cooper", "Carter", "Porter", "Mason",
    "January", "February", "March", "April", "May", "June", "July", "August", "Owen", "Rose", "Tanner",
    "Parker", "Marie", "Hugh", "Lewis", "Alexander", "Joseph", "Scott", "Alice", "Clinton", "Reagan", "Bush",
    "Obama", "Kennedy", "Lincoln", "Washington", "Jefferson", "Roosevelt", "Nixon", "Ford",
}  # fmt: skip
# capitalised words that may follow a first name without making it a person's name
NOT_SURNAME = {
    "Drain", "Drains", "Clamp", "Clamps", "Shunt", "Protocol", "Procedure", "Vacuum", "Incision", "Needle",
    "Window", "Stirrups", "Table", "Syndrome", "Disease", "Sign", "Test", "Maneuver", "Operation", "Catheter",
    "Forceps", "Retractor", "Retractors", "Hospital", "Clinic", "Center", "Medical", "County", "Street",
    "Avenue", "Road", "University", "College", "School", "Institute", "Memorial", "General", "Regional",
    "Health", "Scale", "Score", "Classification", "Criteria", "Tube", "Pump", "Stocking", "Stockings",
    "Boot", "Bed", "Frame", "Scope", "Blade", "Tenaculum", "Suture", "Sutures", "Daniel's", "Pratt", "Bush",
    "Elevator", "Technique", "Repair", "Method", "Position", "Lens", "Ring", "Line", "Plate", "Screw", "Nail",
    "Valve", "Stent", "Filter", "Block", "The", "This", "He", "She", "They", "His", "Her", "Patient",
}  # fmt: skip
PLACE_CUE = re.compile(
    r"(?:\b(?:in|from|to|near)\s+|\b(?:lives?|living|raised|born|grew\s+up|moved|resides?|residing|"
    r"visiting|travel(?:l?ed|ing)?|trip|returned|back)\s+(?:in|to|from|at)\s+)$",
    re.IGNORECASE,
)
NOT_PLACE_AFTER = re.compile(
    r"^\s+(?:Disease|disease|syndrome|Syndrome|'s|’s|County|Medical|Hospital|Clinic|Regional|General|Memorial|Orthopedics|Diesel|Gardens|University)"
)
DEPARTMENT_WORDS = {
    "General", "Children's", "Children’s", "Spine", "Memorial", "Homeless", "Wound", "University", "Sleep",
    "Rheumatology", "Pulmonary", "Medicine", "Pediatric", "Pediatrics", "Oncology", "Pain", "Management",
    "Occupational", "Health", "Neurosurgery", "Neurology", "Neuroopthalmology", "Neuro-ophthalmology",
    "Medical", "College", "Maintenance", "Inpatient", "Outpatient", "Rehabilitation", "Infectious", "Disease",
    "Hematology", "Glaucoma", "Device", "Dental", "Day", "Community", "Cardiology", "Surgery", "Surgical",
    "Urology", "Orthopedic", "Orthopaedic", "Family", "Internal", "Women's", "Mental", "Behavioral", "Cancer",
    "Diabetes", "Dialysis", "Eye", "Vision", "Heart", "Vascular", "Kidney", "Liver", "Transplant", "Burn",
    "Trauma", "Teaching", "Veterans", "Administration", "State", "County", "City", "Regional", "Clinic",
    "Hospital", "Center", "The", "A", "An", "This", "That", "Our", "Their", "His", "Her", "Emergency", "Urgent",
    "Care", "Allergy", "Dermatology", "Gastroenterology", "Endocrine", "Endocrinology", "Nephrology",
    "Psychiatric", "Psychiatry", "Anticoagulation", "Coumadin", "Lipid", "Hypertension", "Asthma", "Wellness",
    "Geriatric", "Senior", "Private", "Public", "Local", "Outside", "Another", "Same", "Primary", "Specialty",
    "Hand", "Foot", "Ankle", "Knee", "Sports", "Breast", "Chest", "Lung", "Brain", "Stroke", "Epilepsy",
    "Seizure", "Memory", "Movement", "Disorders", "Disorder", "Infusion", "Ostomy", "Podiatry",
    "Ambulatory", "Acute", "Chronic", "Long-Term", "Skilled", "Nursing", "Home", "Shriners", "Cardiac",
    "Scoliosis", "Fracture", "Osteoporosis", "Arthritis", "Headache", "Migraine", "Interventional",
    "Radiology", "Imaging", "Laboratory", "Lab", "Research", "Clinical", "Out", "Patient", "Medicare",
}  # fmt: skip
EMPLOYER_CUE = re.compile(
    r"\b(?:works?|worked|working|employed|retired|work)\s+(?:as\s+an?\s+[a-z]+(?:\s+[a-z]+)?\s+)?"
    r"(?:for|at|by|with|from)\s+(?:the\s+)?"
    r"(?P<o>[A-Z][A-Za-z&'\-]*[A-Za-z](?:-\n[A-Z][a-z]+)?(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:[A-Z][A-Za-z&'\-]*[A-Za-z]|&))*)"
)
EMPLOYER_STOP = {
    "Dr", "Air", "Army", "Navy", "Marine", "Marines", "State", "Nerve", "Veteran", "Veterans", "Hospital", "Pain",
    "Home", "Social", "Federal", "City", "County", "Department", "Eye", "Post", "US", "U", "United", "National",
    "Mr", "Mrs", "Ms", "Miss", "Him", "Her", "Them", "I", "He", "She", "We", "They", "It", "This", "That", "Sample",
}  # fmt: skip
KNOWN_FACILITY = re.compile(
    r"\b(?:Johns\s+Hopkins|UIHC|UCSF|UCLA(?:\s+Medical\s+Center)?|MD\s+Anderson|M\.\s*D\.\s+Anderson|"
    r"Sloan[- ]Kettering|Cedars[- ]Sinai|Mass(?:achusetts)?\s+General|Beth\s+Israel|Mount\s+Sinai|Mt\.\s+Sinai|"
    r"Cleveland\s+Clinic|Mayo\s+Clinic|Brigham\s+and\s+Women's|NYU\s+Langone|Kaiser(?:\s+Permanente)?)\b"
)
FACILITY_CLEAR = re.compile(
    r"\b(?P<f>(?:(?:St\.|Saint|Mt\.|Mount)\s+)?(?:[A-Z][A-Za-z'’\-]+\s+){1,4}"
    r"(?:Hospital|Medical\s+Cent(?:er|re)|Health\s+Cent(?:er|re)|Clinic|Infirmary|Nursing\s+Home|Memorial|"
    r"Rehabilitation\s+Cent(?:er|re)|Cancer\s+Cent(?:er|re)|Medical\s+Group|Health\s+System|Institute))\b"
)


@cache
def first_names() -> frozenset[str]:
    from faker.providers.person.en_GB import Provider as GB
    from faker.providers.person.en_US import Provider as US

    return frozenset(set(US.first_names) | set(GB.first_names)) - EPONYMS


@cache
def gazetteer(data_dir: str) -> dict[str, str]:
    """Place name -> CITY / STATE / COUNTRY (US cities from CMS, states, Faker's country names)."""
    from benchmarks.corpus import known_cities
    from benchmarks.corpus.presidio import countries

    g: dict[str, str] = {}
    for c in known_cities(Path(data_dir)):
        if (
            len(c) > 3
            and c not in EPONYMS
            and c not in first_names()
            and c.split()[0] not in DEPARTMENT_WORDS
        ):
            g[c] = "CITY"
    for c in countries():
        g[" ".join(w.capitalize() for w in c.split())] = "COUNTRY"
    for st in US_STATES:
        g[st] = "STATE"
    for bad in ("Normal", "Mission", "Marshall", "Orange", "Union", "Ada", "Price", "Page", "Hope", "Lynch",
                "Republic", "Guinea", "Chad", "Georgia", "Jordan", "Victoria", "Florence", "Sale", "Bath", "Mobile",
                "Reading", "Independence", "Liberty", "Temple", "Globe", "Surprise", "Eugene", "Tyler", "Norman"):  # fmt: skip
        g.pop(bad, None)
    return g


def _clear_candidates(text: str, data_dir: Path, synthetic: bool) -> list[dict[str, Any]]:
    c: list[dict[str, Any]] = []
    names = first_names()
    name_tok = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    # a relative or friend named after the relation word
    for m in re.finditer(
        r"\b(?P<rel>daughter|son|wife|husband|mother|father|sister|brother|niece|nephew|grandson|granddaughter|"
        r"grandmother|grandfather|spouse|aunt|uncle|friend|girlfriend|boyfriend|fiance|fiancee|"
        r"caregiver|guardian|therapist|counselor|parents|grandparents|daughters|sons|children|sisters|brothers)"
        r"(?:\s+of\s+the\s+(?:baby|child|patient|infant))?(?P<comma>,)?\s+(?:(?:is\s+)?named\s+)?"
        r"(?P<n>" + name_tok + r"(?:\s+[A-Z]\.)?(?:\s+" + name_tok + r")?)",
        text,
    ):
        n = m.group("n")
        first = n.split()[0]
        if first in EPONYMS or first in DEPARTMENT_WORDS or first in NOT_SURNAME or re.fullmatch(BARE, first):
            continue
        parts = n.split()
        two = len(parts) > 1 and parts[-1] not in NOT_SURNAME and parts[-1] not in DEPARTMENT_WORDS
        if not m.group("comma") and first not in names and not two:
            continue
        if len(parts) > 1 and (parts[-1] in NOT_SURNAME or parts[-1] in DEPARTMENT_WORDS):
            n = first
        rel = m.group("rel").lower()
        role = (
            "PERSON"
            if rel in ("friend", "girlfriend", "boyfriend", "therapist", "counselor", "caregiver", "children")
            else "RELATIVE"
        )
        if rel in ("therapist", "counselor"):
            role = "PROVIDER"
        c.append({"start": m.start("n"), "end": m.start("n") + len(n), "kind": "CLEAR_NAME", "prio": 2, "role": role,
                  "token": n, "shape": len(n.split())})  # fmt: skip
    # First [M.] Last with a known first name
    for m in re.finditer(
        r"(?<![A-Za-z.])(?P<n>(?P<f>"
        + name_tok
        + r")(?:\s+[A-Z]\.)?\s+(?P<l>"
        + name_tok
        + r"))(?![A-Za-z])",
        text,
    ):
        f, last = m.group("f"), m.group("l")
        if (
            f not in names
            or last in NOT_SURNAME
            or last in DEPARTMENT_WORDS
            or last in names
            and last in EPONYMS
        ):
            continue
        c.append({"start": m.start("n"), "end": m.end("n"), "kind": "CLEAR_NAME", "prio": 3, "role": "PERSON",
                  "token": m.group("n"), "shape": 2})  # fmt: skip
    # "First and First Last" (Bud and Sue Mizel), "talked to First", "with First and First"
    for m in re.finditer(r"(?<![A-Za-z])(?P<a>" + name_tok + r")\s+and\s+(?P<b>" + name_tok + r")\b", text):
        if m.group("a") in names and m.group("b") in names:
            for g in ("a", "b"):
                c.append({"start": m.start(g), "end": m.end(g), "kind": "CLEAR_NAME", "prio": 4, "role": "PERSON",
                          "token": m.group(g), "shape": 1})  # fmt: skip
    for m in re.finditer(
        r"\b(?:talked\s+(?:to|with)|spoke\s+(?:to|with)|named|called|with|name\s+is)\s+(?P<n>"
        + name_tok
        + r")\b",
        text,
    ):
        if m.group("n") in names:
            c.append({"start": m.start("n"), "end": m.end("n"), "kind": "CLEAR_NAME", "prio": 2, "role": "PERSON",
                      "token": m.group("n"), "shape": 1})  # fmt: skip
    # any other known first name mid-sentence (not an eponym, not inside "Bard-Parker" or "San Juan")
    for m in re.finditer(r"(?<![A-Za-z])(?P<n>[A-Z][a-z]+)(?![A-Za-z])", text):
        if _single_name_ok(text, m.start(), m.end()):
            c.append({"start": m.start(), "end": m.end(), "kind": "CLEAR_NAME", "prio": 5, "role": "PERSON",
                      "token": m.group("n"), "shape": 1})  # fmt: skip
    # places: "<City>, <State>" and a gazetteer place after a place cue
    gaz = gazetteer(str(data_dir))
    states = "|".join(sorted(map(re.escape, US_STATES), key=len, reverse=True))
    abbrs = "|".join(US_STATES.values())
    for m in re.finditer(
        r"\b(?P<city>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s+(?P<st>"
        + states
        + r"|(?:"
        + abbrs
        + r")(?![A-Za-z]))",
        text,
    ):
        city = m.group("city")
        words = city.split()
        # keep only the trailing words that are a known place, or all when the cue is clear
        for k in range(len(words)):
            cand = " ".join(words[k:])
            if cand in gaz or (
                k == len(words) - 1
                and PLACE_CUE.search(
                    text[
                        max(0, m.start() - 40) : m.start("city") + len(" ".join(words[:k])) + (1 if k else 0)
                    ]
                )
            ):
                cs = m.start("city") + len(" ".join(words[:k])) + (1 if k else 0)
                c.append(
                    {
                        "start": cs,
                        "end": m.end("city"),
                        "kind": "PLACE",
                        "prio": 2,
                        "label": "CITY",
                        "orig": cand,
                    }
                )
                c.append(
                    {
                        "start": m.start("st"),
                        "end": m.end("st"),
                        "kind": "PLACE",
                        "prio": 2,
                        "label": "STATE",
                        "orig": m.group("st"),
                    }
                )
                break
    for m in re.finditer(
        r"(?<![A-Za-z])(?P<c>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s+(?P<k>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b",
        text,
    ):
        if gaz.get(m.group("k")) == "COUNTRY" and PLACE_CUE.search(text[max(0, m.start() - 40) : m.start()]):
            for g, lab in (("c", "CITY"), ("k", "COUNTRY")):
                c.append({"start": m.start(g), "end": m.end(g), "kind": "PLACE", "prio": 2, "label": lab,
                          "orig": m.group(g)})  # fmt: skip
    for m in re.finditer(r"(?<![A-Za-z])(?P<p>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})", text):
        words = m.group("p").split()
        if not PLACE_CUE.search(text[max(0, m.start() - 40) : m.start()]):
            if re.search(
                r"\b(?:area|part|region|city|town|state|province|county)\s+of\s+$",
                text[max(0, m.start() - 30) : m.start()],
            ):
                pass  # "a rural area of Nigeria"
            elif (
                re.search(r"\bof\s+$", text[max(0, m.start() - 4) : m.start()])
                and gaz.get(m.group("p")) == "COUNTRY"
            ):
                pass
            else:
                continue
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            if cand in gaz:
                end = m.start() + len(cand)
                if NOT_PLACE_AFTER.match(text[end:]):
                    break
                c.append(
                    {
                        "start": m.start(),
                        "end": end,
                        "kind": "PLACE",
                        "prio": 3,
                        "label": gaz[cand],
                        "orig": cand,
                    }
                )
                break
    # employers named in clear: "works for Chevron", "retired from Morse Chain", "employed at Budd Automotors"
    for m in EMPLOYER_CUE.finditer(text):
        toks = list(re.finditer(r"\S+", m.group("o")))
        words = [t.group() for t in toks]
        if words[0].split("-")[0] in EMPLOYER_STOP or words[0] in DEPARTMENT_WORDS or words[0] in NOT_SURNAME:
            continue
        while len(toks) > 1 and (words[-1] in NOT_SURNAME or words[-1] in ("In", "On", "At", "As", "&")):
            toks, words = toks[:-1], words[:-1]
        st = m.start("o")
        c.append(
            {
                "start": st,
                "end": st + toks[-1].end(),
                "kind": "ORG",
                "prio": 2,
                "token": "clear:" + " ".join(words),
            }
        )
    for m in KNOWN_FACILITY.finditer(text):
        c.append(
            {"start": m.start(), "end": m.end(), "kind": "CLEAR_FACILITY", "prio": 2, "token": m.group()}
        )
    # facilities named in clear ("Tacoma General Hospital"), not departments ("Pain Clinic")
    for m in FACILITY_CLEAR.finditer(text):
        f = m.group("f")
        words = re.findall(r"[A-Za-z'’\-]+\.?", f)
        head = [w for w in words[:-1] if w not in ("Medical", "Health", "Cancer", "Rehabilitation")]
        if all(w in DEPARTMENT_WORDS or w.rstrip(".") in ("St", "Mt", "Saint", "Mount") for w in head):
            continue
        if re.fullmatch(BARE + r"|ABC", words[0]):
            continue
        # drop leading words that are not part of the name ("The", "at", department words before a name)
        st = m.start("f")
        while words and words[0] in ("The", "A", "An", "Our", "This", "That"):
            st = text.index(words[1], st + len(words[0]))
            words = words[1:]
        c.append(
            {
                "start": st,
                "end": m.end("f"),
                "kind": "CLEAR_FACILITY",
                "prio": 2,
                "token": text[st : m.end("f")],
            }
        )
    if synthetic:
        for m in re.finditer(r"\b(?P<n>[A-Z][a-z']+)\d{1,3}\b", text):
            c.append(
                {"start": m.start(), "end": m.end(), "kind": "SYN_NAME", "prio": 0, "token": m.group("n")}
            )
    return c


_PLACE_BEFORE = re.compile(r"\b(?:in|from|at|near)\s+$")
_NOT_SURNAME_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:[A-Z][a-z]+\s+)?(?:" + "|".join(sorted(NOT_SURNAME)) + r")\b"
)
_PLACE_PREFIX = re.compile(
    r"\b(?:San|Santa|St\.?|Saint|Ste\.?|Fort|Port|Lake|Mount|Mt\.?|Lockheed|Glen|New|North|South|East|West)\s+$"
)


def _single_name_ok(text: str, st: int, en: int) -> bool:
    """A known first name standing alone mid-sentence that is no eponym, device or place part."""
    w = text[st:en]
    if w not in first_names():
        return False
    if st == 0 or re.search(r"(?:^|[.!?:;\n]\s*|\n\s*[-*\d.)]*\s*)$", text[max(0, st - 8) : st]):
        return False  # sentence start: too many ordinary words
    if text[st - 1] in "-/" or text[en : en + 1] in ("-", "/"):
        return False  # Bard-Parker, Charcot-Marie-Tooth
    if _PLACE_PREFIX.search(text[max(0, st - 10) : st]) or _NOT_SURNAME_AFTER.match(text[en:]):
        return False
    if _PLACE_BEFORE.search(text[max(0, st - 8) : st]):
        return False  # "in Victoria": a place as often as a person (see _leftover_names)
    if re.search(r"[A-Z][a-z]+\s+$", text[max(0, st - 20) : st]) and not re.search(
        r"\b(?:and|or|with|to|by|per|for)\s+$", text[max(0, st - 6) : st]
    ):
        return False  # the second word of a multi-word proper name ("Lockheed Martin")
    return True


def _leftover_names(text: str, spans: list[dict[str, Any]]) -> str | None:
    """A capitalised known first name left unlabelled mid-sentence: a possible name the build could not label.

    This includes a first name after "in/from/at/near" ("in Victoria"), which is a place as often as a
    person: the document is then left out rather than labelled either way.
    """
    taken = [(s["start"], s["end"]) for s in spans]
    for m in re.finditer(r"(?<![A-Za-z])([A-Z][a-z]+)(?![A-Za-z])", text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if _single_name_ok(text, m.start(), m.end()):
            return m.group(1)
        if (
            m.group(1) in first_names()
            and _PLACE_BEFORE.search(text[max(0, m.start() - 8) : m.start()])
            and not _NOT_SURNAME_AFTER.match(text[m.end() :])
        ):
            return m.group(1)
    return None


# --- document ------------------------------------------------------------------------------------


class Doubt(Exception):
    pass


def _candidates(text: str) -> list[dict[str, Any]]:
    """All replacements: {start, end, kind, ...}; the most specific shape wins where they overlap."""
    c: list[dict[str, Any]] = []

    def add(m: re.Match, kind: str, prio: int, g: int | str = 0, **kw: Any) -> None:
        c.append({"start": m.start(g), "end": m.end(g), "kind": kind, "prio": prio, **kw})

    for m in DATE_PH.finditer(text):
        add(
            m,
            "DATE_PH",
            0,
            year="Y" in m.group() or "y" in m.group(),
            day="D" in m.group() or "d" in m.group(),
        )
    for m in re.finditer(
        r"\b(?P<city>City|CITY),\s+(?P<state>State|STATE)(?:\s+(?P<zip>12345|00000|XXXXX))?", text
    ):
        c.append(
            {"start": m.start(), "end": m.end(), "kind": "CITYSTATE", "prio": 0, "zip": bool(m.group("zip"))}
        )
    for m in re.finditer(r"\bSample\s+Address\b", text):
        add(m, "ADDRESS", 0)
    for m in re.finditer(
        r"(?:Suite|Ste\.?)\s+\d+,\s+(?P<st>(?:ABC|XYZ|ABCD)\s+(?:Avenue|Street|Road|Drive|Boulevard))", text
    ):
        add(m, "STREETNAME", 0, g="st")
    for m in re.finditer(r"P\.\s*O\.\s*Box\s+(?P<n>12345|XXXX+|0000+)", text):
        add(m, "POBOX", 0, g="n")
    for m in ID_CUE.finditer(text):
        cue = m.group("cue").upper()
        lab = (
            "MRN"
            if ("MR" in cue or "RECORD" in cue)
            else "SSN"
            if ("SSN" in cue or "SOCIAL" in cue)
            else "ACCOUNT"
            if "ACCOUNT" in cue
            else "ID"
        )
        add(m, "IDNUM", 0, g="val", label=lab)
    # titled names: placeholder or a real name left in clear
    for m in re.finditer(r"\b(?P<t>" + TITLE + r")\s+(?P<n>" + PH + r")(?P<tail>'s|’s)?", text):
        if m.group("n") in ("A", "I") and re.match(r"\s+[a-z]", text[m.end("n") :]):
            continue  # "Dr. A reviewed" is still a placeholder, but "Mr. I" never occurs; keep simple
        add(m, "NAME", 1, g="n", title=m.group("t"), token=m.group("n"), ctx="titled")
    for m in re.finditer(r"\b(?P<t>" + TITLE + r")\s+(?P<n>" + REAL + r")", text):
        first = m.group("n").split()[0]
        if first in NOT_NAMES or re.fullmatch(PH, m.group("n")):
            continue
        add(m, "NAME", 2, g="n", title=m.group("t"), token=m.group("n"), ctx="titled", real=True)
    # "AB CD, M.D." and "Abc, MD": a provider placeholder with a degree
    for m in re.finditer(
        r"(?<![A-Za-z])(?P<n>[A-Z]{1,2}\s+[A-Z]{1,2}|"
        + PH
        + r")(?=,?\s*(?:M\.?D\.?|D\.?O\.?|D\.?C\.?|O\.?D\.?|DPM|Ph\.?D\.?|LCSW|MSW|RCP|RN|RD|NP|PA-C)\b)",
        text,
    ):
        add(m, "NAME", 1, g="n", title="", token=m.group("n"), ctx="bare", role="PROVIDER")
    for m in re.finditer(r"\bSample\s+(?P<k>Patient|Doctor|Name)\b", text):
        role = {"Patient": "PATIENT", "Doctor": "PROVIDER", "Name": "RELATIVE"}[m.group("k")]
        ctx = "header" if HEADER_CUE.search(text[max(0, m.start() - 30) : m.start()]) else "bare"
        add(m, "NAME", 3, title="", token=m.group(), ctx=ctx, role=role)
    # facilities
    for m in re.finditer(r"(?<![A-Za-z])[XYZ](?=\s+(?:physician|office|'s\s+office)\b)", text):
        add(m, "NAME", 1, title="", token=m.group(), ctx="bare", role="PROVIDER")
    for m in re.finditer(r"\b(?P<p>" + BARE + r"|ABC|[XYZ])(?:'s|’s)?\s+" + FACILITY_TAIL + r"\b", text):
        add(m, "HOSPITAL_FULL", 1, token=m.group("p"))
    for m in re.finditer(r"\b(?P<p>" + BARE + r"|ABC)(?=\s+" + UNIT_TAIL + r"\b)", text):
        add(m, "HOSPITAL_SHORT", 1, g="p", token=m.group("p"))
    for m in re.finditer(r"\b(?P<p>" + BARE + r"|ABC)(?:'s|’s)?(?=\s+" + ORG_TAIL + r"\b)", text):
        add(m, "ORG", 1, g="p", token=m.group("p"))
    # the laterality placeholder and age placeholders
    for m in re.finditer(r"\bXXX(?=\s+(?:eye|upper\s+lid|lower\s+lid|ear|side))", text):
        add(m, "LATERALITY", 1)
    for m in re.finditer(r"\bXX(?=-year-old)", text):
        add(m, "AGE_PH", 1)
    for m in re.finditer(r"\(wo\)man\b", text):
        add(m, "WOMAN", 1)
    # bare name placeholders
    for m in re.finditer(r"(?<![A-Za-z/])(?P<p>" + BARE + r"|Abc)(?![A-Za-z/])", text):
        add(m, "BARE", 5, g="p", token=m.group("p"))
    return c


def _pick(cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    chosen: list[dict[str, Any]] = []
    for cnd in sorted(cands, key=lambda x: (x["prio"], -(x["end"] - x["start"]), x["start"])):
        if any(cnd["start"] < o["end"] and o["start"] < cnd["end"] for o in chosen):
            continue
        chosen.append(cnd)
    return sorted(chosen, key=lambda x: x["start"])


def convert(
    text: str, key: str, split: str, data_dir: Path, synthetic: bool = False, meta: dict | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """Replace the placeholders of one note; return the new text and its gold spans. Raises Doubt.

    ``meta`` (when given) receives ``patient_name``: the surrogate patient's "First Last" (the person
    named most often as PATIENT), for context-aware evaluation.
    """
    sur = Surrogates(key, split, data_dir)
    patients: dict[str, int] = {}

    def name(token: str, ctx: str, role: str) -> str:
        if role == "PATIENT":
            patients[token] = patients.get(token, 0) + 1
        return sur.name(token, ctx)

    chosen = _pick(_candidates(text) + _clear_candidates(text, data_dir, synthetic))
    # roles of placeholder tokens seen with a title decide the role of the same token when bare
    token_role: dict[str, str] = {}
    for c in chosen:
        if c["kind"] == "NAME" and c.get("title"):
            token_role.setdefault(
                c["token"].casefold(), "PROVIDER" if c["title"].startswith("D") else "PATIENT"
            )
    b = TextBuilder()
    pos = 0
    for c in chosen:
        st, en, kind = c["start"], c["end"], c["kind"]
        b.add(text[pos:st])
        pos = en
        if kind == "DATE_PH":
            b.add(sur.date(with_year=c["year"]) if c["day"] else _month_year(sur), "DATE")
        elif kind == "CITYSTATE":
            b.add(sur.city(), "CITY").add(", ").add(sur.state(), "STATE")
            if c["zip"]:
                b.add(" ").add(sur.zip(), "ZIP")
        elif kind == "ADDRESS":
            b.add(sur.street(), "STREET").add("\n").add(sur.city(), "CITY").add(", ").add(
                sur.state(), "STATE"
            )
            b.add(" ").add(sur.zip(), "ZIP")
        elif kind == "STREETNAME":
            b.add(sur.street().split(" ", 1)[-1], "STREET")
        elif kind == "POBOX":
            b.add(str(sur.rng.randint(100, 99999)), "STREET")
        elif kind == "IDNUM":
            val = text[st:en]
            new = "".join(sur.rng.choice("0123456789") if ch.isdigit() else ch for ch in val)
            if len(re.sub(r"\D", "", new)) < 5:
                new = sur.digits(7)
            b.add(new, c["label"])
        elif kind == "NAME":
            role = c.get("role") or ("PROVIDER" if c.get("title", "").startswith("D") else "PATIENT")
            if not c.get("role") and c.get("title") in ("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss"):
                before = text[max(0, st - 60) : st]
                if RELATIVE_CUE.search(before.rsplit(",", 1)[0] if "," in before[-25:] else before):
                    role = "RELATIVE"
            b.add(name(c["token"], c["ctx"], role), role)
        elif kind == "CLEAR_NAME":
            b.add(name("clear:" + c["token"], "first" if c["shape"] == 1 else "full", c["role"]), c["role"])
        elif kind == "SYN_NAME":
            b.add(name("syn:" + c["token"], "first", "PATIENT"), "PATIENT")
        elif kind == "PLACE":
            b.add(sur.place(c["label"], c["orig"]), c["label"])
        elif kind == "CLEAR_FACILITY":
            b.add(sur.hospital("clear:" + c["token"]), "HOSPITAL")
        elif kind == "HOSPITAL_FULL":
            b.add(sur.hospital(c["token"]), "HOSPITAL")
        elif kind == "HOSPITAL_SHORT":
            b.add(sur.short_hospital(c["token"]), "HOSPITAL")
        elif kind == "ORG":
            b.add(sur.org(c["token"]), "ORGANIZATION")
        elif kind == "LATERALITY":
            b.add(sur.rng.choice(["right", "left"]))
        elif kind == "AGE_PH":
            age = sur.rng.randint(18, 99)
            b.add(str(age), "AGE" if age > 89 else None)
        elif kind == "WOMAN":
            b.add(sur.rng.choice(["man", "woman"]))
        elif kind == "BARE":
            role = token_role.get(c["token"].casefold()) or _classify_bare(text, st, en)
            if role is None:
                raise Doubt("unclear-bare-placeholder")
            if role in ("PATIENT", "PROVIDER", "RELATIVE"):
                ctx = "header" if HEADER_CUE.search(text[max(0, st - 30) : st]) else "bare"
                if role == "PROVIDER" and ctx == "bare":
                    ctx = "titled" if sur.rng.random() < 0.5 else "bare"
                b.add(name(c["token"], ctx, role), role)
            elif role == "HOSPITAL":
                b.add(sur.hospital(c["token"]), "HOSPITAL")
            elif role == "ORGANIZATION":
                b.add(sur.org(c["token"]), "ORGANIZATION")
            elif role == "CITY":
                b.add(sur.city(), "CITY")
        else:  # pragma: no cover
            raise AssertionError(kind)
    b.add(text[pos:])
    new_text = b.text
    if LEFTOVER.search(new_text) or NUM_PLACEHOLDER.search(new_text):
        raise Doubt("leftover-placeholder")
    spans = list(b.spans)
    spans += _rule_spans(new_text, spans)
    spans = resolve_overlaps(spans)
    left = _leftover_names(new_text, spans)
    if left is not None:
        raise Doubt("possible-unlabelled-name")
    if meta is not None and patients:
        top = max(sorted(patients), key=lambda t: patients[t])
        first, _, last = sur.person(top)
        meta["patient_name"] = f"{first} {last}"
    return new_text, spans


def _month_year(sur: Surrogates) -> str:
    m, y = sur.rng.randint(1, 12), sur.rng.randint(1995, 2022)
    return sur.rng.choice([f"{MONTHS[m - 1]} {y}", f"{m:02d}/{y}", f"{MONTHS[m - 1][:3]} {y}"])


def _rule_spans(text: str, existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """DATE for real-looking dates and AGE for ages over 89 already in the text (outside surrogates)."""
    taken = [(s["start"], s["end"]) for s in existing]

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    out = []
    for rx in REAL_DATES:
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                out.append({"start": m.start(), "end": m.end(), "label": "DATE"})
                taken.append((m.start(), m.end()))
    for m in re.finditer(r"(?<![\d/.])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])", text):
        if free(m.start(), m.end()) and SHORT_DATE_CUE.search(text[max(0, m.start() - 30) : m.start()]):
            out.append({"start": m.start(), "end": m.end(), "label": "DATE"})
            taken.append((m.start(), m.end()))
    # month/year with a two-digit year: "8/94", "in 04/07"; never a score ("3/10", "12/16") or a dose
    for m in re.finditer(r"(?<![\d/.\-])(?:0?[1-9]|1[0-2])/(?P<yy>\d{2})(?![\d/])", text):
        yy = int(m.group("yy"))
        if not free(m.start(), m.end()) or re.match(r"^\s*(?:mm|mg|cm|kg|%|mcg|ml|mL)\b", text[m.end() :]):
            continue
        cue = MONTH_YEAR_CUE.search(text[max(0, m.start() - 12) : m.start()])
        if yy >= 70 or yy <= 9 or (10 < yy < 30 and cue):
            out.append({"start": m.start(), "end": m.end(), "label": "DATE"})
            taken.append((m.start(), m.end()))
    # a progress-note entry that starts with its date: "4/26:"
    for m in re.finditer(r"(?m)^\s*(?P<d>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?=\s*:)", text):
        if free(m.start("d"), m.end("d")):
            out.append({"start": m.start("d"), "end": m.end("d"), "label": "DATE"})
            taken.append((m.start("d"), m.end("d")))
    for m in AGE_OVER_89.finditer(text):
        if free(m.start(), m.end()):
            out.append({"start": m.start(), "end": m.end(), "label": "AGE"})
    return out


SYNTHETIC_VISITS = 6


def _first_visits(text: str, n: int) -> str:
    """The first ``n`` visits of a synthetic note (Synthea-style: each visit starts with an ISO date line).

    These 20 notes hold up to a hundred near-identical visits each; kept whole they would dominate the
    PATIENT and DATE counts of the MTSamples part.
    """
    starts = [m.start() for m in re.finditer(r"(?m)^\d{4}-\d{2}-\d{2}\s*$", text)]
    if len(starts) <= n:
        return text
    return text[: starts[n]].strip()


def _read(path: Path) -> str:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def load(data_dir: Path, limit: int | None = None, stats: dict | None = None) -> list[dict[str, Any]]:
    base = Path(data_dir) / "mtsamples-ctakes"
    stats = stats if stats is not None else {}
    excluded: dict[str, int] = {}
    docs = []
    for sub in ("curated", "synthetic"):
        files = sorted((base / sub).glob("*.txt"))
        if limit is not None:
            files = files[:limit]
        for path in files:
            name = path.name if sub == "curated" else f"synthetic/{path.name}"
            key = f"mtsamples:{name}"
            split = split_of(key)
            text = _read(path).strip()
            if sub == "synthetic":
                text = _first_visits(text, SYNTHETIC_VISITS)
            if not text:
                excluded["empty"] = excluded.get("empty", 0) + 1
                continue
            try:
                meta: dict[str, Any] = {}
                new_text, spans = convert(
                    text, key, split, Path(data_dir), synthetic=sub == "synthetic", meta=meta
                )
            except Doubt as e:
                excluded[str(e)] = excluded.get(str(e), 0) + 1
                continue
            for s in spans:
                s["value"] = new_text[s["start"] : s["end"]]
            docs.append(
                {"id": key, "text": new_text, "spans": spans, "source": "mtsamples", "split": split, **meta}
            )
    stats["mtsamples_excluded"] = excluded
    stats["mtsamples_kept"] = len(docs)
    return docs
