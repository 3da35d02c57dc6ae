"""Detection configuration (pydantic): the switches a user may set, saved with trained models."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field


class DetectConfig(BaseModel):
    """How the detection pipeline behaves."""

    model_config = ConfigDict(extra="forbid")

    keep_years: bool = Field(False, description="Leave a year standing alone unflagged (HIPAA Safe Harbor allows years).")
    fuzzy_names: bool = Field(True, description="Match lexicon names within edit distance 1 when the context supports a name.")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="Spans scoring below this are dropped by the resolver.")
    model: str | None = Field(None, description="Directory of a trained second-pass model; 'default' for the shipped one, none for rules only.")
    disabled_detectors: list[str] = Field(default_factory=list, description="Names of detectors to skip.")

    @classmethod
    def from_yaml(cls, path: str | Path) -> DetectConfig:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        return cls.model_validate(data.get("detect", data))
