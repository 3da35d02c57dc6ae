"""Shared fixtures of the table-risk tests: the Adult data in ../shared/data (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# development data beside the repository (../shared/data), or $MEDVEIL_SHARED_DATA
DATA = Path(os.environ.get("MEDVEIL_SHARED_DATA") or Path(__file__).resolve().parents[3].parent / "shared" / "data")
ADULT = DATA / "adult-arx" / "adult.csv"
PYCANON_DIR = DATA / "adult-pycanon"
ADULT_QI = ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation"]
PYCANON_QI = ["age", "education", "occupation", "relationship", "sex", "native-country"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes several seconds (pycanon on large tables, full searches)")


@pytest.fixture(scope="session")
def adult_path() -> Path:
    if not ADULT.exists():
        pytest.skip("Adult data not available")
    return ADULT
