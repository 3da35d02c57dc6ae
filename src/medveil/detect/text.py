"""Tokens and casing: the shared view of a note that the word-level detectors read.

Casing is judged per line: in a mixed-case line a capitalized word mid-sentence is evidence of a
proper noun; in a line written ALL CAPS or all lowercase (ICU shorthand) casing says nothing, and
detectors must rely on lexicons and context instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from medveil.document import Document

# A word: letters, inner apostrophes and hyphens ("O'Neil", "Garcia-Lopez", "pt's").
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=[^\W\d_]))*")
_POSSESSIVE = ("'s", "’s", "'S", "’S")

MIXED, UPPER, LOWER = "mixed", "upper", "lower"


class Token:
    """A word of the note. ``start``/``end`` index the original text; a possessive 's is cut off.

    ``casing`` (the casing of its line: mixed, upper or lower) and ``sentence_start`` are computed
    on first use: most words of a note never need them.
    """

    __slots__ = ("start", "end", "text", "lower", "_ctx", "_casing", "_sentence_start")

    def __init__(self, start: int, end: int, text: str, lower: str, ctx: _Context):
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        self._ctx = ctx
        self._casing: str | None = None
        self._sentence_start: bool | None = None

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    @property
    def casing(self) -> str:
        if self._casing is None:
            ctx = self._ctx
            self._casing = ctx.casings[bisect_right(ctx.starts, self.start) - 1]
        return self._casing

    @property
    def sentence_start(self) -> bool:
        if self._sentence_start is None:
            text = self._ctx.text
            j = self.start - 1
            while j >= 0 and text[j] in " \t\"'([":
                j -= 1
            self._sentence_start = j < 0 or text[j] in "\n\r.!?:;"
        return self._sentence_start

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


class _Context:
    __slots__ = ("text", "starts", "casings")

    def __init__(self, text: str):
        self.text = text
        self.starts, self.casings = _line_casings(text)


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


_last: tuple[str, list[Token]] | None = None


def tokenize(doc: Document | str) -> list[Token]:
    """Split ``doc`` into word tokens.

    The result for the most recent text is cached, so that several detectors reading the same
    document tokenize it once.
    """
    global _last
    text = doc.text if isinstance(doc, Document) else doc
    if _last is not None and _last[0] is text:
        return _last[1]
    ctx = _Context(text)
    out: list[Token] = []
    append = out.append
    for m in WORD_RE.finditer(text):
        word = m.group()
        s, e = m.span()
        if word[-1] in "sS" and word.endswith(_POSSESSIVE) and len(word) > 2:
            e -= 2
            word = word[:-2]
        append(Token(s, e, word, word.lower(), ctx))
    _last = (text, out)
    return out
