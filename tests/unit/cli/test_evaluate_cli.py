"""`medveil evaluate` and `medveil risk threshold` end to end."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from medveil.cli import app

runner = CliRunner(env={"COLUMNS": "200"})


def flat(s: str) -> str:
    return " ".join(s.split())

SECRET_WORDS = ("Zebediah", "Quaternion", "Wolfenbüttel", "Marchbanks")
TEXTS = {
    "n1": "Pt Zebediah Quaternion seen 3/4/2019, call 617-555-0199.\r\nLives in Wolfenbüttel.",
    "n2": "Dr. Marchbanks reviewed. MRN 884422. Nothing else.",
}


def _write_gold(tmp_path):
    def sp(doc, val, label):
        s = TEXTS[doc].index(val)
        return {"start": s, "end": s + len(val), "label": label}

    rows = [
        {"id": "n1", "text": TEXTS["n1"], "spans": [sp("n1", "Zebediah Quaternion", "PATIENT"), sp("n1", "3/4/2019", "DATE"),
                                                    sp("n1", "617-555-0199", "PHONE"), sp("n1", "Wolfenbüttel", "CITY")]},
        {"id": "n2", "text": TEXTS["n2"], "spans": [sp("n2", "Marchbanks", "PROVIDER"), sp("n2", "884422", "MRN")]},
    ]  # fmt: skip
    g = tmp_path / "gold.jsonl"
    g.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return g


def _write_pred(tmp_path, lines):
    p = tmp_path / "pred.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return p


def _span(doc, val, label, cut=0):
    s = TEXTS[doc].index(val)
    return {"start": s, "end": s + len(val) - cut, "label": label}


PRED = [
    {"id": "n1", "spans": [_span("n1", "Zebediah Quaternion", "PATIENT", cut=3), _span("n1", "3/4/2019", "DATE"),
                           _span("n1", "617-555-0199", "PHONE"), _span("n1", "Pt", "ID")]},
    {"id": "n2", "spans": [_span("n2", "Marchbanks", "PROVIDER"), _span("n2", "884422", "MRN")]},
]  # fmt: skip

KEYS_INT = ("gold", "caught", "tp", "fp", "documents", "documents_all_caught")
KEYS_NUM = ("recall", "precision", "f1", "f2", "aon_recall")


def test_evaluate_pred_json_and_html(tmp_path):
    gold, pred = _write_gold(tmp_path), _write_pred(tmp_path, PRED)
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--json", str(out_json), "--html", str(out_html)])
    assert res.exit_code == 0, res.output
    d = json.loads(out_json.read_text(encoding="utf-8"))
    for obj in [d["overall"], *d["labels"].values()]:
        assert all(isinstance(obj[k], int) for k in KEYS_INT)
        assert all(k in obj for k in KEYS_NUM)
    o = d["overall"]
    # caught: date, phone, provider, MRN; missed: the truncated patient name, the city
    assert (o["gold"], o["caught"], o["tp"], o["fp"], o["documents"], o["documents_all_caught"]) == (6, 4, 5, 1, 2, 1)
    assert set(d["labels"]) == {"PATIENT", "DATE", "PHONE", "CITY", "PROVIDER", "MRN"}
    assert d["labels"]["PATIENT"]["caught"] == 0 and d["labels"]["PATIENT"]["tp"] == 1
    assert {m["label"] for m in d["misses"]} == {"PATIENT", "CITY"}
    assert any("Wolfenbüttel" in m["text"] for m in d["misses"])
    html = out_html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Wolfenbüttel" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no external assets
    assert "FAIL" in html


def test_no_text_hides_document_text_everywhere(tmp_path):
    gold, pred = _write_gold(tmp_path), _write_pred(tmp_path, PRED)
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    res = runner.invoke(
        app, ["evaluate", str(gold), "--pred", str(pred), "--json", str(out_json), "--html", str(out_html), "--no-text"]
    )
    assert res.exit_code == 0, res.output
    for blob in (out_json.read_text(encoding="utf-8"), out_html.read_text(encoding="utf-8"), res.output):
        for w in SECRET_WORDS:
            assert w not in blob
    d = json.loads(out_json.read_text(encoding="utf-8"))
    assert d["misses"] and all("text" not in m and "before" not in m for m in d["misses"])
    assert d["meta"]["text_included"] is False


def test_missing_and_failed_predictions_are_warned(tmp_path):
    gold = _write_gold(tmp_path)
    pred = _write_pred(tmp_path, [{"id": "n2", "error": "boom", "spans": []}])
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--json", str(tmp_path / "r.json"), "-q"])
    assert res.exit_code == 0, res.output
    out = flat(res.output)
    assert "medveil: warning:" in out and "no prediction" in out and "error" in out
    d = json.loads((tmp_path / "r.json").read_text())
    assert d["overall"]["caught"] == 0 and d["meta"]["documents_without_prediction"] == 1


def test_runs_the_pipeline_without_pred(tmp_path):
    gold = _write_gold(tmp_path)
    res = runner.invoke(app, ["evaluate", str(gold), "--json", str(tmp_path / "r.json"), "--bootstrap", "50"])
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "r.json").read_text())
    assert d["labels"]["PHONE"]["caught"] == 1  # the pattern detector finds the phone number
    assert "overall" in res.output


def test_bad_inputs_are_one_line_errors(tmp_path):
    gold = _write_gold(tmp_path)
    res = runner.invoke(app, ["evaluate", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2 and "medveil: error:" in res.output and "Traceback" not in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(bad)])
    assert res.exit_code == 2 and "malformed JSON" in flat(res.output)
    res = runner.invoke(app, ["evaluate", str(gold), "--format", "csv"])
    assert res.exit_code == 2 and "unknown gold format" in flat(res.output)
    pol = tmp_path / "p.yaml"
    pol.write_text("direct: {recall: 2}\n")
    res = runner.invoke(app, ["evaluate", str(gold), "--policy", str(pol)])
    assert res.exit_code == 2 and "invalid policy" in flat(res.output)


def test_strict_exit_code_and_policy(tmp_path):
    gold, pred = _write_gold(tmp_path), _write_pred(tmp_path, PRED)
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--strict", "-q"])
    assert res.exit_code == 3
    pol = tmp_path / "lenient.yaml"
    pol.write_text("direct: {recall: 0, precision: 0}\nindirect: {recall: 0, precision: 0}\n")
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--strict", "-q", "--policy", str(pol)])
    assert res.exit_code == 0, res.output


def test_export_gold_roundtrip(tmp_path):
    gold = _write_gold(tmp_path)
    out = tmp_path / "exported.jsonl"
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(_write_pred(tmp_path, PRED)), "-q", "--export-gold", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["n1", "n2"] and rows[0]["text"] == TEXTS["n1"]


def test_risk_threshold_command():
    res = runner.invoke(app, ["risk", "threshold", "--tau", "0.1", "--attempt", "0.4", "--prevalence", "0.001", "--breach", "0.27"])
    assert res.exit_code == 0, res.output
    assert "T1" in res.output and "T2" in res.output and "T3" in res.output and "0.5000" in res.output
    assert "binding: T1" in res.output
    res = runner.invoke(app, ["risk", "threshold", "--tau", "0.05", "--attempt", "0.4", "--breach", "0.27", "--json"])
    d = json.loads(res.output)
    assert d["binding"] == "T1" and round(d["min_recall"], 2) == 0.65
    res = runner.invoke(app, ["risk", "threshold", "--tau", "0.1", "--attempt", "1.4"])
    assert res.exit_code == 2 and "medveil: error:" in res.output


def test_physionet_detect_then_evaluate_ids_agree(tmp_path):
    body1 = "Pt seen 10/3/2019, call 617-555-0199 today.\n"
    body2 = "Nothing to report.\r\n"
    (tmp_path / "id.text").write_bytes(
        (f"START_OF_RECORD=7||||1||||\n{body1}||||END_OF_RECORD\nSTART_OF_RECORD=7||||2||||\r\n{body2}||||END_OF_RECORD\r\n").encode()
    )
    s, p = body1.index("10/3/2019"), body1.index("617")
    (tmp_path / "id-phi.phrase").write_text(f"7 1 {s} {s + 9} Date 10/3/2019\n7 1 {p} {p + 12} Phone 617-555-0199\n")
    pred = tmp_path / "spans.jsonl"
    res = runner.invoke(app, ["detect", str(tmp_path / "id.text"), "-o", str(pred), "-q"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["evaluate", str(tmp_path / "id.text"), "--pred", str(pred), "--json", str(tmp_path / "r.json"), "-q"])
    assert res.exit_code == 0, res.output
    assert "warning" not in res.output  # every gold id has its prediction line
    d = json.loads((tmp_path / "r.json").read_text())
    assert d["meta"]["documents"] == 2 and d["overall"]["gold"] == 2 and d["overall"]["caught"] == 2
    assert set(d["corpus_labels"]) == {"Date", "Phone"}


def test_brat_directory_detect_then_evaluate(tmp_path):
    gold = tmp_path / "brat"
    gold.mkdir()
    text = "Seen 3/4/2019. Call 617-555-0199.\r\n"
    (gold / "a.txt").write_bytes(text.encode())
    s, p = text.index("3/4"), text.index("617")
    (gold / "a.ann").write_text(f"T1\tDATE {s} {s + 8}\t3/4/2019\nT2\tPHONE {p} {p + 12}\t617-555-0199\n")
    pred = tmp_path / "spans.jsonl"
    assert runner.invoke(app, ["detect", str(gold), "-o", str(pred), "-q"]).exit_code == 0
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--json", str(tmp_path / "r.json"), "-q"])
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "r.json").read_text())
    assert (d["overall"]["gold"], d["overall"]["caught"]) == (2, 2)


def test_i2b2_2006_export_detect_evaluate(tmp_path):
    xml = tmp_path / "deid.xml"
    xml.write_text('<ROOT><RECORD ID="1"><TEXT>\nCall <PHI TYPE="PHONE">617-555-0199</PHI> re '
                   '<PHI TYPE="PATIENT">Zebediah</PHI>.\n</TEXT></RECORD></ROOT>\n')  # fmt: skip
    exported, pred = tmp_path / "gold.jsonl", tmp_path / "spans.jsonl"
    res = runner.invoke(app, ["evaluate", str(xml), "--export-gold", str(exported), "-q", "--bootstrap", "0"])
    assert res.exit_code == 0, res.output
    assert runner.invoke(app, ["detect", str(exported), "-o", str(pred), "-q"]).exit_code == 0
    res = runner.invoke(app, ["evaluate", str(xml), "--pred", str(pred), "--json", str(tmp_path / "r.json"), "-q"])
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "r.json").read_text())
    assert d["labels"]["PHONE"]["caught"] == 1 and d["labels"]["PATIENT"]["gold"] == 1


def test_json_to_stdout(tmp_path):
    gold, pred = _write_gold(tmp_path), _write_pred(tmp_path, PRED)
    res = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--json", "-", "--bootstrap", "0"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["overall"]["gold"] == 6 and "ci" not in d["overall"]
