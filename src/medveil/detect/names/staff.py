"""Staff named in the body of a note: an initial and a surname after "by" ("by T. Brown"), lists after "Drs.", staff
fields of a form ("Tech: JLP", "Charge RN: M. Love"), and staff in a care role ("report received from nathan",
"TOM (PT)").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress, count

from medveil import lexicons as lex
from medveil.detect.names.cues import _SPACE
from medveil.detect.names.prior import _name_like
from medveil.detect.names.scan import _finditer_at_hints, _may_match
from medveil.detect.names.slots import _mark, _mark_staff
from medveil.detect.text import token_lowers
from medveil.labels import Label

# a person named by an initial and a surname after "by" or "per", and each doctor of a list after "Drs.": "queued for
# review by Y. Cha", "done 8/14 by R. Kaur", "Present: Drs. F. Siddiqui, K. Zhou, N. Ezeh"
_BY_BEFORE = re.compile(r"\b(?:by|per|By|Per|BY|PER)[ \t]+\Z")
_DRS_LIST = re.compile(r"\bDrs\.?[ \t]+(?=[A-Z])")
_INITIAL_SURNAME = re.compile(r"([A-Z])\.[ \t]?([A-Z][a-z][\w'’-]*)")
_LIST_JOIN = re.compile(r"[ \t]*(?:,|and|&)[ \t]*")


def _initial_and_surname_after_by(tokens, infos, text, starts, scores, roles, vetoed) -> None:
    """An initial and a surname after "by"/"per" ("by T. Brown") → PROVIDER 0.8 when the surname is no clinical word, no
    organism ("per H. Pylori" is none) and a surname or a word no lexicon knows; after "Drs." every such name of the
    list that follows ("Drs. F. Siddiqui, K. Zhou, N. Ezeh")."""
    clinical = lex.clinical_word_counts()

    def mark(m: re.Match) -> bool:
        k = bisect_left(starts, m.start(1))
        j = bisect_left(starts, m.start(2))
        if k >= len(tokens) or j >= len(tokens) or tokens[j].start != m.start(2) or j in vetoed:
            return False
        w, low = infos[j], tokens[j].lower
        if low in clinical or w.stop or w.blocked or w.eponym or (w.known_word and not w.last and w.prior < 0.3):
            return False
        for q in range(k, j + 1):
            scores[q] = max(scores[q], 0.8)
            roles[q] = roles[q] or Label.PROVIDER
        return True

    for name in _INITIAL_SURNAME.finditer(text):  # (the initial first: "by " is in every note, "T. Brown" is rare)
        if _BY_BEFORE.search(text, max(0, name.start() - 5), name.start()):
            mark(name)
    for m in _DRS_LIST.finditer(text) if "Drs" in text else ():
        pos = m.end()
        while (name := _INITIAL_SURNAME.match(text, pos)) is not None and mark(name):
            join = _LIST_JOIN.match(text, name.end())
            if join is None or not join.group().strip():
                break
            pos = join.end()


# A staff field of a form or run sheet holding initials or an initial and a surname: "Tech: JLP", "PCT: DR",
# "Holding RN: mw", "Verified by: JK / LP", "Charge RN: M. Love" (the field word, then this after it)
STAFF_FIELD_WORDS = frozenset(
    "rn lpn cna pct tech technician technologist cytotechnologist cytotech histotechnologist sonographer phlebotomist "
    "transcriptionist typist scribe recorder registrar by techs technicians technologists sonographers".split())
_STAFF_FIELD_VALUE = re.compile(
    r"[ \t]*:[ \t]*(?:([A-Z]{2,3}|[a-z]{2,3})(?:[ \t]*/[ \t]*(?:[A-Z]{2,3}|[a-z]{2,3}))?|[A-Z]\.?[ \t]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    r"(?=[ \t]{2,}|\t|[ \t]*(?:\n|$)|[ \t]*[)|,])")
_NOT_INITIALS = frozenset("yes no na none unk tbd nka nkda wnl ok see per and the not".split())
_NAME_WORDS = r"([^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*)?)"
_REPORT_TO = re.compile(r"(?i)\breport[ \t]+(?:given|received|called|taken|endorsed)[ \t]+(?:to|from|by)[ \t]+" + _NAME_WORDS)
_REPORT_TO_HINT = re.compile("report")  # the start of every _REPORT_TO match, on the lowercased text
# "... from PT", "(OT)": a hospital service right after a staff member's name (the service first: cheap to find)
_SERVICE_AFTER = re.compile(
    r"(?i)(?:\(|\bfrom[ \t]*\n?[ \t]*)(?:pt|ot|sw|cm|case[ \t]+(?:management|mgmt|manager)|social[ \t]+work|"
    r"nutrition|speech|pharmacy|pastoral[ \t]+care|physical[ \t]+therapy|occupational[ \t]+therapy)\b(?![ \t]*['’]s)"
    # a nursing or care role in brackets right after the name: "Ify (PCT)", "Marisol (CNA)", "TOM (RT)"
    r"|\((?:pct|cna|rn|lpn|lvn|rt|np|tech|sitter|aide|hha|cma|crna|chw|doula|interp|interpreter)\)"
)
# on the lowercased text: the start of every _SERVICE_AFTER match (see _finditer_at_hints)
_SERVICE_AFTER_HINT = re.compile(
    r"(?:\(|from[ \t]*\n?[ \t]*)(?:pt|ot|sw|cm|case|social|nutrition|speech|pharmacy|pastoral|physical|occupational)"
    r"|\((?:pct|cna|rn|lpn|lvn|rt|np|tech|sitter|aide|hha|cma|crna|chw|doula|interp)"
)
# an interpreter named before their number: "phone interp neng #40772", "Interpreter Maria Lopez (ID 2210)"
_INTERPRETER_WITH_ID = re.compile(
    r"(?i)\binterp(?:reter)?\.?[ \t]*:?[ \t]+" + _NAME_WORDS + r"[ \t]*,?[ \t]*\(?[ \t]*(?:#|id\b|badge\b)")
_INTERPRETER_HINT = re.compile("interp")
_DOCTORS_LIST = re.compile(
    r"\b(?:Drs|DRS)\.?[ \t]+((?:[A-Z][\w'’-]+[ \t]*(?:,[ \t]*|[ \t]+(?i:and|&)[ \t]+)){1,8}[A-Z][\w'’-]+)")


def _staff_fields(tokens, text, scores, roles) -> None:
    """Initials, or an initial and a surname, in a staff field ("Tech: JLP", "Verified by: JK / LP", "Charge RN:
    M. Love", ``_STAFF_FIELD_VALUE``): a member of staff, whatever the letters spell ("PCT: DR", "RN: ML")."""
    lowers = token_lowers(tokens)
    for i in compress(count(), map(STAFF_FIELD_WORDS.__contains__, lowers)):
        m = _STAFF_FIELD_VALUE.match(text, tokens[i].end)
        if m is None or (m.group(1) and m.group(1).lower() in _NOT_INITIALS):
            continue
        k = i + 1
        while k < len(tokens) and tokens[k].start < m.end():
            scores[k] = max(scores[k], 0.85)
            roles[k] = roles[k] or Label.PROVIDER
            k += 1


def _doctors_list(tokens, infos, text, tokens_within, scores, roles) -> None:
    """Every surname of a list after "Drs." ("Present: Drs. Deshmukh, Popescu, Oyelowo-Grant and Sato") → PROVIDER."""
    for m in _DOCTORS_LIST.finditer(text) if "Drs" in text or "DRS" in text else ():
        # "Present: Drs. Deshmukh, Popescu, Oyelowo-Grant and Sato": every surname of the list after a plural title
        for w in re.finditer(r"[^\W\d_][\w'’-]*", m.group(1)):
            ks = tokens_within(m.start(1) + w.start(), m.start(1) + w.end(), 1)
            if ks and tokens[ks[0]].lower not in ("and", "&") and not infos[ks[0]].stop and (
                    _name_like(tokens[ks[0]]) or infos[ks[0]].last or infos[ks[0]].first):
                _mark(tokens, infos, ks, scores, roles, Label.PROVIDER, 0.85, strict=False)


def _care_roles(tokens, text, low, token_at, tokens_within, scores, roles) -> None:
    """Staff in a care role ("report received from nathan", "DYLAN FROM CASE MGMT", "TOM (PT)") → PROVIDER."""
    # staff in a care role: "report received from nathan", "DYLAN FROM CASE MGMT", "TOM (PT)"
    for m in _finditer_at_hints(_REPORT_TO, text, low, _REPORT_TO_HINT):
        _mark_staff(tokens_within(m.start(1), m.end(1), 2), tokens, scores, roles)
    for m in _INTERPRETER_WITH_ID.finditer(text) if _may_match(low, _INTERPRETER_HINT) else ():
        ks = tokens_within(m.start(1), m.end(1), 2)
        _mark_staff(ks[::-1] if len(ks) == 2 else ks, tokens, scores, roles)
    for m in _finditer_at_hints(_SERVICE_AFTER, text, low, _SERVICE_AFTER_HINT):
        k = token_at(m.start()) - 1  # the name is the word right before the service
        if k >= 0 and _SPACE.fullmatch(text, tokens[k].end, m.start()):
            two = k > 0 and _SPACE.fullmatch(text, tokens[k - 1].end, tokens[k].start)
            _mark_staff([k, k - 1] if two else [k], tokens, scores, roles)
