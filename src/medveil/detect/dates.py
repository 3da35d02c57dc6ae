"""DATE and AGE (over 89) detection: a date grammar with plausible ranges and context scoring.

Clinical notes are full of numbers that look like dates: "BP 120/80", "1/2 NS", "5/5 strength",
"pain 4/10", "2-3 L", "8-10 mg", "0400", "14:30". The decision rules, in order:

Numeric shapes (``DateDetector._numeric``)
  * ``yyyy-mm-dd`` (also ``/`` and ``.``) with a valid day for the month            → 0.95 ``date_iso``
  * ``m/d/yy``, ``m/d/yyyy``, ``m-d-yy``, ``m.d.yyyy`` (same separator twice),
    month 1–12 and day valid for the month (``d/m/y`` accepted when the first part
    is 13–31), 4-digit years 1900–2100, any 2-digit year                             → 0.95 ``date_mdy``
    (hyphen/dot forms with a 2-digit year and no date context: 0.75)
  * ``m/yyyy`` ("1/2019", "03-2019"): a month and a year is finer than a year        → 0.9 ``date_my``
  * ``m/d`` and ``m-d`` without a year, month 1–12, day valid for the month:
      - dropped when a measurement cue precedes on the line (BP, SBP, MAP, PEEP, PS,
        CPAP, GCS, pain, Apgar, strength, murmur, vent, ratio …), when the number is
        followed by a unit or a clinical word ("1/2 NS", "1/2 tab", "2/3 of", "3/4 assist",
        "2-3 L", "8-10 mg", "2/6 SEM"), or when it is preceded by "x"/"q" ("x 2/3 days");
      - a date cue before it ("on", "since", "from", "until", "dated", "DOB", "admitted",
        "d/c", a weekday, imaging/procedure words …) or a year/time after it       → 0.92
      - ``m/d``: fraction-like shapes (denominator ≤ 5 and numerator ≤ denominator,
        "1/2", "2/3", "3/4", "5/5", "4/4", and "24/7") → 0.3 (dropped by the resolver);
        pain-scale-like ``n/10`` → 0.45; any other valid ``m/d`` ("12/4", "10/17",
        "3/14", "7/22") → 0.75: recall first;
      - ``m-d`` (looks like a range): day > 12 and not both multiples of 5 → 0.55;
        otherwise ("2-3", "8-10", "10-15") → 0.3.
  * times ("14:30", "0400", "7a-7p") never match: the shapes need ``/``, ``-`` or ``.``.

Month names (``_MONTH_RX``, any case; "may", "mar", "dec", "jan", "aug" are also words)
  * month + day ("Jan 3rd", "jan3", "January 3, 2019"), day + month ("3 Jan 2019",
    "3rd of January", "03-JAN-19"), month + year ("Jan 2019", "January of '19")   → 0.95
    For the ambiguous words (may, mar, march, dec, jan, aug) in lowercase, a bare day
    after them needs an ordinal, a year or a date cue (else 0.4: "dec 2 L" is not a date);
    a unit after the day always vetoes.
  * a month name alone: a capitalised full name ("January", "Sept.") → 0.8, lowercase → 0.6;
    "May"/"March"/"mar"/"may"/"dec"/"jan"/"aug" alone are never flagged.

Other shapes
  * weekdays: full names any case → 0.85; abbreviations ("Tues", "Sat") only before a date,
    or after a date cue ("on sat", "since Tues") → 0.85 — "O2 sat 95%" stays clean;
  * "the 5th" after "on/of/since/until/by/before/after/from/through" → 0.85 ``date_ordinal``;
  * holidays ("Christmas", "Thanksgiving", "New Year's Eve", "July 4th" …) → 0.85;
  * years alone ("in 2019", "'92", "1998", "Spring 2019", "1990s") → ``date_year`` unless
    ``keep_years``. 4-digit years 1900–2100. Military times collide with years (1900–2059 with
    minutes < 60), so: after "at", "@", "~", "around", in "1900-0700", or before "hrs"/"h" → time,
    not flagged; after a year cue ("in", "of", "since", "year", "born", a season …) → 0.85; a bare
    number that cannot be a time (1960–1999) → 0.7; other bare ones ("2000", "1930") → 0.45.

AGE (``AgeDetector``): ages 90–125 written "92 yo", "92 y/o", "92-year-old", "92 yr old",
"aged 95", "age: 101", "a 92 F", "in her 90s"/"nineties", "ninety-two year old" → 0.95.
Ages ≤ 89 are not PHI and never emitted. Only the number (or number words) is spanned.
"""

from __future__ import annotations

import re
from calendar import monthrange

from medveil.document import Document, Span
from medveil.labels import Label

__all__ = ["DateDetector", "AgeDetector", "valid_date", "UNIT_AFTER"]

_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_date(month: int, day: int, year: int | None = None) -> bool:
    """True when ``month``/``day`` (and ``year``, 4-digit, 1900–2100) form a real calendar date.

    Without a year, Feb 29 is accepted.
    """
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= _DAYS_IN_MONTH[month]
    if not 1900 <= year <= 2100:
        return False
    return day <= monthrange(year, month)[1]


def _year4(y: str) -> int | None:
    """4-digit year for a 2- or 4-digit string (2-digit years are always plausible)."""
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n <= 30 else 1900 + n
    return n if 1900 <= n <= 2100 else None


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
    r"repeats?|reps?|staples?|sutures?|stitches?|people|persons?|pts?|patients?|nurses?|rn|am|pm"
)
UNIT_AFTER = re.compile(r"\s{0,2}(?:" + _UNITS + r")\b|\s{0,2}[%+]", re.I)

# Cues that a following number is a date.
_DATE_CUE = re.compile(
    r"(?:\b(?:on|since|from|until|untill|till|til|thru|through|to|by|before|after|dated?|dates|dos|dob|d\.o\.b\.?|"
    r"born|birth|birthdate|admit(?:ted)?|adm|admission|admitted|discharged?|d/c'?d?|dc'?d|transferred|"
    r"seen|visit|last|next|starting|started|start|began|begun|expired|died|deceased|death|performed|done|"
    r"drawn|obtained|collected|sent|signed|dictated|transcribed|reviewed|returned|received|scheduled|"
    r"appt|appointment|f/u|fu|follow-?up|surgery|cabg|cath|echo|ekg|ecg|cxr|ct|mri|us|u/s|eeg|egd|"
    r"biopsy|bx|op|s/p|sp|status post|post-?op|pod|hd|dated|effective|as of|week of|day of|night of|"
    r"morning of|evening of|weekend of|beginning|ending|ended|end|mon(?:day)?|tue(?:s(?:day)?)?|"
    r"wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|date of|d\.?o\.?s\.?|"
    r"x-?ray|films?|study|exam|consult|labs?|lfts?|cultures?)"
    r"\W{0,3}(?:the\s+)?|[(\[])$",
    re.I,
)
# Measurement cues: a number after them is a value, not a date.
_MEAS_CUE = re.compile(
    r"\b(?:bp|sbp|dbp|nbp|nibp|abp|b/p|a-?line|art|cvp|pap|pa|pcwp|wedge|map|maps|pressures?|peep|ps|cpap|"
    r"bipap|ipap|epap|psv|vent|settings?|ac|simv|imv|tv|vt|rr|hr|sats?|spo2|o2|fio2|gcs|pain|apgar|"
    r"strength|str|motor|power|tnm|score|scale|ratio|grade|murmur|sem|i:e|ie|x|q|approx|about|~|"
    r"uo|u/o|i/o|i&o|intake|output|bal|balance|total|net|lytes|chem|k|na|cl|glu|bun|cr|hct|hgb|plt|"
    r"wbc|inr|ptt|pco2|po2|abg|vbg|gluc|fs|fsbs|bs|temp|tmax|wt|weight|ht|height|ef|lvef|"
    r"gravida|para|tab|tabs|ns|x-?ray|lead|dose|doses|units?|mg|ml|cc|range|between|vs|amp|amps|"
    r"volume|vol|rate|level|levels|titer|titre|ratio|fraction|times|ratios|scores?)\b[^a-z\n]{0,14}$",
    re.I,
)
_YEAR_CUE = re.compile(
    r"(?:\b(?:in|of|since|year|yr|circa|ca\.?|c\.|born|b\.|dob|yob|during|until|till|before|after|from|"
    r"through|thru|to|spring|summer|fall|autumn|winter|early|mid|late|class|graduated|married|"
    r"divorced|widowed|retired|moved|immigrated|diagnosed|dx'?d?|copyright|jan(?:uary)?|feb(?:ruary)?|"
    r"mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?)\W{0,3}|[(\[])$",
    re.I,
)
_VENT_NEAR = re.compile(r"\b(?:peep|ps|psv|cpap|bipap|vent|ventilator|settings|ac|simv|imv|ipap|epap|trach mask)\b", re.I)
_TIME_CUE = re.compile(r"(?:\b(?:at|around|approx(?:imately)?|about|@|by|~)\s*|[@~]\s*|-\s*)$", re.I)
_TIME_AFTER = re.compile(r"\s{0,2}(?:-\s*[0-2]\d[0-5]\d\b|hrs?\b|hours\b|h\b|pm\b|am\b|:\d|o'?clock\b)", re.I)


def _left(text: str, s: int, n: int = 36) -> str:
    """Up to ``n`` characters before ``s`` on the same line."""
    chunk = text[max(0, s - n) : s]
    nl = chunk.rfind("\n")
    return chunk[nl + 1 :] if nl >= 0 else chunk


def _right(text: str, e: int, n: int = 16) -> str:
    chunk = text[e : e + n]
    nl = chunk.find("\n")
    return chunk[:nl] if nl >= 0 else chunk


# --- numeric dates ------------------------------------------------------------------------------

_NUMERIC = re.compile(
    r"(?<![\w/.:])"
    r"(?:(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>[01]?\d)(?P=isep)(?P<id>[0-3]?\d)"
    r"|(?P<mo>[01]?\d)(?P<mysep>[/-])(?P<my>(?:19|20)\d\d)"
    r"|(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?:(?P=sep)(?P<y>(?:19|20)\d\d|\d\d))?)"
    r"(?![\w/]|[.:]\d)"
)
_YEAR_OR_TIME_AFTER = re.compile(r"\s{0,2}(?:,?\s*(?:19|20)\d\d\b|'\d\d\b|(?:@|at)?\s*[0-2]?\d:?[0-5]\d\b)", re.I)


def _numeric_dates(text: str, out: list[Span]) -> None:
    for m in _NUMERIC.finditer(text):
        s, e = m.start(), m.end()
        if m.group("iy"):
            if valid_date(int(m.group("im")), int(m.group("id")), int(m.group("iy"))):
                out.append(Span(s, e, Label.DATE, 0.95, "pattern:date_iso"))
            continue
        if m.group("mo"):
            if 1 <= int(m.group("mo")) <= 12 and not UNIT_AFTER.match(text, e):
                out.append(Span(s, e, Label.DATE, 0.9, "pattern:date_my"))
            continue
        a, b, sep, y = int(m.group("a")), int(m.group("b")), m.group("sep"), m.group("y")
        before = text[s - 1] if s else " "
        if y is not None:
            year = _year4(y)
            if year is None:
                continue
            if not (valid_date(a, b, year) or valid_date(b, a, year)):
                continue
            if sep == "." and len(y) == 2 and (len(m.group("a")) < 2 or len(m.group("b")) < 2):
                continue  # "1.5.10": a version or a list, not a date
            score = 0.95
            if sep != "/" and len(y) == 2:
                left = _left(text, s)
                if _MEAS_CUE.search(left) or UNIT_AFTER.match(text, e):
                    continue  # "5-10-15 mg"
                score = 0.92 if _DATE_CUE.search(left) else 0.75
            out.append(Span(s, e, Label.DATE, score, "pattern:date_mdy"))
            continue
        if sep == "." or not valid_date(a, b):
            continue
        if sep == "-" and (before == "-" or (s >= 2 and text[s - 2].isdigit() and before in " -")):
            continue
        left = _left(text, s)
        right_unit = UNIT_AFTER.match(text, e)
        date_cue = _DATE_CUE.search(left) is not None
        if (_MEAS_CUE.search(left) and not date_cue) or _VENT_NEAR.search(left):
            continue
        if right_unit:
            # a hard unit ("2-3 L", "1/2 tab", "2/3 of") vetoes; only a strong cue survives "of"
            if not (date_cue and right_unit.group(0).strip().lower() == "of"):
                continue
        if date_cue or _YEAR_OR_TIME_AFTER.match(text, e):
            out.append(Span(s, e, Label.DATE, 0.92, "pattern:date_md_cue"))
            continue
        if sep == "/":
            if (b <= 5 and a <= b) or (a, b) == (24, 7):
                score = 0.3
            elif b == 10:
                score = 0.45
            else:
                score = 0.75
            out.append(Span(s, e, Label.DATE, score, "pattern:date_md"))
        else:
            # "3-15" may be a date; "2-3", "8-10", "10-15", "12-4" read as ranges
            score = 0.55 if b > 12 and a < b and not (a % 5 == 0 and b % 5 == 0) else 0.3
            out.append(Span(s, e, Label.DATE, score, "pattern:date_md_dash"))


# --- month names ----------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "febr": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_AMBIGUOUS_MONTH = frozenset({"may", "mar", "march", "dec", "jan", "aug"})
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:r(?:uary)?)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:(?:19|20)\d\d|['’]\d\d)"
_MONTH_RX = re.compile(
    r"(?<![\w'])(?:"
    # 3rd of January 2019 / 3 Jan 2019 / 03-JAN-19 / 3rd January
    rf"(?P<d1>{_DAY})(?P<o1>{_ORD})?(?:\s+of\s+|[\s/-]{{0,2}})(?P<m1>{_MONTH})(?![a-z])\.?"
    rf"(?:(?:,?\s*|[/-])(?P<y1>(?:19|20)\d\d|['’]\d\d|\d\d(?![\w:])))?"
    "|"
    # January 3rd, 2019 / jan3 / Jan. 3 / January the 3rd / Jan 2019 / January of 2019
    rf"(?P<m2>{_MONTH})(?![a-z])\.?(?:\s*(?:of\s+)?(?P<y2>{_YEAR})\b|(?:\s*|-|\s+the\s+)(?P<d2>{_DAY})(?P<o2>{_ORD})?\b"
    rf"(?:(?:,\s*|\s+|-)(?P<y3>{_YEAR}|\d\d(?![\w:/]))\b)?)?"
    r")(?![\w/])",
    re.I,
)


def _month_dates(text: str, out: list[Span]) -> None:
    for m in _MONTH_RX.finditer(text):
        s, e = m.start(), m.end()
        mword = (m.group("m1") or m.group("m2") or "").rstrip(".")
        low = mword.lower()
        month = _MONTHS.get(low)
        if month is None:
            continue
        day_s = m.group("d1") or m.group("d2")
        year_s = m.group("y1") or m.group("y2") or m.group("y3")
        ordinal = m.group("o1") or m.group("o2")
        if day_s is None and year_s is None:
            # a month name alone
            if low in _AMBIGUOUS_MONTH or len(low) < 3:
                continue
            if len(low) <= 4 and low not in ("june", "july", "sept"):
                # abbreviations alone ("Oct", "Nov.") only when capitalised
                if mword[0].isupper() and not mword.isupper():
                    out.append(Span(s, e, Label.DATE, 0.6, "pattern:date_month"))
                continue
            score = 0.8 if mword[0].isupper() else 0.6
            out.append(Span(s, e, Label.DATE, score, "pattern:date_month"))
            continue
        if day_s is not None:
            day = int(day_s)
            if not valid_date(month, day):
                continue
            if m.group("d1") is not None and low in _AMBIGUOUS_MONTH and not ordinal and year_s is None:
                # "2 mar"/"3 may"/"2 dec" — "pt got 2 dec" is not a date
                if not (mword[0].isupper() and not mword.isupper()) and not _DATE_CUE.search(_left(text, s)):
                    continue
            if year_s is None and m.group("d2") is not None:
                if UNIT_AFTER.match(text, e) and not ordinal:
                    # "dec 2 L", "may 5 mg": a quantity; shorten to the month if it is unambiguous
                    if low not in _AMBIGUOUS_MONTH:
                        out.append(Span(s, m.start("d2"), Label.DATE, 0.6, "pattern:date_month"))
                    continue
                if low in _AMBIGUOUS_MONTH and not ordinal:
                    titled = mword[0].isupper() and not mword.isupper()
                    if not titled and not _DATE_CUE.search(_left(text, s)):
                        out.append(Span(s, e, Label.DATE, 0.4, "pattern:date_month_day"))
                        continue
        out.append(Span(s, e, Label.DATE, 0.95, "pattern:date_month_day" if day_s else "pattern:date_month_year"))


# --- weekdays, ordinals, holidays, years -----------------------------------------------------------

_WEEKDAY_RX = re.compile(
    r"(?<![\w'])(?:(?P<full>(?:mon|tues|wednes|thurs|fri|satur|sun)days?)|"
    r"(?P<abbr>mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun))\b\.?",
    re.I,
)
_WEEKDAY_ABBR_CUE = re.compile(
    r"\b(?:on|since|until|till|til|by|from|through|thru|last|next|this|every|early|late|before|after|"
    r"am|pm|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|and|or)\W{0,2}$",
    re.I,
)
_WEEKDAY_ABBR_AFTER = re.compile(
    rf"\.?,?\s*(?:\d{{1,2}}[/-]\d{{1,2}}\b|{_MONTH}\b|the\s+\d|{_DAY}{_ORD}\b|(?:am|pm|morning|night|eve|evening|"
    rf"afternoon|a\.m\.|p\.m\.)\b|[-/]\s*(?:mon|tue|wed|thu|fri|sat|sun)|,\s*(?:mon|tue|wed|thu|fri|sat|sun))",
    re.I,
)
_WEEKDAY_ABBR_VETO = re.compile(r"\.?\s*(?:[\d%:=<>~]|s\b|of\b|down|up|dropp|drop|desat|prob|probe|ok\b|good|stable|wnl)", re.I)
_SAT_LEFT = re.compile(r"(?:o2|spo2|pulse ox|pox|ox|%|o2\s+)\s*$", re.I)
_ORDINAL_RX = re.compile(
    rf"\b(?:on|of|since|until|till|til|by|before|after|from|through|thru|starting|beginning|to|and)\s+"
    rf"(?P<the>the\s+)(?P<d>{_DAY}){_ORD}\b(?!\s*(?:time|day|dose|week|month|year|hour|cycle|of\s+(?:the|\d)|"
    r"percentile|grade|rib|icu|floor|trial|attempt|round|line|digit|toe|finger|degree|cranial|cn|intercostal|ics))",
    re.I,
)
_HOLIDAY_RX = re.compile(
    r"\b(?:christmas(?:\s+(?:eve|day))?|x-?mas|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|"
    r"new\s+year'?s?(?:\s+(?:day|eve))?|halloween|valentine'?s?\s+day|independence\s+day|"
    r"(?:4th|fourth)\s+of\s+july|memorial\s+day|labor\s+day|veterans'?\s+day|mlk\s+day|"
    r"martin\s+luther\s+king(?:\s+jr\.?)?\s+day|presidents'?\s+day|columbus\s+day|mother'?s\s+day|"
    r"father'?s\s+day|st\.?\s+patrick'?s\s+day|hanukk?ah|chanukk?ah|passover|yom\s+kippur|"
    r"rosh\s+hashanah?|ramadan|eid(?:\s+al-?(?:fitr|adha))?|boxing\s+day|good\s+friday|ash\s+wednesday|"
    r"kwanzaa|juneteenth|super\s+bowl\s+sunday|black\s+friday|cinco\s+de\s+mayo|new\s+year)\b"
    r"(?:,?\s*(?:of\s+)?(?:(?:19|20)\d\d|['’]\d\d)\b)?",
    re.I,
)
_YEAR_RX = re.compile(
    r"(?<![\w./:$#+,-])(?:(?P<y>(?:19|20)\d\d|2100)(?P<s>'?s)?|['’](?P<y2>\d\d)(?P<s2>s)?)(?![\w/'’]|[.,:]\d)"
)


def _weekdays(text: str, out: list[Span]) -> None:
    for m in _WEEKDAY_RX.finditer(text):
        s, e = m.start(), m.end()
        if m.group("full"):
            out.append(Span(s, e, Label.DATE, 0.85, "pattern:date_weekday"))
            continue
        word = m.group("abbr")
        after = _WEEKDAY_ABBR_AFTER.match(text, m.end("abbr"))
        if not after and _WEEKDAY_ABBR_VETO.match(text, m.end("abbr")):
            continue
        if after or _WEEKDAY_ABBR_CUE.search(_left(text, s, 12)):
            if after or word[0].isupper() or word.lower() not in ("sat", "sun", "wed", "mon"):
                # "on sat monitor", "in the sun": a lowercase collision word alone needs a date after it
                out.append(Span(s, e, Label.DATE, 0.85, "pattern:date_weekday"))
            continue
        if word[0].isupper():
            if word.lower() == "sat" and _SAT_LEFT.search(_left(text, s, 12)):
                continue
            # "Sat", "Tues." alone, capitalised: probably the day; "Sat 95%", "SAT: 92" are saturations
            out.append(Span(s, e, Label.DATE, 0.6, "pattern:date_weekday"))


def _years(text: str, out: list[Span]) -> None:
    for m in _YEAR_RX.finditer(text):
        s, e = m.start(), m.end()
        if m.group("y2") is not None:
            # '92 — an apostrophe year; not 5'10" (the lookbehind rules out a digit before)
            if text[e : e + 1] in ('"', "”"):
                continue
            out.append(Span(s, e, Label.DATE, 0.8, "pattern:date_year"))
            continue
        n = int(m.group("y"))
        if UNIT_AFTER.match(text, e):
            continue
        left = _left(text, s, 24)
        time_like = n % 100 < 60 and n <= 2359
        if time_like and (_TIME_CUE.search(left) or _TIME_AFTER.match(text, e)):
            continue
        if _YEAR_CUE.search(left):
            score = 0.85 if (not time_like or not left.rstrip().lower().endswith(("since", "until", "till", "to", "from", "before", "after"))) else 0.6
        elif m.group("s"):
            score = 0.6  # "the 1990s"
        elif _MEAS_CUE.search(left):
            continue
        elif 1960 <= n <= 1999:
            score = 0.7
        else:
            score = 0.45
        out.append(Span(s, e, Label.DATE, score, "pattern:date_year"))


class DateDetector:
    """Dates in every shape notes use; see the module docstring for the decision rules."""

    name = "pattern_date"

    def __init__(self, keep_years: bool = False):
        self.keep_years = keep_years

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        out: list[Span] = []
        _numeric_dates(text, out)
        _month_dates(text, out)
        _weekdays(text, out)
        for m in _ORDINAL_RX.finditer(text):
            if valid_date(1, int(m.group("d"))):
                out.append(Span(m.start("the"), m.end(), Label.DATE, 0.85, "pattern:date_ordinal"))
        for m in _HOLIDAY_RX.finditer(text):
            out.append(Span(m.start(), m.end(), Label.DATE, 0.85, "pattern:date_holiday"))
        if not self.keep_years:
            _years(text, out)
        return out


# --- AGE over 89 ------------------------------------------------------------------------------------

_AGE_NUM = r"(?P<n>9\d|1[01]\d|12[0-5])"
_AGE_RX = re.compile(
    r"(?<![\w.,/-])" + _AGE_NUM + r"(?:"
    r"\s*-?\s*(?:y/?o|y\.\s?o\.?|yo[mf]?|yrs?\.?\s*-?\s*old|years?\s*-?\s*old|year-old|yr-old|yoa|y\s?[mf]\b|"
    r"(?:yrs?|years)\s+of\s+age|(?:yrs?|years)\b(?=\s*,?\s*(?:m|f|male|female|man|woman|w/|with|who|pt)\b))"
    r")(?![a-z])"
    r"|\bage[ds]?\s*(?:of\s*|is\s*|was\s*|[:=]\s*|-\s*)?" + _AGE_NUM.replace("?P<n>", "?P<n2>") + r"\b(?![./:]\d)"
    r"|\b(?P<dec>(?:in|into)\s+(?:his|her|their|the|pt'?s|patient'?s)\s+(?:(?:early|mid|late|upper|mid-|lower)\s*-?\s*)?)"
    r"(?P<n3>90'?s|nineties|100'?s|hundreds)\b"
    r"|\b(?P<w>ninety(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"(?:one\s+)?hundred(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
    r"[\s-]+(?:years?|yrs?)[\s-]*old\b"
    r"|\b(?P<w2>nonagenarian|centenarian)s?\b",
    re.I,
)
_AGE_SEX_RX = re.compile(
    r"\b(?:an?|pt|patient|is|this)\s+" + _AGE_NUM + r"\s?(?:m|f|male|female|man|woman|gentleman|lady|gent)\b",
    re.I,
)


class AgeDetector:
    """Ages over 89 (see the module docstring)."""

    name = "pattern_age"

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        out: list[Span] = []
        for m in _AGE_RX.finditer(text):
            for g in ("n", "n2", "n3", "w", "w2"):
                if m.group(g):
                    out.append(Span(m.start(g), m.end(g), Label.AGE, 0.95, "pattern:age"))
                    break
        for m in _AGE_SEX_RX.finditer(text):
            out.append(Span(m.start("n"), m.end("n"), Label.AGE, 0.85, "pattern:age_sex"))
        return out
