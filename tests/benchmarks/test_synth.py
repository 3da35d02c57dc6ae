"""The synthetic note generator: determinism, exact gold offsets, casing, negatives, disjoint pools."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import synth, synth_core, synth_nursing, synth_pools, synth_reports  # noqa: E402

from medveil.labels import Label  # noqa: E402

N_DOCS = 240
NAME_LIKE = {"PATIENT", "PROVIDER", "RELATIVE", "PERSON", "CITY", "STREET", "HOSPITAL", "COUNTRY", "ORGANIZATION"}


def _xml_cased(value: str, mode: str) -> str:
    out = synth_core.apply_casing(value, mode)
    for ent in ("&amp;", "&lt;", "&gt;", "&quot;"):
        out = out.replace(ent.upper(), ent)
    return out


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[dict]]:
    return {split: synth.generate_annotated(N_DOCS, 11, split) for split in synth_pools.SPLITS}


def test_deterministic_and_prefix_stable():
    a = synth.generate(25, 3, "dev")
    assert a == synth.generate(25, 3, "dev")
    assert synth.generate(10, 3, "dev") == a[:10]
    assert synth.generate(10, 4, "dev") != a[:10]
    assert synth.generate(10, 3, "train") != a[:10]


def test_same_output_whatever_the_hash_seed():
    code = ("import hashlib, json, sys; sys.path.insert(0, sys.argv[1]); from benchmarks.corpus.synth import generate; "
            "print(hashlib.sha1(json.dumps(generate(40, 2, 'test')).encode()).hexdigest())")
    digests = {
        subprocess.run([sys.executable, "-c", code, str(ROOT)], env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_gold_form(corpora):
    keys = {"id", "text", "spans", "source", "style", "patient_id", "patient_name", "mrn", "dob"}
    docs = synth.generate(20, 11, "test")
    for i, d in enumerate(docs):
        assert set(d) == keys
        assert d["id"] == f"synth:test-{i}"
        assert d["source"] == "synth" and d["style"] in synth.STYLES
        assert len(d["dob"]) == 10 and d["dob"][4] == "-"
    ids = [d["patient_id"] for docs in corpora.values() for d in docs]
    assert len(ids) == len(set(ids))


def test_offsets_exact_sorted_and_labels_valid(corpora):
    for docs in corpora.values():
        for d in docs:
            text, spans = d["text"], d["spans"]
            assert len(spans) == len(d["values"]) > 0
            last = 0
            for s, v in zip(spans, d["values"], strict=True):
                Label(s["label"])  # raises for a label outside the taxonomy
                assert last <= s["start"] < s["end"] <= len(text)
                last = s["end"]
                got = text[s["start"] : s["end"]]
                assert got == got.strip()
                if d["style"] == "xml_export":  # casing only touches the <note>
                    assert got in {_xml_cased(v, m) for m in ("mixed", "lower", "upper")}
                else:
                    assert got == synth_core.apply_casing(v, d["casing"])


def test_all_styles_and_many_labels(corpora):
    docs = corpora["train"]
    assert set(d["style"] for d in docs) == set(synth.STYLES)
    labels = Counter(s["label"] for d in docs for s in d["spans"])
    for lab in ("PATIENT", "PROVIDER", "RELATIVE", "DATE", "PHONE", "FAX", "MRN", "ID", "STREET", "CITY", "STATE", "ZIP",
                "HOSPITAL", "ORGANIZATION", "COUNTRY", "EMAIL"):
        assert labels[lab] > 0, lab


def test_casing_variants_present(corpora):
    nursing = [d for docs in corpora.values() for d in docs if d["style"] == "icu_nursing"]
    by_case = Counter(d["casing"] for d in nursing)
    assert by_case["lower"] and by_case["upper"] and by_case["mixed"]
    for d in nursing:
        t = d["text"]
        if d["casing"] == "lower":
            assert t == t.lower()
        elif d["casing"] == "upper":
            assert sum(c.islower() for c in t) <= 2  # only characters without a one-letter upper case form
        else:
            assert t != t.lower() and t != t.upper()


def test_negatives_never_inside_spans(corpora):
    kinds = Counter()
    for docs in corpora.values():
        for d in docs:
            for n in d["negatives"]:
                kinds[n["kind"]] += 1
                for s in d["spans"]:
                    assert not (s["start"] < n["end"] and n["start"] < s["end"]), (d["id"], n, s)
    assert {"eponym", "word", "code", "ratio"} <= set(kinds)


def test_name_like_words_written_as_negatives(corpora):
    written = {d["text"][n["start"] : n["end"]].lower() for docs in corpora.values() for d in docs for n in d["negatives"]}
    words = {w for phrase in written for w in phrase.replace("-", " ").split()}
    for w in ("will", "may", "rose", "brown", "frank", "amber", "green", "black", "white", "hope", "fall", "march",
              "parkinson's", "foley", "babinski"):
        assert w in words, w


def test_negative_phrases_not_labelled_anywhere(corpora):
    """Eponyms and code-like tokens written by any template are never part of a gold span."""
    risky = ("Parkinson", "Huntington", "Foley", "Swan-Ganz", "Babinski", "Apgar", "Bankart", "Glasgow", "Hodgkin",
             "G2P1A1", "T4N0M0", "C6C7T1", "S1S2")
    for docs in corpora.values():
        for d in docs:
            for s in d["spans"]:
                v = d["text"][s["start"] : s["end"]].lower()
                assert not any(r.lower() in v for r in risky), (d["id"], v)


def test_age_spans_are_over_89(corpora):
    for docs in corpora.values():
        for d in docs:
            for s in d["spans"]:
                if s["label"] == "AGE":
                    assert int(d["text"][s["start"] : s["end"]]) > 89


def test_xml_exports_are_well_formed(corpora):
    xmls = [d for docs in corpora.values() for d in docs if d["style"] == "xml_export"]
    assert xmls
    for d in xmls:
        root = ET.fromstring(d["text"].encode("utf-8"))
        assert root.tag == "record" and root.find("patient") is not None and root.find("note") is not None


def _norm(v: str) -> str:
    return synth_pools.ascii_fold(v).lower()


def test_pools_disjoint_between_splits():
    pools = {s: synth_pools.SplitPools(s) for s in synth_pools.SPLITS}
    for a, b in (("train", "test"), ("train", "dev"), ("dev", "test")):
        pa, pb = pools[a], pools[b]
        assert not {_norm(x) for x in pa.all_first} & {_norm(x) for x in pb.all_first}
        assert not {_norm(x) for x in pa.all_last} & {_norm(x) for x in pb.all_last}
        assert not set(pa.street_bases) & set(pb.street_bases)
        assert not set(pa.real_cities) & set(pb.real_cities)
        assert not set(pa.saints) & set(pb.saints)
    # nicknames live with their formal name
    for formal, nicks in synth_pools.NICKNAMES.items():
        for n in nicks:
            if synth_pools._NICK_OF.get(n) == formal:
                assert synth_pools.first_name_split(n) == synth_pools.first_name_split(formal)


def test_generated_surrogates_disjoint_between_train_and_test(corpora):
    def values(split):
        out = set()
        for d in corpora[split]:
            for s in d["spans"]:
                if s["label"] in NAME_LIKE:
                    out.add(_norm(d["text"][s["start"] : s["end"]]))
        return out

    assert not values("train") & values("test")


def test_foreign_names_and_name_shapes_present():
    docs = synth.generate_annotated(600, 5, "train")
    names = [v for d in docs for v, s in zip(d["values"], d["spans"], strict=True) if s["label"] in ("PATIENT", "RELATIVE", "PROVIDER")]
    assert any("-" in n for n in names)
    assert any("'" in n for n in names)
    assert any(n.split()[0] in ("van", "de", "von", "da", "del", "di", "dos", "le", "ter") for n in names if " " in n
               ) or any(" van " in n or " de " in n or " von " in n for n in names)
    assert any(not n.isascii() for n in names)
    assert any(len(n) == 2 and n.isupper() for n in names) or any(len(n) == 4 and n[1] == "." for n in names)


def test_held_out_templates_partition():
    lists = [synth_nursing.SOCIAL, synth_nursing.SUMMARY, synth_nursing.NEURO, synth_reports.HPI, synth_reports.LETTER_BODY]
    for options in lists:
        train, test = synth_core.partition(tuple(options))
        assert train and test and not set(train) & set(test)
        assert set(train) | set(test) == set(options)
    rng = __import__("random").Random(0)
    train, test = synth_core.partition(tuple(synth_nursing.SOCIAL))
    assert {synth_core.choose(rng, synth_nursing.SOCIAL, "test") for _ in range(200)} <= set(test)
    assert {synth_core.choose(rng, synth_nursing.SOCIAL, "dev") for _ in range(200)} <= set(train)


def test_unknown_split_rejected():
    with pytest.raises(ValueError):
        synth.generate(1, 0, "validation")
