"""The `medveil` command line: thin wrappers that parse options, call the API and print."""

from __future__ import annotations

import typer

from medveil.cli import anonymize, risk
from medveil.cli.deidentify import deidentify, reidentify
from medveil.cli.detect import detect
from medveil.cli.evaluate import evaluate
from medveil.cli.train import train

app = typer.Typer(
    name="medveil",
    help="De-identify clinical free text and structured records.\n\nExample: medveil detect notes.jsonl -o spans.jsonl",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("detect")(detect)
app.command("evaluate")(evaluate)
app.command("deidentify")(deidentify)
app.command("reidentify")(reidentify)
app.command("train")(train)
app.add_typer(risk.app, name="risk")
app.add_typer(anonymize.app, name="anonymize")


@app.callback()
def _root() -> None:
    """De-identify clinical free text and structured records."""


def main() -> None:
    """Entry point of the `medveil` script."""
    app()
