"""The detection pipeline: detectors → resolver, with resources loaded once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from medveil.config import DetectConfig
from medveil.detect.base import Detector
from medveil.document import Document, Span
from medveil.resolve import resolve


def default_detectors(config: DetectConfig) -> list[Detector]:
    """The rule-based detectors, in the order they run."""
    from medveil.detect.fields import FieldDetector
    from medveil.detect.known import KnownValueDetector
    from medveil.detect.locations import LocationDetector
    from medveil.detect.names import NameDetector
    from medveil.detect.patterns import PatternDetector

    detectors: list[Detector] = [PatternDetector(keep_years=config.keep_years), NameDetector(), LocationDetector(), FieldDetector(), KnownValueDetector()]
    return [d for d in detectors if d.name not in config.disabled_detectors]


class Pipeline:
    """A reusable detector: build once (lexicons and model load here), call :meth:`detect` many times."""

    def __init__(self, config: DetectConfig | None = None, detectors: list[Detector] | None = None):
        self.config = config or DetectConfig()
        self.detectors = detectors if detectors is not None else default_detectors(self.config)
        self.model = None
        if self.config.model:
            from medveil.model import load_model  # the trained second pass (issue 5)

            self.model = load_model(self.config.model)

    def candidates(self, doc: Document) -> list[Span]:
        """All spans of all detectors, before the resolver."""
        spans: list[Span] = []
        for det in self.detectors:
            spans.extend(det.detect(doc))
        return spans

    def detect(self, value: Document | str) -> list[Span]:
        """Find the PHI in ``value`` and return sorted, non-overlapping spans."""
        doc = Document.of(value)
        if not doc.text:
            return []
        spans = self.candidates(doc)
        if self.model is not None:
            spans = self.model.rescore(doc, spans)
        return resolve(spans, doc.text, min_score=self.config.min_score)

    def detect_many(self, docs: Iterable[Document | str]) -> Iterator[list[Span]]:
        for d in docs:
            yield self.detect(d)


@lru_cache(maxsize=4)
def _default_pipeline(keep_years: bool) -> Pipeline:
    return Pipeline(DetectConfig(keep_years=keep_years))


def detect(value: Document | str, *, keep_years: bool = False) -> list[Span]:
    """Detect PHI with the default pipeline (built once per process and reused)."""
    return _default_pipeline(keep_years).detect(value)
