"""What several of the location passes share: the cue words before a place or a facility, the test for a word too
common to be a place by itself, the words that make up place names, small regexes and token look-ups, and the two
helpers that let a regex pass try its regex only where the scan (``scan._scan``) found its first words."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import lru_cache

from medveil import lexicons as lex
from medveil.detect.names import FUNCTION_WORDS

PLACE_CUES = frozenset(
    {
        "in", "from", "to", "at", "near", "of", "lives", "living", "resides", "resident", "moved", "born",
        "native", "visiting", "vacation", "trip", "home", "travel", "traveled", "travelled", "returned",
    }
)
FACILITY_CUES = frozenset(
    {
        "transferred", "transfer", "tx", "admitted", "admit", "seen", "followed", "rehab", "osh", "hospital",
        "discharged", "d/c", "dc'd", "sent", "going", "presented", "ed", "er", "via", "at", "from", "to",
    }
)


@lru_cache(maxsize=100_000)
def _is_common(word: str) -> bool:
    """A word that is too common in English or clinical prose to be a place by itself (cached: the lexicons are fixed)."""
    return lex.word_frequency(lex.fold(word)) >= 4.0 or _is_common_word(word)


def _is_state_name(lower: str) -> bool:
    """``lower`` is a US state's full name ("alabama", "new mexico"), not one of its abbreviations."""
    return lex.us_state_forms().get(lower, ("", ""))[1] == "name"


def _is_common_word(word: str) -> bool:
    """``_is_common`` without the frequency test: a function, stop or clinical word."""
    key = lex.fold(word)
    if key in FUNCTION_WORDS or key in lex.stop_words() or key in lex.clinical_abbreviations():
        return True
    counts = lex.clinical_word_counts().get(key)
    return counts is not None and counts[0] >= 3


def _matches(rx: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, trying ``rx`` only at ``starts`` (sorted) when given.

    ``starts`` must hold every offset where ``rx`` can match: the offsets of its first words.
    """
    if starts is None:
        yield from rx.finditer(text)
        return
    end = -1
    for s in starts:
        if s >= end and (m := rx.match(text, s)) is not None:
            end = m.end()
            yield m


def _key_gate(lower: str, keys: tuple[str, ...], cues: dict[str, list[int]] | None) -> Callable[[], bool]:
    """``any(k in lower for k in keys)``, a pass's gate, as a check done once at its first call.

    A pass with cue offsets calls it at its first regex match (most notes have none, and the
    scans of ``lower`` cost more than the pass); without cues (a full regex scan) it runs now.
    """
    result = any(k in lower for k in keys) if cues is None else None

    def check() -> bool:
        nonlocal result
        if result is None:
            result = any(k in lower for k in keys)
        return result

    return check


_NEXT_WORD = re.compile(r"[ \t]*(?:['’]s)?(?:[ \t-]+|[ \t]*\n[ \t]*)([^\W\d_]+)")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "Mary's" is one word


def _bounded(text: str, s: int, e: int) -> bool:
    """No word character (``\\w``: a letter, digit or "_") right before ``s`` or at ``e``."""
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
        return False
    return e == len(text) or not (text[e].isalnum() or text[e] == "_")


def _token_at(starts: list[int], pos: int) -> int | None:
    """The index of the token starting at ``pos`` (``starts``: every token's start, sorted), or None."""
    i = bisect_left(starts, pos)
    return i if i < len(starts) and starts[i] == pos else None


# words that make up place names ("Lake Miller", "Mount Welch Junction", "Glen Hills")
_PLACE_WORDS = frozenset(
    """junction springs spring falls heights hills hill valley lake lakes mount mt port fort ft north south east west
    new little grand green river park glen rock beach bay point view woods grove meadows manor village haven ville
    creek ridge harbor harbour center centre city town county saint st st. santa san los las el la""".split()
)
_SPACE = re.compile(r"[ \t]+")
