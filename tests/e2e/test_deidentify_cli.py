from __future__ import annotations

import csv
import json
import os
import stat

import pytest
from typer.testing import CliRunner

from medveil.cli import app

runner = CliRunner()
NOTES = [
    {"id": "n1", "patient_id": "p1", "patient_name": "David Greybeard", "dob": "03/04/1950", "mrn": "A-12345", "site": "x",
     "text": "David Greybeard seen 7/22/2019, call 617-555-0199 or dave.g@gmail.com. Greybeard returns 07/29/2019."},
    {"id": "n2", "patient_id": "p1", "text": "Follow-up 8/5/2019 for GREYBEARD. IP 192.168.1.20, SSN 123-45-6789."},
    {"id": "n3", "patient_id": "p2", "text": "No PHI here."},
]
PHI = ["David", "Greybeard", "7/22/2019", "617-555-0199", "dave.g@gmail.com", "07/29/2019", "8/5/2019", "192.168.1.20", "123-45-6789", "A-12345", "03/04/1950"]


@pytest.fixture
def key(tmp_path):
    k = tmp_path / "secret.key"
    k.write_text("a secret for the tests\n")
    return str(k)


def write_jsonl(path, rows, extra_lines=()):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "".join(extra_lines))
    return str(path)


def read_jsonl(path):
    return [json.loads(x) for x in open(path, encoding="utf-8").read().splitlines()]


def test_jsonl_in_order_fields_kept_no_phi_and_spans_out(tmp_path, key):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES)
    out, spans = tmp_path / "out" / "release.jsonl", tmp_path / "spans.jsonl"
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", key, "--spans-out", str(spans), "-q"])
    assert res.exit_code == 0, res.output
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["n1", "n2", "n3"]
    assert rows[0]["site"] == "x" and rows[0]["patient_id"] == "p1" and rows[2]["text"] == "No PHI here."
    blob = json.dumps(rows).lower()
    for v in PHI:
        assert v.lower() not in blob, v
    lines = read_jsonl(spans)
    assert [x["id"] for x in lines] == ["n1", "n2", "n3"]
    r0 = lines[0]["replacements"][0]
    assert set(r0) == {"start", "end", "out_start", "out_end", "label", "operator"}
    assert rows[0]["text"][r0["out_start"] : r0["out_end"]]
    assert NOTES[0]["text"][r0["start"] : r0["end"]]
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", key, "--spans-out", str(spans), "--include-original", "-q"])
    assert "original" in read_jsonl(spans)[0]["replacements"][0]


def test_same_key_identical_output_and_env_key(tmp_path, key, monkeypatch):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES)
    a, b, c = (tmp_path / f"{x}.jsonl" for x in "abc")
    runner.invoke(app, ["deidentify", src, "-o", str(a), "--key-file", key, "-q"])
    runner.invoke(app, ["deidentify", src, "-o", str(b), "--key-file", key, "-q"])
    assert a.read_text() == b.read_text()
    monkeypatch.setenv("MEDVEIL_KEY", "a secret for the tests")
    res = runner.invoke(app, ["deidentify", src, "-o", str(c), "-q"])
    assert res.exit_code == 0 and c.read_text() == a.read_text()


def test_failed_record_is_listed_and_not_written_with_phi(tmp_path, key):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES[:1], ['{"id": "bad", "text": 5, "patient_name": "Secret Name"}\n', "{broken\n"])
    out = tmp_path / "release.jsonl"
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", key, "-q"])
    assert res.exit_code == 1
    assert "medveil: error:" in res.output
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["n1", "bad", "line-3"]
    assert rows[1] == {"id": "bad", "text": None, "error": rows[1]["error"]} and "Secret" not in out.read_text()
    errs = read_jsonl(str(out) + ".errors.jsonl")
    assert [e["id"] for e in errs] == ["bad", "line-3"] and all(e["error"] for e in errs)


def test_generated_key_is_written_0600_and_never_overwritten(tmp_path):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES)
    out = tmp_path / "release.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "MEDVEIL_KEY"}
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "-q"], env={**env, "MEDVEIL_KEY": ""})
    assert res.exit_code == 0, res.output
    assert "warning" in res.output
    kf = tmp_path / "release.jsonl.key"
    assert stat.S_IMODE(kf.stat().st_mode) == 0o600
    first = out.read_text()
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "-q"], env={**env, "MEDVEIL_KEY": ""})
    assert res.exit_code == 2 and "already exists" in res.output
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", str(kf), "-q"])
    assert res.exit_code == 0 and out.read_text() == first


def test_csv_keeps_columns_and_delimiter(tmp_path, key):
    src = tmp_path / "notes.csv"
    src.write_text("note_id;patient_id;text;dept\n1;p1;Call 617-555-0199 on 3/4/2019.;card\n2;p1;fine;neuro\n")
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["deidentify", str(src), "-o", str(out), "--key-file", key, "--id-column", "note_id", "-q"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(out.open(), delimiter=";"))
    assert rows[0] == ["note_id", "patient_id", "text", "dept"]
    assert rows[1][0] == "1" and rows[1][3] == "card" and "617-555-0199" not in rows[1][2] and rows[2][2] == "fine"


def test_txt_and_directory(tmp_path, key):
    t = tmp_path / "note.txt"
    t.write_text("Call 617-555-0199 on 3/4/2019.\n")
    out = tmp_path / "note.out.txt"
    assert runner.invoke(app, ["deidentify", str(t), "-o", str(out), "--key-file", key, "-q"]).exit_code == 0
    assert "617-555-0199" not in out.read_text() and out.read_text().endswith(".\n")
    d = tmp_path / "notes"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("Call 617-555-0199.")
    (d / "sub" / "b.txt").write_text("Seen 3/4/2019.")
    od = tmp_path / "released"
    res = runner.invoke(app, ["deidentify", str(d), "-o", str(od), "--key-file", key, "-q"])
    assert res.exit_code == 0, res.output
    assert "617-555-0199" not in (od / "a.txt").read_text() and "3/4/2019" not in (od / "sub" / "b.txt").read_text()


def test_methods_and_policy_file(tmp_path, key):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES[:1])
    out = tmp_path / "o.jsonl"
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", key, "--method", "tags", "-q"])
    assert res.exit_code == 0 and "<PATIENT:1>" in read_jsonl(out)[0]["text"]
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", key, "--method", "safe-harbor", "-q"])
    assert res.exit_code == 0 and "2019" in read_jsonl(out)[0]["text"] and "7/22" not in read_jsonl(out)[0]["text"]
    pol = tmp_path / "p.yaml"
    pol.write_text("preset: redact\n")
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", key, "--policy", str(pol), "-q"])
    assert res.exit_code == 0 and "***" in read_jsonl(out)[0]["text"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--method", "nope"], "unknown method"),
        (["--method", "tags", "--policy", "x.yaml"], "either --policy or --method"),
        (["--policy", "missing.yaml"], "no such policy file"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path, key, args, message):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES[:1])
    res = runner.invoke(app, ["deidentify", src, "-o", str(tmp_path / "o.jsonl"), "--key-file", key, *args])
    assert res.exit_code == 2 and "medveil: error:" in res.output and message in res.output and "Traceback" not in res.output


def test_invalid_policy_file(tmp_path, key):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES[:1])
    pol = tmp_path / "bad.yaml"
    pol.write_text("labels: {FOO: keep}\n")
    res = runner.invoke(app, ["deidentify", src, "--key-file", key, "--policy", str(pol)])
    assert res.exit_code == 2 and "medveil: error:" in res.output and "FOO" in res.output


def test_reid_map_round_trip_and_wrong_key(tmp_path, key):
    src = write_jsonl(tmp_path / "notes.jsonl", NOTES)
    out, rmap, back = tmp_path / "release.jsonl", tmp_path / "release.reid", tmp_path / "back.jsonl"
    res = runner.invoke(app, ["deidentify", src, "-o", str(out), "--key-file", key, "--reid-map", str(rmap), "-q"])
    assert res.exit_code == 0, res.output
    assert b"Greybeard" not in rmap.read_bytes()
    res = runner.invoke(app, ["reidentify", str(out), "--reid-map", str(rmap), "--key-file", key, "-o", str(back), "-q"])
    assert res.exit_code == 0, res.output
    restored = read_jsonl(back)
    assert [r["text"] for r in restored] == [n["text"] for n in NOTES]
    assert restored[0]["patient_name"] == "David Greybeard" and restored[0]["mrn"] == "A-12345"
    wrong = tmp_path / "wrong.key"
    wrong.write_text("not the key")
    res = runner.invoke(app, ["reidentify", str(out), "--reid-map", str(rmap), "--key-file", str(wrong)])
    assert res.exit_code == 2 and "cannot decrypt" in res.output


def test_stdin_to_stdout(key):
    res = runner.invoke(app, ["deidentify", "-", "--key-file", key, "-q"], input=json.dumps(NOTES[1]) + "\n")
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout.splitlines()[0])
    assert row["id"] == "n2" and "123-45-6789" not in row["text"]


def test_physionet_to_physionet(tmp_path, key):
    src = tmp_path / "notes.phy"
    src.write_text("START_OF_RECORD=1||||1||||\nCall 617-555-0199 on 3/4/2019.\n||||END_OF_RECORD\n"
                   "START_OF_RECORD=1||||2||||\nSeen 3/11/2019.\n||||END_OF_RECORD\n")
    out = tmp_path / "out.phy"
    res = runner.invoke(app, ["deidentify", str(src), "-o", str(out), "--key-file", key, "-q"])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert text.count("START_OF_RECORD=1||||") == 2 and text.count("||||END_OF_RECORD") == 2
    assert "617-555-0199" not in text and "3/4/2019" not in text and "3/11/2019" not in text


def test_csv_failed_row_keeps_only_the_id(tmp_path, key, monkeypatch):
    from medveil.deidentify import Deidentifier
    from medveil.transform.base import TransformError

    real = Deidentifier.transform

    def flaky(self, doc, spans):
        if "boom" in doc.text:
            raise TransformError("synthetic failure")
        return real(self, doc, spans)

    monkeypatch.setattr(Deidentifier, "transform", flaky)
    src = tmp_path / "notes.csv"
    src.write_text("note_id,patient_name,text\n1,David Greybeard,boom David Greybeard 617-555-0199\n2,Jane Roe,ok\n")
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["deidentify", str(src), "-o", str(out), "--key-file", key, "--id-column", "note_id", "-q"])
    assert res.exit_code == 1
    rows = list(csv.reader(out.open()))
    assert rows[0] == ["note_id", "patient_name", "text"] and rows[1] == ["1", "", ""]
    assert rows[2][0] == "2" and rows[2][1] != "Jane Roe" and rows[2][2] == "ok"
    assert "Greybeard" not in out.read_text()
    assert json.loads((tmp_path / "out.csv.errors.jsonl").read_text())["error"] == "synthetic failure"
