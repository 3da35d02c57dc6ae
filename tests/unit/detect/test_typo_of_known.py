"""``_typo_of_known``: one edit away from a common word, by set lookups; the same answers as the Damerau-Levenshtein
distance to every word of the word's buckets (first letter, length within one)."""

from __future__ import annotations

import importlib
import random

from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import extractOne

prior = importlib.import_module("medveil.detect.names.prior")


def _by_distance(word: str) -> bool:
    """The definition: a word of ``_known_by_shape`` with the same first letter at distance 1 or less."""
    if len(word) < 5 or not word.isalpha():
        return False
    buckets = prior._known_by_shape()
    candidates = [w for n in (len(word) - 1, len(word), len(word) + 1) for w in buckets.get((word[0], n), [])]
    return bool(candidates) and extractOne(word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=1) is not None


def _edits(word: str, rng: random.Random) -> list[str]:
    """One edit of every kind at a random place, the first letter too, and two edits."""
    i = rng.randrange(len(word))
    c = rng.choice("abcdeimnorstuzé")
    one = [word[:i] + c + word[i + 1:], word[:i] + c + word[i:], word[:i] + word[i + 1:], word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:],
           c + word[1:], word[0] + word, word[1:], word[1:2] + word[:1] + word[2:], word + c]
    return one + [w[:-2] + c + w[-1:] for w in one if len(w) > 3]


def test_typo_of_known_is_one_edit_by_distance():
    rng = random.Random(5)
    known = sorted(w for bucket in prior._known_by_shape().values() for w in bucket)
    words = ["pateint", "awaare", "patient", "lindqvist", "oirchinnigh", "ab", "abcde", "pt's", "tengo", "hospitall"]
    for w in rng.sample(known, 1500):
        words += [w, *_edits(w, rng)]
    typos = [prior._typo_of_known(w) for w in words]
    assert typos == [_by_distance(w) for w in words]
    assert 1000 < sum(typos) < len(words) - 1000  # both answers are tested
