"""The table anonymizer: policy + table → generalized, suppressed table and a summary.

Steps: direct identifiers are dropped or replaced with keyed tokens; dates may be shifted per patient
with the keyed shift of the text pipeline; every quasi-identifier gets its hierarchy; the lattice
search (:mod:`medveil.tables.search`) finds the node of least information loss meeting the criteria;
rows of classes that miss them are suppressed (left out, or ``*`` in every quasi-identifier).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from medveil.tables.hierarchy import (
    SUPPRESSED,
    Hierarchy,
    age_hierarchy,
    date_hierarchy,
    flat_hierarchy,
    zip_hierarchy,
)
from medveil.tables.io import Table, TableError
from medveil.tables.policy import PolicyError, TablePolicy, resolve_path
from medveil.tables.search import Criteria, Lattice, SearchResult

MAX_LATTICE_NODES = 2_000_000  # nodes held as one array; beyond this, ask the user to bound levels


class AnonymizeError(ValueError):
    """The table cannot be anonymized as asked; the message is for the user."""


@dataclass
class TableResult:
    """What the anonymizer did: levels, suppression, measures, timing."""

    levels: dict[str, int]
    level_labels: dict[str, str]
    suppressed: int
    rows_in: int
    rows_out: int
    classes: int
    k_achieved: int
    measure: str
    measures: dict[str, float]
    search_seconds: float
    nodes_evaluated: int
    nodes_total: int
    criteria: dict[str, Any] = field(default_factory=dict)
    risk_after: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a JSON summary."""
        return dict(self.__dict__)


def _key_sub(secret: bytes | str | None, purpose: str) -> bytes:
    if secret is None:
        raise AnonymizeError(
            f"the policy needs a secret key for {purpose}; pass --key-file or set MEDVEIL_KEY"
        )
    try:
        from medveil.transform.keyed import derive_key
    except ImportError:  # pragma: no cover - the keyed module ships with medveil
        raise AnonymizeError(
            "keyed tokens and date shifts need medveil.transform.keyed, missing in this build"
        ) from None
    return derive_key(secret, purpose)


def token_for(secret: bytes | str, label: str, value: str) -> str:
    """The keyed token of ``value`` — the same the text pipeline's ``token`` operator gives a
    ``label`` value with corpus scope, so tables and notes stay linked for the key holder."""
    from medveil.transform.keyed import keyed_token

    return keyed_token(_key_sub(secret, "surrogate"), f"{label}|corpus", value, 12)


class SurrogateMaker:
    """Surrogates for structured values from the text de-identifier (:class:`medveil.deidentify.Deidentifier`):
    with the same key, label and patient, a table cell gets the surrogate a note would get.
    Results are cached per (column, value, patient)."""

    def __init__(self, secret: bytes | str | None, labels: dict[str, str], text_policy: str | None = None):
        if secret is None:
            raise AnonymizeError("surrogates need a secret key; pass --key-file or set MEDVEIL_KEY")
        try:
            from medveil.deidentify import Deidentifier
            from medveil.document import Document
        except ImportError:  # pragma: no cover - ships with medveil
            raise AnonymizeError("surrogates need medveil.deidentify, missing in this build") from None
        try:
            from medveil.transform.policy import Policy

            policy = Policy.load(text_policy).model_copy(update={"fields": dict(labels)})
        except Exception as e:  # noqa: BLE001 - any policy problem is the user's to fix
            raise AnonymizeError(f"text policy {text_policy!r}: {e}") from None
        self._deid = Deidentifier(policy, secret)
        self._doc = Document
        self._cache: dict[tuple[str, str, str], str] = {}

    def get(self, column: str, value: str, patient: str = "") -> str:
        """The surrogate of ``value`` in ``column`` for ``patient``."""
        key = (column, value, patient)
        if key not in self._cache:
            doc = self._doc(text="", id="", patient_id=patient or None, context={column: value})
            try:
                new = self._deid.deidentify(doc).fields.get(column, "")
            except Exception as e:  # noqa: BLE001 - fail closed: never write the original
                raise AnonymizeError(
                    f"column {column!r}: no surrogate could be made ({type(e).__name__})"
                ) from None
            self._cache[key] = str(new)
        return self._cache[key]


def shift_dates(
    values: np.ndarray, patients: np.ndarray, secret: bytes | str | None, min_days: int, max_days: int
) -> np.ndarray:
    """Shift ISO dates (``YYYY-MM-DD…``) by the keyed per-patient number of days; others unchanged."""
    from medveil.transform.keyed import date_shift_days

    key = _key_sub(secret, "date-shift")
    cache: dict[str, int] = {}
    out = []
    for i, (v, p) in enumerate(zip(values.tolist(), patients.tolist(), strict=True)):
        try:
            d = dt.date.fromisoformat(v[:10])
        except ValueError:
            out.append(v)
            continue
        # the scope string of the text de-identifier (Deidentifier.patient_scope), so that a patient's
        # dates move by the same number of days in tables and in notes
        scope = f"patient:{p}" if p not in (None, "") else f"record:{i}"
        if scope not in cache:
            cache[scope] = date_shift_days(key, scope, min_days, max_days)
        out.append((d + dt.timedelta(days=cache[scope])).isoformat() + v[10:])
    return np.array(out, dtype=object)


def build_hierarchies(table: Table, policy: TablePolicy, policy_dir: Path) -> dict[str, Hierarchy]:
    """One hierarchy per quasi-identifier, from files (ARX CSV) or built in from the column values."""
    out: dict[str, Hierarchy] = {}
    for name, spec in policy.quasi_identifiers.items():
        values = table.data[name].astype(str)
        if spec.type == "csv":
            assert spec.hierarchy is not None
            path = resolve_path(spec.hierarchy, policy_dir)
            out[name] = Hierarchy.from_csv(path, name, spec.separator)
        elif spec.type == "age":
            out[name] = age_hierarchy(values, spec.bands, spec.top, name)
        elif spec.type == "date":
            out[name] = date_hierarchy(values, name)
        elif spec.type == "zip":
            out[name] = zip_hierarchy(values, name)
        else:
            out[name] = flat_hierarchy(values, name)
        hi = out[name].height if spec.max_level is None else spec.max_level
        if not 0 <= spec.lowest_level <= hi <= out[name].height:
            raise PolicyError(
                f"{name}: levels must satisfy 0 <= min_level <= max_level <= {out[name].height}"
            )
    return out


def criteria_of(policy: TablePolicy) -> Criteria:
    """The search criteria a policy asks for."""
    ld = policy.l_diversity
    return Criteria.from_risk(
        policy.max_risk,
        k=policy.k,
        avg_risk=policy.avg_risk,
        l=ld.l if ld else None,
        l_kind=ld.kind if ld else "distinct",
        suppression_limit=policy.suppression_limit,
    )


def anonymize_table(
    table: Table, policy: TablePolicy, policy_dir: Path, secret: bytes | str | None = None
) -> tuple[Table, TableResult, SearchResult]:
    """Anonymize ``table`` by ``policy``; returns the output table, a summary and the search details."""
    qi = list(policy.quasi_identifiers)
    try:
        table.require(qi, "quasi-identifier")
        table.require(list(policy.direct_identifiers), "direct identifier")
        table.require(policy.sensitive, "sensitive attribute")
        if policy.l_diversity:
            table.require([policy.l_diversity.attribute], "l-diversity attribute")
        for spec in policy.quasi_identifiers.values():
            if spec.shift:
                table.require([spec.shift.patient], "patient column")
    except TableError as e:
        raise AnonymizeError(str(e)) from None
    data = dict(table.data)
    for name, spec in policy.quasi_identifiers.items():
        if spec.shift is not None:
            data[name] = shift_dates(
                data[name].astype(str),
                data[spec.shift.patient].astype(str),
                secret,
                spec.shift.min_days,
                spec.shift.max_days,
            )
    work = Table(table.columns, data, table.fmt, table.sep)
    hierarchies = build_hierarchies(work, policy, policy_dir)
    lattice = Lattice(
        data,
        qi,
        hierarchies,
        sensitive=policy.l_diversity.attribute if policy.l_diversity else None,
        min_levels={q: s.lowest_level for q, s in policy.quasi_identifiers.items()},
        max_levels={q: s.max_level for q, s in policy.quasi_identifiers.items() if s.max_level is not None},
    )
    sur_labels = {c: d.label for c, d in policy.direct_identifiers.items() if d.action == "surrogate"}
    surrogates = SurrogateMaker(secret, sur_labels, policy.text_policy) if sur_labels else None
    size = lattice.size()
    if size > MAX_LATTICE_NODES:
        raise AnonymizeError(
            f"the generalization lattice has {size:,} nodes (more than {MAX_LATTICE_NODES:,}); "
            "fix some levels with min_level/max_level in the policy, or use fewer quasi-identifiers"
        )
    crit = criteria_of(policy)
    result = lattice.search(crit, policy.measure)
    if result.best is None:
        raise AnonymizeError(
            f"no generalization meets k={crit.k}"
            + (f", average risk <= {crit.avg_risk}" if crit.avg_risk else "")
            + (f", l={crit.l}" if crit.l else "")
            + f" with at most {policy.suppression_limit:.1%} of rows suppressed; "
            "allow more suppression, higher levels, or weaker criteria"
        )
    best = result.best
    cols, suppressed_mask = lattice.release(best.levels, crit)
    out: dict[str, np.ndarray] = {}
    out_columns = []
    keep = ~suppressed_mask if policy.suppressed_rows == "drop" else np.ones(table.n, dtype=bool)
    for c in table.columns:
        if c in policy.direct_identifiers:
            d = policy.direct_identifiers[c]
            if d.action == "drop":
                continue
            if d.action == "token":
                vals = [
                    token_for(secret, d.label, v) if v != "" else "" for v in data[c].astype(str).tolist()
                ]
            else:
                pids = data[d.patient].astype(str).tolist() if d.patient else [""] * table.n
                maker = surrogates or SurrogateMaker(secret, {}, None)
                vals = [
                    maker.get(c, v, p) if v != "" else ""
                    for v, p in zip(data[c].astype(str).tolist(), pids, strict=True)
                ]
            out[c] = np.array(vals, dtype=object)
        elif c in qi:
            v = cols[qi.index(c)].astype(object)
            if policy.suppressed_rows == "star":
                v = np.where(suppressed_mask, SUPPRESSED, v)
            out[c] = v
        else:
            out[c] = data[c]
        out_columns.append(c)
    for c in out_columns:
        out[c] = out[c][keep]
    released = Table(out_columns, out, table.fmt, table.sep)
    kept = ~suppressed_mask
    risk_after: dict[str, Any] = {}
    if kept.any():
        from medveil.risk.table import assess_table_risk

        released_cols = {q: cols[i][kept] for i, q in enumerate(qi)}
        sens = [c for c in policy.sensitive if c in data]
        if policy.l_diversity and policy.l_diversity.attribute not in sens:
            sens.append(policy.l_diversity.attribute)
        released_cols.update({c: np.asarray(data[c])[kept] for c in sens})
        after = assess_table_risk(released_cols, qi, sens, combinations=False, top=0)
        k_ach = after.k
        risk_after = {
            "k": after.k,
            "classes": after.classes,
            "prosecutor_risk_max": after.prosecutor_risk_max,
            "prosecutor_risk_avg": after.prosecutor_risk_avg,
            "sensitive": after.sensitive,
        }
    else:
        k_ach = 0
    summary = TableResult(
        levels=dict(zip(qi, best.levels, strict=True)),
        level_labels={q: f"{lv}/{hierarchies[q].height}" for q, lv in zip(qi, best.levels, strict=True)},
        suppressed=int(suppressed_mask.sum()),
        rows_in=table.n,
        rows_out=released.n,
        classes=best.classes,
        k_achieved=k_ach,
        measure=policy.measure,
        measures=best.measures,
        search_seconds=result.seconds,
        nodes_evaluated=result.nodes_evaluated,
        nodes_total=result.nodes_total,
        risk_after=risk_after,
        criteria={
            "k": crit.k,
            "avg_risk": crit.avg_risk,
            "l": crit.l,
            "l_kind": crit.l_kind,
            "suppression_limit": crit.suppression_limit,
        },
    )
    return released, summary, result
