"""What an English citizen says about themselves answers the eligibility check (issue 21): the check
does not ask it again, and the verdict the citizen reads follows from it."""

from __future__ import annotations

from typing import Any

import pytest

from actions.eligibility import ActionCheckEligibility, ActionEligibilityResult
from bot.nlp.situation import situation_values
from tests.actions.conftest import make_tracker, run, texts
from tests.actions.test_eligibility_english import GERMAN, converse


@pytest.fixture()
def demo_db(demo_db_of_22_11_2026: str) -> str:
    return demo_db_of_22_11_2026


def said_by_the_citizen(text: str) -> list[dict[str, Any]]:
    return [{"event": "user", "text": text, "parse_data": {"entities": []}}]


def test_an_age_said_in_english_is_not_asked_and_decides_the_verdict(demo_db: str) -> None:
    slots = situation_values("I am 29 and work as an industrial clerk.")  # as the NLU fills the slots
    assert slots == {"age": 29, "employment_status": "beschaeftigt"}
    typed = {"has_vocational_qualification": "yes", "highest_degree": "vocational training"}
    asked, _, said = converse("weiterbildungsstipendium", typed, slots)
    assert "age" not in asked and "employment_status" not in asked
    assert "Probably not" in said and "25" in said
    assert not GERMAN.search(said), said


def test_arriving_last_month_answers_the_time_in_germany(demo_db: str) -> None:
    tracker = make_tracker(
        slots={"language": "en"},
        text="We came to Germany a month ago. Would the recognition grant help me?",
        entities=[{"entity": "programme", "value": "anerkennungszuschuss"}],
        events=said_by_the_citizen("We came to Germany a month ago. Would the recognition grant help me?"),
    )
    events, _ = run(ActionCheckEligibility(), tracker)
    answers = next(e["value"] for e in events if e.get("name") == "eligibility_answers")
    assert answers["months_in_germany"] == 1
    _, verdict = run(
        ActionEligibilityResult(),
        make_tracker(
            slots={"language": "en", "eligibility_programme": "anerkennungszuschuss", "eligibility_answers": answers}
        ),
    )
    assert texts(verdict).startswith("Probably not"), texts(verdict)
    assert "3 months" in texts(verdict)


def test_a_school_named_after_a_trained_occupation_is_not_no_qualification(demo_db: str) -> None:
    slots = situation_values("I'm 49 and a trained baker.")
    assert slots == {"age": 49, "has_qualification": True}
    typed = {"highest_degree": "Realschule", "upgrade_qualification": "yes, Bäckermeister",
             "course_hours": "about 900 hours"}  # fmt: skip
    _, _, said = converse("aufstiegs_bafoeg", typed, {**slots, "eligibility_answers": {"residence_state": "NW"}})
    assert "Probably not" not in said
    assert "Probably yes" in said and "Bezirksregierung" in said
