"""The lattice search: exactness on small tables, and ARX's optima on Adult."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from medveil.tables.hierarchy import Hierarchy, age_hierarchy, flat_hierarchy
from medveil.tables.search import Criteria, Lattice

# ARX 3.9.2's optima on Adult (8 QIs, 5 % suppression), from the issue
ARX_K5_LOSS = 0.25185
ARX_K10_LOSS = 0.30546
ARX_K5_DM = 7_220_555
ARX_K5_PRECISION = 0.38053
ARX_K5_ENTROPY = 239_923.8


def _small(seed=1, n=300):
    rng = np.random.default_rng(seed)
    cols = {
        "age": rng.integers(18, 95, n).astype(str),
        "sex": rng.choice(["F", "M"], n),
        "zip": rng.choice(["a1", "a2", "b1", "b2", "b3"], n),
        "dx": rng.choice(["x", "y", "z"], n),
    }
    zh = Hierarchy(
        "zip",
        {
            "a1": ["a1", "a", "*"],
            "a2": ["a2", "a", "*"],
            "b1": ["b1", "b", "*"],
            "b2": ["b2", "b", "*"],
            "b3": ["b3", "b", "*"],
        },
    )
    hs = {"age": age_hierarchy(cols["age"]), "sex": flat_hierarchy(cols["sex"], "sex"), "zip": zh}
    return cols, hs


@pytest.mark.parametrize("measure", ["loss", "discernibility", "precision", "entropy", "aecs"])
@pytest.mark.parametrize(
    "crit",
    [
        Criteria(k=5, suppression_limit=0.05),
        Criteria(k=3, suppression_limit=0.0),
        Criteria(k=2, l=2, suppression_limit=0.1),
        Criteria(k=2, avg_risk=0.1, suppression_limit=0.02),
    ],
)
def test_search_equals_exhaustive_minimum(measure, crit):
    cols, hs = _small()
    lat = Lattice(cols, ["age", "sex", "zip"], hs, sensitive="dx")
    res = lat.search(crit, measure)
    best = None
    for node in itertools.product(*[range(h.depth) for h in lat.hierarchies]):
        ev = lat.evaluate(node, crit)
        if ev.anonymous and (best is None or ev.measures[measure] < best - 1e-12):
            best = ev.measures[measure]
    if best is None:
        assert res.best is None
    else:
        assert res.best is not None and res.best.anonymous
        assert res.best.measures[measure] == pytest.approx(best, rel=1e-12)


def test_released_classes_meet_k():
    cols, hs = _small(seed=3)
    lat = Lattice(cols, ["age", "sex", "zip"], hs)
    crit = Criteria(k=4, suppression_limit=0.05)
    res = lat.search(crit, "loss")
    gen, supp = lat.release(res.best.levels, crit)
    kept = np.stack([g[~supp] for g in gen], axis=1)
    _, sizes = np.unique(kept, axis=0, return_counts=True)
    assert sizes.min() >= 4
    assert supp.sum() == res.best.suppressed <= int(0.05 * len(cols["age"]))


def test_max_risk_means_k():
    assert Criteria.from_risk(0.09).k == 12
    assert Criteria.from_risk(0.2).k == 5


def test_adult_arx_node_measures(adult_lattice):
    """ARX's k=5 optimum node gives ARX's Loss and suppression under our definitions."""
    ev = adult_lattice.evaluate((0, 3, 0, 0, 1, 1, 1, 2), Criteria(k=5, suppression_limit=0.05))
    assert ev.anonymous and ev.suppressed == 1458
    assert round(ev.measures["loss"], 5) == ARX_K5_LOSS


def test_adult_k5_meets_arx_in_under_2s(adult_lattice):
    t = time.perf_counter()
    res = adult_lattice.search(Criteria(k=5, suppression_limit=0.05), "loss")
    elapsed = time.perf_counter() - t
    assert res.best.measures["loss"] <= ARX_K5_LOSS + 5e-6
    assert res.best.levels == (0, 3, 0, 0, 1, 1, 1, 2)
    assert res.best.suppressed == 1458
    assert elapsed < 4.0  # < 2 s on an idle machine (see benchmarks/tables_bench.py); slack for loaded CI


@pytest.mark.slow
def test_adult_k10_meets_arx(adult_lattice):
    res = adult_lattice.search(Criteria(k=10, suppression_limit=0.05), "loss")
    assert res.best.measures["loss"] <= ARX_K10_LOSS + 5e-6


@pytest.mark.slow
@pytest.mark.parametrize(
    "measure,arx",
    [
        ("discernibility", ARX_K5_DM),
        ("precision", ARX_K5_PRECISION),
        ("entropy", ARX_K5_ENTROPY),
    ],
)
def test_adult_k5_other_measures_meet_arx(adult_lattice, measure, arx):
    res = adult_lattice.search(Criteria(k=5, suppression_limit=0.05), measure)
    assert res.best.measures[measure] <= arx * (1 + 1e-6)


def test_unknown_measure(adult_lattice):
    with pytest.raises(ValueError, match="unknown measure"):
        adult_lattice.search(Criteria(k=2), "utility")


@pytest.mark.parametrize("seed", range(8))
def test_search_exact_on_random_tables(seed):
    """Random small tables, every measure, criteria including the non-monotone average risk."""
    cols, hs = _small(seed=100 + seed, n=120)
    lat = Lattice(cols, ["age", "sex", "zip"], hs, sensitive="dx")
    for crit in (
        Criteria(k=3, avg_risk=0.08, suppression_limit=0.1),
        Criteria(k=2, l=2, l_kind="entropy", suppression_limit=0.1),
    ):
        for measure in ("loss", "discernibility", "precision", "entropy", "aecs"):
            res = lat.search(crit, measure)
            values = [
                ev.measures[measure]
                for node in itertools.product(*[range(h.depth) for h in lat.hierarchies])
                if (ev := lat.evaluate(node, crit)).anonymous
            ]
            if not values:
                assert res.best is None
            else:
                assert res.best.measures[measure] == pytest.approx(min(values), rel=1e-12)
