"""The programme that fits a person who asks who pays without naming one (``fit.yaml``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.conditions import evaluate_condition
from bot.search.text import fold

#: An upgrading qualification the Aufstiegs-BAföG funds (reference section 5: Meister, Techniker, Fachwirt,
#: Erzieher, Betriebswirt …), on folded text; "meistern" (to cope) is no Meister.
_ADVANCEMENT = re.compile(
    r"\b(?!meistern\b|gemeistert\b)\w*meister(?:in|innen|kurs\w*|schule|pruefung|titel|brief|lehrgang\w*)?\b|"
    r"\b\w*(?:techniker|fachwirt|betriebswirt|fachkaufm\w*|bilanzbuchhalter)(?:in|innen|s)?\b|"
    r"\baufstiegsfortbildung\w*\b|\bstaatlich gepruefte[rn]?\b"
)
#: The message asks what to live on during the course ("wovon leb ich in der zeit?", "ein Jahr ohne Gehalt").
_LIVING = re.compile(
    r"\bwovon (?:\w+ ){0,3}leb\w*|\bueberleb\w*|\blebensunterhalt\b|\bohne (?:gehalt|lohn|einkommen)\b|"
    r"\bgeld zum leben\b|\bunterhalt\w*\b"
)


#: A final grade ("mit 1,7", "note 1,4") or exam points ("91 punkte") on folded text.
_GRADE = re.compile(r"\b(?:mit|note|schnitt|abschlussnote) (?P<grade>[1-4][,. ]\d)\b|\b(?P<points>\d{2,3}) punkte\b")


@lru_cache(maxsize=1)
def _rules() -> list[dict[str, Any]]:
    return list(yaml.safe_load(Path(__file__).with_name("fit.yaml").read_text(encoding="utf-8")) or [])


def said_in(text: str) -> dict[str, Any]:
    """What a message says for ``fit.yaml`` beside the situation slots: the goal ("aufstieg"), whether it
    asks what to live on (``living``) and whether a final grade or exam points are a special achievement
    (``top_graduate``)."""
    folded = fold(text or "")
    said: dict[str, Any] = {}
    if _ADVANCEMENT.search(folded):
        said["goal"] = "aufstieg"
    if _LIVING.search(folded):
        said["living"] = True
    grade = _GRADE.search(folded)
    if grade:  # "mit 1,7 abgeschlossen", "91 punkte": a special achievement (reference section 6: 1,9 / 87 points)
        points = grade.group("points")
        said["top_graduate"] = int(points) >= 87 if points else float(re.sub(r"[, ]", ".", grade.group("grade"))) <= 1.9
    return said


def _rule(situation: Mapping[str, Any]) -> dict[str, Any] | None:
    known = {k: v for k, v in situation.items() if v is not None}
    return next((r for r in _rules() if evaluate_condition(r["if"], known) is True), None)


def fitting_programme(situation: Mapping[str, Any]) -> str | None:
    """The slug of the first programme whose condition the situation is known to meet, else None."""
    rule = _rule(situation)
    return str(rule["programme"]) if rule else None


def also_for(programme: str) -> list[str]:
    """Programmes said briefly after ``programme`` for the same situation (``also`` in ``fit.yaml``)."""
    return next((list(r.get("also") or []) for r in _rules() if r["programme"] == programme), [])


def facts_for(situation: Mapping[str, Any]) -> list[str]:
    """Questions for the facts said beside the fitting programme's description (``facts_when_living``)."""
    rule = _rule(situation)
    if not rule or not situation.get("living"):
        return []
    return list(rule.get("facts_when_living") or [])
