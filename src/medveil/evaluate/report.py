"""Write an :class:`EvaluationReport`: a terminal table, a JSON file, a self-contained HTML page."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from html import escape
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from medveil.evaluate.metrics import EvaluationReport

DEFAULT_MAX_EXAMPLES = 1000


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _verdict(fig: dict[str, Any]) -> str | None:
    th = fig.get("threshold")
    if not th:
        return None
    return "pass" if th["pass"] else "FAIL"


def _req(fig: dict[str, Any], metric: str) -> float | None:
    th = fig.get("threshold")
    if not th or metric not in th["checks"]:
        return None
    return th["checks"][metric]["min"]


def print_table(report: EvaluationReport, console: Console | None = None) -> None:
    """Print the figures per label, group and identifier kind (no document text is ever printed)."""
    console = console or Console()
    d = report.data
    t = Table(title="medveil evaluate: recall, AON (all-or-nothing document recall), precision in %", title_justify="left")
    for col in ("label", "kind", "gold", "caught", "recall", "AON", "tp", "fp", "prec.", "F2", "aware R", "verdict"):
        t.add_column(col, justify="left" if col in ("label", "kind", "verdict") else "right")

    def row(name: str, kind: str, f: dict[str, Any], end_section: bool = False) -> None:
        v = _verdict(f)
        verdict = ""
        if v == "pass":
            verdict = "[green]pass[/]"
        elif v == "FAIL":
            bad = [k for k, c in f["threshold"]["checks"].items() if c["pass"] is False]
            verdict = f"[bold red]FAIL[/] {'/'.join({'recall': 'R', 'precision': 'P', 'aon_recall': 'AON'}[k] for k in bad)}"
        t.add_row(
            name, kind, str(f["gold"]), str(f["caught"]), _pct(f["recall"]), _pct(f["aon_recall"]), str(f["tp"]),
            str(f["fp"]), _pct(f["precision"]), _pct(f["f2"]), _pct(f["label_aware"]["recall"]), verdict,
            end_section=end_section,
        )  # fmt: skip

    labels = list(d["labels"].items())
    for i, (lab, f) in enumerate(labels):
        row(lab, "D" if f["direct"] else "I", f, end_section=i == len(labels) - 1)
    for lab, f in d["predicted_only_labels"].items():
        row(lab, "pred", f)
    groups = list(d["groups"].items())
    for i, (g, f) in enumerate(groups):
        row(g, "grp", f, end_section=i == len(groups) - 1)
    row("direct", "D", d["identifiers"]["direct"])
    row("indirect", "I", d["identifiers"]["indirect"], end_section=True)
    row("overall", "", d["overall"])
    console.print(t)
    th = d["thresholds"]
    console.print(
        f"Thresholds ({th['policy']['basis'].replace('_', '-')}): direct (D) recall ≥ {_pct(th['direct']['recall'])}, "
        f"precision ≥ {_pct(th['direct']['precision'])}; indirect (I) recall ≥ {_pct(th['indirect']['recall'])}, "
        f"precision ≥ {_pct(th['indirect']['precision'])}",
        highlight=False,
    )
    risk = th["risk"]
    attacks = ", ".join(f"{a['attack']} Pr={a['probability']:.3f} → r≥{a['min_recall']:.3f}" for a in risk["attacks"])
    console.print(
        f"Indirect minimum recall {risk['min_recall']:.3f} (τ = {risk['tau']}; {attacks or 'no attack given'}; binding: {risk['binding']})",
        highlight=False,
    )
    o, m = d["overall"], d["meta"]
    ci = o.get("ci") or {}
    rci = ci.get("recall")
    console.print(
        f"{m['documents']} documents ({m['documents_with_gold']} with PHI), {o['gold']} gold spans"
        + (f", {o['excluded_no_alnum']} without letters/digits excluded" if o["excluded_no_alnum"] else "")
        + (f"; recall {_pct(o['recall'])}% (95% CI {_pct(rci[0])}–{_pct(rci[1])})" if rci else "")
        + f"; verdict: {'PASS' if d['thresholds']['pass'] else 'FAIL'}",
        highlight=False,
    )


def write_json(report: EvaluationReport, path: str, include_text: bool = True, max_examples: int | None = DEFAULT_MAX_EXAMPLES) -> None:
    """Write the report as JSON (stable keys; see docs/evaluate.md); ``-`` writes to stdout."""
    if path == "-":
        sys.stdout.write(json.dumps(report.to_json(include_text, max_examples), indent=2, ensure_ascii=False) + "\n")
        return
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(report.to_json(include_text, max_examples), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1200px;color:#1d2330;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #dde;padding-bottom:.2em}
.muted{color:#667}.cards{display:flex;gap:1em;flex-wrap:wrap;margin:1em 0}
.card{border:1px solid #dde;border-radius:8px;padding:.6em 1em;min-width:9em}.card b{display:block;font-size:1.5em}
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{padding:.3em .5em;border-bottom:1px solid #eef;text-align:right;vertical-align:top}
th{background:#f4f6fa;position:sticky;top:0}td.l,th.l{text-align:left}
.pass{color:#11772f;font-weight:600}.fail{color:#b3121f;font-weight:700}.na{color:#889}
.badge{display:inline-block;border-radius:4px;padding:0 .5em;font-weight:700}
.badge.pass{background:#dff3e4}.badge.fail{background:#fbe0e2}
.ctx{font-family:ui-monospace,Menlo,Consolas,monospace;text-align:left;white-space:pre-wrap;word-break:break-word}
mark.miss{background:#ffd0d4;padding:0 1px}mark.fp{background:#ffe9a8;padding:0 1px}
.small{font-size:.88em}details{margin:.5em 0}
"""


def _cls(ok: bool | None) -> str:
    return "na" if ok is None else ("pass" if ok else "fail")


def _cell(fig: dict[str, Any], metric: str, ci_key: str | None = None) -> str:
    val = fig[metric]
    th = (fig.get("threshold") or {}).get("checks", {}).get(metric)
    txt = _pct(val)
    ci = (fig.get("ci") or {}).get(ci_key or metric)
    if ci:
        txt += f' <span class="muted small">[{_pct(ci[0])}–{_pct(ci[1])}]</span>'
    if th:
        ok = th["pass"]
        if ok is None:
            return f'<td class="na" title="undefined: nothing to measure">{txt}</td>'
        sym = "✔" if ok else "✘"
        return f'<td class="{_cls(ok)}" title="minimum {_pct(th["min"])}%">{txt} {sym}</td>'
    return f"<td>{txt}</td>"


def _chart(labels: dict[str, dict[str, Any]]) -> str:
    """An inline SVG horizontal bar chart: recall and precision per label, minimums as ticks."""
    names = list(labels)
    if not names:
        return "<p class='muted'>No gold labels.</p>"
    left, width, bar, gap = 130, 560, 11, 10
    height = len(names) * (2 * bar + gap) + 50
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}" role="img" '
             f'aria-label="Recall and precision per label">']  # fmt: skip
    for pct in (0, 25, 50, 75, 100):
        x = left + width * pct / 100
        parts.append(f'<line x1="{x}" y1="20" x2="{x}" y2="{height - 25}" stroke="#e3e6ee"/>')
        parts.append(f'<text x="{x}" y="{height - 10}" font-size="11" text-anchor="middle" fill="#667">{pct}%</text>')
    parts.append('<rect x="130" y="2" width="10" height="10" fill="#3465a4"/><text x="145" y="11" font-size="11">recall</text>')
    parts.append('<rect x="200" y="2" width="10" height="10" fill="#e08a1e"/><text x="215" y="11" font-size="11">precision</text>')
    parts.append('<line x1="290" y1="1" x2="290" y2="13" stroke="#b3121f" stroke-width="2"/>'
                 '<text x="296" y="11" font-size="11">minimum required</text>')  # fmt: skip
    y = 22
    for name in names:
        f = labels[name]
        parts.append(f'<text x="{left - 8}" y="{y + bar + 3}" font-size="12" text-anchor="end">{escape(name)}</text>')
        for i, (metric, color) in enumerate((("recall", "#3465a4"), ("precision", "#e08a1e"))):
            v = f[metric]
            yy = y + i * bar
            w = 0 if v is None else width * v
            parts.append(f'<rect x="{left}" y="{yy}" width="{w:.1f}" height="{bar - 1}" fill="{color}">'
                         f"<title>{escape(name)} {metric}: {_pct(v)}%</title></rect>")  # fmt: skip
            parts.append(f'<text x="{left + w + 4:.1f}" y="{yy + bar - 2}" font-size="10" fill="#333">{_pct(v)}</text>')
            need = _req(f, metric)
            if need is not None:
                x = left + width * need
                parts.append(f'<line x1="{x:.1f}" y1="{yy - 1}" x2="{x:.1f}" y2="{yy + bar}" stroke="#b3121f" stroke-width="2"/>')
        y += 2 * bar + gap
    parts.append("</svg>")
    return "".join(parts)


def _fig_rows(items: list[tuple[str, str, dict[str, Any]]]) -> str:
    rows = []
    for name, kind, f in items:
        v = _verdict(f)
        verdict = "" if v is None else f'<span class="badge {"pass" if v == "pass" else "fail"}">{v.upper()}</span>'
        rows.append(
            f'<tr><td class="l"><b>{escape(name)}</b></td><td class="l">{escape(kind)}</td><td>{f["gold"]}</td>'
            f'<td>{f["caught"]}</td>{_cell(f, "recall")}<td>{f["documents_all_caught"]}/{f["documents"]}</td>'
            f'{_cell(f, "aon_recall")}<td>{f["tp"]}</td><td>{f["fp"]}</td>{_cell(f, "precision")}'
            f'<td>{_pct(f["f1"])}</td><td>{_pct(f["f2"])}</td><td>{_pct(f["label_aware"]["recall"])}</td>'
            f'<td>{_pct(f["label_aware"]["precision"])}</td><td>{_pct(f["tokens"]["recall"])}</td>'
            f'<td>{_pct(f["tokens"]["precision"])}</td><td class="l">{verdict}</td></tr>'
        )
    head = ("<tr><th class='l'>label</th><th class='l'>kind</th><th>gold</th><th>caught</th><th>recall %</th>"
            "<th>docs all caught</th><th>AON recall %</th><th>TP</th><th>FP</th><th>precision %</th><th>F1</th><th>F2</th>"
            "<th>label-aware recall</th><th>label-aware precision</th><th>token recall</th><th>token precision</th>"
            "<th class='l'>verdict</th></tr>")  # fmt: skip
    return f"<table>{head}{''.join(rows)}</table>"


def _examples(exs: list[dict[str, Any]], kind: str, include_text: bool, total: int) -> str:
    if not exs:
        return "<p class='muted'>None.</p>"
    rows = []
    for x in exs:
        if include_text:
            ctx = (f'<td class="ctx">{escape(x["before"])}<mark class="{kind}">{escape(x["text"])}</mark>'
                   f'{escape(x["after"])}</td>')  # fmt: skip
        else:
            ctx = '<td class="muted l">(text hidden)</td>'
        rows.append(f'<tr><td class="l">{escape(str(x["id"]))}</td><td class="l">{escape(x["label"])}</td>'
                    f'<td>{x["start"]}–{x["end"]}</td><td class="l small">{escape(x.get("detail", ""))}</td>{ctx}</tr>')  # fmt: skip
    more = f"<p class='muted'>Showing {len(exs)} of {total}.</p>" if total > len(exs) else ""
    return (f"{more}<table><tr><th class='l'>document</th><th class='l'>label</th><th>offsets</th><th class='l'>detail</th>"
            f"<th class='l'>context</th></tr>{''.join(rows)}</table>")  # fmt: skip


def _summary(d: dict[str, Any]) -> str:
    o, meta = d["overall"], d["meta"]
    missed = o["gold"] - o["caught"]
    leaky = o["documents"] - o["documents_all_caught"]
    failing = [k for k, f in d["labels"].items() if f.get("threshold") and not f["threshold"]["pass"]]
    s = (f"Of {o['gold']} identifiers annotated in {o['documents']} documents (of {meta['documents']}), "
         f"{missed} {'was' if missed == 1 else 'were'} missed in whole or in part; {leaky} of those {o['documents']} documents would have been released "
         f"with at least one identifier left in. ")  # fmt: skip
    if o["tp"] + o["fp"]:
        s += f"{o['fp']} of {o['tp'] + o['fp']} flagged pieces of text were not identifiers. "
    s += ("Labels below their threshold: " + ", ".join(escape(x) for x in failing) + ".") if failing else "Every label meets its threshold."
    return s


def write_html(
    report: EvaluationReport,
    path: str,
    include_text: bool = True,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    title: str = "De-identification evaluation",
    source: str = "",
) -> None:
    """Write a self-contained HTML page (inline CSS and SVG, no external assets)."""
    d = report.to_json(include_text, None)
    order = {lab: i for i, lab in enumerate([*d["labels"], *d["predicted_only_labels"]])}
    d["misses"] = sorted(d["misses"], key=lambda x: (order.get(x["label"], 999), str(x["id"]), x["start"]))[:max_examples]
    d["false_positives"] = d["false_positives"][:max_examples]
    o, th, meta = d["overall"], d["thresholds"], d["meta"]
    n_miss = sum(1 for x in report.examples if x.kind == "miss")
    n_fp = sum(1 for x in report.examples if x.kind == "false_positive")
    verdict = "PASS" if th["pass"] else "FAIL"
    cards = "".join(
        f'<div class="card"><span class="muted">{escape(k)}</span><b>{v}</b></div>'
        for k, v in [
            ("verdict", f'<span class="{"pass" if th["pass"] else "fail"}">{verdict}</span>'),
            ("span recall", f"{_pct(o['recall'])}%"),
            ("all-or-nothing doc recall", f"{_pct(o['aon_recall'])}%"),
            ("precision", f"{_pct(o['precision'])}%"),
            ("F2", _pct(o["f2"])),
            ("documents", f"{meta['documents']}"),
            ("gold spans", f"{o['gold']}"),
            ("missed spans", f"{o['gold'] - o['caught']}"),
        ]
    )
    risk = th["risk"]
    attack_rows = "".join(
        f"<tr><td class='l'>{a['attack']}</td><td class='l'>{escape(a['name'])}</td><td>{a['probability']:.4f}</td>"
        f"<td>{a['min_recall']:.4f}</td><td class='l'>{'binding' if a['attack'] == risk['binding'] else ''}</td></tr>"
        for a in risk["attacks"]
    )
    dr, ir = th["direct"], th["indirect"]
    label_items = [(k, "direct" if f["direct"] else "indirect", f) for k, f in d["labels"].items()]
    label_items += [(k, "not in gold", f) for k, f in d["predicted_only_labels"].items()]
    agg_items = [(k, "group", f) for k, f in d["groups"].items()]
    agg_items += [("direct", "all direct identifiers", d["identifiers"]["direct"]),
                  ("indirect", "all indirect identifiers", d["identifiers"]["indirect"]), ("overall", "all", o)]  # fmt: skip
    corpus_rows = "".join(
        f"<tr><td class='l'>{escape(k)}</td><td class='l'>{escape(', '.join(v['mapped_to']))}</td><td>{v['gold']}</td>"
        f"<td>{v['caught']}</td><td>{_pct(v['recall'])}</td><td>{_pct(v['aon_recall'])}</td></tr>"
        for k, v in d["corpus_labels"].items()
    )
    ci_note = (f"Brackets: {int(100 * meta['bootstrap']['confidence'])}% bootstrap confidence intervals over documents "
               f"({meta['bootstrap']['resamples']} resamples, seed {meta['bootstrap']['seed']}).") if meta["bootstrap"]["resamples"] else ""  # fmt: skip
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title><style>{_CSS}</style></head><body>
<h1>{escape(title)}</h1>
<p class="muted">medveil evaluate · {escape(source)} · generated {_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}
{'' if include_text else ' · <b>document text hidden (--no-text)</b>'}</p>
<div class="cards">{cards}</div>
<p>{_summary(d)}</p>
<h2>Acceptance thresholds</h2>
<p>Direct identifiers (names, contact details, record and other ID numbers, street addresses) must reach recall ≥ {_pct(dr['recall'])}% and
precision ≥ {_pct(dr['precision'])}%. Indirect identifiers (dates, ages over 89, places, organisations) must reach precision ≥ {_pct(ir['precision'])}%
and recall ≥ {_pct(ir['recall'])}%, the strictest minimum of the attack model below (r ≥ 1 − √(τ / Pr(attack)), τ = {risk['tau']}).
Figures judged: {escape(th['policy']['basis'].replace('_', '-'))}. Overall verdict: <b class="{'pass' if th['pass'] else 'fail'}">{verdict}</b>.</p>
<table style="width:auto"><tr><th class='l'>attack</th><th class='l'>description</th><th>Pr(attack)</th><th>minimum recall</th><th></th></tr>{attack_rows}</table>
<h2>Recall and precision per label</h2>
{_chart(d['labels'])}
<h2>Figures per label</h2>
<p class="muted small">A gold span is caught when every letter and digit in it is covered by predicted spans (of any label; label-aware: of its own label).
AON: documents where every span of the label was caught. Precision counts merged predicted spans of that label that touch any gold span.
✔/✘ mark the thresholds. {ci_note}</p>
{_fig_rows(label_items)}
<h2>Label groups and identifier kinds</h2>
{_fig_rows(agg_items)}
<h2>Corpus labels</h2>
<table style="width:auto"><tr><th class='l'>corpus label</th><th class='l'>mapped to</th><th>gold</th><th>caught</th><th>recall %</th><th>AON %</th></tr>{corpus_rows}</table>
<h2>Missed identifiers ({n_miss})</h2>
{_examples(d['misses'], 'miss', include_text, n_miss)}
<h2>False positives ({n_fp})</h2>
{_examples(d['false_positives'], 'fp', include_text, n_fp)}
<h2>Notes</h2>
<p class="small">{meta['documents']} documents, {meta['documents_with_gold']} with at least one gold span;
{o['excluded_no_alnum']} gold spans without any letter or digit were excluded; {meta['documents_without_prediction']} documents had no prediction
(counted as predicting nothing). Definitions: docs/evaluate.md of medveil.</p>
</body></html>
"""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html, encoding="utf-8")
