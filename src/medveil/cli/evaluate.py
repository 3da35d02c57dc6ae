"""`medveil evaluate` (being built; see the issue tracker)."""

from __future__ import annotations

from medveil.cli.common import fail


def evaluate() -> None:
    """Not available yet."""
    fail("'evaluate' is not available in this build yet")
