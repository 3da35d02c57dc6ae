"""`medveil deidentify` (being built; see the issue tracker)."""

from __future__ import annotations

from medveil.cli.common import fail


def deidentify() -> None:
    """Not available yet."""
    fail("'deidentify' is not available in this build yet")


def reidentify() -> None:
    """Not available yet."""
    fail("'reidentify' is not available in this build yet")
