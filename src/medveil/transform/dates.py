"""Dates: parse many written forms, shift by the patient's offset, write back in the same form.

A parsed date remembers where each of its parts (weekday, month, day, year) sits in the original
string and how it was written (zero padding, month name full or abbreviated, case, ordinal suffix,
two- or four-digit year). Writing back replaces only those parts, so separators, punctuation and
spacing survive exactly: "07/22/2019" stays "MM/DD/YYYY", "Jan 3rd, 2019" stays "Mon Dth, YYYY",
"'92" stays "'YY", "Tues 12/4" gets the weekday of the shifted date.

Parts that are missing are filled in before shifting and left out when writing back:

* no year ("7/22", "January 3", "the 5th"): the *reference year* — the year of the first date with a
  year in the same document, else ``reference_year`` of the policy (2000 by default, a leap year so
  that "2/29" is valid). Intervals between such dates are exact within that year;
* no month and no year ("the 5th"): a day of January of the reference year (a day that would land
  on itself moves one more day).

A date written to the month ("Jan 2019", "1/2019", "March") moves by the shift rounded to whole
months, and by at least one month in the direction of the shift. A date written without its year
that a shift of a whole number of years would leave unchanged ("5-25" moved by 365 days, "October"
by 12 months) moves one day (or month) further, so that it never stays as it was.

Two-digit years pivot at 40: ``yy`` up to 40 is 20yy, above it 19yy (fixed, so runs never differ).

A year written alone ("'92", "2019") moves by the shift rounded to whole years, and by at least one
year in the direction of the shift, so that it never stays as it was; other dates move by exactly
``days`` days.
A string that cannot be parsed raises :class:`DateParseError`; operators then fall back to a safe
replacement and never leave the original in place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from medveil.document import Span
from medveil.transform.base import Context


class DateParseError(ValueError):
    """The text is not a date medveil can read."""


_MONTHS_FULL = [calendar.month_name[i].lower() for i in range(1, 13)]
_MONTHS_ABBR = [calendar.month_abbr[i].lower() for i in range(1, 13)]
_MONTH_ALIASES = {"sept": 9}
_MONTH_RX = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WD_FULL = [calendar.day_name[i].lower() for i in range(7)]
_WD_4 = ["mon", "tues", "wed", "thurs", "fri", "sat", "sun"]
_WD_RX = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|urday|sday|rsday)?"
_W = rf"(?:(?P<wd>{_WD_RX})\.?,?\s+)?"
_Y = r"(?P<y>(?:1[89]|20)\d\d|'\d\d|’\d\d)"
_ORD = r"(?P<ord>st|nd|rd|th)?"
_TIME = r"(?P<time>(?:,?\s+|T)(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|T\d\d)?"

_PATTERNS: list[re.Pattern[str]] = [
    re.compile(p, re.I)
    for p in [
        rf"{_W}(?P<y>\d{{4}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}}){_TIME}",
        rf"{_W}(?P<m>\d{{1,2}})(?P<s>[-/.])(?P<d>\d{{1,2}})(?P=s)(?P<y>\d{{4}}|\d{{2}}){_TIME}",
        rf"{_W}(?P<m>\d{{1,2}})(?P<s>[-/])(?P<y>(?:1[89]|20)\d\d)",
        rf"{_W}(?P<m>\d{{1,2}})(?P<s>[-/])(?P<d>\d{{1,2}}){_TIME}",
        r"(?P<m>0?[1-9]|1[0-2])(?P<s>/)(?P<y>[4-9]\d|[0-3]\d)",  # "9/95": month and 2-digit year (a day would be ≤ 31)
        r"(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])",
        rf"{_W}(?P<mon>{_MONTH_RX})\.?\s*(?P<d>\d{{1,2}}){_ORD}(?:,?\s*{_Y})?{_TIME}",
        rf"{_W}(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?[\s-]+(?P<mon>{_MONTH_RX})\.?(?:,?[\s-]+(?P<y>\d{{4}}|'\d\d|\d\d))?{_TIME}",
        rf"(?P<mon>{_MONTH_RX})\.?(?:\s+of)?,?\s*{_Y}",
        rf"(?P<mon>{_MONTH_RX})\.?",
        rf"{_W}(?:the\s+)?(?P<d>\d{{1,2}})(?P<ord>st|nd|rd|th)",
        rf"(?P<wd>{_WD_RX})\.?",
        rf"{_Y}",
        r"(?P<y>(?:1[89]|20)\d\d)s?",
    ]
]


@dataclass(slots=True)
class ParsedDate:
    """A date read from ``text``: its value, which parts were written, and how."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    weekday: bool
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)  # part -> (start, end) in text

    def filled(self, reference_year: int) -> dt.date:
        """The date with missing parts filled in (see the module docstring)."""
        y = self.year if self.year is not None else reference_year
        if self.month is None and self.day is None:
            return dt.date(y, 7, 2)
        if self.month is None:
            return dt.date(y, 1, self.day or 1)
        if self.day is None:
            return dt.date(y, self.month, 15)
        return dt.date(y, self.month, self.day)


TWO_DIGIT_PIVOT = 40  # fixed, so that output never depends on the day medveil runs


def _two_digit_year(yy: int, pivot: int = TWO_DIGIT_PIVOT) -> int:
    return 2000 + yy if yy <= pivot else 1900 + yy


def _month_of(word: str) -> int:
    w = word.lower().rstrip(".")
    if w in _MONTH_ALIASES:
        return _MONTH_ALIASES[w]
    for i, (full, abbr) in enumerate(zip(_MONTHS_FULL, _MONTHS_ABBR, strict=True)):
        if w == full or w == abbr or (len(w) >= 3 and full.startswith(w)):
            return i + 1
    raise DateParseError(f"unknown month {word!r}")


def parse_date(text: str) -> ParsedDate:
    """Parse ``text`` (surrounding whitespace allowed) or raise :class:`DateParseError`."""
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    for rx in _PATTERNS:
        m = rx.fullmatch(core)
        if not m:
            continue
        g = m.groupdict()
        parts = {k: (m.start(k) + lead, m.end(k) + lead) for k in ("wd", "y", "m", "d", "mon", "ord") if g.get(k)}
        year = month = day = None
        if g.get("y"):
            ys = g["y"].lstrip("'’")
            year = int(ys) if len(ys) == 4 else _two_digit_year(int(ys))
        if g.get("m"):
            month = int(g["m"])
        if g.get("mon"):
            month = _month_of(g["mon"])
        if g.get("d"):
            day = int(g["d"])
        if month is not None and day is not None and g.get("m") and month > 12 and day <= 12:
            month, day = day, month  # day-first (European) numeric date
            parts["m"], parts["d"] = parts["d"], parts["m"]
        if month is not None and not 1 <= month <= 12:
            continue
        if day is not None and not 1 <= day <= 31:
            continue
        pd = ParsedDate(text, year, month, day, bool(g.get("wd")), parts)
        try:
            pd.filled(2000)
        except ValueError:
            continue
        return pd
    raise DateParseError(f"not a date: {text!r}")


_AROUND = frozenset(
    "on in at of the since from to until till dated date dob d.o.b born seen admitted discharged by around "
    "about approximately approx circa ca early mid late before after and dos doa".split()
)


def _harmless(words: str) -> bool:
    """True when ``words`` (around a date in one span) are only punctuation and little words such as
    "on", "DOB:", "since" — never a name or a number that would be left in place."""
    return all(w.strip(".:,;()[]-").lower() in _AROUND for w in words.split() if w.strip(".:,;()[]-"))


def parse_date_loose(text: str) -> tuple[str, ParsedDate, str]:
    """Like :func:`parse_date`, but a span may carry little words around the date ("on 3/4/2019",
    "DOB: 03/04/1950"): returns (prefix, date, suffix). Anything else around the date (a name, a
    number) makes it unparseable, so that the whole span is replaced by the fallback."""
    try:
        return "", parse_date(text), ""
    except DateParseError:
        pass
    best: tuple[int, int] | None = None
    for rx in _PATTERNS[:-3]:  # not the bare weekday and year patterns: too loose inside other text
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if (a and text[a - 1].isalnum()) or (b < len(text) and text[b].isalnum()):
                continue
            if not _harmless(text[:a]) or not _harmless(text[b:]):
                continue
            if best is None or b - a > best[1] - best[0]:
                best = (a, b)
    if best is None:
        raise DateParseError(f"not a date: {text!r}")
    a, b = best
    return text[:a], parse_date(text[a:b]), text[b:]


def _case_like(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like.islower():
        return word.lower()
    return word[:1].upper() + word[1:].lower()


def _num(value: int, like: str, padded: bool) -> str:
    return f"{value:02d}" if (padded and len(like) == 2) or like.startswith("0") else str(value)


def _padded(parsed: ParsedDate) -> bool:
    """True when the numeric month/day are written zero-padded ("07/22", "12/22", but not "12/4")."""
    nums = [parsed.text[s:e] for k, (s, e) in parsed.parts.items() if k in ("m", "d")]
    if any(n.startswith("0") for n in nums):
        return True
    return len(nums) == 2 and all(len(n) == 2 for n in nums)


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _month_word(month: int, like: str) -> str:
    w = like.lower().rstrip(".")
    if w in _MONTHS_FULL:
        word = _MONTHS_FULL[month - 1]
    elif len(w) == 4 and w != "june" and w != "july":  # "Sept"
        word = "sept" if month == 9 else _MONTHS_ABBR[month - 1]
    elif len(w) == 3:
        word = _MONTHS_ABBR[month - 1]
    else:
        word = _MONTHS_FULL[month - 1]
    return _case_like(word, like)


def _weekday_index(word: str) -> int:
    w = word.lower().rstrip(".")
    for i, full in enumerate(_WD_FULL):
        if full.startswith(w[:3]):
            return i
    raise DateParseError(f"unknown weekday {word!r}")


def _weekday_word(weekday: int, like: str) -> str:
    w = like.lower()
    if w in _WD_FULL:
        word = _WD_FULL[weekday]
    elif len(w) == 3:
        word = _WD_FULL[weekday][:3]
    else:
        word = _WD_4[weekday]
    return _case_like(word, like)


def format_like(parsed: ParsedDate, new: dt.date, *, keep: frozenset[str] = frozenset()) -> str:
    """Write ``new`` in the form of ``parsed``: every written part replaced in place, the rest kept.

    ``keep`` names parts to leave as written (used to drop parts when generalizing).
    """
    text = parsed.text
    padded = _padded(parsed)
    repl: list[tuple[int, int, str]] = []
    for part, (s, e) in parsed.parts.items():
        if part in keep:
            continue
        like = text[s:e]
        if part == "y":
            if like[:1] in "'’":
                out = like[0] + f"{new.year % 100:02d}"
            elif len(like) == 2:
                out = f"{new.year % 100:02d}"
            else:
                out = f"{new.year:04d}"
        elif part == "m":
            out = _num(new.month, like, padded)
        elif part == "d":
            out = _num(new.day, like, padded)
        elif part == "mon":
            out = _month_word(new.month, like)
        elif part == "ord":
            out = _case_like(_ordinal(new.day), like)
        elif part == "wd":
            out = _weekday_word(new.weekday(), like)
        else:  # pragma: no cover - every part is listed above
            continue
        repl.append((s, e, out))
    for s, e, out in sorted(repl, reverse=True):
        text = text[:s] + out + text[e:]
    return text


def shift_date(text: str, days: int, reference_year: int = 2000) -> str:
    """``text`` moved by ``days`` days and written in its own form (raises :class:`DateParseError`)."""
    pre, p, post = parse_date_loose(text)
    try:
        sign = 1 if days > 0 else -1 if days < 0 else 0
        if p.weekday and p.year is None and p.month is None and p.day is None:  # "Tue": the weekday moves
            ws, we = p.parts["wd"]
            old = _weekday_index(p.text[ws:we])
            step = days % 7 or (sign % 7)
            new = dt.date(2001, 1, 1) + dt.timedelta(days=(old + step) % 7)  # 1 Jan 2001 was a Monday
        elif p.month is None and p.day is None and p.year is not None:
            years = round(days / 365.25) or sign
            new = dt.date(p.year + years, 7, 2)
        elif p.day is None and p.month is not None:
            months = round(days / 30.4375) or sign
            base = p.filled(reference_year)
            k = base.year * 12 + base.month - 1 + months
            new = dt.date(k // 12, k % 12 + 1, 15)
        else:
            new = p.filled(reference_year) + dt.timedelta(days=days)
            if p.month is None and new.day == p.day:  # a day alone that lands on the same day
                new += dt.timedelta(days=sign)
    except (ValueError, OverflowError) as e:
        raise DateParseError(str(e)) from None
    out = format_like(p, new)
    if out.casefold() == p.text.casefold() and days:
        # a date written without its year, moved by a whole number of years ("5-25" by 365 days,
        # "October" by 12 months), would stay as it was: it moves one more day (or month) instead
        try:
            if p.day is None and p.month is not None:
                k = new.year * 12 + new.month - 1 + sign
                new = dt.date(k // 12, k % 12 + 1, 15)
            else:
                new += dt.timedelta(days=sign)
        except (ValueError, OverflowError) as e:
            raise DateParseError(str(e)) from None
        out = format_like(p, new)
    return pre + out + post


def generalize_date(text: str, to: str = "year") -> str:
    """The year of ``text`` (``to="year"``) or its month and year (``to="month_year"``), in its form.

    "Jan 3rd, 2019" → "2019" or "Jan 2019"; "07/22/2019" → "2019" or "07/2019". Raises
    :class:`DateParseError` when the date has no year to keep.
    """
    pre, p, post = parse_date_loose(text)
    text = p.text
    if p.year is None:
        raise DateParseError(f"no year in {text!r}")
    ys, ye = p.parts["y"]
    year_text = text[ys:ye]
    if to == "year" or p.month is None:
        return pre + year_text.strip() + post
    if "mon" in p.parts:
        ms, me = p.parts["mon"]
        return f"{pre}{text[ms:me]} {year_text}{post}"
    ms, me = p.parts["m"]
    sep = "/"
    for ch in text:
        if ch in "/-.":
            sep = ch
            break
    if ys < ms:
        return f"{pre}{year_text}{sep}{text[ms:me]}{post}"
    return f"{pre}{text[ms:me]}{sep}{year_text}{post}"


def document_reference_year(texts: list[str], default: int) -> int:
    """The year of the first of ``texts`` that parses with a year, else ``default``."""
    for t in texts:
        try:
            p = parse_date(t)
        except DateParseError:
            continue
        if p.year is not None and p.month is not None:
            return p.year
    return default


class DateShiftOperator:
    """Surrogate for dates: shift by the patient's offset and keep the written form.

    A date that cannot be read is replaced by ``fallback`` (never left as it is).
    """

    name = "surrogate"

    def __init__(self, fallback: str = "[DATE]"):
        self.fallback = fallback

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        try:
            return shift_date(value, ctx.shift_days, ctx.reference_year)
        except DateParseError:
            return self.fallback


class DateGeneralizeOperator:
    """Generalize dates to their year or month-year; a date without a year becomes ``fallback``."""

    name = "generalize"

    def __init__(self, to: str = "year", fallback: str = "[DATE]"):
        if to not in ("year", "month_year"):
            raise ValueError(f"dates generalize to 'year' or 'month_year', not {to!r}")
        self.to = to
        self.fallback = fallback

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        try:
            return generalize_date(value, self.to)
        except DateParseError:
            return self.fallback
