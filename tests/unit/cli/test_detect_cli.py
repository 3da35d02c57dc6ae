from __future__ import annotations

import json

from typer.testing import CliRunner

from medveil.cli import app

runner = CliRunner()


def test_detect_jsonl_to_file_in_order(tmp_path):
    src = tmp_path / "notes.jsonl"
    src.write_text(
        json.dumps({"id": "n1", "text": "Call 617-555-0199 on 3/4/2019."}) + "\n" + json.dumps({"id": "n2", "text": "No PHI here."}) + "\n"
    )
    out = tmp_path / "spans.jsonl"
    res = runner.invoke(app, ["detect", str(src), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["n1", "n2"]
    labels = {s["label"] for s in lines[0]["spans"]}
    assert {"PHONE", "DATE"} <= labels
    assert lines[1]["spans"] == []


def test_detect_reports_bad_record_and_exits_nonzero(tmp_path):
    src = tmp_path / "notes.jsonl"
    src.write_text('{"id": "ok", "text": "fine"}\n{broken\n')
    res = runner.invoke(app, ["detect", str(src), "-q"])
    assert res.exit_code == 1
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["ok", "line-2"] and "error" in lines[1]


def test_detect_missing_input_is_one_line_error(tmp_path):
    res = runner.invoke(app, ["detect", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2
    assert "medveil: error:" in res.output and "Traceback" not in res.output


def test_detect_with_a_directory_that_is_no_model_is_one_line_error(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Seen by Dr. Smith."}) + "\n")
    res = runner.invoke(app, ["detect", str(src), "--model", str(tmp_path), "-q"])
    assert res.exit_code == 2
    assert "cannot load the model" in res.output and "no model.json" in res.output
    assert "Traceback" not in res.output


def test_model_none_is_the_rules_alone_in_the_cli_and_in_a_config_file(tmp_path):
    from medveil.cli.common import detect_config
    from medveil.config import DetectConfig

    assert DetectConfig().model is None  # the rules alone by default
    assert DetectConfig(model="none").model is None and DetectConfig(model=" Rules ").model is None
    assert DetectConfig(model="default").model == "default"
    cfg_file = tmp_path / "cfg.yaml"
    cfg_file.write_text("detect:\n  model: default\n")
    assert detect_config(str(cfg_file)).model == "default"
    assert detect_config(str(cfg_file), model="none").model is None  # the command line wins
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Seen by Dr. Smith on 3/4/2019."}) + "\n")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["detect", str(src), "--config", str(cfg_file), "--model", "none", "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert {s["label"] for s in json.loads(out.read_text())["spans"]} >= {"DATE"}
