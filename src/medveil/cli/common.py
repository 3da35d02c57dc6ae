"""Helpers every command shares: one-line errors, progress on stderr, reading inputs."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from medveil.config import DetectConfig, model_choice
from medveil.document import Document
from medveil.io.readers import InputError, Record, read_records

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
T = TypeVar("T")

EXIT_INPUT = 2  # the input as a whole could not be read
EXIT_RECORDS = 1  # some records failed and were reported


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    """Print ``medveil: error: message`` on stderr and exit with ``code``."""
    err_console.print(f"medveil: error: {message}", markup=False)
    raise typer.Exit(code)


def warn(message: str) -> None:
    err_console.print(f"medveil: warning: {message}", markup=False)


def progress(items: Iterable[T], *, description: str, enabled: bool = True) -> Iterator[T]:
    """Yield ``items`` with a progress bar on stderr when stderr is a terminal (or ``enabled`` is forced)."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("records"),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    ) as bar:
        task = bar.add_task(description, total=None)
        for item in items:
            yield item
            bar.advance(task)


def load_records(path: str, fmt: str, text_column: str, id_column: str | None) -> list[Record]:
    """Read every record of ``path``; whole-input problems exit with a one-line error."""
    try:
        return list(read_records(path, fmt, text_column=text_column, id_column=id_column))
    except InputError as e:
        fail(str(e))


def record_document(rec: Record, patient_field: str | None = "patient_id") -> Document:
    """Turn an input record into a ``Document``; every field other than id and text is context."""
    pid = rec.fields.get(patient_field) if patient_field else None
    return Document(text=rec.text, id=rec.id, patient_id=str(pid) if pid is not None else None, context=dict(rec.fields))


def detect_config(config: str | None, *, keep_years: bool = False, model: str | None = None) -> DetectConfig:
    """Detection settings from ``--config`` (YAML) with the command-line switches on top; a bad file exits."""
    try:
        cfg = DetectConfig.from_yaml(config) if config else DetectConfig()
    except Exception as e:  # noqa: BLE001 - any config problem is a user error
        fail(f"{config}: invalid configuration ({' '.join(str(e).split())[:200]})")
    if keep_years:
        cfg.keep_years = True
    if model is not None:
        cfg.model = model_choice(model)
    if cfg.model:
        from medveil.model import load_model

        try:
            load_model(cfg.model)  # cached: the pipeline reuses it; a bad model directory stops here, clearly
        except (OSError, ValueError, KeyError) as e:
            fail(f"--model {cfg.model}: cannot load the model ({' '.join(str(e).split())[:300]})")
    return cfg
