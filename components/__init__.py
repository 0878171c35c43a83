"""Rasa graph components of the Weiterbildungslotse.

They live outside ``bot/`` because they import Rasa; each one is a thin adapter around logic in
``bot/``, so the rules stay testable without a trained model.
"""
