"""Plain language on request (actions/plain_language.py): the answer just given is said again plainly."""

from __future__ import annotations

from typing import Any

from actions.funding import ActionFundingProgramme
from actions.plain_language import ActionSetPlainLanguage
from tests.actions.conftest import make_tracker, run, texts

QUESTION = "was ist ein bildungsgutschein?"


def _asked(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": intent}, "entities": entities or []}}


def _after(answer_action: str) -> list[dict[str, Any]]:
    programme = [{"entity": "programme", "value": "bildungsgutschein"}]
    return [_asked(QUESTION, "ask_funding_programme", programme),
            {"event": "action", "name": answer_action},
            {"event": "action", "name": "action_listen"},
            _asked("das war mir zu kompliziert, bitte einfacher", "request_plain_language")]


def test_too_complicated_after_a_description_says_it_again_in_plain_language(demo_db: str) -> None:
    _, before = run(ActionFundingProgramme(), make_tracker(text=QUESTION, intent="ask_funding_programme",
                                                           entities=[{"entity": "programme",
                                                                      "value": "bildungsgutschein"}]))
    assert "Mit dem Gutschein bezahlt die Agentur Ihren Kurs." not in texts(before)
    tracker = make_tracker(text="das war mir zu kompliziert, bitte einfacher", intent="request_plain_language",
                           events=_after("action_funding_programme"))
    events, messages = run(ActionSetPlainLanguage(), tracker)
    assert messages[0]["response"] == "utter_plain_language_on"
    assert "Mit dem Gutschein bezahlt die Agentur Ihren Kurs." in texts(messages)
    assert {"event": "slot", "timestamp": None, "name": "plain_language", "value": True} in events


def test_the_wish_after_another_kind_of_answer_only_switches(demo_db: str) -> None:
    tracker = make_tracker(text="einfache Sprache bitte", intent="request_plain_language",
                           events=_after("utter_greet"))
    _, messages = run(ActionSetPlainLanguage(), tracker)
    assert [m.get("response") for m in messages] == ["utter_plain_language_on"]


def test_who_pays_for_the_german_course_beside_the_wish_is_answered_in_plain_language(demo_db: str) -> None:
    from actions.funding import ActionFundingOverview

    text = "Einfache Sprache bitte. Wer zahlt den Deutschkurs für die Arbeit?"
    tracker = make_tracker(text=text, intent="ask_funding_overview", slots={"plain_language": True},
                           entities=[{"entity": "plain_language", "value": True}])  # fmt: skip
    _, messages = run(ActionFundingOverview(), tracker)
    said = texts(messages)
    assert "Integrationskurs" in said and "Berufssprachkurs" in said, said
