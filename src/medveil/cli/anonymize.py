"""`medveil anonymize`: generalize tables and transform event records (being built)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Anonymize structured data: tables and JSON records.", no_args_is_help=True)
