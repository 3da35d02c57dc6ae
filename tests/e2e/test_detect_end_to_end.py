"""`medveil detect` end to end, as a new user runs it: every input kind, in order, errors reported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from medveil.cli import app

runner = CliRunner()


def _lines(output: str) -> list[dict]:
    return [json.loads(x) for x in output.splitlines() if x.startswith("{")]


def test_physionet_file_gives_patient_note_ids_and_body_offsets(tmp_path):
    text = "START_OF_RECORD=7||||1||||\nSeen by Dr. Oyelaran on 3/14.\n||||END_OF_RECORD\n"
    src = tmp_path / "id.text"
    src.write_text(text)
    res = runner.invoke(app, ["detect", str(src), "-q"])
    assert res.exit_code == 0, res.output
    (rec,) = _lines(res.stdout)
    body = "Seen by Dr. Oyelaran on 3/14.\n"
    assert rec["id"] == "7-1"
    assert {body[s["start"] : s["end"]] for s in rec["spans"]} >= {"Oyelaran", "3/14"}


def test_csv_with_columns_and_context(tmp_path):
    src = tmp_path / "notes.csv"
    src.write_text('note_id,note,patient_name\n1,"Dave called at 2200",David Greybeard\n2,"no phi",\n')
    res = runner.invoke(app, ["detect", str(src), "--text-column", "note", "--id-column", "note_id", "-q"])
    assert res.exit_code == 0, res.output
    recs = _lines(res.stdout)
    assert [r["id"] for r in recs] == ["1", "2"]
    assert any(s["label"] == "PATIENT" and s["source"].startswith("known") for s in recs[0]["spans"])


def test_directory_of_text_files(tmp_path):
    (tmp_path / "a.txt").write_text("Call 617-555-0142")
    (tmp_path / "b.txt").write_text("Nothing to see")
    out = tmp_path / "spans.jsonl"
    res = runner.invoke(app, ["detect", str(tmp_path), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    recs = _lines(out.read_text())
    assert [r["id"] for r in recs] == ["a", "b"] and recs[0]["spans"] and not recs[1]["spans"]


def test_keep_years(tmp_path):
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Diagnosed in 2019, seen 3/14/2019."}) + "\n")
    default = _lines(runner.invoke(app, ["detect", str(src), "-q"]).stdout)[0]["spans"]
    kept = _lines(runner.invoke(app, ["detect", str(src), "-q", "--keep-years"]).stdout)[0]["spans"]
    assert len(default) == 2 and len(kept) == 1  # the full date stays PHI either way


@pytest.mark.parametrize(("content", "fragment"), [(b"\x00\x01binary", "binary"), (b"caf\xe9", "UTF-8")])
def test_unreadable_input_exits_2_with_one_line(tmp_path, content, fragment):
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "medveil.cli", "detect", str(src)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert fragment in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_stdin(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "medveil.cli", "detect", "-", "-q"],
        input="pt's wife mary called 617-555-0142",
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (rec,) = _lines(proc.stdout)
    labels = {s["label"] for s in rec["spans"]}
    assert {"RELATIVE", "PHONE"} <= labels


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    src = tmp_path / "notes.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": f"Seen by Dr. Oyelaran on 3/{i % 28 + 1}. Call 617-555-01{i % 90 + 10}"}) for i in range(40)]
    lines.insert(7, "{not json")
    src.write_text("\n".join(lines) + "\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = runner.invoke(app, ["detect", str(src), "-o", str(one), "-q"])
    r2 = runner.invoke(app, ["detect", str(src), "-o", str(two), "-q", "--jobs", "2"])
    assert r1.exit_code == r2.exit_code == 1  # the malformed line is reported in both
    assert one.read_text() == two.read_text()
    recs = _lines(two.read_text())
    assert len(recs) == 41 and "error" in recs[7] and recs[8]["id"] == "n7"
