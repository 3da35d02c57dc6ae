"""The patient named by the shape of a line: name and age ("CALEB, 87 YR OLD M"), an age statement ("Edwin Price
is an 84 yo"), initials before an age and sex ("m.k. 58f"), "pt" before a bed or record number, a name before its
record number, and the rows of a rounding list ("401 hemmings - cellulitis").
"""

from __future__ import annotations

import re

from medveil import lexicons as lex
from medveil.detect.names.cues import _SUBJECT_GAP, PARTICLES
from medveil.detect.names.prior import _name_like, _rare_name_word, word_info
from medveil.detect.names.scan import _finditer_at_hints
from medveil.detect.names.slots import _mark
from medveil.detect.text import LOWER
from medveil.labels import Label

_NAME_AGE = re.compile(
    r"(?m)(?:\b(?:pt|patient)[ \t]+|(?:^|:[ \t]+)[ \t]*)((?:[^\W\d_][\w'’\-]*)(?:\.?(?:[ \t]+|[ \t]*,[ \t]*)[^\W\d_][\w'’\-]*){0,2})"
    r"[ \t]*,[ \t]*\d{1,3}[ \t-]*(?:yo|y/o|y\.o\.|yr|yrs|year|years|[mf](?=[ \t]*[,;.]))\b",
    re.I,
)
# a row of a rounding list: a room number or "bed 4" (not an item number: "1. Fosamax - 70 mg"), up to three words, a
# dash ("401 hemmings - cellulitis", "Bed 4 Van der Berg - comfort care")
_ROOM_LIST_ROW = re.compile(
    r"(?im)^[ \t]*(?:(?:rm|room|bed)[ \t]*#?[ \t]*\d{1,4}[a-z]?|\d{3,4}[a-z]?)[ \t]*:?[ \t]+([^\W\d_][\w'’]*(?:[ \t]+[^\W\d_][\w'’]*){0,2})"
    r"[ \t]+[-–][ \t]+\S")
_BED_STATES = frozenset("empty open closed blocked pending discharged dc dc'd transferred vacant clean dirty admit admission".split())


def _is_clinical_term(lower: str) -> bool:
    """A clinical abbreviation or a word frequent in clinical prose ("cellulitis", "post")."""
    counts = lex.clinical_word_counts().get(lower)
    return lower in lex.clinical_abbreviations() or (counts is not None and counts[0] >= 20 and word_info(lower).prior < 0.3)


# "Okonkwo, Chidi (MRN 2290413)", "Anatoly Petrenco (MRN 7730215), 71": a name opening a line right before its record
# number (found from the record number's cue: a literal the regex engine skips to)
_RECORD_CUE_AFTER_NAME = re.compile(r"(?i)(?:mrn|mr[ \t]*#|med(?:ical)?[ \t]+rec(?:ord)?)\b")
_LINE_NAME_BEFORE = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[.)][ \t]+)?([^\W\d_][\w'’\-]*\.?(?:(?:[ \t]+|[ \t]*,[ \t]*)[^\W\d_][\w'’\-]*\.?){0,3})"
    r"[ \t]*,?[ \t]*\(?[ \t]*\Z")
# "bed 1 - m.k. 58f", "401b t.m.a. 91f": a patient's initials before an age and sex in a handoff list, found from the
# full stop after them (a literal first: the regex engine skips to each full stop instead of trying every letter)
_AGE_SEX_AFTER_STOP = re.compile(r"(?i)\.[ \t]+\d{1,3}[ \t]?(?:[mf]|yo|y/o)\b")
_INITIALS_BEFORE = re.compile(r"(?i)(?<![\w.])((?:[a-z]\.){1,2}[a-z])\Z")
_NOT_PATIENT_INITIALS = frozenset({"am", "pm", "po", "iv", "im", "sq", "pr", "bid", "tid", "qid", "qd", "prn", "hs", "ou", "od", "os", "au",
                                   "ad", "as", "eg", "ie", "us", "dr", "ms", "mr"})
# "pt bertrand lévesque bed 4", "called pt ogunleye, babatunde (mrn 3380925)", "pt abdelrahman el-sayed, 79m": words in
# lowercase between "pt" and a bed, a record number or an age with a sex are the patient's name
_PT_NAME_BEFORE_ID = re.compile(
    r"\bpt[ \t]+([^\W\d_][\w'’\-]*(?:,?[ \t]+[^\W\d_][\w'’\-]*){0,2})"
    r"(?=[ \t]*,?[ \t]*(?:\([ \t]*)?(?:mrn\b|\d{1,3}[ \t]?(?:m|f|M|F|yo|y/o|YO)\b|\d{1,3}[ \t]+(?:yo|y/o|yr)\b|"
    r"(?:bed|rm|room)[ \t]*#?\d))")
# "Renata L. is a 40 year-old", "Edwin Price is an 84 yo": the subject of an age statement
_AGE_STATEMENT = re.compile(r"\bis[ \t]+an?[ \t]+\d{1,3}[ \t-]*(?:year|yr|y/?o|month|mo\b|week|day)", re.I)


# quick checks: a text with a match of _NAME_AGE holds a match of its hint
_NAME_AGE_HINT = re.compile(r",[ \t]*\d{1,3}[ \t-]*[yYmMfF]")
# on the lowercased text: a part of every match of _AGE_STATEMENT (its start, see _finditer_at_hints)
_AGE_STATEMENT_HINT = re.compile(r"is[ \t]+an?[ \t]+\d")
_PT_HINT = re.compile(r"pt[ \t]")
_RECORD_CUE_HINT = re.compile(r"mrn|mr[ \t]*#|med(?:ical)?[ \t]+rec")


def _initials_before_age_sex(tokens, text, tokens_within, scores, roles) -> None:
    """A patient's initials before an age and sex in a handoff list ("bed 1 - m.k. 58f") → PATIENT."""
    for m in _AGE_SEX_AFTER_STOP.finditer(text):
        ini = _INITIALS_BEFORE.search(text, max(0, m.start() - 6), m.start())
        if ini is None or ini.group(1).replace(".", "").lower() in _NOT_PATIENT_INITIALS:
            continue
        ks = tokens_within(ini.start(1), ini.end(1), 3)
        for q in ks:
            scores[q] = max(scores[q], 0.85)
            roles[q] = roles[q] or Label.PATIENT


def _pt_name_before_id(tokens, infos, text, low, tokens_within, scores, roles) -> None:
    """Lowercase words between "pt" and a bed, a record number or an age with a sex ("pt bertrand lévesque bed 4")
    → PATIENT."""
    for m in _finditer_at_hints(_PT_NAME_BEFORE_ID, text, low, _PT_HINT) if low is None or "pt " in low else ():
        ks = tokens_within(m.start(1), m.end(1), 3)
        if ks and all(tokens[q].text.islower() and not infos[q].stop and not infos[q].blocked
                      and tokens[q].lower not in lex.clinical_word_counts()
                      and (((infos[q].first or infos[q].last) and infos[q].prior >= 0.02)
                           or lex.word_frequency(tokens[q].lower) < 4.0) for q in ks):
            _mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.85, strict=False)


def _room_list(tokens, infos, text, tokens_within, scores, roles) -> None:
    """The patient's name in each row of a rounding list of three rows or more ("401 hemmings - cellulitis")
    → PATIENT."""
    rows = list(_ROOM_LIST_ROW.finditer(text)) if " - " in text else []
    if len(rows) >= 3:
        # a rounding or handoff list, a row per room: "401 hemmings - cellulitis", "402 bell - r/o tia" (three rows
        # or more); the words between the room and the dash are the patient's name, not a state of the bed
        for m in rows:
            ks = tokens_within(m.start(1), m.end(1), 4)
            if ks and not any(tokens[q].lower in _BED_STATES or infos[q].stop or _is_clinical_term(tokens[q].lower)
                              for q in ks if tokens[q].lower not in PARTICLES):
                _mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8, strict=False)


def _record_number_names(tokens, infos, text, low, tokens_within, scores, roles) -> None:
    """A name opening a line right before its record number ("Okonkwo, Chidi (MRN 2290413)") → PATIENT."""
    for m in _finditer_at_hints(_RECORD_CUE_AFTER_NAME, text, low, _RECORD_CUE_HINT) if low is None or "mr" in low else ():
        line_start = text.rfind("\n", 0, m.start()) + 1
        name = _LINE_NAME_BEFORE.search(text, line_start, m.start())
        ks = tokens_within(name.start(1), name.end(1), 4) if name else []
        if ks and tokens[ks[0]].casing != LOWER and all(
                (_name_like(tokens[q]) or _rare_name_word(tokens[q].lower, infos[q]))
                and (len(tokens[q].text) == 1 or tokens[q].text[0].isupper()) for q in ks):
            _mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8, strict=False)


def _name_age(tokens, infos, text, tokens_within, scores, roles) -> None:
    """A name and an age opening the note ("CALEB, 87 YR OLD M", "read, heather, 80yo female") → PATIENT."""
    for m in _NAME_AGE.finditer(text) if _NAME_AGE_HINT.search(text) else ():
        # "CALEB, 87 YR OLD M", "read, heather, 80yo female": the patient opens the note
        ks = tokens_within(m.start(1), m.end(1), 4)
        sure = [_name_like(tokens[q]) or ((infos[q].first or infos[q].last) and infos[q].prior >= 0.02) for q in ks]
        # a surname that is also a word before the comma of "surname, first name" ("read, heather, 80yo"); alone a
        # word that is seldom a name is none ("pt pleasant, 72 yo")
        surname_first = len(ks) >= 2 and "," in text[tokens[ks[0]].end : tokens[ks[1]].start] and infos[ks[0]].last
        if ks and all(sure[1:]) and (sure[0] or surname_first):
            _mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8)


def _age_statement(tokens, infos, text, low, token_at, scores, roles) -> None:
    """The subject of an age statement ("Edwin Price is an 84 yo") → PATIENT."""
    for m in _finditer_at_hints(_AGE_STATEMENT, text, low, _AGE_STATEMENT_HINT):
        k = token_at(m.start())  # the token "is"
        ks: list[int] = []
        q = k - 1
        while q >= 0 and len(ks) < 4:
            gap = text[tokens[q].end : tokens[q + 1].start]
            if not _SUBJECT_GAP.fullmatch(gap) and not (len(tokens[q].text) == 1 and gap.startswith(".")):
                break
            ks.append(q)
            q -= 1
        _mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8)


# the name a record or a card holds, after the words that say so: 'registered name ng kam ho;', 'registered "NOORZAI,
# MURSAL"', 'listed in triage as "Bibigul Saafi"', 'insurance card lists kam-ho ng.', 'chart says "Yitzchak"': a quoted
# name of one to four words, or one to three words up to a clause's end, a bracket or a comma
_REGISTERED_NAME = re.compile(
    r"(?i:\b(?:registered(?:[ \t]+(?:name|as|under))?|listed(?:[ \t]+in[ \t]+[a-z]+)?[ \t]+as|card[ \t]+(?:lists|says|reads)"
    r"|chart[ \t]+(?:says|lists|spelled|spells)|spelled[ \t]+as)[ \t]*:?[ \t]*)"
    r"(?:[\"“]([^\W\d_][\w'’\-]*(?:,?[ \t]+[^\W\d_][\w'’\-]*){0,3})[\"”]"
    r"|([^\W\d_][\w'’\-]*(?:,?[ \t]+[^\W\d_][\w'’\-]*){0,2})(?=[ \t]*(?:[;,().]|$)))", re.M)
_REGISTERED_WORDS = ("registered", "listed", "card", "chart", "spelled")


def _find_all(low: str, word: str) -> list[int]:
    """Every offset of ``word`` in ``low``."""
    out, i = [], low.find(word)
    while i >= 0:
        out.append(i)
        i = low.find(word, i + 1)
    return out


def _registered_names(tokens, infos, text, low, tokens_within, scores, roles) -> None:
    """The name a registration, a card or the chart holds (``_REGISTERED_NAME``) → PATIENT, when every word is a name of
    the lexicons or a word no list knows, and none is a stop or clinical word ("listed as inactive.", "registered
    nurse")."""
    if low is None:
        matches = _REGISTERED_NAME.finditer(text)
    else:  # the pattern tried only where one of its first words starts (a regex search costs more than the rule)
        starts = sorted(i for w in _REGISTERED_WORDS for i in _find_all(low, w) if i == 0 or not low[i - 1].isalnum())
        matches = (m for i in starts if (m := _REGISTERED_NAME.match(text, i)) is not None)
    for m in matches:
        g = 1 if m.group(1) else 2
        ks = tokens_within(m.start(g), m.end(g), 4)
        if ks and all(not infos[q].stop and not infos[q].blocked and (infos[q].first or infos[q].last or not infos[q].known_word)
                      and not _is_clinical_term(tokens[q].lower) for q in ks):
            _mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.8, strict=False)
