"""The scorer against a deliberately naive re-implementation of the definitions in docs/evaluate.md.

The reference works on sets of character positions, one document and one label at a time, with
no interval arithmetic, so that a mistake in the fast code cannot be repeated here by accident.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medveil.evaluate import GoldDocument, GoldSpan, PredSpan, score
from medveil.labels import GROUPS

LABELS = ["PATIENT", "PROVIDER", "DATE", "CITY", "ID"]


def ref_units(spans: set[tuple[int, int]]) -> list[set[int]]:
    """Connected components of the 'shares a position' graph over non-empty spans."""
    units: list[set[int]] = []
    for s, e in sorted(x for x in spans if x[0] < x[1]):
        pos = set(range(s, e))
        hit = [u for u in units if u & pos]
        for u in hit:
            units.remove(u)
            pos |= u
        units.append(pos)
    return units


def ref_tokens(text: str) -> list[set[int]]:
    toks, cur = [], set()
    for i, c in enumerate(text):
        if c.isalnum():
            cur.add(i)
        elif cur:
            toks.append(cur)
            cur = set()
    if cur:
        toks.append(cur)
    return toks


def ref_counts(docs, preds, gold_labels: set[str], aware: bool) -> dict[str, int]:
    c = dict.fromkeys(("gold", "caught", "tp", "fp", "documents", "documents_all_caught", "tg", "tc", "tpred", "ttp"), 0)
    for d in docs:
        alnum = {i for i, ch in enumerate(d.text) if ch.isalnum()}
        gold = [g for g in d.spans if any(alnum & set(range(s, e)) for s, e in g.fragments)]
        pr = [p for p in preds.get(d.id, []) if p.start < p.end]
        g_in = [g for g in gold if g.label in gold_labels]
        caught = 0
        for g in g_in:
            cov = set().union(*[set(range(p.start, p.end)) for p in pr if not aware or p.label == g.label])
            need = alnum & set().union(*[set(range(s, e)) for s, e in g.fragments])
            caught += need <= cov
        c["gold"] += len(g_in)
        c["caught"] += caught
        c["documents"] += bool(g_in)
        c["documents_all_caught"] += bool(g_in) and caught == len(g_in)
        toks = ref_tokens(d.text)
        if not aware:
            gpos_all = set().union(*[set(range(s, e)) for g in gold for s, e in g.fragments])
            p_sel = {(p.start, p.end) for p in pr if p.label in gold_labels}
            for u in ref_units(p_sel):
                hit = bool(u & gpos_all)
                c["tp"] += hit
                c["fp"] += not hit
            gpos = set().union(*[set(range(s, e)) for g in g_in for s, e in g.fragments])
            cov_all = set().union(*[set(range(p.start, p.end)) for p in pr])
            ppos = set().union(*[set(range(s, e)) for s, e in p_sel])
            for t in toks:
                if t & gpos:
                    c["tg"] += 1
                    c["tc"] += (t & gpos) <= cov_all
                if t & ppos:
                    c["tpred"] += 1
                    c["ttp"] += bool(t & gpos_all)
        else:
            for lab in gold_labels:
                gl = set().union(*[set(range(s, e)) for g in gold if g.label == lab for s, e in g.fragments])
                p_sel = {(p.start, p.end) for p in pr if p.label == lab}
                for u in ref_units(p_sel):
                    hit = bool(u & gl)
                    c["tp"] += hit
                    c["fp"] += not hit
                gpos = set().union(*[set(range(s, e)) for g in g_in if g.label == lab for s, e in g.fragments])
                ppos = set().union(*[set(range(s, e)) for s, e in p_sel])
                for t in toks:
                    if t & gpos:
                        c["tg"] += 1
                        c["tc"] += (t & gpos) <= ppos
                    if t & ppos:
                        c["tpred"] += 1
                        c["ttp"] += bool(t & gl)
    return c


def fig_counts(f) -> dict[str, int]:
    t = f["tokens"]
    return {**{k: f[k] for k in ("gold", "caught", "tp", "fp", "documents", "documents_all_caught")},
            "tg": t["gold"], "tc": t["caught"], "tpred": t["predicted"], "ttp": t["tp"]}  # fmt: skip


@st.composite
def corpus(draw):
    docs, preds = [], {}
    for i in range(draw(st.integers(1, 4))):
        text = draw(st.text(alphabet="ab1 -\r\néß_", min_size=0, max_size=30))
        n = len(text)

        def span(draw=draw, n=n):
            s = draw(st.integers(0, n))
            return s, draw(st.integers(s, n))

        spans = []
        for _ in range(draw(st.integers(0, 4))):
            frags = tuple(sorted(span() for _ in range(draw(st.integers(1, 2)))))
            lab = draw(st.sampled_from(LABELS))
            spans.append(GoldSpan(frags[0][0], max(e for _, e in frags), lab, lab, frags))
        uniq = list({(g.label, g.fragments): g for g in spans}.values())
        docs.append(GoldDocument(f"d{i}", text, uniq))
        preds[f"d{i}"] = [PredSpan(*span(), draw(st.sampled_from(LABELS))) for _ in range(draw(st.integers(0, 5)))]
    return docs, preds


@settings(max_examples=400, deadline=None)
@given(corpus())
def test_counts_match_naive_reference(data):
    docs, preds = data
    r = score(docs, preds, bootstrap=0, examples=False)
    every = set(LABELS)
    assert fig_counts(r.overall) == ref_counts(docs, preds, every, aware=False)
    assert fig_counts(r.overall["label_aware"]) == ref_counts(docs, preds, every, aware=True)
    for lab, f in r.labels.items():
        assert fig_counts(f) == ref_counts(docs, preds, {lab}, aware=False), lab
        assert fig_counts(f["label_aware"]) == ref_counts(docs, preds, {lab}, aware=True), lab
    for g, f in r.data["groups"].items():
        members = {m.value for m in GROUPS[g]}
        assert fig_counts(f) == ref_counts(docs, preds, members, aware=False), g
        assert fig_counts(f["label_aware"]) == ref_counts(docs, preds, members, aware=True), g
