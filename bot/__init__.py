"""Weiterbildungslotse domain core.

Knows nothing about Rasa: the offer database, search, funding facts, eligibility rules,
callbacks and handovers live here so they can be tested and reused without a running bot.
"""
