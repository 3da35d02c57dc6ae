"""The de-identification policy: which operator replaces each label, and with which settings.

A policy starts from a preset and may override any label::

    preset: surrogate            # surrogate (default) | tags | redact | safe-harbor
    labels:
      DATE: {operator: generalize, to: month_year}
      MRN: token
      AGE: {operator: surrogate, age: value}
      PROVIDER: {operator: redact, mask: "[DOCTOR]"}
    date_shift: {min_days: -180, max_days: -7}
    fields: {patient_name: PATIENT, dob: DATE, mrn: MRN}

Operators: ``surrogate``, ``tag``, ``token``, ``redact``, ``generalize`` (DATE, AGE and ZIP only)
and ``keep``. Unknown keys, labels and operators are rejected with a message naming them.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from medveil.labels import GROUPS, NAME_LABELS, Label
from medveil.transform.base import Operator

OperatorName = Literal["surrogate", "tag", "token", "redact", "generalize", "keep"]
PRESETS = ("surrogate", "tags", "redact", "safe-harbor")
GENERALIZABLE = frozenset({Label.DATE, Label.AGE, Label.ZIP})


class Rule(BaseModel):
    """How one label is replaced. Only the settings of the chosen operator matter."""

    model_config = ConfigDict(extra="forbid")

    operator: OperatorName = "surrogate"
    mask: str = Field("***", description="redact: the fixed mask ('{label}' is replaced by the label).")
    preserve_length: bool = Field(False, description="redact: one mask character per original character.")
    mask_char: str = Field("*", description="redact with preserve_length: the mask character.")
    to: str | None = Field(None, description="generalize: DATE → year|month_year; AGE → 90+|band.")
    band_width: int = Field(10, ge=1, description="generalize AGE to bands of this many years.")
    age: Literal["90+", "value"] = Field("90+", description="surrogate AGE: '90+' or a keyed value in 90-99.")
    scope: Literal["patient", "corpus"] | None = Field(
        None, description="What the mapping is consistent over; default: corpus for token, patient otherwise."
    )
    length: int = Field(12, ge=6, le=40, description="token: number of characters.")
    prefix: str = Field("", description="token: a fixed prefix such as 'MRN-'.")

    def effective_scope(self) -> str:
        """``patient`` or ``corpus``."""
        return self.scope or ("corpus" if self.operator == "token" else "patient")


class DateShift(BaseModel):
    """The range of the per-patient date shift in days (0 is never drawn)."""

    model_config = ConfigDict(extra="forbid")

    min_days: int = -365
    max_days: int = 365

    @model_validator(mode="after")
    def _check(self) -> DateShift:
        if self.min_days > self.max_days:
            raise ValueError(f"date_shift.min_days ({self.min_days}) is greater than max_days ({self.max_days})")
        if self.min_days == self.max_days == 0:
            raise ValueError("date_shift must allow a shift other than 0")
        return self


DEFAULT_FIELDS: dict[str, str] = {
    "patient_name": "PATIENT",
    "provider_names": "PROVIDER",
    "dob": "DATE",
    "birth_date": "DATE",
    "mrn": "MRN",
    "ssn": "SSN",
    "phone": "PHONE",
    "email": "EMAIL",
}


def _rule(value: Any) -> Any:
    return {"operator": value} if isinstance(value, str) else value


class Policy(BaseModel):
    """A complete policy: a rule per label (falling back to ``default``) and shared settings."""

    model_config = ConfigDict(extra="forbid")

    name: str = "surrogate"
    default: Rule = Field(default_factory=Rule)
    labels: dict[str, Rule] = Field(default_factory=dict)
    date_shift: DateShift = Field(default_factory=DateShift)
    reference_year: int = Field(2000, ge=1800, le=2200, description="Year used for dates written without one.")
    fields: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_FIELDS), description="Structured field → label.")
    propagate: bool = Field(True, description="Also replace every other occurrence of a detected PHI string.")
    tag_format: str = Field("<{label}:{index}>", description="tag: the format ('{label}', '{index}').")
    tag_index: Literal["sequential", "keyed"] = "sequential"
    fallback: str = Field("[DATE]", description="Written for a date that cannot be parsed.")

    @field_validator("default", mode="before")
    @classmethod
    def _default_rule(cls, v: Any) -> Any:
        return _rule(v)

    @field_validator("labels", mode="before")
    @classmethod
    def _label_rules(cls, v: Any) -> Any:
        if not isinstance(v, dict):
            return v
        out = {}
        for k, r in v.items():
            try:
                lab = Label(str(k).upper())
            except ValueError:
                raise ValueError(f"unknown label {k!r} (labels: {', '.join(x.value for x in Label)})") from None
            out[lab.value] = _rule(r)
        return out

    @field_validator("fields")
    @classmethod
    def _field_labels(cls, v: dict[str, str]) -> dict[str, str]:
        out = {}
        for k, lab in v.items():
            try:
                out[k] = Label(str(lab).upper()).value
            except ValueError:
                raise ValueError(f"field {k!r}: unknown label {lab!r}") from None
        return out

    @model_validator(mode="after")
    def _check_generalize(self) -> Policy:
        for lab in Label:
            rule = self.rule_for(lab)
            if rule.operator == "generalize" and lab not in GENERALIZABLE and lab.value in self.labels:
                raise ValueError(f"label {lab.value}: 'generalize' is defined for DATE, AGE and ZIP only")
            if rule.operator == "generalize" and lab in GENERALIZABLE and rule.to is not None:
                ok = {"DATE": ("year", "month_year"), "AGE": ("90+", "band"), "ZIP": ("zip3",)}[lab.value]
                if rule.to not in ok:
                    raise ValueError(f"label {lab.value}: generalize to {rule.to!r}; choose one of {', '.join(ok)}")
        return self

    def rule_for(self, label: str) -> Rule:
        """The rule of ``label``; a ``generalize`` default applies only to DATE, AGE and ZIP (others redact)."""
        rule = self.labels.get(str(label))
        if rule is not None:
            return rule
        if self.default.operator == "generalize" and label not in GENERALIZABLE:
            return Rule(operator="redact")
        return self.default

    @cached_property
    def _operators(self) -> dict[str, Operator]:
        return {lab.value: build_operator(lab.value, self.rule_for(lab.value), self) for lab in Label}

    def operator_for(self, label: str) -> Operator:
        """The operator instance that replaces ``label`` (built once per policy)."""
        return self._operators[str(label)]

    # --- construction ---------------------------------------------------------------------------

    @classmethod
    def preset(cls, name: str) -> Policy:
        """One of the presets: surrogate, tags, redact, safe-harbor."""
        return cls.model_validate(preset_dict(name))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Policy:
        """A policy from a mapping, applied on top of its ``preset`` (surrogate by default)."""
        data = dict(data or {})
        base = preset_dict(str(data.pop("preset", "surrogate")))
        labels = dict(base.pop("labels", {}))
        labels.update({str(k).upper(): v for k, v in (data.pop("labels", None) or {}).items()})
        merged = {**base, **data, "labels": labels}
        return cls.model_validate(merged)

    @classmethod
    def from_yaml(cls, path: str | Path) -> Policy:
        """Read a YAML policy file (see the module docstring)."""
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError("a policy file must hold a mapping")
        data = data.get("policy", data)
        data.setdefault("name", Path(path).stem)
        return cls.from_dict(data)

    @classmethod
    def load(cls, spec: Policy | str | Path | dict[str, Any] | None) -> Policy:
        """A policy from a Policy, a preset name, a YAML path or a mapping (``None``: surrogate)."""
        if spec is None:
            return cls.preset("surrogate")
        if isinstance(spec, Policy):
            return spec
        if isinstance(spec, dict):
            return cls.from_dict(spec)
        s = str(spec)
        if s in PRESETS:
            return cls.preset(s)
        if Path(s).suffix.lower() in (".yaml", ".yml") or Path(s).exists():
            return cls.from_yaml(s)
        raise ValueError(f"unknown policy {s!r}: give a YAML file or one of {', '.join(PRESETS)}")


def preset_dict(name: str) -> dict[str, Any]:
    """The settings of a preset as a plain mapping."""
    if name == "surrogate":
        return {"name": "surrogate", "default": {"operator": "surrogate"}, "labels": {}}
    if name == "tags":
        return {"name": "tags", "default": {"operator": "tag"}, "labels": {}}
    if name == "redact":
        return {"name": "redact", "default": {"operator": "redact"}, "labels": {}}
    if name == "safe-harbor":
        return {
            "name": "safe-harbor",
            "default": {"operator": "tag"},
            "labels": {
                "DATE": {"operator": "generalize", "to": "year"},
                "AGE": {"operator": "generalize", "to": "90+"},
                "ZIP": {"operator": "generalize", "to": "zip3"},
                "STATE": {"operator": "keep"},
                "COUNTRY": {"operator": "keep"},
            },
        }
    raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")


def build_operator(label: str, rule: Rule, policy: Policy) -> Operator:
    """The operator for ``label`` under ``rule``."""
    from medveil.transform.dates import DateGeneralizeOperator, DateShiftOperator
    from medveil.transform.generalize import AgeOperator, ZipGeneralize
    from medveil.transform.locations import LocationSurrogate
    from medveil.transform.names import NameSurrogate
    from medveil.transform.shapes import ShapeSurrogate, TokenOperator
    from medveil.transform.simple import KeepOperator, RedactOperator, TagOperator

    op = rule.operator
    if op == "keep":
        return KeepOperator()
    if op == "redact":
        return RedactOperator(rule.mask, rule.preserve_length, rule.mask_char)
    if op == "tag":
        return TagOperator(policy.tag_format, policy.tag_index)
    if op == "token":
        return TokenOperator(rule.length, rule.prefix)
    if op == "generalize":
        if label == Label.DATE:
            return DateGeneralizeOperator(rule.to or "year", policy.fallback)
        if label == Label.AGE:
            return AgeOperator(rule.to or "90+", rule.band_width)
        if label == Label.ZIP:
            return ZipGeneralize()
        return RedactOperator(rule.mask)
    # surrogate
    if label in NAME_LABELS:
        return NameSurrogate()
    if label == Label.DATE:
        return DateShiftOperator(policy.fallback)
    if label == Label.AGE:
        return AgeOperator(rule.age, name="surrogate")
    if label in GROUPS["LOCATION"]:
        return LocationSurrogate()
    return ShapeSurrogate()
