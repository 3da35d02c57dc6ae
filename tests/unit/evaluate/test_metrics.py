"""The metrics on hand-computed cases (see docs/evaluate.md for the definitions)."""

from __future__ import annotations

import pytest

from medveil.evaluate import GoldDocument, GoldSpan, PredSpan, merge_overlapping, score


def gd(doc_id: str, text: str, *spans: tuple[int, int, str]) -> GoldDocument:
    return GoldDocument(doc_id, text, [GoldSpan(s, e, lab, lab) for s, e, lab in spans])


def ps(*spans: tuple[int, int, str]) -> list[PredSpan]:
    return [PredSpan(s, e, lab) for s, e, lab in spans]


def run(docs, preds, **kw):
    return score(docs, preds, bootstrap=0, **kw)


def test_partial_cover_is_a_miss_and_non_alnum_gaps_do_not_matter():
    doc = gd("d", "John Smith came", (0, 10, "PATIENT"))
    assert run([doc], {"d": ps((0, 4, "PATIENT"))}).overall["caught"] == 0
    assert run([doc], {"d": ps((0, 9, "PATIENT"))}).overall["caught"] == 0
    # the space between the two pieces is not a letter or digit: both pieces together catch the span
    r = run([doc], {"d": ps((0, 4, "PATIENT"), (5, 10, "PATIENT"))})
    assert (r.overall["gold"], r.overall["caught"], r.overall["recall"]) == (1, 1, 1.0)
    # the two touching-free pieces are two predicted units, both touching the gold span
    assert (r.overall["tp"], r.overall["fp"]) == (2, 0)


def test_gold_span_without_letters_or_digits_is_excluded():
    doc = gd("d", "a -- b", (2, 4, "ID"), (0, 1, "ID"))
    r = run([doc], {"d": []})
    assert r.overall["gold"] == 1 and r.overall["excluded_no_alnum"] == 1
    assert r.labels["ID"]["gold"] == 1


def test_touching_predictions_stay_apart_overlapping_ones_merge():
    doc = gd("d", "abcdefgh XYZ", (0, 2, "ID"))
    r = run([doc], {"d": ps((0, 4, "ID"), (4, 8, "ID"))})
    assert (r.overall["tp"], r.overall["fp"]) == (1, 1)
    r = run([doc], {"d": ps((0, 5, "ID"), (3, 8, "ID"))})
    assert (r.overall["tp"], r.overall["fp"]) == (1, 0)
    # a chain a-b, b-c merges transitively into one unit even though a and c do not overlap
    r = run([doc], {"d": ps((9, 10, "ID"), (9, 11, "ID"), (10, 12, "ID"))})
    assert (r.overall["tp"], r.overall["fp"]) == (0, 1)
    assert merge_overlapping([(0, 4), (4, 8), (3, 5), (10, 12), (10, 12)]) == [(0, 8), (10, 12)]


def test_duplicates_are_counted_once_and_precision_touch_is_any_character():
    doc = gd("d", "John Smith here", (0, 10, "PATIENT"))
    r = run([doc], {"d": ps((11, 15, "ID"), (11, 15, "ID"), (11, 15, "DATE"))})
    assert (r.overall["tp"], r.overall["fp"]) == (0, 1)  # label-blind: one unit
    assert r.overall["label_aware"]["fp"] == 2  # label-aware: one unit per label
    # a predicted span covering only the space inside the gold span shares a character with it
    r = run([doc], {"d": ps((4, 5, "PATIENT"))})
    assert (r.overall["tp"], r.overall["fp"], r.overall["caught"]) == (1, 0, 0)


def test_label_blind_versus_label_aware():
    doc = gd("d", "Anna met Bob on 3/4", (0, 4, "PATIENT"), (9, 12, "PROVIDER"), (16, 19, "DATE"))
    preds = {"d": ps((0, 4, "PROVIDER"), (9, 12, "PROVIDER"), (16, 19, "DATE"))}
    r = run([doc], preds)
    o = r.overall
    assert (o["gold"], o["caught"], o["tp"], o["fp"]) == (3, 3, 3, 0)
    a = o["label_aware"]
    assert (a["gold"], a["caught"], a["tp"], a["fp"]) == (3, 2, 2, 1)
    pat = r.labels["PATIENT"]
    assert (pat["caught"], pat["label_aware"]["caught"]) == (1, 0)
    assert pat["tp"] + pat["fp"] == 0 and pat["precision"] is None  # no PATIENT predictions: undefined
    prov = r.labels["PROVIDER"]
    # PROVIDER predictions: two units, both touch gold (label-blind); only one touches PROVIDER gold
    assert (prov["tp"], prov["fp"], prov["label_aware"]["tp"], prov["label_aware"]["fp"]) == (2, 0, 1, 1)
    assert r.data["groups"]["NAME"]["label_aware"]["caught"] == 1
    assert r.data["direct"]["gold"] == 2 and r.data["indirect"]["gold"] == 1


def test_all_or_nothing_document_recall():
    d1 = gd("1", "Ann and Bea", (0, 3, "PATIENT"), (8, 11, "PATIENT"))
    d2 = gd("2", "Cy", (0, 2, "PATIENT"))
    d3 = gd("3", "nothing here")
    r = run([d1, d2, d3], {"1": ps((0, 3, "PATIENT")), "2": ps((0, 2, "PATIENT")), "3": []})
    p = r.labels["PATIENT"]
    assert (p["gold"], p["caught"], p["documents"], p["documents_all_caught"]) == (3, 2, 2, 1)
    assert p["aon_recall"] == 0.5 and p["recall"] == pytest.approx(2 / 3)
    assert r.data["meta"]["documents"] == 3 and r.data["meta"]["documents_with_gold"] == 2


def test_discontinuous_gold_span_needs_every_fragment():
    doc = GoldDocument("d", "John (pt) Smith", [GoldSpan(0, 15, "PATIENT", "NAME", ((0, 4), (10, 15)))])
    assert run([doc], {"d": ps((0, 4, "PATIENT"), (10, 15, "PATIENT"))}).overall["caught"] == 1
    r = run([doc], {"d": ps((0, 4, "PATIENT"), (5, 9, "PATIENT"))})
    assert r.overall["caught"] == 0
    assert (r.overall["tp"], r.overall["fp"]) == (1, 1)  # "(pt)" is in the gap, not in the gold span


def test_token_figures():
    doc = gd("d", "John Smith-Jones, 3 B", (0, 16, "PATIENT"))
    r = run([doc], {"d": ps((0, 10, "PATIENT"), (18, 19, "ID"))})
    t = r.overall["tokens"]
    assert (t["gold"], t["caught"], t["predicted"], t["tp"]) == (3, 2, 3, 2)
    assert t["recall"] == pytest.approx(2 / 3) and t["precision"] == pytest.approx(2 / 3)
    # a token half covered is not caught but counts as predicted
    r = run([doc], {"d": ps((0, 2, "PATIENT"))})
    t = r.overall["tokens"]
    assert (t["gold"], t["caught"], t["predicted"], t["tp"]) == (3, 0, 1, 1)


def test_f_measures_and_empty_denominators():
    doc = gd("d", "aa bb cc dd", (0, 2, "ID"), (3, 5, "ID"))
    r = run([doc], {"d": ps((0, 2, "ID"), (6, 8, "ID"), (9, 11, "ID"))})
    o = r.overall
    p, rec = 1 / 3, 1 / 2
    assert o["precision"] == pytest.approx(p) and o["recall"] == pytest.approx(rec)
    assert o["f1"] == pytest.approx(2 * p * rec / (p + rec))
    assert o["f2"] == pytest.approx(5 * p * rec / (4 * p + rec))
    r = run([gd("d", "nothing")], {"d": []})
    assert r.overall["recall"] is None and r.overall["precision"] is None and r.overall["f2"] is None


def test_missing_predictions_warn_and_count_as_nothing():
    docs = [gd("a", "Ann", (0, 3, "PATIENT")), gd("b", "Bo", (0, 2, "PATIENT"))]
    with pytest.warns(UserWarning) as rec:
        r = run(docs, {"a": ps((0, 3, "PATIENT")), "zzz": []})
    msgs = " ".join(str(w.message) for w in rec)
    assert "1 gold document(s) have no prediction" in msgs and "not in the gold" in msgs
    assert r.overall["caught"] == 1 and r.data["meta"]["documents_without_prediction"] == 1
    assert r.data["meta"]["predictions_for_unknown_documents"] == 1


def test_predicted_labels_are_mapped_and_out_of_range_spans_clipped():
    doc = gd("d", "Ann", (0, 3, "PATIENT"))
    with pytest.warns(UserWarning, match="clipped"):
        r = run([doc], {"d": [{"start": 0, "end": 99, "label": "PER"}]}, label_map={"PER": "PATIENT"})
    assert r.overall["label_aware"]["caught"] == 1


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    docs = [gd(str(i), "Ann Bo", (0, 3, "PATIENT"), (4, 6, "PATIENT")) for i in range(30)]
    preds = {str(i): ps((0, 3, "PATIENT")) if i % 3 else ps((0, 3, "PATIENT"), (4, 6, "PATIENT")) for i in range(30)}
    a = score(docs, preds, bootstrap=300, seed=7)
    b = score(docs, preds, bootstrap=300, seed=7)
    ci = a.overall["ci"]
    assert ci == b.overall["ci"]
    assert ci["recall"][0] <= a.overall["recall"] <= ci["recall"][1]
    assert ci["recall"][0] < ci["recall"][1]
    assert ci["precision"] == [1.0, 1.0]


def test_thresholds_marked_per_label():
    doc = gd("d", "Ann 3/4/2020", (0, 3, "PATIENT"), (4, 12, "DATE"))
    r = run([doc], {"d": ps((0, 3, "PATIENT"))})
    assert r.labels["PATIENT"]["threshold"]["pass"] is True
    assert r.labels["DATE"]["threshold"]["pass"] is False
    assert r.labels["DATE"]["threshold"]["checks"]["recall"]["min"] == pytest.approx(0.5)
    assert r.passed is False


def test_user_label_map_applies_to_predictions_too():
    doc = gd("d", "Ann is 93", (0, 3, "PATIENT"))
    r = run([doc], {"d": ps((0, 3, "PATIENT"), (7, 9, "AGE"))}, label_map={"AGE": "IGNORE"})
    assert (r.overall["tp"], r.overall["fp"]) == (1, 0) and r.data["meta"]["predicted_spans_ignored"] == 1


def test_token_regex_matches_exactly_the_isalnum_characters():
    import re

    tok = re.compile(r"[^\W_]")
    assert all(bool(tok.match(c)) == c.isalnum() for c in map(chr, range(0x10000)))
