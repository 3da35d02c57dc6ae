"""Run a medveil pipeline over gold documents to get predictions to score."""

from __future__ import annotations

import warnings
from collections.abc import Iterable

from medveil.document import Document, Span
from medveil.evaluate.gold import GoldDocument
from medveil.evaluate.labelmap import GoldWarning
from medveil.pipeline import Pipeline


def predict(
    gold_docs: Iterable[GoldDocument], pipeline: Pipeline | None = None, *, use_context: bool = True
) -> tuple[dict[str, list[Span]], list[str]]:
    """Detect PHI in every gold text; return (id -> spans, ids of documents whose detection failed).

    The record's other fields are passed as ``Document.context`` unless ``use_context`` is False. A
    document whose detection raises counts as predicting nothing (fail closed: its PHI shows as missed).
    """
    pipe = pipeline or Pipeline()
    out: dict[str, list[Span]] = {}
    failed: list[str] = []
    for d in gold_docs:
        doc = Document(text=d.text, id=d.id, patient_id=d.patient_id, context=dict(d.fields) if use_context else {})
        try:
            out[d.id] = pipe.detect(doc)
        except Exception as e:  # noqa: BLE001 - a failing document is reported, never dropped
            out[d.id] = []
            failed.append(d.id)
            warnings.warn(f"{d.id}: detection failed ({type(e).__name__}); counted as predicting nothing", GoldWarning, stacklevel=2)
    return out, failed
