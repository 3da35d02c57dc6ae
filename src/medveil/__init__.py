"""medveil: de-identify clinical free text and the structured records around it.

The small public API::

    import medveil
    spans = medveil.detect("Pt John Smith seen 3/4/2019, call 617-555-0199")
    pipe = medveil.Pipeline()          # loads lexicons once; reuse it
    pipe.detect(medveil.Document(text, context={"patient_name": "David Greybeard"}))
    medveil.deidentify("Pt John Smith seen 3/4/2019", key="secret").text   # surrogates, same key → same output
"""

from medveil.config import DetectConfig
from medveil.deidentify import DeidentifiedDocument, Deidentifier, deidentify
from medveil.document import Document, Span
from medveil.labels import LABEL_INFO, Label
from medveil.pipeline import Pipeline, detect

__version__ = "0.1.0"

__all__ = ["DeidentifiedDocument", "Deidentifier", "deidentify", "DetectConfig", "Document", "Span", "Label", "LABEL_INFO", "Pipeline", "detect", "__version__"]
