"""Tokens and casing: the shared view of a note that the word-level detectors read.

Casing is judged per line: in a mixed-case line a capitalized word mid-sentence is evidence of a
proper noun; in a line written ALL CAPS or all lowercase (ICU shorthand) casing says nothing, and
detectors must rely on lexicons and context instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medveil.document import Document

# A word: letters, inner apostrophes and hyphens ("O'Neil", "Garcia-Lopez", "pt's").
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=[^\W\d_]))*")
_POSSESSIVE = ("'s", "’s", "'S", "’S")

MIXED, UPPER, LOWER = "mixed", "upper", "lower"


@dataclass(slots=True)
class Token:
    """A word of the note. ``start``/``end`` index the original text; a possessive 's is cut off."""

    start: int
    end: int
    text: str
    lower: str
    casing: str  # the casing of the line it stands on: mixed, upper or lower
    sentence_start: bool

    @property
    def is_title(self) -> bool:
        t = self.text
        return t[0].isupper() and (len(t) == 1 or not t[1:].isupper())

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_lower(self) -> bool:
        return self.text.islower()

    @property
    def casing_informative(self) -> bool:
        return self.casing == MIXED


_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")


def _line_casings(text: str) -> tuple[list[int], list[str]]:
    """Start offsets of lines and the casing of each line.

    Casing is first a property of the writer: a note written all lowercase or ALL CAPS carries no
    casing evidence anywhere. In a mixed-case note, a line in capitals (a header, a signature block)
    is ``upper``; every other line is ``mixed``, even one that happens to hold no capital letter,
    because this writer capitalizes proper nouns.
    """
    n_up = len(_UPPER.findall(text))
    n_low = len(_LOWER.findall(text))
    letters = n_up + n_low
    if letters and n_up >= 0.85 * letters:
        whole = UPPER
    elif letters and n_up <= 0.015 * letters:
        whole = LOWER
    else:
        whole = MIXED
    starts = [0]
    casings = []
    pos = 0
    for line in text.split("\n"):
        casing = whole
        if whole == MIXED and line:
            upper = len(_UPPER.findall(line))
            if upper >= 4:
                lower = len(_LOWER.findall(line))
                if lower <= 0.15 * (upper + lower):
                    casing = UPPER
        casings.append(casing)
        pos += len(line) + 1
        starts.append(pos)
    return starts[:-1], casings


_SENT_PUNCT = frozenset(".!?:;")
_last: tuple[str, list[Token]] | None = None


def tokenize(doc: Document | str) -> list[Token]:
    """Split ``doc`` into word tokens with their line casing and a sentence-start flag.

    The result for the most recent text is cached, so that several detectors reading the same
    document tokenize it once.
    """
    global _last
    text = doc.text if isinstance(doc, Document) else doc
    if _last is not None and _last[0] is text:
        return _last[1]
    starts, casings = _line_casings(text)
    out: list[Token] = []
    prev_end = 0
    line = 0
    n_lines = len(starts)
    for m in WORD_RE.finditer(text):
        s, e = m.span()
        word = m.group()
        if word.endswith(_POSSESSIVE) and len(word) > 2:
            e -= 2
            word = word[:-2]
        while line + 1 < n_lines and starts[line + 1] <= s:
            line += 1
        gap = text[prev_end:s]
        if not out or "\n" in gap:
            sentence_start = True
        else:
            g = gap.rstrip(" \t\"')([]")
            sentence_start = bool(g) and g[-1] in _SENT_PUNCT
        out.append(Token(s, e, word, word.lower(), casings[line], sentence_start))
        prev_end = m.end()
    _last = (text, out)
    return out
