"""The second-pass contract: load, rescore (offsets, labels, guard), empty text, throughput-neutral API."""

from __future__ import annotations

import time

import pytest

from medveil.config import DetectConfig
from medveil.document import Document, Span
from medveil.labels import Label
from medveil.model import is_guarded, load_model
from medveil.pipeline import Pipeline

NOTES = [
    "pt resting. wife lorraine called, updated. dr vaughn aware. foley draining clear urine, brown stool x1.",
    "NEURO: A+OX3. SON MARCUS VISITED 10/25, CALL 617-555-0199. HOPE TO EXTUBATE IN AM.",
    "Mrs. Okafor was seen in clinic on Jan 3rd by Dr. Lindqvist at Mercy General Hospital, Springfield.",
    "",
]


@pytest.fixture(scope="module")
def model():
    return load_model("default")


def test_default_model_loads_fast():
    from medveil.model.core import _load_dir, default_model_dir

    t = time.perf_counter()
    _load_dir(default_model_dir())
    assert time.perf_counter() - t < 2.0


@pytest.mark.parametrize("text", NOTES)
def test_rescore_contract(model, pipeline, text):
    doc = Document(text=text)
    cands = pipeline.candidates(doc) if text else []
    out = model.rescore(doc, cands)
    for sp in out:
        assert isinstance(sp, Span)
        assert 0 <= sp.start < sp.end <= len(text)
        Label(sp.label)
        assert 0.0 <= sp.score <= 1.0
    # the guard: every strong span comes back unchanged
    strong = [s for s in cands if is_guarded(s)]
    for s in strong:
        assert s in out


def test_guard_keeps_validated_and_known_spans(model):
    text = "call 617-555-0199 re: brown stool"
    spans = [
        Span(5, 17, "PHONE", 0.95, "pattern:phone"),
        Span(22, 27, "PERSON", 0.99, "known:patient_name"),
        Span(22, 27, "PERSON", 0.9, "names:cue"),
    ]
    out = model.rescore(Document(text=text), spans)
    for s in spans:
        assert s in out


def test_empty_text(model):
    assert model.rescore(Document(text=""), []) == []
    assert Pipeline(DetectConfig(model="default")).detect("") == []


def test_pipeline_with_model_detects_and_resolves():
    pipe = Pipeline(DetectConfig(model="default"))
    spans = pipe.detect("Seen by Dr. Lindqvist on 3/4/2019; call 617-555-0199.")
    labels = {s.label for s in spans}
    assert {"PROVIDER", "DATE", "PHONE"} <= labels
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start


def test_model_drops_common_word_reading(model, pipeline):
    """'brown stool' and 'foley catheter' are clinical words: the hybrid must not flag them as names."""
    pipe = Pipeline(DetectConfig(model="default"))
    text = "foley catheter in place, draining well. brown stool x2. hope to wean today."
    flagged = {text[s.start : s.end].lower() for s in pipe.detect(text)}
    assert not flagged & {"foley", "brown", "hope"}


def test_thresholds_are_read_from_model_json(tmp_path, pipeline):
    """Thresholds saved with the model decide: 0 keeps every candidate, above 1 keeps only the guarded ones."""
    import json
    import shutil

    from medveil.model.core import _load_dir, default_model_dir

    text = "wife lorraine called. brown stool x1, hope to wean."
    doc = Document(text=text)
    cands = pipeline.candidates(doc)
    results = {}
    for value in (0.0, 1.01):
        d = tmp_path / f"m{value}"
        shutil.copytree(default_model_dir(), d)
        meta = json.loads((d / "model.json").read_text())
        meta["thresholds"] = {"default": value, "candidate": {}, "new": {}}
        (d / "model.json").write_text(json.dumps(meta))
        results[value] = _load_dir(d).rescore(doc, cands)
    guarded = [s for s in cands if is_guarded(s)]
    assert sorted(results[1.01]) == sorted(guarded)
    non_guarded = [s for s in cands if not is_guarded(s) and not s.is_veto]
    kept = {(s.start, s.end, s.label) for s in results[0.0]}
    for s in non_guarded:
        if any(c.isalnum() for c in text[s.start : s.end]):
            assert (s.start, s.end, s.label) in kept


def test_a_model_trained_on_other_features_is_refused_with_a_clear_message(tmp_path):
    import json
    import shutil

    from medveil.model.core import _load_dir, default_model_dir

    d = tmp_path / "old"
    shutil.copytree(default_model_dir(), d)
    meta = json.loads((d / "model.json").read_text())
    meta["feature_names"] = meta["feature_names"][:-1]  # as saved by a version that computed one feature less
    (d / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="trained on other features.*retrain"):
        _load_dir(d)


def test_features_do_not_depend_on_the_token_cache(pipeline):
    from medveil.model import features as F

    text = "Pt seen by Dr. Lindqvist 3/4. wife lorraine at bedside, brown stool x1."
    cands = pipeline.candidates(Document(text=text))
    tables = load_model("default").tables
    before = F.extract(text, cands, tables)[0].X
    F._VOCAB.reset()
    after = F.extract(text, cands, tables)[0].X
    assert before.shape[1] == F.n_features()
    assert (before == after).all()
