"""`medveil detect`: find PHI and write spans as JSONL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Annotated, Any

import typer

from medveil.cli.common import (
    EXIT_RECORDS,
    detect_config,
    err_console,
    load_records,
    progress,
    record_document,
)
from medveil.config import DetectConfig
from medveil.io.readers import Record
from medveil.io.writers import JsonlWriter, open_output

_WORKER_PIPELINE = None


def _detect_record(pipe: Any, rec: Record) -> dict[str, Any]:
    """The output line for one record: its spans, or its id and the reason it failed."""
    if rec.error:
        return {"id": rec.id, "error": rec.error, "spans": []}
    try:
        spans = pipe.detect(record_document(rec))
    except Exception as e:  # noqa: BLE001 - a failing record is reported, never dropped
        return {"id": rec.id, "error": f"{type(e).__name__}: {e}", "spans": []}
    return {"id": rec.id, "spans": [s.to_dict() for s in spans]}


def _init_worker(config_json: str) -> None:
    global _WORKER_PIPELINE
    from medveil.pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(DetectConfig.model_validate_json(config_json))


def _detect_in_worker(rec: Record) -> dict[str, Any]:
    return _detect_record(_WORKER_PIPELINE, rec)


def _results(records: list[Record], cfg: DetectConfig, jobs: int) -> Iterator[dict[str, Any]]:
    """One output line per record, in input order, on ``jobs`` processes."""
    if jobs <= 1:
        from medveil.pipeline import Pipeline

        pipe = Pipeline(cfg)
        for rec in records:
            yield _detect_record(pipe, rec)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(cfg.model_dump_json(),)) as pool:
        chunk = max(1, min(64, len(records) // (jobs * 8) or 1))
        yield from pool.map(_detect_in_worker, records, chunksize=chunk)


def _counted(items: Iterable[dict[str, Any]], counter: list[int]) -> Iterator[dict[str, Any]]:
    for item in items:
        if "error" in item:
            counter[0] += 1
        yield item

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
    model: Annotated[str | None, typer.Option(help="The trained second pass: 'default' (shipped with medveil), a model directory from `medveil train`, or 'none' (rules only: the default).")] = None,
    config: Annotated[str | None, typer.Option(help="A YAML file with detection settings (see DetectConfig).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (one per core); output order is kept.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Find PHI in clinical notes and write one JSONL line of spans per input record.

    Example: medveil detect examples/notes.jsonl -o spans.jsonl
    """
    cfg = detect_config(config, keep_years=keep_years, model=model)
    records = load_records(input, fmt, text_column, id_column)
    failures = [0]
    with open_output(output) as fh:
        writer = JsonlWriter(fh)
        for line in progress(_counted(_results(records, cfg, jobs), failures), description="detect", enabled=not quiet):
            writer.write(line)
    failed = failures[0]
    if not quiet:
        err_console.print(f"medveil: {len(records)} records, {failed} failed", markup=False)
    if failed:
        err_console.print(f"medveil: error: {failed} record(s) failed; see the \"error\" field in the output", markup=False)
        raise typer.Exit(EXIT_RECORDS)
