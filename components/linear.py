"""Class probabilities of a trained logistic regression for one message, without sklearn's checks.

``LogisticRegression.predict_proba`` validates and converts its input on every call; for one
message (one sparse row) that was most of the intent classifier's 1.9 ms per message and of the
FAQ selector's share (py-spy on the Rasa server under load, 2026-11-23). The computation itself
is a sparse row times the coefficient matrix and a softmax. :func:`probabilities` does exactly
that for the multinomial models this bot trains and hands anything else back to sklearn;
``tests/components/test_linear.py`` checks it against ``predict_proba``.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse
from sklearn.linear_model import LogisticRegression


def _is_multinomial(model: LogisticRegression) -> bool:
    if len(model.classes_) <= 2:
        return False  # sklearn's binary case is a sigmoid of one column
    return model.multi_class == "multinomial" or (model.multi_class == "auto" and model.solver != "liblinear")


def probabilities(model: LogisticRegression, features: scipy.sparse.spmatrix) -> np.ndarray:
    """``model.predict_proba(features)``: one row of class probabilities per row of ``features``."""
    if not _is_multinomial(model):
        return model.predict_proba(features)
    rows = scipy.sparse.csr_matrix(features)
    if rows.shape[0] == 1:
        # One message: only the columns of its few non-zero features. ``rows @ coef_.T`` made
        # scipy copy the whole transposed coefficient matrix on every call (~1.5 ms).
        scores = (model.coef_[:, rows.indices] @ rows.data)[np.newaxis, :] + model.intercept_
    else:
        scores = np.asarray(rows @ model.coef_.T) + model.intercept_
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores
