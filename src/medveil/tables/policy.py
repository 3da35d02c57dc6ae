"""The table policy (YAML): quasi-identifiers with their hierarchies, direct identifiers, criteria.

Example (``examples/tables/adult-k5.yaml``)::

    quasi_identifiers:
      age: {hierarchy: ../shared/data/adult-arx/adult_hierarchy_age.csv}   # ARX CSV hierarchy
      zip: {type: zip}                                                     # built in
      admit_date: {type: date, shift: {patient: patient_id, min_days: -365, max_days: -1}}
      birth_age: {type: age, bands: [5, 10, 20], top: 90}
    direct_identifiers: {name: drop, mrn: {action: token, label: MRN}}
    sensitive: [diagnosis]
    k: 5                       # or max_risk: 0.2 (k = ceil(1/max_risk)); avg_risk: 0.05
    l_diversity: {attribute: diagnosis, l: 2, kind: distinct}
    suppression_limit: 0.05    # share of rows that may be suppressed
    measure: loss              # loss | discernibility | precision | entropy | aecs
    suppressed_rows: drop      # drop | star ('*' in every quasi-identifier)

Relative hierarchy paths are looked up first relative to the policy file's directory, then relative
to the current working directory (so a policy in ``examples/tables/`` can name
``../shared/data/...`` as seen from the repository root).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator


class PolicyError(ValueError):
    """The policy cannot be read or is invalid; the message is for the user."""


class DateShift(BaseModel):
    """Shift every date of a patient by the same keyed number of days (the text pipeline's shift)."""

    model_config = ConfigDict(extra="forbid")
    patient: str = Field(..., description="Column with the patient id the shift is keyed on.")
    min_days: int = -365
    max_days: int = 365


class QuasiIdentifier(BaseModel):
    """How one quasi-identifier is generalized."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["csv", "age", "date", "zip", "flat"] = "csv"
    hierarchy: str | None = Field(None, description="ARX-format CSV hierarchy (type csv).")
    separator: str | None = Field(None, description="Separator of the hierarchy CSV (detected if unset).")
    bands: list[int] = Field(default_factory=lambda: [5, 10, 20], description="Age band widths (type age).")
    top: int | None = Field(90, description="Ages at or above become 'top+' at every level (type age).")
    shift: DateShift | None = None
    min_level: int | None = Field(
        None,
        ge=0,
        description="Lowest level allowed (default 0; 1 for type zip: Safe Harbor never releases 5 digits).",
    )
    max_level: int | None = Field(None, ge=0)

    @property
    def lowest_level(self) -> int:
        """The lowest level the search may use."""
        if self.min_level is not None:
            return self.min_level
        return 1 if self.type == "zip" else 0

    @model_validator(mode="after")
    def _check(self) -> QuasiIdentifier:
        if self.hierarchy is not None and self.type == "csv":
            return self
        if self.type == "csv":
            raise ValueError("give a hierarchy file, or a built-in type (age, date, zip, flat)")
        if self.shift is not None and self.type != "date":
            raise ValueError("shift applies to type date only")
        return self


class DirectIdentifier(BaseModel):
    """A direct identifier: dropped, or replaced by the keyed token or the surrogate the text
    pipeline would give the same value (same key, same label, same patient)."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["drop", "token", "surrogate"] = "drop"
    label: str = Field(
        "ID",
        description="Label the token/surrogate is keyed on (MRN, PATIENT, PHONE …), as in the text policy.",
    )
    patient: str | None = Field(
        None,
        description="surrogate: column with the patient id (surrogates are consistent per patient, as in notes).",
    )


class LDiversity(BaseModel):
    """l-diversity of one sensitive attribute."""

    model_config = ConfigDict(extra="forbid")
    attribute: str
    l: int = Field(2, ge=1)  # noqa: E741
    kind: Literal["distinct", "entropy"] = "distinct"


class TablePolicy(BaseModel):
    """Everything ``medveil anonymize table`` needs besides the input and the key."""

    model_config = ConfigDict(extra="forbid")
    quasi_identifiers: dict[str, QuasiIdentifier]
    direct_identifiers: dict[str, DirectIdentifier] = Field(default_factory=dict)
    sensitive: list[str] = Field(default_factory=list)
    k: int = Field(1, ge=1)
    max_risk: float | None = Field(None, gt=0, le=1)
    avg_risk: float | None = Field(None, gt=0, le=1)
    l_diversity: LDiversity | None = None
    suppression_limit: float = Field(0.0, ge=0, le=1)
    measure: Literal["loss", "discernibility", "precision", "entropy", "aecs"] = "loss"
    suppressed_rows: Literal["drop", "star"] = "drop"
    separator: str | None = None
    text_policy: str | None = Field(None, description="Text de-identification policy used for surrogates.")

    @field_validator("quasi_identifiers", mode="before")
    @classmethod
    def _shorthand(cls, v: object) -> object:
        # ``age: path/to/hierarchy.csv`` or ``zip: zip`` as shorthand
        if isinstance(v, dict):
            out = {}
            for name, spec in v.items():
                if isinstance(spec, str):
                    spec = {"type": spec} if spec in ("age", "date", "zip", "flat") else {"hierarchy": spec}
                out[name] = spec
            return out
        return v

    @field_validator("direct_identifiers", mode="before")
    @classmethod
    def _direct_shorthand(cls, v: object) -> object:
        if isinstance(v, dict):
            return {name: ({"action": spec} if isinstance(spec, str) else spec) for name, spec in v.items()}
        if isinstance(v, list):
            return {name: {"action": "drop"} for name in v}
        return v

    @model_validator(mode="after")
    def _check(self) -> TablePolicy:
        if not self.quasi_identifiers:
            raise ValueError("quasi_identifiers is empty")
        both = set(self.quasi_identifiers) & (set(self.direct_identifiers) | set(self.sensitive))
        if both:
            raise ValueError(
                f"column(s) {', '.join(sorted(both))} listed as quasi-identifier and as another kind"
            )
        return self


def read_policy_mapping(path: str | Path, error: type[ValueError] = PolicyError) -> dict:
    """The YAML mapping in ``path``; a missing, unreadable or malformed file raises ``error`` with one line."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: policy file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise error(f"{path}: cannot read policy ({e})") from None
    except yaml.YAMLError as e:
        raise error(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise error(f"{path}: the policy must be a YAML mapping")
    return data


def load_policy(path: str | Path) -> tuple[TablePolicy, Path]:
    """Read and validate a table policy; returns it with the directory of the file."""
    p = Path(path)
    data = read_policy_mapping(p)
    try:
        return TablePolicy.model_validate(data.get("table", data)), p.resolve().parent
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise PolicyError(f"{path}: {where}: {first['msg']}") from None


def resolve_path(name: str, policy_dir: Path) -> Path:
    """Find a file named in a policy: absolute as is; else the policy's directory, then the cwd."""
    p = Path(name).expanduser()
    if p.is_absolute():
        if p.exists():
            return p
        raise PolicyError(f"hierarchy file {name} not found")
    for base in (policy_dir, Path.cwd()):
        cand = base / p
        if cand.exists():
            return cand
    raise PolicyError(
        f"hierarchy file {name} not found (looked in {policy_dir} and in the current directory {Path.cwd()})"
    )
