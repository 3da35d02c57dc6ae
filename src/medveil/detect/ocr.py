"""OCR noise in words: digits and look-alike letters that a scanner put inside names and places.

A faxed or scanned note reads "Dr. Sy1via Fe1dman", "0wusu-Ansah", "MEM0RIAL H0SPITAL", "WASHlNGTON" or
"referraI": a one or a zero for the letter l, I or O, a lowercase l for a capital I in a word in capitals, a
capital I for an l in a lowercase word. ``ocr_letters`` writes those words as letters (same length, so every
offset still indexes the original text); the word detectors (names, places) read that copy as well, and only
what a corrected character made is added (``patterns.ocr_digits`` is the counterpart for numbers: "O3/O5/2O24").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medveil import lexicons as lex
from medveil.document import Span

# a run of letters, digits and inner apostrophes or hyphens ("0'Doherty", "0wusu-Ansah", "REG10NAL")
_RUN = re.compile(r"(?<![\w'’])[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
# the gate, with C passes over a byte copy where letters read "a", 0 and 1 read "0" and other digits "9": two digits
# between letters ("Sy1via", "MEM0RIAL") or after three ("Medica1") before a note is read for OCR damage (a regex
# scan of every note costs 15x more)
_GATE_BYTES = bytes(ord("a") if chr(b).isalpha() and b < 128 else ord("0") if b in b"01" else ord("9") if chr(b).isdigit()
                    else b for b in range(256))
# and a copy where capitals read "A", the letter l itself and everything else ".": an l among capitals ("WlTH")
_CAPS_BYTES = bytes(ord("A") if 65 <= b <= 90 else b if b == ord("l") else ord(".") for b in range(256))
# a damaged word: a 0 or 1 touching a letter, an l inside capitals or before a consonant at a word's start, an I after
# a lowercase letter
_SUSPECT = re.compile(r"[A-Za-z][01]|[01][A-Za-z]|[A-Z]l[A-Z]|[a-z]I|\bl[b-df-hj-km-np-tv-xz]")
_MIN_LETTERS = 3  # "A1c", "O2", "T10", "x10": codes and units with fewer letters stay as they are
_MIN_WORDS = 2  # corrected runs that read as known words or names before a note counts as OCR-noisy


def _fix_run(run: str) -> str | None:
    """``run`` written as letters, or None when it is no OCR-damaged word.

    Only the digits 0 and 1 count (a run with any other digit is a code: "G2P1A1", "B12", "C1-C2"); a digit (or
    two: "REG10NAL") stands between letters, or a single one starts the run before letters ("0wusu", "0'Doherty").
    A 0 reads O among capitals or at the start, else o; a 1 reads I among capitals, else l.
    """
    letters = sum(c.isalpha() for c in run)
    if letters < _MIN_LETTERS:
        return None
    digits = [k for k, c in enumerate(run) if c.isdigit()]
    if not digits:
        return _fix_case_letters(run)
    if any(run[k] not in "01" for k in digits) or len(digits) > 3:
        return None
    chars = list(run)
    n = len(run)
    upper = sum(c.isupper() for c in run) * 2 > letters
    for k in digits:
        lo = k
        while lo > 0 and run[lo - 1] in "01":
            lo -= 1
        hi = k
        while hi + 1 < n and run[hi + 1] in "01":
            hi += 1
        before = run[lo - 1] if lo > 0 else ""
        after = run[hi + 1] if hi + 1 < n else ""
        inside = before.isalpha() and after.isalpha() and hi - lo < 2
        leading = lo == 0 and hi == 0 and (after.isalpha() or (after in "'’" and n > 2 and run[2].isalpha()))
        trailing = hi == n - 1 and lo == hi and before.isalpha() and letters >= 4
        if not (inside or leading or trailing):
            return None
        if run[k] == "0":
            chars[k] = "O" if upper or k == 0 else "o"
        else:
            chars[k] = "I" if upper else "l"
    fixed = "".join(chars)
    return _fix_case_letters(fixed) or fixed


def _fix_case_letters(run: str) -> str | None:
    """A lowercase l among capitals ("WASHlNGTON", "DlSCHARGE") or starting a known word ("lnstitute") read as I;
    a capital I inside a lowercase word ("referraI", "HeaIth") read as l. None when none is there."""
    body = run[1:]
    if run[0] == "l" and len(run) > 3 and run[1].islower() and run[1] not in "aeiouyl" and body.isalpha():
        fixed = "I" + body  # "lnstitute", "lnsurance": an l that no English word starts with before this consonant
        return fixed if _known(fixed) and not _known(run) else None
    if "l" in run and sum(c.isupper() for c in run) >= 3 and all(c.isupper() or c == "l" for c in run if c.isalpha()):
        return run.replace("l", "I")
    if "I" in body and sum(c.islower() for c in body) >= 3 and all(c.islower() or c == "I" for c in body if c.isalpha()):
        return run[0] + body.replace("I", "l")
    return None


def _known(word: str) -> bool:
    low = word.lower()
    return (lex.word_frequency(low) > 0 or low in lex.first_names() or low in lex.last_names()
            or low in lex.clinical_word_counts())


_last: tuple[str, tuple[str, list[int]] | None] | None = None  # the text last read and its result


def ocr_letters(text: str) -> tuple[str, list[int]] | None:
    """``text`` with OCR-damaged words written as letters (same length) and the changed offsets, or None.

    None also when the note does not look scanned: fewer than ``_MIN_WORDS`` corrected words read as a known
    word or name ("Medica1" → "Medical", "Sy1via" → "Sylvia"), so that a typed note's codes are never touched.
    The result for the most recent text is kept (the pattern and the word detectors both ask about each note):
    read the list of offsets, do not change it.
    """
    global _last
    if _last is not None and _last[0] is text:
        return _last[1]
    found = _read_letters(text)
    _last = (text, found)
    return found


def _read_letters(text: str) -> tuple[str, list[int]] | None:
    """``ocr_letters`` without the kept result."""
    raw = text.encode("utf-8", "surrogatepass")
    gate = raw.translate(_GATE_BYTES)
    if gate.count(b"a0a") + gate.count(b"aaa0") + raw.translate(_CAPS_BYTES).count(b"AlA") < _MIN_WORDS:
        return None
    fixes: list[tuple[int, str]] = []
    known = 0
    for m in _RUN.finditer(text):
        run = m.group()
        if not _SUSPECT.search(run):
            continue
        fixed = _fix_run(run)
        if fixed is None or fixed == run:
            continue
        fixes.append((m.start(), fixed))
        known += any(_known(p) for p in re.split(r"['’\-]", fixed) if len(p) >= 3)
    if known < _MIN_WORDS:
        return None
    chars = list(text)
    changed: list[int] = []
    for start, fixed in fixes:
        for k, c in enumerate(fixed):
            if chars[start + k] != c:
                chars[start + k] = c
                changed.append(start + k)
    return "".join(chars), changed


def corrected_spans(spans: list[Span], changed: list[int]) -> list[Span]:
    """The ``spans`` found in a corrected copy that hold a corrected character (offsets ``changed``, sorted), marked
    ``:ocr``: the rest of the note was read in the first pass. Shared by the letters and the digits view."""
    kept: list[Span] = []
    rest: list[Span] = []
    for sp in spans:
        i = bisect_left(changed, sp.start)
        (kept if i < len(changed) and changed[i] < sp.end else rest).append(sp)
    # and what the same rule found right after a corrected span: the state's code after a town read anew
    # ("Ba1timore , MD": the state holds no corrected character, but only the corrected town made the pair)
    kept += [sp for sp in rest if any(sp.source == k.source and 0 < sp.start - k.end <= 4 for k in kept)]
    return [Span(sp.start, sp.end, sp.label, sp.score, sp.source + ":ocr") for sp in kept]
