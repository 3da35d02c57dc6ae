"""Detection configuration (pydantic): the switches a user may set, saved with trained models."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

RULES_ONLY = frozenset({"none", "rules", ""})  # --model values that switch the trained second pass off


class DetectConfig(BaseModel):
    """How the detection pipeline behaves."""

    model_config = ConfigDict(extra="forbid")

    keep_years: bool = Field(False, description="Leave a year standing alone unflagged (HIPAA Safe Harbor allows years).")
    fuzzy_names: bool = Field(True, description="Match lexicon names within edit distance 1 when the context supports a name.")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="Spans scoring below this are dropped by the resolver.")
    model: str | None = Field(
        None,
        description="The trained second pass: 'default' (the model shipped with medveil), a trained model directory, "
        "or None / 'none' for the rules alone (the default).",
    )
    disabled_detectors: list[str] = Field(default_factory=list, description="Names of detectors to skip.")

    @field_validator("model", mode="before")
    @classmethod
    def _rules_only(cls, value: object) -> object:
        return model_choice(value) if isinstance(value, str) else value

    @classmethod
    def from_yaml(cls, path: str | Path) -> DetectConfig:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        return cls.model_validate(data.get("detect", data))


def model_choice(value: str | None) -> str | None:
    """A ``--model`` value as the pipeline takes it: None (rules only) for 'none' / 'rules', else unchanged."""
    if value is None or value.strip().lower() in RULES_ONLY:
        return None
    return value
