"""Scoring: span recall, all-or-nothing document recall, micro precision, token figures, CIs.

The exact definitions (and every tie-break) are written out in docs/evaluate.md; in short, for each
document, with ``A`` the positions ``i`` where ``text[i].isalnum()``:

* a gold span is *caught* when every position of ``A`` inside its fragments is covered by the union
  of the predicted spans (label-blind) or of the predicted spans of its own label (label-aware);
  gold spans with no position in ``A`` are excluded and counted in ``excluded_no_alnum``;
* predicted spans are de-duplicated on ``(start, end)``, zero-length ones dropped, and spans that
  share a character (``a.start < b.end and b.start < a.end``) merged transitively; a merged span is
  a true positive when it shares a character with a gold span (label-aware: of its own label; the
  merging is then done per label);
* a token is a maximal run of ``str.isalnum()`` characters.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from medveil.evaluate.gold import GoldDocument, GoldSpan
from medveil.evaluate.labelmap import IGNORE, GoldWarning, LabelMap
from medveil.evaluate.thresholds import Policy
from medveil.labels import GROUPS, LABEL_INFO, Label, is_direct

CONTEXT_CHARS = 40
_TOKEN = re.compile(r"[^\W_]+")

# Per-document counters, in this order, for every scope and mode.
FIELDS = (
    "gold", "caught", "tp", "fp", "documents", "documents_all_caught",
    "tok_gold", "tok_caught", "tok_pred", "tok_tp", "excluded_no_alnum",
)  # fmt: skip
_F = {name: i for i, name in enumerate(FIELDS)}
MODES = ("label_blind", "label_aware")


@dataclass(frozen=True, slots=True)
class PredSpan:
    """A predicted span with a medveil label (after mapping)."""

    start: int
    end: int
    label: str
    raw_label: str = ""


@dataclass(frozen=True, slots=True)
class Scope:
    """A slice of the figures: which gold labels and which predicted labels it looks at."""

    kind: str  # overall | label | group | identifier | corpus_label
    name: str
    labels: frozenset[str]
    raw: bool = False  # corpus_label scopes select gold spans by raw label


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f(p: float | None, r: float | None, beta: float) -> float | None:
    if p is None or r is None:
        return None
    b2 = beta * beta
    den = b2 * p + r
    return (1 + b2) * p * r / den if den else 0.0


def figures(c: Mapping[str, int]) -> dict[str, Any]:
    """Turn summed counters into the reported object (ratios are None when undefined: 0/0)."""
    r = _ratio(c["caught"], c["gold"])
    p = _ratio(c["tp"], c["tp"] + c["fp"])
    tr = _ratio(c["tok_caught"], c["tok_gold"])
    tp_ = _ratio(c["tok_tp"], c["tok_pred"])
    return {
        "gold": int(c["gold"]),
        "caught": int(c["caught"]),
        "tp": int(c["tp"]),
        "fp": int(c["fp"]),
        "documents": int(c["documents"]),
        "documents_all_caught": int(c["documents_all_caught"]),
        "recall": r,
        "precision": p,
        "f1": _f(p, r, 1.0),
        "f2": _f(p, r, 2.0),
        "aon_recall": _ratio(c["documents_all_caught"], c["documents"]),
        "excluded_no_alnum": int(c["excluded_no_alnum"]),
        "tokens": {
            "gold": int(c["tok_gold"]),
            "caught": int(c["tok_caught"]),
            "predicted": int(c["tok_pred"]),
            "tp": int(c["tok_tp"]),
            "recall": tr,
            "precision": tp_,
            "f1": _f(tp_, tr, 1.0),
            "f2": _f(tp_, tr, 2.0),
        },
    }


# --------------------------------------------------------------------------------------- intervals


def merge_overlapping(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge intervals that share at least one position (touching intervals stay apart)."""
    out: list[list[int]] = []
    for s, e in sorted(set(spans)):
        if s >= e:
            continue
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


class _Coverage:
    """Union of intervals with fast 'how many alnum positions of [s, e) are covered' queries."""

    def __init__(self, spans: Iterable[tuple[int, int]], prefix: np.ndarray):
        merged: list[tuple[int, int]] = []
        for s, e in sorted(x for x in spans if x[0] < x[1]):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.starts = [s for s, _ in merged]
        self.merged = merged
        self.prefix = prefix

    def covered_alnum(self, s: int, e: int) -> int:
        n = 0
        i = max(bisect_left(self.starts, s) - 1, 0)
        while i < len(self.merged) and self.merged[i][0] < e:
            a, b = max(self.merged[i][0], s), min(self.merged[i][1], e)
            if a < b:
                n += int(self.prefix[b] - self.prefix[a])
            i += 1
        return n

    def mask(self, n: int) -> np.ndarray:
        m = np.zeros(n, dtype=bool)
        for s, e in self.merged:
            m[s:e] = True
        return m


def _overlaps_any(s: int, e: int, frags: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when [s, e) shares a position with one of the sorted-by-start ``frags``."""
    i = bisect_left(starts, e)  # fragments starting at or after e cannot overlap
    return any(fs < e and s < fe for fs, fe in frags[:i])


# ---------------------------------------------------------------------------------------- examples


@dataclass(slots=True)
class Example:
    """A missed gold span or a false-positive predicted span, with its context."""

    doc_id: str
    start: int
    end: int
    label: str
    kind: str  # "miss" | "false_positive"
    detail: str = ""
    before: str = ""
    text: str = ""
    after: str = ""

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.doc_id, "start": self.start, "end": self.end, "label": self.label}
        if self.detail:
            d["detail"] = self.detail
        if include_text:
            d.update({"before": self.before, "text": self.text, "after": self.after})
        return d


def _clean(s: str) -> str:
    return " ".join(s.split()) if s.strip() else s.replace("\n", " ").replace("\r", " ").replace("\t", " ")


def _example(doc: GoldDocument, s: int, e: int, label: str, kind: str, detail: str = "") -> Example:
    t = doc.text
    before = t[max(0, s - CONTEXT_CHARS) : s]
    after = t[e : e + CONTEXT_CHARS]
    return Example(doc.id, s, e, label, kind, detail, " ".join(before.split()) + (" " if before[-1:].isspace() else ""),
                   t[s:e], (" " if after[:1].isspace() else "") + " ".join(after.split()))  # fmt: skip


# ------------------------------------------------------------------------------------ per document


def _doc_counts(
    doc: GoldDocument, preds: list[PredSpan], scopes: list[Scope], examples: list[Example] | None
) -> np.ndarray:
    """Counters of one document: array (scopes, modes, FIELDS)."""
    text = doc.text
    n = len(text)
    # Tokens are the maximal runs of str.isalnum() characters ([^\W_] matches exactly those), so the
    # alphanumeric positions are the positions inside a token.
    tok_id = np.full(n, -1, dtype=np.int64)
    ntok = 0
    for ntok, m in enumerate(_TOKEN.finditer(text), start=1):
        tok_id[m.start() : m.end()] = ntok - 1
    in_tok = tok_id >= 0
    prefix = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(in_tok, out=prefix[1:])

    def alnum_in(s: int, e: int) -> int:
        return int(prefix[e] - prefix[s])

    gold: list[GoldSpan] = []
    excluded: list[GoldSpan] = []
    for g in doc.spans:
        (gold if sum(alnum_in(s, e) for s, e in g.fragments) else excluded).append(g)
    all_frags = sorted(f for g in gold for f in g.fragments if f[0] < f[1])  # empty fragments hold no position
    all_frag_starts = [s for s, _ in all_frags]
    frags_by_label: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        frags_by_label.setdefault(g.label, []).extend(f for f in g.fragments if f[0] < f[1])
    for v in frags_by_label.values():
        v.sort()
    frag_starts_by_label = {k: [s for s, _ in v] for k, v in frags_by_label.items()}

    cov_any = _Coverage(((p.start, p.end) for p in preds), prefix)
    pred_by_label: dict[str, list[tuple[int, int]]] = {}
    for p in preds:
        pred_by_label.setdefault(p.label, []).append((p.start, p.end))
    cov_label = {k: _Coverage(v, prefix) for k, v in pred_by_label.items()}
    empty_cov = _Coverage((), prefix)

    def caught(g: GoldSpan, cov: _Coverage) -> bool:
        return all(cov.covered_alnum(s, e) == alnum_in(s, e) for s, e in g.fragments)

    blind_caught = {g: caught(g, cov_any) for g in gold}
    aware_caught = {g: caught(g, cov_label.get(g.label, empty_cov)) for g in gold}

    # Masks for the token figures.
    any_mask = cov_any.mask(n)
    gold_mask_all = np.zeros(n, dtype=bool)
    for s, e in all_frags:
        gold_mask_all[s:e] = True
    gold_mask_label: dict[str, np.ndarray] = {}
    for lab, frs in frags_by_label.items():
        m = np.zeros(n, dtype=bool)
        for s, e in frs:
            m[s:e] = True
        gold_mask_label[lab] = m
    pred_mask_label = {k: c.mask(n) for k, c in cov_label.items()}

    def tok_set(mask: np.ndarray) -> np.ndarray:
        ids = tok_id[mask & in_tok]
        out = np.zeros(ntok, dtype=bool)
        out[ids] = True
        return out

    tok_gold_all = tok_set(gold_mask_all)

    def token_counts(gmask: np.ndarray, cov_mask: np.ndarray, pmask: np.ndarray, tp_gold: np.ndarray) -> tuple[int, int, int, int]:
        g = tok_set(gmask)
        uncaught = tok_set(gmask & ~cov_mask)
        p = tok_set(pmask)
        return int(g.sum()), int((g & ~uncaught).sum()), int(p.sum()), int((p & tp_gold).sum())

    # Precision units: merged predicted spans, label-blind over the scope's labels, and per label.
    merged_label: dict[str, list[tuple[int, int, bool]]] = {}
    for lab, sp in pred_by_label.items():
        fr, st = frags_by_label.get(lab, []), frag_starts_by_label.get(lab, [])
        merged_label[lab] = [(s, e, _overlaps_any(s, e, fr, st)) for s, e in merge_overlapping(sp)]

    out = np.zeros((len(scopes), 2, len(FIELDS)), dtype=np.int64)
    zeros = np.zeros(n, dtype=bool)
    for si, sc in enumerate(scopes):
        if sc.raw:
            g_in = [g for g in gold if g.raw_label in sc.labels]
            x_in = [g for g in excluded if g.raw_label in sc.labels]
            p_labels: set[str] = set()
        else:
            g_in = [g for g in gold if g.label in sc.labels]
            x_in = [g for g in excluded if g.label in sc.labels]
            p_labels = {lab for lab in pred_by_label if lab in sc.labels}
        for mi, caught_map in enumerate((blind_caught, aware_caught)):
            row = out[si, mi]
            row[_F["gold"]] = len(g_in)
            nc = sum(1 for g in g_in if caught_map[g])
            row[_F["caught"]] = nc
            row[_F["documents"]] = 1 if g_in else 0
            row[_F["documents_all_caught"]] = 1 if g_in and nc == len(g_in) else 0
            row[_F["excluded_no_alnum"]] = len(x_in)
        if not g_in and not p_labels:
            continue  # nothing else to count in this scope
        # label-blind precision: merge all predicted spans of the scope's labels together
        if p_labels:
            sel = [(p.start, p.end) for p in preds if p.label in p_labels]
            units = merge_overlapping(sel)
            tp = sum(1 for s, e in units if _overlaps_any(s, e, all_frags, all_frag_starts))
            out[si, 0, _F["tp"]] = tp
            out[si, 0, _F["fp"]] = len(units) - tp
            tp_a = sum(sum(1 for *_, ok in merged_label[lab] if ok) for lab in p_labels)
            tot_a = sum(len(merged_label[lab]) for lab in p_labels)
            out[si, 1, _F["tp"]] = tp_a
            out[si, 1, _F["fp"]] = tot_a - tp_a
        # tokens, label-blind
        if ntok:
            gmask = zeros.copy()
            for g in g_in:
                for s, e in g.fragments:
                    gmask[s:e] = True
            pmask = zeros.copy()
            for lab in p_labels:
                pmask |= pred_mask_label[lab]
            tg, tc, tpn, ttp = token_counts(gmask, any_mask, pmask, tok_gold_all)
            out[si, 0, 6:10] = (tg, tc, tpn, ttp)
            # tokens, label-aware: summed over the labels of the scope
            acc = [0, 0, 0, 0]
            labs = {g.label for g in g_in} | p_labels
            for lab in labs:
                gm = zeros.copy()
                for g in g_in:
                    if g.label == lab:
                        for s, e in g.fragments:
                            gm[s:e] = True
                pm = pred_mask_label.get(lab, zeros) if lab in p_labels else zeros
                gl = gold_mask_label.get(lab)
                tpg = tok_set(gl) if gl is not None else np.zeros(ntok, dtype=bool)
                r = token_counts(gm, pred_mask_label.get(lab, zeros), pm, tpg)
                acc = [a + b for a, b in zip(acc, r, strict=True)]
            out[si, 1, 6:10] = acc

    if examples is not None:
        for g in gold:
            if not blind_caught[g]:
                missing = sum(alnum_in(s, e) - cov_any.covered_alnum(s, e) for s, e in g.fragments)
                total = sum(alnum_in(s, e) for s, e in g.fragments)
                detail = "not covered" if missing == total else f"{missing} of {total} letters/digits not covered"
                examples.append(_example(doc, g.start, g.end, g.label, "miss", detail))
        for s, e in merge_overlapping((p.start, p.end) for p in preds):
            if not _overlaps_any(s, e, all_frags, all_frag_starts):
                labs = sorted({p.label for p in preds if p.start < e and s < p.end})
                examples.append(_example(doc, s, e, "/".join(labs), "false_positive"))
    return out


# ------------------------------------------------------------------------------------------ report


def _coerce_preds(doc: GoldDocument, raw: Iterable[Any], labels: LabelMap, stats: Counter[str]) -> list[PredSpan]:
    out: list[PredSpan] = []
    n = len(doc.text)
    for p in raw:
        if isinstance(p, Mapping):
            s, e, lab = int(p["start"]), int(p["end"]), str(p["label"])
        else:
            s, e, lab = int(p.start), int(p.end), str(p.label)
        if s < 0 or e > n or s > e:
            stats["clipped"] += 1
            s, e = max(0, min(s, n)), max(0, min(e, n))
        if s >= e:
            stats["empty"] += 1
            continue
        user = labels.user.get(lab.strip().upper())
        if user is not None:
            mapped = None if user == IGNORE else user
        else:
            mapped = lab if lab in Label.__members__ else labels.map(lab)
        if mapped is None:
            stats["pred_ignored"] += 1
            continue
        out.append(PredSpan(s, e, mapped, lab))
    return out


@dataclass
class EvaluationReport:
    """The result of :func:`score`; ``to_json()`` gives the stable JSON object."""

    data: dict[str, Any]
    examples: list[Example] = field(default_factory=list)
    doc_counts: np.ndarray | None = field(default=None, repr=False)

    @property
    def overall(self) -> dict[str, Any]:
        return self.data["overall"]

    @property
    def labels(self) -> dict[str, dict[str, Any]]:
        return self.data["labels"]

    @property
    def passed(self) -> bool:
        """True when every judged figure meets the policy."""
        return bool(self.data["thresholds"]["pass"])

    def to_json(self, include_text: bool = True, max_examples: int | None = None) -> dict[str, Any]:
        """The report as a JSON-ready dict; ``include_text=False`` leaves out every piece of document text."""
        d = dict(self.data)
        misses = [x for x in self.examples if x.kind == "miss"]
        fps = [x for x in self.examples if x.kind == "false_positive"]
        if max_examples is not None:
            misses, fps = misses[:max_examples], fps[:max_examples]
        d["misses"] = [x.to_dict(include_text) for x in misses]
        d["false_positives"] = [x.to_dict(include_text) for x in fps]
        d["meta"] = {**d["meta"], "text_included": include_text}
        return d

    def write_json(self, path: str, include_text: bool = True, max_examples: int | None = 1000) -> None:
        """Write :meth:`to_json` to ``path``."""
        from medveil.evaluate.report import write_json

        write_json(self, path, include_text, max_examples)

    def write_html(self, path: str, include_text: bool = True, max_examples: int = 1000) -> None:
        """Write the self-contained HTML report to ``path``."""
        from medveil.evaluate.report import write_html

        write_html(self, path, include_text, max_examples)


def _judge(fig: dict[str, Any], req: Any, basis: str) -> dict[str, Any]:
    src = fig if basis == "label_blind" else fig["label_aware"]
    checks: dict[str, Any] = {}
    ok = True
    for metric in ("recall", "precision", "aon_recall"):
        need = getattr(req, metric)
        if need is None:
            continue
        val = src[metric]
        passed = None if val is None else bool(val >= need - 1e-12)
        checks[metric] = {"min": need, "value": val, "pass": passed}
        ok = ok and passed is not False
    return {"basis": basis, "checks": checks, "pass": ok}


def score(
    gold_docs: list[GoldDocument],
    predictions: Mapping[str, Iterable[Any]],
    *,
    label_map: Any = None,
    policy: Policy | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    examples: bool = True,
) -> EvaluationReport:
    """Score ``predictions`` (document id -> spans with ``start``, ``end``, ``label``) against the gold.

    A gold document without an entry in ``predictions`` counts as predicting nothing (a warning says
    so); predictions for unknown ids are ignored with a warning. Predicted labels outside medveil's
    taxonomy go through ``label_map`` (and the generic aliases).
    """
    policy = policy or Policy()
    labels_map = LabelMap.load(label_map)
    stats: Counter[str] = Counter()
    gold_ids = {d.id for d in gold_docs}
    missing = [d.id for d in gold_docs if d.id not in predictions]
    if missing:
        warnings.warn(
            f"{len(missing)} gold document(s) have no prediction and count as predicting nothing "
            f"(e.g. {', '.join(missing[:3])})",
            GoldWarning,
            stacklevel=2,
        )
    extra = [k for k in predictions if k not in gold_ids]
    if extra:
        warnings.warn(
            f"{len(extra)} prediction(s) name documents not in the gold and were ignored (e.g. {', '.join(map(str, extra[:3]))})",
            GoldWarning,
            stacklevel=2,
        )
    preds = {d.id: _coerce_preds(d, predictions.get(d.id, ()), labels_map, stats) for d in gold_docs}
    if stats["clipped"]:
        warnings.warn(f"{stats['clipped']} predicted span(s) reached outside their text and were clipped", GoldWarning, stacklevel=2)

    gold_labels = sorted({g.label for d in gold_docs for g in d.spans}, key=_label_order)
    pred_labels = sorted({p.label for ps in preds.values() for p in ps}, key=_label_order)
    raw_labels = sorted({g.raw_label for d in gold_docs for g in d.spans})
    present = set(gold_labels) | set(pred_labels)
    scopes: list[Scope] = [Scope("overall", "overall", frozenset(lab.value for lab in Label))]
    scopes += [Scope("label", lab, frozenset({lab})) for lab in gold_labels]
    scopes += [Scope("label", lab, frozenset({lab})) for lab in pred_labels if lab not in gold_labels]
    for gname, members in GROUPS.items():
        ms = frozenset(m.value for m in members)
        if ms & present:
            scopes.append(Scope("group", gname, ms))
    scopes.append(Scope("identifier", "direct", frozenset(lab.value for lab in Label if is_direct(lab))))
    scopes.append(Scope("identifier", "indirect", frozenset(lab.value for lab in Label if not is_direct(lab))))
    scopes += [Scope("corpus_label", raw, frozenset({raw}), raw=True) for raw in raw_labels]

    ex: list[Example] | None = [] if examples else None
    per_doc = np.stack([_doc_counts(d, preds[d.id], scopes, ex) for d in gold_docs]) if gold_docs else np.zeros(
        (0, len(scopes), 2, len(FIELDS)), dtype=np.int64
    )
    totals = per_doc.sum(axis=0)
    ci = _bootstrap(per_doc, bootstrap, seed, confidence)

    def fig(si: int) -> dict[str, Any]:
        blind = figures(dict(zip(FIELDS, totals[si, 0].tolist(), strict=True)))
        aware = figures(dict(zip(FIELDS, totals[si, 1].tolist(), strict=True)))
        blind["label_aware"] = aware
        if ci is not None:
            blind["ci"] = ci[si]
        return blind

    data: dict[str, Any] = {"overall": fig(0), "labels": {}, "predicted_only_labels": {}, "groups": {}, "identifiers": {},
                            "corpus_labels": {}}  # fmt: skip
    for si, sc in enumerate(scopes[1:], start=1):
        f = fig(si)
        if sc.kind == "label":
            info = LABEL_INFO[Label(sc.name)]
            f = {"group": info.group, "direct": info.direct, **f}
            data["labels" if sc.name in gold_labels else "predicted_only_labels"][sc.name] = f
        elif sc.kind == "group":
            data["groups"][sc.name] = f
        elif sc.kind == "identifier":
            data["identifiers"][sc.name] = f
        else:
            mapped = sorted({g.label for d in gold_docs for g in d.spans if g.raw_label == sc.name})
            data["corpus_labels"][sc.name] = {"mapped_to": mapped, **{k: f[k] for k in (
                "gold", "caught", "documents", "documents_all_caught", "recall", "aon_recall", "excluded_no_alnum")}}  # fmt: skip
    data["direct"] = data["identifiers"]["direct"]
    data["indirect"] = data["identifiers"]["indirect"]

    # thresholds
    risk = policy.risk.thresholds()
    judged: dict[str, Any] = {"labels": {}, "identifiers": {}}
    all_ok = True
    for lab, f in data["labels"].items():
        kind = "direct" if f["direct"] else "indirect"
        j = _judge(f, policy.requirement(kind, lab), policy.basis)
        f["threshold"] = j
        judged["labels"][lab] = j["pass"]
        all_ok = all_ok and j["pass"]
    for kind in ("direct", "indirect"):
        f = data["identifiers"][kind]
        if f["gold"] or f["tp"] + f["fp"]:
            j = _judge(f, policy.requirement(kind), policy.basis)
            f["threshold"] = j
            judged["identifiers"][kind] = j["pass"]
            all_ok = all_ok and j["pass"]
    data["thresholds"] = {
        "pass": all_ok,
        "policy": policy.model_dump(),
        "risk": risk.to_dict(),
        "direct": policy.requirement("direct").model_dump(),
        "indirect": policy.requirement("indirect").model_dump(),
        "judged": judged,
    }
    data["meta"] = {
        "documents": len(gold_docs),
        "documents_with_gold": int(data["overall"]["documents"]),
        "gold_spans_excluded_no_alnum": int(data["overall"]["excluded_no_alnum"]),
        "documents_without_prediction": len(missing),
        "predictions_for_unknown_documents": len(extra),
        "predicted_spans_clipped": int(stats["clipped"]),
        "predicted_spans_empty": int(stats["empty"]),
        "predicted_spans_ignored": int(stats["pred_ignored"]),
        "bootstrap": {"resamples": bootstrap if ci is not None else 0, "seed": seed, "confidence": confidence},
        "context_chars": CONTEXT_CHARS,
    }
    return EvaluationReport(data, ex or [], per_doc)


def _label_order(lab: str) -> int:
    return list(Label.__members__).index(lab) if lab in Label.__members__ else 999


def _bootstrap(per_doc: np.ndarray, resamples: int, seed: int, confidence: float) -> list[dict[str, Any]] | None:
    """Percentile bootstrap over documents: resample documents with replacement, recompute ratios."""
    n = per_doc.shape[0]
    if resamples <= 0 or n < 2:
        return None
    rng = np.random.default_rng(seed)
    flat = per_doc.reshape(n, -1).astype(np.float64)
    chunk = max(1, min(resamples, 20_000_000 // max(n, 1)))  # bound the (resamples, documents) weight matrix
    parts = []
    for start in range(0, resamples, chunk):
        size = min(chunk, resamples - start)
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=size).astype(np.float64)  # (b, n) resample counts
        parts.append(weights @ flat)
    sums = np.concatenate(parts).reshape((resamples, *per_doc.shape[1:]))  # (B, scopes, modes, fields)
    lo_q, hi_q = 100 * (1 - confidence) / 2, 100 * (1 + confidence) / 2

    def interval(num: np.ndarray, den: np.ndarray) -> list[float] | None:
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
        if np.all(np.isnan(v)):
            return None
        lo, hi = np.nanpercentile(v, [lo_q, hi_q])
        return [round(float(lo), 6), round(float(hi), 6)]

    def f2(p_num, p_den, r_num, r_den) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            p = np.where(p_den > 0, p_num / np.where(p_den > 0, p_den, 1), np.nan)
            r = np.where(r_den > 0, r_num / np.where(r_den > 0, r_den, 1), np.nan)
            d = 4 * p + r
            return np.where(np.isnan(d), np.nan, np.where(d > 0, 5 * p * r / np.where(d > 0, d, 1), 0.0))

    out: list[dict[str, Any]] = []
    for si in range(per_doc.shape[1]):
        item: dict[str, Any] = {"confidence": confidence, "resamples": resamples}
        for mi, mode in enumerate(MODES):
            s = sums[:, si, mi]
            g, c, tp, fp, d, da = (s[:, _F[k]] for k in FIELDS[:6])
            f2v = f2(tp, tp + fp, c, g)
            f2ci = None if np.all(np.isnan(f2v)) else [round(float(x), 6) for x in np.nanpercentile(f2v, [lo_q, hi_q])]
            vals = {"recall": interval(c, g), "precision": interval(tp, tp + fp), "f2": f2ci, "aon_recall": interval(da, d)}
            if mode == "label_blind":
                item.update(vals)
            else:
                item["label_aware"] = vals
        out.append(item)
    return out
