"""Funding answers for one person: notes that apply to what the citizen told the bot about themselves.

``programmes.yaml`` may give a programme ``for_person`` notes, each with a condition in the syntax
of the eligibility rules (``{key: taxable_income, gt: 20000}``) over ``PERSON_KEYS``. A note
applies only when its condition is known to hold: with the income unknown, the general text
stays, and it names the limit. This is how the Berufssprachkurs answer stops calling the course
"kostenlos" for someone with 35.000 € taxable income.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.eligibility.conditions import check_condition, evaluate_condition
from bot.funding.model import PERSON_KEYS, PersonalNote


def parse_notes(raw: Any, slug: str, add_problem: Any) -> tuple[PersonalNote, ...]:
    """The ``for_person`` notes of one programme; problems go to ``add_problem(slug, where, text)``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        add_problem(slug, "for_person", "muss eine Liste sein")
        return ()
    notes = []
    for i, item in enumerate(raw):
        where = f"for_person[{i}]"
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            add_problem(slug, where, "'text' fehlt")
            continue
        for problem in check_condition(item.get("if"), set(PERSON_KEYS), f"{where}.if"):
            add_problem(slug, where, problem)
        replaces = bool(item.get("replaces_summary", False))
        if replaces and not str(item.get("text_plain") or "").strip():
            add_problem(slug, where, "ersetzt die Zusammenfassung und braucht deshalb 'text_plain'")
        text = str(item["text"]).strip()
        notes.append(PersonalNote(item.get("if") or {}, text, str(item.get("text_plain") or text).strip(), replaces))
    return tuple(notes)


def notes_for(notes: tuple[PersonalNote, ...], person: Mapping[str, Any] | None) -> list[PersonalNote]:
    """The notes whose condition the person's data are known to meet, in the order written."""
    if not person:
        return []
    known = {k: v for k, v in person.items() if k in PERSON_KEYS and v is not None}
    return [n for n in notes if evaluate_condition(n.condition, known) is True]
