"""Words that look like names and are not: the veto of eponyms and instruments ("Foley catheter", "Morse fall scale",
"Circle of Willis"), drugs before a dose, scales before a score, times of day, storms and laws; and first names in
the possessive that are no eponym ("Will's", not "Bell's palsy").
"""

from __future__ import annotations

import re

from medveil import lexicons as lex
from medveil.detect.names.cues import _SPACE, INSTRUMENT_HEADS
from medveil.detect.names.prior import _long_pure_eponym
from medveil.detect.names.scan import _at_least
from medveil.detect.text import MIXED, Token
from medveil.document import Span
from medveil.labels import Label

TIMES_OF_DAY = frozenset("dawn dusk noon midnight sunrise sunset".split())
_TIME_PREPOSITIONS = frozenset("before after until till at by since around from".split())
_AUXILIARIES = frozenset("will would can could may might should shall must to did does do is was has had".split())


# eponyms whose two words are a person's given name and surname, or two surnames: each alone may be a patient's
# name, so only the pair is ruled out
_EPONYM_PAIRS = frozenset({("braxton", "hicks"), ("argyll", "robertson"), ("bence", "jones"), ("russell", "viper"),
                           ("russell", "silver"), ("charcot", "marie"), ("marie", "tooth"), ("tyrer", "cuzick"),
                           ("lund", "browder"), ("brescia", "cimino"), ("dix", "hallpike")})
# eponyms that are also rare surnames: ruled out only beside a score, a device's size or a head word, never alone
_CONTEXT_EPONYMS = frozenset("fazekas shiley jamar schultze frenzel carrel marlatt".split())
_DEVICE_SIZE_BEFORE = re.compile(r"(?:(?:#[ \t]*\d{1,2}(?:\.\d)?|\bsize[ \t]*\d{1,2}(?:\.\d)?)[ \t]+|\bgrip[ \t]*\([ \t]*)$", re.I)
_STORMS = frozenset({"hurricane", "storm", "typhoon", "cyclone", "hurricanes"})  # "Hurricane Katrina", "Tropical Storm Allison"
_LAW_AFTER = re.compile(r"[ \t]+(?:Act|ACT|Law|LAW)\b")  # "Jones Act", "Baker Act", "Stark Law"
_EPONYM_GAP = re.compile(r"[ \t]*(?:['’][sS]?)?[ \t-]*")
# the same across the line break of wrapped prose; only before a lowercase head ("Barrett's\nesophagus"),
# never before a capitalized header on the next line ("John Smith\nProcedure:")
_EPONYM_WRAP = re.compile(r"[ \t]*(?:['’]s?)?[ \t]*\n[ \t]*")


# a capitalised word before "'s": "on Will's own meter", "Hope's mother called"
# (the capital matched before the look-behind that stands for \b, so that the engine can skip ahead to capitals)
_POSSESSIVE = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]{2,})['’]s\b(?:\s+([A-Za-z]+))?")
_POSSESSIVE_MIN_FREQUENCY = 1.0  # per 100k people: "Sunday", "Doctor" are first names of a few


def _possessive_first_names(text: str, taken: set[int]) -> list[Span]:
    """A first name that is also a word, in the possessive: "Will's", "Hope's", "Grant's" are no modal, feeling
    or award; not an eponym ("Bell's palsy", "Graves'"), a month or a weekday ("April's") → PERSON 0.7."""
    first, eponyms, calendar, heads = lex.first_names(), lex.eponyms(), lex.months() | lex.weekdays(), lex.eponym_heads()
    out = []
    for m in _POSSESSIVE.finditer(text):
        low = m.group(1).lower()
        info = first.get(low)
        if m.start() in taken or info is None or info[1] < _POSSESSIVE_MIN_FREQUENCY or low in eponyms or low in calendar:
            continue
        if m.group(2) and (m.group(2).lower() in heads or m.group(2).lower() in INSTRUMENT_HEADS):
            continue  # "Gilbert's syndrome", "Berry's ligament", "Cooper's ligament"
        out.append(Span(m.start(), m.end(1), Label.PERSON, 0.7, "names:possessive"))
    return out


_DOSE_AFTER = re.compile(r"[ \t]*\(?[ \t]*\d+(?:[.,]\d+)?[ \t]*(?:mg|mcg|g|ml|cc|units?|iu|meq|mEq|%|tabs?|caps?)\b", re.I)
# a score right after a word: "28/56", "<45", "55" (not a date such as "3/14", nor a decimal or a time)
_SCORE_AFTER = re.compile(r"[ \t]*[:=]?[ \t]*(?:[<>≤≥]=?[ \t]*)?(?:\d{1,3}/(?:3[2-9]|[4-9]\d|\d{3})|\d{1,3})(?![\d/.:,-]?\d)")


_POSSESSIVE_GAP = re.compile(r"['’]s[ \t]+")  # "Darlene's cell": an owner before the word


def _eponym_follows(tokens: list[Token], i: int, text: str, heads: frozenset[str]) -> bool:
    """An eponym's head word follows the word at ``i`` ("Brown stools", "Hurthle cell"; not "Darlene's cell", a phone)."""
    if i + 1 >= len(tokens) or not _is_head(nxt := tokens[i + 1].lower, heads):
        return False
    return not (nxt in ("cell", "cells") and _POSSESSIVE_GAP.fullmatch(text, tokens[i].end, tokens[i + 1].start))


_EPONYM_PAIR_GAP = re.compile(r" |[ \t]?/[ \t]?")


def _is_head(lower: str, heads: frozenset[str]) -> bool:
    """A word that follows an eponym ("disease", "forceps"), also in the plural ("dissectors", "bars")."""
    if lower in heads or lower in INSTRUMENT_HEADS:
        return True
    return lower.endswith("s") and (lower[:-1] in heads or lower[:-1] in INSTRUMENT_HEADS)


def _eponym_vetoes(tokens, infos, text, scores, roles, foreign, threshold) -> set[int]:
    """Rule out the words that scored as names without a role but are eponyms, instruments, drugs, scales, times
    of day, storms or laws (score 0.0); return them with the words of Spanish passages (``foreign``)."""
    # eponyms and instruments: "Foley catheter", "Graves disease", "the Blake drain", "a Kittner"
    n = len(tokens)
    heads = lex.eponym_heads()
    vetoed: set[int] = set(foreign)
    for i in [i for i in _at_least(threshold, scores) if roles[i] is None]:
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        nxt2 = tokens[i + 2] if i + 2 < n else None
        if nxt is not None and _eponym_follows(tokens, i, text, heads) and (
            _EPONYM_GAP.fullmatch(text, t.end, nxt.start)
            or (nxt.text.islower() and _EPONYM_WRAP.fullmatch(text, t.end, nxt.start))
        ) and not (infos[i].likely_first and not infos[i].eponym and nxt.is_title and t.casing == MIXED):
            # (but a first name before a capitalized head word is a person: "John Stapler", "Mary Holder"; an eponym
            # is none: "Berg Balance")
            scores[i] = 0.0  # "Graves disease", "Frazier dissectors", "Dorsey<line break>suction irrigator"
        elif (
            nxt is not None and nxt2 is not None and _is_head(nxt2.lower, heads)
            and infos[i + 1].known_word and infos[i + 1].prior < 0.05  # "fall", "coma": words that are rarely names
            and tokens[i + 1].lower not in _AUXILIARIES  # but not "Jones will block the time"
            and _EPONYM_GAP.fullmatch(text, t.end, nxt.start) and _SPACE.fullmatch(text, nxt.end, nxt2.start)
        ):
            scores[i] = 0.0  # "Morse fall scale", "Glasgow coma scale"
        elif i > 1 and tokens[i - 1].lower == "of" and (tokens[i - 2].lower in INSTRUMENT_HEADS or tokens[i - 2].lower in heads):
            scores[i] = 0.0  # "Circle of Willis", "sphincter of Oddi"
        elif i > 0 and tokens[i - 1].lower in ("a", "an", "the") and infos[i].eponym:
            scores[i] = 0.0
        elif i > 0 and _long_pure_eponym(tokens[i - 1].lower) and not infos[i - 1].first and t.text[0].isupper() and (
                _EPONYM_PAIR_GAP.fullmatch(text, tokens[i - 1].end, t.start)):
            # "Ortolani/Barlow", "Zollinger Ellison": the second name of an eponym (after no given name: "Leopold
            # Hrabal", "Mackenzie Anderson" are persons, so "Braxton Hicks" stays to the model)
            scores[i] = 0.0
        elif (tuple(t.lower.split("-")) in _EPONYM_PAIRS
              or (i > 0 and (tokens[i - 1].lower, t.lower) in _EPONYM_PAIRS and _SPACE.fullmatch(text, tokens[i - 1].end, t.start))
              or (nxt is not None and (t.lower, nxt.lower) in _EPONYM_PAIRS and _SPACE.fullmatch(text, t.end, nxt.start))):
            scores[i] = 0.0  # "Braxton Hicks contractions", "Argyll Robertson pupil": an eponym made of a person's names
        elif t.lower in _CONTEXT_EPONYMS and (_SCORE_AFTER.match(text, t.end) or _DEVICE_SIZE_BEFORE.search(text, max(0, t.start - 9), t.start)
                                              or (nxt is not None and _is_head(nxt.lower, heads))):
            scores[i] = 0.0  # "(Fazekas 1)", "#8 Shiley", "Grip (Jamar", "Schultze presentation": a scale, a device
        elif infos[i].eponym and nxt2 is not None and nxt.lower in ("and", "&") and _long_pure_eponym(nxt2.lower) and (
                nxt2.text[0].isupper()):
            scores[i] = 0.0  # "(Barlow and Ortolani negative)": an eponym beside another
        elif _DOSE_AFTER.match(text, t.end):
            scores[i] = 0.0  # "Ogen 0.625 mg", "Lovenox 40mg": a drug
        elif t.lower in lex.eponyms() and _SCORE_AFTER.match(text, t.end):
            scores[i] = 0.0  # "Berg 28/56", "(Morse 55)", "braden 19": a scale and its score
        elif t.lower in TIMES_OF_DAY and i > 0 and tokens[i - 1].lower in _TIME_PREPOSITIONS:
            scores[i] = 0.0  # "awake before dawn", "until dusk": a time, not Dawn
        elif t.text[0].isupper() and ((i > 0 and tokens[i - 1].lower in _STORMS and tokens[i - 1].text[0].isupper())
                                      or _LAW_AFTER.match(text, t.end)):
            scores[i] = 0.0  # "Hurricane Katrina", "Tropical Storm Imelda": a storm; "Jones Act", "Baker Act": a law
        if scores[i] == 0.0:
            vetoed.add(i)
    return vetoed
