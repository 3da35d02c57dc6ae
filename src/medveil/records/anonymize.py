"""Anonymize JSON records and events field by field (see :mod:`medveil.records.policy`).

Two passes over the records: the first collects the identifier values so that sequential ids are
consistent across the whole dataset (ids are assigned in the order of a keyed hash of the values when
a key is given, so they do not reveal the order in which values first appeared; in order of first
appearance otherwise); the second applies the rules. Free-text fields go through medveil's text
de-identification (:class:`medveil.deidentify.Deidentifier`) when available, else through the
detection pipeline with detected spans redacted; afterwards every string of the record's dropped or
replaced identifier fields (and each word of it with 3+ characters) that still occurs in the text is
redacted, so that no identifier survives inside free text.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from medveil.records.policy import FieldRule, PolicyError, RecordsPolicy

REDACTED = "[REDACTED]"
# words that occur inside addresses and e-mail addresses without identifying anyone
_STRUCTURAL_WORDS = frozenset(
    "street st avenue ave road rd drive dr lane ln way place pl court ct boulevard blvd circle terrace "
    "highway suite apt apartment unit floor north south east west new saint com org net edu gov mail "
    "email example info the and".split()
)


class RecordsError(ValueError):
    """The records cannot be anonymized as asked; the message is for the user."""


class _Many(list):
    """Values gathered from every element of a list (``a[].b``), as opposed to a list-valued leaf."""


_MISSING = object()


def parse_path(path: str) -> list[tuple[str, bool]]:
    """``"a.b[].c"`` → ``[("a", False), ("b", True), ("c", False)]``."""
    segs = []
    for part in path.split("."):
        if not part:
            raise PolicyError(f"field path {path!r} has an empty part")
        is_list = part.endswith("[]")
        segs.append((part[:-2] if is_list else part, is_list))
    return segs


def get_path(obj: Any, segs: list[tuple[str, bool]]) -> Any:
    """The value at ``segs`` (a :class:`_Many` for list segments), or ``_MISSING``."""
    if not segs:
        return obj
    name, is_list = segs[0]
    if not isinstance(obj, dict) or name not in obj:
        return _MISSING
    v = obj[name]
    if is_list:
        if not isinstance(v, list):
            return _MISSING
        return _Many(get_path(e, segs[1:]) for e in v)
    return get_path(v, segs[1:])


def set_path(out: dict, segs: list[tuple[str, bool]], value: Any) -> None:
    """Put ``value`` (shaped as :func:`get_path` returns it) at ``segs`` in ``out``."""
    name, is_list = segs[0]
    if len(segs) == 1:
        if value is not _MISSING:
            out[name] = list(value) if isinstance(value, _Many) else value
        return
    if is_list:
        if not isinstance(value, _Many):
            return
        lst = out.setdefault(name, [{} for _ in value])
        for i, v in enumerate(value):
            if i < len(lst) and isinstance(lst[i], dict):
                set_path(lst[i], segs[1:], v)
    else:
        set_path(out.setdefault(name, {}), segs[1:], value)


def del_path(obj: Any, segs: list[tuple[str, bool]]) -> None:
    """Remove the field at ``segs`` (in every list element) from ``obj``."""
    if not isinstance(obj, dict) or not segs:
        return
    name, is_list = segs[0]
    if name not in obj:
        return
    if len(segs) == 1:
        del obj[name]
    elif is_list and isinstance(obj[name], list):
        for e in obj[name]:
            del_path(e, segs[1:])
    else:
        del_path(obj[name], segs[1:])


def leaves(value: Any) -> list[Any]:
    """Every scalar inside ``value``."""
    if isinstance(value, dict):
        return [x for v in value.values() for x in leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in leaves(v)]
    return [] if value is _MISSING or value is None else [value]


def map_values(value: Any, fn) -> Any:
    """Apply ``fn`` to each element of a :class:`_Many` (recursively), or to ``value`` itself."""
    if value is _MISSING:
        return value
    if isinstance(value, _Many):
        return _Many(map_values(v, fn) for v in value)
    return fn(value)


# --- value operators ----------------------------------------------------------------------------
def _as_number(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.strip())
        except ValueError:
            return None
    return None


def _format_number(x: float, digits: int | None) -> int | float:
    if digits is not None and digits <= 0:
        return int(round(x))
    return round(x, digits) if digits is not None else x


def round_value(v: Any, rule: FieldRule) -> Any:
    """Reduce the precision of a number (``digits`` may be negative) or round to a ``step``."""
    x = _as_number(v)
    if x is None:
        return None
    if rule.step:
        y = round(x / rule.step) * rule.step
        return int(y) if float(rule.step).is_integer() else round(y, 10)
    return _format_number(round(x, rule.digits), rule.digits)


def laplace(u: float, b: float) -> float:
    """Laplace(0, b) noise from a uniform ``u`` in (0, 1) (inverse CDF)."""
    u = min(max(u, 1e-16), 1 - 1e-16) - 0.5
    return -b * math.copysign(1.0, u) * math.log(1 - 2 * abs(u))


def parse_time(v: Any) -> dt.datetime | None:
    """ISO 8601 string (``Z`` allowed) or epoch seconds → datetime (UTC if no zone), else None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return dt.datetime.fromtimestamp(float(v), tz=dt.UTC)
    if isinstance(v, str):
        try:
            d = dt.datetime.fromisoformat(v.strip())
        except ValueError:
            return None
        return d
    return None


def shift_time(v: Any, days: int) -> Any:
    """Move a date, timestamp (ISO 8601) or epoch-seconds value by ``days``; keeps its form."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return type(v)(v + days * 86400)
    if isinstance(v, str):
        s = v.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return (dt.date.fromisoformat(s) + dt.timedelta(days=days)).isoformat()
        d = parse_time(s)
        if d is None:
            return None
        out = (d + dt.timedelta(days=days)).isoformat()
        return out.replace("+00:00", "Z") if s.endswith("Z") else out
    return None


def truncate_time(v: Any, unit: str) -> Any:
    """Truncate a timestamp to ``unit``; day and coarser print as ``YYYY-MM-DD``/``YYYY-MM``/``YYYY``."""
    d = parse_time(v)
    if d is None:
        return None
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "week":
        return (d.date() - dt.timedelta(days=d.weekday())).isoformat()
    if unit == "day":
        return d.date().isoformat()
    if unit == "hour":
        d = d.replace(minute=0, second=0, microsecond=0)
    elif unit == "minute":
        d = d.replace(second=0, microsecond=0)
    else:
        d = d.replace(microsecond=0)
    if isinstance(v, int | float):
        return int(d.timestamp())
    return d.isoformat()


@dataclass
class RecordsResult:
    """The anonymized records, the field description and counters."""

    records: list[dict[str, Any]]
    fields: list[dict[str, Any]]
    stats: dict[str, int] = field(default_factory=dict)


class RecordsAnonymizer:
    """Apply a :class:`RecordsPolicy` to a list of records (dicts)."""

    def __init__(self, policy: RecordsPolicy, secret: bytes | str | None = None):
        self.policy = policy
        self.secret = secret
        self.paths = {p: parse_path(p) for p in policy.fields}
        self.out_names = self._output_names()
        self._ids: dict[str, dict[str, int]] = {}
        self._text = None
        self._surrogate_maker = None
        self.stats: dict[str, int] = defaultdict(int)
        needs_key = [
            p for p, r in policy.fields.items() if r.action in ("token", "noise", "surrogate", "shift")
        ]
        if needs_key and secret is None:
            raise RecordsError(
                f"field(s) {', '.join(needs_key)} need a secret key (token/surrogate/shift/noise); pass --key-file or set MEDVEIL_KEY"
            )
        if policy.neutral_names and policy.default == "keep":
            raise RecordsError("neutral_names needs default: drop (unnamed fields would keep their names)")

    def _output_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        i = 0
        for path, rule in self.policy.fields.items():
            if rule.action == "drop":
                continue
            i += 1
            if rule.rename:
                names[path] = rule.rename
            elif self.policy.neutral_names:
                names[path] = f"f{i}"
            else:
                names[path] = path
        seen: dict[str, str] = {}
        for p, n in names.items():
            if n in seen:
                raise RecordsError(f"fields {seen[n]!r} and {p!r} would both be written as {n!r}")
            seen[n] = p
        return names

    def _key(self, purpose: str) -> bytes:
        from medveil.transform.keyed import derive_key

        assert self.secret is not None
        return derive_key(self.secret, purpose)

    # --- pass 1 ----------------------------------------------------------------------------------
    def _collect_ids(self, records: list[dict[str, Any]]) -> None:
        first_seen: dict[str, dict[str, int]] = defaultdict(dict)
        for rec in records:
            for path, rule in self.policy.fields.items():
                if rule.action != "sequential":
                    continue
                ns = rule.namespace or path
                for v in leaves(get_path(rec, self.paths[path])):
                    first_seen[ns].setdefault(str(v), len(first_seen[ns]))
        for ns, values in first_seen.items():
            if self.secret is not None:
                from medveil.transform.keyed import keyed_digest

                k = self._key("sequential-ids")
                order = sorted(values, key=lambda s, ns=ns: keyed_digest(k, ns, s))
            else:
                order = sorted(values, key=lambda s: values[s])
            self._ids[ns] = {s: i + 1 for i, s in enumerate(order)}

    # --- pass 2 ----------------------------------------------------------------------------------
    def _text_op(self, text: str, index: int, known: list[str]) -> str:
        out = None
        if self._text is None:
            self._text = self._make_text_engine()
        kind, engine = self._text
        try:
            if kind == "deidentify":
                from medveil.document import Document

                doc = Document(text=text, id=str(index), context={"known_identifiers": known})
                out = engine.deidentify(doc).text
            else:
                spans = engine.detect(text)
                out = text
                for sp in sorted(spans, key=lambda s: s.start, reverse=True):
                    out = out[: sp.start] + f"[{sp.label}]" + out[sp.end :]
        except Exception:  # fail closed: a text that cannot be processed is not written
            self.stats["texts_withheld"] += 1
            return REDACTED
        return self._scrub(out, known)

    def _make_text_engine(self):
        try:
            from medveil.deidentify import Deidentifier

            return ("deidentify", Deidentifier(self.policy.text_policy, self.secret or _random_secret()))
        except ImportError:
            from medveil.pipeline import Pipeline

            return ("pipeline", Pipeline())

    def _scrub(self, text: str, known: list[str]) -> str:
        """Redact any known identifier string (and its words of 3+ characters) left in ``text``."""
        targets = set()
        for k in known:
            k = k.strip()
            if len(re.sub(r"\W", "", k)) >= 3:
                targets.add(k)
            for w in re.findall(r"\w{3,}", k):
                # words of an identifier: not structural words (Street, com) nor short numbers (area codes)
                if w.isdigit() and len(w) < 4 or w.casefold() in _STRUCTURAL_WORDS:
                    continue
                targets.add(w)
        for t in sorted(targets, key=len, reverse=True):
            rx = re.compile(r"(?<!\w)" + re.escape(t) + r"(?!\w)", re.IGNORECASE)
            text, n = rx.subn(REDACTED, text)
            self.stats["identifier_strings_scrubbed_from_text"] += n
        return text

    def _surrogates(self):
        if self._surrogate_maker is None:
            from medveil.tables.anonymize import AnonymizeError, SurrogateMaker

            labels = {p: r.label for p, r in self.policy.fields.items() if r.action == "surrogate"}
            try:
                self._surrogate_maker = SurrogateMaker(self.secret, labels, self.policy.text_policy)
            except AnonymizeError as e:
                raise RecordsError(str(e)) from None
        return self._surrogate_maker

    def _apply(
        self, path: str, rule: FieldRule, value: Any, index: int, known: list[str], record: dict | None = None
    ) -> Any:
        a = rule.action
        if a == "keep":
            return value
        if a == "sequential":
            ids = self._ids[rule.namespace or path]
            return map_values(value, lambda v: ids.get(str(v)) if v is not None else None)
        if a == "token":
            from medveil.tables.anonymize import token_for

            return map_values(
                value, lambda v: token_for(self.secret, rule.label, str(v)) if v is not None else None
            )
        if a == "surrogate":
            maker = self._surrogates()
            pid = ""
            if rule.patient:
                pv = get_path(record, parse_path(rule.patient))
                pid = "" if pv is _MISSING or pv is None else str(pv)
            return map_values(value, lambda v: maker.get(path, str(v), pid) if v is not None else None)
        if a == "shift":
            pid = ""
            if rule.patient:
                pv = get_path(record, parse_path(rule.patient))
                pid = "" if pv is _MISSING or pv is None else str(pv)
            scope = f"patient:{pid}" if pid else f"record:{index}"
            from medveil.transform.keyed import date_shift_days

            days = date_shift_days(self._key("date-shift"), scope, rule.min_days, rule.max_days)
            return map_values(value, lambda v: shift_time(v, days))
        if a == "truncate":
            return map_values(value, lambda v: truncate_time(v, rule.unit))
        if a == "round":
            return map_values(value, lambda v: round_value(v, rule))
        if a == "noise":
            return self._noise(path, rule, value, index)
        if a == "text":
            return map_values(value, lambda v: self._text_op(v, index, known) if isinstance(v, str) else v)
        raise RecordsError(f"unknown action {a!r}")  # pragma: no cover - validated by the policy

    def _noise(self, path: str, rule: FieldRule, value: Any, index: int) -> Any:
        from medveil.transform.keyed import keyed_int

        key = self._key("noise")
        b = rule.laplace_scale
        counter = [0]

        def add(v: Any) -> Any:
            x = _as_number(v)
            counter[0] += 1
            if x is None:
                return None
            u = (keyed_int(key, path, index, counter[0]) % (1 << 53)) / float(1 << 53)
            y = x + laplace(u, b)
            if rule.clamp:
                y = min(max(y, rule.clamp[0]), rule.clamp[1])
            return _format_number(y if rule.digits is None else round(y, rule.digits), rule.digits)

        return map_values(value, add)

    def anonymize(self, records: list[dict[str, Any]]) -> RecordsResult:
        """Anonymize ``records`` (each a dict); returns the output records and the field description."""
        self._collect_ids(records)
        identifying = [
            p for p, r in self.policy.fields.items() if r.action in ("drop", "sequential", "token")
        ]
        out_records = []
        for i, rec in enumerate(records):
            if not isinstance(rec, dict):
                raise RecordsError(f"record {i + 1} is not a JSON object")
            known = [str(v) for p in identifying for v in leaves(get_path(rec, self.paths[p]))]
            if self.policy.default == "keep":
                out = copy.deepcopy(rec)
                for p in self.policy.fields:
                    del_path(out, self.paths[p])
            else:
                out = {}
            for path, rule in self.policy.fields.items():
                if rule.action == "drop":
                    continue
                value = get_path(rec, self.paths[path])
                if value is _MISSING:
                    self.stats["missing_values"] += 1
                    continue
                try:
                    new = self._apply(path, rule, value, i, known, rec)
                except RecordsError:
                    raise
                except ValueError as e:  # e.g. no surrogate could be made: fail closed, name the place
                    raise RecordsError(f"record {i + 1}, field {path!r}: {e}") from None
                name = self.out_names[path]
                if self.policy.neutral_names or rule.rename and "." not in path:
                    out[name] = list(new) if isinstance(new, _Many) else new
                elif rule.rename:
                    segs = self.paths[path][:-1] + [(rule.rename, False)]
                    set_path(out, segs, new)
                else:
                    set_path(out, self.paths[path], new)
            out_records.append(out)
        self.stats["records_in"] = len(records)
        if self.policy.aggregate is not None:
            out_records = self._aggregate(records, out_records)
        self.stats["records_out"] = len(out_records)
        return RecordsResult(out_records, self.describe(), dict(self.stats))

    # --- aggregation ----------------------------------------------------------------------------
    def _aggregate(
        self, records: list[dict[str, Any]], transformed: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        ag = self.policy.aggregate
        assert ag is not None
        tsegs = parse_path(ag.time_field)
        for f in ag.group_by + ag.sum:
            if f not in self.policy.fields or self.policy.fields[f].action == "drop":
                raise RecordsError(f"aggregate field {f!r} must be a field the policy keeps")
        groups: dict[tuple, dict[str, Any]] = {}
        bad_time = 0
        for rec, out in zip(records, transformed, strict=True):
            t = parse_time(get_path(rec, tsegs))
            if t is None:
                bad_time += 1
                continue
            if t.tzinfo is None:
                t = t.replace(tzinfo=dt.UTC)
            start = int(t.timestamp()) // ag.seconds * ag.seconds
            gvals = tuple(_hashable(_out_value(out, self, f)) for f in ag.group_by)
            g = groups.setdefault(
                (start, gvals), {"count": 0, **{f"sum_{self.out_names[s]}": 0.0 for s in ag.sum}}
            )
            g["count"] += 1
            for s in ag.sum:
                for x in leaves(_out_value(out, self, s)):
                    n = _as_number(x)
                    if n is not None:
                        g[f"sum_{self.out_names[s]}"] += n
        self.stats["records_without_time"] = bad_time
        rows = []
        for (start, gvals), agg in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            if agg["count"] < ag.min_count:
                self.stats["windows_below_min_count"] += 1
                continue
            row: dict[str, Any] = {
                "window_start": dt.datetime.fromtimestamp(start, tz=dt.UTC).isoformat(),
                "window": ag.window,
            }
            for f, v in zip(ag.group_by, gvals, strict=True):
                row[self.out_names[f]] = v
            row.update({k: (round(v, 6) if isinstance(v, float) else v) for k, v in agg.items()})
            rows.append(row)
        return rows

    # --- description ----------------------------------------------------------------------------
    def describe(self) -> list[dict[str, Any]]:
        """One entry per output field: its name, what was done and what it still means."""
        out = []
        ag = self.policy.aggregate
        for path, rule in self.policy.fields.items():
            if rule.action == "drop":
                continue
            if ag is not None and path not in ag.group_by + ag.sum:
                continue
            d: dict[str, Any] = {
                "field": self.out_names[path],
                "action": rule.action,
                "meaning": _meaning(rule, path, self),
            }
            if rule.description:
                d["description"] = rule.description
            if self.policy.document_sources:
                d["source"] = path
            out.append(d)
        if ag is not None:
            out = [
                {
                    "field": "window_start",
                    "action": "aggregate",
                    "meaning": f"start of the {ag.window} window (UTC, ISO 8601)",
                },
                {"field": "window", "action": "aggregate", "meaning": "window length"},
            ] + [d for d in out if d["field"] in {self.out_names[f] for f in ag.group_by}]
            out.append(
                {
                    "field": "count",
                    "action": "aggregate",
                    "meaning": f"records in the window and group (windows under {ag.min_count} left out)",
                }
            )
            for s in ag.sum:
                out.append(
                    {
                        "field": f"sum_{self.out_names[s]}",
                        "action": "aggregate",
                        "meaning": f"sum of {self.out_names[s]} (after its own rule: {self.policy.fields[s].action})",
                    }
                )
        dropped = sum(1 for r in self.policy.fields.values() if r.action == "drop")
        out.append(
            {
                "field": "(dropped)",
                "action": "drop",
                "meaning": f"{dropped} named field(s) removed; fields not named in the policy: {self.policy.default}",
            }
        )
        return out


def _out_value(out: dict[str, Any], anon: RecordsAnonymizer, path: str) -> Any:
    name = anon.out_names[path]
    if anon.policy.neutral_names or (anon.policy.fields[path].rename and "." not in path):
        return out.get(name)
    rule = anon.policy.fields[path]
    segs = anon.paths[path] if not rule.rename else anon.paths[path][:-1] + [(rule.rename, False)]
    v = get_path(out, segs)
    return None if v is _MISSING else v


def _hashable(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _hashable(x)) for k, x in v.items()))
    return v


def _meaning(rule: FieldRule, path: str, anon: RecordsAnonymizer) -> str:
    a = rule.action
    if a == "keep":
        return "original value, unchanged"
    if a == "sequential":
        ns = rule.namespace or path
        n = len(anon._ids.get(ns, {}))
        order = "in the order of a keyed hash" if anon.secret is not None else "in order of first appearance"
        return (
            f"sequential number 1..{n} ({order}): equal numbers mean the same original value across the whole "
            "dataset; the number says nothing else about the value"
        )
    if a == "token":
        return (
            f"keyed token of the original ({rule.label}); the same as in de-identified notes for the same key"
        )
    if a == "truncate":
        return f"timestamp truncated to the {rule.unit}"
    if a == "shift":
        return (
            f"date/time moved by a secret number of days ({rule.min_days}..{rule.max_days}, never 0), the same for "
            "every date of a patient (and as in de-identified notes): intervals within a patient are exact"
        )
    if a == "round":
        return (
            f"number rounded to a multiple of {rule.step}"
            if rule.step
            else f"number rounded to {rule.digits} decimal digit(s)"
        )
    if a == "noise":
        b = rule.laplace_scale
        extra = f", then rounded to {rule.digits} digit(s)" if rule.digits is not None else ""
        clamp = f", clamped to {rule.clamp}" if rule.clamp else ""
        return (
            f"original plus Laplace noise of scale {b:g} (mean absolute error {b:g}, standard deviation "
            f"{b * math.sqrt(2):.3g}){extra}{clamp}; unbiased for sums and means"
        )
    if a == "text":
        return "free text with detected identifiers replaced by the text de-identification"
    return a


def _random_secret() -> str:
    import secrets

    return secrets.token_urlsafe(32)


def describe_markdown(fields: list[dict[str, Any]], title: str = "Fields of the anonymized records") -> str:
    """The field description as a Markdown table."""
    lines = [f"# {title}", "", "| field | rule | what it means |", "|---|---|---|"]
    for f in fields:
        meaning = f["meaning"] + (f" — {f['description']}" if f.get("description") else "")
        src = f" (from `{f['source']}`)" if f.get("source") else ""
        lines.append(f"| `{f['field']}`{src} | {f['action']} | {meaning.replace('|', '/')} |")
    return "\n".join(lines) + "\n"
