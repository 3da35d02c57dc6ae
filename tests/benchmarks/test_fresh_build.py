"""The fresh set's markup converts to exact gold spans, and bad markup stops with the note's id."""

import pytest
from benchmarks.fresh.build import HERE, MarkupError, convert, notes, split_of


def test_markup_becomes_spans_on_the_plain_text():
    doc = convert("Pt [[PATIENT|Ana Ruiz]] seen [[DATE|3/4]] by Dr. [[PROVIDER|Kerr]].\n", "X01")
    assert doc["text"] == "Pt Ana Ruiz seen 3/4 by Dr. Kerr.\n"
    assert [doc["text"][s["start"]:s["end"]] for s in doc["spans"]] == ["Ana Ruiz", "3/4", "Kerr"]
    assert [s["label"] for s in doc["spans"]] == ["PATIENT", "DATE", "PROVIDER"]


@pytest.mark.parametrize("raw", ["[[NAME|Ana]]", "[[PATIENT| Ana]]", "[[PATIENT|Ana]"])
def test_bad_markup_names_the_note(raw):
    with pytest.raises(MarkupError, match="X02"):
        convert(raw, "X02")


def test_the_shipped_notes_convert_and_split_in_halves():
    docs = [d for p in sorted(HERE.glob("notes-*.txt")) for d in notes(p)]
    assert len(docs) == 1545
    assert sum(split_of(d["id"]) == "dev" for d in docs) == 774
    for d in docs:
        for s in d["spans"]:
            assert d["text"][s["start"]:s["end"]].strip() == d["text"][s["start"]:s["end"]]


def test_the_training_notes_convert_and_never_share_an_id_with_the_measured_ones():
    measured = {d["id"] for p in HERE.glob("notes-*.txt") for d in notes(p)}
    train = [d for p in sorted(HERE.glob("train-*.txt")) for d in notes(p)]
    assert len(train) >= 120
    assert not measured & {d["id"] for d in train}
