"""Training the second pass: token features from the rule pass, boosted trees, per-label thresholds.

``train_model(train_docs, dev_docs, out_dir)`` runs the rule detectors on every training document,
labels each scored token by its overlap with the gold, fits context-word encodings (out of fold),
a ``HistGradientBoostingClassifier`` (PHI or not) and a logistic label head, then tunes one
decision threshold per label on the held-out documents: recall first (overall strict span recall
and name recall targets), then the highest precision. Needs scikit-learn (the ``model`` extra).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from medveil.config import DetectConfig
from medveil.detect.fields import plain_cells
from medveil.document import Document, Span
from medveil.labels import LABEL_INFO, NAME_LABELS, Label
from medveil.model.core import (
    FORMAT_VERSION,
    RULE_MIN_SCORE,
    LabelHead,
    Model,
    TreeEnsemble,
    first_name_word,
    glue_kept,
    glue_only,
    glue_plain,
    glue_reach,
    glue_side,
    lone_number,
    name_ends,
    new_token_skipped,
)
from medveil.model.features import (
    CONTEXT_SLOTS,
    ContextTables,
    DocTokens,
    context_words,
    extract,
    feature_names,
    is_guarded,
)

GRID = (0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)
NAME_SET = {str(x) for x in NAME_LABELS}


@dataclass
class TrainConfig:
    """Everything that shapes a trained model; saved in ``model.json``."""

    max_iter: int = 120
    learning_rate: float = 0.15
    max_depth: int = 7
    max_leaf_nodes: int = 31
    min_samples_leaf: int = 20
    l2_regularization: float = 1.0
    te_folds: int = 5
    te_min_count: int = 3
    te_smooth: float = 5.0
    target_recall: float = 0.98
    target_name_recall: float = 0.99
    gate_loss: float = 0.001  # share of positive training tokens the linear pre-filter may send past the trees
    # a candidate the rules keep is removed only when the model finds it less likely PHI than this: tuning
    # never buys precision by dropping spans the model itself thinks are more likely PHI than not
    max_removal_threshold: float = 0.5
    recall_slack: float = 0.001  # how far below the best reachable recall an unreachable target is set
    # after the search for the targets: a threshold is still raised when it removes at least this many false
    # positives for each identifier it loses (a name counts ``name_weight`` times), as long as recall and name
    # recall stay at or above ``min_recall`` and ``min_name_recall``; 0 turns it off
    exchange_rate: float = 10.0
    name_weight: float = 5.0
    min_recall: float = 0.98
    min_name_recall: float = 0.99
    seed: int = 0
    # share of the training documents that also train as a short excerpt of themselves (a few lines or
    # sentences: ``with_excerpts``), so that a single sentence or a CSV cell is not text the model never saw.
    # Off by default: on the development benchmark 0.5 did not pay (docs/model.md, "Short texts")
    excerpts: float = 0.0
    detect: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Prepared:
    """One document after the rule pass: tokens, features, token labels, gold, context words."""

    id: str
    text: str
    gold: list[tuple[int, int, str]]
    guards: list[Span]
    cands: list[Span]
    dt: DocTokens
    y: np.ndarray  # 1 when the scored token overlaps a gold span
    ylab: list[str]  # the gold label of a positive scored token ("" otherwise)
    ctx: list[dict[str, str]]  # context words of each scored token
    uses_rules: bool = True  # False: prepared without the rule pass ("model only")
    group: str = ""  # the id of the document an excerpt was cut from ("": none)


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def _excerpt(doc: Any, rng: random.Random) -> Any | None:
    """One short piece of ``doc``: 1-3 consecutive lines, or 1-2 sentences of a long line, widened so that no
    gold span is cut, with the gold spans inside it (offsets moved). None when there is nothing shorter than
    the document to cut."""
    from medveil.evaluate.gold import GoldDocument, GoldSpan

    text = doc.text
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    if not bounds:
        return None
    k = rng.randrange(len(bounds))
    a, b = bounds[k][0], bounds[min(len(bounds) - 1, k + rng.randrange(3))][1]
    if b - a > 300:  # a paragraph on one line: a sentence or two of it
        cuts = [a] + [m.end() for m in _SENTENCE_END.finditer(text, a, b)] + [b]
        j = rng.randrange(len(cuts) - 1)
        a, b = cuts[j], cuts[min(len(cuts) - 1, j + 1 + rng.randrange(2))]
    for _ in range(2):  # widen over gold spans that cross either end (twice: widening may meet another)
        for g in doc.spans:
            if g.start < a < g.end:
                a = g.start
            if g.start < b < g.end:
                b = g.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a >= b or text[a:b] == text.strip():  # nothing, or the whole document again
        return None
    spans = [GoldSpan(g.start - a, g.end - a, g.label, g.raw_label, tuple((s - a, e - a) for s, e in g.fragments))
             for g in doc.spans if a <= g.start and g.end <= b]
    return GoldDocument(f"{doc.id}#excerpt", text[a:b], spans, doc.patient_id, dict(doc.fields))


def with_excerpts(docs: Sequence[Any], share: float, seed: int = 0) -> tuple[list[Any], list[str]]:
    """``docs`` with a short excerpt (``_excerpt``) after a ``share`` of them, chosen with ``seed``; and for
    every output document the id of the document it was cut from ("" for the documents themselves), for
    ``prepare(groups=...)``: an excerpt is always in the same fold as its document."""
    rng = random.Random(seed)
    out: list[Any] = []
    groups: list[str] = []
    for d in docs:
        out.append(d)
        groups.append("")
        if share > 0 and rng.random() < share:
            ex = _excerpt(d, rng)
            if ex is not None:
                out.append(ex)
                groups.append(d.id)
    return out, groups


def with_extra(docs: Sequence[Any], groups: Sequence[str], extra: Sequence[Any], copies: int) -> tuple[list[Any], list[str]]:
    """``docs`` (and their ``groups``) with the ``extra`` documents spread evenly among them, each written
    ``copies`` times: a small corpus of other note types weighs as much as ``copies`` times its size. The
    copies of a document share its fold (their group is its id), so out-of-fold figures never see a
    document that was also trained on."""
    out, out_groups = list(docs), list(groups)
    if not extra or copies < 1:
        return out, out_groups
    step = len(out) // (len(extra) + 1)
    for j, d in enumerate(extra):
        pos = (j + 1) * step + j * copies
        out[pos:pos] = [d] * copies
        out_groups[pos:pos] = [""] + [d.id] * (copies - 1)
    return out, out_groups


def fold_members(preps: Sequence[Prepared], folds: int) -> list[list[int]]:
    """Indexes of ``preps`` in each of ``folds`` folds: the k-th document goes to fold k mod ``folds`` (as
    ``i % folds`` when there are no excerpts), and an excerpt to the fold of the document before it with the
    id it was cut from."""
    out: list[list[int]] = [[] for _ in range(folds)]
    fold_of_id: dict[str, int] = {}
    k = 0
    for i, p in enumerate(preps):
        if p.group and p.group in fold_of_id:
            out[fold_of_id[p.group]].append(i)
            continue
        f = k % folds
        k += 1
        out[f].append(i)
        fold_of_id[p.id] = f
    return out


def prepare(docs: Sequence[Any], config: DetectConfig | None = None, log: Callable[[str], None] | None = None,
            use_rules: bool = True, groups: Sequence[str] | None = None) -> list[Prepared]:
    """Run the rule detectors on gold documents (no context fields) and extract the token features.

    ``use_rules=False`` leaves the rule pass out (every feature of it is zero): the "model only" ablation.
    ``groups`` (from ``with_excerpts``) names the document each excerpt was cut from.
    """
    from medveil.pipeline import Pipeline

    cfg = (config or DetectConfig()).model_copy(update={"model": None})
    pipe = Pipeline(cfg)
    empty = ContextTables()
    out = []
    t0 = time.process_time()
    for k, d in enumerate(docs):
        text = d.text
        spans = pipe.candidates(Document(text=text, id=d.id)) if text and use_rules else []
        dt, cands = extract(text, spans, empty)
        guards = [s for s in spans if is_guarded(s)]
        gold = [(g.start, g.end, str(g.label)) for g in d.spans]
        lab = [""] * (len(text) + 1)
        for s, e, label in gold:
            for c in range(s, min(e, len(text))):
                if text[c].isalnum():
                    lab[c] = label
        y = np.zeros(len(dt.scored), dtype=np.int8)
        ylab = [""] * len(dt.scored)
        ctx = []
        for j, i in enumerate(dt.scored):
            for c in range(dt.starts[i], dt.ends[i]):
                if lab[c]:
                    y[j] = 1
                    ylab[j] = lab[c]
                    break
            ctx.append(context_words(dt.lowers, i, text, dt.starts))
        out.append(Prepared(d.id, text, gold, guards, cands, dt, y, ylab, ctx, use_rules,
                            groups[k] if groups is not None else ""))
        if log and (k + 1) % 1000 == 0:
            log(f"  prepared {k + 1}/{len(docs)} documents ({time.process_time() - t0:.0f} s CPU)")
    return out


_TE_COLS = None


def _te_cols() -> list[int]:
    global _TE_COLS
    if _TE_COLS is None:
        names = feature_names()
        _TE_COLS = [names.index(f"te_{s}") for s in CONTEXT_SLOTS]
    return _TE_COLS


def count_context(preps: Sequence[Prepared]) -> dict[str, dict[str, list[int]]]:
    counts: dict[str, dict[str, list[int]]] = {s: defaultdict(lambda: [0, 0]) for s in CONTEXT_SLOTS}
    for p in preps:
        for yv, ctx in zip(p.y, p.ctx, strict=True):
            for slot, w in ctx.items():
                c = counts[slot][w]
                c[0] += int(yv)
                c[1] += 1
    return counts


def merge_counts(a: dict[str, dict[str, list[int]]], b: dict[str, dict[str, list[int]]]) -> dict[str, dict[str, list[int]]]:
    out: dict[str, dict[str, list[int]]] = {s: defaultdict(lambda: [0, 0]) for s in CONTEXT_SLOTS}
    for src in (a, b):
        for slot, c in src.items():
            for w, (pos, n) in c.items():
                out[slot][w][0] += pos
                out[slot][w][1] += n
    return out


def fill_te(preps: Sequence[Prepared], tables: ContextTables) -> None:
    cols = _te_cols()
    for p in preps:
        if not len(p.dt.scored):
            continue
        for j, ctx in enumerate(p.ctx):
            for slot, col in zip(CONTEXT_SLOTS, cols, strict=True):
                w = ctx.get(slot)
                p.dt.X[j, col] = tables.get(slot, w) if w is not None else -1.0


def _stack(preps: Sequence[Prepared]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    xs = [p.dt.X for p in preps if len(p.dt.scored)]
    X = np.vstack(xs) if xs else np.zeros((0, len(feature_names())))
    y = np.concatenate([p.y for p in preps]) if preps else np.zeros(0, dtype=np.int8)
    ylab = [lab for p in preps for lab in p.ylab]
    return X, y, ylab


def _prior(preps: Sequence[Prepared]) -> float:
    n = sum(len(p.y) for p in preps)
    return float(sum(int(p.y.sum()) for p in preps) / n) if n else 0.1


def fit_tables_oof(preps: Sequence[Prepared], cfg: TrainConfig) -> ContextTables:
    """Fill the context encodings of training rows out of fold; return the tables from all rows."""
    prior = _prior(preps)
    folds = fold_members(preps, cfg.te_folds)
    fold_counts = [count_context([preps[i] for i in f]) for f in folds]
    total = count_context(preps)
    for k, f in enumerate(folds):
        other = total
        # subtract fold k's counts from the total
        sub: dict[str, dict[str, list[int]]] = {}
        for slot in CONTEXT_SLOTS:
            sub[slot] = {}
            fc = fold_counts[k][slot]
            for w, (pos, n) in other[slot].items():
                fp, fn = fc.get(w, (0, 0))
                if n - fn > 0:
                    sub[slot][w] = [pos - fp, n - fn]
        fill_te([preps[i] for i in f], ContextTables.fit(sub, prior, cfg.te_min_count, cfg.te_smooth))
    return ContextTables.fit(total, prior, cfg.te_min_count, cfg.te_smooth)


def fit_trees(X: np.ndarray, y: np.ndarray, cfg: TrainConfig) -> TreeEnsemble:
    from sklearn.ensemble import HistGradientBoostingClassifier

    if len(set(y.tolist())) < 2:
        raise ValueError("the training documents need both PHI and non-PHI tokens")
    clf = HistGradientBoostingClassifier(
        max_iter=cfg.max_iter, learning_rate=cfg.learning_rate, max_depth=cfg.max_depth, max_leaf_nodes=cfg.max_leaf_nodes,
        min_samples_leaf=cfg.min_samples_leaf, l2_regularization=cfg.l2_regularization, early_stopping=False,
        random_state=cfg.seed,
    )
    clf.fit(X, y)
    return TreeEnsemble.from_sklearn(clf)


def fit_gate(X: np.ndarray, y: np.ndarray, cfg: TrainConfig) -> tuple | None:
    """A logistic pre-filter: rows scoring below ``cut`` skip the trees. ``cut`` lets through all but
    ``cfg.gate_loss`` of the positive training rows; returns None when it would not skip a tenth of the rows
    or when there are fewer than 2,000 positive rows."""
    if cfg.gate_loss <= 0 or int(y.sum()) < 2000:  # too few positives to know what is clearly not PHI
        return None
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    lr = LogisticRegression(max_iter=300, C=1.0, random_state=cfg.seed)
    lr.fit(Z, y)
    z = Z @ lr.coef_[0] + lr.intercept_[0]
    cut = float(np.quantile(z[y == 1], cfg.gate_loss))
    if (z < cut).mean() < 0.1:
        return None
    return (mean, scale, lr.coef_[0].astype(np.float64), float(lr.intercept_[0]), cut)


def fit_head(X: np.ndarray, ylab: list[str], cfg: TrainConfig) -> LabelHead:
    """The label of a new token: multinomial logistic regression on the positive training tokens."""
    idx = [i for i, lab in enumerate(ylab) if lab]
    labs = [ylab[i] for i in idx]
    classes = sorted(set(labs))
    nf = X.shape[1]
    if len(classes) < 2:
        cls = classes or [str(Label.PERSON)]
        return LabelHead(cls, np.zeros(nf), np.ones(nf), np.zeros((1, nf)), np.zeros(1))
    from sklearn.linear_model import LogisticRegression

    Xp = X[idx]
    mean = Xp.mean(axis=0)
    scale = Xp.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(max_iter=300, C=1.0, random_state=cfg.seed)
    lr.fit((Xp - mean) / scale, labs)
    return LabelHead([str(c) for c in lr.classes_], mean, scale, lr.coef_, lr.intercept_)


# --- fast approximate scoring for threshold tuning -------------------------------------------------


@dataclass
class _Glue:
    """A glue word the model may tag, with what decides it: the flags of its neighbours (as ``Model._add_glue``)."""

    start: int
    end: int
    label: str
    p: float
    lower: str
    before_guard: str | None  # label of a guarded span over the previous token
    before_units: tuple[int, ...]  # units (indices into _EvalDoc.units) over the previous token
    before_glue: int  # index into _EvalDoc.glue of the previous token when it is a glue word, else -1
    after_guard: str | None
    after_units: tuple[int, ...]
    after_glue: int  # the same for the next token
    left_plain: bool = True  # a person's name before it counts (``glue_side``)
    right_plain: bool = True
    first_name: bool = False  # a capitalized first-name word (``first_name_word``)


@dataclass
class _EvalDoc:
    gold: list[tuple[int, int, str]]
    alnum: np.ndarray
    gold_cum: np.ndarray  # cumulative count of gold-covered chars
    guards: list[tuple[int, int]]
    units: list[tuple[int, int, str, str, float]]  # start, end, kind (cand/weak/new), label, p
    glue: list[_Glue] = field(default_factory=list)  # in token order: a glue word may lean on one beside it


def _eval_docs(model: Model, preps: Sequence[Prepared]) -> list[_EvalDoc]:
    from bisect import bisect_right

    out = []
    for p in preps:
        text = p.text
        n = len(text)
        alnum = np.fromiter((c.isalnum() for c in text), dtype=bool, count=n)
        gm = np.zeros(n + 1, dtype=np.int32)
        for s, e, _ in p.gold:
            gm[s] += 1
            gm[min(e, n)] -= 1
        gmask = np.cumsum(gm[:n]) > 0
        gold_cum = np.concatenate([[0], np.cumsum(gmask)])
        probs = model.proba(p.dt.X)
        dt = p.dt
        units: list[tuple[int, int, str, str, float]] = []
        tok_units: dict[int, list[int]] = defaultdict(list)  # token -> units over it
        m = len(dt.starts)
        tok_p = np.full(m, -1.0)
        if len(dt.scored):
            tok_p[np.asarray(dt.scored)] = probs
        for sp in p.cands:
            i0 = i = bisect_right(dt.ends, sp.start)
            while i < m and dt.starts[i] < sp.end:
                i += 1
            if i == i0:
                continue
            best = float(tok_p[i0:i].max())
            if best < 0:
                continue
            for t in range(i0, i):
                tok_units[t].append(len(units))
            units.append((sp.start, sp.end, "weak" if sp.score < RULE_MIN_SCORE else "cand", sp.label, best))
        guard_tok = _span_tokens(dt, p.guards)
        glue_toks: list[tuple[int, int, str, float]] = []  # (token, row, label, p)
        new_idx = [k for k, i in enumerate(dt.scored) if dt.cand[i] < 0]
        if new_idx:
            ends, cells = name_ends(p.cands), plain_cells(text)
            labs = model.head.predict(dt.X[new_idx])
            for k, lab in zip(new_idx, labs, strict=True):
                i = dt.scored[k]
                if new_token_skipped(text, dt.starts[i], dt.ends[i], dt.X[k], model.uses_rules, str(lab), ends, cells):
                    continue
                if glue_only(dt.lowers[i], dt.X[k]) or dt.vetoed[i] or lone_number(dt.lowers[i], str(lab)):
                    if probs[k] >= GRID[0]:
                        glue_toks.append((i, k, str(lab), float(probs[k])))
                    continue
                tok_units[i].append(len(units))
                units.append((dt.starts[i], dt.ends[i], "new", lab, float(probs[k])))
        out.append(_EvalDoc(p.gold, alnum, gold_cum, [(s.start, s.end) for s in p.guards], units,
                            _glue_words(text, dt, glue_toks, tok_units, guard_tok)))
    return out


def _glue_words(text: str, dt: Any, glue_toks: list[tuple[int, int, str, float]], tok_units: dict[int, list[int]],
                guard_tok: dict[int, str]) -> list[_Glue]:
    """The glue words (token, row, label, p) of one document that a flagged word may reach: each one next to
    a unit or a guarded token, or in a run of adjacent glue words of which one is (as ``Model.rescore``)."""
    if not glue_toks:
        return []
    toks = [t[0] for t in glue_toks]
    beside = [bool(tok_units.get(i - 1) or tok_units.get(i + 1) or (i - 1) in guard_tok or (i + 1) in guard_tok)
              for i in toks]
    kept = [t for t, r in zip(glue_toks, glue_reach(toks, beside).tolist(), strict=True) if r]
    at = {t[0]: j for j, t in enumerate(kept)}
    return [_Glue(dt.starts[i], dt.ends[i], lab, pk, dt.lowers[i],
                  guard_tok.get(i - 1), tuple(tok_units.get(i - 1, ())), at.get(i - 1, -1),
                  guard_tok.get(i + 1), tuple(tok_units.get(i + 1, ())), at.get(i + 1, -1),
                  *glue_plain(text, dt.starts, dt.ends, i, dt.X[k]), first_name_word(dt.X[k]))
            for i, k, lab, pk in kept]


def _span_tokens(dt: Any, spans: Sequence[Span]) -> dict[int, str]:
    """The tokens inside ``spans``, with the label of the first span over each."""
    from bisect import bisect_right

    out: dict[int, str] = {}
    for sp in reversed(spans):
        i = bisect_right(dt.ends, sp.start)
        while i < len(dt.starts) and dt.starts[i] < sp.end:
            out[i] = str(sp.label)
            i += 1
    return out


def _glue_spans(d: _EvalDoc, keep: list[bool], thr: dict[tuple[str, str], float], default: float) -> list[tuple[int, int]]:
    """The glue words kept beside the kept units (``glue_kept`` on the neighbours' labels), in the two passes
    of ``Model._add_glue``: in token order, then the ones left over in reverse order."""
    labels: list[str | None] = [None] * len(d.glue)
    sides: dict[int, str | None] = {}  # glue word left over in the first pass -> what it saw before it
    for j, g in enumerate(d.glue):
        if g.p < thr.get(("new", g.label), default):
            continue
        before = g.before_guard or next((d.units[u][3] for u in g.before_units if keep[u]), None)
        if before is None and g.before_glue >= 0:
            before = labels[g.before_glue]
        after = g.after_guard or next((d.units[u][3] for u in g.after_units if keep[u]), None)
        if glue_kept(g.lower, glue_side(before, g.left_plain), glue_side(after, g.right_plain), g.first_name):
            labels[j] = g.label
        else:
            sides[j] = before
    for j in sorted(sides, reverse=True):
        g = d.glue[j]
        # only a glue word after it can have changed (a glue word's token is never guarded nor a unit)
        after = labels[g.after_glue] if g.after_glue >= 0 else None
        if after and glue_kept(g.lower, glue_side(sides[j], g.left_plain), glue_side(after, g.right_plain), g.first_name):
            labels[j] = g.label
    return [(g.start, g.end) for g, lab in zip(d.glue, labels, strict=True) if lab]


def _doc_score(d: _EvalDoc, thr: dict[tuple[str, str], float], default: float) -> tuple[int, int, int, int, int, int]:
    """(gold, caught, name gold, names caught, TP, FP) of one document under the thresholds ``thr``."""
    n = len(d.alnum)
    keep = [pv >= thr.get((kind, lab), default) for _, _, kind, lab, pv in d.units]
    spans = list(d.guards)
    spans += [(u[0], u[1]) for u, k in zip(d.units, keep, strict=True) if k]
    if d.glue:
        spans += _glue_spans(d, keep, thr, default)
    cov = np.zeros(n + 1, dtype=np.int32)
    for s, e in spans:
        cov[s] += 1
        cov[e] -= 1
    covered = np.cumsum(cov[:n]) > 0
    miss_cum = np.concatenate([[0], np.cumsum(d.alnum & ~covered)])
    gold = caught = gold_n = caught_n = tp = fp = 0
    for s, e, lab in d.gold:
        e = min(e, n)
        ok = int(miss_cum[e] - miss_cum[s] == 0)
        gold += 1
        caught += ok
        if lab in NAME_SET:
            gold_n += 1
            caught_n += ok
    spans.sort()
    cs = ce = -1
    merged = []
    for s, e in spans:
        if s < ce:
            ce = max(ce, e)
            continue
        if ce >= 0:
            merged.append((cs, ce))
        cs, ce = s, e
    if ce >= 0:
        merged.append((cs, ce))
    for s, e in merged:
        if not d.alnum[s:e].any():
            continue
        if d.gold_cum[e] - d.gold_cum[s] > 0:
            tp += 1
        else:
            fp += 1
    return gold, caught, gold_n, caught_n, tp, fp


def _summary(tot: np.ndarray) -> dict[str, float]:
    gold, caught, gold_n, caught_n, tp, fp = (int(x) for x in tot)
    return {
        "recall": caught / gold if gold else 1.0,
        "name_recall": caught_n / gold_n if gold_n else 1.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "gold": gold, "caught": caught, "tp": tp, "fp": fp,
    }


def _score(docs: Sequence[_EvalDoc], thr: dict[tuple[str, str], float], default: float) -> dict[str, float]:
    tot = np.zeros(6, dtype=np.int64)
    for d in docs:
        tot += np.asarray(_doc_score(d, thr, default))
    return _summary(tot)


def _fit_for(train: Sequence[Prepared], held: Sequence[Prepared], cfg: TrainConfig, base: Model | None,
             base_ref: str | None) -> Model | None:
    """A model fitted on ``train`` with ``held``'s context encodings filled from it; None when ``train``
    cannot be fitted (one class only)."""
    try:
        m = fit_model(train, cfg, base, base_ref)
    except ValueError:
        return None
    fill_te(held, m.tables)
    return m


def oof_eval_docs(train: Sequence[Prepared], cfg: TrainConfig, folds: int = 5,
                  log: Callable[[str], None] | None = None, base: Model | None = None,
                  base_ref: str | None = None, skip: Collection[str] = ()) -> list[_EvalDoc]:
    """Out-of-fold predictions on the training documents (a model per fold), for threshold tuning
    on more documents than the held-out part alone; documents whose id is in ``skip`` are trained on
    but not predicted. Call before the final fit (it rewrites the training rows' context encodings)."""
    out: list[_EvalDoc] = []
    for k, members in enumerate(fold_members(train, folds)):
        inside = set(members)
        held = [train[i] for i in members]
        rest = [p for i, p in enumerate(train) if i not in inside]
        if not rest or sum(int(p.y.sum()) for p in rest) == 0:
            continue
        m = _fit_for(rest, held, cfg, base, base_ref)
        if m is None:
            continue
        out.extend(_eval_docs(m, [p for p in held if p.id not in skip]))
        if log:
            log(f"  out-of-fold predictions: fold {k + 1}/{folds}")
    return out


def _target(wanted: float, reachable: float, slack: float) -> float:
    """The recall to tune for: ``wanted``, or when the lowest thresholds cannot reach it, the best reachable
    less ``slack`` — the last few spans at the edge would cost thousands of false positives."""
    return wanted if reachable >= wanted else reachable - slack


def tune_thresholds(model: Model, preps: Sequence[Prepared], cfg: TrainConfig,
                    log: Callable[[str], None] | None = None,
                    extra: Sequence[_EvalDoc] = ()) -> tuple[dict[str, Any], dict[str, float]]:
    """Per-label thresholds: the recall targets first (or just below the best recall reachable), then precision.

    ``extra`` adds already scored documents (e.g. out-of-fold predictions on the training set)."""
    docs = _eval_docs(model, preps) + list(extra)
    keys = sorted({(kind, lab) for d in docs for _, _, kind, lab, _ in d.units} | {("new", g.label) for d in docs for g in d.glue})
    low = _score(docs, {}, GRID[0])
    tgt_r = _target(cfg.target_recall, low["recall"], cfg.recall_slack)
    tgt_n = _target(cfg.target_name_recall, low["name_recall"], cfg.recall_slack)

    def ok(m: dict[str, float]) -> bool:
        return m["recall"] >= tgt_r - 1e-9 and m["name_recall"] >= tgt_n - 1e-9

    default = GRID[0]
    for t in GRID:
        m = _score(docs, {}, t)
        if ok(m):
            default = t
        else:
            break
    # the common threshold may not remove candidates the model finds likely PHI either
    cap = max((t for t in GRID if t <= cfg.max_removal_threshold), default=GRID[0])
    thr: dict[tuple[str, str], float] = {k: cap for k in keys if k[0] == "cand" and default > cap}
    per_doc = np.asarray([_doc_score(d, thr, default) for d in docs], dtype=np.int64).reshape(len(docs), 6)
    tot = per_doc.sum(axis=0)
    best = _summary(tot)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    docs_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, d in enumerate(docs):
        seen = set()
        for _, _, kind, lab, _ in d.units:
            counts[(kind, lab)] += 1
            seen.add((kind, lab))
        for g in d.glue:  # a glue word follows the new-token threshold of its label
            seen.add(("new", g.label))
        for key in seen:
            docs_of[key].append(k)

    def moves(key: tuple[str, str], thr: dict, per_doc: np.ndarray, tot: np.ndarray, up: bool = False):
        """Every other threshold of ``key`` (only higher ones if ``up``) from the state (``thr``, ``per_doc``,
        ``tot``): (threshold, thresholds, its documents' score rows, the totals it gives)."""
        cur = thr.get(key, default)
        idx = docs_of[key]
        for t in GRID:
            if t == cur or (up and t < cur) or (key[0] == "cand" and t > cfg.max_removal_threshold):
                continue
            trial = dict(thr)
            trial[key] = t
            rows = np.asarray([_doc_score(docs[k], trial, default) for k in idx], dtype=np.int64).reshape(len(idx), 6)
            yield t, trial, rows, tot - per_doc[idx].sum(axis=0) + rows.sum(axis=0)

    def search(order: list[tuple[str, str]]) -> tuple[dict, dict[str, float], np.ndarray, np.ndarray]:
        """From the common threshold, two rounds over the labels in ``order``, each label's threshold set to the
        best one that keeps the targets; returns the thresholds, their summary and their score rows and totals."""
        found, rows_of, total, top = thr, per_doc.copy(), tot, best
        for _round in range(2):
            for key in order:
                cur = found.get(key, default)
                for t, trial, rows, new in list(moves(key, found, rows_of, total)):
                    m = _summary(new)
                    # on a tie the rules' decision stands: a candidate stays kept, a new token stays out
                    tie_up = key[0] != "cand" and t > cur
                    if ok(m) and (m["precision"] > top["precision"] + 1e-9 or (m["precision"] >= top["precision"] - 1e-9 and tie_up)):
                        rows_of[docs_of[key]] = rows
                        top, found, cur, total = m, trial, t, new
        return found, top, rows_of, total

    def exchange(found: dict, rows_of: np.ndarray, total: np.ndarray) -> tuple[dict, dict[str, float]]:
        """Raise thresholds past the recall targets while each step removes at least ``cfg.exchange_rate`` false
        positives per identifier lost (a name lost counts ``cfg.name_weight`` times), best rate first, recall kept
        at ``cfg.min_recall`` and ``cfg.min_name_recall``.

        Recall targets alone make a cliff: on the default model's tuning documents the search had left the
        new-token threshold of ORGANIZATION at the 0.01 floor, 340 false positives ("Married", "JOY",
        "Suggestions") kept for 16 spans."""
        while True:
            step = None
            for key in keys:
                for t, trial, rows, new in moves(key, found, rows_of, total, up=True):
                    m = _summary(new)
                    if m["recall"] < cfg.min_recall - 1e-9 or m["name_recall"] < cfg.min_name_recall - 1e-9:
                        continue
                    fp_gone = total[5] - new[5]
                    lost = total[1] - new[1] + (cfg.name_weight - 1) * (total[3] - new[3])
                    rate = fp_gone / max(lost, 0.5)  # nothing lost: as if half a span
                    if fp_gone > 0 and rate >= cfg.exchange_rate and (step is None or rate > step[0]):
                        step = (rate, key, t, trial, rows, new)
            if step is None:
                return found, _summary(total)
            rate, key, t, found, rows, total = step
            rows_of[docs_of[key]] = rows
            if log:
                m = _summary(total)
                log(f"  {key[0]} {key[1]} raised to {t}: {rate:.0f} false positives per identifier lost; recall "
                    f"{m['recall']:.4f}, names {m['name_recall']:.4f}, precision {m['precision']:.4f}")

    # A greedy search depends on its order; two orders are tried and the better kept (the first on a tie): the
    # most frequent labels first, and the labels whose best single move buys the most precision first
    # (measured on the tuning documents of 2026-11-23: either order won for one model and lost for another,
    # by 0.002-0.01)
    gain = {key: max((m["precision"] - best["precision"] for m in (_summary(new) for *_, new in moves(key, thr, per_doc, tot))
                      if ok(m)), default=0.0)
            for key in keys}
    first = search(sorted(keys, key=lambda k: -counts[k]))
    second = search(sorted(keys, key=lambda k: (-gain[k], -counts[k])))
    thr, best, rows_of, total = second if second[1]["precision"] > first[1]["precision"] + 1e-9 else first
    if cfg.exchange_rate > 0:
        thr, best = exchange(thr, rows_of, total)
    if log:
        exchanged = f", then exchanged at {cfg.exchange_rate:g} false positives per identifier" if cfg.exchange_rate > 0 else ""
        log(f"  thresholds tuned: default {default}, recall {best['recall']:.4f} (target {tgt_r:.4f}{exchanged}), "
            f"names {best['name_recall']:.4f} (target {tgt_n:.4f}), precision {best['precision']:.4f}")
    out = {
        "default": default,
        "candidate": {lab: t for (kind, lab), t in sorted(thr.items()) if kind == "cand"},
        "weak": {lab: t for (kind, lab), t in sorted(thr.items()) if kind == "weak"},
        "new": {lab: t for (kind, lab), t in sorted(thr.items()) if kind == "new"},
        "targets": {"recall": tgt_r, "name_recall": tgt_n},
    }
    return out, best


def evaluate_prepared(model: Model, preps: Sequence[Prepared]) -> dict[str, float]:
    """Approximate held-out figures with the model's own thresholds (the quick scorer of tuning)."""
    docs = _eval_docs(model, preps)
    thr = {("cand", k): v for k, v in model.cand_thresholds.items()}
    thr.update({("new", k): v for k, v in model.new_thresholds.items()})
    weak = model.cand_thresholds if model.weak_thresholds is None else model.weak_thresholds
    thr.update({("weak", k): v for k, v in weak.items()})
    return _score(docs, thr, model.default_threshold)


# --- the whole job -----------------------------------------------------------------------------------


def _meta(cfg: TrainConfig, tables: ContextTables | None, head: LabelHead, base: str | None, n_train: int) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "kind": "token-gbdt",
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "config": cfg.to_dict(),
        "feature_names": list(feature_names()) + (["base_margin"] if base else []),
        "tables": tables.tables if tables is not None else None,
        "te_prior": tables.prior if tables is not None else 0.1,
        "head_classes": head.classes,
        "base": base,
        "n_train_documents": n_train,
        "thresholds": {"default": 0.5, "candidate": {}, "weak": {}, "new": {}},
    }


def fit_model(train: Sequence[Prepared], cfg: TrainConfig, base: Model | None = None, base_ref: str | None = None) -> Model:
    """Fit a model on prepared training documents (context encodings, trees, label head)."""
    if base is None:
        tables = fit_tables_oof(train, cfg)
    else:
        tables = base.tables
        fill_te(train, tables)
    X, y, ylab = _stack(train)
    Xt = np.hstack([X, base.margin(X)[:, None]]) if base is not None else X
    trees = fit_trees(Xt, y, cfg)
    head = fit_head(X, ylab, cfg)
    gate = fit_gate(X, y, cfg) if base is None else None
    if base is not None and len(head.classes) < 2:
        head = base.head
    # the model's own tables fill held-out features from here on
    meta = _meta(cfg, tables if base is None else None, head, base_ref, len(train))
    meta["uses_rules"] = all(p.uses_rules for p in train)
    if base is None:
        return Model(meta, trees, head, gate=gate)
    return Model(meta, trees, head, base)


def save_model(model: Model, out_dir: str | Path, extra: dict[str, Any] | None = None) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = dict(model.meta)
    meta["thresholds"] = {
        "default": model.default_threshold,
        "candidate": model.cand_thresholds,
        **({"weak": model.weak_thresholds} if model.weak_thresholds is not None else {}),
        "new": model.new_thresholds,
        **({"targets": model.meta["thresholds"].get("targets")} if model.meta.get("thresholds", {}).get("targets") else {}),
    }
    if extra:
        meta.update(extra)
    arrays = model.trees.arrays("t_")
    h = model.head
    arrays.update({"h_mean": np.asarray(h.mean, dtype=np.float64), "h_scale": np.asarray(h.scale, dtype=np.float64),
                   "h_coef": np.asarray(h.coef, dtype=np.float64), "h_intercept": np.asarray(h.intercept, dtype=np.float64)})
    if model.gate is not None:
        mean, scale, coef, intercept, cut = model.gate
        arrays.update({"g_mean": np.asarray(mean), "g_scale": np.asarray(scale), "g_coef": np.asarray(coef),
                       "g_meta": np.asarray([intercept, cut], dtype=np.float64)})
    np.savez_compressed(out / "arrays.npz", **arrays)
    (out / "model.json").write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def set_thresholds(model: Model, thresholds: dict[str, Any]) -> None:
    model.default_threshold = float(thresholds["default"])
    model.cand_thresholds = dict(thresholds["candidate"])
    model.new_thresholds = dict(thresholds["new"])
    model.weak_thresholds = dict(thresholds["weak"]) if "weak" in thresholds else None
    model.meta["thresholds"] = thresholds


def learning_curve(train: Sequence[Prepared], dev: Sequence[Prepared], cfg: TrainConfig, sizes: Sequence[int],
                   base: Model | None = None, base_ref: str | None = None,
                   log: Callable[[str], None] | None = None) -> list[dict[str, float]]:
    """Held-out recall and precision (thresholds tuned for the recall targets) vs training documents."""
    rows = []
    order = np.random.default_rng(cfg.seed).permutation(len(train))  # subsets of every kind of note
    for n in sizes:
        sub = [train[i] for i in sorted(order[:n])]
        if sum(int(p.y.sum()) for p in sub) == 0 or all(int(p.y.sum()) == len(p.y) for p in sub):
            continue
        m = _fit_for(sub, dev, cfg, base, base_ref)
        if m is None:
            continue
        thr, res = tune_thresholds(m, dev, cfg)
        rows.append({"documents": n, "recall": res["recall"], "name_recall": res["name_recall"], "precision": res["precision"]})
        if log:
            log(f"  {n:>6} documents: recall {res['recall']:.4f}  names {res['name_recall']:.4f}  precision {res['precision']:.4f}")
    return rows


def label_groups() -> dict[str, str]:
    return {str(k): v.group for k, v in LABEL_INFO.items()}


def train_tuned(train: Sequence[Prepared], dev: Sequence[Prepared], cfg: TrainConfig, *, sizes: Sequence[int] = (),
                oof_folds: int = 0, base: Model | None = None, base_ref: str | None = None,
                log: Callable[[str], None] | None = None, curve_log: Callable[[str], None] | None = None,
                tune_skip: Collection[str] = (),
                ) -> tuple[Model, dict[str, Any], dict[str, float], list[dict[str, float]]]:
    """The whole training recipe shared by `medveil train` and scripts/train_default_model.py.

    A learning curve at ``sizes`` (held-out figures), out-of-fold predictions on the training part
    when ``oof_folds`` > 1 and there are enough documents (not on the ids in ``tune_skip``: documents that
    teach the model but do not set its thresholds), the final fit, thresholds tuned on the held-out part
    (plus the out-of-fold predictions), and the held-out figures of the result.
    Returns (model, thresholds, held-out figures, learning-curve rows ending with the full model).
    """
    rows = learning_curve(train, dev, cfg, list(sizes), base, base_ref, log=curve_log) if sizes else []
    extra: list[_EvalDoc] = []
    if oof_folds > 1 and len(train) >= 2 * oof_folds:
        if log:
            log(f"out-of-fold predictions on the training part ({oof_folds} folds) ...")
        extra = oof_eval_docs(train, cfg, oof_folds, log=log, base=base, base_ref=base_ref, skip=tune_skip)
    if log:
        log(f"fitting on {sum(len(p.y) for p in train)} tokens ({sum(int(p.y.sum()) for p in train)} PHI)")
    model = fit_model(train, cfg, base, base_ref)
    fill_te(dev, model.tables)
    thresholds, _ = tune_thresholds(model, dev, cfg, log=log, extra=extra)
    set_thresholds(model, thresholds)
    final = evaluate_prepared(model, dev)
    rows.append({"documents": len(train), "recall": final["recall"], "name_recall": final["name_recall"],
                 "precision": final["precision"]})
    return model, thresholds, final, rows
