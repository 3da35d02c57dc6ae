"""The end of a note: signature lines ("-- m. mcmahon, rn"), a dictation stamp's initials ("JMS/kl"), a typist's
initials ("typed by ls", "TR : ksd") and the initials closing a note ("-- BSK").
"""

from __future__ import annotations

import re

from medveil import lexicons as lex
from medveil.detect.names.cues import CREDENTIALS, STAFF_WORDS
from medveil.detect.names.prior import FUNCTION_WORDS, _name_like
from medveil.detect.names.scan import _finditer_at_hints
from medveil.detect.names.slots import _mark
from medveil.detect.text import LOWER
from medveil.document import Span
from medveil.labels import Label


def _alternation(words: frozenset[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes ("d(?:o|pm|…)|m(?:d|ph|…)").

    The regex engine tries the alternatives of a group one by one: a prefix tree fails at the first
    letter instead of once per word.
    """
    rests: dict[str, set[str]] = {}
    for w in words:
        if w:
            rests.setdefault(w[0], set()).add(w[1:])
    branches = []
    for first in sorted(rests):
        inner = _alternation(frozenset(rests[first]))
        if "" in rests[first] and inner:
            inner = f"(?:{inner})?"  # "ot" and "otr"
        elif "|" in inner:
            inner = f"(?:{inner})"
        branches.append(re.escape(first) + inner)
    return "|".join(branches)


# "--herbert", "- m. mcmahon, rn", "J. Smith RN" alone on the last lines: a signature
_SIGNATURE = re.compile(
    r"(?m)^[ \t]*(?:(?:-{1,3}|~|/s/)[ \t]*)?([^\W\d_][^\n,:;]{0,40}?)[ \t]*(?:,?[ \t]*(?:"
    + _alternation(CREDENTIALS)
    + r")\.?[ \t]*)?$",
    re.I,
)
# The dictation stamp closing a transcribed note: the author's and the typist's initials ("JMS/kl",
# "RC/dm      dictated but not read", "JMF/DT  D: 03/15/2024  T: 03/16/2024", "MS/kb   Job #: 448812") at the
# start of a line or of a sentence ("RTC 10/10. MG/RJ D: 10/03/2023"), the line ending there or going on with the stamp's fields only (not "GI/GU: abd soft").
# The pair may be spaced ("PJ / dmw    DD : 09/26/87") or joined by a colon before the stamp's fields ("DF:lmc  D:
# 01/13/2017", also on the next line: "DPH:rt" / "D: 06/22/2003"), and a third typist may follow ("KO/tn/ej"); an
# author/typist pair of capitals and small letters may also end the line of the stamp's dates ("Job # 55120 DT
# 02/27/2023 TT 02/28/2023 RV/cd", "dictated 7/6/23 TE/hk", "T: 04/20/2024   MTY/CRK") or of the signature ("ANNIKA R.
# TREMBLAY, M.D. ART/dmh").
_STAMP_FIELDS = r"(?:D|T|DD|DT|TD|TT|(?i:job|doc|document|dict|dictated|transcribed|cc)|[dt](?=[ \t]*:))\b"
_INITIALS = r"(?:[a-z]{2,4}|[A-Z]{2,4})"
_TYPIST_LINE = re.compile(
    r"(?m)(?:^|(?<=\.[ \t]))[ \t]*(?P<a>[A-Z]{2,4})(?:[ \t]*/[ \t]*|:(?=(?:[a-z]{2,4}|[A-Z]{2,4})(?:[ \t]+|[ \t]*\n[ \t]*)" + _STAMP_FIELDS + r"))"
    r"(?P<b>" + _INITIALS + r")(?:/(?P<c>" + _INITIALS + r"))?"
    r"(?=[ \t]*$|[ \t]+" + _STAMP_FIELDS + ")"
)
_NEXT_LINE_STAMP = re.compile(r"[ \t]*(?:D|T|DD|DT|TD|TT)[ \t]*:[ \t]*\d")
# the pair ending a line or before the stamp's fields ("T: 03/13/2024 07:02   TRO/lf   Job #8841203"; it starts with a
# capital: the regex engine skips to capitals), then what must come before it: a date (and its time), a document number,
# "dictated", "(dictated but) not read" or a credential
_STAMP_LINE_END = re.compile(r"([A-Z]{2,4})[ \t]*/[ \t]*(" + _INITIALS + r")(?=[ \t]*$|[ \t]+(?:" + _STAMP_FIELDS
                             + r"|\d{1,2}/\d{1,2}/\d{2,4}\b))", re.M)  # (or before the stamp's date: "RE/TW 03/04/2092")
_STAMP_END_LEFT = re.compile(
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:[ \t]+\d{1,2}:\d\d)?|(?<![\w-])\d{4,}-\d{3,}|dictated|transcribed|M\.D\.|D\.O\.|"
    r"(?i:job|doc(?:ument)?)[ \t]*(?:#|no\.?)?[ \t]*:?[ \t]*\d{3,}|"
    r"N\.P\.|P\.A\.|(?i:not[ \t]+read)\.?|"
    # any credential in capitals ("PA-C RS/kb D: 11/14/14"), a resident's year ("MD PGY-4 SM/kl")
    r"(?<![\w-])(?:" + "|".join(sorted((re.escape(c.upper()) for c in CREDENTIALS), key=len, reverse=True)) + r"|PGY-?\d)"
    r")(?:[ \t]+|[ \t]*\n[ \t]*)\Z")  # (also at the end of the line before: "DICTATED BUT NOT READ" / "JHP/DS")
# the initials alone on the note's last line, or after its last sentence: the author signing off ("-- BSK", "DA",
# "BL / GF", "WG:mp", "agree with above. PZ")
_CLOSING_INITIALS = re.compile(
    r"(?:(?:^|\n)[ \t]*(?:-{1,3}[ \t]*)?|[ \t]-{2,3}[ \t]*|(?<=[a-z]\.)[ \t]+)([A-Z]{2,4})"
    r"(?:(?:[ \t]*/[ \t]*|:(?=[a-z]{2,4}\s*$))([A-Z]{2,4}|[a-z]{2,4}))?\s*$"
)
# lowercase initials after a dash on the note's last line: a writer signing off in lowercase ("-kb", "- tb")
_CLOSING_LOWER_INITIALS = re.compile(r"\n[ \t]*-{1,3}[ \t]*([a-z]{2,3})\s*$")
# the note's last words: a pair of lowercase initials after a line start, a dash or a sentence's end ("april -- jh/ct",
# "Dictated, not read. pv/vb"), or the typist's initials after the stamp's date ("T: 12/26/2023 jlw")
_CLOSING_LOWER_PAIR = re.compile(r"(?:^|\n|[.;,]|-)[ \t]*([a-z]{2,4})[ \t]*/[ \t]*([a-z]{2,4})\s*$")
_CLOSING_AFTER_STAMP_DATE = re.compile(r"\b(?:T|DT|TD|TT|D|DD)[ \t]*:[ \t]*\d{1,2}/\d{1,2}/\d{2,4}(?:[ \t]+\d{1,2}:\d\d)?[ \t]+([a-z]{2,4})\s*$")


def _common_initials(lower: str) -> bool:
    """Letters after a typist's field that are a word rather than initials ("on", "and", "per"; initials may spell
    an abbreviation: "ds", "JT", "sl")."""
    return lower in lex.stop_words() or lower in FUNCTION_WORDS or lex.word_frequency(lower) >= _TYPIST_MAX_FREQUENCY


# "typed by ls", "transcribed by: jm", "Transcribed: sl", "transcribed rdw 09/19/23", the i2b2 "TR : ksd": the typist's
# initials (small letters after "transcribed" without "by" only when no common word: not "transcribed on 3/4")
_TYPED_BY = re.compile(
    r"(?i)\b(?:(?:typed|transcribed|scribed|keyed|grossed)[ \t]+by:?|transcribed:?)[ \t]+([a-z]{2,4})\b(?![ \t]*(?-i:[a-z]))")
_TYPED_BY_WORDS = ("typed", "ranscribed", "scribed", "keyed", "rossed by", "TYPED", "RANSCRIBED", "SCRIBED", "KEYED", "ROSSED BY")
# the most common a word after "transcribed" may be to stand for a typist ("ds", "sl", "JT"; not "on", "and", "notes")
_TYPIST_MAX_FREQUENCY = 4.0
# "TR : ksd" (i2b2), "tr: mfc" after a job number, "TR :" and the initials on the next line: the typist's field, at the
# start of a line or after a run of blanks
_TR_FIELD = re.compile(r"(?m)(?:^|[ \t]{2})[ \t]*(?i:tr)[ \t]*:[ \t]*(?:\n[ \t]*)?([a-z]{2,4}|[A-Z]{2,4})\b(?![ \t]*[A-Za-z])")
# "H. Kingsley, MD / tf", "s. o'neill rn / tk (nursing student)": the typist after the signature's credential, perhaps after
# the author's initials ("MCAULIFFE, DO  /  BM:tw")
_TYPIST_AFTER_CREDENTIAL = re.compile(
    r"(?im)\b(?:" + _alternation(CREDENTIALS) + r")\.?[ \t]*/[ \t]*(?:([a-z]{2,4}):)?([a-z]{2,4})\b(?=[ \t]*(?:$|\())"
)
# its two parts, for ``_typists_after_credential``: the slash and the initials, and the credential that ends before them
_TYPIST_AFTER_SLASH = re.compile(r"(?im)/[ \t]*(?:([a-z]{2,4}):)?([a-z]{2,4})\b(?=[ \t]*(?:$|\())")
_CREDENTIAL_BEFORE_SLASH = re.compile(r"(?i)\b(?:" + _alternation(CREDENTIALS) + r")\.?[ \t]*\Z")
_LONGEST_CREDENTIAL = max(map(len, CREDENTIALS))


def _typists_after_credential(text: str, start: int) -> list[re.Match[str]]:
    """The matches of ``_TYPIST_AFTER_CREDENTIAL`` from ``start`` on, as matches of their slash and initials
    (``_TYPIST_AFTER_SLASH``: groups 1 and 2). A regex that starts with a credential is tried at every offset; this one
    starts at a slash, and the credential (with a full stop and blanks) is searched back to the previous match."""
    out = []
    after = start  # the end of the previous match: a credential never starts before it
    for m in _TYPIST_AFTER_SLASH.finditer(text, start):
        blanks = m.start()
        while blanks > after and text[blanks - 1] in " \t":
            blanks -= 1
        lo = max(after, blanks - 1 - _LONGEST_CREDENTIAL)  # the longest credential, and a full stop after it
        if _CREDENTIAL_BEFORE_SLASH.search(text, lo, m.start()) is not None:
            out.append(m)
            after = m.end()
    return out
# the most characters other than spaces and tabs a _SIGNATURE line can hold: "---" or "/s/", the name
# (41), a comma, the longest credential and its dot
_SIGNATURE_MAX_INK = 3 + 41 + 1 + max(map(len, CREDENTIALS)) + 1


def _signatures(text: str, start: int):
    """``_SIGNATURE.finditer(text, start)``, skipping lines that cannot match.

    A match is a whole line (``^…$``, nothing in it crosses a newline), so only lines without ":" or
    ";" and with at most ``_SIGNATURE_MAX_INK`` characters besides blanks are tried.
    """
    pos = text.rfind("\n", 0, start) + 1
    if pos < start:  # ``start`` falls inside a line: begin with the next one
        pos = text.find("\n", start) + 1
        if pos == 0:
            return
    n = len(text)
    while pos <= n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line = text[pos:end]
        if ":" not in line and ";" not in line and len(line) - line.count(" ") - line.count("\t") <= _SIGNATURE_MAX_INK:
            m = _SIGNATURE.match(text, pos)
            if m is not None:
                yield m
        pos = end + 1


def _typist_initials(tokens, text, start, token_at, scores, roles, closing=None, lower_closing=None, tr_field=False) -> set[int]:
    """Mark the initials of a dictation stamp (``_TYPIST_LINE``, ``_TYPIST_AFTER_CREDENTIAL``) after ``start``
    and the ``closing`` initials (a ``_CLOSING_INITIALS`` match: "-- BSK"; ``lower_closing``, a
    ``_CLOSING_LOWER_INITIALS`` match: "-kb"), and with ``tr_field`` a typist's "TR :" field; return their token
    indexes. Two groups of capitals with nothing after them ("DNR/DNI" alone on a line) are initials only when
    neither spells a clinical abbreviation or a common word."""
    found = []
    tail = text[start:]
    for m in _STAMP_LINE_END.finditer(text, start) if "/" in tail else ():
        # the pair ending the line of the stamp's dates or of the signature ("GI/gu" after a date: two abbreviations;
        # but "M.D. OB/MMR DD: 10/11/2018": the stamp's fields go on after it)
        # (a date after the pair is no field: "GI/GU 3/4/2024" stays two abbreviations)
        fields_after = text[m.end() : m.end() + 1] in (" ", "\t") and text[m.end():].lstrip(" \t")[:1] not in ("\n", "") and not (
            text[m.end():].lstrip(" \t")[:1].isdigit())
        if _STAMP_END_LEFT.search(text, max(0, m.start() - 24), m.start()) and (fields_after or not all(
                x.lower() in lex.clinical_abbreviations() for x in (m.group(1), m.group(2)))):
            found += [m.start(1), m.start(2)]
    for m in _TYPIST_LINE.finditer(text, start):
        a, b = m.group("a"), m.group("b")
        line_end = text.find("\n", m.end())
        # the stamp's fields after the pair on its line, or opening the next ("MG/RJ" / "D: 10/03/2023 17:42")
        stamped = bool(text[m.end() : len(text) if line_end < 0 else line_end].strip()) or (
            line_end >= 0 and _NEXT_LINE_STAMP.match(text, line_end + 1) is not None)
        if b.isupper() and not stamped and any(
            x.lower() in lex.clinical_abbreviations() or lex.word_frequency(x.lower()) >= 4.0 for x in (a, b)
        ):
            continue
        found += [m.start("a"), m.start("b")] + ([m.start("c")] if m.group("c") else [])
    if closing is not None:
        groups = [g for g in (1, 2) if closing.group(g)]
        if not any(closing.group(g).lower() in lex.clinical_abbreviations() or lex.word_frequency(closing.group(g).lower()) >= 5.0
                   or (closing.group(g).isupper() and closing.group(g).lower() in lex.us_states()) for g in groups):
            found += [closing.start(g) for g in groups]
    for m in _typists_after_credential(text, start):
        # "MD / tf", "DO  /  BM:tw" (the author's initials, then the typist's; not "MD / PhD")
        found += [m.start(g) for g in (1, 2) if m.group(g) and m.group(g).lower() not in CREDENTIALS]
    end_start = max(start, len(text) - 40)  # the note's last words, as for the closing initials
    for m in (_CLOSING_LOWER_PAIR.search(text, end_start), _CLOSING_AFTER_STAMP_DATE.search(text, end_start)):
        groups = range(1, m.lastindex + 1) if m else ()
        # (not "to pt/ot", "rn/md": every part shorthand or a word, or a credential among them)
        if groups and not all(_common_initials(m.group(g)) for g in groups) and not any(m.group(g) in CREDENTIALS for g in groups):
            found += [m.start(g) for g in groups]
    if lower_closing is not None and lex.word_frequency(lower_closing[1]) < 4.0 and not (
            lower_closing[1] in lex.stop_words() or lower_closing[1] in CREDENTIALS):
        found.append(lower_closing.start(1))  # (not "-ok", "- no", "- rn")
    if any(w in tail for w in _TYPED_BY_WORDS):
        found += [m.start(1) for m in _TYPED_BY.finditer(text, start) if (m.group(1).islower() or m.group(1).isupper())
                  and not _common_initials(m.group(1).lower())]
    if tr_field:
        found += [m.start(1) for m in _TR_FIELD.finditer(text, start) if not _common_initials(m.group(1).lower())]
    marked = set()
    for pos in found:
        k = token_at(pos)
        if k < len(tokens) and tokens[k].start == pos:
            scores[k] = max(scores[k], 0.9)
            roles[k] = roles[k] or Label.PROVIDER
            marked.add(k)
    return marked


def _signature_lines(tokens, infos, text, tail_start, token_at, scores, roles) -> None:
    """Signature lines in the note's tail (from ``tail_start``): "--herbert", "J. Smith RN" → PROVIDER."""
    n = len(tokens)
    for m in _signatures(text, tail_start):
        k = token_at(m.start(1))
        if k >= n or tokens[k].start != m.start(1):
            continue
        # a signature is a short line of name-like words only, not a bullet of a list (nor "GVH #441-20-87")
        if any(c.isdigit() or c == "#" for c in m.group(1)):
            continue
        ks = [q for q in range(k, min(n, k + 5)) if tokens[q].start < m.end(1)]
        credential = m.end(1) < m.end() and text[m.end(1) : m.end()].strip(" \t,.")
        # "KC RN", and "db rn" closing a note written all lowercase
        initials = credential and len(ks) == 1 and 2 <= len(tokens[ks[0]].text) <= 3 and (
            tokens[ks[0]].text.isupper() or tokens[ks[0]].casing == LOWER
        )
        dashed = m.group(0).lstrip(" \t")[:1] in "-~" and len(ks) == 1 and infos[ks[0]].first and not infos[ks[0]].stop
        initials = initials or dashed  # "- MARK" closing a note: a first name, however common a word
        if len(ks) > 3 or not (initials or all(_name_like(tokens[q]) for q in ks)):
            continue  # "--LP RN", "KC RN": a nurse's initials before the credential
        _mark(tokens, infos, ks, scores, roles, Label.PROVIDER, 0.8, strict=not initials)


def _dictation_stamp(tokens, text, tail_start, token_at, scores, roles) -> set[int] | tuple[()]:
    """Mark the initials of a dictation stamp, a typist's field or the initials closing the note
    (``_typist_initials``); return their token indexes."""
    # a dictation stamp's initials: never the start of a longer name ("MS/kb   Job #: 448812")
    tail = text[tail_start:]
    closing = _CLOSING_INITIALS.search(text, max(tail_start, len(text) - 40))
    lower_closing = _CLOSING_LOWER_INITIALS.search(text, max(tail_start, len(text) - 12)) if "-" in text[-12:] else None
    # (a typist's field "TR :" / "tr: mfc" is looked for only where one may be: "tr" is in most words of a tail)
    tr_field = ("TR" in tail or "tr" in tail or "Tr" in tail) and _TR_FIELD.search(text, tail_start) is not None
    stamp_initials = (_typist_initials(tokens, text, tail_start, token_at, scores, roles, closing, lower_closing, tr_field)
                      if "/" in tail or "by" in tail or "BY" in tail or "ranscribed" in tail or tr_field or closing
                      or lower_closing else ())
    return stamp_initials


# a staff member's initials after the label of what they did: "(gross: TLW)", "Grossed by JLP.", "Tech: NRV",
# "Sonographer: KLW, RDMS", "TRANSCRIPTIONIST: RQ"; a subject's after "initials:" ("Subject initials: MTO")
_LABELLED_INITIALS = re.compile(
    r"(?i:\b(?P<what>gross(?:ed)?(?:[ \t]+by)?|tech(?:nologist)?|sonographer|scribe|typist|transcriptionist|"
    r"reviewed[ \t]+by|entered[ \t]+by|initials))[ \t]*[:\-]?[ \t]*\(?(?P<ini>[A-Z]{2,4})\b(?![.\-/]?\d|[ \t]*[a-z])"
)
# (no \b in front: a regex that starts with an assertion is tried at every offset; the words alone let the engine skip
# to their first letters, and the pattern's own \b rejects a word inside another, "biotech")
_LABELLED_WORDS = ("gross", "tech", "sonographer", "scribe", "typist", "transcriptionist", "reviewed", "entered", "initials")
_LABELLED_HINT = re.compile("|".join(_LABELLED_WORDS))


def _labelled_initials(text: str, low: str | None) -> list[Span]:
    """Initials after the label of a staff member's task → PROVIDER 0.8, after "initials:" → PATIENT 0.8; a
    credential, a role or a clinical abbreviation is none ("performed by RN", "reviewed by MRO"). ``low``: see
    ``scan._words_for_gates``."""
    out: list[Span] = []
    if low is not None and not any(w in low for w in _LABELLED_WORDS):  # (substring searches: faster than the hint)
        return out
    for m in _finditer_at_hints(_LABELLED_INITIALS, text, low, _LABELLED_HINT):
        ini = m.group("ini").lower()
        if ini in CREDENTIALS or ini in STAFF_WORDS or ini in lex.clinical_abbreviations() or lex.word_frequency(ini) >= 3.0:
            continue
        label = Label.PATIENT if m.group("what").lower() == "initials" else Label.PROVIDER
        out.append(Span(m.start("ini"), m.end("ini"), label, 0.8, "names:labelled_initials"))
    return out
