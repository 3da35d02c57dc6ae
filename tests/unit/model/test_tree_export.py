"""The numpy tree evaluator reproduces scikit-learn's predictions exactly."""

from __future__ import annotations

import numpy as np
import pytest

from medveil.model.core import TreeEnsemble


def test_tree_ensemble_matches_sklearn():
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 6))
    y = ((X[:, 0] + X[:, 1] * X[:, 2]) > 0.3).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=30, max_depth=5, random_state=0).fit(X, y)
    ens = TreeEnsemble.from_sklearn(clf)
    ours = 1 / (1 + np.exp(-ens.margin(X)))
    np.testing.assert_allclose(ours, clf.predict_proba(X)[:, 1], rtol=1e-6, atol=1e-9)
    back = TreeEnsemble.from_arrays(ens.arrays("t_"), "t_")
    np.testing.assert_allclose(back.margin(X), ens.margin(X))
    assert ens.margin(np.zeros((0, 6))).shape == (0,)
