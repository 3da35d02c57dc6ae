from __future__ import annotations

import pytest

from medveil.io.readers import InputError, read_records


def test_jsonl_keeps_order_context_and_reports_bad_lines(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "hello", "patient_name": "Jo"}\n{bad json\n{"id": "c"}\n', encoding="utf-8")
    recs = list(read_records(str(p)))
    assert [r.id for r in recs] == ["a", "line-2", "c"]
    assert recs[0].fields == {"patient_name": "Jo"} and recs[0].error is None
    assert "malformed JSON" in recs[1].error
    assert "no string field 'text'" in recs[2].error


def test_csv_with_columns(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text('note_id,body,mrn\n7,"Seen by Dr. Who, today",123\n', encoding="utf-8")
    recs = list(read_records(str(p), text_column="body", id_column="note_id"))
    assert recs[0].id == "7" and recs[0].text == "Seen by Dr. Who, today" and recs[0].fields["mrn"] == "123"
    with pytest.raises(InputError, match="no column 'text'"):
        list(read_records(str(p)))


def test_physionet_records_use_body_offsets(tmp_path):
    p = tmp_path / "id.text"
    p.write_text("START_OF_RECORD=1||||1||||\nPt seen 3/4.\n||||END_OF_RECORD\nSTART_OF_RECORD=1||||2||||\nok\n||||END_OF_RECORD\n")
    recs = list(read_records(str(p)))
    assert [(r.id, r.text) for r in recs] == [("1-1", "Pt seen 3/4.\n"), ("1-2", "ok\n")]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01\x02binary", "binary"), (b"caf\xe9 au lait", "not valid UTF-8")],
)
def test_unreadable_input_is_one_clear_error(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(read_records(str(p)))


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_records(str(tmp_path / "nope.jsonl")))
