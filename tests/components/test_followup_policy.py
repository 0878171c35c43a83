"""A question right after a funding answer goes to the funding answer, not to a course search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.followup_policy import FundingFollowUpPolicy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture()
def policy(tmp_path: Path) -> FundingFollowUpPolicy:
    return FundingFollowUpPolicy(FundingFollowUpPolicy.get_default_config(), LocalModelStorage(tmp_path),
                                 Resource("followup"), ExecutionContext(None))  # type: ignore[arg-type]  # fmt: skip


def said(text: str, intent: str) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 0.9})


def predicted(policy: FundingFollowUpPolicy, domain: Domain, events: list[Event]) -> str | None:
    tracker = DialogueStateTracker.from_events("citizen", events)
    probabilities: list[Any] = policy.predict_action_probabilities(tracker, domain).probabilities
    best = max(range(len(probabilities)), key=probabilities.__getitem__)
    return domain.action_names_or_texts[best] if probabilities[best] > 0 else None


ANSWERED = [
    ActionExecuted("action_listen"),
    said("Was ist Aufstiegs-BAföG?", "ask_funding_programme"),
    ActionExecuted("action_funding_programme"),
    ActionExecuted("action_listen"),
]


def test_a_question_after_the_funding_answer_is_answered_by_it_then_the_bot_listens(policy, domain) -> None:
    question = said("und wo beantrag ich das? wohne in kamp-lintfort", "inform")
    assert predicted(policy, domain, [*ANSWERED, question]) == "action_funding_programme"
    answered = [*ANSWERED, question, ActionExecuted("action_funding_programme")]
    assert predicted(policy, domain, answered) == "action_listen"


def test_a_course_wish_a_statement_or_a_form_is_left_to_the_rules(policy, domain) -> None:
    assert predicted(policy, domain, [*ANSWERED, said("gibt es dazu Kurse in Moers?", "search_course")]) is None
    assert predicted(policy, domain, [*ANSWERED, said("ich wohne in Moers", "inform")]) is None
    assert predicted(policy, domain, [*ANSWERED, said("kann mich jemand anrufen?", "request_callback")]) is None
    in_form = [*ANSWERED, ActiveLoop("callback_form"), said("wie lange dauert das?", "inform")]
    assert predicted(policy, domain, in_form) is None


def test_after_a_course_list_the_same_question_is_left_to_the_rules(policy, domain) -> None:
    listed = [ActionExecuted("action_listen"), said("Pflege in Krefeld", "search_course"),
              ActionExecuted("action_search_courses"), ActionExecuted("action_listen")]  # fmt: skip
    assert predicted(policy, domain, [*listed, said("und wie lange dauert der?", "course_details")]) is None
