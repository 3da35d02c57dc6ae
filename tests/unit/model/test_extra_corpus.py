"""An extra training corpus (``with_extra``): spread among the training notes, each note copied, copies in one fold."""

from __future__ import annotations

from itertools import pairwise
from types import SimpleNamespace

from medveil.model.train import fold_members, with_extra


def _docs(prefix: str, n: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=f"{prefix}{i}") for i in range(n)]


def test_extra_notes_are_copied_and_spread_evenly():
    docs, extra = _docs("t", 20), _docs("x", 3)
    out, groups = with_extra(docs, [""] * 20, extra, copies=3)
    assert len(out) == 20 + 3 * 3 and len(groups) == len(out)
    assert [d.id for d in out if d.id.startswith("t")] == [d.id for d in docs]  # the training notes keep their order
    positions = [i for i, d in enumerate(out) if d.id.startswith("x") and groups[i] == ""]
    assert len(positions) == 3 and all(b - a >= 5 for a, b in pairwise(positions))  # spread, not bunched
    for p in positions:  # each extra note, then its copies, which name it as their group
        assert [d.id for d in out[p : p + 3]] == [out[p].id] * 3
        assert groups[p + 1 : p + 3] == [out[p].id] * 2


def test_copies_of_an_extra_note_share_its_fold():
    out, groups = with_extra(_docs("t", 30), [""] * 30, _docs("x", 4), copies=3)
    preps = [SimpleNamespace(id=d.id, group=g) for d, g in zip(out, groups, strict=True)]
    folds = fold_members(preps, 5)
    fold_of: dict[str, set[int]] = {}
    for k, members in enumerate(folds):
        for i in members:
            fold_of.setdefault(preps[i].id, set()).add(k)
    assert all(len(f) == 1 for f in fold_of.values())


def test_no_extra_corpus_leaves_the_training_notes_as_they_are():
    docs = _docs("t", 5)
    assert with_extra(docs, [""] * 5, [], copies=3) == (docs, [""] * 5)


def test_extra_notes_teach_every_other_fold_but_set_no_threshold(monkeypatch):
    import numpy as np

    from medveil.model import train

    preps = [SimpleNamespace(id=f"d{i}", group="", y=np.array([1])) for i in range(10)]
    trained_on: list[set[str]] = []
    monkeypatch.setattr(train, "_fit_for", lambda rest, held, cfg, base, ref: trained_on.append({p.id for p in rest}) or object())
    monkeypatch.setattr(train, "_eval_docs", lambda model, held: [p.id for p in held])
    predicted = train.oof_eval_docs(preps, cfg=None, folds=5, skip={"d3", "d4"})
    assert sorted(predicted) == sorted(f"d{i}" for i in range(10) if i not in (3, 4))
    assert sum("d3" in ids for ids in trained_on) == 4  # trained on in every fold that does not hold it out
