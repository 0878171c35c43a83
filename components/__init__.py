"""Rasa graph components of the Weiterbildungslotse.

They live outside ``bot/`` because they import Rasa; each one is a thin adapter around logic in
``bot/``, so the rules stay testable without a trained model.
"""

from components import entity_extractor, spacy_model, sparse_features

sparse_features.apply()  # one concatenation of a message's sparse features (see that module)
spacy_model.apply()  # one spaCy pipeline for both SpacyNLP nodes
entity_extractor.apply()  # the CRF stored trained, not trained again at every start
