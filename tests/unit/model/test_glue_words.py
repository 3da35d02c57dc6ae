"""Words the model never tags alone (function words, common words seldom a name): when they join a name.

``glue_kept(word, label before, label after)`` — the labels of the flagged words on each side, None
when a side is not flagged.
"""

from __future__ import annotations

import numpy as np
import pytest

from medveil.model.core import glue_kept, glue_mask, glue_only
from medveil.model.features import _VOCAB


@pytest.mark.parametrize(
    ("word", "before", "after", "kept", "why"),
    [
        ("of", "ORGANIZATION", "ORGANIZATION", True, "University of Utah"),
        ("of", "HOSPITAL", "CITY", True, "Hospital of Springfield"),
        ("and", "ORGANIZATION", "ORGANIZATION", True, "Johnson and Johnson"),
        ("of", "PERSON", "ORGANIZATION", False, "Dr. Mališ of Importio: two names, not one"),
        ("and", "PATIENT", "PATIENT", False, "Rudi and Campos"),
        ("of", None, "ORGANIZATION", False, "a function word needs a name on both sides"),
        ("the", None, "LOCATION", False, "the Miller Library: a leading article stays outside"),
        ("the", "HOSPITAL", "HOSPITAL", True, "inside a name"),
        ("a", "PROVIDER", "PROVIDER", True, "the initial of John A. Leiva"),
        ("a", None, "PROVIDER", True, "A. Lemaître"),
        ("a", "PATIENT", None, True, "Robert A."),
        ("center", "HOSPITAL", None, True, "a common word beside a flagged name: NEW RASMUSSEN SENIOR CENTER"),
        ("progress", None, None, False, "never alone"),
        ("of", None, None, False, "never alone"),
    ],
)
def test_glue_kept(word, before, after, kept, why):
    assert glue_kept(word, before, after) is kept, why


@pytest.mark.parametrize("word", ["of", "the", "and", "Progress", "pt", "will", "support"])
def test_glue_words(word):
    ids = _VOCAB.ids([word])
    row = _VOCAB.rows[ids]
    assert glue_only(word.lower(), row[0])
    assert bool(glue_mask(row)[0])


@pytest.mark.parametrize("word", ["Smith", "Okafor", "Lindqvist", "Z5957827"])
def test_names_are_not_glue(word):
    row = _VOCAB.rows[_VOCAB.ids([word])]
    assert not glue_only(word.lower(), row[0])
    assert not bool(glue_mask(row)[0])


def test_glue_mask_matches_glue_only_on_every_word():
    words = "the patient Brown was seen by Hope at Mercy General of Springfield and will Progress NPN Smith".split()
    rows = _VOCAB.rows[_VOCAB.ids(words)]
    assert glue_mask(rows).tolist() == [glue_only(w.lower(), r) for w, r in zip(words, rows, strict=True)]
    assert np.asarray(glue_mask(rows)).dtype == bool


@pytest.mark.parametrize(
    ("text", "word", "is_key"),
    [
        ("Author: Dr. Casper\nFacility: OVERLAND PARK REG MED CTR", "Facility", True),
        ("Plan: extubate in AM", "Plan", True),
        ("  Facility: Mercy", "Facility", True),
        ("Ubul: What a wonderful day", "Ubul", False),  # a speaker's name: not a known word
        ("seen at the Facility: Mercy", "Facility", False),  # not at the start of the line
        ("Facility Mercy", "Facility", False),  # no colon
    ],
)
def test_field_key(text, word, is_key):
    from medveil.model.core import field_key

    start = text.index(word)
    row = _VOCAB.rows[_VOCAB.ids([word])][0]
    assert field_key(text, start, start + len(word), row) is is_key
