"""Table risk measures, checked against pycanon (the oracle) and ARX's published figures on Adult."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np
import pytest

from medveil.risk.table import (
    assess_table_risk,
    equivalence_classes,
    expected_inverse_population_size,
    zayatz_population_uniques,
)
from medveil.tables.io import read_table

ADULT_QI = ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation"]
PYCANON_QI = ["age", "education", "occupation", "relationship", "sex", "native-country"]
# development data beside the repository (../shared/data), or $MEDVEIL_SHARED_DATA
PYCANON_DIR = Path(os.environ.get("MEDVEIL_SHARED_DATA") or Path(__file__).resolve().parents[3].parent / "shared" / "data") / "adult-pycanon"

pd = pytest.importorskip("pandas")
pycanon = pytest.importorskip("pycanon")
from pycanon import anonymity, metrics  # noqa: E402
from pycanon.anonymity.utils import aux_anonymity  # noqa: E402


@pytest.fixture(scope="module")
def adult(adult_path):
    return read_table(adult_path)


@pytest.fixture(scope="module")
def adult_report(adult):
    return assess_table_risk(adult.data, ADULT_QI, threshold=0.09)


def test_adult_matches_arx_published_figures(adult_report):
    r = adult_report
    assert r.records == 30162
    assert r.classes == 18109
    assert r.k == 1
    assert r.records_at_max_risk_count == 14021
    assert r.records_at_max_risk == pytest.approx(0.465, abs=0.0005)
    assert r.prosecutor_risk_max == 1.0
    assert r.prosecutor_risk_avg == pytest.approx(0.6004, abs=5e-5)
    # no population given: the table is the population, journalist = prosecutor, marketer = classes / n
    assert r.journalist_risk_max == 1.0
    assert r.marketer_risk == pytest.approx(18109 / 30162, abs=1e-6)


def test_adult_matches_pycanon(adult_path, adult_report):
    df = pd.read_csv(adult_path, sep=";")
    ec = aux_anonymity.get_equiv_class(df, ADULT_QI)
    assert len(ec) == adult_report.classes
    assert anonymity.k_anonymity(df, ADULT_QI) == adult_report.k
    assert metrics.max_rir(df, ADULT_QI) == adult_report.prosecutor_risk_max
    # pycanon's average_rir averages over classes; ARX's average prosecutor risk over records
    assert metrics.average_rir(df, ADULT_QI) == pytest.approx(
        adult_report.prosecutor_risk_avg_per_class, abs=1e-6
    )
    assert len(ec) / len(df) == pytest.approx(adult_report.prosecutor_risk_avg, abs=1e-6)
    sizes = sorted(len(c) for c in ec)
    assert sum(1 for s in sizes if s == 1) == adult_report.sample_uniques_count


@pytest.mark.parametrize("k", [10, 20, pytest.param(3, marks=pytest.mark.slow)])
def test_pycanon_anonymized_files(k):
    path = PYCANON_DIR / f"adult_anonymized_{k}.csv"
    if not path.exists():
        pytest.skip("pycanon data not available")
    t = read_table(path)
    r = assess_table_risk(t.data, PYCANON_QI, sensitive=["salary-class"], combinations=False)
    df = pd.read_csv(path)
    assert r.k == anonymity.k_anonymity(df, PYCANON_QI) == k
    assert r.classes == len(aux_anonymity.get_equiv_class(df, PYCANON_QI))
    assert r.prosecutor_risk_max == pytest.approx(metrics.max_rir(df, PYCANON_QI))
    assert r.prosecutor_risk_avg_per_class == pytest.approx(metrics.average_rir(df, PYCANON_QI), abs=1e-6)
    s = r.sensitive["salary-class"]
    assert s["l_distinct"] == anonymity.l_diversity(df, PYCANON_QI, ["salary-class"])
    assert math.floor(s["l_entropy"] + 1e-9) == anonymity.entropy_l_diversity(
        df, PYCANON_QI, ["salary-class"]
    )
    assert s["t_closeness"] == pytest.approx(
        anonymity.t_closeness(df, PYCANON_QI, ["salary-class"]), abs=1e-6
    )


def test_numeric_sensitive_t_closeness_matches_pycanon():
    rng = np.random.default_rng(7)
    n = 400
    cols = {
        "a": rng.integers(0, 4, n).astype(str),
        "b": rng.choice(["x", "y"], n),
        "s": rng.integers(0, 9, n),
    }
    r = assess_table_risk(
        {k: np.asarray(v) for k, v in cols.items()}, ["a", "b"], sensitive=["s"], combinations=False
    )
    df = pd.DataFrame(cols)
    assert r.sensitive["s"]["t_closeness_distance"] == "ordered"
    assert r.sensitive["s"]["t_closeness"] == pytest.approx(
        anonymity.t_closeness(df, ["a", "b"], ["s"]), abs=1e-6
    )
    assert r.sensitive["s"]["l_distinct"] == anonymity.l_diversity(df, ["a", "b"], ["s"])


def test_small_table_by_hand():
    cols = {"zip": np.array(["1", "1", "1", "2", "2", "3"]), "sex": np.array(["m", "m", "m", "f", "f", "f"])}
    r = assess_table_risk(cols, ["zip", "sex"], threshold=0.4)
    assert (r.k, r.classes, r.sample_uniques_count) == (1, 3, 1)
    assert r.prosecutor_risk_avg == pytest.approx(3 / 6)
    assert r.k_for_threshold == 3
    assert r.records_above_threshold_count == 3  # the pair (risk 0.5) and the unique (1.0)
    assert r.meets_threshold is False
    assert (r.k_target, r.records_below_k_count) == (3, 3)  # default: the threshold's k
    r2 = assess_table_risk(cols, ["zip", "sex"], k_target=2, combinations=False)
    assert r2.records_below_k_count == 1 and r2.records_below_k == pytest.approx(1 / 6, abs=1e-6)
    inv, sizes = equivalence_classes(cols, ["zip"])
    assert sorted(sizes.tolist()) == [1, 2, 3]


def test_journalist_risk_with_population():
    p = 0.1
    assert expected_inverse_population_size(1, p) == pytest.approx(p / (1 - p) * -math.log(p))
    assert expected_inverse_population_size(2, p) == pytest.approx(
        p / (1 - p) ** 2 * (p * math.log(p) + 1 - p)
    )
    assert expected_inverse_population_size(4, 1.0) == 0.25
    cols = {"q": np.array(["a", "b", "b", "c", "c", "c"])}
    r = assess_table_risk(cols, ["q"], population=60)
    assert r.sampling_fraction == pytest.approx(0.1)
    assert r.journalist_risk_max == pytest.approx(expected_inverse_population_size(1, 0.1), abs=1e-6)
    assert r.journalist_risk_max < r.prosecutor_risk_max
    assert 0 < r.population_uniques < 1
    # Zayatz: only sample uniques can be population uniques, never more than the sample uniques
    assert zayatz_population_uniques(np.array([1, 2, 3]), 6, 60) <= 1 / 60 + 1e-12
    with pytest.raises(ValueError):
        assess_table_risk(cols, ["q"], population=3)


def test_report_writers(tmp_path, adult, adult_report):
    from medveil.risk.report import write_html, write_json

    j, h = tmp_path / "r.json", tmp_path / "r.html"
    write_json(adult_report, j)
    write_html(adult_report, h)
    d = json.loads(j.read_text())
    for key in (
        "k",
        "classes",
        "sample_uniques",
        "records_at_max_risk",
        "prosecutor_risk_max",
        "prosecutor_risk_avg",
        "journalist_risk_max",
        "marketer_risk",
    ):
        assert key in d
    assert d["classes"] == 18109
    page = h.read_text()
    assert "<svg" in page and "<script" not in page and "18,109" in page


def _crp(theta: float, alpha: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """Class labels of n draws from the two-parameter Chinese restaurant process."""
    sizes = np.zeros(n)
    out = np.empty(n, dtype=np.int64)
    k = 0
    for m in range(n):
        if rng.random() < (theta + alpha * k) / (theta + m):
            sizes[k], out[m], k = 1, k, k + 1
        else:
            cs = np.cumsum(sizes[:k] - alpha)
            j = min(int(np.searchsorted(cs, rng.random() * cs[-1], side="right")), k - 1)
            sizes[j] += 1
            out[m] = j
    return out


@pytest.mark.parametrize("theta,alpha", [(300.0, 0.3), (1500.0, 0.0)])
def test_pitman_on_simulated_population(theta, alpha):
    """Fit on a 10 % sample of a Pitman population; the predicted share of sample uniques that are
    population uniques is close to the true share."""
    from medveil.risk.table import pitman_fit, pitman_unique_probability

    rng = np.random.default_rng(11)
    N, n = 30_000, 3_000
    pop = _crp(theta, alpha, N, rng)
    sample = pop[rng.permutation(N)[:n]]
    pop_sizes, samp_sizes = np.bincount(pop), np.bincount(sample)
    uniques = np.flatnonzero(samp_sizes == 1)
    truth = float((pop_sizes[uniques] == 1).mean())
    th, al = pitman_fit(samp_sizes[samp_sizes > 0].astype(float))
    assert abs(al - alpha) < 0.12
    assert abs(pitman_unique_probability(th, al, n, N) - truth) < 0.06
    r = assess_table_risk({"q": sample.astype(str)}, ["q"], population=N, combinations=False)
    assert r.population_uniques_pitman == pytest.approx(
        len(uniques) * pitman_unique_probability(th, al, n, N) / N, rel=1e-3
    )
