"""JSON records and event logs: per-field rules (drop, sequential ids, rename, precision, noise,
aggregation, free text through the text pipeline) and a field-by-field description of the output."""

from medveil.records.anonymize import RecordsAnonymizer, RecordsError, RecordsResult, describe_markdown
from medveil.records.policy import PolicyError, RecordsPolicy, load_records_policy

__all__ = [
    "PolicyError",
    "RecordsAnonymizer",
    "RecordsError",
    "RecordsPolicy",
    "RecordsResult",
    "describe_markdown",
    "load_records_policy",
]
