"""Rasa graph components of the Weiterbildungslotse.

They live outside ``bot/`` because they import Rasa; each one is a thin adapter around logic in
``bot/``, so the rules stay testable without a trained model. Importing them changes nothing in
Rasa: the patches of Rasa's own components (sparse features, spaCy load, stored CRF) are in
``rasa_ext/``, installed for training and for the server by the entry point (``rasa_ext/command.py``).
"""
