"""DATE and AGE (over 89) detection: a date grammar with plausible ranges and context scoring.

Clinical notes are full of numbers that look like dates: "BP 120/80", "1/2 NS", "5/5 strength",
"pain 4/10", "2-3 L", "8-10 mg", "0400", "14:30", "abx day 4/13". The decision rules, in order:

Numeric shapes (``_numeric_dates``; month 1–12, day valid for the month, 4-digit years 1900–2199 (dates shifted into the future, as de-identified corpora do),
any 2-digit year)
  * ``yyyy-mm-dd`` (also ``/`` and ``.``)                                             → 0.95 ``date_iso``
  * ``yyyymmdd`` ("20190103", valid): 0.9 after a date cue, else 0.65 (beats the bare-number ID
    rule, 0.6)                                                                          ``date_compact``
  * ``m/d/yy``, ``m/d/yyyy``, ``m-d-yy``, ``m.d.yyyy`` (same separator twice; ``d/m/y`` accepted
    when the first part is 13–31)                                                      → 0.95 ``date_mdy``
    (hyphen/dot with a 2-digit year: 0.92 after a date cue, 0.75 without, dropped after a measure
    word or before a unit: "5-10-15 mg")
  * ``m/d/yyyy`` with blanks around a slash ("07 / 19 / 1948", a scanned form)      → 0.9 ``date_mdy_spaced``
  * ``m/yyyy`` ("1/2019", "03-2019"): a month and a year is finer than a year        → 0.9 ``date_my``
  * ``m/d`` and ``m-d`` without a year:
      - dropped after a measurement word on the same line with no other number in between (BP, SBP,
        MAP, CVP, PEEP, PS, CPAP, GCS, pain, Apgar, strength, murmur, CIWA, score, "day" (antibiotic
        day 4/13), "x", "q" …; connectors are skipped: "score of 12/16"), near a ventilator word,
        before a unit or clinical word ("1/2 NS", "1/2 tab", "2/3 of", "3/4 assist", "2-3 L",
        "8-10 mg", "2/6 SEM", "10/20 daily", "1-2 p.o."), and "7-7-7", "#8-16";
      - a date cue right before it ("on", "since", "from", "until", "dated", "DOB", "admitted",
        "d/c", a weekday, "cxr", "echo", "(" …) or a year/time after it               → 0.92 ``date_md_cue``
        — except that the weak cues "to", "and", "by", "(" do not lift fraction-like shapes
        ("decreasing to 2/2", "(1/4 cracker)");
      - ``m/d``: zero-padded ("03/03") → 0.8; fraction-like (denominator ≤ 5 and numerator ≤
        denominator: "1/2", "2/3", "3/4", "5/5"; and "24/7") → 0.3 (dropped by the resolver);
        ``n/10`` → 0.45 with pain words near, else 0.6; any other valid ``m/d`` ("12/4", "10/17",
        "3/14", "7/22") → 0.75: recall first;
      - ``m-d`` (looks like a range): day > 12, not both multiples of 5, or equal parts → 0.55;
        zero-padded → 0.75; otherwise ("2-3", "8-10", "10-15") 0.3, raised to 0.55 at the end of
        a clause ("confused at home 11-6, hx …") when no measure word or range word precedes.
  * times ("14:30", "0400", "7a-7p") never match: the shapes need ``/``, ``-`` or ``.``.

Month names (``_month_hit``, any case; "may", "mar", "dec", "jan", "aug" are also words)
  * month + day ("Jan 3rd", "jan3", "January 3, 2019"), day + month ("3 Jan 2019", "3rd of
    January", "03-JAN-19"), month + year ("Jan 2019", "January of '19")                 → 0.95
    The ambiguous words after a bare day ("2 dec", "3 may", "9 MAR") need an ordinal, a year, a
    capital, a date cue or a clause end (then 0.6); a bare day after "may"/"dec"/"jan" … without an
    ordinal or cue → 0.6; a unit after the day always vetoes ("dec 2 L", "may 5 mg").
  * a month name alone: a capitalised full name ("January", "Sept.") → 0.8, lowercase → 0.6;
    "May"/"March"/"mar"/"may"/"dec"/"jan"/"aug" alone are never flagged.

Other shapes
  * weekdays: full names any case → 0.85; abbreviations ("Tues", "Sat") before a date or after a
    date cue → 0.85, capitalised alone → 0.6; schedules ("Mon/Fri", "every Tuesday", "Mondays")
    and saturations ("O2 Sat 95%", "SAT: 92") are not dates, but two full names as alternatives ("by
    Thursday or Friday") are (0.6);
  * "the 5th" after "on/of/since/until/by/before/after/from/through", when no noun follows
    ("the 6th cervical", "the 2nd unit" are counts) → 0.85 ``date_ordinal``;
  * holidays ("Christmas 2019", "Thanksgiving", "New Year's Eve" …) → 0.85 ``date_holiday``;
  * years alone ("in 2019", "'92", "1998", "Spring 2019", "1990s") → ``date_year`` unless
    ``keep_years``. Military times collide with years (1900–2059 with minutes < 60), so: after
    "at", "@", "~", "around", after another date/number, in "1900-0700", or before "hrs"/"h"/":"
    → a time, not flagged; after a year cue ("in", "of", "since", "year", "born", a season, a
    month, "died" …; "died 2019 of MI" despite the "of") → 0.85 (0.6 for "since/until/to/from" with a
    time-like number), a season before it joins the span ("fall 2024", "summer of 2023"); a bare number that
    cannot be a time (1960–1999) → 0.7; 2000–2025 not at a line start → 0.55; others → 0.45.
    The note's era: when it has full dates ("3/14/2079", "2079-03-14", "March 14, 2079"), a bare
    year from 70 years before the earliest to 10 after the latest is a year (0.7 without a cue, not
    at a line start when it could be a time; "s/p CABG 2071", "colonoscopy 2131 normal"), years
    2100–2199 included, and "(2088)"/"2068-2071" are years up to the era's end: corpora shift dates
    into the future.

AGE (``AgeDetector``): ages 90–125 written "92 yo", "92 y/o", "92-year-old", "92 yrs", "aged 95",
"age: 101", "AGE/SEX: 97", "a 92 F", "92M" at a line start, "in her 90s"/"nineties",
"ninety-two year old" → 0.95 (0.85 for the sex-letter forms). Ages ≤ 89 are never emitted. Only
the number (or number words) is spanned.
"""

from __future__ import annotations

import re
from calendar import monthrange
from functools import lru_cache

from medveil.document import Document, Span
from medveil.labels import Label

__all__ = ["DateDetector", "AgeDetector", "valid_date", "UNIT_AFTER"]

_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# a 4-digit year in a date shape: to 2199, since de-identified corpora shift dates into the future
_YEAR4 = r"(?:19|20|21)\d\d"


def valid_date(month: int, day: int, year: int | None = None) -> bool:
    """True when ``month``/``day`` (and ``year``, 4-digit, 1900–2199) form a real calendar date.

    Without a year, Feb 29 is accepted.
    """
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= _DAYS_IN_MONTH[month]
    if not 1900 <= year <= 2199:
        return False
    return day <= monthrange(year, month)[1]


def _year4(y: str) -> int | None:
    """4-digit year for a 2- or 4-digit string (2-digit years are always plausible)."""
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n <= 30 else 1900 + n
    return n if 1900 <= n <= 2199 else None


# --- text helpers shared by the pattern modules ---------------------------------------------------


class CueIndex:
    """Cue words found by one Aho-Corasick pass over a note's lowercase text (built on first use)."""

    def __init__(self, keys: dict[str, str]):
        self.keys = keys
        self._automaton = None

    def hits(self, low: str, hits: list[Hit] | None = None) -> list[Hit]:
        """``hits`` when a caller already ran a shared pass, else this index's own hits in ``low``."""
        if hits is not None:
            return hits
        if self._automaton is None:
            self._automaton = automaton(self.keys)
        return run_automaton(self._automaton, low)


def lower_text(text: str) -> str:
    """``text.lower()`` with the same length (offsets stay valid), whatever the script."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters lowercase to two ("İ" → "i̇"): map them to their first lowercase character
    table = {ord(c): c.lower()[0] for c in set(text) if len(c.lower()) != 1}
    return text.translate(table).lower()


# bytes.translate table: the ten ASCII digits become "0" (in UTF-8 no other character has such a byte)
_ZERO_DIGITS = bytes(ord("0") if b in b"0123456789" else b for b in range(256))


@lru_cache(maxsize=4)
def digit_skeleton(text: str) -> str:
    """``text`` with every digit (what ``\\d`` matches) written "0": same length, same other characters.

    ``re`` tests ``\\d`` character by character but finds a literal "0" quickly, so a prefilter
    that only asks "digit or not" runs several times faster over the skeleton (see ``on_skeleton``).
    Kept for the last few texts: the pattern modules scan the same note and its lowercase copy.
    """
    skeleton = text.encode("utf-8", "surrogatepass").translate(_ZERO_DIGITS).decode("utf-8", "surrogatepass")
    if not text.isascii():
        others = {ord(c): "0" for c in _NON_ASCII.findall(text) if c.isdecimal()}
        if others:
            skeleton = skeleton.translate(others)
    return skeleton


def on_skeleton(pattern: str) -> re.Pattern[str]:
    """``pattern`` for a ``digit_skeleton``: every ``\\d`` becomes "0" (same matches, same offsets).

    Only for patterns that test digits with ``\\d`` alone (no "19", no "[0-5]"); a match's text is
    then all zeros: read the digits in the real text at the same offsets. Counted digits are written
    out ("\\d{3}" → "000", "\\d{4,}" → "0000+"), since ``re`` only skips ahead to a literal prefix.
    """
    return re.compile(_COUNTED_DIGITS.sub(_zeros, pattern).replace(r"\d", "0"))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_COUNTED_DIGITS = re.compile(r"\\d\{(\d+)(,?)(\d*)\}")


def _zeros(m: re.Match[str]) -> str:
    """``\\d{n}`` → n zeros, ``\\d{n,}`` → n zeros and "0*", ``\\d{n,m}`` → n zeros and "0{0,m-n}"."""
    n = int(m.group(1))
    if not m.group(2):
        return "0" * n
    if not m.group(3):
        return "0" * n + "0*"
    return "0" * n + f"0{{0,{int(m.group(3)) - n}}}"


Hit = tuple[int, str, str]  # (start, kind, key) of a cue word found in the lowercase text


# The letter-start form of a lowercase text: ASCII letters stay, every other character becomes _MARK,
# and one _MARK goes in front. Every caller of ``run_automaton`` skips a cue word that follows a
# letter, so the automaton only looks for cue words that start after a _MARK.
_MARK = "\x01"
_LETTER_START_BYTES = bytes(b if chr(b).isascii() and chr(b).isalpha() else ord(_MARK) for b in range(256))


def _letter_start_form(low: str) -> str:
    """The letter-start form of ``low`` (see above): one character longer, offsets shifted by one."""
    return _MARK + low.encode("ascii", "replace").translate(_LETTER_START_BYTES).decode("ascii")


def automaton(*key_sets: dict[str, str]):
    """One Aho-Corasick automaton over the lowercase keys of every ``key -> kind`` map given.

    It is keyed by the letter-start form of each key: form → [(key, ((kind, key), …)), …]. Every key
    starting with _MARK keeps the automaton near its root inside words: the scan is faster.
    """
    import ahocorasick

    values: dict[str, list[tuple[str, str]]] = {}
    for keys in key_sets:
        for key, kind in keys.items():
            values.setdefault(key, []).append((kind, key))
    forms: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
    for key, vals in values.items():
        forms.setdefault(_letter_start_form(key), []).append((key, tuple(vals)))
    a = ahocorasick.Automaton()
    for form, entries in forms.items():
        a.add_word(form, entries)
    a.make_automaton()
    return a


def run_automaton(a, low: str) -> list[Hit]:
    """Every key occurrence in ``low`` that does not follow an ASCII letter (callers check the boundaries they need).

    A hit in the letter-start form is a candidate (digits, punctuation and non-ASCII letters all
    became _MARK): the key is compared with ``low``.
    """
    out: list[Hit] = []
    for end, entries in a.iter(_letter_start_form(low)):
        # ``end``, the last index of the hit in the form, is the exclusive end of the key in ``low``
        for key, vals in entries:
            s = end - len(key)
            if low.startswith(key, s):
                for kind, k in vals:
                    out.append((s, kind, k))
    return out


_STRIP = ",;:()[]{}\"'<>=~*."


def last_words(low: str, s: int, n: int = 40) -> tuple[str, str]:
    """The last two whitespace tokens before ``s`` (lowercase, outer punctuation stripped)."""
    toks = low[max(0, s - n) : s].split()
    if not toks:
        return "", ""
    w1 = toks[-1].strip(_STRIP) or toks[-1]
    w2 = (toks[-2].strip(_STRIP) or toks[-2]) if len(toks) > 1 else ""
    return w1, w2


def last_alpha_word(low: str, s: int, gap: int = 14, n: int = 40) -> str:
    """The last word before ``s`` on the same line when at most ``gap`` non-letters follow it."""
    chunk = low[max(0, s - n) : s]
    nl = chunk.rfind("\n")
    if nl >= 0:
        chunk = chunk[nl + 1 :]
    j = len(chunk)
    while j > 0 and not chunk[j - 1].isalpha():
        j -= 1
    if j == 0 or len(chunk) - j > gap:
        return ""
    for c in chunk[j:]:
        if c.isdigit():
            return ""  # "BP 110/60, 12/4" and "CABG x3 02/06": the word belongs to the other number
    i = j
    while i > 0 and not chunk[i - 1].isspace():
        i -= 1
    return chunk[i:j].lstrip(_STRIP + "-")


# --- shared context vocabularies ---------------------------------------------------------------

# Units and clinical words that, right after a number, say "this is a quantity, not a date".
_UNITS = (
    r"mg|mcg|ug|gm?|grams?|kg|lbs?|ml|cc|l|liters?|litres?|dl|u|units?|iu|meq|mmol|mol|mmhg|mm|cm|in|ft|"
    r"hrs?|hours?|h|mins?|minutes?|secs?|days?|d|wks?|weeks?|mos?|months?|yrs?|years?|x|times|%|bpm|"
    r"breaths?|beats?|puffs?|tabs?|tablets?|caps?|capsules?|amps?|bags?|drops?|gtts?|ns|nss|lr|d5w?|d5ns|"
    r"strength|str|assist|asst|of|pos|positive|neg|negative|bottles?|cultures?|sets?|views?|lobes?|"
    r"vessels?|vd|lpm|nc|fm|sem|murmur|holosystolic|systolic|diastolic|sm|hsm|pain|ratio|scale|score|"
    r"max|mod|min|dose|doses|sl|po|iv|im|sq|sc|pr|q\d|prn|bid|tid|qid|qd|qhs|qam|qpm|ms|sec|cm3|"
    r"inch(?:es)?|feet|foot|kcal|cal|ng|pg|mEq|mosm|meters?|m|lead|leads|fr|french|gauge|ga|mps|"
    r"repeats?|reps?|staples?|sutures?|stitches?|people|persons?|patients?|nurses?|am|pm|daily|nightly|"
    r"weekly|once|twice|qday|visits?|sessions?|treatments?|episodes?|objects?|words?|items?|cracker|glasses|"
    r"drinks?|beers?|cigarettes?|packs?|ppd|blocks?|flights?|stairs|steps|p\.o\.?|millimeters?|centimeters?|"
    r"inches|mls?|ribs?|o['’]?clock|sites|bands|toes"
)
# "2+ edema", "40%": a plus sign right after the number is a grade; "12/03 + again today" is a conjunction
UNIT_AFTER = re.compile(r"[ \t]{0,2}(?:" + _UNITS + r")\b|[ \t]{0,2}%|\+", re.I)
# notes are hard-wrapped: "Drinks 1-2\nbeers/day" — but "DOB: 12-26-64\nUnit No: …" starts a header line
_UNIT_NEXT_LINE = re.compile(
    r"[ \t]*\r?\n[ \t]*(?:mg|mcg|ml|cc|units?|meq|mmol|mmhg|mm|cm|liters?|tabs?|tablets?|puffs?|beers?|drinks?|"
    r"cigarettes?|packs?|ppd|times|days?|weeks?|months?|years?|hours|minutes?|millimeters?|centimeters?|inches|"
    r"episodes?|bottles?|doses?|strength|assist|of|p\.o|po|daily|bid|tid|qd|prn|systolic|murmur|sem|beats?|"
    r"breaths?|visits?|sessions?|objects?|words?)\b(?![ \t]*(?:no\b|#|:|number))",
    re.I,
)
_HEADER_LINE = re.compile(r"[ \t]*\r?\n[ \t]*[A-Z][A-Za-z /]{0,30}:")


def unit_after(text: str, e: int) -> re.Match[str] | None:
    """A unit or clinical count word right after ``e``, on the same line or at the start of the next."""
    m = UNIT_AFTER.match(text, e)
    if m is not None:
        return m
    if text[e : e + 1] in "\r\n" or text[e : e + 2].strip() == "":
        if not _HEADER_LINE.match(text, e):
            return _UNIT_NEXT_LINE.match(text, e)
    return None

# verbs of a treatment before its date ("given 2.14.92", "restarted 3/22"), but before a fraction no cue: "given 2/3 of
# dose", "completed 3/4 of the course"
_ACTION_CUES = frozenset("given completed restarted resumed stopped discontinued placed removed administered".split())
# Words right before a number that make it a date (the treatment verbs among them).
_DATE_CUE_WORDS = _ACTION_CUES | frozenset(
    """on since from until untill till til thru through to by before after date dated dates dos dob d.o.b
    born birth birthdate admit admitted adm admission readmitted readmit visited came presented discharged
    discharge d/c d/c'd dc dc'd transferred seen visit last next starting started start began begun expired
    died deceased death performed done drawn obtained collected sent signed dictated transcribed reviewed
    returned received scheduled vaccinated immunized appt appointment f/u fu followup follow-up surgery cabg cath echo ekg ecg cxr
    ct mri us u/s eeg egd biopsy bx op s/p sp post-op postop effective beginning ending ended end
    mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday
    x-ray xray film films study exam consult lab labs lft lfts culture cultures intubated extubated rtc uds""".split()
)
# words after a number that make it a count of results ("2/3 positive", "1/2 cultures") unless a date cue stands before
_RESULT_WORDS = frozenset("pos positive neg negative cultures culture sets set views view cap caps".split())
_DATE_CUE_PAIRS = frozenset(
    """as of|week of|day of|night of|morning of|evening of|weekend of|date of|status post|dated on|
    started on|done on|seen on|admitted on|next clinic|bed avail|beds avail""".replace("\n", "").split("|")
)
_DATE_CUE_PAIRS = frozenset(p.strip() for p in _DATE_CUE_PAIRS)
# imaging and other studies that a body region may follow before the date ("CT A/P 2/8")
_STUDY_CUES = frozenset("ct cta mri mra cxr us u/s echo tte tee egd eeg xr x-ray xray film films".split())
# Words right before a number (with at most a few non-letters between) that make it a measurement.
_MEAS_WORDS = frozenset(
    """bp sbp dbp nbp nibp abp b/p a-line aline art cvp pap pa pcwp wedge map maps pressure pressures peep ps
    cpap bipap ipap epap psv vent setting settings ac simv imv tv vt rr hr sat sats spo2 o2 fio2 gcs pain apgar
    strength str motor power tnm score scale ratio grade murmur sem i:e ie x q approx about ~ uo u/o i/o i&o
    intake output bal balance total net lytes chem k na cl glu bun cr hct hgb plt wbc inr ptt pco2 po2 abg vbg
    gluc fs fsbs bs temp tmax wt weight ht height ef lvef gravida para tab tabs ns lead dose doses unit units
    mg ml cc range between vs amp amps volume vol rate level levels titer titre fraction times ratios scores
    rates rated rating c/o day days d cycle cycles pod hd ciwa cows rass braden morse cam
    nihss mmse moca cpot bps apgars crafft phq phq9 gad gad7 epds cage slums
    rib ribs icp cpp resp bands sites toes hammertoes mcp mcps pip dip cmh2o""".split()
)
_WEEKS_BEFORE = re.compile(r"(?<![\d/.])[1-4]\d[ \t]+\Z")  # "39 " before "4/7": weeks of a gestation
_WEAK_DATE_CUES = frozenset({"to", "and", "(", "[", "", "by"})
_YEAR_CUE_WORDS = frozenset(
    """in of since year yr circa ca ca. c. born b. dob yob during until till before after from through thru to
    spring summer fall autumn winter early mid late class graduated married divorced widowed retired moved
    immigrated diagnosed dx dx'd dxd died deceased passed expired quit copyright jan january feb february mar march apr april may jun june jul
    july aug august sep sept september oct october nov november dec december""".split()
)
# "b." and "d." (born, died) right before a year: "husband Efraín d. 2084", "(b. 1931)" (``last_words`` strips the dot)
_BORN_DIED = re.compile(r"(?<![\w.])[bd]\.[ \t]?$")
_SEASONS = frozenset("spring summer fall autumn winter".split())
# a year right after a screening test or a vaccine dates it in a health-maintenance list ("Pap 2089", "Tdap 2015"):
# "pap" is also a pressure (PAP 35/20), but no pressure has four digits
_SCREENING_CUES = frozenset(
    """pap paps smear mammogram mammo mmg colonoscopy colo cscope dexa cotest tdap td pneumovax ppsv23 pcv13 pcv20
    prevnar shingrix zostavax""".split()
)
_RESULT_AFTER_YEAR = frozenset("neg negative pos positive".split())
_VALUE_AFTER_DATE = re.compile(r":[ \t]*[<>]?\d")
# a report's time stamps as field labels ("Received: 3.14.92    Reported: 3.19.92")
_REPORT_FIELD = re.compile(r"\b(?:reported|resulted|verified|finalized|accessioned|printed|completed|amended):[ \t]*$")
_SEASON_BEFORE = re.compile(r"\b(?:(?:early|late|mid)[ -])?(?:" + "|".join(sorted(_SEASONS)) + r")(?:\s+of)?\s+$")
_YEAR_WEAK_CUES = frozenset("since until till to from before after".split())
# before "~2015" ("Tdap last ~2015"): a year, though the bare "last 2015" could be a time
_APPROX_YEAR_CUES = frozenset("last".split())
_LATEST_YEAR = 2039  # a year in parentheses "(2016)" beyond this is a count or a time
_TIME_WORDS = frozenset("at around approx approximately about @ by ~".split())
_WEEKDAY_CUE_WORDS = frozenset(
    """on since until till til by from through thru last next this every early late before after am pm mon
    tue tues wed thu thur thurs fri sat sun and or""".split()
)
_VENT_NEAR = re.compile(r"\b(?:peep|ps|psv|cpap|bipap|vent|ventilator|settings|ac|simv|imv|ipap|epap|trach mask)\b")
_TIME_LEFT = re.compile(r"(?:[@~-]\s*|\d{8}\s*|\d[/-]\d{1,4}\s*|(?:19|20|21)\d\d[ \t]+)$")  # "OCTOBER 22, 2023 2030"
_TIME_AFTER = re.compile(r"\s{0,2}(?:-\s*[0-2]\d[0-5]\d\b|hrs?\b|hours\b|h\b|pm\b|am\b|:\d|o'?clock\b)")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,;)]|\.(?!\d)|$|w/|with\b|from\b|for\b|and\b|at\b|@)")
_AGES_LEFT = re.compile(r"\bage[sd]?[ \t]*:?[ \t]*$")
_RANGE_LEFT = re.compile(r"(?:\b(?:q|x|of|about|approx|approximately|around|~|between|range|ranging|from|to|is|are|was|were|"
                         r"only|than|by|grade|stage|level|levels|class|type|size|gauge|#|no)\W{0,2}|[=<>~#:])$")
# what is scored as "m/n" right before the numbers: a rating, a screening scale and its parts, a match or a count
_SCORED_BEFORE = frozenset(
    """craving cravings distress anxiety urge urges mood stress irritability sleep energy cas gds moca mmse slums adl adls
    iadl iadls katz lawton hla ecog kps riker rass phq gad attention recall visuospatial orientation naming fluency
    abstraction language delayed match matched cores nodes ln lns vote strength power reflexes bims tinetti poma gait
    balance beighton ishihara plates epworth inattention hyperactivity profile sites sensation monofilament nrs vas
    thermometer motivation relief""".split()
)
_PAIN_WORDS = r"pain|painful|discomfort|ache|rates?|rated|rating|scale|cp|ha|h/a|headache|hurts?|sore|soreness"
_PAIN_NEAR = re.compile(r"\b(?:" + _PAIN_WORDS + r")\b")
# what is rated out of ten besides pain: "relief to 3/10", "absent at 6/10 sites", "cravings 4/10", "distress thermometer"
_SCORE_NEAR = re.compile(
    r"\b(?:" + _PAIN_WORDS + r"|relief|sites?|cravings?|nrs|vas|thermometer|monofilament|dyspnea|nausea|motivation|anxiety|"
    r"distress|fatigue)\b")
_OUT_OF_NINE_NEAR = re.compile(r"\b(?:apgars?|nottingham|bloom|gleason|grade|score)\b")  # scores out of nine
_DAY_PART = re.compile(r"[ \t]{1,2}(?:am|pm)\b")  # a day part after a date: "resume 12/6 PM", "11/28 am 64"
_AT_CLOCK = re.compile(r"[ \t]*(?:@|at)[ \t]*[0-2]?\d:[0-5]\d\b")  # "9/13 at 17:00", "3/2 @ 08:15": a time on that day
_YEAR_OR_TIME_AFTER = re.compile(
    rf"\s{{0,2}}(?:,?\s*{_YEAR4}\b|'\d\d\b|(?:@|at)?\s*(?:[0-2]?\d:?[0-5]\d|1[0-2]|0?[1-9])\s?(?:am|pm|a|p)?\b(?![/.-]\d))"
    "|" + _DAY_PART.pattern
)
# "in" after m/d followed by a word: a place or a state ("on 4/2 in early labor", "5/3 in NICU"), not inches ("1/2 in x 3 in")
_IN_A_PLACE = re.compile(r"[ \t]{0,2}in[ \t]+(?!x\b|by\b)[a-z]")


def _date_cue(low: str, s: int) -> bool:
    """A date cue right before ``s`` ("on", "since", "DOB:", "admitted", "(" …); line breaks are spaces."""
    w1, w2 = last_words(low, s)
    if not w1:
        return False
    if w1 == "the" and w2:
        w1, w2 = w2, ""
    if w1 in _DATE_CUE_WORDS or f"{w2} {w1}" in _DATE_CUE_PAIRS:
        return True
    if w2 in _STUDY_CUES and len(w1) <= 6 and w1.replace("/", "").isalpha() and w1 not in _MEAS_WORDS:
        return True  # a study and its region: "CT A/P 2/8", "MRI brain 3/14", "US RUQ 12/2"
    tail = low[max(0, s - 3) : s].rstrip()
    return tail.endswith(("(", "["))


_CONNECTORS = frozenset("of to is was at from about approx approximately = were are".split())
_TOKEN_SPLIT = re.compile(r"[:/(\[-]")


def _meas_cue(low: str, s: int, gap: int = 14) -> bool:
    """A measurement word before ``s`` on the line ("BP 110/60", "pain 4/10", "cpap/ps 5/5")."""
    w = last_alpha_word(low, s, gap)
    if not w:
        return False
    if w in _CONNECTORS:
        # "score of 12/16", "decreased to 2/2": look at the word before the connector
        toks = low[max(0, s - 40) : s].split()
        if len(toks) >= 2:
            w = toks[-2].strip(_STRIP)
    return w in _MEAS_WORDS or _TOKEN_SPLIT.split(w)[-1] in _MEAS_WORDS or w.startswith(("score", "scale"))


# --- numeric dates ------------------------------------------------------------------------------

_NUM_PRE = on_skeleton(r"\d(?=[/-]\d|\.\d\d?\.\d\d)")  # one digit: "1/30-2/3" keeps "0-2" from hiding "2/3"
_NUMERIC = re.compile(
    rf"(?:(?P<iy>{_YEAR4})(?P<isep>[-/.])(?P<im>[01]?\d)(?P=isep)(?P<id>[0-3]?\d)"
    # m/yyyy only to 2099: "1/2150" is a titer
    r"|(?P<mo>[01]?\d)(?P<mysep>[/-])(?P<my>(?:19|20)\d\d)"
    r"|(?P<mm>[01]?\d)/(?P<yy>3[2-9]|[4-9]\d)"
    rf"|(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?:(?P=sep)(?P<y>{_YEAR4}|\d\d))?)"
    r"(?![\w/]|[.:]\d)"
    rf"|(?P<iy2>{_YEAR4})-(?P<im2>[01]\d)-(?P<id2>[0-3]\d)(?=T[0-2]\d)"
)
_NUM_BAD_BEFORE = frozenset("/.:")


# between two yearless dates: a range ("5/8-5/10", "2/1 - 2/14", "3/2 to 3/5") or a list ("9/9 and 9/10")
_DATE_JOIN = re.compile(r"[ \t]*(?:-|–|to|thru|through|and|&|,|or)[ \t]*$")


_PAGE_BEFORE = re.compile(r"(?:\bpage|\bpg|\bp\.)[ \t]*$")


def _md(m: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of a yearless ``m/d`` match, else None."""
    if m.group("a") is None or m.group("y") is not None or m.group("sep") != "/":
        return None
    return int(m.group("a")), int(m.group("b"))


def _date_range(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Two ``m/d`` that read as a date range, not a range of fractions.

    Same month, later day ("2/2-2/4", "5/8-5/10"): a fraction range with one numerator has a smaller
    second denominator ("1/4-1/2"). Next month: "1/30-2/3" unless both look like fractions with the
    day not going back ("2/3-3/4", "4/5-5/5").
    """
    (m1, d1), (m2, d2) = first, second
    if m1 == m2:
        return d2 > d1
    if m2 != m1 % 12 + 1:
        return False
    return d2 < d1 or not (d1 <= 5 and m1 <= d1 and d2 <= 5 and m2 <= d2)


def _numeric_dates(text: str, low: str, out: list[Span]) -> None:
    last_end = -1
    prev: tuple[tuple[int, int] | None, int, int] | None = None  # (m/d, end, index in out) of the last date
    for h in _NUM_PRE.finditer(digit_skeleton(text)):
        p = h.start()
        if p < last_end:
            continue
        s = p
        while s > 0 and text[s - 1].isdigit() and p - s < 3:
            s -= 1
        # a year-first date may follow an underscore: a file's name ("infusion_sched_2024-11-18.csv")
        underscore = s > 0 and text[s - 1] == "_"
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in _NUM_BAD_BEFORE):
            if not (text[s - 1] == ":" and s > 1 and text[s - 2].isalpha()):
                continue  # "key:value" without a space ("dos:4-2-24", "DOB:03/05/60") is no time or ratio
        if s > 1 and text[s - 1] == "-" and text[s - 2].isdigit() and last_end != s - 1:
            continue  # "gait score 6-8/12", "murmur 1-2/6": a range of scores; "1/30-2/3" is two dates
        m = _NUMERIC.match(text, s)
        if m is None or (underscore and not m.group("iy")):
            continue
        e = m.end()
        last_end = e
        n = len(out)
        _numeric_one(text, low, m, s, e, out)
        if len(out) == n:
            continue
        md = _md(m)
        if prev is not None and md is not None and s - prev[1] <= 12 and _DATE_JOIN.match(text[prev[1] : s]):
            first = out[prev[2]]
            dash = text[prev[1] : s].strip() in ("-", "–", "to", "thru", "through")
            if prev[0] is not None and dash and _date_range(prev[0], md):
                # "PICU 2/2-2/4", "Holter (5/8-5/10)": both ends of a range of dates
                if first.score < 0.92:
                    out[prev[2]] = Span(first.start, first.end, Label.DATE, 0.92, "pattern:date_range")
                if out[n].score < 0.92:
                    out[n] = Span(s, e, Label.DATE, 0.92, "pattern:date_range")
            elif first.score >= 0.9 and out[n].score < 0.92:
                # "notes from 9/9 and 9/10": the second date of a list shares the first one's cue
                out[n] = Span(s, e, Label.DATE, 0.92, "pattern:date_md_cue")
        prev = (md, e, n)


# "07 / 19 / 1948", "02/ 06 /2024": a full date of a scanned or typed form with blanks around a slash (a four-digit year
# of 1900-2199: "120 / 80 / 60" is no date)
_SPACED_MDY = re.compile(r"(?<![\d/])([01]?\d)[ \t]*/[ \t]*([0-3]?\d)[ \t]*/[ \t]*((?:19|2[01])\d\d)(?![\d/])")

_SPACED_SLASH = re.compile(r"\d[ \t]+/|/[ \t]+\d")  # the gate: a digit and a slash with blanks between ("w/ " is none)


def _spaced_dates(text: str, out: list[Span]) -> None:
    """Full m/d/yyyy dates with blanks around a slash ("D0B : 07 / 19 / 1948") → 0.9 ``date_mdy_spaced`` (one without
    blanks is ``_numeric_dates``')."""
    for m in _SPACED_MDY.finditer(text):
        if (" " in m.group() or "\t" in m.group()) and valid_date(*map(int, m.groups())):
            out.append(Span(m.start(), m.end(), Label.DATE, 0.9, "pattern:date_mdy_spaced"))


# a month/day without a year (not inside a longer date, a ratio chain or a decimal): the matches of
# (?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/]|\.\d), found from the slash and the day (``_bare_month_days``)
_SLASH_DAY = re.compile(r"/(\d{1,2})(?![\d/]|\.\d)")


def _bare_month_days(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, month, day) of every bare month/day (see ``_SLASH_DAY``). A regex that starts with a lookbehind is
    tried at every offset; this one starts with the slash, and the month is read back from it: one or two digits
    (any decimal digit, as the regex reads them) after no digit, slash or full stop. Two such dates never overlap, so each slash
    stands alone."""
    out = []
    for m in _SLASH_DAY.finditer(text):
        slash = start = m.start()
        while start > 0 and slash - start < 2 and text[start - 1].isdecimal():  # the month: up to two digits
            start -= 1
        if start < slash and (start == 0 or not (text[start - 1].isdecimal() or text[start - 1] in "/.")):
            out.append((start, m.end(), int(text[start:slash]), int(m.group(1))))
    return out
_LIST_GAP = 40  # the most text between two dates of one list, on one line


def _chronological_lists(text: str, out: list[Span]) -> None:
    """Runs of three or more month/day values on one line, each later than the one before, are dates whatever
    follows them: "Toxicology: 1/4 neg; 1/11 neg; 1/18 POS", "INR 2.1 (3/4), 2.5 (3/11), 2.9 (3/18)". Scores
    and fractions do not run forward in time ("5/5, 4/5", "7/10 -> 4/10"); a run whose values share their
    second number ("1/5, 2/5, 3/5": grades) or with fewer than two values that are no small fraction ("1/2, 1/3,
    1/4"; "2/2 neg, 2/4 pos": culture bottles) is left alone."""
    run: list[tuple[int, int, int, int]] = []  # (start, end, month, day)

    def flush() -> None:
        if len(run) >= 3 and len({d for _s, _e, _m, d in run}) > 1 and sum(d > 5 or mo > d for _s, _e, mo, d in run) >= 2:
            out.extend(Span(a, b, Label.DATE, 0.9, "pattern:date_list") for a, b, _m, _d in run)

    for start, end, mo, day in _bare_month_days(text):
        if not valid_date(mo, day) or day == 10:  # (n/10: a score, "pain 10/10")
            flush()
            run = []
            continue
        if run:
            _ps, pe, pm, pd = run[-1]
            gap = text[pe : start]
            if len(gap) <= _LIST_GAP and "\n" not in gap and (mo, day) > (pm, pd):
                run.append((start, end, mo, day))
                continue
            flush()
        run = [(start, end, mo, day)]
    flush()


def _numeric_one(text: str, low: str, m: re.Match[str], s: int, e: int, out: list[Span]) -> None:
    if m.group("iy2"):
        # "2011-09-07T08:15": an ISO date-time; the date part is the PHI
        if valid_date(int(m.group("im2")), int(m.group("id2")), int(m.group("iy2"))):
            out.append(Span(s, e, Label.DATE, 0.95, "pattern:date_iso"))
        return
    if m.group("iy"):
        if valid_date(int(m.group("im")), int(m.group("id")), int(m.group("iy"))):
            out.append(Span(s, e, Label.DATE, 0.95, "pattern:date_iso"))
        return
    if m.group("mo"):
        if 1 <= int(m.group("mo")) <= 12 and not unit_after(text, e):
            out.append(Span(s, e, Label.DATE, 0.9, "pattern:date_my"))
        return
    if m.group("mm"):
        # "8/94", "03/95": month and two-digit year (a day cannot be over 31)
        if 1 <= int(m.group("mm")) <= 12 and not unit_after(text, e) and not _meas_cue(low, s):
            out.append(Span(s, e, Label.DATE, 0.75, "pattern:date_my2"))
        return
    a, b, sep, y = int(m.group("a")), int(m.group("b")), m.group("sep"), m.group("y")
    if y is not None:
        year = _year4(y)
        if year is None or not (valid_date(a, b, year) or valid_date(b, a, year)):
            return
        if sep == "." and len(y) == 2 and (len(m.group("a")) < 2 or len(m.group("b")) < 2) and not (
                _date_cue(low, s) and last_words(low, s)[0] not in _WEAK_DATE_CUES | {"from"}) and not (
                _REPORT_FIELD.search(low, max(0, s - 16), s)):
            return  # "1.5.10": a version or a list, not a date (but "Admit: 3.4.24", "DOB 3.14.19"; not "to 3.4.24")
        score = 0.95
        if sep != "/" and len(y) == 2:
            if _meas_cue(low, s) or unit_after(text, e):
                return  # "5-10-15 mg"
            score = 0.92 if _date_cue(low, s) else 0.75
        out.append(Span(s, e, Label.DATE, score, "pattern:date_mdy"))
        return
    if sep == "." or not valid_date(a, b):
        return
    if sep == "-" and s > 0 and text[s - 1] == "-":
        return
    padded = m.group("a")[0] == "0" or m.group("b")[0] == "0"
    if b == 7 and a < 7 and sep == "/" and _WEEKS_BEFORE.search(text, max(0, s - 4), s):
        return  # "G3P2 at 39 4/7 wk": weeks and days of a gestation
    fraction_like = not padded and ((b <= 5 and a <= b) or b == 10 or (a, b) == (24, 7))
    right_unit = unit_after(text, e)
    # a day part after a month/day that is no fraction: "resume 12/6 PM", "11/28 am 64" (but "1/2 am", half a tablet)
    day_part = not fraction_like and _DAY_PART.match(low, e) is not None
    if right_unit is not None and (day_part or (not fraction_like and _IN_A_PLACE.match(low, e))):
        # "presented on 4/2 in early labor", "given 5/3 in NICU": "in" opens a place, not inches (but "5/10 in
        # quality", a score); a day part marks a date
        right_unit = None
    date_cue = _date_cue(low, s)
    # the day part or a clock time marks a date even after a measure word ("last dose 1/11 pm", "2.5 mg 9/13 at 17:00")
    if not fraction_like and _AT_CLOCK.match(low, e):
        day_part = True
    if sep == "/" and right_unit is None and last_alpha_word(low, s, 14) and _VALUE_AFTER_DATE.match(text, e):
        # "A1c 3/10: 8.1", "Cr 2/4: 1.3": a lab's value after a colon, and the date it was drawn before the colon
        out.append(Span(s, e, Label.DATE, 0.85, "pattern:date_md_cue"))
        return
    if not date_cue and not day_part and (_meas_cue(low, s) or _VENT_NEAR.search(low, max(0, s - 14), s)) and (
            fraction_like or last_alpha_word(low, s, 14) not in ("dose", "doses")):
        return  # (but "last dose 2/16", "half dose 3/22": a dose is no ratio of numbers that are not a fraction)
    if right_unit:
        # a hard unit ("2-3 L", "1/2 tab", "2/3 of") vetoes; only a strong cue survives "of", and a result word
        # ("repeat orthostatics on 10/5 negative", "admitted 6/9 CAP") after a date that is no fraction
        word = right_unit.group(0).strip().lower()
        if not (date_cue and (word == "of" or (word in _RESULT_WORDS and not fraction_like
                                                and last_words(low, s)[0] not in _WEAK_DATE_CUES))):
            return
    if date_cue and fraction_like and last_words(low, s)[0] in _WEAK_DATE_CUES | _ACTION_CUES:
        date_cue = False  # "decreasing to 2/2", "rotation to 4/5", "(1/4 cracker)"
    if sep == "-" and (text[e : e + 1] == "-" or (s > 0 and text[s - 1] == "#")):
        return  # "7-7-7", "images #8-16"
    if not padded and not day_part and last_alpha_word(low, s, 4) in _SCORED_BEFORE:
        return  # "Cravings 6/10", "GDS 3/15", "Katz ADL 4/6", "attention 3/6", "HLA 3/6 match": a score, not a date
    if _PAGE_BEFORE.search(low, max(0, s - 6), s):
        return  # "Page 01/02", "P. 2/3": a fax's page count
    if b == 9 and a <= 9 and not padded and _OUT_OF_NINE_NEAR.search(re.split(r"[.:;\n]", low[max(0, s - 40) : s])[-1]):
        out.append(Span(s, e, Label.DATE, 0.3, "pattern:date_md"))  # "Apgars 8/9 and 9/9", "(3+3+3 = 9/9)": a score
        return
    if b == 10 and a <= 10 and not padded and _SCORE_NEAR.search(low, max(0, s - 40), min(len(low), e + 25)):
        # "relief to 3/10", "pain now 4/10 from 9/10 on admission", "absent at 6/10 sites": a rating out of ten,
        # whatever cue stands before it (in the dev notes 339 such are ratings, one is a date)
        out.append(Span(s, e, Label.DATE, 0.3, "pattern:date_md"))
        return
    if date_cue or _YEAR_OR_TIME_AFTER.match(low, e):
        out.append(Span(s, e, Label.DATE, 0.92, "pattern:date_md_cue"))
        return
    if sep == "/":
        if padded:
            score = 0.8  # "03/03", "01/03": zero-padded parts are written by dates, not fractions
        elif (b <= 5 and a <= b) or (a, b) == (24, 7):
            score = 0.3
        elif b == 10:
            # pain scale "8/10" when "pain" is near; otherwise a date such as "10/10"
            score = 0.45 if _PAIN_NEAR.search(low, max(0, s - 30), min(len(low), e + 30)) else 0.6
        else:
            score = 0.75
        out.append(Span(s, e, Label.DATE, score, "pattern:date_md"))
    else:
        # "3-15" may be a date; "2-3", "8-10", "10-15", "12-4" read as ranges
        score = 0.55 if (b > 12 and a < b and not (a % 5 == 0 and b % 5 == 0)) or a == b else 0.3
        left_words = low[max(0, s - 30) : s].rsplit("\n", 1)[-1].split()[-2:]
        if (
            score < 0.5
            and left_words
            and left_words[-1].isalpha()
            and _CLAUSE_END.match(low, e)
            and not _RANGE_LEFT.search(low, max(0, s - 16), s)
            and not any(w in _MEAS_WORDS or w.startswith(("ciwa", "score")) for w in left_words)
        ):
            # "confused at home 11-6, hx esrd", "transferred 5-2 w/ cva": a range needs a unit or a measure
            score = 0.55
        if _AGES_LEFT.search(low, max(0, s - 8), s) and a < b:
            score = 0.3  # "children ages 2-19": a range of ages
        if padded:
            score = 0.75  # "08-05"
        out.append(Span(s, e, Label.DATE, score, "pattern:date_md_dash"))


# --- month names ----------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "febr": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_AMBIGUOUS_MONTH_LEFT = re.compile(
    r"(?:\b(?:in|since|until|till|through|thru|during|early|late|mid|last|next)[ \t-]+|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|july|august|september|"
    r"october|november|december)\.?(?:[ \t]+(?:and|or|to|through)[ \t]+|[ \t]*[-–][ \t]*))$"
)
_AMBIGUOUS_MONTH = frozenset({"may", "mar", "march", "dec", "jan", "aug"})
# abbreviations that are no word, name or clinical shorthand, a month in lowercase or capitals too ("oct" is also
# optical coherence tomography: "changes seen in oct")
_PLAIN_MONTH_ABBR = frozenset({"feb", "apr", "jun", "jul", "nov"})
_MONTH_VERB_CUES = frozenset({"started", "stopped", "began", "begun", "since", "until", "last", "next"})
_MONTH_CLOSE = re.compile(r"[ \t]*(?:[,.;)]|$)", re.MULTILINE)
_AMBIGUOUS_DAY_FIRST = frozenset({"may", "mar", "march", "dec"})  # "2 dec" (decrease), "3 MAR" (med record)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:r(?:uary)?)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = rf"(?:{_YEAR4}|['’]\d\d)"
# January 3rd, 2019 / jan3 / Jan. 3 / January the 3rd / Jan 2019 / January of 2019 / January
_M_FIRST = re.compile(
    rf"(?P<m>{_MONTH})(?![a-z])\.?(?:\s*(?:of\s+)?(?P<y2>{_YEAR})\b|(?:\s*|-|\s+the\s+)(?P<d2>{_DAY})(?P<o2>{_ORD})?\b"
    rf"(?:(?:,\s*|\s+|-)(?P<y3>{_YEAR}|\d\d(?![\w:/]))\b)?)?(?![\w/])"
)
# 3rd of January 2019 / 3 Jan 2019 / 03-JAN-19 / 3rd January: the day, found before the month word
# (and the legal form "the 6th day of September, 2024")
_D_BEFORE = re.compile(rf"(?P<d1>{_DAY})(?:(?P<o1>{_ORD})?(?:\s+of\s+|[\s/-]{{0,2}})|(?P<o3>{_ORD})\s+day\s+of\s+)$")
_M_AFTER_D = re.compile(
    rf"(?P<m>{_MONTH})(?![a-z])\.?(?:(?:,?\s*|[/-])(?P<y1>{_YEAR4}|['’]\d\d|\d\d(?![\w:])))?(?![\w/])"
)

_MONTH_LEFT = re.compile(rf"(?<![a-z]){_MONTH}\.?\s*$")


def _titled(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _month_hit(text: str, low: str, s: int, out: list[Span]) -> None:
    day_s = ordinal = year_s = None
    d_first = False
    before = _D_BEFORE.search(low, max(0, s - 16), s)
    if before is not None and _MONTH_LEFT.search(low, max(0, before.start() - 12), before.start()):
        before = None  # "Dec 2-Dec 7": the day belongs to the month before it; this month starts a new date
    if before is not None and (before.start() == 0 or not (low[before.start() - 1].isalnum() or low[before.start() - 1] in "'_")):
        m = _M_AFTER_D.match(low, s)
        if m is None:
            return
        d_first = True
        start, e = before.start(), m.end()
        day_s, ordinal, year_s = before.group("d1"), before.group("o1") or before.group("o3"), m.group("y1")
    else:
        m = _M_FIRST.match(low, s)
        if m is None:
            return
        start, e = s, m.end()
        day_s, ordinal, year_s = m.group("d2"), m.group("o2"), m.group("y2") or m.group("y3")
    mword = text[s : m.end("m")]
    key = mword.lower()
    month = _MONTHS.get(key)
    if month is None:
        return
    if day_s is None and year_s is None:
        # a month name alone
        if key in _AMBIGUOUS_MONTH:
            # "in May", "since march", "early Dec", "April and May": a preposition of time or another month
            # before it (never "this may be", "pt may go")
            if _AMBIGUOUS_MONTH_LEFT.search(low, max(0, s - 24), s) and (key not in ("mar", "jan", "dec", "aug") or _titled(mword)):
                out.append(Span(s, e, Label.DATE, 0.8 if mword[0].isupper() else 0.6, "pattern:date_month"))
            return
        if len(key) <= 4 and key not in ("june", "july", "sept"):
            # abbreviations alone ("Oct", "Nov.") only when capitalised, or, in any casing, after a word of time and
            # closing a clause ("was 15 in nov).", "started feb)"; not "STOPPED NOV BY NEURO")
            if _titled(mword) or (key in _PLAIN_MONTH_ABBR and _MONTH_CLOSE.match(low, m.end("m")) and (
                    _AMBIGUOUS_MONTH_LEFT.search(low, max(0, s - 24), s) or last_words(low, s, 16)[0] in _MONTH_VERB_CUES)):
                out.append(Span(s, e, Label.DATE, 0.6, "pattern:date_month"))
            return
        out.append(Span(s, e, Label.DATE, 0.8 if mword[0].isupper() else 0.6, "pattern:date_month"))
        return
    if day_s is not None:
        day = int(day_s)
        if not valid_date(month, day):
            return
        if d_first and key in _AMBIGUOUS_DAY_FIRST and not ordinal and year_s is None:
            # "2 mar"/"3 may"/"2 dec" — "pt got 2 dec" is not a date; "29 DEC" is
            if not _titled(mword) and day <= 12 and not _date_cue(low, start):
                if not _CLAUSE_END.match(low, e):
                    return
                # "will be in 12 may.", "family 11 MAR." — at the end of a clause it is a date
                out.append(Span(start, e, Label.DATE, 0.6, "pattern:date_month_day"))
                return
        if year_s is None and not d_first:
            if UNIT_AFTER.match(text, e) and not ordinal and not _IN_A_PLACE.match(low, e):
                # "dec 2 L", "may 5 mg": a quantity; keep the month if it is unambiguous (but "January 13 in the
                # evening": "in" before a word opens a phrase, not inches)
                if key not in _AMBIGUOUS_MONTH:
                    out.append(Span(s, m.start("d2"), Label.DATE, 0.6, "pattern:date_month"))
                return
            if key in _AMBIGUOUS_MONTH and not ordinal and not _titled(mword) and not _date_cue(low, s):
                # "DEC 28", "jan 2": a bare day right after the word is still most likely a date
                out.append(Span(start, e, Label.DATE, 0.6, "pattern:date_month_day"))
                return
    rule = "pattern:date_month_day" if day_s else "pattern:date_month_year"
    out.append(Span(start, e, Label.DATE, 0.95, rule))


# --- weekdays, ordinals, holidays, years -----------------------------------------------------------

_WEEKDAY = re.compile(
    r"(?:(?P<full>(?:mon|tues|wednes|thurs|fri|satur|sun)days?)|"
    r"(?P<abbr>mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun))\b\.?"
)
_WEEKDAY_ABBR_AFTER = re.compile(
    rf"\.?,?\s*(?:\d{{1,2}}[/-]\d{{1,2}}\b|{_MONTH}\b|the\s+\d|{_DAY}{_ORD}\b|(?:am|pm|morning|night|eve|evening|"
    rf"afternoon|a\.m\.|p\.m\.)\b|[-/]\s*(?:mon|tue|wed|thu|fri|sat|sun)|,\s*(?:mon|tue|wed|thu|fri|sat|sun)|"
    # a log's entry: "wed 0915 - pt more sleepy", "Mon 09:00: bed bath"
    rf"(?:[0-2]\d[0-5]\d|\d{{1,2}}:\d\d)[ \t]*[-–:])"
)
_WD = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?s?"
_SCHEDULE_AFTER = re.compile(r"\s*(?:[/&+]|,|and|or|-|through|thru)\s*" + _WD + r"\b")
_SCHEDULE_BEFORE = re.compile(r"(?:\b" + _WD + r"\s*(?:[/&+,-]|and|or)\s*|\b(?:every|each|q|weekly|alternate)\s+)$")
# two days as alternatives, written out: "by Thursday or Friday" names days, not a schedule
_ALTERNATIVE_DAYS = re.compile(r"\s+or\s+" + _WD + r"\b")
_ALTERNATIVE_DAYS_BEFORE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+or\s+$")
_WEEKDAY_ABBR_VETO = re.compile(r"\.?\s*(?:[\d%:=<>~]|s\b|of\b|down|up|dropp|drop|desat|prob|probe|ok\b|good|stable|wnl)")
_SAT_RIGHT = re.compile(r"[ \t]*(?:[7-9]\d[ \t]*(?:[-–][ \t]*(?:100|[7-9]\d))?[ \t]*%|[7-9]\d[ \t]*[-–][ \t]*(?:100|[7-9]\d)\b|"
                        r"(?:/|and|&)[ \t]*sbt\b)")
_SAT_LEFT = re.compile(r"(?:o2|spo2|pulse ox|pox|ox|%|o2\s+)\s*$")
_ORD_PRE = on_skeleton(r"\d(?:st|nd|rd|th)\b")
_ORD_CUES = frozenset(
    """on of since until till til by before after from through thru starting beginning to and admitted readmitted
    seen done drawn sent started stopped placed discharged transferred presented extubated intubated ed er
    performed noted returned arrived due scheduled collected obtained""".split()
)
_NEXT_WORD = re.compile(r"[ \t]*([a-z]+)")
# nouns after "the Nth" that make it a count: "from the 3rd rib", "on the 2nd floor"
_ORD_NOUNS = frozenset(
    """cervical thoracic lumbar sacral rib ribs interspace ventricle nerve digit toe finger metatarsal metacarpal
    intercostal percentile cranial grade degree vertebra vertebrae space compartment generation cycle trimester
    floor unit dose time attempt round week month year day hour line order""".split()
)
# words before "the Nth," at the end of a clause that make it a date: "drainage the 3rd, NPO after MN"
_ORD_SOFT_CUES = frozenset("drainage procedure surgery scan test visit appointment appt extubation".split())
_ORD_NEXT_OK = frozenset("at in on and or when of to until till with for by before after around from via w c grew ngtd showed".split())
_ORD_VETO = re.compile(
    r"\s*(?:time|day|dose|week|month|year|hour|cycle|of\s+(?:the|\d)|percentile|grade|rib|icu|floor|trial|"
    r"attempt|round|line|digit|toe|finger|degree|cranial|cn|intercostal|ics)"
)
_HOLIDAY = re.compile(
    r"(?:christmas(?:\s+(?:eve|day))?|x-?mas|thanksgiving(?:\s+day)?|easter(?:\s+(?:sunday|monday))?|"
    r"new\s+year'?s?(?:\s+(?:day|eve))?|halloween|valentine'?s?\s+day|independence\s+day|"
    r"(?:4th|fourth)\s+of\s+july|memorial\s+day|labor\s+day|veterans'?\s+day|mlk\s+day|"
    r"martin\s+luther\s+king(?:\s+jr\.?)?\s+day|presidents'?\s+day|columbus\s+day|mother'?s\s+day|"
    r"father'?s\s+day|st\.?\s+patrick'?s\s+day|hanukk?ah|chanukk?ah|passover|yom\s+kippur|"
    r"rosh\s+hashanah?|ramadan|eid(?:\s+al-?(?:fitr|adha))?|boxing\s+day|good\s+friday|ash\s+wednesday|"
    r"kwanzaa|juneteenth|super\s+bowl\s+sunday|black\s+friday|cyber\s+monday|cinco\s+de\s+mayo|"
    r"(?:fat|shrove)\s+tuesday|palm\s+sunday|(?:holy|maundy)\s+thursday|holy\s+saturday|"
    # "Valentine's" alone only before what it names ("a Valentine's party"): Valentine is also a surname
    r"valentine['’]s(?=[ \t]+(?:party|dinner|dance|weekend|card|gift)s?\b)|"
    r"(?:lunar|chinese|hmong)\s+new\s+year|shabbos|shabbat|meskel|diwali|deepavali|nowruz|navratri|vaisakhi|purim|sukkot|shavuot|"
    r"orthodox\s+(?:christmas|easter)|day\s+of\s+the\s+dead|d[ií]a\s+de\s+(?:los\s+)?muertos|"
    # Spanish: "Navidad", "Nochebuena", "Año Nuevo", "Semana Santa", "Día de Reyes", "Día de las Madres"
    r"navidad|nochebuena|a[ñn]o\s+nuevo|semana\s+santa|d[ií]a\s+de\s+(?:(?:los\s+)?reyes|las\s+madres|los\s+padres|"
    r"san\s+valent[ií]n|acci[oó]n\s+de\s+gracias)|"
    r"(?:canada|anzac|bastille)\s+day|mardi\s+gras|t[eế]t|holi|onam|pongal|songkran|chuseok|lohri|"
    r"mid-autumn\s+festival|durga\s+puja|ganesh\s+chaturthi|pioneer\s+day|fasika|enkutatash|timkat)\b"
    rf"(?:,?\s*(?:of\s+)?(?:{_YEAR4}|['’]\d\d)\b)?"
)
_DATE_KINDS = frozenset({"month", "weekday", "holiday", "es_date"})
# a holiday's name used as an eponym: "Christmas factor", "Christmas disease" (factor IX, haemophilia B)
_HOLIDAY_EPONYM = re.compile(r"[ \t]+(?:factor|disease|tree\s+(?:pattern|lesion|distribution))\b")
HOLIDAY_KEYS = (  # every holiday's key word(s), lowercase
    "christmas|xmas|x-mas|thanksgiving|easter|new year|halloween|valentine|independence day|4th of july|"
    "fourth of july|memorial day|labor day|veteran|mlk day|martin luther king|president|columbus day|"
    "mother's day|mothers day|mother’s day|father's day|fathers day|father’s day|st patrick|st. patrick|hanuk|"
    "chanuk|passover|yom kippur|rosh hash|ramadan|eid|boxing day|good friday|ash wednesday|kwanzaa|juneteenth|"
    "super bowl|black friday|cyber monday|fat tuesday|shrove tuesday|palm sunday|holy thursday|maundy thursday|"
    "holy saturday|cinco de mayo|lunar new|chinese new|hmong new|shabbos|shabbat|meskel|diwali|deepavali|nowruz|navratri|vaisakhi|purim|"
    "sukkot|shavuot|orthodox christmas|orthodox easter|day of the dead|dia de|día de|canada day|anzac day|bastille day|"
    "mardi gras|tet|tết|holi|onam|pongal|songkran|chuseok|lohri|mid-autumn|durga puja|ganesh chaturthi|pioneer day|"
    "fasika|enkutatash|timkat|navidad|nochebuena|año nuevo|ano nuevo|semana santa"
).split("|")
# "Tet" (Tết, the Vietnamese new year) only capitalized: "tet spells" are the cyanotic spells of tetralogy of Fallot
_TET = frozenset({"Tet", "Tết", "TẾT"})
_MONTH_KEYS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_WEEKDAY_KEYS = "mon tue wed thu fri sat sun".split()
KEYS: dict[str, str] = {k: "holiday" for k in HOLIDAY_KEYS}
KEYS.update({k: "month" for k in _MONTH_KEYS})
KEYS.update({k: "weekday" for k in _WEEKDAY_KEYS})
_ES_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
_ES_WEEKDAYS = "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
KEYS.update({k: "es_date" for k in (_ES_MONTHS + "|" + _ES_WEEKDAYS).split("|")})
KEYS.update({"age": "age", "ninety": "age_word", "hundred": "age_word", "nonagenarian": "age_word",
             "nineties": "age_word", "centenarian": "age_word"})  # fmt: skip
_hits = CueIndex(KEYS).hits


_WEEKDAY_WORDS = frozenset({"sat", "sun", "wed", "mon"})  # weekday abbreviations that are also words or units
_TIME_PREPOSITIONS = frozenset("since until till til by next last this thru through every".split())
_CLAUSE_END_AFTER = re.compile(r"\.?[ \t]*(?:\n|$)|[.;][ \t]")


def _weekday_hit(text: str, low: str, s: int, out: list[Span]) -> None:
    m = _WEEKDAY.match(low, s)
    if m is None:
        return
    e = m.end()
    list_after = _SCHEDULE_AFTER.match(low, e)
    list_before = _SCHEDULE_BEFORE.search(low, max(0, s - 12), s)
    listed = list_after or list_before
    if m.group("full"):
        # a day of the week is a date element wherever it stands, in a schedule too ("HD Monday, Wednesday and
        # Friday", "visits on Sundays", "every Tuesday"), as the i2b2/n2c2 annotation marks every day's name
        strong = not listed and not m.group("full").endswith("s") or _WEEKDAY_ABBR_AFTER.match(low, e)
        out.append(Span(s, e, Label.DATE, 0.85 if strong else 0.6, "pattern:date_weekday"))
        return
    if listed:
        # abbreviations in a list of days ("HD Mon/Wed/Fri", "open tue/thu/sat", "Tues/Thurs 2 pm"); one day
        # after "every" or "q" only capitalised ("every Sat"), as "q sat" may be a saturation check
        if list_after or list_before.group().strip()[-1:] in "/&+,-d" or text[s].isupper():
            out.append(Span(s, e, Label.DATE, 0.6, "pattern:date_weekday"))
        return
    word = text[s : m.end("abbr")]
    if word.lower() == "sat" and (_SAT_LEFT.search(low, max(0, s - 12), s) or _SAT_RIGHT.match(low, m.end("abbr"))):
        return  # "o2 sat 0915 - 92%", "2l nc sat 94-96%", "SAT/SBT": a saturation or an awakening trial, whatever follows
    after = _WEEKDAY_ABBR_AFTER.match(low, m.end("abbr"))
    if not after and word.lower() in _WEEKDAY_WORDS and _WEEKDAY_ABBR_VETO.match(low, m.end("abbr")):
        return  # "Sat 95%", "sun exposure" (but "Family mtg Thurs 2pm")
    cue_word = last_words(low, s, 12)[0]
    if after or cue_word in _WEEKDAY_CUE_WORDS or _date_cue(low, s):
        # "d/c thurs", "f/u tues", "seen Fri": a date cue works for a weekday as for a number
        if (after or word[0].isupper() or word.lower() not in _WEEKDAY_WORDS or _CLAUSE_END_AFTER.match(low, m.end("abbr"))
                # "coughing since sat and", "wine on sat).", "back by wed, will": a preposition of time, or a bracket
                # or a comma closing the phrase
                or cue_word in _TIME_PREPOSITIONS or low[m.end("abbr") : m.end("abbr") + 1] in (")", ",")):
            # "on sat monitor", "in the sun": a lowercase collision word alone needs a date after it, or the end of
            # its clause ("injections on sun.", "tarry stools since sat.")
            out.append(Span(s, e, Label.DATE, 0.85, "pattern:date_weekday"))
        return
    if word.islower() and word not in _WEEKDAY_WORDS:
        out.append(Span(s, e, Label.DATE, 0.6, "pattern:date_weekday"))  # "will fly in fri.", "bed 12 thurs if stable"
        return
    if word[0].isupper():
        # "Sat", "Tues." alone, capitalised: probably the day; "Sat 95%", "SAT: 92" are saturations
        out.append(Span(s, e, Label.DATE, 0.6, "pattern:date_weekday"))


# Spanish dates, as a patient or an interpreter says them: "15 de marzo de 2024", "marzo del 2023", "el lunes pasado",
# "desde el martes", "en julio". A month or weekday alone is none: "Julio", "Domingo" are given names, Mayo a clinic
_ES_DATE = re.compile(
    rf"(?:(?P<wd>{_ES_WEEKDAYS})(?:[ \t]+(?P<wd_day>\d{{1,2}})(?:[ \t]+de[ \t]+(?:{_ES_MONTHS}))?)?"
    rf"|(?P<month>{_ES_MONTHS}))(?:,?[ \t]+(?:de|del)[ \t]+(?P<year>{_YEAR4}))?\b"
)
_ES_DAY_BEFORE = re.compile(rf"(?P<from>\b(?:(?:{_ES_WEEKDAYS}),?[ \t]+)?\d{{1,2}}[ \t]+de[ \t]+)$")
_ES_DATE_BEFORE = re.compile(r"\b(?:el|este|ese|pr[oó]ximo|pasado|desde|hasta|en|para|a[ \t]+fines[ \t]+de|"
                             r"a[ \t]+principios[ \t]+de|a[ \t]+mediados[ \t]+de)[ \t]+$")
_ES_DATE_AFTER = re.compile(r"[ \t]+(?:pasado|pr[oó]ximo|que[ \t]+viene)\b")


def _spanish_date(text: str, low: str, s: int, out: list[Span]) -> None:
    m = _ES_DATE.match(low, s)
    if m is None:
        return
    e = m.end()
    day = _ES_DAY_BEFORE.search(low, max(0, s - 24), s)
    if day is not None or m.group("wd_day") or m.group("year"):
        start = day.start("from") if day is not None else s
        out.append(Span(start, e, Label.DATE, 0.85, "pattern:date_es"))
        return
    word = text[s:e]
    before = _ES_DATE_BEFORE.search(low, max(0, s - 24), s)
    if m.group("wd"):
        # "el lunes", "desde el martes", "el jueves pasado" (not "los lunes", "cada lunes": a schedule)
        if before is not None or _ES_DATE_AFTER.match(low, e):
            out.append(Span(s, e, Label.DATE, 0.8, "pattern:date_es"))
    elif before is not None and word.islower() and before.group().strip() != "el":
        out.append(Span(s, e, Label.DATE, 0.8, "pattern:date_es"))  # "en julio", "desde mayo"


# "4th and 5th metacarpals", "3rd-5th ribs": ordinals that count the parts named after them
_COUNTED_ORDINALS = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)(?:[ \t]*(?:,|-|and|or|&|through|to)[ \t]*(\d{1,2})(?:st|nd|rd|th))?[ \t]+(?:"
    + "|".join(sorted(_ORD_NOUNS - {"time", "day", "week", "month", "year", "hour", "dose", "order", "line", "unit", "floor"}))
    + r")s?\b")


def _ordinals(text: str, low: str, out: list[Span]) -> None:
    """'the 5th' after "on/of/since/until/by/before/after/from/through"; not an ordinal that the note uses to count
    parts ("fractures of the 3rd and 4th metacarpals … a plate on the 4th")."""
    counted: set[int] | None = None  # found on the first ordinal that may be a day
    for h in _ORD_PRE.finditer(digit_skeleton(low)):
        d_end = h.start() + 1
        d_start = d_end - 1
        if d_start > 0 and low[d_start - 1].isdigit():
            d_start -= 1
        if d_start > 0 and (low[d_start - 1].isalnum()):
            continue
        day = int(low[d_start:d_end])
        if not 1 <= day <= 31 or _ORD_VETO.match(low, h.end()):
            continue
        if counted is None:
            counted = {int(d) for m in _COUNTED_ORDINALS.finditer(low) for d in m.groups() if d}
        if day in counted:
            continue
        nxt = _NEXT_WORD.match(low, h.end())
        w1, w2 = last_words(low, d_start, 24)
        if nxt is not None and nxt.group(1) not in _ORD_NEXT_OK and (w2 not in _ORD_CUES or nxt.group(1) in _ORD_NOUNS):
            continue  # "the 6th cervical", "the 2nd unit", "the 5th interspace": a count, not a date
        if w1 == "the" and (w2 in _ORD_CUES or (nxt is None and w2 in _ORD_SOFT_CUES)):
            the = low.rfind("the", 0, d_start)
            out.append(Span(the, h.end(), Label.DATE, 0.85, "pattern:date_ordinal"))


# a run of 4+ digits (on the digit skeleton): a year or compact date starts the run, since one
# after a digit is dropped ("after a letter or digit" below)
_DIGIT_RUN4 = on_skeleton(r"\d{4,}")
_APOS_YEAR = re.compile(r"['’]\d\d(?P<s>s)?(?![\w/'’\"”]|[.,:]\d)")
_YEAR_BAD_BEFORE = frozenset("./:$#+,-_")
_YEAR_RANGE_PRE = on_skeleton(r"\d{4}[ \t]?[-–][ \t]?\d{4}")  # "1966-1969", "1998 - 2003"
_COMPACT_TAIL = re.compile(r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\w/-]|[.,]\d)")
# a compact date in a file's name, after an underscore: "census_export_20250302_0600.csv", "appts_20240311.csv"
_FILE_NAME_DATE = re.compile(r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=_|\.[A-Za-z]{2,4}\b|[ \t]*$)", re.M)
_YEAR_TAIL = re.compile(r"(?P<s>'?s)?(?![\w/'’]|[.,:]\d)")


_FULL_DATE_YEAR = re.compile(rf"(?<!\d){_YEAR4}(?!\d)")
# a bare year this far before the earliest full date of the note, or after its latest, is outside its era
_ERA_BEFORE, _ERA_AFTER = 70, 10


def _era(text: str, out: list[Span]) -> tuple[int, int] | None:
    """The years a note's bare 4-digit numbers may be years in: around the years of its full dates.

    De-identified corpora shift every date of a note by the same offset, often into the future
    ("Record date: 2079-03-14 … s/p CABG 2071"); a bare year within the span of the note's own
    dated events is a year, even where a real note's 2071 would be a time or a count."""
    years = [int(m.group()) for sp in out if sp.score >= 0.9
             for m in _FULL_DATE_YEAR.finditer(text, sp.start, sp.end)]
    if not years:
        return None
    return min(years) - _ERA_BEFORE, max(years) + _ERA_AFTER


def _at_line_start(low: str, s: int) -> bool:
    """Only spaces between the start of ``s``'s line (or 40 characters back) and ``s``."""
    return not low[max(0, s - 40) : s].rsplit("\n", 1)[-1].strip()


def _years(text: str, low: str, out: list[Span], keep_years: bool) -> None:
    """Compact dates "20190103" (always) and years alone (unless ``keep_years``)."""
    era = _era(text, out)
    lo, hi = era if era is not None else (0, 0)
    latest = max(_LATEST_YEAR, hi)
    inside = [(sp.start, sp.end) for sp in out]
    for run in _DIGIT_RUN4.finditer(digit_skeleton(text)):
        s = run.start()
        if any(a <= s < b for a, b in inside):
            continue  # the year of a date found above
        in_era = lo <= int(text[s : s + 4]) <= hi
        if not text.startswith(("19", "20"), s) and not (in_era and text.startswith("21", s)):
            continue
        e = s + 4
        if s > 0 and text[s - 1] == "_" and (f := _FILE_NAME_DATE.match(text, e)) and valid_date(
                int(f.group(1)), int(f.group(2)), int(text[s:e])):
            out.append(Span(s, f.end(), Label.DATE, 0.85, "pattern:date_compact"))  # "dialysis_census_20240506.csv"
            continue
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in _YEAR_BAD_BEFORE):
            continue
        year = text[s:e]
        c = _COMPACT_TAIL.match(text, e)
        if c is not None:
            # "20190103": a date when valid; it beats the bare-number ID rule (0.6) only with a cue
            if valid_date(int(c.group(1)), int(c.group(2)), int(year)):
                score = 0.9 if _date_cue(low, s) else 0.65
                out.append(Span(s, c.end(), Label.DATE, score, "pattern:date_compact"))
            continue
        if keep_years:
            continue
        t = _YEAR_TAIL.match(text, e)
        if t is None:
            continue
        e = t.end()
        n = int(year)
        w1, w2 = last_words(low, s, 24)
        unit = UNIT_AFTER.match(text, e)
        if unit and unit.group(0).strip().lower() in _RESULT_AFTER_YEAR and (in_era or 1960 <= n <= latest):
            unit = None  # "Pap/HPV cotest 2091 neg", "PPD 1998 positive": a test's result after its year
        if unit and not (unit.group(0).strip().lower() == "of" and w1 in _YEAR_CUE_WORDS) and not _IN_A_PLACE.match(low, e):
            continue  # "2000 mL", "1500 of"; but "died 2019 of MI", "delivered in 1995 in Amman" (a place, not inches)
        time_like = n % 100 < 60
        if w1 == "~" and (w2 in _YEAR_CUE_WORDS or w2 in _APPROX_YEAR_CUES) and low[s - 1] == "~":
            # "dx ~2015", "Tdap last ~2015": an approximate year after a year cue, not "at ~2015" (a time)
            score = 0.6 if time_like and (w2 in _YEAR_WEAK_CUES or w2 in _APPROX_YEAR_CUES) else 0.85
            out.append(Span(s, e, Label.DATE, score, "pattern:date_year"))
            continue
        if (
            text[s - 1 : s] == "("
            and text[e : e + 1] == ")"
            and n <= latest
            and not _TIME_AFTER.match(low, e + 1)
            and w2 not in _TIME_WORDS
            and w2 not in ("al", "al.")
        ):
            # "S/P CABG (2008), CRT-D (2016)": a year in parentheses dates the event before it (not a
            # citation "Smith et al. (1998)" nor "given at (2000)")
            out.append(Span(s, e, Label.DATE, 0.85, "pattern:date_year"))
            continue
        if time_like and (w1 in _TIME_WORDS or _TIME_LEFT.search(low, max(0, s - 14), s) or _TIME_AFTER.match(low, e)):
            continue
        if w1 in _YEAR_CUE_WORDS or (_BORN_DIED.search(low, max(0, s - 4), s) and w2 not in ("vitamin", "vit")):
            score = 0.6 if time_like and w1 in _YEAR_WEAK_CUES else 0.85
        elif t.group("s"):
            score = 0.6  # "the 1990s"
        elif w1 in _SCREENING_CUES and (in_era or 1960 <= n <= latest):
            score = 0.85  # "Pap 2089 normal", "Colonoscopy 2015": when a screening test or vaccine was last done
        elif _meas_cue(low, s, 10):
            continue
        elif 1960 <= n <= 1999 or (in_era and not (time_like and _at_line_start(low, s))):
            score = 0.7  # cannot be a time, or within the years of the note's own dates
        elif 2000 <= n <= 2025 and not _at_line_start(low, s):
            score = 0.55  # "s/p TKA 2001"; at the start of a line "2000 pt restless" is a time
        else:
            score = 0.45
        season = _SEASON_BEFORE.search(low, max(0, s - 20), s) if w1 in _SEASONS or (w1 == "of" and w2 in _SEASONS) else None
        out.append(Span(season.start() if season else s, e, Label.DATE, score, "pattern:date_year"))  # "spring 2023"
    if keep_years:
        return
    for m in _YEAR_RANGE_PRE.finditer(digit_skeleton(text)):
        # "served 1966-1969", "Ramadi 2006-2007": both ends of a span of years (not "2000-2500 mL")
        s, e = m.start(), m.end()
        a, b = int(text[s : s + 4]), int(text[e - 4 : e])
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in _YEAR_BAD_BEFORE)) or not (1900 <= a and b <= latest):
            continue
        if not a < b <= a + 80:
            continue
        if e < len(text) and (text[e].isalnum() or text[e] in "-/" or (UNIT_AFTER.match(text, e) and not _IN_A_PLACE.match(low, e))):
            continue  # "2000-2500 mL"; but "lived 2014-2019 in Khanke camp" (a place, not inches)
        out.append(Span(s, s + 4, Label.DATE, 0.85, "pattern:date_year"))
        out.append(Span(e - 4, e, Label.DATE, 0.85, "pattern:date_year"))
    for m in _APOS_YEAR.finditer(text):
        s = m.start()
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "'’"):
            continue  # 5'10" and O'Neil are not years
        out.append(Span(s, m.end(), Label.DATE, 0.8, "pattern:date_year"))


class DateDetector:
    """Dates in every shape notes use; see the module docstring for the decision rules."""

    name = "pattern_date"

    def __init__(self, keep_years: bool = False):
        self.keep_years = keep_years

    def detect(self, doc: Document) -> list[Span]:
        return self.find(doc.text, lower_text(doc.text))

    def find(self, text: str, low: str, hits: list[Hit] | None = None) -> list[Span]:
        """Spans in ``text`` given its same-length lowercase form ``low`` (and the cue-word ``hits``)."""
        out: list[Span] = []
        _numeric_dates(text, low, out)
        if text.count("/") >= 3:
            _chronological_lists(text, out)
        if (" /" in text or "/ " in text) and _SPACED_SLASH.search(text):
            _spaced_dates(text, out)
        _ordinals(text, low, out)
        for s, kind, _key in _hits(low, hits):
            if kind not in _DATE_KINDS:
                continue
            if s > 0 and (low[s - 1].isalpha() or low[s - 1] in "'_"):
                continue
            if kind == "month":
                if not _spelled_date(text, low, s, out):
                    _month_hit(text, low, s, out)
            elif kind == "weekday":
                if s == 0 or not low[s - 1].isdigit():
                    _weekday_hit(text, low, s, out)
            elif kind == "es_date":
                _spanish_date(text, low, s, out)
            elif kind == "holiday":
                m = _HOLIDAY.match(low, s)
                if m is not None and m.group() in ("tet", "tết") and text[s:m.end()] not in _TET:
                    continue
                if m is not None and (s == 0 or not low[s - 1].isdigit()) and not _HOLIDAY_EPONYM.match(low, m.end()):
                    out.append(Span(s, m.end(), Label.DATE, 0.85, "pattern:date_holiday"))
        _years(text, low, out, self.keep_years)  # last: full dates found above set the note's era
        return out


# --- dates in words, as dictation writes them ------------------------------------------------------
_ORDINAL_WORDS = (
    r"(?:(?:twenty|thirty)[ \t-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
_UNITS_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_WORDS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TEENS_WORDS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
# a year read out: "twenty twenty four", "nineteen seventy eight", "two thousand twenty two", "nineteen oh five"
_YEAR_WORDS = (
    r"(?:,?[ \t]+(?:(?:nineteen|twenty)[ \t]+(?:oh[ \t]+" + _UNITS_WORDS + r"|" + _TEENS_WORDS + r"|" + _TENS_WORDS
    + r"(?:[ \t-]+" + _UNITS_WORDS + r")?)|two[ \t]+thousand(?:[ \t]+and)?(?:[ \t]+(?:" + _TEENS_WORDS + r"|"
    + _TENS_WORDS + r"(?:[ \t-]+" + _UNITS_WORDS + r")?|" + _UNITS_WORDS + r"))?))?"
)
_MONTH_NAMES = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# "march tenth", "October second twenty twenty four" (the month first)
_MONTH_ORDINAL = re.compile(_MONTH_NAMES + r"[ \t]+(?:the[ \t]+)?" + _ORDINAL_WORDS + r"\b(?!-)" + _YEAR_WORDS + r"\b")
# "the ninth of march" (the day first; the month at the end of the match)
_ORDINAL_OF = re.compile(r"(?:\bthe[ \t]+)?\b" + _ORDINAL_WORDS + r"[ \t]+of[ \t]+\Z")
_YEAR_WORDS_AFTER = re.compile(_YEAR_WORDS + r"\b")
_MONTH_NAME = re.compile(_MONTH_NAMES + r"\b")
_MAY_ADVERB = re.compile(r"may[ \t]+(?:first|second)\b")  # "we may first try": a verb and an adverb


def _spelled_date(text: str, low: str, s: int, out: list[Span]) -> bool:
    """A date written in words around the month at ``s``: "march tenth", "October second", "the ninth of march",
    "november third twenty twenty four", "the twenty first of june nineteen seventy eight" → 0.9 ``date_words``.
    In lowercase "may" counts only before an ordinal that is no adverb ("we may first try", "may second that").
    Returns whether one was found."""
    m = _MONTH_ORDINAL.match(low, s)
    if m is not None and text[s] == "m" and _MAY_ADVERB.match(low, s):
        return False
    if m is not None:
        out.append(Span(s, m.end(), Label.DATE, 0.9, "pattern:date_words"))
        return True
    before = _ORDINAL_OF.search(low, max(0, s - 40), s)
    month = _MONTH_NAME.match(low, s)
    if before is None or month is None:
        return False
    start = before.start() + (4 if low.startswith("the", before.start()) else 0)
    y = _YEAR_WORDS_AFTER.match(low, month.end())
    out.append(Span(start, y.end() if y else month.end(), Label.DATE, 0.9, "pattern:date_words"))
    return True


# --- AGE over 89 ------------------------------------------------------------------------------------

_AGE_PRE = re.compile(r"(?:9\d|1[0-2]\d)(?!\d)")
_AGE_UNIT = re.compile(
    r"\s*-?\s*(?:(?:y/?o|y\.\s?o\.?|yo|yrs?\.?\s*-?\s*old|years?\s*-?\s*old|year-old|yr-old|yoa|y)"
    r"\s*(?:m|f|male|female|man|woman|gentleman|lady|gent|boy|girl)?(?![a-z])|"
    r"(?:yrs?|years)\s+of\s+age|(?:yrs?|years?)\b(?!\s+(?:ago|prior|before|earlier))|a[ñn]os\b|ans\b)"
)
_AGE_DECADE = re.compile(r"'?s\b")
_AGE_DECADE_LEFT = re.compile(
    r"\b(?:in|into)\s+(?:his|her|their|the|pt'?s|patient'?s)\s+(?:(?:early|mid|late|upper|mid-|lower)\s*-?\s*)?$"
)
_AGE_SEX = re.compile(r"\s?(?:m|f|male|female|man|woman|gentleman|lady|gent)\b")
_AGE_SEX_CUES = frozenset("a an pt patient is this".split())
# a field of a list row: after "|", ",", "(", " - " or a column gap; before "|", ",", ";", ")", " - " or a column gap
_AGE_FIELD_LEFT = re.compile(r"(?:[|,(]|[ \t]-|[ \t]{2}|\t)[ \t]*$")
_AGE_FIELD_RIGHT = re.compile(r"(?:[ \t]*(?:[|,;)]|$)|[ \t]+-[ \t]|[ \t]{2}|\t)", re.M)
# a temperature in Fahrenheit is no age and sex ("Tmax  101F", "temp 99F  HR 80")
_TEMPERATURE_LEFT = re.compile(r"(?:\b(?:t|temp|tmax|tm|tc|temperature|febrile|fever|afebrile)\b|°)[^\n]{0,12}$")


def _age_sex_field(text: str, low: str, e: int) -> bool:
    """Whether the sex after the age at ``e`` ends a field ("93M |", "91 female,"); a sex letter must be a
    capital ("100 m," is a distance)."""
    m = _AGE_SEX.match(low, e)
    return bool(m and _AGE_FIELD_RIGHT.match(low, m.end()) and (m.end() - e > 2 or text[m.end() - 1].isupper())
                and not _TEMPERATURE_LEFT.search(low, max(0, e - 24), e - 2))
# the sex letter joined to an age, in small letters, before a word, after a name or initials ("minh 91m nstemi",
# "t.m.a. 91f pna"); not after a distance, a vital sign, a temperature or a count ("ambulated 95m", "tmax 101f
# overnight", "x 90m", "Technetium 99m"), nor in capitals ("92F PETROLEUM SUPPLY SPECIALIST" is a military job code)
_AGE_SEX_JOINED_RIGHT = re.compile(r"[mf] [a-z]{2,}\b(?! ?(?:ago|before|away|walk|of|from|to|x)\b)")
_AGE_SEX_JOINED_NOT_AFTER = frozenset(
    """walked walk walks walking ambulated ambulates ambulating amb ran run swam distance x for over about approx to at of
    t temp tmax tm tc temperature febrile afebrile fever hr pulse sat sats spo2 o2 rr bp map wt weight ht height length
    total technetium""".split())


def _age_sex_joined(text: str, low: str, s: int, e: int) -> bool:
    """An age with its sex letter joined, before a word, after a name or initials (see ``_AGE_SEX_JOINED_RIGHT``)."""
    if not (_AGE_SEX_JOINED_RIGHT.match(text, e) and s >= 2 and low[s - 1] == " " and (low[s - 2].isalpha() or low[s - 2] in ".,")):
        return False
    word = last_words(low, s, 16)[0].strip(".,")
    return word not in _AGE_SEX_JOINED_NOT_AFTER and "°" not in low[max(0, s - 12):s]


_AGE_CUE = re.compile(
    r"age[ds]?(?:\s*/\s*(?:sex|gender)|\s+at\s+(?:death|arrival|admission|diagnosis|onset|presentation|transfer))?"
    r"\s*(?:of\s*|is\s*|was\s*|[:=]\s*|-\s*)?(?:(?:approx\.?|approximately|about|~)\s*)?"
    # (a scanned form's O and l for 0 and 1: "Age: 9O", "AGE: l02")
    r"(?P<n>9[\dol]|1[01ol][\dol]|12[0-5])\b(?![./:]\d)"
)
_AGE_WORDS = re.compile(
    r"(?P<w>ninety(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"(?:one\s+)?hundred(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
    r"[\s-]+(?:years?|yrs?)[\s-]*old\b|(?P<w2>nonagenarian|centenarian)s?\b"
)
_AGE_NINETIES = re.compile(r"nineties\b|hundreds\b")
# an age in words closing a clause after "is", "aged", "turned": "Mr. Petrović is ninety-one and was admitted"
_AGE_WORD_ALONE = re.compile(r"ninety(?:[ \t-]+(?:one|two|three|four|five|six|seven|eight|nine))?\b")
_AGE_WORD_LEFT = re.compile(r"\b(?:(?:is|was|aged|turned|turning|now)[ \t]+[\"'“]?|age[ \t]*:[ \t]*)$")
# a number that is an age by the life event before it: "died at 93", "passed away at 91", "turning 94", "turned 100",
# and a pedigree's "alive at 93", "d. at 90", "lived to 96"
_AGE_EVENT_LEFT = re.compile(
    r"(?:\b(?:(?:died|passed(?:\s+away)?|deceased|expired|alive)\s+at(?:\s+the\s+age\s+of)?|turn(?:s|ed|ing)|lived\s+to)"
    r"|(?<![\w.])d\.\s*(?:at|age)|\b(?:man|woman|lady|gentleman|person|nonagenarian|centenarian)\s+of)\s+$")
# "At 96 she wishes to proceed", "at 91, he still drives": an age at the start of a clause about a person
_AGE_AT_LEFT = re.compile(r"\bat[ \t]+$")
# … and a sentence that opens with it: "At 97, and with her heart getting weaker, she …"
_AGE_AT_OPENING = re.compile(r"(?:^|[.!?][ \t]+|\n[ \t]*)At[ \t]+$")
_AGE_AT_RIGHT = re.compile(r",?[ \t]+(?:she|he)\b")
_AGE_NOT_AFTER = re.compile(
    r"\s*(?:%|/|[.:]\d|(?:mg|mcg|kg|lbs?|degrees?|mmhg|bpm|beats|breaths|ml|cc|units?|min|minutes|hours?|days?|am|pm)\b)")
# a number said of a person, closing a clause: "he's 93 not 94", "Pt is 91, Spanish-speaking", "she is 96, i know"
_AGE_SUBJECT_RIGHT = re.compile(r"[ \t]*(?:[,;)(!]|\.(?!\d)|$|[ \t](?:not|and|now|today|but|so|next|this|on)\b)", re.MULTILINE)
# an age between commas after a person: "Her mother, 93, still lives in Haiti", "his sister Hope, 97, lives"
_AGE_PERSONS = (r"mother|father|mom|dad|husband|wife|spouse|partner|sister|brother|aunt|uncle|grandmother|grandfather|"
                r"grandma|grandpa|widow|widower|friend|neighbou?r|resident|mr\.?|mrs\.?|ms\.?|miss")
# a person, by a word or a title and a name, said to be of an age: "wife is 90, has", "Mrs. Goodwin is 96,"
_AGE_SUBJECT_LEFT = re.compile(
    rf"\b(?:(?:he|she|who|pt|patient|{_AGE_PERSONS}|(?:mr|mrs|ms|miss)\.?[ \t]+[a-z'’-]+)"
    rf"(?:['’]s|[ \t]+(?:is|was|will[ \t]+be)|['’]ll[ \t]+be)|herself|himself)[ \t]+$")
_AGE_APPOSITIVE_LEFT = re.compile(rf"(?i:\b(?:{_AGE_PERSONS}|patient)(?:[ \t]+[A-Z][a-z'-]+){{0,2}}),[ \t]$")
# the same in brackets, names in capitals too: "great-grandmother Odessa Monroe (94)", "HUSBAND HOMER BROWN (94)"
_AGE_BRACKET_LEFT = re.compile(rf"(?i:\b(?:{_AGE_PERSONS}))(?:[ \t]+[\"“]?[A-Z][A-Za-z'-]+[\"”]?){{0,4}}[ \t]*\($")
# … and after a date of birth: "DOB 8/4/1924 (97)", "D.O.B.: 1931-02-11 (93 y)"
_AGE_DOB_BRACKET_LEFT = re.compile(r"(?i:\bd\.?o\.?b\.?|\bborn)[ \t]*:?[ \t]*[\d/.-]{6,10}[ \t]*\($")
# a capitalized word said to be of an age that then lives, resides or was born somewhere: a person ("HARGROVE is 92,
# lives at …", "Wally is 90 and lives alone"; not "HR is 96, sat 92")
_AGE_NAME_IS_LEFT = re.compile(r"\b[A-Z][A-Za-z'’-]+[ \t]+(?:is|was)[ \t]+$")
_AGE_LIVES_RIGHT = re.compile(r",?[ \t]+(?:and[ \t]+)?(?:still[ \t]+)?(?:lives|lived|resides|resided|was[ \t]+born|widowed)\b")
# an ordinal birthday: "celebrated her 100th bday", "since his 92nd birthday"
_AGE_BIRTHDAY = re.compile(r"(?:st|nd|rd|th)[ \t]+(?:birthday|bday|b-day|b['’]day)\b")
_AGE_APPOSITIVE_RIGHT = re.compile(
    r",[ \t]+(?:is|was|lives|lived|still|who|whom|whose|has|had|died|passed|resides|remains|and|now|also|visited|visits|born|"
    r"came|comes|called|calls|stays|helps)\b"
)


class AgeDetector:
    """Ages over 89 (see the module docstring)."""

    name = "pattern_age"

    def detect(self, doc: Document) -> list[Span]:
        return self.find(doc.text, lower_text(doc.text))

    def find(self, text: str, low: str, hits: list[Hit] | None = None) -> list[Span]:
        out: list[Span] = []
        for h in _AGE_PRE.finditer(low):
            s, e = h.start(), h.end()
            if s > 0 and (low[s - 1].isalnum() or low[s - 1] in "_.,/-") and not (
                    low[s - 1] == "-" and low.endswith(("mid", "early", "late"), max(0, s - 6), s - 1)):
                continue  # (but "in her mid-90s")
            if int(h.group()) > 125:
                continue
            if _AGE_UNIT.match(low, e):
                out.append(Span(s, e, Label.AGE, 0.95, "pattern:age"))
            elif _AGE_BIRTHDAY.match(low, e):
                out.append(Span(s, e + 2, Label.AGE, 0.9, "pattern:age"))  # "her 100th bday", "his 92nd birthday"
            elif _AGE_APPOSITIVE_RIGHT.match(low, e) and _AGE_APPOSITIVE_LEFT.search(text, max(0, s - 40), s):
                out.append(Span(s, e, Label.AGE, 0.9, "pattern:age"))
            elif low[e : e + 1] == ")" and (_AGE_BRACKET_LEFT.search(text, max(0, s - 60), s)
                                            or _AGE_DOB_BRACKET_LEFT.search(text, max(0, s - 24), s)):
                out.append(Span(s, e, Label.AGE, 0.9, "pattern:age"))  # "his mother Graciana Iriarte (93)", "DOB 8/4/1924 (97)"
            elif low[e : e + 1] == "," and _AGE_AT_OPENING.search(text, max(0, s - 6), s):
                out.append(Span(s, e, Label.AGE, 0.85, "pattern:age"))  # "At 97, and with her heart getting weaker"
            elif _AGE_EVENT_LEFT.search(low, max(0, s - 28), s) and not _AGE_NOT_AFTER.match(low, e):
                out.append(Span(s, e, Label.AGE, 0.9, "pattern:age"))  # "father died at 93", "mother turning 94"
            elif _AGE_AT_RIGHT.match(low, e) and _AGE_AT_LEFT.search(low, max(0, s - 4), s):
                out.append(Span(s, e, Label.AGE, 0.85, "pattern:age"))  # "At 96 she wishes to proceed"
            elif _AGE_LIVES_RIGHT.match(low, e) and _AGE_NAME_IS_LEFT.search(text, max(0, s - 24), s):
                out.append(Span(s, e, Label.AGE, 0.85, "pattern:age"))  # "HARGROVE is 92, lives at Lake Eola"
            elif _AGE_SUBJECT_RIGHT.match(low, e) and _AGE_SUBJECT_LEFT.search(low, max(0, s - 20), s):
                out.append(Span(s, e, Label.AGE, 0.85, "pattern:age"))  # "he's 93 not 94", "Pt is 91, …"
            elif h.group() in ("90", "100") and _AGE_DECADE.match(low, e):
                if _AGE_DECADE_LEFT.search(low, max(0, s - 40), s):
                    out.append(Span(s, _AGE_DECADE.match(low, e).end(), Label.AGE, 0.95, "pattern:age"))
            elif _AGE_SEX.match(low, e) and (
                last_words(low, s, 16)[0] in _AGE_SEX_CUES or low[max(0, s - 40) : s].rsplit("\n", 1)[-1].strip() in ("", ":")
                or low[max(0, s - 3) : s].rstrip().endswith(":")
                # a field of its own in a header: "Pt: Pieter Van der Meulen | 93M | MRN …", "Smith, Jo, 91F, Rm 4"
                or (_AGE_FIELD_LEFT.search(low, max(0, s - 3), s) and _age_sex_field(text, low, e))
                # the sex letter joined to the number, between commas: "wallace per family pref, 94m, nstemi"
                or (low[e : e + 1] in ("m", "f") and low[e + 1 : e + 2] in (",", ";")
                    and not _TEMPERATURE_LEFT.search(low, max(0, s - 24), s))
                # … or before a diagnosis, after a name or initials: "tran, minh 91m nstemi", "t.m.a. 91f pna"
                or _age_sex_joined(text, low, s, e)
            ):
                out.append(Span(s, e, Label.AGE, 0.85, "pattern:age_sex"))
        for s, kind, _key in _hits(low, hits):
            if kind != "age" and kind != "age_word":
                continue
            if s > 0 and low[s - 1].isalnum():
                continue
            if kind == "age":
                m = _AGE_CUE.match(low, s)
                if m is not None and not any(sp.start == m.start("n") for sp in out):
                    out.append(Span(m.start("n"), m.end("n"), Label.AGE, 0.95, "pattern:age"))
                continue
            m = _AGE_WORDS.match(low, s)
            if m is not None:
                g = "w" if m.group("w") else "w2"
                out.append(Span(m.start(g), m.end(g), Label.AGE, 0.95, "pattern:age"))
            elif (d := _AGE_NINETIES.match(low, s)) is not None and _AGE_DECADE_LEFT.search(low, max(0, s - 40), s):
                out.append(Span(s, d.end(), Label.AGE, 0.95, "pattern:age"))
            elif ((w := _AGE_WORD_ALONE.match(low, s)) is not None and (left := _AGE_WORD_LEFT.search(low, max(0, s - 12), s))
                  and (left.group().startswith("age") or _AGE_SUBJECT_RIGHT.match(low, w.end() + (low[w.end():w.end() + 1] in "\"'”")))):
                out.append(Span(s, w.end(), Label.AGE, 0.85, "pattern:age"))  # "Mr. Petrović is ninety-one and …"
        return out
