from __future__ import annotations

from medveil.detect.text import LOWER, MIXED, UPPER, tokenize


def test_tokens_index_the_original_text_and_drop_possessive_s():
    text = "Pt's wife O'Neil-Smith called; Garcia-Lopez's son too."
    toks = tokenize(text)
    assert [t.text for t in toks] == ["Pt", "wife", "O'Neil-Smith", "called", "Garcia-Lopez", "son", "too"]
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_casing_is_a_property_of_the_writer():
    assert {t.casing for t in tokenize("pt alert, wife mary in to visit. dr smith aware")} == {LOWER}
    assert {t.casing for t in tokenize("PT ALERT, WIFE MARY IN TO VISIT. DR SMITH AWARE")} == {UPPER}
    mixed = tokenize("PLAN:\nThe patient was seen by Dr. Smith today.\nwife in to visit")
    assert mixed[0].casing == UPPER  # a header line in capitals
    assert mixed[-1].casing == MIXED  # a lowercase line of a mixed-case writer is still mixed


def test_a_capitalized_word_is_title_case_but_an_abbreviations_plural_is_not():
    by_text = {t.text: t for t in tokenize("Smith McNeil O ABGs SVDs MRIs As Us")}
    assert all(by_text[w].is_title for w in ("Smith", "McNeil", "O", "As", "Us"))
    assert not any(by_text[w].is_title for w in ("ABGs", "SVDs", "MRIs"))


def test_sentence_start():
    toks = tokenize("Seen today. Brown stool noted\nMark walked")
    by_text = {t.text: t for t in toks}
    assert by_text["Seen"].sentence_start and by_text["Brown"].sentence_start and by_text["Mark"].sentence_start
    assert not by_text["stool"].sentence_start


def test_a_lowercase_writer_with_abbreviations_in_capitals_writes_lowercase():
    note = (
        "nsg note 1900-0700. pt resting, a&ox3, denies pain. K 3.2 repleted per NP, recheck in am. PCA aware of fall "
        "risk, bed alarm on. wife called at 2100, updated. R fem site cdi, no hematoma. tolerating clears, voiding qs. "
        "plan: ambulate in am, cont IV abx, f/u cx."
    )
    assert {t.casing for t in tokenize(note)} == {LOWER}


def test_a_writer_who_capitalizes_sentences_writes_mixed_case():
    note = (
        "Pt resting comfortably overnight, denies pain. K 3.2 repleted per NP, recheck in AM. Wife called at 2100 and "
        "was updated. R fem site CDI, no hematoma. Tolerating clears, voiding QS. Plan to ambulate in the morning and "
        "continue IV antibiotics."
    )
    assert {t.casing for t in tokenize(note)} == {MIXED}


def test_names_in_capitals_among_lowercase_words_are_no_lowercase_writer():
    assert {t.casing for t in tokenize("1. ADEBAYO-MARTINS, OLU (MRN 3309-4418) - LD kidney from sister")} == {MIXED}
