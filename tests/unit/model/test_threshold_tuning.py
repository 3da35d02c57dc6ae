"""How ``tune_thresholds`` trades precision for recall: the model overrides the rules only where the tuning
documents show that it pays, and never removes a rule span it finds more likely PHI than not."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")  # the training module imports scikit-learn

from medveil.model.train import TrainConfig, _EvalDoc, tune_thresholds  # noqa: E402


def _doc(words: list[tuple[str, bool, str, str, float]]) -> _EvalDoc:
    """A document of four-letter words; per word: (word, is gold PHI, unit kind, label, model probability)."""
    text = " ".join(w for w, *_ in words)
    alnum = np.fromiter((c.isalnum() for c in text), dtype=bool, count=len(text))
    gold, units, pos = [], [], 0
    for w, is_phi, kind, label, p in words:
        if is_phi:
            gold.append((pos, pos + len(w), label))
        if kind:
            units.append((pos, pos + len(w), kind, label, p))
        pos += len(w) + 1
    gmask = np.zeros(len(text), dtype=bool)
    for s, e, _ in gold:
        gmask[s:e] = True
    return _EvalDoc(gold, alnum, np.concatenate([[0], np.cumsum(gmask)]), [], units)


def _tune(docs: list[_EvalDoc], **cfg) -> dict:
    """Tuned thresholds; the exchange step is off unless asked for (each test looks at one mechanism)."""
    cfg = {"target_recall": 0.98, "target_name_recall": 0.99, "exchange_rate": 0.0, **cfg}
    out, _ = tune_thresholds(None, [], TrainConfig(**cfg), extra=docs)
    return out


def _corpus() -> list[_EvalDoc]:
    # 100 cities the model is sure of, one it is fairly sure of (0.7), one false alarm it half believes (0.6)
    docs = [_doc([("Pima", True, "cand", "CITY", 0.95), ("said", False, "", "", 0.0)]) for _ in range(100)]
    docs.append(_doc([("Ajax", True, "cand", "CITY", 0.7)]))
    docs.append(_doc([("Opal", False, "cand", "CITY", 0.6)]))
    return docs


def test_a_rule_span_the_model_finds_likely_phi_is_never_removed():
    # raising CITY to 0.8 would drop the false alarm and one true city and still meet the recall target;
    # the cap keeps every candidate the model scores 0.5 or more
    out = _tune(_corpus())
    assert out["candidate"].get("CITY", out["default"]) <= 0.5


def test_without_the_cap_the_tuning_buys_precision_with_a_likely_city():
    out = _tune(_corpus(), max_removal_threshold=1.0)
    assert out["candidate"].get("CITY", out["default"]) > 0.6


def test_on_a_tie_the_rules_decision_stands():
    # a faint name the model must keep pins the common threshold low; the sure cities gain nothing from any
    # CITY threshold up to 0.5, so it is not raised (the candidates stay kept); a new ORGANIZATION token that
    # gains nothing from being added stays out (its threshold goes up)
    docs = [_doc([("Pima", True, "cand", "CITY", 0.95), ("Zorn", True, "new", "PERSON", 0.02),
                  ("Acme", False, "new", "ORGANIZATION", 0.001)]) for _ in range(50)]
    out = _tune(docs)
    assert out["default"] <= 0.02
    assert "CITY" not in out["candidate"]
    assert out["new"]["ORGANIZATION"] > out["default"]


def test_an_unreachable_target_is_aimed_just_below_the_best_reachable():
    # 2 % of the names have no candidate at all, so name recall 0.99 is out of reach; one faint name (0.02)
    # sits among 200 false alarms of the same probability. Chasing it keeps all 200; aiming 0.1 point below
    # the best reachable name recall lets it go.
    docs = [_doc([("Pima", True, "cand", "PERSON", 0.95)]) for _ in range(980)]
    docs += [_doc([("Zorn", True, "", "PERSON", 0.0)]) for _ in range(20)]
    docs.append(_doc([("Lupe", True, "new", "PERSON", 0.02)]))
    docs += [_doc([("Word", False, "new", "PERSON", 0.02)]) for _ in range(200)]
    chase = _tune(docs, recall_slack=0.0, target_recall=0.95)
    assert chase["new"].get("PERSON", chase["default"]) <= 0.02
    slack = _tune(docs, recall_slack=0.001, target_recall=0.95)
    assert slack["targets"]["name_recall"] < 981 / 1001
    assert slack["new"].get("PERSON", slack["default"]) > 0.02


def _cliff(label: str, found: int, sure: str = "CITY") -> list[_EvalDoc]:
    """990 identifiers of ``sure`` the model is sure of; ``found`` of ``label`` it barely sees (0.02), among 300
    false alarms of the same probability: the recall target alone keeps all 300."""
    docs = [_doc([("Pima", True, "cand", sure, 0.95)]) for _ in range(990)]
    docs += [_doc([("Zorn", True, "new", label, 0.02)]) for _ in range(found)]
    docs += [_doc([("Word", False, "new", label, 0.02)]) for _ in range(300)]
    return docs


def test_false_alarms_are_exchanged_for_a_few_identifiers_above_the_floor():
    # the target (0.999) keeps the 300 false alarms for 10 organizations; at 30 false positives per organization
    # lost the exchange drops them, recall 0.99 staying above the floor (0.98)
    docs = _cliff("ORGANIZATION", 10)
    assert _tune(docs, target_recall=0.999)["new"].get("ORGANIZATION", 0.01) <= 0.02
    exchanged = _tune(docs, target_recall=0.999, exchange_rate=10.0)
    assert exchanged["new"]["ORGANIZATION"] > 0.02


def test_a_name_weighs_more_and_recall_never_falls_below_the_floor():
    # 10 names (name recall 0.99, at the floor) cost 10 x 5 = 50 identifiers: 6 false positives each, under 10
    names = _cliff("PERSON", 10, sure="PATIENT")
    assert _tune(names, target_recall=0.999, exchange_rate=10.0)["new"].get("PERSON", 0.01) <= 0.02
    assert _tune(names, target_recall=0.999, exchange_rate=10.0, name_weight=1.0)["new"]["PERSON"] > 0.02
    # 25 organizations: 12 false positives each, but recall would fall to 0.975, under the floor of 0.98
    assert _tune(_cliff("ORGANIZATION", 25), target_recall=0.999, exchange_rate=10.0)["new"].get("ORGANIZATION", 0.01) <= 0.02
