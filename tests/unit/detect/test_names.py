from __future__ import annotations

import pytest

from medveil.detect.names import NameDetector, name_prior
from medveil.document import Document
from medveil.labels import Label
from medveil.resolve import resolve


def found(text: str) -> dict[str, str]:
    """The names the detector finds, after the resolver's merge policy."""
    spans = resolve(NameDetector().detect(Document(text)), text)
    return {text[s.start : s.end]: s.label for s in spans}


def test_prior_is_frequency_aware():
    # nearly always a name / sometimes / almost never
    assert name_prior("Smith") > 0.8
    assert 0.1 < name_prior("Brown") < 0.7
    for word in ("will", "hope", "may", "bill"):
        assert name_prior(word) < 0.05, word


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Seen by Dr. Oyelaran today.", "Oyelaran", Label.PROVIDER),
        ("dr day notified re: sbp", "day", Label.PROVIDER),
        ("pt's wife mary in to visit", "mary", Label.RELATIVE),
        ("HCP IS HIS DAUGHTER IVY", "IVY", Label.RELATIVE),
        ("Discussed with Mrs. Hope Greybeard.", "Hope Greybeard", Label.PATIENT),
        ("--m. mcmahon, rn", "m. mcmahon", Label.PROVIDER),
        ("Attending: Clifford Fuller-Thornton, MD", "Clifford Fuller-Thornton", Label.PROVIDER),
        ("NEURO: JAY (HIS BRO) AT BEDSIDE", "JAY", Label.RELATIVE),
        ("CALEB, 87 YR OLD M, TRANSFERRED", "CALEB", Label.PATIENT),
    ],
)
def test_cues_make_a_name_and_give_its_role(text, name, label):
    assert found(text).get(name) == label, found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Brown stool in the rectal vault.",
        "pt will need a foley catheter.",
        "We hope she improves; may need PT.",
        "Positive Murphy's sign, Homan's sign negative.",
        "Parkinson's disease, Huntington's chorea at baseline.",
        "A 19-French Blake drain was placed.",
        "Lovenox 40 mg daily.",
        "dr aware of plan",
    ],
)
def test_no_name_in_clinical_language(text):
    names = {k: v for k, v in found(text).items()}
    assert not names, names


def test_common_first_name_alone_in_lowercase_and_caps_notes():
    assert "mary" in found("mary called at 2200, updated on plan")
    assert "JOHN SMITH" in " ".join(found("VISITED BY JOHN SMITH THIS AM"))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tamsin Quarrie, R.N.", {"Tamsin Quarrie"}),
        ("Plan discussed with Oyelaran, M.D. today", {"Oyelaran"}),
        ("Keep Quarrie N.P.O. after midnight", set()),  # not the credential N.P.
        ("transfer Quarrie to P.A.C.U. when stable", set()),
    ],
)
def test_a_credential_with_full_stops_is_a_cue(text, found):
    cued = {text[s.start : s.end] for s in resolve(NameDetector().detect(Document(text)), text) if s.source == "names:cue"}
    assert cued == found
