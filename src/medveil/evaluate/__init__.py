"""Evaluate de-identification against annotated (gold) corpora.

    from medveil.evaluate import load_gold, score
    gold = load_gold("id.text", fmt="physionet")          # or a BRAT dir, i2b2 XML, medveil JSONL
    report = score(gold, {d.id: medveil.detect(d.text) for d in gold})
    report.overall["recall"], report.to_json()

See docs/evaluate.md for the exact metric definitions.
"""

from medveil.evaluate.gold import (
    GOLD_FORMATS,
    GoldDocument,
    GoldSpan,
    detect_gold_format,
    load_gold,
    write_gold_jsonl,
)
from medveil.evaluate.labelmap import IGNORE, GoldWarning, LabelMap
from medveil.evaluate.metrics import EvaluationReport, PredSpan, merge_overlapping, score
from medveil.evaluate.predictions import read_predictions
from medveil.evaluate.report import print_table, write_html, write_json
from medveil.evaluate.run import predict
from medveil.evaluate.thresholds import (
    Policy,
    RiskThresholds,
    acquaintance_probability,
    min_recall,
    risk_thresholds,
)

__all__ = [
    "GOLD_FORMATS",
    "IGNORE",
    "EvaluationReport",
    "GoldDocument",
    "GoldSpan",
    "GoldWarning",
    "LabelMap",
    "Policy",
    "PredSpan",
    "RiskThresholds",
    "acquaintance_probability",
    "detect_gold_format",
    "load_gold",
    "merge_overlapping",
    "min_recall",
    "predict",
    "print_table",
    "read_predictions",
    "risk_thresholds",
    "score",
    "write_gold_jsonl",
    "write_html",
    "write_json",
]
