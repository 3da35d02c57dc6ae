"""Names from the words beside them: pairs of a first name and a surname ("JIM RUSH"), a first name, a middle initial
and a capitalized word ("Patrick G. Hall"), a weak name beside a strong one ("Mark Brown"), and the particles
between two words of a name ("Maria de la Cruz").
"""

from __future__ import annotations

import re
from itertools import compress, count

from medveil.detect.names.cues import _SPACE, PARTICLES
from medveil.detect.names.scan import _at_least
from medveil.detect.names.slots import _mark
from medveil.detect.text import MIXED, token_lowers
from medveil.labels import Label

_PAIR_GAP = re.compile(r"[ \t]+|,[ \t]*")
_NEIGHBOUR_GAP = re.compile(r"[ \t]*,?[ \t]*(?:[A-Za-z]\.?[ \t]+)?")
_MIDDLE_INITIAL = re.compile(r"(?<![\w.])[^\W\d_]{2,}[ \t]+[^\W\d_]\.[ \t]+[^\W\d_][\w'’\-]+")
_INITIAL_DOT = re.compile(r"[ \t][^\W\d_]\.(?=[ \t])")  # " G. ": the middle of every _MIDDLE_INITIAL match
_DOT_BLANK = re.compile(r"\.(?=[ \t])")  # found faster than _INITIAL_DOT, which then is checked there
_LETTER = re.compile(r"[^\W\d_]")


def _middle_initials(text: str):
    """``_MIDDLE_INITIAL.finditer(text)``, tried only at the word before each initial (" G. ").

    A match starts at a whole word of letters (nothing word-like or a dot before it) that blanks
    separate from the initial, so that word is the only place a match through this initial can start.
    """
    last_end = 0
    for dot in _DOT_BLANK.finditer(text):
        end = dot.start() - 2  # the blank before the initial
        if end < 0 or _INITIAL_DOT.match(text, end) is None:
            continue
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end
        while start > 0 and _LETTER.match(text, start - 1):
            start -= 1
        if end - start >= 2 and start >= last_end:
            m = _MIDDLE_INITIAL.match(text, start)
            if m is not None:
                last_end = m.end()
                yield m


_GREETINGS = frozenset({"dear", "hi", "hello", "hey", "thanks", "thank", "attn", "attention", "regards", "sincerely"})


def _plain_word_surname(first, last, wf, wl, gap: str) -> bool:
    """A surname that is also a plain word (a stop word, a colour or race: "White"), right after a first name that
    is almost always one, both capitalised in mixed-case text: "Sarah White" (not "Will White", "Faith Based")."""
    return (wf.pair_first and wf.prior >= 0.8 and wl.last and wl.stop and not wl.blocked and gap == " "
            and first.casing == MIXED and first.is_title and last.is_title)


def _bridge_particles(tokens, text, scores, roles, threshold) -> None:
    """Particles between two words of a name are part of it: "Liam Van der Berg", "Maria de la Cruz"."""
    n = len(tokens)
    i = 1  # the first token not yet read: a run of particles bridged or not is read once
    # only particles open a bridge: their indexes found in C (most notes hold a few), in order
    for p in compress(count(), map(PARTICLES.__contains__, token_lowers(tokens))):
        if p < i or p >= n - 1:
            continue
        i = p
        if scores[i] >= threshold or scores[i - 1] < threshold:
            i += 1
            continue
        j = i
        while j + 1 < n and tokens[j + 1].lower in PARTICLES and scores[j + 1] < threshold:
            j += 1
        if j + 1 < n and scores[j + 1] >= threshold and all(
            _SPACE.fullmatch(text, tokens[k].end, tokens[k + 1].start) for k in range(i - 1, j + 1)
        ):
            for k in range(i, j + 1):
                scores[k] = min(scores[i - 1], scores[j + 1])
                roles[k] = roles[i - 1] or roles[j + 1]
        i = j + 1


def _middle_initial_names(tokens, infos, text, tokens_within, scores, roles) -> None:
    """A first name, a middle initial and a capitalized word ("Patrick G. Hall") → PERSON."""
    for m in _middle_initials(text):
        # "Patrick G. Hall", "Dana K. Post attended": a first name, a middle initial, a capitalized word
        ks = tokens_within(m.start(), m.end(), 3)
        if len(ks) != 3 or tokens[ks[0]].casing != MIXED or not tokens[ks[1]].text.isupper():
            continue
        first, last = infos[ks[0]], infos[ks[2]]
        if first.first and first.prior >= 0.05 and not first.stop and not last.stop and not last.blocked:
            _mark(tokens, infos, ks, scores, roles, Label.PERSON, 0.85, strict=False)


def _pairs(tokens, infos, text, scorable, scores, vetoed) -> None:
    """Both words of a pair of a likely first name and a surname → 0.7, in either order (a comma puts the surname
    first)."""
    # pairs: a likely first name and a surname beside it ("JIM RUSH", "SPEARS, JARED")
    n = len(tokens)
    firsts = [i for i in scorable if infos[i].likely_first]
    for i in sorted({k for j in firsts for k in (j - 1, j) if 0 <= k < n - 1}):
        wa, wb = infos[i], infos[i + 1]
        a, b = tokens[i], tokens[i + 1]
        if _plain_word_surname(a, b, wa, wb, text[a.end : b.start]) and i not in vetoed and i + 1 not in vetoed:
            scores[i] = max(scores[i], 0.7)
            scores[i + 1] = max(scores[i + 1], 0.7)
            continue
        if not ((wa.pair_first and wb.pair_last) or (wb.pair_first and wa.pair_last)):
            continue  # in neither order a first name and a surname (the word checks below, done first)
        gap = text[a.end : b.start]
        if "\n" in gap or not _PAIR_GAP.fullmatch(gap):
            continue
        first, last, wf, wl = (b, a, wb, wa) if "," in gap else (a, b, wa, wb)
        if not wf.first or wf.stop or wl.stop or wl.blocked or wf.blocked:
            continue
        if first.casing == MIXED and not (first.is_title and last.is_title) and not (first.is_upper and last.is_upper) and not (
            last.is_upper and first.is_title and "," in gap  # "PRICE, Marcus": the surname in capitals first
        ):
            continue
        if i in vetoed or i + 1 in vetoed:
            continue
        if wf.prior >= 0.4 and ((wl.last and wl.prior >= 0.01) or not wl.known_word):
            for k in (i, i + 1):
                scores[k] = max(scores[k], 0.7)


def _neighbours(tokens, infos, text, scores, roles, vetoed, stamp_initials, threshold) -> None:
    """A weak name beside a strong one ("Mark Brown", "John Oyelaran") → 0.6, or 0.55 for a word no lexicon knows."""
    # neighbours: a weak name beside a strong one ("Mark Brown", "John Oyelaran"), in two passes;
    # the second starts from the words the first raised: from the others it would decide the same again
    n = len(tokens)
    strong = _at_least(threshold, scores)
    for second in (False, True):
        if second:
            before = set(strong)
            strong = [j for j in _at_least(threshold, scores) if j not in before]
        for j in strong:
            if j in stamp_initials:
                continue
            for i in (j - 1, j + 1):
                if not 0 <= i < n or scores[i] >= threshold or i in vetoed:
                    continue
                w = infos[i]
                if w.blocked or w.stop or w.eponym or (i < j and tokens[i].lower in _GREETINGS):
                    continue  # (and "Dear Becky,": the greeting before a name is none of it)
                t = tokens[i]
                a, b = (tokens[j], t) if j < i else (t, tokens[j])
                gap = text[a.end : b.start]
                if len(gap) > 4 or "\n" in gap or not _NEIGHBOUR_GAP.fullmatch(gap):
                    continue
                informative = t.casing != MIXED or t.is_title
                if (w.first or w.last) and informative and (w.prior >= 0.02 or t.is_title):
                    scores[i] = max(scores[i], 0.6)
                    roles[i] = roles[i] or roles[j]
                elif informative and not w.known_word and not w.first and not w.last and len(t.lower) >= 2 and "," not in gap:
                    scores[i] = max(scores[i], 0.55)
                    roles[i] = roles[i] or roles[j]
