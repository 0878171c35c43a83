"""Eligibility check: does a citizen probably qualify for a funding programme, and why?

Rules are data (``rules.yaml``), evaluated by one engine (``engine.py``). Entry points:
``next_question(programme, answers)`` for the dialogue, ``evaluate(programme, answers, language)``
for the verdict with its reasons and next step, in German or English. Verdicts are never
promises: the responsible office decides.
"""

from bot.eligibility.engine import evaluate, next_question, programmes_with_rules
from bot.eligibility.model import (
    LANGUAGES,
    VERDICTS,
    Question,
    RulesError,
    Verdict,
    dont_know,
    load_rules,
    parse_rules,
)

__all__ = [
    "LANGUAGES",
    "VERDICTS",
    "Question",
    "RulesError",
    "Verdict",
    "dont_know",
    "evaluate",
    "load_rules",
    "next_question",
    "parse_rules",
    "programmes_with_rules",
]
