"""Building blocks of the synthetic note generator: a text builder that records gold spans as it
writes, the people, places, dates and numbers of one record, and the post-processing (casing,
typos, hard line wraps) that keeps every offset exact.

A template is a string with ``{slot}`` placeholders. A slot resolves to a list of *items*: a plain
``str`` (non-PHI text written as is), a ``P(value, label)`` (a surrogate, recorded as a gold span)
or an ``N(value, kind)`` (a hard negative, recorded so tests can check it is never inside a span).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

try:  # imported as part of the benchmarks.corpus package or as a top-level module next to it
    from . import synth_pools as pools
except ImportError:  # pragma: no cover
    import synth_pools as pools  # type: ignore[no-redef]


@dataclass(frozen=True, slots=True)
class P:
    """A PHI surrogate: ``value`` is written and recorded as a span with ``label``."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class N:
    """A hard negative: written, recorded under ``kind``, never part of a gold span."""

    value: str
    kind: str


Item = str | P | N

_SLOT_RE = re.compile(r"\{(\w+)\}")
_MARK_RE = re.compile(r"\{(\w+)\}|\[\[(.+?)\]\]")
_WORD_RE = re.compile(r"[A-Za-z]{5,}")


# ------------------------------------------------------------------------------------------------
# the builder
# ------------------------------------------------------------------------------------------------


class Builder:
    """Accumulates text and the spans inside it."""

    def __init__(self, rng: random.Random, typo_rate: float = 0.0, escape: Callable[[str], str] | None = None):
        self.rng = rng
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[int, int, str]] = []
        self.values: list[str] = []  # the surrogate written for each span, in order
        self.negatives: list[tuple[int, int, str]] = []
        self.typo_rate = typo_rate
        self.escape = escape
        self.rewrite: Callable[[str], str] | None = None  # per-note shorthand habits for template text

    def text(self, s: str, typos: bool = True) -> None:
        if not s:
            return
        if typos and self.rewrite:
            s = self.rewrite(s)
        if typos and self.typo_rate:
            s = _WORD_RE.sub(lambda m: typo(m.group(0), self.rng) if self.rng.random() < self.typo_rate else m.group(0), s)
        if self.escape:
            s = self.escape(s)
        self.parts.append(s)
        self.pos += len(s)

    def phi(self, value: str, label: str) -> None:
        if value[:4].lower() == "the " and len(value) > 4:
            # "the Miller Library": the article is not part of the identifier (as in the i2b2 guidelines)
            self.text(value[:4], typos=False)
            value = value[4:]
        if self.escape:
            value = self.escape(value)
        self.spans.append((self.pos, self.pos + len(value), label))
        self.values.append(value)
        self.parts.append(value)
        self.pos += len(value)

    def neg(self, value: str, kind: str) -> None:
        if self.escape:
            value = self.escape(value)
        self.negatives.append((self.pos, self.pos + len(value), kind))
        self.parts.append(value)
        self.pos += len(value)

    def items(self, items: Sequence[Item]) -> None:
        for it in items:
            if isinstance(it, P):
                self.phi(it.value, it.label)
            elif isinstance(it, N):
                self.neg(it.value, it.kind)
            else:
                self.text(it, typos=False)

    def render(self, template: str, slots: dict[str, Callable[[], Sequence[Item] | str]]) -> None:
        """Write ``template``, filling each ``{slot}``; ``[[word]]`` is written as a hard negative.

        Unknown slots raise ``KeyError``.
        """
        last = 0
        for m in _MARK_RE.finditer(template):
            self.text(template[last : m.start()])
            if m.group(2):
                self.neg(m.group(2), "word")
                last = m.end()
                continue
            res = slots[m.group(1)]()
            if isinstance(res, str):
                self.text(res, typos=False)
            else:
                self.items(res)
            last = m.end()
        self.text(template[last:])

    def value(self) -> str:
        return "".join(self.parts)


# literal shorthand each writer uses in one way or another (applied to template text only)
_HABITS = (
    (r"\bw/ ", ("w/ ", "with ", "w ", "w/")),
    (r"\bw/o\b", ("w/o", "without", "w/out")),
    (r"\bpt\b", ("pt", "pt", "Pt.", "patient", "pt.")),
    (r" and ", (" and ", " & ", " + ", " and ")),
    (r"\bx(\d)\b", (r"x\1", r"x \1", r"X\1", r"\1x")),
    (r"\bc/o\b", ("c/o", "complains of", "c/o")),
    (r"\bs/p\b", ("s/p", "S/P", "status post", "s/p")),
    (r"\bf/u\b", ("f/u", "F/U", "follow up", "fu")),
    (r"\bcont\b", ("cont", "cont.", "continue", "con't")),
    (r"\bhx\b", ("hx", "h/o", "history of", "Hx")),
    (r"\bd/c'd\b", ("d/c'd", "dc'd", "discontinued", "d/c")),
    (r"\bprn\b", ("prn", "PRN", "p.r.n.")),
    (r"\bq(\d)h\b", (r"q\1h", r"q \1h", r"Q\1H", r"q\1hrs")),
    (r"\bMD\b", ("MD", "md", "M.D.", "doc")),
    (r"\bdtr\b", ("dtr", "daughter", "dau")),
    (r", ", (", ", ", ", " , ", ",", ", ")),
)
_HABIT_RES = tuple((re.compile(p), alts) for p, alts in _HABITS)


def writer_habits(rng: random.Random) -> Callable[[str], str]:
    """A function that rewrites template text with one writer's choice of shorthand (fixed per note)."""
    chosen = [(rx, rng.choice(alts)) for rx, alts in _HABIT_RES if rng.random() < 0.6]

    def rewrite(s: str) -> str:
        for rx, rep in chosen:
            s = rx.sub(rep, s)
        return s

    return rewrite


def typo(word: str, rng: random.Random) -> str:
    """One letter swap, drop or doubling inside ``word`` (first letter kept)."""
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 2)
    r = rng.random()
    if r < 0.45:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if r < 0.85:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


# ------------------------------------------------------------------------------------------------
# post-processing that keeps offsets
# ------------------------------------------------------------------------------------------------


def apply_casing(text: str, mode: str) -> str:
    """'mixed' (as written), 'lower' or 'upper', character by character so lengths never change."""
    if mode == "mixed":
        return text
    f = str.lower if mode == "lower" else str.upper
    out = []
    for c in text:
        d = f(c)
        out.append(d if len(d) == 1 else c)
    return "".join(out)


def hard_wrap(text: str, spans: list[tuple[int, int, str]], width: int, rng: random.Random) -> str:
    """Replace spaces by newlines near ``width`` columns, never inside a span (offsets unchanged)."""
    inside = bytearray(len(text))
    for s, e, _ in spans:
        inside[s:e] = b"\x01" * (e - s)
    chars = list(text)
    col = 0
    target = width + rng.randint(-8, 8)
    for i, c in enumerate(chars):
        if c == "\n":
            col = 0
            continue
        col += 1
        if c == " " and col >= target and not inside[i]:
            chars[i] = "\n"
            col = 0
            target = width + rng.randint(-8, 8)
    return "".join(chars)


# ------------------------------------------------------------------------------------------------
# template selection with held-out templates for the test split
# ------------------------------------------------------------------------------------------------


_IMPORTANT = ("fam", "rel", "dr", "pcp", "staff", "date", "prior", "year", "hosp", "rehab", "clinic", "city", "country",
              "employer", "phone", "fax", "email", "pt", "age", "mrn", "ng_", "foley", "bp", "vitals", "person",
              "place", "plate", "pager", "abx_day", "pain", "str", "ward")


def _important(slot: str) -> bool:
    """Slots that write PHI or hard negatives: their presence must survive the template split."""
    return slot.startswith(_IMPORTANT)


def _thash(template: str) -> int:
    return int(hashlib.sha1(("medveil-synth-template:" + template).encode("utf-8")).hexdigest(), 16)


@functools.cache
def partition(options: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a template list into (train, held-out test) templates, deterministically.

    About a quarter of the templates (at most 40 %) are held out. The choice is coverage-aware: a
    slot (``{fam}``, ``{phone}`` …) that occurs in two or more templates occurs on both sides, so
    that no kind of PHI or hard negative disappears from one split. Lists of fewer than four
    templates are shared by all splits.
    """
    if len(options) < 4:
        return options, options
    order = sorted(dict.fromkeys(options), key=_thash)
    slots = {t: {x for x in _SLOT_RE.findall(t) if _important(x)} for t in order}
    test: list[str] = []
    cap = max(1, int(len(order) * 0.4))

    def can_move(t: str) -> bool:
        rest = [u for u in order if u not in test and u != t]
        have = set().union(*(slots[u] for u in rest)) if rest else set()
        return len(rest) >= 2 and slots[t] <= have

    all_slots = sorted(set().union(*slots.values()))
    for sl in all_slots:
        if len(test) >= cap or any(sl in slots[t] for t in test):
            continue
        for t in order:
            if sl in slots[t] and t not in test and can_move(t):
                test.append(t)
                break
    for t in order:
        if len(test) >= max(1, round(len(order) / 4)):
            break
        if t not in test and can_move(t):
            test.append(t)
    train = tuple(t for t in order if t not in test)
    return train, tuple(test)


def template_group(template: str, options: Sequence[str]) -> str:
    """'test' when ``template`` is one of the held-out templates of ``options``, else 'train'."""
    return "test" if template in partition(tuple(options))[1] and len(options) >= 4 else "train"


def choose(rng: random.Random, options: Sequence[str], split: str) -> str:
    """Pick a template: the test split draws from the held-out templates, train and dev from the rest."""
    train, test = partition(tuple(options))
    return rng.choice(test if split == "test" else train)


# ------------------------------------------------------------------------------------------------
# dates, numbers
# ------------------------------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = (("Mon", "Monday"), ("Tues", "Tue", "Tuesday"), ("Wed", "Wednesday"), ("Thurs", "Thu", "Thursday"),
            ("Fri", "Friday"), ("Sat", "Saturday"), ("Sun", "Sunday"))
MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def fmt_date(d: dt.date, rng: random.Random, kind: str = "any") -> str:
    """A date in one of many clinical writings; ``kind`` = 'short' (no year), 'full' (with year), 'any'."""
    short = [
        lambda: f"{d.month}/{d.day}",
        lambda: f"{d.month:02d}/{d.day:02d}",
        lambda: f"{d.month}-{d.day}",
        lambda: f"{MONTHS[d.month - 1]} {ordinal(d.day)}",
        lambda: f"{MONTHS[d.month - 1]} {d.day}",
        lambda: f"{MON[d.month - 1]} {d.day}",
        lambda: f"{MON[d.month - 1]}. {d.day}",
        lambda: f"{d.day} {MON[d.month - 1]}",
        lambda: f"{ordinal(d.day)} of {MONTHS[d.month - 1]}",
        lambda: f"{rng.choice(WEEKDAYS[d.weekday()])} {d.month}/{d.day}",
        lambda: f"{rng.choice(WEEKDAYS[d.weekday()])}, {MON[d.month - 1]} {d.day}",
    ]
    full = [
        lambda: f"{d.month}/{d.day}/{d.year}",
        lambda: f"{d.month:02d}/{d.day:02d}/{d.year}",
        lambda: f"{d.month}/{d.day}/{d.year % 100:02d}",
        lambda: f"{d.month:02d}-{d.day:02d}-{d.year}",
        lambda: f"{d.month}-{d.day}-{d.year % 100:02d}",
        lambda: d.isoformat(),
        lambda: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
        lambda: f"{MON[d.month - 1]} {d.day}, {d.year}",
        lambda: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        lambda: f"{d.day:02d}-{MON[d.month - 1]}-{d.year}",
        lambda: f"{d.year}{d.month:02d}{d.day:02d}",
    ]
    pool = short if kind == "short" else full if kind == "full" else short + full
    return rng.choice(pool)()


def fmt_time(rng: random.Random) -> str:
    h, m = rng.randint(0, 23), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50, rng.randint(0, 59)])
    return rng.choice([f"{h:02d}:{m:02d}", f"{h:02d}{m:02d}", f"{(h % 12) or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                       f"{(h % 12) or 12}{'am' if h < 12 else 'pm'}", f"{h}:{m:02d}"])


def phone_number(rng: random.Random, kind: str = "any") -> str:
    a = rng.choice([617, 508, 781, 978, 413, 603, 401, 860, 212, 718, 646, 215, 410, 202, 312, 415, 206, 774, 339, 857])
    b, c = rng.randint(201, 989), rng.randint(0, 9999)
    forms = [f"{a}-{b}-{c:04d}", f"({a}) {b}-{c:04d}", f"{a}.{b}.{c:04d}", f"{a} {b} {c:04d}", f"({a}){b}-{c:04d}",
             f"{a}{b}{c:04d}", f"1-{a}-{b}-{c:04d}", f"+1 {a} {b} {c:04d}"]
    if kind == "local":
        forms = [f"{b}-{c:04d}", f"x{rng.randint(2, 8)}-{rng.randint(1000, 9999)}", f"x{rng.randint(1000, 99999)}"]
    return rng.choice(forms)


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


# ------------------------------------------------------------------------------------------------
# people and places of one record
# ------------------------------------------------------------------------------------------------


@dataclass
class Person:
    first: str
    last: str
    sex: str  # "M" or "F"
    middle: str = ""
    role: str = ""  # wife, son, RN, MD, ...
    nick: str = ""

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


class Names:
    """Draws names from one split's pools."""

    def __init__(self, pools_: pools.SplitPools, rng: random.Random) -> None:
        self.p = pools_
        self.rng = rng

    def _locale(self) -> str:
        locs, w = zip(*pools.LOCALE_WEIGHTS.items(), strict=True)
        return self.rng.choices(locs, w)[0]

    def first(self, sex: str, locale: str | None = None) -> str:
        rng = self.rng
        if rng.random() < 0.03 and self.p.word_first:
            return rng.choice(self.p.word_first)
        loc = locale or self._locale()
        pool = (self.p.first_m if sex == "M" else self.p.first_f).get(loc) or self.p.first_m["en_US"]
        name = rng.choice(pool)
        if loc in ("vi_VN", "tr_TR", "pl_PL") and rng.random() < 0.3:
            name = pools.ascii_fold(name)
        return name

    def last(self, locale: str | None = None) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.03 and self.p.word_last:
            return rng.choice(self.p.word_last)
        if r < 0.06 and self.p.irish_o:
            return rng.choice(self.p.irish_o)
        if r < 0.08 and self.p.mac:
            return rng.choice(self.p.mac)
        loc = locale or self._locale()
        pool = self.p.last.get(loc) or self.p.last["en_US"]
        name = rng.choice(pool)
        if loc in ("vi_VN", "tr_TR", "pl_PL") and rng.random() < 0.3:
            name = pools.ascii_fold(name)
        r = rng.random()
        if r < 0.06:  # hyphenated double surname
            other = rng.choice(self.p.last.get(loc) or self.p.en_last)
            if other != name:
                name = f"{name}-{other}"
        elif r < 0.10 and loc in ("nl_NL", "de_DE", "es_MX", "pt_BR", "fr_FR", "it_IT", "en_US"):
            part = {"nl_NL": ("van", "van der", "van den", "de", "ter"), "de_DE": ("von",), "es_MX": ("de la", "del", "de"),
                    "pt_BR": ("da", "dos", "de"), "fr_FR": ("de", "le"), "it_IT": ("di", "de", "del")}.get(loc, ("van", "de"))
            name = f"{rng.choice(part)} {name}"
        elif r < 0.13 and loc in ("es_MX", "pt_BR"):
            name = f"{name} {rng.choice(pool)}"
        return name

    def person(self, sex: str | None = None, role: str = "", last: str | None = None) -> Person:
        rng = self.rng
        sex = sex or rng.choice("MF")
        loc = self._locale()
        first = self.first(sex, loc if loc != "invented" else "en_US")
        nick = ""
        formal_nicks = pools.NICKNAMES.get(first)
        if formal_nicks:
            nick = rng.choice(formal_nicks)
        middle = rng.choice(self.p.all_first) if rng.random() < 0.3 else ""
        return Person(first, last or self.last(loc), sex, middle, role, nick)


HOSP_FORMS = ("{city} General Hospital", "{city} Medical Center", "{last} Memorial Hospital", "St. {saint}'s Hospital",
              "St. {saint} Medical Center", "{city} Regional Medical Center", "{city} Community Hospital",
              "{last} Hospital", "Mount {last} Hospital", "{city} Hospital", "{last}-{last2} Medical Center",
              "{city} VA Medical Center", "University Hospital of {city}", "Saint {saint} Hospital",
              "{city} Memorial", "{last} Medical Center", "{city} Children's Hospital", "{last} Infirmary")
REHAB_FORMS = ("{last} Rehab", "{city} Rehabilitation Center", "{last} Manor", "{city} Nursing and Rehab",
               "{last} House", "{city} Healthcare Center", "{last} Skilled Nursing Facility", "{last} Rehabilitation Hospital",
               "{saint}'s Home", "{city} Health Care", "{last} Village", "{city} Senior Living")
CLINIC_FORMS = ("{city} Family Practice", "{last} Cardiology Associates", "{city} Internal Medicine",
                "{last} Health Center", "{city} Neurology Associates", "{city} Community Health Center",
                "{last} Clinic", "{city} Primary Care", "{last} Pulmonary Group", "{city} Oncology Associates")
ORG_FORMS = ("{last} Construction", "{city} Public Schools", "{last} & Sons", "{city} Fire Department", "{last} Insurance",
             "{city} Police Department", "{last} Trucking", "{last} Foods", "{city} Savings Bank", "{last} Electric",
             "the {city} Post Office", "{last} Manufacturing", "{city} Transit Authority", "{last} Landscaping")


PLACE_FORMS = ("{last} Park", "{city} Mall", "St. {saint}'s Church", "{city} Common", "{last} Beach", "the {city} YMCA",
               "{last} Plaza", "{city} Senior Center", "{last} Pond", "{city} Commons shopping center", "{last} Field",
               "the {last} Library")


def abbreviation(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ("of", "the", "and", "&")]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


class Places:
    def __init__(self, pools_: pools.SplitPools, rng: random.Random) -> None:
        self.p = pools_
        self.rng = rng

    def _form(self, forms: Sequence[str]) -> str:
        rng = self.rng
        for _ in range(40):
            f = rng.choice(forms)
            s = f.format(city=self.p.city(rng), last=rng.choice(self.p.en_last), last2=rng.choice(self.p.en_last),
                         saint=self.p.saint(rng))
            if pools.split_of_value(s) == self.p.split:
                return s
        return s

    def hospital(self) -> str:
        return self._form(HOSP_FORMS)

    def rehab(self) -> str:
        return self._form(REHAB_FORMS)

    def clinic(self) -> str:
        return self._form(CLINIC_FORMS)

    def org(self) -> str:
        return self._form(ORG_FORMS)

    def place(self) -> str:
        return self._form(PLACE_FORMS)

    def ward(self) -> str:
        """A ward named after a person, the way hospitals name their buildings: 'Hollis 7', 'Ellison 4'."""
        rng = self.rng
        for _ in range(20):
            w = rng.choice(self.p.en_last)
            if w.lower() not in pools.EPONYM_SURNAMES and " " not in w:
                return f"{w} {rng.randint(2, 12)}" if rng.random() < 0.8 else f"{w} {rng.choice(('ICU', 'North', 'West', 'Building'))}"
        return f"{rng.choice(self.p.en_last)} {rng.randint(2, 12)}"


# ------------------------------------------------------------------------------------------------
# hard negatives
# ------------------------------------------------------------------------------------------------

NEG_DISEASE = ("Parkinson's disease", "Huntington's disease", "Hodgkin lymphoma", "non-Hodgkin lymphoma", "Cushing's syndrome",
               "Addison's disease", "Graves' disease", "Bell's palsy", "Crohn's disease", "Alzheimer's dementia",
               "Wernicke's encephalopathy", "Guillain-Barre syndrome", "Hashimoto's thyroiditis", "Raynaud's phenomenon",
               "Barrett's esophagus", "Wolff-Parkinson-White syndrome", "Sjogren's syndrome", "Tourette's syndrome",
               "Kawasaki disease", "Lou Gehrig's disease", "Ewing sarcoma", "Burkitt lymphoma", "Kaposi sarcoma",
               "Fanconi anemia", "von Willebrand disease", "Factor V Leiden", "Stevens-Johnson syndrome", "Pott's disease",
               "Dupuytren's contracture", "Baker's cyst", "Meckel's diverticulum", "Paget's disease", "Meniere's disease",
               "Behcet's disease", "Wilson's disease", "Gilbert's syndrome", "Marfan syndrome", "Down syndrome",
               "Colles fracture", "Mallory-Weiss tear", "Takotsubo cardiomyopathy", "Peyronie's disease", "Osgood-Schlatter")
NEG_DEVICE = ("Foley catheter", "Foley", "Swan-Ganz catheter", "Swan-Ganz", "Hickman line", "Jackson-Pratt drain", "JP drain",
              "Penrose drain", "Miami J collar", "Dobhoff tube", "Salem sump", "Yankauer", "Sengstaken-Blakemore tube",
              "Holter monitor", "Ambu bag", "Pleur-evac", "Blakemore tube", "Hoyer lift", "Passy-Muir valve", "Broviac catheter")
NEG_SIGN = ("Babinski negative", "negative Babinski", "Murphy's sign negative", "Homan's sign negative", "Romberg negative",
            "Kernig's sign absent", "Brudzinski's sign absent", "Tinel's sign negative", "Phalen's test negative",
            "Lachman test negative", "McMurray test negative", "Hoffmann's sign absent", "Chvostek's sign negative",
            "no Cullen's sign", "no Grey Turner's sign", "Allen test normal", "Rinne test normal", "Weber midline",
            "no Kussmaul respirations", "no Cheyne-Stokes breathing", "Glasgow coma scale 15", "Apgar 8/9", "Apgars 8 and 9",
            "Mallampati II", "Dix-Hallpike negative", "Lhermitte's sign absent", "no Virchow's node", "Heberden's nodes")
NEG_SCORE = ("Gleason score 3+4=7", "Breslow depth 0.6 mm", "Child-Pugh class B", "Braden score 14", "Morse fall scale 45",
             "Richmond agitation scale 0", "Ramsay score 2", "Rankin scale 3", "Ranson criteria 2", "Glasgow coma scale 14",
             "Clark level III", "Nottingham grade 2", "Killip class I", "Wells score 1", "CHADS2 score 3")
NEG_EPONYMS = NEG_DISEASE + NEG_DEVICE + NEG_SIGN + NEG_SCORE
NEG_WORDS = ("may need", "may be", "may have", "will need", "will follow", "will march", "in the fall", "fall risk",
             "at risk for fall", "mark on L arm", "skin marked", "hope to wean", "no hope of", "bill of rights",
             "brown stool", "brown stools", "temp rose to", "rose to", "grant of", "hunter's tube", "gene mutation",
             "patience with", "faith-based", "joy of", "nice guy", "frank blood", "frank pus", "sunny", "at dawn",
             "amber urine", "summer", "King airway", "white count", "black tarry stool", "black stool",
             "green sputum", "green bilious output", "young man", "young woman", "price of meds", "will",
             "April showers", "sat up", "august", "in march", "next may", "mark", "sunday paper")
# sentences that use name-like and month-like words as ordinary words ([[...]] marks the negative)
NEG_SENTENCES_NURSING = (
    "temp [[rose]] to 101.2 at 2200, tylenol given.",
    "[[brown]] stool x2, guaiac neg.",
    "pt [[may]] need PICC, [[will]] d/w team in am.",
    "[[frank]] blood noted in foley bag, urology aware.",
    "[[amber]] urine, UO 20cc/hr.",
    "[[green]] bilious output from NGT.",
    "[[black]] tarry stool x1, hct sent.",
    "[[white]] count trending down.",
    "pt is a [[young]] man, anxious about procedure.",
    "[[King]] airway removed by EMS, intubated in ED.",
    "pt in good spirits, [[sunny]] disposition, joking w/ staff.",
    "pt states strong [[faith]], chaplain visit requested.",
    "family showing great [[patience]] w/ slow vent wean.",
    "pt expressed [[hope]] to go home by the weekend.",
    "mood improved, pt expressed [[joy]] at being extubated.",
    "staff describe pt as a nice [[guy]], cooperative w/ care.",
    "[[mark]] on L forearm from old IV site, no redness.",
    "questions re: hospital [[bill]] referred to SW.",
    "pt an avid [[hunter]], wants to be home for deer season.",
    "[[gene]] testing pending per onc.",
    "enrolled in NIH [[grant]] study, consent on chart.",
    "pt awake before [[dawn]], restless, repositioned.",
    "pt hopes to garden this [[summer]].",
    "[[price]] of meds a concern, SW to assist.",
    "pt able to [[march]] in place x30 sec w/ PT.",
    "[[fall]] precautions maintained, bed alarm on.",
    "[[May]] need to reintubate if WOB increases.",
    "[[Will]] cont to monitor closely.",
    "[[rose]]-colored drainage from JP.",
    "pt [[will]] need [[fall]] precautions and 1:1 sitter overnight.",
)
NEG_SENTENCES_PROSE = (
    "{He} [[may]] resume driving once cleared by neurology.",
    "Please [[mark]] the follow-up date on your calendar.",
    "{His} temperature [[rose]] to 101.4 on the second night.",
    "{He} [[will]] need a repeat [[white]] count in one week.",
    "{He} noted [[black]] stools in the [[fall]] but none since.",
    "{He} hopes to travel in the [[summer]] and [[may]] need a letter for the airline.",
    "Questions about the hospital [[bill]] were referred to the financial counselor.",
    "The [[price]] of the new inhaler is a concern; a generic was chosen.",
    "{He} is a keen [[hunter]] and fisherman.",
    "[[Gene]] panel results are pending.",
    "{He} describes a strong [[faith]] community that helps at home.",
    "{He} showed great [[patience]] during a long admission.",
    "{He} is a [[young]]-appearing man in no distress.",
    "Sputum was [[green]] on admission and cleared with antibiotics.",
)

NEG_CODES = ("G2P1A1", "G3P2", "G1P0", "G4P3", "C6C7T1", "C5-C6", "S1S2", "S1S2S4", "no S3S4", "T4N0M0", "T2N1M0",
             "T1N0M0", "T3N2M1", "L4L5", "L4-L5", "T12-L1", "C2C3", "H2O2", "V5V6", "A1C 7.2", "B12", "D5W")
NEG_RATIOS = ("BP 120/80", "BP 98/52", "BP 142/88", "1/2 tab", "5/5 strength", "3/4 strength", "2/3 of dose", "1/2 NS",
              "2/6 SEM", "3/6 systolic murmur", "4/10 pain", "0/10 pain", "10/10 pain", "24/7", "20/20", "1/2 NS @ 75cc/hr",
              "4/5 LUE", "2/4 reflexes", "3/3 tabs", "I/O +500", "1:1 sitter", "1:1", "2+ edema", "x3", "A&O x3", "q4h",
              "7a-7p", "7p-7a", "0400", "1200", "K 3.9", "Mg 1.8", "INR 1.3")


def negative(rng: random.Random, kind: str | None = None) -> N:
    kind = kind or rng.choice(("eponym", "word", "code", "ratio"))
    pool = {"eponym": NEG_EPONYMS, "word": NEG_WORDS, "code": NEG_CODES, "ratio": NEG_RATIOS, "disease": NEG_DISEASE,
            "device": NEG_DEVICE, "sign": NEG_SIGN, "score": NEG_SCORE}[kind]
    return N(rng.choice(pool), "eponym" if kind in ("disease", "device", "sign", "score") else kind)


# ------------------------------------------------------------------------------------------------
# the record: one patient with the cast of a hospital stay
# ------------------------------------------------------------------------------------------------

REL_WORDS = {
    "wife": ("wife", "wife", "wife", "spouse"), "husband": ("husband", "husband", "spouse", "hus"),
    "daughter": ("daughter", "dtr", "dau", "daughter"), "son": ("son",), "sister": ("sister", "sis"),
    "brother": ("brother", "bro"), "niece": ("niece",), "nephew": ("nephew",), "granddaughter": ("granddaughter", "gd"),
    "grandson": ("grandson",), "friend": ("friend", "close friend", "neighbor"), "mother": ("mother", "mom"),
    "father": ("father", "dad"), "partner": ("partner", "girlfriend", "boyfriend"),
}
REL_SEX = {"wife": "F", "husband": "M", "daughter": "F", "son": "M", "sister": "F", "brother": "M", "niece": "F",
           "nephew": "M", "granddaughter": "F", "grandson": "M", "mother": "F", "father": "M"}


@dataclass
class Record:
    split: str
    index: int
    rng: random.Random
    names: Names
    places: Places
    patient: Person
    dob: dt.date
    admit: dt.date
    discharge: dt.date
    mrn: str
    relatives: list[Person] = field(default_factory=list)
    providers: list[Person] = field(default_factory=list)
    nurses: list[Person] = field(default_factory=list)
    hospital: str = ""
    prior_hospital: str = ""
    rehab: str = ""
    clinic: str = ""
    city: str = ""
    state: tuple[str, str] = ("Massachusetts", "MA")
    street: str = ""
    zip: str = ""
    employer: str = ""
    country: str = ""
    pcp: Person | None = None

    @property
    def age(self) -> int:
        a = self.admit.year - self.dob.year - ((self.admit.month, self.admit.day) < (self.dob.month, self.dob.day))
        return a

    # --- mentions -----------------------------------------------------------------------------
    def age_items(self, suffix_forms: Sequence[str] = ("yo", "y/o", "year old", "yr old", "-year-old", "yo")) -> list[Item]:
        suf = self.rng.choice(suffix_forms)
        sep = "" if suf[0] in "- " or self.rng.random() < 0.25 and suf in ("yo", "y/o") else " "
        a = str(self.age)
        return [P(a, "AGE"), sep + suf] if self.age > 89 else [a + sep + suf]

    def date(self, offset: int | None = None, kind: str = "short", base: dt.date | None = None) -> P:
        base = base or self.admit
        d = base + dt.timedelta(days=offset if offset is not None else self.rng.randint(-3, 5))
        return P(fmt_date(d, self.rng, kind), "DATE")

    def date_items(self, offset: int | None = None, kind: str = "short") -> list[Item]:
        """A date mention; sometimes only the day ('the 5th'), the way nurses write within a month."""
        if kind == "short" and self.rng.random() < 0.08:
            d = self.admit + dt.timedelta(days=offset if offset is not None else self.rng.randint(-3, 5))
            return ["the ", P(ordinal(d.day), "DATE")]
        return [self.date(offset, kind)]

    def pt_name(self, style: str = "any") -> list[Item]:
        """A mention of the patient: full name, 'Mr. Last', first name, nickname, initials."""
        rng, p = self.rng, self.patient
        title = {"M": rng.choice(["Mr. ", "Mr ", "Mr. "]), "F": rng.choice(["Mrs. ", "Ms. ", "Ms ", "Mrs "])}[p.sex]
        forms: list[list[Item]] = [
            [title, P(p.last, "PATIENT")],
            [title, P(p.last, "PATIENT")],
            [P(p.full, "PATIENT")],
        ]
        if style in ("any", "informal"):
            forms += [[P(p.first, "PATIENT")], [P(p.first, "PATIENT")]]
            if p.nick:
                forms.append([P(p.nick, "PATIENT")])
            ini = rng.choice([f"{p.first[0]}.{p.last[0]}.", f"{p.first[0]}{p.last[0]}", f"{p.first[0]}. {p.last}"])
            if self.own(ini):
                forms.append([P(ini, "PATIENT")])
        if p.middle and style != "informal":
            forms.append([P(f"{p.first} {p.middle[0]}. {p.last}", "PATIENT")])
        out = rng.choice(forms)
        if style == "any" and rng.random() < 0.05:  # a misspelt mention of the patient
            out = [P(self.typo_name(x.value), x.label) if isinstance(x, P) and len(x.value) > 4 and " " not in x.value else x
                   for x in out]
        return out

    def relative(self) -> Person:
        return self.rng.choice(self.relatives)

    def rel_name(self, r: Person) -> P:
        rng = self.rng
        x = rng.random()
        if x < 0.6:
            v = r.first
        elif x < 0.8:
            v = r.full
        elif x < 0.9 and r.nick:
            v = r.nick
        else:
            v = r.first
        if rng.random() < 0.04 and len(v) > 4:
            v = self.typo_name(v)
        return P(v, "RELATIVE")

    def own(self, value: str) -> bool:
        """True when a derived surrogate (initials, an abbreviation) hashes to this record's split."""
        return pools.split_of_value(value) == self.split

    def typo_name(self, v: str) -> str:
        """A misspelt name, kept only when every part still hashes to this split (pools stay disjoint)."""
        t = typo(v, self.rng)
        return t if all(pools.split_of_value(w) == self.split for w in t.split()) else v

    def fam(self) -> list[Item]:
        """'wife Mary', 'pt's dtr Kim', 'son Dave (HCP)'."""
        r = self.relative()
        rel = self.rng.choice(REL_WORDS[r.role])
        pre = self.rng.choice(["", "", "pt's ", "his " if self.patient.sex == "M" else "her "])
        if self.rng.random() < 0.08 and r.role in ("wife", "husband", "mother", "father"):
            title = {"M": "Mr. ", "F": self.rng.choice(("Mrs. ", "Mrs "))}[r.sex]
            return [pre + rel + ", " + title, P(r.last, "RELATIVE") if self.rng.random() > 0.04 else P(self.typo_name(r.last), "RELATIVE")]
        if self.rng.random() < 0.15:  # name first: "Mary (wife)", "Kim, pt's dtr,"
            return self.rng.choice([[self.rel_name(r), f" ({rel})"], [self.rel_name(r), f" ({pre}{rel})"]])
        return [pre + rel + " ", self.rel_name(r)]

    def dr(self, who: Person | None = None, form: str = "any") -> list[Item]:
        rng = self.rng
        d = who or rng.choice(self.providers)
        last = d.last if rng.random() > 0.03 else self.typo_name(d.last)
        title = rng.choice(["Dr. ", "Dr. ", "Dr. ", "Dr ", "dr ", "Dr.", "DR. "])
        forms: list[list[Item]] = [[title, P(last, "PROVIDER")], [title, P(last, "PROVIDER")], [title, P(f"{d.first} {last}", "PROVIDER")],
                                   [title, P(f"{d.first[0]}. {last}", "PROVIDER")]]
        if form == "full":
            forms = [[P(f"{d.first} {d.last}", "PROVIDER"), rng.choice([", MD", " MD", ", M.D.", ", DO"])],
                     [title, P(f"{d.first} {d.last}", "PROVIDER")],
                     [P(f"{d.first} {d.middle[0] + '. ' if d.middle else ''}{d.last}", "PROVIDER"), ", MD"]]
        return rng.choice(forms)

    def staff(self) -> list[Item]:
        """A nurse, therapist or NP by first name or 'Last NP'."""
        rng = self.rng
        n = rng.choice(self.nurses)
        first = n.nick if n.nick and rng.random() < 0.35 else n.first
        return rng.choice([
            [P(first, "PROVIDER")],
            [P(first, "PROVIDER"), rng.choice([" RN", ", RN", " from PT", " (PT)", " from OT", " from case mgmt", " SW"])],
            [P(n.last, "PROVIDER"), rng.choice([" NP", " PA", ", NP", " RN"])],
            [P(n.full, "PROVIDER"), rng.choice([", RN", " RN", ", LICSW", ", NP"])],
        ])

    def hosp(self, which: str = "prior") -> list[Item]:
        name = {"prior": self.prior_hospital, "this": self.hospital, "rehab": self.rehab, "clinic": self.clinic}[which]
        if which in ("prior", "this") and self.rng.random() < 0.25 and self.own(abbreviation(name)):
            return [P(abbreviation(name), "HOSPITAL")]
        return [P(name, "HOSPITAL")]

    def phone(self, label: str = "PHONE") -> P:
        return P(phone_number(self.rng), label)


def make_record(split: str, index: int, rng: random.Random, pools_: pools.SplitPools) -> Record:
    names, places = Names(pools_, rng), Places(pools_, rng)
    pt = names.person()
    admit = dt.date(rng.randint(2008, 2024), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    if rng.random() < 0.08:  # ages over 89 are rare
        age = rng.randint(90, 104)
    else:
        age = rng.choice([rng.randint(18, 89), rng.randint(45, 89), rng.randint(60, 89)])
    dob = admit - dt.timedelta(days=age * 365 + rng.randint(1, 360))
    discharge = admit + dt.timedelta(days=rng.randint(1, 21))
    mrn = digits(rng, rng.choice([6, 7, 7, 8, 9]))
    rec = Record(split, index, rng, names, places, pt, dob, admit, discharge, mrn)
    # family
    roles = []
    if pt.sex == "M" and rng.random() < 0.6:
        roles.append("wife")
    elif pt.sex == "F" and rng.random() < 0.5:
        roles.append("husband")
    elders = ["mother", "father"] if age < 60 else []
    roles += rng.sample(["daughter", "son", "sister", "brother", "niece", "nephew", "granddaughter", "grandson", "friend",
                         "partner"] + elders, k=rng.randint(1, 3))
    used = {pt.last.lower()}

    def fresh(sex: str | None = None, role: str = "", last: str | None = None) -> Person:
        for _ in range(6):  # avoid two unrelated people with one surname in a note
            p = names.person(sex, role, last=last)
            if last or p.last.lower() not in used:
                break
        used.add(p.last.lower())
        return p

    for role in roles:
        sex = REL_SEX.get(role) or rng.choice("MF")
        same_last = role in ("wife", "husband", "son", "daughter", "mother", "father") and rng.random() < 0.7
        rec.relatives.append(fresh(sex, role, last=pt.last if same_last else None))
    rec.providers = [fresh(role="MD") for _ in range(rng.randint(3, 5))]
    rec.nurses = [fresh(role="RN") for _ in range(rng.randint(2, 4))]
    rec.pcp = fresh(role="PCP")

    def fresh_place(make) -> str:
        for _ in range(6):
            v = make()
            if not {w.lower() for w in re.split(r"[\s\-']+", v)} & used:
                break
        used.update(w.lower() for w in re.split(r"[\s\-']+", v) if w[:1].isupper())
        return v

    rec.hospital = fresh_place(places.hospital)
    rec.prior_hospital = fresh_place(places.hospital)
    rec.rehab = fresh_place(places.rehab)
    rec.clinic = fresh_place(places.clinic)
    rec.employer = fresh_place(places.org)
    rec.city = pools_.city(rng)
    rec.state = rng.choice(pools.STATES)
    rec.street = pools_.street(rng)
    rec.zip = f"{rng.randint(1000, 99999):05d}"
    rec.country = pools_.country(rng)
    return rec
