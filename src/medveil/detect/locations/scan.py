"""The one scan over a note's lowercase text that finds every gazetteer place name and the offsets where each
regex pass may match (``_PASS_CUES``), with one Aho-Corasick automaton over the note's word-start form."""

from __future__ import annotations

import string
from functools import lru_cache

import ahocorasick

from medveil.detect.locations.addresses import _VISITED_KEYS
from medveil.detect.locations.facilities import _DEPARTMENT_KEYS, _ES_HEAD_HINTS, _TRANSFER_KEYS
from medveil.detect.locations.gazetteer import _gazetteer, _gazetteer_entries
from medveil.detect.locations.organizations import (
    _CAPS_BODY_KINDS,
    _MILITARY_KEYS,
    _NAMED_SERVICE_KEYS,
    _ORG_HEADS,
    _SERVICE_KEYS,
    _WORKS_AT_KEYS,
)

# The word-start form of a text: ASCII letters, digits and "_" stay, every other character becomes
# _MARK, and one _MARK goes in front. A place name starts after a non-word character, so in this form
# it starts with _MARK.
_MARK = "\x01"
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")
_WORD_START_BYTES = bytes(c if chr(c) in _ASCII_WORD else ord(_MARK) for c in range(256))


def _word_start_form(lower: str) -> str:
    """The word-start form of ``lower`` (see above): one character longer, offsets shifted by one."""
    return _MARK + lower.encode("ascii", "replace").translate(_WORD_START_BYTES).decode("ascii")


# The words each regex pass starts with (lowercase), found with the place names (``_scan``): a pass
# then tries its regex at those offsets only, instead of scanning the whole note. Every regex starts
# with \b, so its words start after a non-word character.
_PASS_CUES: dict[str, tuple[str, ...]] = {
    "transfer": _TRANSFER_KEYS,
    "visited": _VISITED_KEYS,
    "works_at": _WORKS_AT_KEYS,
    "org_suffix": ("sons", "inc", "llc", "llp", "pllc", "l.l.c", "corp", "co.", "company", "construction", "trucking", "landscaping",
                   "enterprises", "industries", "authority", "department", "district", "bank", "insurance",
                   "manufacturing", "logistics"),
    "ward": ("to ", "to\t", "from ", "from\t", "on ", "on\t", "at ", "at\t"),
    "department": _DEPARTMENT_KEYS,
    "role_at": ("is ", "is\t", "was ", "was\t", "as ", "as\t", "became "),
}


@lru_cache(maxsize=1)
def _word_start_automaton() -> ahocorasick.Automaton:
    """Word-start form → (offset back to the word's start, [(place name, length, label, ambiguous)], names of the passes it cues).

    A hit in the word-start form of a note (with a _MARK at its end too) is a candidate
    (punctuation and non-ASCII letters all became _MARK): callers compare a place name with the
    lowercase text, and a pass runs its regex. Every key starting with _MARK keeps the automaton
    near its root inside words, so the scan takes half the time of a plain automaton over the
    lowercase text. A place name's key also ends with a _MARK: a name followed by an ASCII letter,
    digit or "_" is no word and never found.
    """
    places: dict[str, list[tuple[str, int, str, bool]]] = {}
    for key, (label, ambiguous) in _gazetteer_entries().items():
        places.setdefault(_word_start_form(key) + _MARK, []).append((key, len(key), label, ambiguous))
    cues: dict[str, set[str]] = {}
    for name, words in _PASS_CUES.items():
        for word in words:
            cues.setdefault(_word_start_form(word), set()).add(name)
    auto = ahocorasick.Automaton()
    for form in places.keys() | cues.keys():
        auto.add_word(form, (len(form) - 1, places.get(form, []), tuple(sorted(cues.get(form, ())))))
    auto.make_automaton()
    return auto


def _text_offsets(text: str) -> list[int | None]:
    """For each offset of ``text.lower()`` (and its end), the offset of ``text`` it stands for.

    None inside the lowercase form of a character that lowercases to more than one ("İ" → "i̇"):
    no offset of ``text`` stands there.
    """
    at: list[int | None] = []
    for i, c in enumerate(text):
        at.append(i)
        at.extend([None] * (len(c.lower()) - 1))
    at.append(len(text))
    return at


def _scan(text: str, lower: str) -> tuple[list[tuple[int, int, str, bool]], dict[str, list[int]] | None]:
    """The place names in ``lower`` (``text.lower()``) and where each regex pass may match, in one scan.

    Place names are (start, end, label, ambiguous) in ``text``: every name that starts after a
    non-word character, and maybe others (the caller keeps names on word boundaries). Each pass gets the
    sorted offsets of its cue words (one ending the note may be there with no space after it: the
    regex decides), or None when they could miss a match in ``text``: when
    lowercasing changed the length ("İ") or the text holds "ı" or "ſ", which a case-insensitive
    regex reads as "i" and "s".
    """
    if len(lower) != len(text):
        # the plain scan over ``lower``, its offsets taken back to ``text``
        at = _text_offsets(text)
        places = []
        for e, (length, label, amb) in _gazetteer().iter(lower):
            s, e = at[e + 1 - length], at[e + 1]
            if s is not None and e is not None:
                places.append((s, e, label, amb))
        return places, None
    places = []
    cues: dict[str, list[int]] = {name: [] for name in _PASS_CUES}
    for e, (back, names, passes) in _word_start_automaton().iter(_word_start_form(lower) + _MARK):
        # ``e`` is the last index of the hit in the form; the form's offsets are one more than in ``lower``
        s = e - back
        for key, length, label, ambiguous in names:
            if lower.startswith(key, s):
                places.append((s, s + length, label, ambiguous))
        for name in passes:
            cues[name].append(s)
    if "ı" in text or "ſ" in text:
        return places, None
    for offsets in cues.values():
        offsets.sort()
    return places, cues


# The substrings that gate the rarer passes (a pass runs when one of its keys is in the note): "military" looks in the
# lowercase text, the others in the text as written ("spanish" gates ``_spanish_facility_spans``, "caps_body"
# ``_caps_body_spans``)
_GATE_KEYS: dict[str, tuple[str, ...]] = {
    "military": _MILITARY_KEYS,
    "service": _SERVICE_KEYS,
    "named_service": _NAMED_SERVICE_KEYS,
    "org_heads": _ORG_HEADS,
    "spanish": _ES_HEAD_HINTS,
    "caps_body": _CAPS_BODY_KINDS,
}


@lru_cache(maxsize=1)
def _gate_automaton() -> ahocorasick.Automaton:
    """Lowercase key → [(gate, key as written)] for every key of ``_GATE_KEYS``."""
    entries: dict[str, list[tuple[str, str]]] = {}
    for gate, keys in _GATE_KEYS.items():
        for key in keys:
            assert len(key.lower()) == len(key) and "Σ" not in key  # (lowercased a character at a time: see ``gates``)
            entries.setdefault(key.lower(), []).append((gate, key))
    auto = ahocorasick.Automaton()
    for low, found in entries.items():
        auto.add_word(low, found)
    auto.make_automaton()
    return auto


def gates(text: str, lower: str) -> frozenset[str]:
    """The gates of ``_GATE_KEYS`` that one of their keys opens: "military" when a key is in ``lower``
    (``text.lower()``), any other when a key is in ``text``. One Aho-Corasick pass over ``lower`` instead of a
    substring search per key: a key (all of them are ASCII or Latin letters, none a sigma) is in ``text`` only if
    its lowercase form is in ``lower``, as each of its characters lowercases alone; such a key is then looked up
    in ``text`` itself, so a gate opens exactly when one of its keys is there."""
    found = {entry for _, entries in _gate_automaton().iter(lower) for entry in entries}
    return frozenset(gate for gate, key in found if gate == "military" or key in text)
