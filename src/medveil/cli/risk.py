"""`medveil risk`: re-identification risk of tables, and recall thresholds from the attack model."""

from __future__ import annotations

from pathlib import Path

import typer

from medveil.cli.common import err_console, fail
from medveil.cli.threshold import threshold

app = typer.Typer(
    help="Re-identification risk: recall thresholds for text, risk of tables.", no_args_is_help=True
)
app.command("threshold")(threshold)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@app.command("table")
def table(
    input: Path = typer.Argument(
        ..., help="Table to assess: .csv (any common separator), .parquet or .jsonl."
    ),
    quasi: str = typer.Option(..., "--quasi", "-q", help="Comma-separated quasi-identifier columns."),
    sensitive: str = typer.Option(
        None, "--sensitive", "-s", help="Comma-separated sensitive columns (l-diversity, t-closeness)."
    ),
    population: float = typer.Option(
        None, "--population", help="Size N of the population the table was drawn from."
    ),
    sampling_fraction: float = typer.Option(
        None, "--sampling-fraction", help="n/N, instead of --population."
    ),
    risk_threshold: float = typer.Option(
        None, "--threshold", help="Highest acceptable per-record risk, e.g. 0.09."
    ),
    k_target: int = typer.Option(
        None,
        "--k",
        help="Report the share of records in classes smaller than this (default: from --threshold).",
    ),
    separator: str = typer.Option(None, "--sep", help="CSV separator (detected from the header by default)."),
    json_out: Path = typer.Option(None, "--json", help="Write the full report as JSON here."),
    html_out: Path = typer.Option(
        None, "--html", help="Write an HTML report (class-size histogram, riskiest combinations)."
    ),
    top: int = typer.Option(
        20, "--top", help="How many riskiest classes and attribute combinations to report."
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Exit with status 3 when the highest risk is above --threshold."
    ),
) -> None:
    """Measure k, sample uniques, prosecutor/journalist/marketer risk, l-diversity and t-closeness.

    Example: medveil risk table adult.csv --quasi sex,age,race --sensitive salary-class --threshold 0.09 --json risk.json
    """
    from medveil.risk.report import print_report, write_html, write_json
    from medveil.risk.table import assess_table_risk
    from medveil.tables.io import TableError, read_table

    qi, sens = _split(quasi), _split(sensitive)
    if not qi:
        fail("--quasi needs at least one column name")
    if population is not None and sampling_fraction is not None:
        fail("give either --population or --sampling-fraction, not both")
    if risk_threshold is not None and not 0 < risk_threshold <= 1:
        fail("--threshold must be in (0, 1]")
    if k_target is not None and k_target < 1:
        fail("--k must be at least 1")
    if top < 0:
        fail("--top must not be negative")
    try:
        t = read_table(input, sep=separator)
        t.require(qi, "quasi-identifier")
        t.require(sens, "sensitive attribute")
    except TableError as e:
        fail(str(e))
    overlap = set(qi) & set(sens)
    if overlap:
        fail(f"column(s) {', '.join(sorted(overlap))} cannot be both quasi-identifier and sensitive")
    try:
        report = assess_table_risk(
            t.data,
            qi,
            sens,
            population=population,
            sampling_fraction=sampling_fraction,
            threshold=risk_threshold,
            top=top,
            k_target=k_target,
        )
    except ValueError as e:
        fail(str(e))
    print_report(report)
    try:
        if json_out:
            write_json(report, json_out)
            err_console.print(f"JSON report: {json_out}", markup=False)
        if html_out:
            write_html(report, html_out)
            err_console.print(f"HTML report: {html_out}", markup=False)
    except OSError as e:
        fail(f"cannot write the report ({e})")
    if strict and report.meets_threshold is False:
        raise typer.Exit(3)
