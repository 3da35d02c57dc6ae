"""`medveil deidentify` and `medveil reidentify`: thin wrappers around :mod:`medveil.deidentify`."""

from __future__ import annotations

import json
import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from medveil.cli.common import (
    EXIT_RECORDS,
    detect_config,
    err_console,
    fail,
    load_records,
    progress,
    record_document,
    warn,
)
from medveil.cli.detect import INPUT_HELP

KEY_ENV = "MEDVEIL_KEY"


def _stdin_to_file() -> str:
    """Copy stdin to a temporary file so that its format can be sniffed and it can be read once."""
    data = sys.stdin.buffer.read()
    fd, path = tempfile.mkstemp(prefix="medveil-stdin-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def _default_sibling(output: str | None, suffix: str, fallback: str) -> str:
    if output is None or output == "-":
        return fallback
    return str(Path(output.rstrip("/\\"))) + suffix


def _load_key(key_file: str | None, output: str | None, *, generate: bool) -> bytes:
    if key_file:
        try:
            key = Path(key_file).read_bytes().strip()
        except OSError as e:
            fail(f"{key_file}: cannot read the key file ({e.strerror})")
        if not key:
            fail(f"{key_file}: the key file is empty")
        return key
    env = os.environ.get(KEY_ENV, "").strip()
    if env:
        return env.encode("utf-8")
    if not generate:
        fail(f"a key is needed: give --key-file or set {KEY_ENV}")
    path = _default_sibling(output, ".key", "medveil.key")
    key = secrets.token_urlsafe(32).encode("ascii")
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        fail(f"no key given and {path} already exists; pass it with --key-file {path} (or remove it)")
    except OSError as e:
        fail(f"{path}: cannot write the generated key ({e.strerror})")
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
    warn(f"no key given (--key-file or {KEY_ENV}); generated one and wrote it to {path} (mode 0600). "
         "Keep it secret and pass it with --key-file to reproduce this output.")
    return key


def deidentify(
    input: Annotated[str, typer.Argument(help=INPUT_HELP, metavar="INPUT")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the release here, in the input's format (default: stdout; a directory input needs one).")] = None,
    policy: Annotated[str | None, typer.Option(help="A YAML policy file (see docs/deidentify.md).")] = None,
    method: Annotated[str | None, typer.Option(help="A preset: surrogate (default), tags, redact, safe-harbor.")] = None,
    key_file: Annotated[str | None, typer.Option(help=f"File holding the secret key (else ${KEY_ENV}; else one is generated next to the output).")] = None,
    patient_field: Annotated[str, typer.Option(help="Record field holding the patient id; a record without one is its own patient.")] = "patient_id",
    spans_out: Annotated[str | None, typer.Option(help="Write what was replaced where, one JSONL line per record.")] = None,
    include_original: Annotated[bool, typer.Option("--include-original", help="Put the original text into --spans-out (it then holds PHI).")] = False,
    errors: Annotated[str | None, typer.Option("--errors", help="Error file (JSONL) for failed records (default: OUTPUT.errors.jsonl).")] = None,
    reid_map: Annotated[str | None, typer.Option(help="Also write an encrypted re-identification map here.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto|jsonl|csv|txt|dir|physionet.")] = "auto",
    text_column: Annotated[str, typer.Option(help="CSV column / JSON key that holds the note text.")] = "text",
    id_column: Annotated[str | None, typer.Option(help="CSV column / JSON key that holds the record id.")] = None,
    config: Annotated[str | None, typer.Option(help="A YAML file with detection settings (see DetectConfig).")] = None,
    model: Annotated[str | None, typer.Option(help="The trained second pass: 'default' (shipped with medveil), a model directory from `medveil train`, or 'none' (rules only: the default).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Replace the PHI that `detect` finds and write the notes in the format they were read.

    Example: medveil deidentify notes.jsonl -o release.jsonl --key-file secret.key --spans-out spans.jsonl
    """
    from medveil.deidentify import Deidentifier
    from medveil.pipeline import Pipeline
    from medveil.transform.policy import PRESETS, Policy
    from medveil.transform.reid import entry_of, write_map
    from medveil.transform.release import ReleaseWriter, csv_layout, resolve_format, run_records

    if policy and method:
        fail("give either --policy or --method, not both")
    if method and method not in PRESETS:
        fail(f"unknown method {method!r}; choose one of {', '.join(PRESETS)}")
    if policy and not Path(policy).is_file():
        fail(f"{policy}: no such policy file")
    try:
        pol = Policy.load(policy or method or "surrogate")
    except Exception as e:  # noqa: BLE001 - any policy problem is a user error
        fail(f"{policy or method}: invalid policy ({str(e).splitlines()[0] if str(e) else type(e).__name__}"
             + (f": {_first_pydantic_error(e)}" if _first_pydantic_error(e) else "") + ")")
    cfg = detect_config(config, model=model)
    if pol.rule_for("DATE").operator in ("generalize", "keep"):
        cfg.keep_years = True  # years stay anyway: do not flag a year that stands alone
    src = _stdin_to_file() if input == "-" else input
    try:
        in_fmt = resolve_format(src, fmt)
        if in_fmt == "dir" and (output is None or output == "-"):
            fail("a directory input needs -o OUTPUT_DIRECTORY")
        if output and output != "-" and Path(output).resolve() == Path(src).resolve():
            fail("the output would overwrite the input; choose another -o")
        records = load_records(src, in_fmt, text_column, id_column)
        header, delim = csv_layout(src, None) if in_fmt == "csv" else ([], ",")
    finally:
        if input == "-":
            os.unlink(src)
    key = _load_key(key_file, output, generate=True)
    deid = Deidentifier(pol, key, pipeline=Pipeline(cfg))
    errors_path = errors or (_default_sibling(output, ".errors.jsonl", "") or None)
    error_lines: list[dict[str, Any]] = []
    reid_entries = []
    spans_fh = None
    if spans_out:
        try:
            Path(spans_out).parent.mkdir(parents=True, exist_ok=True)
            spans_fh = open(spans_out, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as e:
            fail(f"{spans_out}: cannot write ({e.strerror})")

    def process(rec):
        res = deid.deidentify(record_document(rec, patient_field))
        return res.text, res.fields, res

    def on_error(rec, msg):
        error_lines.append({"id": rec.id, "index": rec.index, "error": msg})
        if spans_fh is not None:
            spans_fh.write(json.dumps({"id": rec.id, "error": msg, "replacements": []}) + "\n")

    def on_result(rec, res):
        if spans_fh is not None:
            d = {"id": rec.id, "replacements": [r.to_dict(include_original) for r in res.replacements]}
            if res.field_replacements:
                d["fields"] = [{"field": f, "label": lab, "operator": pol.rule_for(lab).operator, **({"original": o, "replacement": n} if include_original else {})}
                               for f, lab, o, n in res.field_replacements]
            spans_fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        if reid_map:
            reid_entries.append(entry_of(res))

    try:
        writer = ReleaseWriter(in_fmt, output, text_column, id_column or ("id" if in_fmt == "jsonl" else None), header, delim)
    except (ValueError, OSError) as e:
        fail(str(e))
    try:
        stats = run_records(progress(records, description="deidentify", enabled=not quiet), process, writer, on_error, on_result)
    finally:
        writer.close()
        if spans_fh is not None:
            spans_fh.close()
    if reid_map:
        write_map(reid_map, reid_entries, key)
    _report_errors(error_lines, errors_path)
    if not quiet:
        mbs = stats.chars / 1e6 / stats.seconds if stats.seconds else 0.0
        err_console.print(f"medveil: {stats.records} records, {stats.failed} failed, {stats.replacements} replacements "
                          f"({pol.name}; {mbs:.2f} MB/s detect+transform)", markup=False)
    if stats.failed:
        where = errors_path or "stderr"
        err_console.print(f"medveil: error: {stats.failed} record(s) failed and were written without content; see {where}", markup=False)
        raise typer.Exit(EXIT_RECORDS)


def _first_pydantic_error(e: Exception) -> str:
    errs = getattr(e, "errors", None)
    if callable(errs):
        try:
            first = errs()[0]
            loc = ".".join(str(x) for x in first.get("loc", ()))
            return f"{loc}: {first.get('msg')}" if loc else str(first.get("msg"))
        except Exception:  # noqa: BLE001
            return ""
    return ""


def _report_errors(lines: list[dict[str, Any]], path: str | None) -> None:
    if not lines:
        return
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    else:
        for x in lines:
            err_console.print(f"medveil: record {x['id']}: {x['error']}", markup=False)


def reidentify(
    release: Annotated[str, typer.Argument(help="A release written by `medveil deidentify` (same formats).", metavar="RELEASE")],
    reid_map: Annotated[str, typer.Option(help="The encrypted map written with --reid-map.")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the restored records here (default: stdout).")] = None,
    key_file: Annotated[str | None, typer.Option(help=f"File holding the secret key (else ${KEY_ENV}).")] = None,
    errors: Annotated[str | None, typer.Option("--errors", help="Error file for records that cannot be restored.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto|jsonl|csv|txt|dir|physionet.")] = "auto",
    text_column: Annotated[str, typer.Option(help="CSV column / JSON key that holds the note text.")] = "text",
    id_column: Annotated[str | None, typer.Option(help="CSV column / JSON key that holds the record id.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Restore the original text of a release for an authorized holder of the key and the map.

    Example: medveil reidentify release.jsonl --reid-map release.reid --key-file secret.key -o restored.jsonl
    """
    from medveil.transform.base import TransformError
    from medveil.transform.reid import ReidError, read_map, reidentify_fields, reidentify_text
    from medveil.transform.release import ReleaseWriter, csv_layout, resolve_format, run_records

    if not Path(reid_map).is_file():
        fail(f"{reid_map}: no such file")
    key = _load_key(key_file, output, generate=False)
    try:
        entries = read_map(reid_map, key)
    except ReidError as e:
        fail(str(e))
    by_id: dict[str, list] = {}
    for e in entries:
        by_id.setdefault(e.id, []).append(e)
    in_fmt = resolve_format(release, fmt)
    if in_fmt == "dir" and (output is None or output == "-"):
        fail("a directory input needs -o OUTPUT_DIRECTORY")
    records = load_records(release, in_fmt, text_column, id_column)
    header, delim = csv_layout(release, None) if in_fmt == "csv" else ([], ",")
    error_lines: list[dict[str, Any]] = []

    def process(rec):
        queue = by_id.get(rec.id)
        if not queue:
            raise TransformError(f"record {rec.id}: not in the re-identification map")
        entry = queue.pop(0)
        try:
            return reidentify_text(rec.text, entry), reidentify_fields(rec.fields, entry), entry
        except ReidError as e:
            raise TransformError(str(e)) from None

    writer = ReleaseWriter(in_fmt, output, text_column, id_column or ("id" if in_fmt == "jsonl" else None), header, delim)
    try:
        stats = run_records(records, process, writer, lambda r, m: error_lines.append({"id": r.id, "index": r.index, "error": m}))
    finally:
        writer.close()
    _report_errors(error_lines, errors)
    if not quiet:
        err_console.print(f"medveil: {stats.records} records restored, {stats.failed} failed", markup=False)
    if stats.failed:
        raise typer.Exit(EXIT_RECORDS)
