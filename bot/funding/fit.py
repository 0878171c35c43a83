"""The programme that fits a person who asks who pays without naming one (``fit.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.conditions import evaluate_condition


@lru_cache(maxsize=1)
def _rules() -> list[dict[str, Any]]:
    return list(yaml.safe_load(Path(__file__).with_name("fit.yaml").read_text(encoding="utf-8")) or [])


def fitting_programme(situation: Mapping[str, Any]) -> str | None:
    """The slug of the first programme whose condition the situation is known to meet, else None."""
    known = {k: v for k, v in situation.items() if v is not None}
    return next((r["programme"] for r in _rules() if evaluate_condition(r["if"], known) is True), None)


def also_for(programme: str) -> list[str]:
    """Programmes said briefly after ``programme`` for the same situation (``also`` in ``fit.yaml``)."""
    return next((list(r.get("also") or []) for r in _rules() if r["programme"] == programme), [])

