"""`medveil evaluate`: score detection against an annotated (gold) corpus."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from medveil.cli.common import EXIT_RECORDS, detect_config, err_console, fail, progress, warn

GOLD_HELP = (
    "The annotated corpus: medveil JSONL (id, text, spans), a BRAT directory (.txt + .ann), i2b2 2006 or "
    "i2b2/n2c2 2014 XML (a file or a directory), or a PhysioNet id.text file (with its phrase file)."
)


@contextmanager
def _warnings_as_messages() -> Iterator[None]:
    """Show the evaluator's warnings as one-line `medveil: warning:` messages."""
    from medveil.evaluate import GoldWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GoldWarning)
        try:
            yield
        finally:
            for w in caught:
                if issubclass(w.category, GoldWarning):
                    warn(str(w.message))


def evaluate(
    gold: Annotated[str, typer.Argument(help=GOLD_HELP, metavar="GOLD")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto|jsonl|brat|i2b2-2006|i2b2-2014|physionet.")] = "auto",
    phrases: Annotated[
        str | None, typer.Option(help="PhysioNet phrase file (default: <stem>-phi.phrase next to GOLD).")
    ] = None,
    label_map: Annotated[
        str | None, typer.Option("--label-map", help="YAML {corpus_label: MEDVEIL_LABEL or IGNORE}, over the built-in maps.")
    ] = None,
    pred: Annotated[
        str | None, typer.Option(help="Score this `medveil detect` output (JSONL) instead of running the pipeline.")
    ] = None,
    json_out: Annotated[str | None, typer.Option("--json", help="Write the full report as JSON here (- for stdout, then no table).")] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="Write a self-contained HTML report here.")] = None,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Leave every piece of document text out of all outputs.")
    ] = False,
    policy: Annotated[str | None, typer.Option(help="YAML acceptance policy (thresholds, risk model); see docs/evaluate.md.")] = None,
    model: Annotated[str | None, typer.Option(help="The trained second pass: 'default' (shipped with medveil), a model directory from `medveil train`, or 'none' (rules only: the default).")] = None,
    config: Annotated[str | None, typer.Option(help="A YAML file with detection settings (when running the pipeline).")] = None,
    keep_years: Annotated[bool, typer.Option("--keep-years", help="Run the pipeline with --keep-years.")] = False,
    no_context: Annotated[
        bool, typer.Option("--no-context", help="Do not pass the gold records' other fields to the detectors.")
    ] = False,
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples for confidence intervals (0: none).", min=0)] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap.")] = 0,
    max_examples: Annotated[int, typer.Option(help="Misses and false positives listed in JSON/HTML (each).", min=0)] = 1000,
    export_gold: Annotated[
        str | None, typer.Option(help="Also write the gold as medveil JSONL (input for `medveil detect` or other tools).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 3 when a threshold of the policy fails.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table on stdout.")] = False,
) -> None:
    """Measure how well identifiers are caught on an annotated corpus, against risk-based thresholds.

    Examples: medveil evaluate gold.jsonl --html report.html ;
    medveil evaluate id.text --pred spans.jsonl --json report.json --no-text
    """
    from medveil.evaluate import (
        Policy,
        load_gold,
        predict,
        print_table,
        read_predictions,
        score,
        write_gold_jsonl,
        write_html,
        write_json,
    )
    from medveil.io.readers import InputError

    failed: list[str] = []
    with _warnings_as_messages():
        try:
            pol = Policy.from_yaml(policy) if policy else Policy()
            docs = load_gold(gold, fmt, phrases=phrases, label_map=label_map)
            if not docs:
                fail(f"{gold}: no documents in the gold corpus")
            if export_gold:
                write_gold_jsonl(docs, export_gold)
            if pred:
                predictions = read_predictions(pred)
            else:
                from medveil.pipeline import Pipeline

                cfg = detect_config(config, keep_years=keep_years, model=model)
                pipe = Pipeline(cfg)
                docs_iter = progress(docs, description="detect", enabled=not quiet)
                predictions, failed = predict(docs_iter, pipe, use_context=not no_context)
            report = score(docs, predictions, label_map=label_map, policy=pol, bootstrap=bootstrap, seed=seed)
        except InputError as e:
            fail(str(e))
        try:
            if json_out:
                write_json(report, json_out, include_text=not no_text, max_examples=max_examples)
            if html_out:
                write_html(report, html_out, include_text=not no_text, max_examples=max_examples, source=gold)
        except OSError as e:
            fail(f"cannot write the report ({e.strerror}: {e.filename})")
    if not quiet and json_out != "-":
        print_table(report)
    if failed:
        err_console.print(f"medveil: error: detection failed on {len(failed)} document(s); they count as predicting nothing", markup=False)
        raise typer.Exit(EXIT_RECORDS)
    if strict and not report.passed:
        err_console.print("medveil: thresholds not met (see the verdict column)", markup=False)
        raise typer.Exit(3)
