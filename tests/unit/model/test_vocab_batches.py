"""The token vocabulary computes the rows of a note's new words in one batch: the same rows, ids and name shapes
as one word at a time."""

from __future__ import annotations

import numpy as np

from medveil import lexicons as lex
from medveil.model.features import _Vocab, name_shapes

WORDS = [
    "Lindqvist", "lindqvist", "LINDQVIST", "O'Brien", "o’brien's", "Garcia-Lopez", "Z5957827", "2014-01-02", "McKay",
    "BiPAP", "the", "of", "pecho", "tengo", "José", "Müller", "STRASSE", "Straße", "İstanbul", "Ωmega", "x²", "ǈ", "ﬁle",
    "Ａｂｃ", "١٢٣", "a", "I", "pt", "will", "Boston", "TEXAS", "Dr", "hus", "neurocytoma", "oirchinnigh", "b-12",
]


def test_name_shapes_are_name_shape_of_each_word():
    words = WORDS + ["", "x^y$", "ab$cd", "\x00a", "𝐀bc"]
    for batch in (words, words[::-1], words[:1], words[5:9]):
        assert [repr(v) for v in name_shapes(batch)] == [repr(lex.name_shape(w)) for w in batch]
    assert name_shapes([]) == []


def test_rows_are_the_same_in_a_batch_or_one_word_at_a_time():
    batch, alone = _Vocab(), _Vocab()
    ids = batch.ids(WORDS + WORDS[::-1])
    for w in WORDS:
        alone.ids([w])
    again = alone.ids(WORDS + WORDS[::-1])
    assert (ids == again).all()
    assert np.array_equal(batch.rows[ids], alone.rows[again])
    assert batch.lower_index == alone.lower_index


def _rows(vocab: _Vocab, words: list[str]) -> np.ndarray:
    ids = vocab.ids(words)  # first: a reset or a growth replaces the matrix
    return vocab.rows[ids]


def test_rows_after_a_reset_are_the_same():
    small = _Vocab(cap=5)
    first = _rows(small, WORDS)
    second = _rows(small, WORDS[:3] + ["Smith"])  # over the cap: starts afresh
    assert small.generation == 1
    assert len(small.words) == 4
    assert np.array_equal(first, _rows(_Vocab(), WORDS))
    assert np.array_equal(second, _rows(_Vocab(), WORDS[:3] + ["Smith"]))
