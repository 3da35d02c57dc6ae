"""`medveil train` end to end on a tiny synthetic corpus: model dir, learning curve, detect --model."""

from __future__ import annotations

import json
import random
import re

import pytest
from typer.testing import CliRunner

from medveil.cli import app

pytest.importorskip("sklearn")
runner = CliRunner()

FIRST = ["Lorraine", "Theo", "Marisol", "Dmitri", "Ayesha", "Kwame", "Bruno", "Ingrid", "Tomasz", "Nell"]
LAST = ["Okafor", "Lindqvist", "Marchetti", "Oyelaran", "Kowalczyk", "Hart", "Nakamura", "Quist"]
TEMPLATES = [
    "pt resting comfortably. {rel} {f} called, updated on plan. dr {l} aware. foley draining clear urine.",
    "Seen with Dr. {l} today. Wife {f} at bedside. Hope to wean vent tomorrow, will d/w team.",
    "NEURO: A+OX3. SON {F} VISITED, ASKING FOR DR {L}. BROWN STOOL X1. PLAN: CONT CURRENT CARE.",
    "Pt {f} {l} admitted 3/14 with CHF. Will follow up with cardiology. Brown stool noted.",
]


def _doc(i: int, rng: random.Random) -> dict:
    values = {"rel": rng.choice(["wife", "son"]), "f": rng.choice(FIRST), "l": rng.choice(LAST)}
    values["F"], values["L"] = values["f"].upper(), values["l"].upper()
    tpl = TEMPLATES[i % len(TEMPLATES)]
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{(\w+)\}", tpl):
        text += tpl[pos : m.start()]
        key, val = m.group(1), values[m.group(1)]
        if key != "rel":
            label = "PATIENT" if i % 4 == 3 else ("RELATIVE" if key in "fF" else "PROVIDER")
            spans.append({"start": len(text), "end": len(text) + len(val), "label": label})
        text += val
        pos = m.end()
    text += tpl[pos:]
    if "3/14" in text:
        s = text.index("3/14")
        spans.append({"start": s, "end": s + 4, "label": "DATE"})
    return {"id": f"d{i}", "text": text, "spans": spans}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("train") / "gold.jsonl"
    path.write_text("".join(json.dumps(_doc(i, rng)) + "\n" for i in range(40)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "m"
    res = runner.invoke(app, ["train", str(corpus), "-o", str(out), "--curve", "8,16", "--max-iter", "15", "-q"])
    assert res.exit_code == 0, res.output
    return out, res.stdout


def test_train_writes_a_loadable_model(trained):
    out, _ = trained
    meta = json.loads((out / "model.json").read_text())
    assert meta["format_version"] == 1
    assert {"default", "candidate", "new"} <= set(meta["thresholds"])
    assert meta["config"]["max_iter"] == 15
    assert meta["training"]["train_documents"] + meta["training"]["heldout_documents"] == 40
    from medveil.model import load_model

    m = load_model(out)
    assert m.rescore("", []) == []


def test_train_prints_learning_curve(trained):
    _, stdout = trained
    assert "learning curve" in stdout
    rows = [ln.split() for ln in stdout.splitlines() if re.match(r"\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+$", ln)]
    sizes = [int(r[0]) for r in rows]
    assert sizes[:2] == [8, 16] and sizes[-1] == 32
    for r in rows:
        assert all(0.0 <= float(x) <= 1.0 for x in r[1:])


def test_detect_uses_trained_model(trained, tmp_path):
    out, _ = trained
    src = tmp_path / "notes.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": "Seen with Dr. Okafor on 3/14. Call 617-555-0199."}) + "\n")
    res = runner.invoke(app, ["detect", str(src), "--model", str(out), "-q"])
    assert res.exit_code == 0, res.output
    line = json.loads(res.stdout.splitlines()[0])
    labels = {s["label"] for s in line["spans"]}
    assert "PHONE" in labels and "DATE" in labels


def test_train_with_base_default_and_dev(corpus, tmp_path):
    out = tmp_path / "site"
    res = runner.invoke(app, ["train", str(corpus), "--base", "default", "--dev", str(corpus), "-o", str(out),
                              "--curve", "", "--max-iter", "5", "-q"])
    assert res.exit_code == 0, res.output
    meta = json.loads((out / "model.json").read_text())
    assert meta["base"] == "default" and "base_margin" in meta["feature_names"]
    from medveil.config import DetectConfig
    from medveil.document import Document
    from medveil.model import load_model
    from medveil.pipeline import Pipeline

    site = load_model(out)
    assert site.base is not None
    doc = Document(text="Seen with Dr. Okafor on 3/14, wife Lorraine at bedside.")
    spans = site.rescore(doc, Pipeline(DetectConfig(model=None)).candidates(doc))
    assert all(0 <= sp.start < sp.end <= len(doc.text) for sp in spans)


def test_train_missing_corpus_is_one_line_error(tmp_path):
    res = runner.invoke(app, ["train", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "m")])
    assert res.exit_code == 2
    assert "medveil: error:" in res.output and "Traceback" not in res.output
