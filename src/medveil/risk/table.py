"""Risk measures of a table over its quasi-identifiers.

Definitions (as in ARX; pycanon agrees on classes, k and the highest risk):

* an *equivalence class* is a set of records with equal values in every quasi-identifier; ``k`` is
  the size of the smallest;
* *prosecutor risk* of a record is 1 / (size of its class): the attacker knows the person is in the
  table. ``prosecutor_risk_max`` = 1/k; ``prosecutor_risk_avg`` is the mean over records
  (= classes / records, ARX's "average prosecutor risk"); pycanon's ``average_rir`` is the mean over
  *classes*, reported here as ``prosecutor_risk_avg_per_class``;
* *journalist risk*: the attacker matches against a population register. Without a population size
  or sampling fraction the table is taken to be the population, and journalist = prosecutor (as in
  ARX without a population model). With a sampling fraction p (or population N, p = n/N), each class
  of sample size f gets the expected inverse population class size E[1/F | f] under the
  Benedetti–Franconi negative-binomial model (F − f | f ~ NegBin(f, p), the model of sdcMicro's
  individual risk): E[1/F | f] = Σ_j C(f+j−1, j) p^f (1−p)^j / (f + j);
* *marketer risk*: the expected share of records re-identified when matching every record, the mean
  over records of the journalist risk (= classes / records without a population);
* *population uniques* (with a population), as a share of the population, by two models ARX also
  offers: Zayatz's — the share of sample uniques that are population unique is
  P(F=1 | f=1) = (c₁·P(f=1|F=1)) / Σᵢ cᵢ·P(f=1|F=i), with cᵢ the number of sample classes of size i
  and P(f=1|F=i) hypergeometric — and Pitman's: (θ, α) of Pitman's sampling formula fitted by
  maximum likelihood to the sample's class sizes, the population taken as the sample continued by
  the two-parameter Chinese restaurant process, so that a sample unique stays unique with probability
  Π_{m=n}^{N−1} (θ + m − 1 + α)/(θ + m);
* *l-diversity* per sensitive attribute: the smallest number of distinct sensitive values in a class
  (distinct l), and the smallest exp(entropy) of a class (entropy l); *t-closeness*: the largest
  earth mover's distance between a class's sensitive-value distribution and the whole table's (ordered
  distance over sorted values for numeric attributes, equal distance — half the L1 — otherwise),
  as pycanon computes it.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from medveil.tables.io import factorize, group_codes

HIST_BINS = [(1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, None)]


def _codes(values: np.ndarray) -> np.ndarray:
    return factorize(np.asarray(values, dtype=object))[0]


def equivalence_classes(
    columns: dict[str, np.ndarray], qi: list[str], codes: dict[str, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``(class_of_row, class_sizes)`` of the records over the quasi-identifiers ``qi``
    (``codes``: the columns already as integer codes, if at hand)."""
    if not qi:
        raise ValueError("at least one quasi-identifier is needed")
    inv, sizes, _ = group_codes([codes[q] if codes else _codes(columns[q]) for q in qi])
    return inv, sizes


def expected_inverse_population_size(
    f: int, p: float, tol: float = 1e-12, max_terms: int = 10_000_000
) -> float:
    """E[1/F | f] under F − f ~ NegBin(f, p) (Benedetti–Franconi); 1/f when p = 1."""
    if p >= 1.0:
        return 1.0 / f
    if f == 1:
        return p / (1 - p) * -math.log(p)
    # a_j = C(f+j-1, j) p^f (1-p)^j is the NegBin pmf; a_{j+1}/a_j = (f+j)/(j+1)·(1-p); sum a_j/(f+j)
    total = 0.0
    log_a = f * math.log(p)
    log_q = math.log1p(-p)
    j0, block = 0, 65536
    while j0 < max_terms:
        j = np.arange(j0, j0 + block, dtype=np.float64)
        steps = np.log(f + j) - np.log(j + 1) + log_q
        log_aj = log_a + np.concatenate(([0.0], np.cumsum(steps[:-1])))
        terms = np.exp(log_aj) / (f + j)
        total += float(terms.sum())
        log_a = float(log_aj[-1] + steps[-1])
        j0 += block
        if j0 > (f - 1) * (1 - p) / p and math.exp(log_a) < tol:
            break
    return total


@dataclass
class TableRisk:
    """Every risk figure of a table; :meth:`to_dict` gives the JSON report."""

    records: int
    quasi_identifiers: list[str]
    k: int
    classes: int
    sample_uniques: float
    sample_uniques_count: int
    records_at_max_risk: float
    records_at_max_risk_count: int
    prosecutor_risk_max: float
    prosecutor_risk_avg: float
    prosecutor_risk_avg_per_class: float
    journalist_risk_max: float
    journalist_risk_avg: float
    marketer_risk: float
    population_model: str
    population: float | None = None
    sampling_fraction: float | None = None
    population_uniques: float | None = None
    population_uniques_pitman: float | None = None
    pitman_theta: float | None = None
    pitman_alpha: float | None = None
    threshold: float | None = None
    k_for_threshold: int | None = None
    records_above_threshold: float | None = None
    records_above_threshold_count: int | None = None
    meets_threshold: bool | None = None
    k_target: int | None = None
    records_below_k: float | None = None
    records_below_k_count: int | None = None
    class_size_histogram: list[dict[str, Any]] = field(default_factory=list)
    riskiest_classes: list[dict[str, Any]] = field(default_factory=list)
    riskiest_attribute_combinations: list[dict[str, Any]] = field(default_factory=list)
    sensitive: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return asdict(self)


def zayatz_population_uniques(sizes: np.ndarray, n: int, population: float) -> float:
    """Zayatz's estimate of the share of the *population* that is unique on the quasi-identifiers."""
    size_values, class_counts = np.unique(sizes, return_counts=True)
    c1 = int(class_counts[size_values == 1].sum())
    if c1 == 0:
        return 0.0
    N = int(round(population))

    def log_comb(a: int, b: int) -> float:
        return math.lgamma(a + 1) - math.lgamma(b + 1) - math.lgamma(a - b + 1)

    def p_one(i: int) -> float:  # P(sample count 1 | population class size i), hypergeometric
        if i > N or n - 1 > N - i:
            return 0.0
        return math.exp(math.log(i) + log_comb(N - i, n - 1) - log_comb(N, n))

    weights = np.array([c * p_one(int(i)) for i, c in zip(size_values, class_counts, strict=True)])
    if weights.sum() <= 0:
        return 0.0
    share_unique = float(weights[size_values == 1].sum() / weights.sum())
    return c1 * share_unique / N


def _sensitive_measures(classes: np.ndarray, n_classes: int, values: np.ndarray) -> dict[str, float]:
    svals = np.asarray(values, dtype=object)
    numeric = True
    try:
        nums = svals.astype(np.float64)
    except (ValueError, TypeError):
        numeric = False
    if numeric:
        distinct, s = np.unique(nums, return_inverse=True)
    else:
        s, distinct = factorize(svals)
    s = s.reshape(-1).astype(np.int64)
    m = len(distinct)
    p = np.bincount(s, minlength=m) / len(s)
    sizes = np.bincount(classes, minlength=n_classes).astype(np.float64)
    # sparse (class, value) counts: memory grows with the pairs present, not classes × values
    pair_keys, pair_counts = np.unique(classes.astype(np.int64) * m + s, return_counts=True)
    pc, pv = pair_keys // m, pair_keys % m
    q = pair_counts / sizes[pc]
    l_distinct = int(np.bincount(pc, minlength=n_classes).min())
    ent = np.bincount(pc, weights=-q * np.log(q), minlength=n_classes)
    l_entropy = float(np.exp(ent.min()))
    if numeric and m > 1:
        # ordered distance: Σ_i |Σ_{j<=i} (q_j - p_j)| / (m - 1), dense per block of classes
        t = 0.0
        block = max(1, 4_000_000 // m)
        for c0 in range(0, n_classes, block):
            c1 = min(n_classes, c0 + block)
            sel = (pc >= c0) & (pc < c1)
            dense = np.zeros((c1 - c0, m))
            dense[pc[sel] - c0, pv[sel]] = q[sel]
            t = max(t, float((np.abs(np.cumsum(dense - p, axis=1)).sum(axis=1) / (m - 1)).max()))
    else:
        # equal distance: half the L1 distance; values absent from a class contribute p_j
        present_p = np.bincount(pc, weights=p[pv], minlength=n_classes)
        l1 = np.bincount(pc, weights=np.abs(q - p[pv]), minlength=n_classes) + (1.0 - present_p)
        t = float((0.5 * l1).max())
    return {
        "l_distinct": l_distinct,
        "l_entropy": round(l_entropy, 6),
        "t_closeness": round(t, 6),
        "t_closeness_distance": "ordered" if numeric and m > 1 else "equal",
    }


def _histogram(sizes: np.ndarray) -> list[dict[str, Any]]:
    out = []
    for lo, hi in HIST_BINS:
        mask = (sizes >= lo) & ((sizes <= hi) if hi is not None else True)
        label = f"{lo}" if lo == hi else (f"{lo}-{hi}" if hi is not None else f"{lo}+")
        out.append({"size": label, "classes": int(mask.sum()), "records": int(sizes[mask].sum())})
    return out


def _attribute_combinations(
    codes: dict[str, np.ndarray], qi: list[str], n: int, top: int
) -> list[dict[str, Any]]:
    """Uniqueness of every combination of up to 3 quasi-identifiers, the most singling-out first:
    small combinations that already make many records unique are the ones to generalize first."""
    rows = []
    for r in range(1, min(3, len(qi)) + 1):
        for combo in itertools.combinations(qi, r):
            _, sizes, _ = group_codes([codes[c] for c in combo])
            rows.append(
                {
                    "attributes": list(combo),
                    "sample_uniques": round(int((sizes == 1).sum()) / n, 6),
                    "classes": int(len(sizes)),
                    "k": int(sizes.min()),
                }
            )
    rows.sort(key=lambda d: (-d["sample_uniques"], len(d["attributes"]), -d["classes"]))
    return rows[:top]


def assess_table_risk(
    columns: dict[str, np.ndarray],
    qi: list[str],
    sensitive: list[str] | None = None,
    population: float | None = None,
    sampling_fraction: float | None = None,
    threshold: float | None = None,
    top: int = 20,
    combinations: bool = True,
    k_target: int | None = None,
) -> TableRisk:
    """Measure the re-identification risk of a table given as ``{column: values}``.

    ``threshold`` is the highest acceptable per-record risk (e.g. 0.09 ⇒ classes of 12 or more);
    ``k_target`` reports the share of records in classes smaller than it (default: the threshold's k);
    ``population`` (N) or ``sampling_fraction`` (n/N) switch journalist/marketer risk to the
    population model described in the module docstring.
    """
    if population is not None and sampling_fraction is not None:
        raise ValueError("give either a population size or a sampling fraction, not both")
    codes = {q: _codes(columns[q]) for q in qi}
    inv, sizes = equivalence_classes(columns, qi, codes)
    n = int(len(inv))
    k = int(sizes.min())
    n_classes = int(len(sizes))
    row_size = sizes[inv]
    at_max = int((row_size == k).sum())
    uniques = int((sizes == 1).sum())
    if population is not None:
        if population < n:
            raise ValueError(
                f"the population ({population:g}) cannot be smaller than the table ({n} records)"
            )
        sampling_fraction = n / population
    elif sampling_fraction is not None:
        if not 0 < sampling_fraction <= 1:
            raise ValueError("the sampling fraction must be in (0, 1]")
        population = n / sampling_fraction
    if sampling_fraction is None or sampling_fraction >= 1.0:
        model = "none (the table is the population)"
        class_risk = 1.0 / sizes
        pop_uniques = None if sampling_fraction is None else uniques / n
        pitman = theta = alpha = None
    else:
        model = "Benedetti-Franconi E[1/F|f]; Zayatz and Pitman population uniques"
        cache = {
            int(f): expected_inverse_population_size(int(f), sampling_fraction) for f in np.unique(sizes)
        }
        class_risk = np.array([cache[int(f)] for f in sizes])
        pop_uniques = zayatz_population_uniques(sizes, n, float(population))
        theta, alpha = pitman_fit(sizes.astype(np.float64))
        pitman = uniques * pitman_unique_probability(theta, alpha, n, float(population)) / float(population)
    journalist_row = class_risk[inv]
    report = TableRisk(
        records=n,
        quasi_identifiers=list(qi),
        k=k,
        classes=n_classes,
        sample_uniques=round(uniques / n, 6),
        sample_uniques_count=uniques,
        records_at_max_risk=round(at_max / n, 6),
        records_at_max_risk_count=at_max,
        prosecutor_risk_max=round(1.0 / k, 6),
        prosecutor_risk_avg=round(n_classes / n, 6),
        prosecutor_risk_avg_per_class=round(float((1.0 / sizes).mean()), 6),
        journalist_risk_max=round(float(class_risk.max()), 6),
        journalist_risk_avg=round(float(journalist_row.mean()), 6),
        marketer_risk=round(float(journalist_row.mean()), 6),
        population_model=model,
        population=population,
        sampling_fraction=sampling_fraction,
        population_uniques=None if pop_uniques is None else round(pop_uniques, 6),
        population_uniques_pitman=None if pitman is None else round(pitman, 6),
        pitman_theta=None if theta is None else round(theta, 3),
        pitman_alpha=None if alpha is None else round(alpha, 4),
        class_size_histogram=_histogram(sizes),
    )
    if threshold is not None:
        kt = math.ceil(1.0 / threshold - 1e-12)
        above = int((1.0 / row_size > threshold + 1e-12).sum())
        report.threshold = threshold
        report.k_for_threshold = kt
        report.records_above_threshold = round(above / n, 6)
        report.records_above_threshold_count = above
        report.meets_threshold = report.prosecutor_risk_max <= threshold + 1e-12
    if k_target is None and report.k_for_threshold is not None:
        k_target = report.k_for_threshold
    if k_target is not None:
        below = int((row_size < k_target).sum())
        report.k_target = int(k_target)
        report.records_below_k = round(below / n, 6)
        report.records_below_k_count = below
    # the riskiest classes: the smallest, with their values
    order = np.argsort(sizes, kind="stable")[:top]
    first_row = np.full(n_classes, -1)
    first_row[inv[::-1]] = np.arange(n)[::-1]
    for c in order:
        r = int(first_row[c])
        report.riskiest_classes.append(
            {
                "size": int(sizes[c]),
                "risk": round(1.0 / float(sizes[c]), 6),
                "values": {q: str(columns[q][r]) for q in qi},
            }
        )
    if combinations:
        report.riskiest_attribute_combinations = _attribute_combinations(codes, qi, n, top)
    for s in sensitive or []:
        report.sensitive[s] = _sensitive_measures(inv, n_classes, columns[s])
    return report


def _pitman_loglik(theta: float, alpha: float, n: int, u: int, size_counts: list[tuple[int, int]]) -> float:
    """Log-likelihood of Pitman's sampling formula for a sample of n records in u classes."""
    if theta <= -alpha or not 0 <= alpha < 1:
        return -math.inf
    if alpha > 1e-12:
        if theta / alpha + 1 <= 0:
            return -math.inf
        first = (u - 1) * math.log(alpha) + math.lgamma(theta / alpha + u) - math.lgamma(theta / alpha + 1)
    else:
        if theta <= 0:
            return -math.inf
        first = (u - 1) * math.log(theta)
    second = math.lgamma(theta + n) - math.lgamma(theta + 1)
    third = sum(c * (math.lgamma(f - alpha) - math.lgamma(1 - alpha)) for f, c in size_counts)
    return first - second + third


def _golden_max(fn, lo: float, hi: float, iters: int = 60) -> tuple[float, float]:
    g = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = fn(c), fn(d)
    for _ in range(iters):
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = fn(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = fn(d)
    x = (a + b) / 2
    return x, fn(x)


def pitman_fit(sizes: np.ndarray) -> tuple[float, float]:
    """Maximum-likelihood (θ, α) of Pitman's sampling formula for the class sizes of a sample."""
    n, u = int(sizes.sum()), int(len(sizes))
    vals, counts = np.unique(sizes, return_counts=True)
    sc = [(int(f), int(c)) for f, c in zip(vals, counts, strict=True)]

    def best_theta(alpha: float) -> tuple[float, float]:
        # search log(theta + alpha) so that theta > -alpha
        def f(t: float) -> float:
            return _pitman_loglik(math.exp(t) - alpha, alpha, n, u, sc)

        t, v = _golden_max(f, math.log(1e-6), math.log(1e9))
        return math.exp(t) - alpha, v

    grid = [i / 50 for i in range(50)]
    scored = [(best_theta(a)[1], a) for a in grid]
    _, a0 = max(scored)
    alpha, _ = _golden_max(lambda a: best_theta(a)[1], max(0.0, a0 - 0.02), min(0.999, a0 + 0.02), iters=30)
    theta, _ = best_theta(alpha)
    return theta, alpha


def pitman_unique_probability(theta: float, alpha: float, n: int, population: float) -> float:
    """P(a sample unique is unique in the population) under Pitman's model: the population is the
    sample continued by the two-parameter Chinese restaurant process, in which a class of one record
    gains the next record with probability (1 − α)/(θ + m); never in N − n draws:
    Π_{m=n}^{N−1} (θ + m − 1 + α)/(θ + m)."""
    N = float(population)
    if N <= n:
        return 1.0
    return math.exp(
        math.lgamma(theta + N - 1 + alpha)
        - math.lgamma(theta + n - 1 + alpha)
        + math.lgamma(theta + n)
        - math.lgamma(theta + N)
    )
