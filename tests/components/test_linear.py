"""The fast class probabilities equal sklearn's ``predict_proba`` for the models this bot trains."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from sklearn.linear_model import LogisticRegression

from components.linear import probabilities

Trained = tuple[LogisticRegression, scipy.sparse.csr_matrix]


def trained(classes: int, multi_class: str = "auto", solver: str = "lbfgs") -> Trained:
    rng = np.random.default_rng(7)
    X = scipy.sparse.random(120, 40, density=0.2, format="csr", random_state=7)
    y = rng.integers(0, classes, size=120)
    model = LogisticRegression(max_iter=300, multi_class=multi_class, solver=solver).fit(X, y)
    return model, X


@pytest.mark.parametrize(
    ("classes", "multi_class", "solver"),
    [(12, "auto", "lbfgs"), (3, "multinomial", "lbfgs"), (2, "auto", "lbfgs"), (4, "ovr", "liblinear")],
)
def test_probabilities_equal_predict_proba(classes: int, multi_class: str, solver: str) -> None:
    model, X = trained(classes, multi_class, solver)
    for row in (X[:1], X[5:6].tocoo(), X[:30]):
        assert np.allclose(probabilities(model, row), model.predict_proba(row), rtol=1e-12, atol=1e-15)


def test_a_message_without_any_known_word_gets_the_intercepts_distribution() -> None:
    model, _ = trained(5)
    empty = scipy.sparse.csr_matrix((1, 40))
    assert np.allclose(probabilities(model, empty), model.predict_proba(empty))
    assert probabilities(model, empty).sum() == pytest.approx(1.0)
