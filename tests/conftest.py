"""Shared fixtures."""

from __future__ import annotations

import pytest

from medveil.config import DetectConfig
from medveil.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The rule pass alone, for the whole test session (lexicons load once): what the detectors promise."""
    return Pipeline(DetectConfig(model=None))

