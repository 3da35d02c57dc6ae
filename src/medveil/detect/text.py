"""Tokens and casing: the shared view of a note that the word-level detectors read.

Casing is judged per line: in a mixed-case line a capitalized word mid-sentence is evidence of a
proper noun; in a line written ALL CAPS or all lowercase (ICU shorthand) casing says nothing, and
detectors must rely on lexicons and context instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat

from medveil.document import Document

# A word: letters, inner apostrophes and hyphens ("O'Neil", "Garcia-Lopez", "pt's").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’][sS]")  # a possessive 's, cut off the end of a word

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
    def char_before(self) -> str:
        """The character right before the token ("" at the text's start)."""
        return self._ctx.text[self.start - 1] if self.start > 0 else ""

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
        """A capital, then not only capitals ("Smith", "McNeil", "O"); not an abbreviation's plural ("ABGs", "SVDs")."""
        t = self.text
        return t[0].isupper() and (len(t) == 1 or not t[1:].isupper()) and not (
            len(t) >= 3 and t[-1] == "s" and t[:-1].isupper())

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


# The letters whose case the casing rules count: ASCII and Latin-1 ones. Counted with ``bytes.translate`` on the
# Latin-1 encoding (C speed): deleting all bytes but one kind counts capitals and small letters; mapping byte for byte to
# "U" for a capital ("J" for "I"), "l" for a small letter, a newline for a newline and a blank for anything else lets
# ``_title_capitals`` count the capitals that start a word ("Ul").
_UPPER_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0xC0, 0xD7)) + bytes(range(0xD8, 0xDF))  # A-Z À-Ö Ø-Þ
_LOWER_LETTERS = bytes(range(0x61, 0x7B)) + bytes(range(0xDF, 0xF7)) + bytes(range(0xF8, 0x100))  # a-z ß-ö ø-ÿ
_ALL_BUT_UPPER = bytes(b for b in range(256) if b not in _UPPER_LETTERS and b != 0x0A)  # newlines kept
_ALL_BUT_LOWER = bytes(b for b in range(256) if b not in _LOWER_LETTERS and b != 0x0A)
_CASE_MAP = bytes(
    ord("J") if b == ord("I") else ord("U") if b in _UPPER_LETTERS else ord("l") if b in _LOWER_LETTERS
    else 0x0A if b == 0x0A else 0x20 for b in range(256)
)  # "I" apart ("J"): alone between blanks it is the pronoun of a writer who capitalizes


def _letters_per_line(text: str) -> tuple[list[int], list[int], bytes]:
    """Per line of ``text``: capitals and small letters (A-Z, À-Þ / a-z, ß-ÿ); and the Latin-1 encoding of ``text``."""
    latin1 = text.encode("latin-1", "ignore")  # other characters are letters of neither kind
    uppers = latin1.translate(None, _ALL_BUT_UPPER).split(b"\n")
    lowers = latin1.translate(None, _ALL_BUT_LOWER).split(b"\n")
    return [len(u) for u in uppers], [len(lo) for lo in lowers], latin1


def _title_capitals(cased: bytes) -> int:
    """Capitals that start a capitalized word ("Mary", "Pt") or stand alone between blanks (the pronoun "I"), in
    ``_CASE_MAP`` bytes; not those of an abbreviation ("PCA", "K")."""
    return cased.count(b"Ul") + cased.count(b"Jl") + cased.count(b" J ")


def _casing_of(n_up: int, n_low: int) -> str:
    letters = n_up + n_low
    if letters and n_up >= 0.85 * letters:
        return UPPER
    if letters and n_up <= 0.015 * letters:
        return LOWER
    return MIXED


def _is_upper_line(u: int, lo: int) -> bool:
    """A line in capitals: a header or a signature."""
    return u >= 4 and lo <= 0.15 * (u + lo)


def _writer_casing(ups: list[int], lows: list[int], latin1: bytes) -> str:
    """The casing of a writer from the capitals and small letters of their lines (``latin1``: the lines' text, Latin-1
    encoded). Besides ``_casing_of``: lowercase when, header lines in capitals aside, almost no word is capitalized
    (``_title_capitals``) and capitals are few (under 0.4 % and 15 % of the letters): a nursing note in lowercase
    whose only capitals are abbreviations ("pt to MICU, PCA aware, K 3.2") or a header ("PACU HANDOFF"), not a line
    of names in capitals."""
    up, low = sum(ups), sum(lows)
    casing = _casing_of(up, low)
    if casing != MIXED:
        return casing
    cased = latin1.translate(_CASE_MAP)
    title = _title_capitals(cased)
    if title > 0.02 * (up + low):
        return casing  # (most mixed-case writers capitalize 2-4 % of their letters: no need to look at lines)
    for u, lo, c in zip(ups, lows, cased.split(b"\n"), strict=True):
        if _is_upper_line(u, lo):
            up, low, title = up - u, low - lo, title - _title_capitals(c)
    letters = up + low
    return LOWER if letters and title <= 0.004 * letters and up <= 0.15 * letters else MIXED


_TAG = re.compile(r"<[^<>\n]{0,200}>")


def _line_casings(text: str) -> tuple[list[int], list[str]]:
    """Start offsets of lines and the casing of each line.

    Casing is first a property of the writer: a note written all lowercase or ALL CAPS carries no
    casing evidence anywhere. The writer is judged per block of text (lines between blank lines,
    XML markup removed), so that a lowercase nursing note inside an XML export or after a typed
    header is still read as lowercase. In a mixed-case block, a line in capitals (a header, a
    signature) is ``upper``; every other line is ``mixed``, even one that happens to hold no capital
    letter, because this writer capitalizes proper nouns.
    """
    uppers, lowers, latin1 = _letters_per_line(text)
    whole = _writer_casing(uppers, lowers, latin1)
    lines = text.split("\n")
    starts = list(accumulate([len(line) + 1 for line in lines[:-1]], initial=0))
    casings = [whole] * len(lines)
    if whole != MIXED:
        return starts, casings
    # letters per line (markup removed: a tag never spans lines), then blocks of non-blank lines
    if "<" in text:
        counted = _TAG.sub(" ", text)
        lines = counted.split("\n")
        uppers, lowers, latin1 = _letters_per_line(counted)
    filled = [bool(line.strip()) for line in lines]
    latin1_lines = latin1.split(b"\n")
    i = 0
    n = len(lines)
    while i < n:
        if not filled[i]:
            i += 1
            continue
        j = i
        while j < n and filled[j]:
            j += 1
        # only a long block decides on its own: a short lowercase medication list stays "mixed"
        block_casing = (_writer_casing(uppers[i:j], lowers[i:j], b"\n".join(latin1_lines[i:j]))
                        if sum(uppers[i:j]) + sum(lowers[i:j]) >= 150 else MIXED)
        for k in range(i, j):
            casing = block_casing
            if block_casing == MIXED and _is_upper_line(uppers[k], lowers[k]):
                casing = UPPER
            casings[k] = casing
        i = j
    return starts, casings


# WORD_RE as one group: ``split`` then alternates the text between words and the words themselves.
# In ASCII text (most notes) a letter is [A-Za-z], which the regex engine checks faster: same words.
# Written as WORD_RE with possessive quantifiers (a run of letters never gives one back): the same words,
# less bookkeeping for the regex engine.
_WORD_SPLIT = re.compile(r"([^\W\d_]++(?:['’\-][^\W\d_]++)*+)")
_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z]++(?:['\-][A-Za-z]++)*+)")
_last: tuple[str, list[Token], list[int], list[str]] | None = None  # text, tokens, their starts and lowercase words


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
    # [gap, word, gap, word, …, gap]: the offsets of the pieces give each word's start and end
    pieces = (_ASCII_WORD_SPLIT if text.isascii() else _WORD_SPLIT).split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    words = pieces[1::2]
    starts = offsets[1::2]
    ends = offsets[2::2]
    for m in _POSSESSIVE.finditer(text) if "'" in text or "’" in text else ():
        # "Smith's" -> "Smith": the word that ends right after this 's, if longer than the 's itself
        i = bisect_left(ends, m.end())
        if i < len(ends) and ends[i] == m.end() and ends[i] - starts[i] > 2:
            words[i] = words[i][:-2]
            ends[i] -= 2
    lowers = list(map(str.lower, words))
    out = list(map(Token, starts, ends, words, lowers, repeat(ctx, len(words))))
    _last = (text, out, starts, lowers)
    return out


def token_starts(tokens: list[Token]) -> list[int]:
    """The start offsets of ``tokens``, for bisecting: kept from ``tokenize`` when it made this list.

    The list returned may be shared: read it, do not change it.
    """
    if _last is not None and _last[1] is tokens:
        return _last[2]
    return [t.start for t in tokens]


def token_lowers(tokens: list[Token]) -> list[str]:
    """The lowercase words of ``tokens`` (``Token.lower``), kept from ``tokenize`` like ``token_starts``."""
    if _last is not None and _last[1] is tokens:
        return _last[3]
    return [t.lower for t in tokens]


def labels_a_field(text: str, start: int, end: int) -> bool:
    """The word at ``start:end`` names a field: a colon right after it, and it starts its line or follows a column
    gap of two spaces or a tab ("Facility: …", "PATIENT: PINEDA, JANE   DATE: …")."""
    if text[end : end + 1] != ":":
        return False
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return not before.strip() or before.endswith(("  ", "\t"))
