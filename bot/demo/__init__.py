"""Deterministic demo data for the offer database: regions, topics, providers, courses, centres.

Demo rows are marked ``is_demo=True`` (providers, courses) so the bot can say that an offer is an
example; counselling centres are real public institutions and carry only facts we could source.
"""
