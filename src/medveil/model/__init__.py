"""The trained second pass (issue 5): judges the rule candidates and tags tokens the rules missed.

    from medveil.model import load_model
    model = load_model("default")              # or a directory written by `medveil train`
    spans = model.rescore(doc, pipeline.candidates(doc))

Inference needs numpy only; training (``medveil.model.train``) needs scikit-learn. See docs/model.md.
"""

from medveil.model.core import LabelHead, Model, TreeEnsemble, default_model_dir, load_model
from medveil.model.features import is_guarded

__all__ = ["LabelHead", "Model", "TreeEnsemble", "default_model_dir", "is_guarded", "load_model"]
