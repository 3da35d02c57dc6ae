"""Risk-based acceptance thresholds for de-identification accuracy (El Emam & Arbuckle, ch. 8).

Direct identifiers must be caught almost always (recall >= 0.95) and flagged without too much
noise (precision >= 0.80). Indirect identifiers need precision >= 0.70 and a minimum recall that
follows from the attack model: if two missed indirect identifiers in one document re-identify,
the residual risk is Pr(attack) * (1 - r)^2, which stays below the threshold tau when
``r >= 1 - sqrt(tau / Pr(attack))`` (and any recall will do when tau >= Pr(attack)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from medveil.io.readers import InputError

ACQUAINTANCES = 150  # Dunbar's number, the book's m
BREACH_PROBABILITY = 0.27  # the book's historical probability of a data breach


def min_recall(tau: float, pr_attack: float) -> float:
    """The minimum recall of indirect identifiers for risk threshold ``tau`` and attack probability."""
    if not 0 < tau <= 1:
        raise ValueError(f"tau must be in (0, 1], got {tau}")
    if not 0 <= pr_attack <= 1:
        raise ValueError(f"an attack probability must be in [0, 1], got {pr_attack}")
    if tau >= pr_attack:
        return 0.0
    return 1.0 - math.sqrt(tau / pr_attack)


def acquaintance_probability(prevalence: float, acquaintances: int = ACQUAINTANCES) -> float:
    """Pr(T2): the chance that someone knows at least one of ``acquaintances`` people with the condition."""
    if not 0 <= prevalence <= 1:
        raise ValueError(f"prevalence must be in [0, 1], got {prevalence}")
    if acquaintances < 1:
        raise ValueError(f"the number of acquaintances must be at least 1, got {acquaintances}")
    return 1.0 - (1.0 - prevalence) ** acquaintances


@dataclass(frozen=True, slots=True)
class AttackThreshold:
    """One attack of the model: its probability and the recall it demands."""

    code: str
    name: str
    probability: float
    min_recall: float

    def to_dict(self) -> dict[str, object]:
        return {"attack": self.code, "name": self.name, "probability": self.probability, "min_recall": self.min_recall}


@dataclass(frozen=True, slots=True)
class RiskThresholds:
    """The minimum indirect-identifier recall per attack and the binding (strictest) one."""

    tau: float
    attacks: tuple[AttackThreshold, ...]

    @property
    def binding(self) -> AttackThreshold | None:
        """The attack that demands the highest recall (the first one on a tie); None without attacks."""
        best: AttackThreshold | None = None
        for a in self.attacks:
            if best is None or a.min_recall > best.min_recall:
                best = a
        return best

    @property
    def min_recall(self) -> float:
        b = self.binding
        return b.min_recall if b else 0.0

    def to_dict(self) -> dict[str, object]:
        b = self.binding
        return {
            "tau": self.tau,
            "attacks": [a.to_dict() for a in self.attacks],
            "binding": b.code if b else None,
            "min_recall": self.min_recall,
        }


def risk_thresholds(
    tau: float,
    *,
    attempt: float | None = None,
    prevalence: float | None = None,
    breach: float | None = BREACH_PROBABILITY,
    acquaintances: int = ACQUAINTANCES,
) -> RiskThresholds:
    """Minimum recall for T1 (deliberate attempt, Pr = ``attempt``), T2 (acquaintance, from
    ``prevalence`` and ``acquaintances``) and T3 (breach, Pr = ``breach``); ``None`` leaves one out."""
    attacks: list[AttackThreshold] = []
    if attempt is not None:
        attacks.append(AttackThreshold("T1", "deliberate attempt", attempt, min_recall(tau, attempt)))
    if prevalence is not None:
        pr = acquaintance_probability(prevalence, acquaintances)
        attacks.append(AttackThreshold("T2", f"acquaintance (m = {acquaintances})", pr, min_recall(tau, pr)))
    if breach is not None:
        attacks.append(AttackThreshold("T3", "data breach", breach, min_recall(tau, breach)))
    if not attacks:
        min_recall(tau, 0.0)  # still validates tau
    return RiskThresholds(tau, tuple(attacks))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Requirement(_Strict):
    """Minimum figures; ``None`` means no requirement."""

    recall: float | None = Field(None, ge=0, le=1)
    precision: float | None = Field(None, ge=0, le=1)
    aon_recall: float | None = Field(None, ge=0, le=1)


class RiskModel(_Strict):
    """The attack model that sets the minimum recall of indirect identifiers."""

    tau: float = Field(0.1, gt=0, le=1)
    attempt: float | None = Field(0.4, ge=0, le=1)
    prevalence: float | None = Field(None, ge=0, le=1)
    acquaintances: int = Field(ACQUAINTANCES, ge=1)
    breach: float | None = Field(BREACH_PROBABILITY, ge=0, le=1)

    def thresholds(self) -> RiskThresholds:
        return risk_thresholds(
            self.tau, attempt=self.attempt, prevalence=self.prevalence, breach=self.breach, acquaintances=self.acquaintances
        )


class Policy(_Strict):
    """What counts as good enough: the YAML given to ``medveil evaluate --policy``.

    ``indirect.recall`` left empty is computed from ``risk``; ``labels`` overrides any label;
    ``basis`` chooses the label-blind (default) or label-aware figures for the judgement.
    """

    direct: Requirement = Requirement(recall=0.95, precision=0.80)
    indirect: Requirement = Requirement(precision=0.70)
    risk: RiskModel = RiskModel()
    labels: dict[str, Requirement] = Field(default_factory=dict)
    basis: str = Field("label_blind", pattern="^(label_blind|label_aware)$")

    @classmethod
    def from_yaml(cls, path: str | Path) -> Policy:
        p = Path(path)
        if not p.is_file():
            raise InputError(f"{path}: no such policy file")
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            return cls.model_validate(data)
        except yaml.YAMLError as e:
            raise InputError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
        except ValidationError as e:
            err = e.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            raise InputError(f"{path}: invalid policy at {loc!r}: {err['msg']}") from None

    def requirement(self, kind: str, label: str | None = None) -> Requirement:
        """The requirement for ``kind`` ('direct' or 'indirect'), with per-label overrides applied."""
        base = self.direct if kind == "direct" else self.indirect
        vals = base.model_dump()
        if kind == "indirect" and vals["recall"] is None:
            vals["recall"] = self.risk.thresholds().min_recall
        if label is not None and label in self.labels:
            vals.update({k: v for k, v in self.labels[label].model_dump().items() if v is not None})
        return Requirement(**vals)
