"""Thresholds from the attack model, checked on the worked examples of El Emam & Arbuckle, ch. 8."""

from __future__ import annotations

import pytest

from medveil.evaluate import Policy, acquaintance_probability, min_recall, risk_thresholds
from medveil.io.readers import InputError


def test_book_worked_examples():
    assert round(min_recall(0.05, 0.4), 2) == 0.65
    assert min_recall(0.1, 0.4) == pytest.approx(0.5)


def test_no_recall_needed_when_tau_exceeds_attack_probability():
    assert min_recall(0.3, 0.27) == 0.0
    assert min_recall(0.1, 0.0) == 0.0


def test_acquaintance_probability():
    assert acquaintance_probability(0.001) == pytest.approx(1 - 0.999**150)
    assert acquaintance_probability(0.001, 1) == pytest.approx(0.001)


def test_strictest_attack_binds():
    r = risk_thresholds(0.1, attempt=0.4, prevalence=0.001, breach=0.27)
    assert [a.code for a in r.attacks] == ["T1", "T2", "T3"]
    assert r.binding.code == "T1" and r.min_recall == pytest.approx(0.5)
    r = risk_thresholds(0.05, attempt=0.1, prevalence=0.01, breach=0.27)  # T2: Pr = 1 - 0.99^150 = 0.779
    assert r.binding.code == "T2"
    assert r.min_recall == pytest.approx(1 - (0.05 / (1 - 0.99**150)) ** 0.5)


def test_bad_probabilities_raise():
    with pytest.raises(ValueError):
        min_recall(0.0, 0.4)
    with pytest.raises(ValueError):
        min_recall(0.1, 1.5)


def test_policy_defaults_and_yaml(tmp_path):
    p = Policy()
    assert p.requirement("direct").recall == 0.95 and p.requirement("direct").precision == 0.80
    assert p.requirement("indirect").precision == 0.70 and p.requirement("indirect").recall == pytest.approx(0.5)
    f = tmp_path / "policy.yaml"
    f.write_text("risk: {tau: 0.05, attempt: 0.4}\nlabels: {AGE: {recall: 0.99}}\n")
    p = Policy.from_yaml(f)
    assert round(p.requirement("indirect").recall, 2) == 0.65
    assert p.requirement("indirect", "AGE").recall == 0.99
    f.write_text("direct: {recal: 0.9}\n")
    with pytest.raises(InputError, match="invalid policy"):
        Policy.from_yaml(f)
