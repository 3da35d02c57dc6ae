"""The quick scorer of threshold tuning decides glue words as ``Model.rescore`` does: a function word only
inside a name that is not a person's, any glue word only beside a word that is kept under the thresholds
being tried — so the recall it reports is the recall the model reaches."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")  # the training module imports scikit-learn

from medveil.model.train import _doc_score, _EvalDoc, _Glue  # noqa: E402


def _doc(text: str, gold: list[tuple[str, str]], units: list[tuple[str, str, str, float]],
         glue: list[tuple[str, float, str | None, str | None]]) -> _EvalDoc:
    """``units``: (word, kind, label, p); ``glue``: (word, p, word before, word after) where the neighbours
    name units, other glue words, or None."""
    def at(word: str) -> tuple[int, int]:
        s = text.index(word)
        return s, s + len(word)

    alnum = np.fromiter((c.isalnum() for c in text), dtype=bool, count=len(text))
    gold_spans = [(*at(w), lab) for w, lab in gold]
    gmask = np.zeros(len(text), dtype=bool)
    for s, e, _ in gold_spans:
        gmask[s:e] = True
    unit_rows = [(*at(w), kind, lab, p) for w, kind, lab, p in units]
    index = {w: k for k, (w, *_) in enumerate(units)}
    glued = {w: k for k, (w, *_) in enumerate(glue)}
    glue_rows = [_Glue(*at(w), "ORGANIZATION", p, w.lower(), None, (index[b],) if b in index else (), glued.get(b, -1),
                       None, (index[a],) if a in index else (), glued.get(a, -1)) for w, p, b, a in glue]
    return _EvalDoc(gold_spans, alnum, np.concatenate([[0], np.cumsum(gmask)]), [], unit_rows, glue_rows)


def _caught(doc: _EvalDoc, thr: dict[tuple[str, str], float] | None = None, default: float = 0.5) -> int:
    return _doc_score(doc, thr or {}, default)[1]


def test_a_function_word_between_two_kept_words_of_an_organization_is_kept():
    doc = _doc("at University of Utah today", [("University of Utah", "ORGANIZATION")],
               [("University", "cand", "ORGANIZATION", 0.9), ("Utah", "new", "ORGANIZATION", 0.8)],
               [("of", 0.7, "University", "Utah")])
    assert _caught(doc) == 1


def test_a_glue_word_beside_a_new_word_the_thresholds_drop_is_not_kept():
    doc = _doc("at University of Utah today", [("University of Utah", "ORGANIZATION")],
               [("University", "cand", "ORGANIZATION", 0.9), ("Utah", "new", "ORGANIZATION", 0.8)],
               [("of", 0.7, "University", "Utah")])
    assert _caught(doc, {("new", "ORGANIZATION"): 0.9}) == 0


def test_a_function_word_between_two_person_names_is_not_kept():
    doc = _doc("Rudi and Campos came", [("Rudi", "PATIENT"), ("Campos", "PATIENT")],
               [("Rudi", "cand", "PATIENT", 0.9), ("Campos", "new", "PATIENT", 0.9)],
               [("and", 0.9, "Rudi", "Campos")])
    _, caught, _, _, tp, fp = _doc_score(doc, {}, 0.5)
    assert (caught, tp, fp) == (2, 2, 0)  # two names, not one span "Rudi and Campos"


def test_a_common_word_before_a_kept_new_word_is_kept():
    doc = _doc("NEW RASMUSSEN CENTER", [("NEW RASMUSSEN CENTER", "ORGANIZATION")],
               [("RASMUSSEN", "new", "ORGANIZATION", 0.9)],
               [("NEW", 0.6, None, "RASMUSSEN"), ("CENTER", 0.6, "RASMUSSEN", None)])
    assert _caught(doc) == 1
    assert _caught(doc, {("new", "ORGANIZATION"): 0.95}) == 0


def test_a_glue_word_leans_on_a_kept_glue_word_after_it():
    """Two numbers before a street name: the second leans on the street, the first on the second."""
    doc = _doc("lives at 846 31 Rue Al Imam", [("846 31 Rue Al Imam", "STREET")],
               [("Rue Al Imam", "new", "STREET", 0.9)],
               [("846", 0.6, None, "31"), ("31", 0.6, "846", "Rue Al Imam")])
    assert _caught(doc) == 1
    assert _caught(doc, {("new", "ORGANIZATION"): 0.7}) == 0
