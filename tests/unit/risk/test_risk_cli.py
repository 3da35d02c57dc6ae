"""`medveil risk table`: output, reports and bad input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from medveil.cli import app

ADULT_QI = ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation"]

runner = CliRunner()


def flat(text: str) -> str:
    """Output with line wrapping undone (rich wraps error lines at the terminal width)."""
    return " ".join(text.split())


def test_adult_cli_json(adult_path, tmp_path):
    out = tmp_path / "r.json"
    res = runner.invoke(
        app,
        [
            "risk",
            "table",
            str(adult_path),
            "--quasi",
            ",".join(ADULT_QI),
            "--json",
            str(out),
            "--html",
            str(tmp_path / "r.html"),
            "--sensitive",
            "salary-class",
        ],
    )
    assert res.exit_code == 0, res.output
    d = json.loads(out.read_text())
    assert (d["k"], d["classes"], d["records_at_max_risk_count"]) == (1, 18109, 14021)
    assert "18,109" in flat(res.output)


def test_threshold_not_met_exit_code(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("age;zip\n30;02139\n30;02139\n41;02140\n")
    res = runner.invoke(app, ["risk", "table", str(p), "-q", "age,zip", "--threshold", "0.5"])
    assert res.exit_code == 0 and "NO" in res.output
    res = runner.invoke(app, ["risk", "table", str(p), "-q", "age,zip", "--threshold", "0.5", "--strict"])
    assert res.exit_code == 3
    res = runner.invoke(app, ["risk", "table", str(p), "-q", "age", "--threshold", "1", "--strict"])
    assert res.exit_code == 0


def test_bad_input(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("age,zip\n30,02139\n31\n")
    res = runner.invoke(app, ["risk", "table", str(p), "-q", "age,zip"])
    assert res.exit_code == 2 and "medveil: error:" in flat(res.output) and "fields" in flat(res.output)
    q = tmp_path / "ok.csv"
    q.write_text("age,zip\n30,02139\n")
    res = runner.invoke(app, ["risk", "table", str(q), "-q", "age,sex"])
    assert res.exit_code == 2 and "unknown quasi-identifier 'sex'" in flat(res.output)
    res = runner.invoke(app, ["risk", "table", str(tmp_path / "missing.csv"), "-q", "age"])
    assert res.exit_code == 2 and "no such file" in flat(res.output)
    res = runner.invoke(
        app, ["risk", "table", str(q), "-q", "age", "--population", "10", "--sampling-fraction", "0.1"]
    )
    assert res.exit_code == 2
    bad = tmp_path / "t.jsonl"
    bad.write_text('{"age": 3}\n{oops\n')
    res = runner.invoke(app, ["risk", "table", str(bad), "-q", "age"])
    assert res.exit_code == 2 and "not valid JSON" in flat(res.output)


def test_parquet_and_jsonl_inputs(tmp_path):
    import pytest

    pl = pytest.importorskip("polars")
    pl.DataFrame({"age": [30, 30, 41], "zip": ["02139", "02139", "02140"]}).write_parquet(
        tmp_path / "t.parquet"
    )
    res = runner.invoke(
        app,
        ["risk", "table", str(tmp_path / "t.parquet"), "-q", "age,zip", "--json", str(tmp_path / "a.json")],
    )
    assert res.exit_code == 0, res.output
    (tmp_path / "t.jsonl").write_text(
        '{"age": 30, "zip": "02139"}\n{"age": 30, "zip": "02139"}\n{"age": 41, "zip": "02140"}\n'
    )
    res = runner.invoke(
        app, ["risk", "table", str(tmp_path / "t.jsonl"), "-q", "age,zip", "--json", str(tmp_path / "b.json")]
    )
    assert res.exit_code == 0, res.output
    a = json.loads((tmp_path / "a.json").read_text())
    b = json.loads((tmp_path / "b.json").read_text())
    assert (a["k"], a["classes"]) == (b["k"], b["classes"]) == (1, 2)
