"""Relatives and other people around the patient: a relation in brackets ("IVY (NEIGHBOR)"), lists of children
with their ages, pedigrees, "married to", visitors "from pt's church", and names joined to a relative by "and"
("sons Wahid and Samiullah").
"""

from __future__ import annotations

import re
from bisect import insort

from medveil import lexicons as lex
from medveil.detect.names.cues import _SPACE, _SUBJECT_GAP, PARTICLES, RELATIONS
from medveil.detect.names.prior import _name_like, _rare_name_word
from medveil.detect.names.scan import _finditer_at_hints, _may_match
from medveil.detect.names.slots import _cue_right, _mark
from medveil.detect.text import MIXED
from medveil.labels import Label

# "Wahid and ", "Amy, ", "Ivan 10, ", "Ange (7, attends Kernan Elementary) and " before a joined name: an age or a bracket may follow
# each name of a list
_AGE_OR_BRACKET = r"(?:[ \t]+\d{1,2}\b|[ \t]*\([^()\n]{0,40}\))?"
_COORDINATION = re.compile(_AGE_OR_BRACKET + r"(?:(?:[ \t]*,)?[ \t]*(?:and|&|y)[ \t]+|[ \t]*,[ \t]*)")
_LIST_GOES_ON = re.compile(_AGE_OR_BRACKET + r"[ \t]*(?:,|and\b|&)")  # "Amy, Beth and Dana": a comma joins names only in a list


# a person with an age in brackets, an item of a list of children: "espoir (9)", "Liam (6 mo)", "patience (7 wks)" (found
# from the bracket, then the word before it)
_AGE_BRACKET = re.compile(r"\((?:age[ \t]*)?\d{1,2}(?:[ \t]*(?:y|yo|yrs?|years?|mos?|months?|wks?|weeks?|d|days?)\.?)?\)")
_WORD_BEFORE_BRACKET = re.compile(r"(?<![^\W\d_'’\-])([^\W\d_][^\W\d_'’\-]{1,20})[ \t]*\Z")
# between two items of such a list: a comma, "and", "&", maybe "baby"/"little"/"twin" before the name
_AGE_LIST_GAP = re.compile(r"[ \t]*(?:[,;&]|,?[ \t]*and)[ \t]*(?:(?:baby|little|twin)[ \t]+)?", re.I)
_PAREN_RELATION_BODY = (
    r"\((?:(?:pt|patient|his|her|the)['’]?s?[ \t]+)?(?:"
    + "|".join(sorted(["wife", "husband", "spouse", "son", "daughter", "dtr", "dau", "sister", "sis", "brother", "bro", "mother",
                       "mom", "father", "dad", "aunt", "uncle", "niece", "nephew", "cousin", "grandson", "granddaughter",
                       "partner", "girlfriend", "boyfriend", "friend", "neighbor", "neighbour", "hcp", "proxy", "guardian",
                       "caregiver", "roommate", "fiance", "fiancee", "gd", "gs", "stepson", "stepdaughter", "poa", "dpoa",
                       "hcpoa", "mpoa", "surrogate", "health care proxy", "healthcare proxy", "grandmother", "grandfather",
                       "grandma", "grandpa", "stepmother", "stepfather"], key=len, reverse=True))
    + r")\b[^)\n]{0,20}\)"
)
_PAREN_RELATION = re.compile(r"[ \t]*" + _PAREN_RELATION_BODY, re.I)
# the same without the leading blanks: it starts with "(", which the regex engine finds fast; a text
# without a match of this has no match of _PAREN_RELATION either
_PAREN_RELATION_HINT = re.compile(_PAREN_RELATION_BODY, re.I)
_VISITOR_FROM_PLACE = (
    r"from[ \t]+(?:the[ \t]+)?(?:pt\.?['’]?s|patient['’]s|his|her|their)[ \t]+(?:church|synagogue|mosque|temple|parish|congregation)"
)
_VISITOR_FROM = re.compile(r"(?i)\b([^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*)?)[ \t]+" + _VISITOR_FROM_PLACE + r"\b")
_PEDIGREE_PLACE = re.compile(r"\([IVX]{1,4}[-.]\d{1,2}\)")  # "(II-3)": a generation and a place in it
_PEDIGREE_WHO = re.compile(r"\b([A-Za-z]+(?:[ \t]+[A-Za-z]+)?)[ \t]*\Z")  # the relation before it: "Maternal aunt"
_PEDIGREE_NAME = re.compile(r"[ \t]*:?[ \t]*([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)(?=[ \t]*[:,(;]|[ \t]*$)", re.M)
_MARRIED_TO = re.compile(r"(?i)\b(?:married|engaged)[ \t]+to\b")
# on the lowercased text: a part of every match of _VISITOR_FROM
_VISITOR_FROM_HINT = re.compile(_VISITOR_FROM_PLACE)


def _first_then_word(tokens, infos, text: str, q: int) -> bool:
    """Token ``q`` follows a first name on the same casing ("alfred read", "ALFRED READ") and is no stop word."""
    p, t = tokens[q - 1], tokens[q]
    first = infos[q - 1]
    return (
        first.first and first.prior >= 0.05 and not first.stop and not first.blocked
        and not infos[q].stop and not infos[q].blocked and _SPACE.fullmatch(text, p.end, t.start) is not None
        and (p.is_lower == t.is_lower) and (p.is_upper == t.is_upper)
    )


def _coordinated_relatives(tokens, infos, text, scores, roles, vetoed) -> None:
    """A name joined by "and" (or "&", "y") to a relative that a cue named is another relative: "sons Wahid and
    Samiullah", "daughters Amy, Beth and Dana". The joined word is capitalized in mixed-case text and is a word a
    name could be (no lexicon knows it, or it is a likely name), not a place or a clinical word."""
    if Label.RELATIVE not in roles:
        return
    n = len(tokens)
    joined: set[int] = set()  # names taken as items of a list: after them a comma alone joins the last item
    todo = [i for i, r in enumerate(roles) if r == Label.RELATIVE]  # (a joined name joins the next: added in order)
    while todo:
        i = todo.pop(0)
        if i >= n - 1 or scores[i] < 0.8:
            continue
        m = _COORDINATION.match(text, tokens[i].end)
        if m is None:
            continue
        j = i + 1
        while j < n and tokens[j].start < m.end():  # past an age, a bracket, "and"
            j += 1
        if j >= n or tokens[j].start != m.end() or (
                m.group(0).rstrip()[-1:] == "," and i not in joined and not _LIST_GOES_ON.match(text, tokens[j].end)):
            continue
        for k in (j, j + 1):
            if k >= n or k in vetoed or (scores[k] >= 0.8 and roles[k] is not None):
                break
            t, w = tokens[k], infos[k]
            if k == j + 1 and not _SPACE.fullmatch(text, tokens[j].end, t.start):
                break
            if not (t.casing == MIXED and t.is_title and len(t.text) >= 2) or w.stop or w.blocked or w.eponym or w.cue:
                break
            if (w.known_word and w.prior < 0.3) or t.lower in lex.clinical_word_counts() or t.lower in lex.cities():
                break
            scores[k], roles[k] = max(scores[k], 0.8), Label.RELATIVE
            joined.add(k)
            if k not in todo:
                insort(todo, k)


def _age_list(tokens, infos, text, token_at, scores, roles, threshold) -> None:
    """A list of people with their ages in brackets: when one of them is a name, so are the others, however
    common a word ("her 3 kids espoir (9), merveille (6) and baby patience (7 wks)")."""
    groups: list[list[int]] = []
    last_end = -1
    for m in _AGE_BRACKET.finditer(text):
        w = _WORD_BEFORE_BRACKET.search(text, max(0, m.start() - 30), m.start())
        if w is None:
            continue
        k = token_at(w.start(1))
        if not (k < len(tokens) and tokens[k].start == w.start(1) and tokens[k].end == w.end(1)):
            continue
        if groups and _AGE_LIST_GAP.fullmatch(text, last_end, w.start(1)):
            groups[-1].append(k)
        else:
            groups.append([k])
        last_end = m.end()
    for ks in groups:
        named = [k for k in ks if scores[k] >= threshold and roles[k] is not None]
        if len(ks) < 2 or not named:
            continue
        role = roles[named[0]]
        for k in ks:
            if scores[k] >= threshold:
                if roles[k] in (None, Label.PERSON):
                    roles[k] = role  # "Children: Jake (4), Emma (2)": all three are relatives
            elif not (infos[k].blocked or infos[k].stop):
                scores[k] = 0.8
                roles[k] = role


def _paren_relations(tokens, infos, text, token_at, scores, roles) -> None:
    """A relation in brackets after a name ("IVY (NEIGHBOR)", "kayleigh (pt's daughter)") → RELATIVE."""
    for m in _PAREN_RELATION.finditer(text) if _PAREN_RELATION_HINT.search(text) else ():
        # "IVY (NEIGHBOR)", "kayleigh (pt's daughter)", "SOPHIE STONE (PARTNER)"
        k = token_at(m.start())
        ks = []
        q = k - 1
        while q >= 0 and len(ks) < 3 and _SUBJECT_GAP.fullmatch(text, tokens[q].end, tokens[q + 1].start if q + 1 < k else m.start()):
            tq = tokens[q]
            capitalized = tq.casing == MIXED and tq.is_title and not tq.sentence_start
            uncommon = tq.casing != MIXED and lex.word_frequency(tq.lower) < 4.5 and tq.lower not in lex.clinical_word_counts()
            if tq.lower in PARTICLES and ks:
                ks.append(q)  # "Edward van Mullen (friend)"
                q -= 1
                continue
            if not (_name_like(tq) or ((capitalized or uncommon) and not infos[q].stop and not infos[q].blocked)):
                if not ks and q > 0 and _first_then_word(tokens, infos, text, q):
                    ks += [q, q - 1]  # "alfred read (husband)": a common word as the surname after a first name
                break
            ks.append(q)
            q -= 1
        _mark(tokens, infos, ks, scores, roles, Label.RELATIVE, 0.85, strict=False)


# a relation and the name set off by commas after it: "HIS BROTHER, WILL KING, WILL HELP", "her nephew, Abdoulaye Fall,
# was present" (the words between the commas found by ``_appositive_relatives``, from the relation's token)
_APPOSITIVE_RELATIONS = frozenset(r for r in RELATIONS if len(r) >= 3)  # not "gs", "gd" (labs in a list)
_APPOSITIVE_TAIL = re.compile(r",[ \t]+([^\W\d_][^\W\d_'’-]*(?:[ \t]+[^\W\d_][^\W\d_'’-]*){0,2}),")


def _appositive_relatives(tokens, infos, text, tokens_within, scores, roles) -> None:
    """The name set off by commas right after a relation ("HIS BROTHER, WILL KING, WILL HELP") → RELATIVE, when
    every word of it is a name the lexicons know or a word English does not ("his wife, very supportive," is none)."""
    for t in tokens:
        if t.lower not in _APPOSITIVE_RELATIONS or text[t.end : t.end + 1] != ",":
            continue
        m = _APPOSITIVE_TAIL.match(text, t.end)
        if m is None:
            continue
        ks = tokens_within(m.start(1), m.end(1), 3)
        if ks and all((infos[q].first or infos[q].last or not infos[q].known_word)
                      and not (infos[q].stop and not infos[q].first) for q in ks):
            _mark(tokens, infos, ks, scores, roles, Label.RELATIVE, 0.85, strict=False)


def _pedigree(tokens, infos, text, tokens_within, scores, roles) -> None:
    """A relative named after their place in a pedigree ("Father (II-3) Rajesh: 68") → RELATIVE."""
    for p in _PEDIGREE_PLACE.finditer(text) if "-" in text and "(" in text else ():
        # "Father (II-3) Rajesh: 68", "Maternal aunt (II-5) Priya": a relative named after their place in a pedigree
        # (found from the place in brackets: a literal the regex engine skips to)
        before = _PEDIGREE_WHO.search(text, max(0, p.start() - 30), p.start())
        m = _PEDIGREE_NAME.match(text, p.end())
        if before is None or m is None:
            continue
        if before.group(1).lower().split()[-1] in RELATIONS:
            ks = tokens_within(m.start(1), m.end(1), 3)
            if ks and all(_name_like(tokens[q]) or _rare_name_word(tokens[q].lower, infos[q]) or infos[q].first
                          or infos[q].last for q in ks):
                _mark(tokens, infos, ks, scores, roles, Label.RELATIVE, 0.85, strict=False)


def _married_to(tokens, text, low, token_at, scores, roles) -> None:
    """The spouse after "married to" or "engaged to" ("SH: married to Manpreet") → RELATIVE."""
    n = len(tokens)
    for m in _MARRIED_TO.finditer(text) if low is None or "married to" in low or "engaged to" in low else ():
        # "SH: married to Manpreet": the spouse, as after "wife" or "husband"
        k = token_at(m.end() - 2)
        if k < n and tokens[k].lower == "to":
            _cue_right(tokens, text, k, scores, roles, Label.RELATIVE, strength=0.85, max_tokens=2)


# a caller or writer introducing themselves: "Hi, this is Mae Young, I'm calling about", "Hello, this is My Linh, Duc Tran's
# daughter", "hi dr, this is kofi, abena's son": one or two words, then a comma, "from", "calling" or a possessive's owner
_SELF_INTRODUCTION = re.compile(
    r"(?i:\bthis[ \t]+is)[ \t]+([^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*)?)"
    r"(?=[ \t]*,|[ \t]+(?i:from|calling|with|at)\b)")
_SELF_INTRODUCTION_HINT = re.compile(r"this[ \t]+is")


def _self_introductions(tokens, infos, text, low, tokens_within, scores, roles) -> None:
    """The name a caller or writer gives after "this is" (``_SELF_INTRODUCTION``) → PERSON, when every word of it is a
    name of the lexicons or a word no list knows, and no stop, calendar or common word ("this is Tuesday, ...", "this
    is urgent, ...")."""
    if low is not None and "this is" not in low and "this\tis" not in low:
        return
    for m in _finditer_at_hints(_SELF_INTRODUCTION, text, low, _SELF_INTRODUCTION_HINT):
        ks = tokens_within(m.start(1), m.end(1), 2)
        if ks and all(_introduced_name_word(tokens[q], infos[q]) for q in ks):
            _mark(tokens, infos, ks, scores, roles, Label.PERSON, 0.75, strict=False)


def _introduced_name_word(t, w) -> bool:
    """A word of a self-introduction's name: no stop, blocked or calendar word; a name of the lexicons (in small letters
    one that is a name at least a tenth of the time: not "this is fine,"; a clinical abbreviation only capitalized in a
    mixed-case note: "Mae"), or a word no list knows ("Efua", "kofi")."""
    if w.blocked or t.lower in lex.months() or t.lower in lex.weekdays() or t.lower in lex.stop_words():
        return False
    if w.stop:  # a clinical abbreviation that is a name too, capitalized as one ("this is Mae Young,": MAE)
        return (w.first or w.last) and t.is_title and t.casing == MIXED
    if not w.known_word:
        return True
    return (w.first or w.last) and (t.is_title or t.is_upper or w.prior >= 0.1)


# a company's representative or agent named after the word ("Rep: Andre", "REP: T. NAKAMURA / EXT 3321", "device rep kyle
# interrogated", "insurance agent Wes Pfannenstiel"): an initial, then one or two words
_REPRESENTATIVE = re.compile(
    r"(?i:\b(?:rep|representative|agent)(?:[ \t]*:[ \t]*|[ \t]+))((?:[A-Za-z]\.[ \t]*)?[^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*)?)")
_REPRESENTATIVE_HINT = re.compile(r"\b(?:rep\b|representative|agent)")


def _representatives(tokens, infos, text, low, tokens_within, scores, roles) -> None:
    """A representative or agent named after the word (``_REPRESENTATIVE``) → PERSON: the words that are names of the
    lexicons or unknown, capitalized (or any after "rep:" with its colon), up to the first that is not ("device rep kyle
    interrogated" → "kyle"; not "10 reps", "rep of ...", "agent orange")."""
    if low is not None and not ("rep:" in low or "rep " in low or "representative" in low or "agent" in low):
        return  # (substring tests first: a regex search costs more than the rule on most notes)
    for m in _finditer_at_hints(_REPRESENTATIVE, text, low, _REPRESENTATIVE_HINT):
        colon = ":" in text[m.start() : m.start(1)]
        ks = []
        for q in tokens_within(m.start(1), m.end(1), 3):
            t, w = tokens[q], infos[q]
            if len(t.text) == 1 and t.text.isalpha():
                ks.append(q)  # an initial
                continue
            if w.stop or w.blocked or w.cue or not (w.first or w.last or not w.known_word) or (
                    w.prior < 0.3 and lex.word_frequency(t.lower) >= 4.0):
                break  # (and "Agent: Unknown": a common word seldom a name)
            if not (colon or t.is_title or (t.casing != MIXED and w.prior >= 0.1)):
                break
            ks.append(q)
        if any(len(tokens[q].text) > 1 for q in ks):
            _mark(tokens, infos, ks, scores, roles, Label.PERSON, 0.75, strict=False)


def _visitors(tokens, infos, text, low, tokens_within, scores, roles) -> None:
    """A visitor from the patient's church, synagogue, mosque … ("Nina from pt's church visiting") → PERSON."""
    visitors = _VISITOR_FROM.finditer(text) if _may_match(low, _VISITOR_FROM_HINT) else ()
    for m in visitors:
        # "Nina from pt's church visiting", "KATIE FROM PT.'S CHURCH"
        ks = tokens_within(m.start(1), m.end(1), 3)
        if ks and all(_name_like(tokens[q]) or infos[q].first or infos[q].last for q in ks):
            _mark(tokens, infos, ks, scores, roles, Label.PERSON, 0.75)
