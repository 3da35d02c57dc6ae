"""Generalization hierarchies: for every original value, its released value at each level.

Level 0 is the original value; the last level is usually ``*`` (everything merged). A hierarchy is a
table with one row per *leaf* (original value) and one column per level, exactly as ARX stores it in
its CSV hierarchy files. Built-in hierarchies (ages, dates, ZIP codes) build that table from the
values found in the data, so their leaves are the distinct values of the column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SUPPRESSED = "*"

#: HIPAA Safe Harbor: 3-digit ZIP areas with 20,000 people or fewer (2000 census) must become 000.
RESTRICTED_ZIP3 = frozenset("036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893".split())


class HierarchyError(ValueError):
    """A hierarchy cannot be built or does not cover a value; the message is for the user."""


@dataclass
class Hierarchy:
    """A generalization hierarchy: ``rows[leaf] = [level0, level1, …]``.

    ``rows`` maps every leaf (original value) to its generalized value at each level; all rows have
    the same number of levels. ``name`` is used in messages.
    """

    name: str
    rows: dict[str, list[str]]
    _leaf_count: list[dict[str, int]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.rows:
            raise HierarchyError(f"hierarchy {self.name!r} is empty")
        widths = {len(r) for r in self.rows.values()}
        if len(widths) != 1:
            raise HierarchyError(
                f"hierarchy {self.name!r}: rows have different numbers of levels {sorted(widths)}"
            )
        self._leaf_count = []
        for lvl in range(self.depth):
            counts: dict[str, int] = {}
            for r in self.rows.values():
                counts[r[lvl]] = counts.get(r[lvl], 0) + 1
            self._leaf_count.append(counts)

    @property
    def depth(self) -> int:
        """Number of levels, including level 0 (the original values)."""
        return len(next(iter(self.rows.values())))

    @property
    def height(self) -> int:
        """Highest level (``depth - 1``)."""
        return self.depth - 1

    @property
    def leaves(self) -> int:
        """Number of leaves (original values) of the hierarchy."""
        return len(self.rows)

    def generalize(self, value: str, level: int) -> str:
        """The released value of ``value`` at ``level``."""
        try:
            return self.rows[value][level]
        except KeyError:
            raise HierarchyError(f"hierarchy {self.name!r} has no row for value {value!r}") from None

    def leaves_under(self, generalized: str, level: int) -> int:
        """How many leaves the released value ``generalized`` at ``level`` stands for."""
        return self._leaf_count[level].get(generalized, 0)

    def missing(self, values: Iterable[str]) -> list[str]:
        """The values in ``values`` that the hierarchy does not cover."""
        return sorted({v for v in values if v not in self.rows})

    @classmethod
    def from_csv(cls, path: str | Path, name: str | None = None, sep: str | None = None) -> Hierarchy:
        """Read an ARX hierarchy CSV: one row per value, columns = levels (``;``-separated by default)."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise HierarchyError(f"{path}: hierarchy file not found") from None
        except (OSError, UnicodeDecodeError) as e:
            raise HierarchyError(f"{path}: cannot read hierarchy ({e})") from None
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if not lines:
            raise HierarchyError(f"{path}: hierarchy file is empty")
        if sep is None:
            sep = ";" if ";" in lines[0] else ("," if "," in lines[0] else ";")
        rows: dict[str, list[str]] = {}
        for i, row in enumerate(csv.reader(lines, delimiter=sep), 1):
            if not row:
                continue
            if row[0] in rows:
                raise HierarchyError(f"{path}:{i}: value {row[0]!r} appears twice")
            rows[row[0]] = row
        h = cls(name or p.stem, rows)
        return h


def _build(name: str, values: Iterable[str], levels: Sequence[Callable[[str], str]]) -> Hierarchy:
    rows = {}
    for v in sorted(set(values)):
        rows[v] = [v] + [f(v) for f in levels]
    if not rows:
        raise HierarchyError(f"hierarchy {name!r}: the column has no values")
    return Hierarchy(name, rows)


def _band(width: int, top: int | None) -> Callable[[str], str]:
    def f(v: str) -> str:
        try:
            a = int(float(v))
        except ValueError:
            return SUPPRESSED
        if top is not None and a >= top:
            return f"{top}+"
        lo = (a // width) * width
        hi = lo + width - 1
        if top is not None and hi >= top:
            hi = top - 1
        return f"{lo}-{hi}"

    return f


def age_hierarchy(
    values: Iterable[str], bands: Sequence[int] = (5, 10, 20), top: int | None = 90, name: str = "age"
) -> Hierarchy:
    """Ages: level 0 the age (``top+`` already for ages ≥ ``top``, as Safe Harbor requires), then
    bands of ``bands`` years, then ``*``. Non-numeric ages generalize to ``*`` at every level ≥ 1."""

    def level0(v: str) -> str:
        try:
            a = int(float(v))
        except ValueError:
            return v
        return f"{top}+" if top is not None and a >= top else v

    vals = sorted(set(values))
    rows = {v: [level0(v)] + [_band(b, top)(v) for b in bands] + [SUPPRESSED] for v in vals}
    if not rows:
        raise HierarchyError(f"hierarchy {name!r}: the column has no values")
    return Hierarchy(name, rows)


_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def date_hierarchy(values: Iterable[str], name: str = "date") -> Hierarchy:
    """ISO dates (``YYYY-MM-DD``, a time part is ignored): day → month (``YYYY-MM``) → year → ``*``."""

    def month(v: str) -> str:
        m = _DATE.match(v)
        return f"{m.group(1)}-{m.group(2)}" if m else SUPPRESSED

    def year(v: str) -> str:
        m = _DATE.match(v)
        return m.group(1) if m else SUPPRESSED

    return _build(name, values, [month, year, lambda v: SUPPRESSED])


# First three ZIP digits → state (USPS prefix ranges, inclusive).
_ZIP3_STATE_RANGES = [
    (5, 5, "NY"),
    (6, 9, "PR"),
    (10, 27, "MA"),
    (28, 29, "RI"),
    (30, 38, "NH"),
    (39, 49, "ME"),
    (50, 59, "VT"),
    (60, 69, "CT"),
    (70, 89, "NJ"),
    (90, 99, "AE"),
    (100, 149, "NY"),
    (150, 196, "PA"),
    (197, 199, "DE"),
    (200, 205, "DC"),
    (206, 219, "MD"),
    (220, 246, "VA"),
    (247, 268, "WV"),
    (270, 289, "NC"),
    (290, 299, "SC"),
    (300, 319, "GA"),
    (320, 349, "FL"),
    (350, 369, "AL"),
    (370, 385, "TN"),
    (386, 397, "MS"),
    (398, 399, "GA"),
    (400, 427, "KY"),
    (430, 459, "OH"),
    (460, 479, "IN"),
    (480, 499, "MI"),
    (500, 528, "IA"),
    (530, 549, "WI"),
    (550, 567, "MN"),
    (569, 569, "DC"),
    (570, 577, "SD"),
    (580, 588, "ND"),
    (590, 599, "MT"),
    (600, 629, "IL"),
    (630, 658, "MO"),
    (660, 679, "KS"),
    (680, 693, "NE"),
    (700, 715, "LA"),
    (716, 729, "AR"),
    (730, 749, "OK"),
    (750, 799, "TX"),
    (800, 816, "CO"),
    (820, 831, "WY"),
    (832, 838, "ID"),
    (840, 847, "UT"),
    (850, 865, "AZ"),
    (870, 884, "NM"),
    (885, 885, "TX"),
    (889, 898, "NV"),
    (900, 961, "CA"),
    (962, 966, "AP"),
    (967, 968, "HI"),
    (969, 969, "GU"),
    (970, 979, "OR"),
    (980, 994, "WA"),
    (995, 999, "AK"),
]


def zip3_state(zip3: str) -> str:
    """The state (or military/territory code) of a 3-digit ZIP prefix; ``*`` when unknown."""
    try:
        z = int(zip3)
    except ValueError:
        return SUPPRESSED
    for lo, hi, st in _ZIP3_STATE_RANGES:
        if lo <= z <= hi:
            return st
    return SUPPRESSED


def zip_hierarchy(values: Iterable[str], name: str = "zip") -> Hierarchy:
    """ZIP codes: 5 digits → 3 digits (``021**``; ``000**`` for Safe Harbor's restricted areas) →
    state → ``*``. ZIP+4 is cut to 5 digits at level 0 is *not* done: level 0 is the value as given."""

    def digits(v: str) -> str:
        return re.sub(r"\D", "", v)

    def zip3(v: str) -> str:
        d = digits(v)
        if len(d) < 3:
            return SUPPRESSED
        p = d[:3]
        return ("000" if p in RESTRICTED_ZIP3 else p) + "**"

    def state(v: str) -> str:
        d = digits(v)
        return zip3_state(d[:3]) if len(d) >= 3 else SUPPRESSED

    return _build(name, values, [zip3, state, lambda v: SUPPRESSED])


def flat_hierarchy(values: Iterable[str], name: str = "attribute") -> Hierarchy:
    """Two levels: the value, or ``*``."""
    return _build(name, values, [lambda v: SUPPRESSED])


def encode_levels(
    h: Hierarchy, values: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Encode a column once for the lattice search.

    Returns ``(leaf_codes, level_map, level_labels, level_leaves)``: ``leaf_codes[row]`` indexes the
    distinct values of the column; ``level_map[l][leaf]`` is the integer code of the released value at
    level ``l``; ``level_labels[l][code]`` is its text; ``level_leaves[l][code]`` the number of
    hierarchy leaves under it.
    """
    from medveil.tables.io import factorize

    leaf_codes, distinct_list = factorize(np.asarray(values, dtype=object))
    distinct = np.array([str(v) for v in distinct_list], dtype=object)
    miss = h.missing(distinct.tolist())
    if miss:
        shown = ", ".join(repr(m) for m in miss[:5])
        more = f" and {len(miss) - 5} more" if len(miss) > 5 else ""
        raise HierarchyError(f"hierarchy {h.name!r} does not cover the value(s) {shown}{more}")
    level_map, level_labels, level_leaves = [], [], []
    for lvl in range(h.depth):
        gen = np.array([h.rows[v][lvl] for v in distinct.tolist()], dtype=object)
        labels, codes = np.unique(gen.astype(str), return_inverse=True)
        level_map.append(codes.astype(np.int64))
        level_labels.append(labels)
        level_leaves.append(np.array([h.leaves_under(x, lvl) for x in labels.tolist()], dtype=np.float64))
    return leaf_codes.astype(np.int64), level_map, level_labels, level_leaves
