"""The one-step combination of sparse features gives exactly the matrix Rasa's pairwise one gives."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.sparse_features import _rasa_combine, combine, hstack


@st.composite
def blocks(draw: st.DrawFn) -> list[scipy.sparse.coo_matrix]:
    rows = draw(st.integers(min_value=1, max_value=6))
    matrices = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        columns = draw(st.integers(min_value=1, max_value=12))
        density = draw(st.floats(min_value=0.0, max_value=1.0))
        dtype = draw(st.sampled_from([np.float64, np.float32, np.int64]))
        seed = draw(st.integers(min_value=0, max_value=2**16))
        matrix = scipy.sparse.random(rows, columns, density=density, format="coo", random_state=seed)
        matrices.append((matrix * 10).astype(dtype))
    return matrices


@settings(max_examples=200, deadline=None)
@given(blocks())
def test_hstack_equals_scipy(matrices: list[scipy.sparse.coo_matrix]) -> None:
    ours, theirs = hstack(matrices), scipy.sparse.hstack(matrices)
    assert ours.shape == theirs.shape
    assert ours.dtype == theirs.dtype
    assert np.array_equal(ours.toarray(), theirs.toarray())


def test_rows_that_do_not_match_are_refused_like_rasa_refuses_them() -> None:
    a, b = scipy.sparse.coo_matrix(np.ones((2, 3))), scipy.sparse.coo_matrix(np.ones((3, 3)))
    try:
        hstack([a, b])
    except ValueError:
        return
    raise AssertionError("matrices with 2 and 3 rows were combined")


def features(matrix: np.ndarray, origin: str, kind: str = "sentence") -> Features:
    return Features(scipy.sparse.coo_matrix(matrix), kind, "text", origin)


@pytest.mark.usefixtures("rasa_patches")
def test_a_message_gets_the_same_features_as_with_rasas_combination() -> None:
    """What the intent classifier and the FAQ selector read (``get_sparse_features``) is unchanged."""
    parts = [
        features(np.array([[0, 1, 0]]), "RegexFeaturizer"),
        features(np.array([[2.0, 0.0]]), "CountVectorsFeaturizer"),
        features(np.array([[0, 0, 0, 5]]), "CountVectorsFeaturizer2"),
        features(np.array([[1, 0], [0, 1]]), "LexicalSyntacticFeaturizer", "sequence"),
        features(np.array([[3, 0], [0, 0]]), "CountVectorsFeaturizer", "sequence"),
    ]
    message = Message(data={"text": "Pflegekurs in Krefeld"}, features=parts)
    assert Message._combine_features is combine
    sequence, sentence = message.get_sparse_features("text")
    for combined, kind in ((sequence, "sequence"), (sentence, "sentence")):
        expected = _rasa_combine([f for f in parts if f.type == kind], [])
        assert combined.type == expected.type and combined.attribute == expected.attribute
        assert combined.origin == expected.origin
        assert np.array_equal(combined.features.toarray(), expected.features.toarray())
    assert np.array_equal(sentence.features.toarray(), [[0, 1, 0, 2, 0, 0, 0, 0, 5]])
