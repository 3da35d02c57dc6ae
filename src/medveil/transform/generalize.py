"""Generalization: ages to "90+" or a band, ZIP codes to three digits, dates to year or month-year
(the date part lives in :mod:`medveil.transform.dates`)."""

from __future__ import annotations

import re

from medveil.document import Span
from medveil.transform.base import Context
from medveil.transform.dates import DateGeneralizeOperator
from medveil.transform.keyed import keyed_int

# 45 CFR 164.514(b)(2)(i)(B): three-digit ZIP areas with 20,000 people or fewer (2000 Census) → 000
RESTRICTED_ZIP3 = frozenset(
    {"036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893"}
)
_NUM = re.compile(r"\d+")


def zip3(value: str) -> str:
    """The first three digits of a ZIP code, or "000" for a restricted area (or too few digits)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < 3:
        return "000"
    z = digits[:3]
    return "000" if z in RESTRICTED_ZIP3 else z


def _replace_age(value: str, new: str) -> str:
    m = _NUM.search(value)
    if m is None:
        return new
    after = value[m.end() :]
    if new == "90+" and after.lower().startswith(("-year", "-yr", "-y")):
        new = "90-plus"
    return value[: m.start()] + new + after


def age_of(value: str) -> int | None:
    """The first number in ``value`` (``None`` when there is none)."""
    m = _NUM.search(value)
    return int(m.group()) if m else None


class AgeOperator:
    """Ages: over 89 become "90+" (``mode="90+"``), a keyed value in 90-99 other than the original
    (``mode="value"``), or, for ``mode="band"``, every age becomes its band of ``band_width`` years
    ("40-49") and ages over 89 "90+". Ages up to 89 are kept unless banded. The words around the
    number are kept: "92-year-old" → "90-plus-year-old", "age 93" → "age 90+"."""

    def __init__(self, mode: str = "90+", band_width: int = 10, name: str = "generalize"):
        if mode not in ("90+", "value", "band"):
            raise ValueError(f"age mode must be '90+', 'value' or 'band', not {mode!r}")
        self.mode = mode
        self.band_width = max(1, band_width)
        self.name = name

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        age = age_of(value)
        if age is None:
            return "90+"
        if age > 89:
            if self.mode == "value":
                choices = [a for a in range(90, 100) if a != age]
                return _replace_age(value, str(choices[keyed_int(ctx.key, ctx.scope, "AGE", age, ctx.attempt) % len(choices)]))
            return _replace_age(value, "90+")
        if self.mode == "band":
            lo = age - age % self.band_width
            return _replace_age(value, f"{lo}-{lo + self.band_width - 1}")
        return value


class ZipGeneralize:
    """ZIP codes → their first three digits ("000" for the restricted areas of Safe Harbor)."""

    name = "generalize"

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        return zip3(value)


__all__ = ["AgeOperator", "DateGeneralizeOperator", "RESTRICTED_ZIP3", "ZipGeneralize", "age_of", "zip3"]
