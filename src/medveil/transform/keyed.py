"""Keyed primitives: every replacement medveil makes is a pure function of a secret key and its inputs.

Nothing here keeps state. The same (key, scope, label, value) gives the same result in every run,
process and machine, which is what lets a corpus be split across workers and stay consistent.
All functions use HMAC-SHA256 (``hmac`` from the standard library); the key is never stored in
the output and cannot be recovered from it.

Other modules import these names; keep their signatures stable:
``derive_key``, ``date_shift_days``, ``keyed_token``, ``keyed_choice``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_SEP = b"\x1f"  # unit separator: keeps ("ab", "c") and ("a", "bc") apart
_TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: easy to read back


def as_key(secret: bytes | str) -> bytes:
    """Return ``secret`` as bytes (a ``str`` is UTF-8 encoded, surrounding whitespace removed)."""
    if isinstance(secret, str):
        secret = secret.strip().encode("utf-8")
    if not secret:
        raise ValueError("the secret key is empty")
    return bytes(secret)


def derive_key(secret: bytes | str, purpose: str) -> bytes:
    """A 32-byte subkey of ``secret`` for one ``purpose`` (e.g. ``"surrogate"``, ``"date-shift"``).

    Different purposes give independent subkeys, so a leaked token of one kind says nothing about
    another kind.
    """
    return hmac.new(as_key(secret), b"medveil/v1/" + purpose.encode("utf-8"), hashlib.sha256).digest()


def keyed_digest(key: bytes, *parts: object) -> bytes:
    """HMAC-SHA256 of ``parts`` (converted with ``str``) under ``key``."""
    msg = _SEP.join(str(p).encode("utf-8") for p in parts)
    return hmac.new(as_key(key), msg, hashlib.sha256).digest()


def keyed_int(key: bytes, *parts: object) -> int:
    """A 256-bit non-negative integer derived from ``parts`` under ``key``."""
    return int.from_bytes(keyed_digest(key, *parts), "big")


def keyed_random(key: bytes, *parts: object) -> random.Random:
    """A ``random.Random`` seeded from ``parts`` under ``key`` (for drawing several values at once).

    Not for cryptography: the seed is a keyed hash, the generator only spreads it out.
    """
    return random.Random(keyed_int(key, *parts))


def keyed_choice(key: bytes, options: Sequence[T], *parts: object) -> T:
    """Pick one of ``options`` deterministically from ``parts`` under ``key``."""
    if not options:
        raise ValueError("keyed_choice needs at least one option")
    return options[keyed_int(key, *parts) % len(options)]


def keyed_token(key: bytes, label: str, value: str, length: int = 12) -> str:
    """A stable token for ``value`` of ``label``: ``length`` characters of an unambiguous alphabet.

    The value is normalized (case and surrounding whitespace ignored), so "ab-12" and "AB-12 " give
    the same token. With 12 characters the token carries 60 bits: collisions are negligible in any
    realistic corpus.
    """
    n = keyed_int(key, "token", label, normalize(value))
    out = []
    for _ in range(length):
        n, r = divmod(n, len(_TOKEN_ALPHABET))
        out.append(_TOKEN_ALPHABET[r])
    return "".join(out)


def date_shift_days(key: bytes, patient_id: str, min_days: int, max_days: int) -> int:
    """The number of days every date of ``patient_id`` moves by: in ``[min_days, max_days]``, never 0."""
    if min_days > max_days:
        raise ValueError(f"min_days ({min_days}) > max_days ({max_days})")
    values = max_days - min_days + 1 - (1 if min_days <= 0 <= max_days else 0)
    if values <= 0:
        raise ValueError("the date shift range holds no day other than 0")
    k = keyed_int(key, "date-shift", patient_id) % values
    d = min_days + k
    if min_days <= 0 <= max_days and d >= 0:
        d += 1  # skip 0
    return d


def normalize(value: str) -> str:
    """The form of a value that keyed functions hash: case-folded, inner whitespace collapsed."""
    return " ".join(value.split()).casefold()


def fernet_key(secret: bytes | str, purpose: str = "reid-map") -> bytes:
    """A Fernet key derived from ``secret`` with HKDF-SHA256 (``cryptography``)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"medveil", info=purpose.encode("utf-8")).derive(as_key(secret))
    return base64.urlsafe_b64encode(raw)
