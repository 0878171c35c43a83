"""Rasa graph components of the Weiterbildungslotse.

They live outside ``bot/`` because they import Rasa; each one is a thin adapter around logic in
``bot/``, so the rules stay testable without a trained model.
"""

from components import sparse_features

sparse_features.apply()  # one concatenation of a message's sparse features (see that module)
