"""Fixtures of the generalization tests: Adult with ARX's hierarchies (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

# development data beside the repository (../shared/data), or $MEDVEIL_SHARED_DATA
ADULT_DIR = Path(os.environ.get("MEDVEIL_SHARED_DATA") or Path(__file__).resolve().parents[3].parent / "shared" / "data") / "adult-arx"
ADULT_QI = ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes several seconds (pycanon on large tables, full searches)")


@pytest.fixture(scope="session")
def adult_lattice():
    """The Adult lattice (encoded once per test session)."""
    from medveil.tables.hierarchy import Hierarchy
    from medveil.tables.io import read_table
    from medveil.tables.search import Lattice

    if not (ADULT_DIR / "adult.csv").exists():
        pytest.skip("Adult data not available")
    t = read_table(ADULT_DIR / "adult.csv")
    hs = {q: Hierarchy.from_csv(ADULT_DIR / f"adult_hierarchy_{q}.csv", q) for q in ADULT_QI}
    return Lattice({c: np.asarray(v) for c, v in t.data.items()}, ADULT_QI, hs)
