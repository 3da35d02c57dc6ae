"""Risk report writers: terminal (rich), JSON and a self-contained HTML page (inline SVG histogram)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable

from medveil.risk.table import TableRisk


def write_json(report: TableRisk, path: str | Path) -> None:
    """Write the report as JSON (keys as in :meth:`TableRisk.to_dict`)."""
    Path(path).write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def print_report(report: TableRisk, console: Console | None = None, top: int = 5) -> None:
    """Print the headline figures, the class-size histogram and the riskiest combinations."""
    c = console or Console()
    r = report
    t = RichTable(
        title=f"Re-identification risk — {r.records:,} records, QI: {', '.join(r.quasi_identifiers)}"
    )
    t.add_column("measure")
    t.add_column("value", justify="right")
    rows = [
        ("equivalence classes", f"{r.classes:,}"),
        ("k (smallest class)", f"{r.k}"),
        ("sample uniques", f"{r.sample_uniques_count:,} ({r.sample_uniques:.1%})"),
        ("records at highest risk", f"{r.records_at_max_risk_count:,} ({r.records_at_max_risk:.1%})"),
        ("prosecutor risk, highest", f"{r.prosecutor_risk_max:.4f}"),
        ("prosecutor risk, average", f"{r.prosecutor_risk_avg:.4f}"),
        ("journalist risk, highest", f"{r.journalist_risk_max:.4f}"),
        ("journalist risk, average", f"{r.journalist_risk_avg:.4f}"),
        ("marketer risk", f"{r.marketer_risk:.4f}"),
        ("population model", r.population_model),
    ]
    if r.population_uniques is not None:
        rows.append(("population uniques (Zayatz)", f"{r.population_uniques:.4%}"))
    if r.population_uniques_pitman is not None:
        rows.append(("population uniques (Pitman)", f"{r.population_uniques_pitman:.4%}"))
    if r.threshold is not None:
        rows.append(("threshold (highest risk)", f"{r.threshold:g} → k ≥ {r.k_for_threshold}"))
        rows.append(
            (
                "records above threshold",
                f"{r.records_above_threshold_count:,} ({r.records_above_threshold:.1%})",
            )
        )
        rows.append(("meets threshold", "yes" if r.meets_threshold else "NO"))
    if r.k_target is not None:
        rows.append(
            (f"records in classes < {r.k_target}", f"{r.records_below_k_count:,} ({r.records_below_k:.1%})")
        )
    for name, m in r.sensitive.items():
        rows.append(
            (
                f"{name}: l (distinct / entropy), t",
                f"{m['l_distinct']} / {m['l_entropy']:.3f}, {m['t_closeness']:.4f}",
            )
        )
    for a, b in rows:
        t.add_row(a, b)
    c.print(t)
    h = RichTable(title="class sizes")
    for col in ("size", "classes", "records"):
        h.add_column(col, justify="right")
    for b in r.class_size_histogram:
        h.add_row(b["size"], f"{b['classes']:,}", f"{b['records']:,}")
    c.print(h)
    if r.riskiest_attribute_combinations:
        a = RichTable(title="attribute combinations that single people out (up to 3 attributes)")
        a.add_column("attributes")
        a.add_column("sample uniques", justify="right")
        for d in r.riskiest_attribute_combinations[:top]:
            a.add_row(", ".join(d["attributes"]), f"{d['sample_uniques']:.2%}")
        c.print(a)


def _svg_histogram(report: TableRisk, width: int = 560, height: int = 220) -> str:
    bins = report.class_size_histogram
    top = max((b["records"] for b in bins), default=1) or 1
    bw = (width - 60) / max(len(bins), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 40}" role="img" '
        f'aria-label="records per class size">'
    ]
    for i, b in enumerate(bins):
        h = (height - 20) * b["records"] / top
        x = 50 + i * bw
        y = height - h
        colour = (
            "#c0392b"
            if report.k_for_threshold
            and b["size"].split("-")[0].rstrip("+").isdigit()
            and int(b["size"].split("-")[0].rstrip("+")) < report.k_for_threshold
            else "#2e86c1"
        )
        parts.append(
            f'<rect x="{x + 4:.1f}" y="{y:.1f}" width="{bw - 8:.1f}" height="{h:.1f}" fill="{colour}">'
            f"<title>{b['records']} records in {b['classes']} classes of size {html.escape(b['size'])}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bw / 2:.1f}" y="{height + 16}" font-size="12" text-anchor="middle">{html.escape(b["size"])}</text>'
        )
        parts.append(
            f'<text x="{x + bw / 2:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle">{b["records"]:,}</text>'
        )
    parts.append(
        f'<text x="{width / 2:.0f}" y="{height + 36}" font-size="12" text-anchor="middle">class size (records per bar)</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def write_html(report: TableRisk, path: str | Path) -> None:
    """Write a self-contained HTML report (no scripts, no external resources)."""
    r = report
    e = html.escape
    verdict = ""
    if r.threshold is not None:
        ok = r.meets_threshold
        verdict = (
            f'<p class="{"ok" if ok else "bad"}">Highest risk {r.prosecutor_risk_max:.4f} '
            f"{'≤' if ok else '>'} threshold {r.threshold:g}: {'meets' if ok else 'does NOT meet'} it; "
            f"{r.records_above_threshold_count:,} records ({r.records_above_threshold:.1%}) are above it.</p>"
        )
    figures = [
        ("records", f"{r.records:,}"),
        ("equivalence classes", f"{r.classes:,}"),
        ("k", str(r.k)),
        ("sample uniques", f"{r.sample_uniques_count:,} ({r.sample_uniques:.1%})"),
        ("records at highest risk", f"{r.records_at_max_risk_count:,} ({r.records_at_max_risk:.1%})"),
        ("prosecutor risk highest / average", f"{r.prosecutor_risk_max:.4f} / {r.prosecutor_risk_avg:.4f}"),
        ("journalist risk highest / average", f"{r.journalist_risk_max:.4f} / {r.journalist_risk_avg:.4f}"),
        ("marketer risk", f"{r.marketer_risk:.4f}"),
        ("population model", r.population_model),
    ]
    if r.population_uniques is not None:
        figures.append(("population uniques (Zayatz)", f"{r.population_uniques:.4%}"))
    if r.population_uniques_pitman is not None:
        figures.append(
            (
                f"population uniques (Pitman, θ={r.pitman_theta:g}, α={r.pitman_alpha:g})",
                f"{r.population_uniques_pitman:.4%}",
            )
        )
    if r.k_target is not None:
        figures.append(
            (
                f"records in classes smaller than {r.k_target}",
                f"{r.records_below_k_count:,} ({r.records_below_k:.1%})",
            )
        )
    for name, m in r.sensitive.items():
        figures.append(
            (
                f"{name}: distinct l / entropy l / t",
                f"{m['l_distinct']} / {m['l_entropy']:.3f} / {m['t_closeness']:.4f}",
            )
        )
    fig_rows = "".join(f"<tr><th>{e(a)}</th><td>{e(b)}</td></tr>" for a, b in figures)
    combo_rows = "".join(
        f"<tr><td>{e(', '.join(d['attributes']))}</td><td>{d['sample_uniques']:.2%}</td><td>{d['classes']:,}</td></tr>"
        for d in r.riskiest_attribute_combinations
    )
    qi = r.quasi_identifiers
    class_rows = "".join(
        "<tr><td>"
        + str(d["size"])
        + "</td><td>"
        + f"{d['risk']:.3f}"
        + "</td>"
        + "".join(f"<td>{e(d['values'][q])}</td>" for q in qi)
        + "</tr>"
        for d in r.riskiest_classes
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>medveil risk report</title>
<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto}}table{{border-collapse:collapse;margin:1em 0}}
td,th{{border:1px solid #ccc;padding:.2em .6em;text-align:left}}.ok{{color:#1e8449}}.bad{{color:#c0392b;font-weight:bold}}</style>
</head><body>
<h1>Re-identification risk</h1>
<p>Quasi-identifiers: {e(", ".join(qi))}</p>
{verdict}
<table>{fig_rows}</table>
<h2>Class sizes</h2>
{_svg_histogram(r)}
<h2>Attribute combinations that single people out</h2>
<table><tr><th>attributes</th><th>sample uniques</th><th>classes</th></tr>{combo_rows}</table>
<h2>Riskiest classes (smallest first)</h2>
<p>These rows show quasi-identifier values of the input: treat this report as confidential as the data.</p>
<table><tr><th>size</th><th>risk</th>{"".join(f"<th>{e(q)}</th>" for q in qi)}</tr>{class_rows}</table>
</body></html>
"""
    Path(path).write_text(page, encoding="utf-8")
