"""Gold readers on small fixtures, with CRLF line ends and non-ASCII text to check offsets."""

from __future__ import annotations

import json

import pytest

from medveil.evaluate import GoldWarning, LabelMap, detect_gold_format, load_gold
from medveil.io.readers import InputError, read_records


def spans_text(doc):
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


def test_jsonl_with_crlf_and_non_ascii(tmp_path):
    text = "Pt Zoë Ångström\r\nseen 3/4/2019 by Dr. Núñez"
    s1 = text.index("Zoë")
    s2 = text.index("3/4")
    s3 = text.index("Núñez")
    rec = {"id": "n1", "text": text, "patient_name": "Zoë Ångström",
           "spans": [{"start": s1, "end": s1 + 12, "label": "PATIENT"}, {"start": s2, "end": s2 + 8, "label": "DATE"},
                     {"start": s3, "end": s3 + 5, "label": "DOCTOR"}]}  # fmt: skip
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    [doc] = load_gold(f)
    assert doc.id == "n1" and doc.text == text
    assert spans_text(doc) == [("Zoë Ångström", "PATIENT"), ("3/4/2019", "DATE"), ("Núñez", "PROVIDER")]
    assert doc.fields == {"patient_name": "Zoë Ångström"}


def test_jsonl_bad_span_is_one_line_error(tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text('{"id": "a", "text": "x", "spans": [{"start": "?", "end": 1, "label": "ID"}]}\n')
    with pytest.raises(InputError, match="span 0"):
        load_gold(f)


def test_brat_directory_with_discontinuous_span(tmp_path):
    d = tmp_path / "brat"
    (d / "sub").mkdir(parents=True)
    text = "Café owner Jürgen (pt) Weiß\r\ncalled 555-0199.\r\n"
    (d / "sub" / "n1.txt").write_bytes(text.encode("utf-8"))
    j, w, p = text.index("Jürgen"), text.index("Weiß"), text.index("555")
    ann = (f"T1\tNAME {j} {j + 6};{w} {w + 4}\tJürgen Weiß\r\n"
           f"T2\tPHONE {p} {p + 8}\t555-0199\r\n"
           "A1\tNegated T2\r\n#1\tAnnotatorNotes T1\tnote\r\n")  # fmt: skip
    (d / "sub" / "n1.ann").write_bytes(ann.encode("utf-8"))
    (d / "empty.txt").write_text("no phi", encoding="utf-8")
    assert detect_gold_format(str(d)) == "brat"
    with pytest.warns(GoldWarning, match="no .ann"):
        docs = load_gold(d, label_map={"NAME": "PATIENT"})
    by_id = {x.id: x for x in docs}
    assert set(by_id) == {"sub/n1", "empty"}
    # ids agree with `medveil detect DIR`
    assert {r.id for r in read_records(str(d), "dir")} == set(by_id)
    n1 = by_id["sub/n1"]
    name, phone = n1.spans
    assert name.fragments == ((j, j + 6), (w, w + 4)) and name.label == "PATIENT" and name.raw_label == "NAME"
    assert n1.text[phone.start : phone.end] == "555-0199"
    assert by_id["empty"].spans == []


def test_brat_text_mismatch_warns(tmp_path):
    (tmp_path / "a.txt").write_text("Anna here", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tPATIENT 1 5\tAnna\n", encoding="utf-8")
    with pytest.warns(GoldWarning, match="do not match"):
        [doc] = load_gold(tmp_path / "a.ann")
    assert (doc.spans[0].start, doc.spans[0].end) == (1, 5)


I2B2_2006 = (
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<ROOT>\r\n<RECORD ID="101">\r\n<TEXT>\r\n'
    'Patient <PHI TYPE="PATIENT">Renée O&apos;Hara</PHI> seen at <PHI TYPE="HOSPITAL">St. Mary&amp;s</PHI>\r\n'
    'on <PHI TYPE="DATE">12/01/2001</PHI>. Dr. <PHI TYPE="DOCTOR">Ng</PHI>\r\n</TEXT>\r\n</RECORD>\r\n'
    '<RECORD ID="102">\r\n<TEXT>\r\nNo PHI &lt;here&gt;.\r\n</TEXT>\r\n</RECORD>\r\n</ROOT>\r\n'
)


def test_i2b2_2006_offsets_on_text_without_tags(tmp_path):
    f = tmp_path / "deid.xml"
    f.write_bytes(I2B2_2006.encode("utf-8"))
    assert detect_gold_format(str(f)) == "i2b2-2006"
    d1, d2 = load_gold(f)
    assert (d1.id, d2.id) == ("101", "102")
    assert d1.text == "\r\nPatient Renée O'Hara seen at St. Mary&s\r\non 12/01/2001. Dr. Ng\r\n"
    assert spans_text(d1) == [("Renée O'Hara", "PATIENT"), ("St. Mary&s", "HOSPITAL"), ("12/01/2001", "DATE"), ("Ng", "PROVIDER")]
    assert d2.text == "\r\nNo PHI <here>.\r\n" and d2.spans == []


def test_i2b2_2006_unbalanced_is_an_error(tmp_path):
    f = tmp_path / "bad.xml"
    f.write_text('<ROOT><RECORD ID="1"><TEXT>a</PHI></TEXT></RECORD></ROOT>')
    with pytest.raises(InputError, match="PHI"):
        load_gold(f, "i2b2-2006")


def make_2014(text: str, tags: list[tuple[str, str, str]]) -> str:
    out = []
    for i, (cat, typ, val) in enumerate(tags):
        s = text.index(val)
        out.append(f'<{cat} id="P{i}" start="{s}" end="{s + len(val)}" text="{val}" TYPE="{typ}" comment="" />')
    return (f'<?xml version="1.0" encoding="UTF-8" ?>\n<deIdi2b2>\n<TEXT><![CDATA[{text}]]></TEXT>\n<TAGS>\n'
            + "\n".join(out) + "\n</TAGS>\n</deIdi2b2>\n")  # fmt: skip


def test_i2b2_2014_directory_and_profession_ignored(tmp_path):
    text = "Record date: 2067-05-03\r\nMr. Ólafsson, a carpenter from Reykjavík, MRN 4459921.\r\n"
    tags = [("DATE", "DATE", "2067-05-03"), ("NAME", "PATIENT", "Ólafsson"), ("PROFESSION", "PROFESSION", "carpenter"),
            ("LOCATION", "CITY", "Reykjavík"), ("ID", "MEDICALRECORD", "4459921")]  # fmt: skip
    (tmp_path / "110-01.xml").write_bytes(make_2014(text, tags).encode("utf-8"))
    (tmp_path / "110-02.xml").write_bytes(make_2014("Nothing.", []).encode("utf-8"))
    assert detect_gold_format(str(tmp_path)) == "i2b2-2014"
    docs = load_gold(tmp_path)
    assert [d.id for d in docs] == ["110-01", "110-02"]
    assert docs[0].text == text
    assert spans_text(docs[0]) == [("2067-05-03", "DATE"), ("Ólafsson", "PATIENT"), ("Reykjavík", "CITY"), ("4459921", "MRN")]
    # PROFESSION can be scored by mapping it to a label
    docs = load_gold(tmp_path / "110-01.xml", label_map={"PROFESSION": "ORGANIZATION"})
    assert ("carpenter", "ORGANIZATION") in spans_text(docs[0])


def test_i2b2_2014_offsets_computed_on_lf_text(tmp_path):
    text_lf = "Line one\nDr. Smith saw him.\n"
    xml = make_2014(text_lf, [("NAME", "DOCTOR", "Smith")]).replace("Line one\n", "Line one\r\n")
    f = tmp_path / "a.xml"
    f.write_bytes(xml.encode("utf-8"))
    with pytest.warns(GoldWarning, match="LF"):
        [doc] = load_gold(f)
    assert doc.text == text_lf and spans_text(doc) == [("Smith", "PROVIDER")]


PHYSIONET_TEXT = (
    "START_OF_RECORD=1||||1||||\n"
    "Pt Renée Doe seen 10/3, dtr Ann called 555-1234.\n"
    "||||END_OF_RECORD\n"
    "START_OF_RECORD=1||||2||||\r\n"
    "Dr. Núñez at Beth Israel.\r\n"
    "||||END_OF_RECORD\r\n"
)


def _physionet(tmp_path, phrase_lines: list[str]):
    t = tmp_path / "id.text"
    t.write_bytes(PHYSIONET_TEXT.encode("utf-8"))
    (tmp_path / "id-phi.phrase").write_text("\n".join(phrase_lines) + "\n", encoding="utf-8")
    return t


def _phrase(body: str, pat: str, note: str, typ: str, val: str, inclusive: bool = False) -> str:
    s = body.index(val)
    return f"{pat} {note} {s} {s + len(val) - (1 if inclusive else 0)} {typ} {val}"


def test_physionet_ids_bodies_and_phrases(tmp_path):
    b1 = "Pt Renée Doe seen 10/3, dtr Ann called 555-1234.\n"
    b2 = "Dr. Núñez at Beth Israel.\r\n"
    t = _physionet(tmp_path, [
        _phrase(b1, "1", "1", "PTName", "Renée Doe"), _phrase(b1, "1", "1", "Date", "10/3"),
        _phrase(b1, "1", "1", "RelativeProxyName", "Ann"), _phrase(b1, "1", "1", "Phone", "555-1234"),
        _phrase(b2, "1", "2", "DoctorLastName", "Núñez"), _phrase(b2, "1", "2", "Hospital", "Beth Israel"),
    ])  # fmt: skip
    assert detect_gold_format(str(t)) == "physionet"
    docs = load_gold(t)
    assert [d.id for d in docs] == ["1-1", "1-2"]
    recs = list(read_records(str(t), "physionet"))
    assert [(r.id, r.text) for r in recs] == [(d.id, d.text) for d in docs]
    assert docs[1].text == b2 and docs[0].patient_id == "1"
    assert spans_text(docs[0]) == [("Renée Doe", "PATIENT"), ("10/3", "DATE"), ("Ann", "RELATIVE"), ("555-1234", "PHONE")]
    assert spans_text(docs[1]) == [("Núñez", "PROVIDER"), ("Beth Israel", "HOSPITAL")]


def test_physionet_unknown_type_and_inclusive_ends(tmp_path):
    b1 = "Pt Renée Doe seen 10/3, dtr Ann called 555-1234.\n"
    t = _physionet(tmp_path, [_phrase(b1, "1", "1", "PTName", "Renée Doe", True),
                              _phrase(b1, "1", "1", "WeirdPagerThing", "555-1234", True), "garbage line"])  # fmt: skip
    with pytest.warns(GoldWarning) as rec:
        docs = load_gold(t)
    msgs = " | ".join(str(w.message) for w in rec)
    assert "inclusive" in msgs and "WeirdPagerThing" in msgs and "line 3" in msgs
    assert spans_text(docs[0]) == [("Renée Doe", "PATIENT"), ("555-1234", "PHONE")]


def test_physionet_missing_phrase_file(tmp_path):
    t = tmp_path / "x.text"
    t.write_text(PHYSIONET_TEXT)
    with pytest.raises(InputError, match="phrase file"):
        load_gold(t)


def test_label_map_yaml(tmp_path):
    f = tmp_path / "map.yaml"
    f.write_text("name: patient\nJob: IGNORE\n")
    lm = LabelMap.load(str(f))
    assert lm.map("NAME") == "PATIENT" and lm.map("job") is None and lm.map("DOCTOR") == "PROVIDER"
    f.write_text("NAME: SURNAME\n")
    with pytest.raises(InputError, match="neither a medveil label"):
        LabelMap.load(str(f))


def test_unknown_format_and_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_gold(tmp_path / "nope.jsonl")
    f = tmp_path / "x.dat"
    f.write_text("hello")
    with pytest.raises(InputError, match="cannot tell"):
        load_gold(f)
    with pytest.raises(InputError, match="unknown gold format"):
        load_gold(f, "csv")


def test_i2b2_2014_whitespace_around_cdata_is_not_text(tmp_path):
    xml = make_2014("Seen by Dr. Ng.", [("NAME", "DOCTOR", "Ng")]).replace("<TEXT><![CDATA[", "<TEXT>\n  <![CDATA[")
    (tmp_path / "a.xml").write_text(xml.replace("]]></TEXT>", "]]>\n</TEXT>"), encoding="utf-8")
    [doc] = load_gold(tmp_path / "a.xml")
    assert doc.text == "Seen by Dr. Ng." and spans_text(doc) == [("Ng", "PROVIDER")]


def test_i2b2_2006_tolerates_a_bare_less_than_sign(tmp_path):
    f = tmp_path / "d.xml"
    f.write_text('<ROOT><RECORD ID="9"><TEXT>BP<140 and pain 3<x on <PHI TYPE="DATE">5/6</PHI></TEXT></RECORD></ROOT>')
    [doc] = load_gold(f, "i2b2-2006")
    assert doc.text == "BP<140 and pain 3<x on 5/6" and spans_text(doc) == [("5/6", "DATE")]


def test_brat_offsets_counting_a_byte_order_mark(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffDr. Ng".encode())
    (tmp_path / "a.ann").write_text("T1\tDOCTOR 5 7\tNg\n", encoding="utf-8")  # brat counts the BOM as a character
    [doc] = load_gold(tmp_path)
    assert doc.text == "Dr. Ng" and spans_text(doc) == [("Ng", "PROVIDER")]


def test_duplicate_document_ids_are_an_error(tmp_path):
    for name in ("a.xml", "b.xml"):
        (tmp_path / name).write_text('<ROOT><RECORD ID="1"><TEXT>x</TEXT></RECORD></ROOT>')
    with pytest.raises(InputError, match="appears 2 times"):
        load_gold(tmp_path)
