"""Transform: the operators that replace detected PHI, and the policy that chooses them per label.

* :mod:`~medveil.transform.keyed` — keyed primitives (HMAC-SHA256): ``derive_key``,
  ``date_shift_days``, ``keyed_token``, ``keyed_choice``; every replacement is a pure function of
  the secret key and its inputs;
* :mod:`~medveil.transform.base` — the :class:`Operator` protocol and the per-document
  :class:`Context`;
* one module per operator family: :mod:`~medveil.transform.simple` (keep, redact, tag),
  :mod:`~medveil.transform.names`, :mod:`~medveil.transform.dates`,
  :mod:`~medveil.transform.shapes` (phones, IDs, emails, URLs, IPs, SSNs; token),
  :mod:`~medveil.transform.locations`, :mod:`~medveil.transform.generalize`;
* :mod:`~medveil.transform.policy` — the pydantic :class:`Policy`, presets and YAML loading;
* :mod:`~medveil.transform.reid` — the encrypted re-identification map;
* :mod:`~medveil.transform.release` — writing a release in the format that was read.

The engine that applies a policy to a document is :class:`medveil.deidentify.Deidentifier`.
"""

from medveil.transform.base import Context, Operator, TransformError
from medveil.transform.keyed import date_shift_days, derive_key, keyed_choice, keyed_token
from medveil.transform.policy import PRESETS, Policy, Rule

__all__ = [
    "Context",
    "Operator",
    "PRESETS",
    "Policy",
    "Rule",
    "TransformError",
    "date_shift_days",
    "derive_key",
    "keyed_choice",
    "keyed_token",
]
