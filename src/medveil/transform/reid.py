"""The re-identification map: original ↔ replacement, written only on request, encrypted.

The map is one JSON document encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from the
``cryptography`` package) under a key derived from the secret key with HKDF-SHA256. Whoever holds
the secret key can restore a release with :func:`reidentify_text` / ``medveil reidentify``; without
it the map is opaque.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medveil.transform.keyed import fernet_key

MAGIC = "medveil-reid-map/1"


class ReidError(Exception):
    """The map cannot be opened (wrong key, damaged file) or does not fit the release."""


@dataclass(slots=True)
class ReidEntry:
    """What was replaced in one record: text replacements by output offsets, and field values."""

    id: str
    text: list[tuple[int, int, str, str]] = field(default_factory=list)  # out_start, out_end, original, replacement
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # field, original, replacement

    def to_json(self) -> dict[str, Any]:
        """The JSON form stored in the map."""
        return {"id": self.id, "text": [list(t) for t in self.text], "fields": [list(f) for f in self.fields]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ReidEntry:
        """Read an entry back from its JSON form."""
        return cls(str(d["id"]), [tuple(t) for t in d.get("text", [])], [tuple(f) for f in d.get("fields", [])])


def entry_of(result: Any) -> ReidEntry:
    """The map entry of a :class:`~medveil.deidentify.DeidentifiedDocument`."""
    return ReidEntry(
        result.id,
        [(r.out_start, r.out_end, r.original, r.replacement) for r in result.replacements if r.original != r.replacement],
        [(f, orig, new) for f, _lab, orig, new in result.field_replacements if orig != new],
    )


def write_map(path: str | Path, entries: list[ReidEntry], secret: bytes | str) -> None:
    """Encrypt ``entries`` under ``secret`` and write them to ``path`` (mode 0600)."""
    from cryptography.fernet import Fernet

    payload = json.dumps({"format": MAGIC, "records": [e.to_json() for e in entries]}, ensure_ascii=False).encode("utf-8")
    token = Fernet(fernet_key(secret)).encrypt(payload)
    p = Path(path)
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(token)


def read_map(path: str | Path, secret: bytes | str) -> list[ReidEntry]:
    """Decrypt the map at ``path``; raises :class:`ReidError` for a wrong key or a damaged file."""
    from cryptography.fernet import Fernet, InvalidToken

    try:
        token = Path(path).read_bytes()
    except OSError as e:
        raise ReidError(f"{path}: cannot read ({e.strerror})") from None
    try:
        data = json.loads(Fernet(fernet_key(secret)).decrypt(token.strip()))
    except (InvalidToken, ValueError):
        raise ReidError(f"{path}: cannot decrypt the re-identification map (wrong key or damaged file)") from None
    if not isinstance(data, dict) or data.get("format") != MAGIC:
        raise ReidError(f"{path}: not a medveil re-identification map")
    return [ReidEntry.from_json(d) for d in data["records"]]


def reidentify_text(text: str, entry: ReidEntry) -> str:
    """Put the originals of ``entry`` back into ``text`` (raises :class:`ReidError` if it was edited)."""
    out = text
    for s, e, orig, new in sorted(entry.text, key=lambda t: t[0], reverse=True):
        if out[s:e] != new:
            raise ReidError(f"record {entry.id}: the text does not match the map at {s}:{e} (was it edited?)")
        out = out[:s] + orig + out[e:]
    return out


def reidentify_fields(fields: dict[str, Any], entry: ReidEntry) -> dict[str, Any]:
    """Put the original values of structured fields back."""
    out = dict(fields)
    for name, orig, new in entry.fields:
        v = out.get(name)
        if isinstance(v, list):
            out[name] = [orig if str(x) == new else x for x in v]
        elif v is not None and str(v) == new:
            out[name] = int(orig) if isinstance(v, int) and orig.isdigit() else orig
    return out
