"""Eligibility check: does a citizen probably qualify for a funding programme, and why?

Rules are data (``rules.yaml``), evaluated by one engine (``engine.py``). Entry points:
``next_question(programme, answers)`` for the dialogue, ``evaluate(programme, answers)`` for
the verdict with its reasons and next step. Verdicts are never promises: the responsible office
decides.
"""

from bot.eligibility.engine import evaluate, next_question, programmes_with_rules
from bot.eligibility.model import (
    VERDICT_LABELS,
    VERDICTS,
    Question,
    RulesError,
    Verdict,
    load_rules,
    parse_rules,
)

__all__ = [
    "VERDICTS",
    "VERDICT_LABELS",
    "Question",
    "RulesError",
    "Verdict",
    "evaluate",
    "load_rules",
    "next_question",
    "parse_rules",
    "programmes_with_rules",
]
