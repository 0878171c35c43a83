"""Conditions of eligibility rules, evaluated with three values: True, False or unknown (None).

Unknown is what makes the engine ask only useful questions: a rule whose condition is already
False (or True) cannot be changed by further answers, one that is None still can.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

Condition = Mapping[str, Any]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "in": lambda value, options: value in options,
    "not_in": lambda value, options: value not in options,
}


def check_condition(condition: Any, known_keys: set[str], where: str) -> list[str]:
    """Problems with a condition's shape ("where: problem"), empty when it is well formed."""
    if not isinstance(condition, Mapping):
        return [f"{where}: Bedingung muss ein Mapping sein"]
    if set(condition) & {"all", "any"}:
        (kind,) = set(condition) & {"all", "any"}
        parts = condition[kind]
        if len(condition) != 1 or not isinstance(parts, list) or not parts:
            return [f"{where}: '{kind}' braucht allein eine nicht leere Liste"]
        return [p for i, part in enumerate(parts) for p in check_condition(part, known_keys, f"{where}.{kind}[{i}]")]
    ops = [k for k in condition if k != "key"]
    if "key" not in condition or len(ops) != 1 or ops[0] not in _COMPARE:
        return [f"{where}: braucht 'key' und genau einen Vergleich aus {sorted(_COMPARE)}"]
    if condition["key"] not in known_keys:
        return [f"{where}: unbekannte Frage '{condition['key']}'"]
    return []


def evaluate_condition(condition: Condition, answers: Mapping[str, Any]) -> bool | None:
    """True, False, or None when the answers given so far cannot decide it.

    A key that is missing or answered with None ("weiß ich nicht") is unknown. ``all`` is False
    as soon as one part is False, ``any`` is True as soon as one part is True.
    """
    if "all" in condition:
        results = [evaluate_condition(c, answers) for c in condition["all"]]
        if False in results:
            return False
        return None if None in results else True
    if "any" in condition:
        results = [evaluate_condition(c, answers) for c in condition["any"]]
        if True in results:
            return True
        return None if None in results else False
    value = answers.get(condition["key"])
    if value is None:
        return None
    (op,) = (k for k in condition if k != "key")
    return bool(_COMPARE[op](value, condition[op]))


def open_keys(condition: Condition, answers: Mapping[str, Any]) -> list[str]:
    """Keys, in the order written, whose answers could still decide an undecided condition.

    Parts that are already decided are skipped: in ``all``, a part that is True needs nothing
    more; the whole is undecided only because of its unknown parts.
    """
    if evaluate_condition(condition, answers) is not None:
        return []
    if "all" in condition or "any" in condition:
        parts = condition.get("all") or condition.get("any") or []
        return [k for part in parts for k in open_keys(part, answers)]
    return [condition["key"]]
