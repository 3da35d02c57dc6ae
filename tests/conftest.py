"""Shared fixtures."""

from __future__ import annotations

import pytest

from medveil.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """One default pipeline for the whole test session (lexicons load once)."""
    return Pipeline()

