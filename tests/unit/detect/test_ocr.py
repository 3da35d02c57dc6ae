"""Unit tests for the OCR letters view: damaged words read as letters, codes and typed notes left alone."""

from __future__ import annotations

import pytest

from medveil.detect.ocr import ocr_letters
from medveil.document import Document
from medveil.pipeline import Pipeline

SCANNED = "Dr . Sy1via Fe1dman\nMEM0RIAL H0SPITAL\nPATIENT :  WASHlNGTON ,  DELORES\nreferraI from 0wusu-Ansah"


def test_damaged_words_read_as_letters_at_the_same_offsets():
    norm, changed = ocr_letters(SCANNED)
    assert len(norm) == len(SCANNED)
    assert norm == "Dr . Sylvia Feldman\nMEMORIAL HOSPITAL\nPATIENT :  WASHINGTON ,  DELORES\nreferral from Owusu-Ansah"
    assert [SCANNED[k] for k in changed] == ["1", "1", "0", "0", "l", "I", "0"]


@pytest.mark.parametrize(
    "text",
    [
        "HbA1c 7.2, G2P1A1, B12 ok, T10 level, 10mcg x10, FiO2 40%, C1-C2",  # codes and units: no word to correct
        "Seen by Dr. Sy1via today.",  # one damaged word is a typo, not a scanned note
    ],
)
def test_codes_and_typed_notes_are_left_alone(text):
    assert ocr_letters(text) is None


def test_pipeline_adds_only_spans_a_corrected_character_made():
    _, changed = ocr_letters(SCANNED)
    ocr = [s for s in Pipeline().candidates(Document(SCANNED)) if s.source.endswith(":ocr")]
    assert {SCANNED[s.start : s.end] for s in ocr} >= {"Sy1via", "Fe1dman", "MEM0RIAL H0SPITAL", "WASHlNGTON"}
    assert all(any(s.start <= k < s.end for k in changed) for s in ocr)
    found = {SCANNED[s.start : s.end]: s.label for s in Pipeline().detect(SCANNED)}
    assert "Sy1via Fe1dman" in found
    assert found["MEM0RIAL H0SPITAL"] == "HOSPITAL"
