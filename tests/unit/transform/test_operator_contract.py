"""The contract every operator passes, for every label it can be given."""

from __future__ import annotations

import pytest

from medveil.labels import Label
from medveil.transform import Context, Operator, Policy, derive_key

KEY = derive_key("contract", "surrogate")
VALUES = ["David Greybeard", "07/22/2019", "617-555-0199", "A-12345", "Boston", "92", "x", "", "  ", "é ü", "!!", "0000"]
OPERATORS = ["surrogate", "tag", "token", "redact", "keep"]


@pytest.mark.parametrize("operator", OPERATORS)
@pytest.mark.parametrize("label", [lab.value for lab in Label])
def test_operator_contract(operator, label):
    op = Policy.from_dict({"default": operator}).operator_for(label)
    assert isinstance(op, Operator) and op.name in (operator, "generalize")
    for value in VALUES:
        a = op.apply(value, label, Context(key=KEY, scope="p1", shift_days=30))
        b = op.apply(value, label, Context(key=KEY, scope="p1", shift_days=30))
        assert isinstance(a, str) and a == b  # pure
        if operator in ("redact", "tag", "token") and value.strip():
            assert a != value
        if operator == "surrogate" and sum(c.isalnum() for c in value) >= 3 and label != Label.AGE:
            assert a.casefold() != value.casefold(), (label, value, a)
        if operator == "keep":
            assert a == value


@pytest.mark.parametrize("label", ["DATE", "AGE", "ZIP"])
def test_generalize_contract(label):
    op = Policy.from_dict({"labels": {label: "generalize"}}).operator_for(label)
    for value in VALUES:
        assert isinstance(op.apply(value, label, Context(key=KEY, scope="p1")), str)
