"""The development benchmark build: offsets, labels, splits, surrogates (reads ../shared/data)."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import (  # noqa: E402
    CorpusError,
    asq,
    build,
    default_data_dir,
    mtsamples,
    presidio,
    resolve_overlaps,
    synthea,
    validate_doc,
)
from benchmarks.splits import split_of  # noqa: E402

from medveil.labels import Label  # noqa: E402

DATA = default_data_dir()
needs_data = pytest.mark.skipif(
    not (DATA / "asq-phi").is_dir(),
    reason=f"the shared development data ({DATA}) is absent; set MEDVEIL_SHARED_DATA to run these tests",
)
SOURCES = ("asq", "mtsamples", "synthea", "presidio")
LABELS = {str(lab) for lab in Label}


@pytest.fixture(scope="module")
def small() -> dict:
    return build.build(DATA, sources=SOURCES, limit=6, write=False)


def _check_doc(d: dict) -> None:
    text = d["text"]
    prev_end = 0
    for s in d["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(text), s
        assert s["start"] >= prev_end, "spans must be sorted and must not overlap"
        assert s["label"] in LABELS
        covered = text[s["start"] : s["end"]]
        assert covered == covered.strip() and covered
        prev_end = s["end"]


@needs_data
def test_small_build_every_source(small):
    docs = small["_docs"]
    by_source = defaultdict(list)
    for d in docs:
        by_source[d["source"]].append(d)
        _check_doc(d)
        assert d["id"].startswith(d["source"] + ":")
        assert set(d["spans"][0]) == {"start", "end", "label"} if d["spans"] else True
    assert set(by_source) == set(SOURCES)
    for src in SOURCES:
        assert any(d["spans"] for d in by_source[src]), f"no labelled document from {src}"


@needs_data
def test_split_rule_is_followed(small):
    for d in small["_docs"]:
        key = f"synthea:{d['patient_id']}" if d["source"] == "synthea" else d["id"]
        assert d["split"] == split_of(key)


@needs_data
def test_synthea_patient_notes_share_one_split():
    docs = synthea.load(DATA, limit=4)
    splits = defaultdict(set)
    for d in docs:
        splits[d["patient_id"]].add(d["split"])
        assert d["patient_name"] and d["dob"] and d["mrn"]
        assert not any(ch.isdigit() for ch in d["patient_name"]), "digit suffixes must be removed"
        for s in d["spans"]:
            if s["label"] == "PATIENT":
                assert not any(ch.isdigit() for ch in d["text"][s["start"] : s["end"]])
    assert len(splits) >= 5
    assert all(len(v) == 1 for v in splits.values())
    # the test split holds whole patients, never some of their notes
    assert {split_of(f"synthea:{p}") for p in splits} >= {"train"}


@needs_data
def test_synthea_cap_keeps_at_most_cap_notes_per_patient():
    docs = synthea.load(DATA, cap=3)
    per = defaultdict(int)
    for d in docs:
        per[d["patient_id"]] += 1
    assert max(per.values()) <= 3


@needs_data
def test_asq_values_become_spans():
    docs = asq.load(DATA, limit=40)
    parsed = asq.parse(DATA / "asq-phi" / "synthetic_clinical_queries.txt")[:40]
    for d, (text, tags) in zip(docs, parsed, strict=True):
        assert d["text"] == text
        covered = "".join(text[s["start"] : s["end"]] for s in d["spans"])
        for tag in tags:
            if tag["identifier_type"] != "GEOGRAPHIC_LOCATION":
                # every tagged value (trimmed of sentence punctuation and title) lies inside a span
                core = asq.LEADING_TITLE.sub("", asq._trim_value(tag["value"]))
                assert core in covered or core.replace("'", "\u2019") in covered, (tag, d["spans"])
        if not tags:
            assert d["spans"] == [] and d["hard_negative"]


def test_asq_trim_keeps_initials():
    assert asq._trim_value("Anna S.") == "Anna S."
    assert asq._trim_value("Boston.") == "Boston"
    assert asq._trim_value("Jan 5, 2023,") == "Jan 5, 2023"


@needs_data
def test_asq_geo_parts():
    text = "seen at Mayo Clinic in Rochester, MN on May 1"
    value = "Mayo Clinic in Rochester, MN"
    st = text.index(value)
    labels = [
        asq._geo_part_label(value[a:b], after_comma=c, before_text=text[:st])
        for a, b, c in asq._split_geo(value)
    ]
    assert labels == ["HOSPITAL", "CITY", "STATE"]


def test_presidio_mapping_rules():
    assert presidio.date_part("1971") is None
    assert presidio.date_part("Monday") is None
    assert presidio.date_part("3pm") is None
    assert presidio.date_part("1992-11-12 07:04:41") == (0, 10)
    assert presidio.date_part("9/25/1945") == (0, 9)
    assert presidio.gpe_label("Switzerland") == "COUNTRY"
    assert presidio.gpe_label("Texas") == "STATE"
    assert presidio.gpe_label("Acquapendente") == "CITY"


@needs_data
def test_presidio_ages_only_over_89():
    for d in presidio.load(DATA):
        for s in d["spans"]:
            if s["label"] == "AGE":
                assert int(d["text"][s["start"] : s["end"]]) > 89


@needs_data
def test_mtsamples_placeholders_become_labelled_surrogates():
    text = (
        "Mr. Abc is a 72-year-old man seen by Dr. X at ABCD General Hospital on MM/DD/YYYY.\n"
        "Mr. Abc lives in the XYZ area. Follow up with Dr. X in 2 weeks."
    )
    out, spans = mtsamples.convert(text, "mtsamples:unit-test.txt", "train", DATA)
    doc = {"id": "mtsamples:unit-test.txt", "text": out, "spans": spans, "split": "train"}
    validate_doc(doc)
    labels = [s["label"] for s in spans]
    assert labels.count("PATIENT") == 2 and labels.count("PROVIDER") == 2
    assert "HOSPITAL" in labels and "DATE" in labels and "CITY" in labels
    for ph in ("Abc", "ABCD", "XYZ", "MM/DD/YYYY", "Dr. X "):
        assert ph not in out
    meta: dict = {}
    mtsamples.convert(text, "mtsamples:unit-test.txt", "train", DATA, meta=meta)
    last = meta["patient_name"].split()[-1]
    assert last.casefold() in out.casefold()
    # deterministic: the same key gives the same surrogates
    assert mtsamples.convert(text, "mtsamples:unit-test.txt", "train", DATA) == (out, spans)
    assert mtsamples.convert(text, "mtsamples:other.txt", "train", DATA)[0] != out


@needs_data
def test_mtsamples_real_dates_and_old_ages():
    text = "She was admitted on 08/21/2003 and again in January 2004. This 93-year-old woman rates pain 5/10."
    out, spans = mtsamples.convert(text, "mtsamples:dates.txt", "dev", DATA)
    got = {(out[s["start"] : s["end"]], s["label"]) for s in spans}
    assert got == {("08/21/2003", "DATE"), ("January 2004", "DATE"), ("93", "AGE")}


@needs_data
def test_mtsamples_unclear_placeholder_is_left_out():
    with pytest.raises(mtsamples.Doubt):
        mtsamples.convert("Vitals: pulse XXX, temperature XXX.", "mtsamples:t.txt", "train", DATA)


@needs_data
def test_test_split_surrogate_names_are_disjoint_from_train():
    pools = mtsamples.name_pools()
    for kind in ("first", "last"):
        assert pools["train"][kind] and pools["test"][kind]
        assert not set(pools["train"][kind]) & set(pools["test"][kind])


def test_validate_doc_fails_loudly():
    good = {
        "id": "x:1",
        "text": "Seen by Dr. Smith.",
        "split": "dev",
        "spans": [{"start": 12, "end": 17, "label": "PROVIDER"}],
    }
    validate_doc(good)
    bad = [
        {**good, "spans": [{"start": 12, "end": 18, "label": "PROVIDER", "value": "Smith"}]},
        {**good, "spans": [{"start": 11, "end": 17, "label": "PROVIDER"}]},  # leading space
        {**good, "spans": [{"start": 12, "end": 17, "label": "DOCTOR"}]},
        {**good, "spans": [{"start": 12, "end": 99, "label": "PROVIDER"}]},
        {
            **good,
            "spans": [
                {"start": 12, "end": 17, "label": "PROVIDER"},
                {"start": 14, "end": 17, "label": "PERSON"},
            ],
        },
        {**good, "split": "holdout"},
    ]
    for doc in bad:
        with pytest.raises(CorpusError):
            validate_doc(doc)


def test_resolve_overlaps_keeps_longer():
    spans = [
        {"start": 0, "end": 5, "label": "CITY"},
        {"start": 0, "end": 12, "label": "HOSPITAL"},
        {"start": 20, "end": 25, "label": "DATE"},
    ]
    assert [s["label"] for s in resolve_overlaps(spans)] == ["HOSPITAL", "DATE"]


@needs_data
def test_build_is_deterministic(small):
    again = build.build(DATA, sources=SOURCES, limit=6, write=False)
    assert again["_docs"] == small["_docs"]
