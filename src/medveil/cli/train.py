"""`medveil train` (being built; see the issue tracker)."""

from __future__ import annotations

from medveil.cli.common import fail


def train() -> None:
    """Not available yet."""
    fail("'train' is not available in this build yet")
