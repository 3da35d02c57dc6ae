"""`medveil detect`: find PHI and write spans as JSONL."""

from __future__ import annotations

from typing import Annotated

import typer

from medveil.cli.common import EXIT_RECORDS, err_console, fail, load_records, progress, record_document
from medveil.config import DetectConfig
from medveil.io.writers import JsonlWriter, open_output

INPUT_HELP = (
    "A JSONL file (one object per line with \"id\" and \"text\"; every other key is context such as "
    "\"patient_name\", \"mrn\", \"dob\", \"provider_names\"), a .txt file, a directory of .txt files, a CSV "
    "(see --text-column), a PhysioNet START_OF_RECORD file, or - for stdin."
)


def detect(
    input: Annotated[str, typer.Argument(help=INPUT_HELP, metavar="INPUT")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write JSONL here (default: stdout).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto|jsonl|csv|txt|dir|physionet.")] = "auto",
    text_column: Annotated[str, typer.Option(help="CSV column / JSON key that holds the note text.")] = "text",
    id_column: Annotated[str | None, typer.Option(help="CSV column / JSON key that holds the record id.")] = None,
    keep_years: Annotated[bool, typer.Option("--keep-years", help="Do not flag a year that stands alone (Safe Harbor).")] = False,
    model: Annotated[str | None, typer.Option(help="A trained model directory, or 'default' for the shipped one.")] = None,
    config: Annotated[str | None, typer.Option(help="A YAML file with detection settings (see DetectConfig).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Find PHI in clinical notes and write one JSONL line of spans per input record.

    Example: medveil detect examples/notes.jsonl -o spans.jsonl
    """
    from medveil.pipeline import Pipeline

    try:
        cfg = DetectConfig.from_yaml(config) if config else DetectConfig()
    except Exception as e:  # noqa: BLE001 - any config problem is a user error
        fail(f"{config}: invalid configuration ({e})")
    if keep_years:
        cfg.keep_years = True
    if model:
        cfg.model = model
    records = load_records(input, fmt, text_column, id_column)
    pipe = Pipeline(cfg)
    failed = 0
    with open_output(output) as fh:
        writer = JsonlWriter(fh)
        for rec in progress(records, description="detect", enabled=not quiet):
            if rec.error:
                failed += 1
                writer.write({"id": rec.id, "error": rec.error, "spans": []})
                continue
            try:
                spans = pipe.detect(record_document(rec))
            except Exception as e:  # noqa: BLE001 - a failing record is reported, never dropped
                failed += 1
                writer.write({"id": rec.id, "error": f"{type(e).__name__}: {e}", "spans": []})
                continue
            writer.write({"id": rec.id, "spans": [s.to_dict() for s in spans]})
    if not quiet:
        err_console.print(f"medveil: {len(records)} records, {failed} failed", markup=False)
    if failed:
        err_console.print(f"medveil: error: {failed} record(s) failed; see the \"error\" field in the output", markup=False)
        raise typer.Exit(EXIT_RECORDS)
