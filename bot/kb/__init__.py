"""Answers from the knowledge base: every funding fact as a retrievable passage (issue 17).

- ``passages``: the catalogue's facts, summaries and application notes and the FAQ answers, each
  with programme, aspects ("Gültigkeit", "Altersgrenze", …), source and Stand.
- ``analysis``: German words as the index compares them (folding, base forms, compound parts,
  typos), ``aspects``: what a question asks about, from ``aspects.yaml``.
- ``retriever``: BM25 plus aspect and programme agreement, with a confidence.
- ``question`` and ``router``: what kind of answer a message wants (a fact, the check, an
  overview, the employer's view) and which passages answer it.

Rasa-free: the actions (actions/knowledge.py) and the NLU component (components/funding_router.py)
call it. Data files beside the code say what to change without touching Python.
"""
