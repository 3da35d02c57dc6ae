"""Every detector meets the same contract, on ordinary and on odd input."""

from __future__ import annotations

import pytest

from medveil.config import DetectConfig
from medveil.document import Document
from medveil.labels import Label
from medveil.pipeline import default_detectors

ODD_INPUTS = [
    "",
    " ",
    "\n\n\n",
    "a",
    "Dr.",
    "Dr. ",
    "mrs",
    "(((((",
    "12/12/12/12/12/12",
    "ÄÖÜ ñ 中文 عربى 🙂 Dr. Ñúñez",
    "x" * 5000,
    "Dr. Smith\r\nseen 3/4\r\n",
    "PATIENT:\t\tSMITH, JOHN   MRN: 123",
    "\u00a0Dr.\u00a0Jones\u2028next line",
]


@pytest.mark.parametrize("detector", default_detectors(DetectConfig()), ids=lambda d: d.name)
@pytest.mark.parametrize("text", ODD_INPUTS)
def test_spans_are_inside_the_text_with_valid_labels(detector, text):
    doc = Document(text=text, context={"patient_name": "John Smith", "mrn": "123", "dob": "1950-01-02"})
    spans = detector.detect(doc)
    assert isinstance(spans, list)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text), (s, text)
        assert Label(s.label)
        assert 0.0 <= s.score <= 1.0
        assert s.source.startswith(detector.name)


@pytest.mark.parametrize("detector", default_detectors(DetectConfig()), ids=lambda d: d.name)
def test_detectors_do_not_modify_the_document(detector):
    doc = Document(text="Seen by Dr. Smith at Mount Auburn Hospital on 3/4/2019.", context={"patient_name": "Ann Lee"})
    before = (doc.text, dict(doc.context))
    detector.detect(doc)
    assert (doc.text, dict(doc.context)) == before
