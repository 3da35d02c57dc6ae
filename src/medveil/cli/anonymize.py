"""`medveil anonymize`: generalize tables (k-anonymity by lattice search) and transform event records."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from medveil.cli.common import err_console, fail

app = typer.Typer(help="Anonymize structured data: tables and JSON records.", no_args_is_help=True)

KEY_ENV = "MEDVEIL_KEY"


def _secret(key_file: Path | None) -> str | None:
    """The secret from ``--key-file`` or the ``MEDVEIL_KEY`` environment variable (None if neither)."""
    if key_file is not None:
        try:
            text = key_file.read_text(encoding="utf-8").strip()
        except OSError as e:
            fail(f"{key_file}: cannot read the key file ({e.strerror})")
        if not text:
            fail(f"{key_file}: the key file is empty")
        return text
    env = os.environ.get(KEY_ENV, "").strip()
    return env or None


@app.command("table")
def table(
    input: Path = typer.Argument(..., help="Table: .csv (separator detected), .parquet or .jsonl."),
    policy: Path = typer.Option(..., "--policy", "-p", help="Table policy YAML (see docs/tables.md)."),
    output: Path = typer.Option(..., "--output", "-o", help="Output table (.csv keeps the input separator)."),
    measure: str = typer.Option(
        None,
        "--measure",
        help="Override the policy's measure: loss, discernibility, precision, entropy, aecs.",
    ),
    suppressed_rows: str = typer.Option(
        None, "--suppressed", help="Override: 'drop' suppressed rows or 'star' their quasi-identifiers."
    ),
    summary: Path = typer.Option(
        None, "--summary", help="Write levels, suppression and measures as JSON here."
    ),
    key_file: Path = typer.Option(
        None, "--key-file", help=f"Secret key for tokens and date shifts (else ${KEY_ENV})."
    ),
) -> None:
    """Generalize quasi-identifiers until the policy's criteria hold, with the least information loss.

    Example: medveil anonymize table ../shared/data/adult-arx/adult.csv --policy examples/tables/adult-k5.yaml -o OUT.csv
    """
    from medveil.tables.anonymize import AnonymizeError, anonymize_table
    from medveil.tables.hierarchy import HierarchyError
    from medveil.tables.io import TableError, read_table, write_table
    from medveil.tables.policy import PolicyError, load_policy
    from medveil.tables.search import MEASURES

    try:
        pol, pdir = load_policy(policy)
    except PolicyError as e:
        fail(str(e))
    if measure is not None:
        if measure not in MEASURES:
            fail(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
        pol.measure = measure  # type: ignore[assignment]
    if suppressed_rows is not None:
        if suppressed_rows not in ("drop", "star"):
            fail("--suppressed must be 'drop' or 'star'")
        pol.suppressed_rows = suppressed_rows  # type: ignore[assignment]
    try:
        t = read_table(input, sep=pol.separator)
        out, res, _ = anonymize_table(t, pol, pdir, _secret(key_file))
        write_table(out, output)
    except (TableError, PolicyError, HierarchyError, AnonymizeError) as e:
        fail(str(e))
    except OSError as e:
        fail(f"{output}: cannot write ({e.strerror})")
    levels = ", ".join(f"{q} {lv}" for q, lv in res.levels.items())
    print(f"levels: {levels}")
    print(
        f"rows: {res.rows_in:,} in, {res.suppressed:,} suppressed ({res.suppressed / max(res.rows_in, 1):.2%}), "
        f"{res.rows_out:,} written; {res.classes:,} classes, smallest released class {res.k_achieved}"
    )
    m = res.measures
    print(
        f"measures: loss {m['loss']:.5f}, discernibility {m['discernibility']:,.0f}, precision {m['precision']:.5f}, "
        f"non-uniform entropy {m['entropy']:,.1f}, avg class size {m['aecs']:.2f}  (optimized: {res.measure})"
    )
    print(
        f"search: {res.nodes_evaluated:,} of {res.nodes_total:,} nodes evaluated in {res.search_seconds:.2f} s"
    )
    ra = res.risk_after
    if ra:
        extra = "".join(
            f"; {name}: l {v['l_distinct']} (entropy {v['l_entropy']:.2f}), t {v['t_closeness']:.3f}"
            for name, v in ra.get("sensitive", {}).items()
        )
        print(
            f"released rows: k {ra['k']}, highest risk {ra['prosecutor_risk_max']:.4f}, "
            f"average risk {ra['prosecutor_risk_avg']:.4f}{extra}"
        )
    if summary:
        try:
            summary.write_text(json.dumps(res.to_dict(), indent=2) + "\n", encoding="utf-8")
        except OSError as e:
            fail(f"{summary}: cannot write ({e.strerror})")
    err_console.print(f"wrote {output}", markup=False)


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        fail(f"{path}: no such file")
    if path.is_dir():
        fail(f"{path}: is a directory")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        fail(f"{path}: not valid UTF-8 (byte {e.start})")
    except OSError as e:
        fail(f"{path}: cannot read ({e.strerror})")
    records = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            fail(f"{path}:{i}: not valid JSON ({e.msg}); expected one JSON object per line")
        if not isinstance(obj, dict):
            fail(f"{path}:{i}: expected a JSON object, got {type(obj).__name__}")
        records.append(obj)
    if not records:
        fail(f"{path}: no records")
    return records


@app.command("records")
def records(
    input: Path = typer.Argument(..., help="JSON records or events, one object per line (.jsonl)."),
    policy: Path = typer.Option(..., "--policy", "-p", help="Records policy YAML (see docs/tables.md)."),
    output: Path = typer.Option(
        ..., "--output", "-o", help="Output .jsonl; the field description goes next to it."
    ),
    key_file: Path = typer.Option(
        None, "--key-file", help=f"Secret key for ids, tokens, noise and text (else ${KEY_ENV})."
    ),
) -> None:
    """Anonymize JSON records field by field and describe every output field.

    Writes OUTPUT and OUTPUT.fields.md / OUTPUT.fields.json (what each anonymized field still means).

    Example: medveil anonymize records events.jsonl --policy examples/tables/events-policy.yaml -o out.jsonl
    """
    from medveil.records import (
        PolicyError,
        RecordsAnonymizer,
        RecordsError,
        describe_markdown,
        load_records_policy,
    )

    try:
        pol = load_records_policy(policy)
    except PolicyError as e:
        fail(str(e))
    recs = _read_jsonl(input)
    try:
        anon = RecordsAnonymizer(pol, _secret(key_file))
        res = anon.anonymize(recs)
    except (RecordsError, PolicyError) as e:
        fail(str(e))
    fields_md = output.with_name(output.name + ".fields.md")
    fields_json = output.with_name(output.name + ".fields.json")
    try:
        with open(output, "w", encoding="utf-8") as f:
            for r in res.records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        fields_md.write_text(describe_markdown(res.fields), encoding="utf-8")
        fields_json.write_text(json.dumps(res.fields, indent=2) + "\n", encoding="utf-8")
    except OSError as e:
        fail(f"cannot write the output ({e.strerror})")
    s = res.stats
    print(
        f"records: {s.get('records_in', 0)} in, {s.get('records_out', 0)} out; "
        f"identifier strings scrubbed from text: {s.get('identifier_strings_scrubbed_from_text', 0)}; "
        f"texts withheld: {s.get('texts_withheld', 0)}; missing values: {s.get('missing_values', 0)}"
    )
    err_console.print(f"wrote {output}, {fields_md.name}, {fields_json.name}", markup=False)
