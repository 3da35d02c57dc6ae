"""The fixed train / dev / test split of the development benchmark.

A document (or, where patients exist, a patient) goes to a split by a hash of a stable key, so the
split never changes when the corpus is rebuilt and every script agrees on it. The test split is
never read to write rules, build lists or train models.
"""

from __future__ import annotations

import hashlib


def split_of(key: str) -> str:
    """Return 'train' (70 %), 'dev' (10 %) or 'test' (20 %) for a stable document or patient key."""
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 10
    if h >= 8:
        return "test"
    if h == 7:
        return "dev"
    return "train"
