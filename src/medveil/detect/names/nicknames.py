"""Names given in quotes, brackets or letter by letter: nicknames ('Eleanor "Nell" Fitzgibbon', "Priyanka (Pri)
Raghunathan"), a name quoted after "goes by" or "named", and a name spelled out ("Wrobel, W-R-O-B-E-L").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medveil import lexicons as lex
from medveil.detect.names.cues import _SPACE, PATIENT_TITLES, PROVIDER_TITLES
from medveil.detect.names.prior import _WORD_INFOS, _is_rare, _name_like
from medveil.detect.names.scan import _finditer_at_hints
from medveil.detect.names.slots import _mark
from medveil.detect.text import Token
from medveil.labels import Label

# a nickname in quotes: ' "Nell" ', ' ("Junior")' (the word alone in its quotes)
# a nickname in quotes after a name, maybe after a suffix or a column gap: ' "Nell"', '  ("Junior")', ' Jr. ("Bud")'
# the gap between a name and its nickname, maybe over a suffix: ' ', '  ', ', Jr. '
_SUFFIX_GAP = r"(?:,?[ \t]+(?:Jr|Sr|II|III|IV)\.?)?[ \t]+"
_NICKNAME = re.compile(_SUFFIX_GAP + r'\(?["“]([^\W\d_][^\W\d_\'’\-]{0,20})["”]\)?')
# its two parts, for ``_nickname_matches``: the quoted word, and the gap that ends right before it
_QUOTED_NICKNAME = re.compile(r'\(?["“]([^\W\d_][^\W\d_\'’\-]{0,20})["”]\)?')
_GAP_BEFORE_QUOTE = re.compile(_SUFFIX_GAP + r"\Z")
# a name in quotes after "known as", "goes by", "aka", "nicknamed", "calling himself": 'known to ED staff as "Red"',
# "goes by 'Bud'", 'a cousin calling himself "flaco"' (found from the quoted word, the rare part: a scan for the phrases
# would try every word of every note)
_QUOTED_WORD = re.compile(r"[\"“'‘]([^\W\d_][^\W\d_'’\-]{0,20})[\"”'’]")
_KNOWN_AS_BEFORE = re.compile(
    r"(?i:\b(?:known(?:[ \t]+to[ \t]+[\w ]{1,20}?)?[ \t]+as|goes[ \t]+by|go[ \t]+by|a\.?k\.?a\.?|nicknamed|"
    r"prefers(?:[ \t]+to[ \t]+be[ \t]+called)?|call(?:s|ing)[ \t]+(?:him|her|them)sel(?:f|ves)))[ \t]+\Z"
)
# a nickname in brackets, no quotes: 'Priyanka (Pri) Raghunathan', 'SOKOLOVA, ANASTASIA (NASTYA)' (a capitalized word; which
# words are names is decided by the lexicons, as "(Cardiology)", "(PCP)", "(Daughter)" are not). Found from the bracket;
# what may stand between the name and the bracket is read backwards from there
_BRACKETED_WORD = re.compile(r"\(([^\W\d_][^\W\d_'’\-]{0,20})\)")
_BEFORE_BRACKET = re.compile(_SUFFIX_GAP + r"\Z")
_QUOTED_NAME_CUE = (
    r"(?:patient['’]?s[ \t]+name|named|name[ \t]+of|label+ed(?:[ \t]+(?:with|as))?"
    # the name a person goes by: 'goes by "Aga"', 'PREFERRED NAME ........ "Bea"', 'prefers to be called "Gus"'
    r"|goes[ \t]+by|preferred[ \t]+name|prefers(?:[ \t]+to[ \t]+be[ \t]+called)?|nick-?named?|known[ \t]+as|a\.?k\.?a\.?)"
    r"[ \t]*(?:[.:][ \t.:]*)?[\"“']")
_QUOTED_NAME_WORDS = ("name", "label", "goes by", "prefer", "known as", "aka", "a.k.a")  # one is in every cue
_QUOTED_NAME = re.compile(r"(?i)\b" + _QUOTED_NAME_CUE + r"([^\"”'\n]{2,40})[\"”']")
# a word spelled out letter by letter, "K-O-W-A-L-C-Z-Y-K", "M-A-I", from its first hyphen on (a literal "-" first: the
# regex engine then skips to each hyphen instead of trying every offset)
_SPELLED_OUT_TAIL = re.compile(r"-[A-Za-z]-[A-Za-z](?:-[A-Za-z])*(?![\w-])")


def _nickname_matches(text: str) -> Iterator[tuple[int, int, int, int, bool]]:
    """Nicknames after a word: (where the gap after the word starts, the nickname's start and end, the match's end,
    whether it is in brackets without quotes)."""
    if '"' in text or "“" in text:
        # the matches of ``_NICKNAME``, found from the quotes: a regex that starts with a gap is tried at every blank.
        # A quoted word holds no blank, so a gap never starts inside one; the match starts where the gap does, the
        # leftmost start after the last match (``\Z``: the gap ends at the quote)
        after = 0
        for q in _QUOTED_NICKNAME.finditer(text):
            gap = _GAP_BEFORE_QUOTE.search(text, after, q.start())
            if gap is not None:
                yield gap.start(), q.start(1), q.end(1), q.end(), False
                after = q.end()
    if "(" in text:
        for m in _BRACKETED_WORD.finditer(text):
            gap = _BEFORE_BRACKET.search(text, max(0, m.start() - 12), m.start())
            if gap is not None:
                yield gap.start(), m.start(1), m.end(1), m.end(), True


def _bracketed_nickname(t: Token, name: Token) -> bool:
    """A capitalized word in brackets after ``name`` is a nickname when it is a first name ("(Peggy)") or a rare word
    that shares three letters with the name ("Priyanka (Pri)", "ANASTASIA (NASTYA)"); roles and units in brackets
    ("(Chaplain)", "(MPOA)", "(Cardiology)") are neither."""
    if not t.text[0].isupper():
        return False
    w = _WORD_INFOS[t.lower]
    if w.blocked or w.stop:
        return False
    return (w.first and w.prior >= 0.05) or (len(t.lower) >= 3 and t.lower[:3] in name.lower and _is_rare(t))


# on the lowercased text: a part of every match of _QUOTED_NAME (its start, see _finditer_at_hints)
_QUOTED_NAME_HINT = re.compile(_QUOTED_NAME_CUE)


def _nicknames(tokens, infos, text, token_at, scores, roles, threshold) -> None:
    """A nickname in quotes right after a name found by a cue is that person's name, and so is a name-like word
    right after it: 'Pt: Eleanor "Nell" Fitzgibbon', 'BELLAMY, MARCUS  ("Junior")', 'Harlan Gaines Jr. ("Junior")'.
    In brackets without quotes the word must look like a name and be capitalized: 'Priyanka (Pri) Raghunathan'."""
    n = len(tokens)
    if '"' in text or "“" in text or "'" in text or "‘" in text:
        for m in _QUOTED_WORD.finditer(text):
            if not _KNOWN_AS_BEFORE.search(text, max(0, m.start() - 45), m.start()):
                continue
            k = token_at(m.start(1))
            if k < n and tokens[k].start == m.start(1) and tokens[k].end == m.end(1) and not (infos[k].blocked or infos[k].stop):
                # the role of the name it belongs to, earlier on the line ("Patient: … (goes by "Gosia")")
                line_start = text.rfind("\n", 0, m.start()) + 1
                named = [roles[q] for q in range(max(0, k - 8), k) if roles[q] is not None and tokens[q].start >= line_start]
                scores[k] = max(scores[k], 0.85)
                roles[k] = roles[k] or (named[-1] if named else Label.PERSON)
    for start, ks, ke, end, bracketed in _nickname_matches(text):
        k = token_at(ks)
        if not (0 < k < n and tokens[k].start == ks and tokens[k].end == ke):
            continue
        if bracketed and not _bracketed_nickname(tokens[k], tokens[k - 1]):
            continue
        p = token_at(start) - 1  # the word the match follows: the name, or its first word before a suffix
        if p < 0 or tokens[p].end != start:
            continue
        q = p
        while (roles[q] is None and q > 0 and p - q < 3 and (tokens[q].is_title or tokens[q].is_upper)
               and not (infos[q].stop or infos[q].blocked)
               and _SPACE.fullmatch(text, tokens[q - 1].end, tokens[q].start)):
            q -= 1  # the surname that ends a name a cue found in part: "son Tran Quoc Bao ("Bao")"
        role = roles[q] or (Label.PERSON if scores[p] >= threshold else None)
        if role is None or infos[k].blocked:
            continue
        scores[k] = max(scores[k], 0.85)
        roles[k] = role
        q = k + 1
        tq = tokens[q] if q < n else None
        if tq is not None and _SPACE.fullmatch(text, end, tq.start) and not infos[q].stop and not infos[q].blocked and (
            _name_like(tq) or (infos[q].last and (tq.is_title or tq.is_upper))  # 'Chukwuemeka "Emeka" Obi'
        ):
            scores[q] = max(scores[q], 0.85)  # the surname after the nickname
            roles[q] = role


def _spelled_out(tokens, text, start, end, token_at, scores, roles) -> None:
    """A name spelled out letter by letter ("Wrobel, W-R-O-B-E-L", "Amara, spelled A-M-A-R-A"): the
    letters are a name when they spell a word shortly before, which is that name too, or when "spell" comes
    right before them."""
    k = token_at(start)
    if k >= len(tokens) or tokens[k].start != start:
        return
    letters = text[start:end].replace("-", "").lower()
    role = None
    for q in range(k - 1, max(-1, k - 12), -1):
        if lex.fold(tokens[q].lower) == lex.fold(letters):
            role = roles[q] or Label.PATIENT
            scores[q] = max(scores[q], 0.85)
            roles[q] = role
            break
    if role is None and "spell" in text[max(0, start - 20) : start].lower():
        role = Label.PERSON
    if role is not None:
        scores[k] = max(scores[k], 0.85)
        roles[k] = roles[k] or role


def _quoted_names(tokens, infos, text, low, tokens_within, scores, roles) -> None:
    """A name in quotes after "named", "goes by", "preferred name" … ('prefers "Gus"') → PATIENT."""
    quoted = () if low is not None and not any(w in low for w in _QUOTED_NAME_WORDS) else (
        _finditer_at_hints(_QUOTED_NAME, text, low, _QUOTED_NAME_HINT)
    )
    for m in quoted:
        # a title inside the quotes stays outside the name ('prefers "Mrs. Hoa"')
        ks = [q for q in tokens_within(m.start(1), m.end(1), 4) if tokens[q].lower not in PATIENT_TITLES and tokens[q].lower not in PROVIDER_TITLES]
        _mark(tokens, infos, ks, scores, roles, Label.PATIENT, 0.85, strict=False)


def _spelled_out_names(tokens, text, token_at, scores, roles) -> None:
    """Words spelled out letter by letter ("W-R-O-B-E-L"), each judged by ``_spelled_out``."""
    for m in _SPELLED_OUT_TAIL.finditer(text):
        start = m.start() - 1  # the first letter, before the first hyphen
        if start >= 0 and text[start].isalpha() and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "-")):
            _spelled_out(tokens, text, start, m.end(), token_at, scores, roles)
