"""Detectors: each finds one family of PHI and returns spans; the resolver merges them."""

from medveil.detect.base import Detector

__all__ = ["Detector"]
