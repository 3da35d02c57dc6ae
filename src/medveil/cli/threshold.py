"""`medveil threshold` (being built; see the issue tracker)."""

from __future__ import annotations

from medveil.cli.common import fail


def threshold() -> None:
    """Not available yet."""
    fail("'threshold' is not available in this build yet")
