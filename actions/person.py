"""What the citizen has told the bot about themselves, gathered from the tracker.

Three places hold it: entities the NLU found in earlier messages (``known_answers``), the answers
of an eligibility check (slot ``eligibility_answers``), and the situation slots that
components/situation_extractor.py fills from every message (``employment_status``, ``age``,
``has_qualification``, ``taxable_income`` …, see bot/nlp/situation.py; absent slots read as None).
Funding answers and the eligibility check both start from here, so neither asks or ignores what
was said.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from bot.centres import region_for
from bot.nlp.situation import SLOTS
from bot.nlp.situation_answers import CHECK_STATUSES, check_answers, passing_answers

#: What the citizen already told the NLU (entity -> value) that answers a question of the check.
QUALIFICATION_ANSWERS = {
    "ohne": {"has_vocational_qualification": False, "highest_degree": "ohne"},
    "ausbildung": {"has_vocational_qualification": True, "highest_degree": "ausbildung"},
    "meister": {"has_vocational_qualification": True, "highest_degree": "ausbildung"},
    "bachelor": {"has_vocational_qualification": True, "highest_degree": "bachelor"},
    "master": {"has_vocational_qualification": True, "highest_degree": "master"},
}
#: Situation slots funding answers read about the person; numbers may arrive as text ("35.000").
SITUATION_SLOTS = {"taxable_income": int, "company_size": int, "employment_status": str, "age": int}


def known_answers(tracker: Tracker) -> dict[str, Any]:
    """Answers the conversation already gave, so the check does not ask them again."""
    answers: dict[str, Any] = {}
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        for entity in (event.get("parse_data") or {}).get("entities", []):
            name, value = entity.get("entity"), entity.get("value")
            if name == "employment_status" and value in CHECK_STATUSES:
                answers["employment_status"] = value
            elif name in ("company_size", "age") and str(value).isdecimal():
                answers[name] = int(value)
            elif name == "qualification" and value in QUALIFICATION_ANSWERS:
                answers.update(QUALIFICATION_ANSWERS[value])
    for event in tracker.events:  # "bin ledig", "Abschlussnote 1,6", "ein Kurs mit 150 Stunden"
        if event.get("event") == "user" and not str(event.get("text") or "").startswith("/"):
            answers.update(passing_answers(str(event.get("text") or "")))
    answers.update(check_answers(situation_of(tracker)))
    return answers


def situation_of(tracker: Tracker) -> dict[str, Any]:
    """The situation slots that are set (slot -> value)."""
    return {slot: tracker.get_slot(slot) for slot in SLOTS if tracker.get_slot(slot) is not None}


def person_of(tracker: Tracker) -> dict[str, Any]:
    """Everything known about the person; later sources win, and "weiß ich nicht" (None) is left out."""
    person = {**known_answers(tracker), **(tracker.get_slot("eligibility_answers") or {})}
    for slot, kind in SITUATION_SLOTS.items():
        value = _as(kind, tracker.get_slot(slot))
        if value is not None:
            person[slot] = value
    return {k: v for k, v in person.items() if v is not None}


def _as(kind: type, value: Any) -> Any:
    if value is None or kind is str:
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    digits = re.sub(r"[.\s€]", "", str(value))
    return int(digits) if digits.isdecimal() else None


def state_of(session: Session, tracker: Tracker) -> str | None:
    """The citizen's federal state, from the place they named or the deployment's region."""
    place = tracker.get_slot("place")
    region = region_for(session, None if place in (None, "online") else str(place))
    return region.state if region else None
