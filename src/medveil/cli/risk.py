"""`medveil risk`: re-identification risk of tables, and recall thresholds from the attack model."""

from __future__ import annotations

import typer

from medveil.cli.threshold import threshold

app = typer.Typer(help="Re-identification risk: recall thresholds for text, risk of tables.", no_args_is_help=True)
app.command("threshold")(threshold)
