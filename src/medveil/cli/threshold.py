"""`medveil risk threshold`: the minimum recall of indirect identifiers from the attack model."""

from __future__ import annotations

import json
import math
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from medveil.cli.common import fail


def threshold(
    tau: Annotated[float, typer.Option(help="Risk threshold τ, e.g. 0.05 (public-like release) or 0.1.")] = 0.1,
    attempt: Annotated[
        float | None, typer.Option(help="T1: probability of a deliberate re-identification attempt by the recipient (e.g. 0.4).")
    ] = None,
    prevalence: Annotated[
        float | None, typer.Option(help="T2: prevalence p of the condition; Pr = 1 - (1 - p)^m.")
    ] = None,
    acquaintances: Annotated[int, typer.Option(help="T2: number of acquaintances m.", min=1)] = 150,
    breach: Annotated[
        float | None, typer.Option(help="T3: probability of a data breach (0.27 from historical data).")
    ] = 0.27,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Minimum recall of indirect identifiers per attack (r = 1 - sqrt(τ / Pr(attack))) and the binding one.

    Example: medveil risk threshold --tau 0.1 --attempt 0.4 --prevalence 0.001 --breach 0.27
    """
    from medveil.evaluate.thresholds import risk_thresholds

    for name, v in (("--attempt", attempt), ("--prevalence", prevalence), ("--breach", breach)):
        if v is not None and not 0 <= v <= 1:
            fail(f"{name} must be a probability in [0, 1], got {v}")
    if not 0 < tau <= 1:
        fail(f"--tau must be in (0, 1], got {tau}")
    res = risk_thresholds(tau, attempt=attempt, prevalence=prevalence, breach=breach, acquaintances=acquaintances)
    if not res.attacks:
        fail("give at least one attack: --attempt, --prevalence or --breach")
    if as_json:
        typer.echo(json.dumps(res.to_dict(), indent=2))
        return
    b = res.binding
    t = Table(title=f"Minimum recall of indirect identifiers (τ = {tau:g})", title_justify="left")
    for col in ("attack", "description", "Pr(attack)", "minimum recall", ""):
        t.add_column(col, justify="right" if col.startswith(("Pr", "min")) else "left")
    for a in res.attacks:
        t.add_row(a.code, a.name, f"{a.probability:.4f}", f"{a.min_recall:.4f}", "binding" if b and a.code == b.code else "")
    console = Console(highlight=False)
    console.print(t)
    assert b is not None
    rounded = math.ceil(round(b.min_recall * 100, 9)) / 100
    console.print(f"binding: {b.code} ({b.name}): recall of indirect identifiers ≥ {b.min_recall:.4f} (≥ {rounded:.2f} rounded up)")
