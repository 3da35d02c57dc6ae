"""Training excerpts (``TrainConfig.excerpts``): short pieces of the training notes, kept in their note's fold."""

from __future__ import annotations

from types import SimpleNamespace

from medveil.evaluate.gold import GoldDocument, GoldSpan
from medveil.model.train import fold_members, with_excerpts

NOTE = (
    "ADMISSION NOTE\n"
    "Pt is a 67 yo man seen by Dr. Adam Reyes on 3/4/2019 at Mercy Hospital.\n"
    "Wife Lorraine at bedside. Lives in Springfield.\n"
    "Plan: continue heparin, recheck labs in AM.\n"
)


def _doc(i: int) -> GoldDocument:
    spans = []
    for word, label in (("Adam Reyes", "PROVIDER"), ("3/4/2019", "DATE"), ("Mercy Hospital", "HOSPITAL"),
                        ("Lorraine", "RELATIVE"), ("Springfield", "CITY")):
        s = NOTE.index(word)
        spans.append(GoldSpan(s, s + len(word), label))
    return GoldDocument(f"note-{i}", NOTE, spans)


def test_an_excerpt_is_a_shorter_piece_with_its_gold_spans_moved():
    docs = [_doc(i) for i in range(40)]
    out, groups = with_excerpts(docs, 1.0, seed=3)
    excerpts = [(d, g) for d, g in zip(out, groups, strict=True) if g]
    assert len(excerpts) == 40
    for d, parent in excerpts:
        assert d.id == parent + "#excerpt"
        assert d.text in NOTE and len(d.text) < len(NOTE.strip())
        assert d.text == d.text.strip()
        for g in d.spans:  # every gold span inside the excerpt comes along, none is cut
            assert d.text[g.start : g.end] in ("Adam Reyes", "3/4/2019", "Mercy Hospital", "Lorraine", "Springfield")
        off = NOTE.index(d.text)
        inside = [g for g in _doc(0).spans if off <= g.start and g.end <= off + len(d.text)]
        assert len(d.spans) == len(inside)


def test_no_excerpts_leaves_the_corpus_as_it_is():
    docs = [_doc(i) for i in range(5)]
    out, groups = with_excerpts(docs, 0.0)
    assert out == docs and groups == [""] * 5


def test_a_one_line_document_has_no_excerpt():
    doc = GoldDocument("one", "Seen by Dr. Adam Reyes today.", [])
    out, _ = with_excerpts([doc], 1.0)
    assert out == [doc]


def test_an_excerpt_is_in_the_fold_of_its_note():
    preps = []
    for i in range(7):
        preps.append(SimpleNamespace(id=f"n{i}", group=""))
        if i % 2 == 0:
            preps.append(SimpleNamespace(id=f"n{i}#excerpt", group=f"n{i}"))
    folds = fold_members(preps, 3)
    fold_of = {preps[i].id: k for k, members in enumerate(folds) for i in members}
    for p in preps:
        if p.group:
            assert fold_of[p.id] == fold_of[p.group]
    # the notes themselves are dealt out as i % folds would deal them without excerpts
    assert [fold_of[f"n{i}"] for i in range(7)] == [i % 3 for i in range(7)]
