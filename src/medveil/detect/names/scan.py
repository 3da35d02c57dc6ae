"""Helpers that keep the passes cheap: gates that skip a case-insensitive pattern when a word it needs is absent, a
``finditer`` tried only where a hint matches, and the indexes of the scores that reach a threshold.
"""

from __future__ import annotations

import re
from itertools import compress, count


def _at_least(threshold: float, scores: list[float]) -> list[int]:
    """Indices of the scores that reach ``threshold`` (most scores are 0.0: those are skipped in C)."""
    if threshold <= 0.0:
        return [i for i, s in enumerate(scores) if s >= threshold]
    return [i for i in compress(count(), scores) if scores[i] >= threshold]


# letters that re.I matches to an ASCII letter but str.lower() does not turn into it (ſ~s, ı~i, İ~i)
_ODD_CASE = ("ſ", "ı", "İ")


def _words_for_gates(text: str, lower: str | None = None) -> str | None:
    """The lowercased text (``lower`` when the caller has it), to skip a case-insensitive pattern cheaply when a word
    it needs is absent.

    None when the text holds one of ``_ODD_CASE``: then every pattern runs (see ``_may_match``).
    """
    if any(c in text for c in _ODD_CASE):
        return None
    return text.lower() if lower is None else lower


def _may_match(low: str | None, hint: re.Pattern) -> bool:
    """False only when ``hint`` (a lowercase pattern) has no match in ``low`` (the text, lowercased)."""
    return low is None or hint.search(low) is not None


def _finditer_at_hints(pattern: re.Pattern, text: str, low: str | None, hint: re.Pattern):
    """``pattern.finditer(text)``, trying ``pattern`` only where ``hint`` matches ``low`` (the text, lowercased).

    Every match of ``pattern`` must start with a match of ``hint`` at the same offset (``low`` then has
    the offsets of ``text``: see ``_words_for_gates``). Without ``low`` every position is tried.
    """
    if low is None:
        yield from pattern.finditer(text)
        return
    h = hint.search(low)
    while h is not None:
        m = pattern.match(text, h.start())
        if m is not None:
            yield m
            h = hint.search(low, m.end())
        else:
            h = hint.search(low, h.start() + 1)
