"""The records policy (YAML): one rule per field of a JSON record or event.

Example (``examples/tables/events-policy.yaml``)::

    default: drop                 # fields the policy does not name are left out (fail safe)
    neutral_names: true           # kept fields get neutral names f1, f2 … in policy order
    fields:
      tenant:            {action: sequential}               # 1, 2, 3 … consistent across the dataset
      order_id:          {action: sequential, namespace: order}
      timestamp:         {action: truncate, unit: hour}
      status:            keep
      recipient:         drop
      products[].price:  {action: noise, scale: 2.0, digits: 2}   # Laplace noise, seeded by the key
      total:             {action: round, digits: -1}
      note:              {action: text}                      # through the text de-identification
    aggregate: {time_field: timestamp, window: 1h, group_by: [status], sum: [total], min_count: 3}

Paths: ``a.b`` reaches into objects, ``a[].b`` into every element of a list.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from medveil.tables.policy import read_policy_mapping

ACTIONS = ("keep", "drop", "sequential", "token", "surrogate", "shift", "truncate", "round", "noise", "text")
UNITS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "month": None,
    "year": None,
}


class PolicyError(ValueError):
    """The records policy cannot be read or is invalid; the message is for the user."""


class FieldRule(BaseModel):
    """What happens to one field."""

    model_config = ConfigDict(extra="forbid")
    action: Literal[
        "keep", "drop", "sequential", "token", "surrogate", "shift", "truncate", "round", "noise", "text"
    ] = "keep"
    rename: str | None = Field(None, description="Name of the field in the output.")
    namespace: str | None = Field(
        None, description="sequential/token: values of fields with the same namespace share ids."
    )
    label: str = Field(
        "ID", description="token/surrogate: the label the value is replaced as (as in the text pipeline)."
    )
    patient: str | None = Field(
        None, description="surrogate: path of the patient id in the record (per-patient consistency)."
    )
    unit: str = Field("day", description="truncate: second, minute, hour, day, week, month or year.")
    min_days: int = Field(
        -365, description="shift: smallest shift in days (as the text policy's date_shift)."
    )
    max_days: int = Field(365, description="shift: largest shift in days (as the text policy's date_shift).")
    digits: int | None = Field(
        None, description="round/noise: decimal digits kept (negative rounds to tens, hundreds …)."
    )
    step: float | None = Field(None, description="round: round to a multiple of this instead.")
    scale: float | None = Field(None, description="noise: Laplace scale b (expected absolute error b).")
    epsilon: float | None = Field(
        None, gt=0, description="noise: privacy parameter; b = sensitivity / epsilon."
    )
    sensitivity: float = Field(1.0, gt=0)
    clamp: list[float] | None = Field(None, description="noise: [low, high] bounds of the noisy value.")
    description: str | None = Field(None, description="What the field means, for the field description file.")

    @model_validator(mode="after")
    def _check(self) -> FieldRule:
        if self.action == "truncate" and self.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}")
        if self.action == "shift" and self.min_days > self.max_days:
            raise ValueError("shift needs min_days <= max_days")
        if self.action == "noise" and self.scale is None and self.epsilon is None:
            raise ValueError("noise needs a scale (Laplace b) or an epsilon")
        if self.action == "round" and self.digits is None and self.step is None:
            raise ValueError("round needs digits or step")
        if self.clamp is not None and (len(self.clamp) != 2 or self.clamp[0] > self.clamp[1]):
            raise ValueError("clamp must be [low, high]")
        return self

    @property
    def laplace_scale(self) -> float:
        """The Laplace scale b of a noise rule."""
        return float(self.scale if self.scale is not None else self.sensitivity / float(self.epsilon or 1.0))


class Aggregate(BaseModel):
    """Replace the records by counts and sums per time window (and group)."""

    model_config = ConfigDict(extra="forbid")
    time_field: str
    window: str = "1h"
    group_by: list[str] = Field(default_factory=list)
    sum: list[str] = Field(default_factory=list)
    min_count: int = Field(1, ge=1, description="Windows with fewer records are left out.")

    @field_validator("window")
    @classmethod
    def _window(cls, v: str) -> str:
        if not re.fullmatch(r"\d+[smhdw]", v):
            raise ValueError("window must look like 30s, 15m, 1h, 1d or 1w")
        return v

    @property
    def seconds(self) -> int:
        """The window length in seconds."""
        n, u = int(self.window[:-1]), self.window[-1]
        return n * {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[u]


class RecordsPolicy(BaseModel):
    """Per-field rules, the default for unnamed fields, renaming, aggregation."""

    model_config = ConfigDict(extra="forbid")
    fields: dict[str, FieldRule]
    default: Literal["drop", "keep"] = "drop"
    neutral_names: bool = False
    document_sources: bool = Field(False, description="Name the source fields in the field description.")
    aggregate: Aggregate | None = None
    text_policy: str | None = Field(
        None, description="Text de-identification policy for text fields (default: the package default)."
    )

    @field_validator("fields", mode="before")
    @classmethod
    def _shorthand(cls, v: object) -> object:
        if isinstance(v, dict):
            return {k: ({"action": r} if isinstance(r, str) else r) for k, r in v.items()}
        return v


def load_records_policy(path: str | Path) -> RecordsPolicy:
    """Read and validate a records policy file."""
    p = Path(path)
    data = read_policy_mapping(p, PolicyError)
    try:
        return RecordsPolicy.model_validate(data.get("records", data))
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise PolicyError(f"{path}: {where}: {first['msg']}") from None
