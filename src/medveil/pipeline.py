"""The detection pipeline: detectors → resolver, with resources loaded once."""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate

from medveil.config import DetectConfig
from medveil.detect.base import Detector
from medveil.detect.ocr import corrected_spans, ocr_letters
from medveil.document import Document, Span
from medveil.resolve import resolve


def default_detectors(config: DetectConfig) -> list[Detector]:
    """The rule-based detectors, in the order they run."""
    from medveil.detect.fields import FieldDetector
    from medveil.detect.hl7 import HL7Detector
    from medveil.detect.known import KnownValueDetector
    from medveil.detect.locations import LocationDetector
    from medveil.detect.names import NameDetector
    from medveil.detect.patterns import PatternDetector

    detectors: list[Detector] = [PatternDetector(keep_years=config.keep_years), NameDetector(), LocationDetector(), FieldDetector(), KnownValueDetector(), HL7Detector()]
    return [d for d in detectors if d.name not in config.disabled_detectors]


def _drop_claimed(spans: list[Span], owner: str, ranges: list[tuple[int, int]]) -> list[Span]:
    """``spans`` without those of other detectors than ``owner`` that overlap a claimed range."""
    ranges = sorted(ranges)
    starts = [s for s, _ in ranges]
    ends = list(accumulate((e for _, e in ranges), max))  # running max: a range ending after a start
    out = []
    for sp in spans:
        if not sp.source.startswith(owner):
            i = bisect_left(starts, sp.end)  # ranges starting before the span ends
            if i and ends[i - 1] > sp.start:
                continue
        out.append(sp)
    return out


# A dot leader between a form's field name and its value ("Patient Name ........ ROSS, ANA", "Sex ..... M"; four dots or
# more, blanks before and after them: no ellipsis)
_DOT_LEADER = re.compile(r"(?:(?<=[^\W\d_])|(?<=\)))([ \t]+)\.{4,}(?=[ \t]+\S)")  # after a letter or ")": "Phone (cell) ....."


def leaders_as_colons(doc: Document) -> Document:
    """``doc`` with its dot leaders read as colons ("Patient Name :        ROSS, ANA"), so that every detector sees the
    fields of a face sheet as fields; the text keeps its length, so offsets index the note as written."""
    if "...." not in doc.text:
        return doc
    text = _DOT_LEADER.sub(lambda m: m.group(1) + ":" + " " * (m.end() - m.start(0) - len(m.group(1)) - 1), doc.text)
    return Document(text, doc.id, doc.patient_id, doc.context)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while one note is read.

    A note makes tens of thousands of short-lived objects (tokens, spans, feature rows) and no reference cycles,
    and every collection their allocations trigger also walks the caches of the words met before: on notes of
    40 KB that cost a fifth of the rule pass. Memory is still freed as usual (reference counting); the collector
    runs again after the note. Left alone when the caller has paused it already.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Pipeline:
    """A reusable detector: build once (lexicons and model load here), call :meth:`detect` many times."""

    def __init__(self, config: DetectConfig | None = None, detectors: list[Detector] | None = None):
        self.config = config or DetectConfig()
        self.detectors = detectors if detectors is not None else default_detectors(self.config)
        self.model = None
        if self.config.model:
            from medveil.model import load_model  # the trained second pass (issue 5)

            self.model = load_model(self.config.model)

    def candidates(self, doc: Document | str) -> list[Span]:
        """All spans of all detectors, before the resolver (``doc`` a document or a bare text, as for :meth:`detect`).

        A detector with ``detect_claims`` (the HL7 one) also returns the ranges it alone decides about
        (fields of a parsed message): other detectors' spans that overlap them are dropped.
        """
        return self._candidates(Document.of(doc))[0]

    def _candidates(self, doc: Document) -> tuple[list[Span], list[tuple[str, list[tuple[int, int]]]]]:
        """The candidates and the claims (owner source prefix, ranges) they were filtered with; the detectors read
        ``doc`` with its dot leaders as colons (``leaders_as_colons``)."""
        doc = leaders_as_colons(doc)
        spans: list[Span] = []
        claims: list[tuple[str, list[tuple[int, int]]]] = []
        for det in self.detectors:
            claiming = getattr(det, "detect_claims", None)
            if claiming is None:
                spans.extend(det.detect(doc))
                continue
            found, ranges = claiming(doc)
            spans.extend(found)
            if ranges:
                claims.append((f"{det.name}:", ranges))
        spans.extend(self._ocr_word_spans(doc, spans))
        for owner, ranges in claims:
            spans = _drop_claimed(spans, owner, ranges)
        return spans, claims

    def _ocr_word_spans(self, doc: Document, found: list[Span]) -> list[Span]:
        """Names and places found only once OCR-damaged words read as letters ("Dr. Sy1via Fe1dman",
        "MEM0RIAL H0SPITAL"): the word detectors (``reads_words``) run on the corrected copy of a scanned note,
        and a span is kept when a corrected character is in it."""
        readers = [d for d in self.detectors if getattr(d, "reads_words", False)]
        fixed = ocr_letters(doc.text) if readers else None
        if fixed is None:
            return []
        norm, changed = fixed
        copy = Document(norm, doc.id, doc.patient_id, doc.context)
        seen = {(sp.start, sp.end) for sp in found}
        new = [sp for det in readers for sp in det.detect(copy) if (sp.start, sp.end) not in seen]
        return corrected_spans(new, changed)

    def detect(self, value: Document | str) -> list[Span]:
        """Find the PHI in ``value`` and return sorted, non-overlapping spans."""
        doc = Document.of(value)
        if not doc.text:
            return []
        with _collector_paused():
            spans, claims = self._candidates(doc)
            if self.model is not None:
                spans = self.model.rescore(doc, spans)
                for owner, ranges in claims:  # the model's own tags do not enter a claimed field either
                    spans = _drop_claimed(spans, owner, ranges)
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
