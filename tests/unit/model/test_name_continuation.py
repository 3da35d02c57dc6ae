"""The words after a hospital's or organization's name that continue it (``core._continue_names``).

Tokens are scored one at a time; the last words of a name ("Counseling", "Services") are seldom PHI alone.
A capitalized word the model finds at least somewhat likely PHI (``CONTINUE_FLOOR``) continues the name
before it; function words only bridge to such a word; departments, acronyms and titles never continue.
"""

from __future__ import annotations

import numpy as np
import pytest

from medveil.document import Span
from medveil.model.core import CONTINUE_FLOOR, _continue_names
from medveil.model.features import ContextTables, view


def _continued(text: str, name: str, label: str, p: float = 0.3, low: tuple[str, ...] = ()) -> str:
    """The text the name ``name`` covers after continuation, every other token at probability ``p`` (the
    tokens of ``low`` below the floor)."""
    v = view(text, [], ContextTables())
    tok_p = np.array([CONTINUE_FLOOR / 2 if t in low else p for t in v.toks])
    s = text.index(name)
    out = [Span(s, s + len(name), label, 0.9, "model:token")]
    _continue_names(v, tok_p, out)
    end = max(sp.end for sp in out if sp.label == label)
    return text[s:end]


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        ("Agency: Sonoran Pathways Counseling - 2250 N. Stone Ave", "Sonoran Pathways", "ORGANIZATION",
         "Sonoran Pathways Counseling"),
        ("interpreter via GlobalSpeak Language Services\nTriage RN", "GlobalSpeak Language", "ORGANIZATION",
         "GlobalSpeak Language Services"),
        ("brother Rohan at Deccan Institute of Technology. B.Tech", "Deccan Institute", "ORGANIZATION",
         "Deccan Institute of Technology"),
        ("CHILDREN'S HOSPITAL OF THE UPPER VALLEY - NICU", "CHILDREN'S HOSPITAL", "HOSPITAL",
         "CHILDREN'S HOSPITAL OF THE UPPER VALLEY"),
        ("works at Whitcombe & Lau Freight in town", "Whitcombe", "ORGANIZATION", "Whitcombe & Lau Freight"),
    ],
)
def test_a_name_continues(text, name, label, expected):
    assert _continued(text, name, label) == expected


@pytest.mark.parametrize(
    ("text", "name", "label", "low", "why"),
    [
        ("seen at Sonoran Pathways Counseling today", "Sonoran Pathways", "ORGANIZATION", ("Counseling",),
         "below the floor: the model does not find the word PHI at all"),
        ("brought to Children's Hospital Emergency Room at 5", "Children's Hospital", "HOSPITAL", (),
         "a department of the hospital"),
        ("Transport: Coastline Ambulance BLS booked", "Coastline Ambulance", "ORGANIZATION", (),
         "an acronym in a mixed-case line"),
        ("TRANSFERRED FROM DOVER MEMORIAL FOR FURTHER MGMT", "DOVER MEMORIAL", "HOSPITAL", (),
         "in capitals only OF bridges"),
        ("seen by Dr. Anna Kowal Tuesday", "Anna Kowal", "PROVIDER", (), "a person's name does not continue"),
        ("seen at Mercy Clinic by Dr. Lee", "Mercy Clinic", "HOSPITAL", (), "a function word then a title"),
    ],
)
def test_a_name_stops(text, name, label, low, why):
    assert _continued(text, name, label, low=low) == name, why
