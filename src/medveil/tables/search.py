"""Optimal generalization: a search over the lattice of per-attribute levels.

Every quasi-identifier is encoded once as integer codes per hierarchy level; the rows are collapsed to
their distinct quasi-identifier tuples with counts. A *node* of the lattice is one level per
quasi-identifier; evaluating it maps the tuples to their generalized codes, combines them into one
integer key and counts class sizes with ``np.unique``/``bincount``.

The search is exact (it returns a node of least information loss among all nodes that meet the
privacy criteria), and prunes with two monotonicity properties, as ARX's Flash/OLA do:

* the privacy criteria (k-anonymity and l-diversity, with record suppression up to a limit) are
  monotone: if a node fails, every node below it (more specific in every attribute) fails. The
  average-risk criterion is not (rows suppressed at a node can form a new released class above it),
  so it is checked node by node and never used for pruning;
* every measure has a lower bound that only grows with generalization (the loss of the
  generalization alone, ignoring suppression, or the class-based bound for discernibility): nodes are
  visited in order of that bound, the search stops once the bound reaches the best loss found, and
  once a node's class-based bound reaches it, every node above it is skipped.

Whether a node meets the criteria is settled Flash-style: from the node, a path of low bound runs up
to the top of the lattice and a binary search along it finds the lowest node that meets them; every
check marks the whole down-set (on failure) or up-set (on success). Two more shortcuts: a pair
pre-check (rows in classes below k over any two attributes are suppressed at any node, so too many of
them rule a node out without evaluating it), and class sizes are rolled up from the smallest cached
classes of a more specific node instead of from all rows.
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field

import numpy as np

from medveil.tables.hierarchy import Hierarchy, encode_levels
from medveil.tables.io import factorize, group_codes

MEASURES = ("loss", "discernibility", "precision", "entropy", "aecs")
_UNKNOWN, _FAILED, _ANONYMOUS = 0, 1, 2  # anonymity status of a lattice node


@dataclass
class Criteria:
    """Privacy criteria a solution must meet.

    ``k``: every released class holds at least ``k`` records (``max_risk`` t means k = ceil(1/t)).
    ``avg_risk``: the average prosecutor risk of the released records (released classes / released
    records) at most this. ``l``/``l_kind``: each released class has at least ``l`` distinct sensitive
    values (``distinct``) or a sensitive-value entropy of at least ln(l) (``entropy``).
    ``suppression_limit``: the share of records that may be suppressed (removed, or ``*`` everywhere).
    """

    k: int = 1
    avg_risk: float | None = None
    l: int | None = None  # noqa: E741
    l_kind: str = "distinct"
    suppression_limit: float = 0.0

    @classmethod
    def from_risk(cls, max_risk: float | None = None, **kw: object) -> Criteria:
        """Criteria with ``k`` derived from a highest-risk threshold (k = ceil(1/max_risk))."""
        c = cls(**kw)  # type: ignore[arg-type]
        if max_risk is not None:
            c.k = max(c.k, math.ceil(1.0 / max_risk - 1e-12))
        return c


@dataclass
class Evaluation:
    """A node's classes, its suppression and its information loss (all measures)."""

    levels: tuple[int, ...]
    classes: int
    suppressed: int
    anonymous: bool
    measures: dict[str, float]
    per_attribute_loss: list[float] = field(default_factory=list)


@dataclass
class SearchResult:
    """The optimum found and how the search went."""

    best: Evaluation | None
    measure: str
    nodes_total: int
    nodes_evaluated: int
    seconds: float
    qi: list[str]


class Lattice:
    """The generalization lattice of one table: encode once, evaluate any node quickly."""

    def __init__(
        self,
        columns: dict[str, np.ndarray],
        qi: list[str],
        hierarchies: dict[str, Hierarchy],
        sensitive: str | None = None,
        min_levels: dict[str, int] | None = None,
        max_levels: dict[str, int] | None = None,
    ):
        self.qi = list(qi)
        self.hierarchies = [hierarchies[q] for q in self.qi]
        self.n = len(columns[self.qi[0]]) if self.qi else 0
        leaf_cols = []
        self.level_map: list[list[np.ndarray]] = []
        self.level_labels: list[list[np.ndarray]] = []
        self.level_leaves: list[list[np.ndarray]] = []
        for q, h in zip(self.qi, self.hierarchies, strict=True):
            codes, lmap, labels, leaves = encode_levels(h, np.asarray(columns[q]))
            leaf_cols.append(codes)
            self.level_map.append(lmap)
            self.level_labels.append(labels)
            self.level_leaves.append(leaves)
        self.row_leaf = np.stack(leaf_cols, axis=1) if leaf_cols else np.zeros((self.n, 0), dtype=np.int64)
        extra = []
        self.sensitive = sensitive
        if sensitive is not None:
            extra = [factorize(np.asarray(columns[sensitive], dtype=object))[0]]
        self.row_tuple, counts, tuples = group_codes(leaf_cols + extra)
        self.tuples = tuples[:, : len(self.qi)]
        self.sens = tuples[:, len(self.qi)] if sensitive is not None else None
        self.counts = counts.astype(np.float64)
        self.heights = [h.height for h in self.hierarchies]
        self.min_levels = [(min_levels or {}).get(q, 0) for q in self.qi]
        self.max_levels = [
            (max_levels or {}).get(q, h.height) for q, h in zip(self.qi, self.hierarchies, strict=True)
        ]
        self._prepare_measures()
        self._prepare_rollup()

    # --- per-attribute, per-level tables used by the measures -------------------------------------
    def _prepare_measures(self) -> None:
        n = self.n
        self.g_loss: list[list[np.ndarray]] = []  # per leaf: (leaves under released value - 1)/(leaves - 1)
        self.g_entropy: list[list[np.ndarray]] = []  # per leaf: -log2(freq(original)/freq(released))
        self.lb_loss: list[np.ndarray] = []  # per level: mean over rows of g_loss
        self.lb_entropy: list[np.ndarray] = []  # per level: sum over rows of g_entropy
        for i, h in enumerate(self.hierarchies):
            leaf_freq = np.bincount(
                self.tuples[:, i], weights=self.counts, minlength=len(self.level_map[i][0])
            )
            gl, ge, lbl, lbe = [], [], [], []
            denom = max(h.leaves - 1, 1)
            for lvl in range(h.depth):
                m = self.level_map[i][lvl]
                g = (self.level_leaves[i][lvl][m] - 1.0) / denom
                gen_freq = np.bincount(m, weights=leaf_freq, minlength=len(self.level_labels[i][lvl]))
                with np.errstate(divide="ignore", invalid="ignore"):
                    e = np.where(leaf_freq > 0, -np.log2(leaf_freq / gen_freq[m]), 0.0)
                gl.append(g)
                ge.append(e)
                lbl.append(float((leaf_freq * g).sum() / max(n, 1)))
                lbe.append(float((leaf_freq * e).sum()))
            self.g_loss.append(gl)
            self.g_entropy.append(ge)
            self.lb_loss.append(np.array(lbl))
            self.lb_entropy.append(np.array(lbe))

    # --- roll-up: classes of a node from the classes of a more specific node ----------------------
    _CACHE_SLOTS = 512

    def _prepare_rollup(self) -> None:
        """Maps from each level's codes to every higher level's codes (when the hierarchy is a tree),
        and an empty cache of evaluated nodes' classes."""
        self.up: list[dict[tuple[int, int], np.ndarray]] = []
        ok = True
        for i, h in enumerate(self.hierarchies):
            maps = {}
            for a in range(h.depth):
                for b in range(a, h.depth):
                    m = np.zeros(len(self.level_labels[i][a]), dtype=np.int64)
                    m[self.level_map[i][a]] = self.level_map[i][b]
                    if not np.array_equal(m[self.level_map[i][a]], self.level_map[i][b]):
                        ok = False  # a value has two parents: not a tree, no roll-up
                    maps[(a, b)] = m
            self.up.append(maps)
        self.rollup_ok = ok
        m = len(self.qi)
        base_codes = np.stack([self.level_map[i][0][self.tuples[:, i]] for i in range(m)], axis=1)
        self._cache_keys = np.full((self._CACHE_SLOTS + 1, m), np.iinfo(np.int64).max, dtype=np.int64)
        self._cache_size = np.full(self._CACHE_SLOTS + 1, np.iinfo(np.int64).max, dtype=np.int64)
        self._cache_data: list[tuple[np.ndarray, np.ndarray] | None] = [None] * (self._CACHE_SLOTS + 1)
        # slot 0 holds the bottom node (all levels 0) for good
        self._cache_keys[0] = 0
        self._cache_size[0] = len(base_codes)
        self._cache_data[0] = (base_codes, self.counts)
        self._cache_next = 1

    def class_sizes(self, levels: tuple[int, ...]) -> np.ndarray:
        """Class sizes of a node, rolled up from the smallest cached more specific node's classes."""
        lv = np.asarray(levels, dtype=np.int64)
        if not self.rollup_ok:
            return self.classes(levels)[1]
        cand = np.flatnonzero((self._cache_keys <= lv).all(axis=1))
        src = int(cand[np.argmin(self._cache_size[cand])])
        src_levels = self._cache_keys[src]
        codes, weights = self._cache_data[src]  # type: ignore[misc]
        key = np.zeros(len(codes), dtype=np.int64)
        cols = []
        total = 1
        for i in range(len(levels)):
            c = self.up[i][(int(src_levels[i]), int(lv[i]))][codes[:, i]]
            cols.append(c)
            r = len(self.level_labels[i][int(lv[i])])
            total *= r
            key = key * r + c
        if total >= 2**62:
            return self.classes(levels)[1]
        if total <= 4 * len(codes) + 1024:
            counts = np.bincount(key, weights=weights, minlength=total)
            present = np.flatnonzero(counts)
            sizes = counts[present]
            # decode the mixed-radix keys back to per-attribute codes
            rem = present.copy()
            parts = []
            for i in range(len(levels) - 1, -1, -1):
                r = len(self.level_labels[i][int(lv[i])])
                parts.append(rem % r)
                rem //= r
            new_codes = np.stack(parts[::-1], axis=1)
        else:
            _, first, inv = np.unique(key, return_index=True, return_inverse=True)
            sizes = np.bincount(inv.reshape(-1), weights=weights)
            new_codes = np.stack([c[first] for c in cols], axis=1)
        slot = self._cache_next
        self._cache_next = 1 + (self._cache_next % self._CACHE_SLOTS)
        self._cache_keys[slot] = lv
        self._cache_size[slot] = len(sizes)
        self._cache_data[slot] = (new_codes, sizes)
        return sizes

    def size(self) -> int:
        """Number of nodes of the lattice (within the level bounds)."""
        return math.prod(hi - lo + 1 for lo, hi in zip(self.min_levels, self.max_levels, strict=True))

    def nodes(self) -> np.ndarray:
        """All nodes of the lattice (within the level bounds), one row of levels each."""
        ranges = [np.arange(lo, hi + 1) for lo, hi in zip(self.min_levels, self.max_levels, strict=True)]
        grid = np.meshgrid(*ranges, indexing="ij")
        return np.stack([g.reshape(-1) for g in grid], axis=1).astype(np.int64)

    def bound(self, nodes: np.ndarray, measure: str) -> np.ndarray:
        """A lower bound of ``measure`` for each node that only grows with generalization."""
        m = len(self.qi)
        if measure == "loss":
            x = np.stack([self.lb_loss[i][nodes[:, i]] for i in range(m)], axis=1)
            return np.exp(np.log1p(x).mean(axis=1)) - 1.0
        if measure == "precision":
            h = np.array([max(hh, 1) for hh in self.heights], dtype=np.float64)
            return (nodes / h).mean(axis=1)
        if measure == "entropy":
            return np.stack([self.lb_entropy[i][nodes[:, i]] for i in range(m)], axis=1).sum(axis=1)
        return np.zeros(len(nodes))

    # --- evaluation -------------------------------------------------------------------------------
    def classes(self, levels: tuple[int, ...] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(class_of_tuple, class_sizes)`` for the node ``levels``."""
        key = np.zeros(len(self.tuples), dtype=np.int64)
        radix_total = 1
        for i, lvl in enumerate(levels):
            codes = self.level_map[i][int(lvl)][self.tuples[:, i]]
            r = len(self.level_labels[i][int(lvl)])
            if radix_total * r >= 2**62:  # fall back to row-wise unique on the (rare) overflow
                radix_total = -1
                break
            key = key * r + codes
            radix_total *= r
        if radix_total < 0:
            gen = np.stack(
                [self.level_map[i][int(lv)][self.tuples[:, i]] for i, lv in enumerate(levels)], axis=1
            )
            _, inv = np.unique(gen, axis=0, return_inverse=True)
        elif radix_total <= 4 * len(self.tuples) + 1024:
            # small key space: counting is cheaper than sorting
            present = np.bincount(key, minlength=radix_total) > 0
            ids = np.cumsum(present) - 1
            inv = ids[key]
        else:
            _, inv = np.unique(key, return_inverse=True)
        inv = inv.reshape(-1)
        sizes = np.bincount(inv, weights=self.counts)
        return inv, sizes

    def evaluate(
        self, levels: tuple[int, ...] | np.ndarray, criteria: Criteria, measures: bool = True
    ) -> Evaluation:
        """Classes, suppression, criteria and (unless ``measures`` is false, or the node fails the
        criteria during a search) every measure for one node."""
        levels = tuple(int(x) for x in levels)
        if not measures and criteria.l is None:
            inv, sizes = None, self.class_sizes(levels)
        else:
            inv, sizes = self.classes(levels)
        bad = sizes < criteria.k
        if criteria.l is not None and self.sens is not None:
            bad |= ~self._l_diverse(inv, len(sizes), criteria)
        suppressed = float(sizes[bad].sum())
        kept_rows = self.n - suppressed
        kept_classes = int((~bad).sum())
        ok = suppressed <= math.floor(criteria.suppression_limit * self.n + 1e-9)
        if ok and criteria.avg_risk is not None and kept_rows > 0:
            ok = kept_classes / kept_rows <= criteria.avg_risk + 1e-12
        if not measures:
            return Evaluation(levels, kept_classes, int(suppressed), bool(ok), {}, [])
        values, per_attr = self._measures(levels, inv, sizes, bad, suppressed)
        return Evaluation(levels, kept_classes, int(suppressed), bool(ok), values, per_attr)

    def _l_diverse(self, inv: np.ndarray, n_classes: int, c: Criteria) -> np.ndarray:
        assert self.sens is not None and c.l is not None
        ns = int(self.sens.max()) + 1
        pair = inv.astype(np.int64) * ns + self.sens
        up, pinv = np.unique(pair, return_inverse=True)
        pcount = np.bincount(pinv.reshape(-1), weights=self.counts)
        pclass = up // ns
        if c.l_kind == "entropy":
            tot = np.bincount(pclass, weights=pcount, minlength=n_classes)
            p = pcount / tot[pclass]
            ent = np.bincount(pclass, weights=-p * np.log(p), minlength=n_classes)
            return ent >= math.log(c.l) - 1e-12
        distinct = np.bincount(pclass, minlength=n_classes)
        return distinct >= c.l

    def _measures(self, levels, inv, sizes, bad, suppressed) -> tuple[dict[str, float], list[float]]:
        n = self.n
        supp_w = self.counts * bad[inv]  # suppressed rows per distinct tuple
        per_loss = []
        ent_total = 0.0
        for i, lvl in enumerate(levels):
            leaf = self.tuples[:, i]
            g = self.g_loss[i][lvl][leaf]
            per_loss.append(float(((self.counts - supp_w) * g).sum() + suppressed) / n)
            # non-uniform entropy as ARX computes it: every row -log2(freq(original)/freq(released)),
            # plus, for the suppressed rows, -log2(share of their released value among suppressed rows)
            ent_total += float(self.lb_entropy[i][lvl])
            if suppressed:
                gen = self.level_map[i][lvl][leaf]
                a = np.bincount(gen, weights=supp_w)
                a = a[a > 0]
                ent_total -= float((a * np.log2(a / suppressed)).sum())
        h = np.array([max(x, 1) for x in self.heights], dtype=np.float64)
        prec = ((n - suppressed) * (np.array(levels) / h) + suppressed) / n
        kept = sizes[~bad]
        measures = {
            "loss": float(np.exp(np.log1p(np.array(per_loss)).mean()) - 1.0),
            "discernibility": float((kept**2).sum() + suppressed * n),
            "precision": float(prec.mean()),
            "entropy": ent_total,
            "aecs": float((n - suppressed) / max(len(kept), 1)),
        }
        return measures, per_loss

    def class_bound(self, sizes: np.ndarray, measure: str) -> float:
        """Class-based lower bound (only grows with generalization) for measures without a cheap one."""
        if measure == "discernibility":
            return float((sizes**2).sum())
        return -math.inf

    # --- search -----------------------------------------------------------------------------------
    def search(self, criteria: Criteria, measure: str = "loss") -> SearchResult:
        """Find a node of least ``measure`` meeting ``criteria`` (exact; see the module docstring)."""
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
        t0 = time.perf_counter()
        nodes = self.nodes()
        lb = self.bound(nodes, measure)
        order = np.lexsort((nodes.sum(axis=1), lb))
        status = np.zeros(len(nodes), dtype=np.int8)  # _UNKNOWN, _FAILED or _ANONYMOUS
        status[self._pair_precheck(nodes, criteria)] = _FAILED
        pruned = np.zeros(len(nodes), dtype=bool)
        lo = np.array(self.min_levels, dtype=np.int64)
        dims = tuple(int(h - l0 + 1) for h, l0 in zip(self.max_levels, self.min_levels, strict=True))
        best: Evaluation | None = None
        best_node: np.ndarray | None = None
        best_val = math.inf
        evaluated = 0

        # average risk with suppression is not monotone (suppressed rows can come back as a new
        # class): the lattice is pruned with the monotone criteria only, average risk is checked per node
        monotone = dataclasses.replace(criteria, avg_risk=None)
        sizes_only = (
            measure in ("discernibility", "aecs") and criteria.l is None and criteria.avg_risk is None
        )
        measured = np.zeros(len(nodes), dtype=bool)
        limit = math.floor(criteria.suppression_limit * self.n + 1e-9)

        def sizes_measure(j: int, sizes: np.ndarray) -> None:
            """Discernibility / AECS from class sizes alone; prunes above j by the class bound."""
            nonlocal best_val, best_node
            kept = sizes[sizes >= criteria.k]
            supp = float(self.n - kept.sum())
            if supp <= limit:
                if measure == "discernibility":
                    val = float((kept**2).sum() + supp * self.n)
                else:
                    val = float((self.n - supp) / max(len(kept), 1))
                if val < best_val - 1e-12:
                    best_val, best_node = val, nodes[j]
                measured[j] = True
            if measure == "discernibility" and self.class_bound(sizes, measure) >= best_val:
                pruned[(nodes >= nodes[j]).all(axis=1)] = True

        def check(j: int) -> bool:
            """Anonymity of node j; marks everything below a failure and above a success."""
            nonlocal evaluated
            if status[j] != _UNKNOWN:
                return status[j] == _ANONYMOUS
            evaluated += 1
            if sizes_only:
                sizes = self.class_sizes(tuple(int(x) for x in nodes[j]))
                ok = float(sizes[sizes < criteria.k].sum()) <= limit
                sizes_measure(j, sizes)
            else:
                ok = self.evaluate(nodes[j], monotone, measures=False).anonymous
            if ok:
                status[(nodes >= nodes[j]).all(axis=1) & (status == _UNKNOWN)] = _ANONYMOUS
            else:
                status[(nodes <= nodes[j]).all(axis=1)] = _FAILED
            return ok

        for idx in order:
            if lb[idx] >= best_val:
                break
            if status[idx] == _FAILED or pruned[idx]:
                continue
            if status[idx] == _UNKNOWN:
                # Flash-style: binary search along an upward path of low bound for the lowest
                # anonymous node; each check settles a whole down-set or up-set of the lattice.
                path = self._path_up(nodes, idx, lb, lo, dims)
                a, b = 0, len(path) - 1
                if not check(path[b]):
                    status[idx] = _FAILED
                    continue
                while a < b:
                    mid = (a + b) // 2
                    if check(path[mid]):
                        b = mid
                    else:
                        a = mid + 1
                if status[idx] != _ANONYMOUS:
                    continue
            node = nodes[idx]
            if sizes_only:
                if not measured[idx]:
                    evaluated += 1
                    sizes_measure(idx, self.class_sizes(tuple(int(x) for x in node)))
                continue
            evaluated += 1
            ev = self.evaluate(node, criteria)
            if not ev.anonymous:  # fails the average risk only
                continue
            val = ev.measures[measure]
            if val < best_val - 1e-12:
                best, best_val = ev, val
        if best is None and best_node is not None:
            best = self.evaluate(best_node, criteria)
        return SearchResult(best, measure, len(nodes), evaluated, time.perf_counter() - t0, self.qi)

    def _path_up(
        self, nodes: np.ndarray, idx: int, lb: np.ndarray, lo: np.ndarray, dims: tuple[int, ...]
    ) -> list[int]:
        """Node indices from ``idx`` to the top, each step raising the attribute whose next level
        keeps the bound lowest."""
        cur = nodes[idx].copy()
        hi = np.array(self.max_levels, dtype=np.int64)
        path = [idx]
        while (cur < hi).any():
            best_j, best_b = -1, math.inf
            for i in np.flatnonzero(cur < hi):
                cur[i] += 1
                j = int(np.ravel_multi_index(tuple(cur - lo), dims))
                cur[i] -= 1
                if lb[j] < best_b:
                    best_j, best_b = j, lb[j]
            path.append(best_j)
            cur = nodes[best_j].copy()
        return path

    def _pair_precheck(self, nodes: np.ndarray, criteria: Criteria) -> np.ndarray:
        """Nodes that certainly fail k-anonymity: the rows in classes below k over any *pair* of
        attributes (at the node's levels) are a subset of the rows suppressed at the node, as the
        node's classes refine the pair's; if they alone exceed the limit, the node fails."""
        m = len(self.qi)
        limit = math.floor(criteria.suppression_limit * self.n + 1e-9)
        fails = np.zeros(len(nodes), dtype=bool)
        if criteria.k <= 1 or m < 2:
            return fails
        for i in range(m):
            for j in range(i + 1, m):
                li_range = range(self.min_levels[i], self.max_levels[i] + 1)
                lj_range = range(self.min_levels[j], self.max_levels[j] + 1)
                table = np.zeros((self.heights[i] + 1, self.heights[j] + 1))
                for li in li_range:
                    ci = self.level_map[i][li][self.tuples[:, i]]
                    ri = len(self.level_labels[i][li])
                    for lj in lj_range:
                        cj = self.level_map[j][lj][self.tuples[:, j]]
                        key = ci * len(self.level_labels[j][lj]) + cj
                        sizes = np.bincount(
                            key, weights=self.counts, minlength=ri * len(self.level_labels[j][lj])
                        )
                        table[li, lj] = sizes[(sizes > 0) & (sizes < criteria.k)].sum()
                fails |= table[nodes[:, i], nodes[:, j]] > limit
        return fails

    def release(self, levels: tuple[int, ...], criteria: Criteria) -> tuple[list[np.ndarray], np.ndarray]:
        """The generalized values of every row at ``levels`` and the mask of suppressed rows."""
        inv, sizes = self.classes(levels)
        bad = sizes < criteria.k
        if criteria.l is not None and self.sens is not None:
            bad |= ~self._l_diverse(inv, len(sizes), criteria)
        row_bad = bad[inv][self.row_tuple]
        cols = []
        for i, lvl in enumerate(levels):
            cols.append(self.level_labels[i][lvl][self.level_map[i][lvl][self.row_leaf[:, i]]])
        return cols, row_bad
