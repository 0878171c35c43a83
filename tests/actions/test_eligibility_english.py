"""The eligibility dialogue for a citizen who writes English (slot ``language`` "en", issue 21):
English intro, questions, buttons, hints and verdict; button payloads as in German."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import (
    DONT_KNOW_PAYLOAD,
    ActionCheckEligibility,
    ActionEligibilityResult,
    AskEligibilityAnswer,
    ValidateEligibilityForm,
)
from bot.eligibility import next_question
from tests.actions.conftest import make_tracker, run, texts

#: Words that give away a German sentence (names of programmes and offices may keep "für", "und").
GERMAN = re.compile(r"\b(Sie|Ihr|Ihre|Ihnen|ich|nicht|bitte|Bitte|haben|ist|sind|oder|Voraussichtlich|Weiß)\b")
EN = {"language": "en"}


@pytest.fixture()
def demo_db(demo_db_of_22_11_2026: str) -> str:
    return demo_db_of_22_11_2026


def converse(programme: str, typed: dict[str, str], slots: dict[str, Any] | None = None) -> tuple[list, list, str]:
    """Run the form loop as Rasa would, typing the English answers; return (asked keys, questions, all said)."""
    slots = {"eligibility_programme": programme, "eligibility_answers": {}, **EN, **(slots or {})}
    asked, questions, said = [], [], []
    form = ValidateEligibilityForm()
    for _ in range(15):
        tracker = make_tracker(slots=slots)
        if not asyncio.run(form.required_slots(["eligibility_answer"], CollectingDispatcher(), tracker, {})):
            break
        _, question = run(AskEligibilityAnswer(), tracker)
        questions.append(question[0])
        said.append(texts(question))
        key = next_question(programme, slots["eligibility_answers"]).key
        asked.append(key)
        answer = typed.get(key, "no idea")
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(slots=slots, text=answer, intent="inform")
        result = asyncio.run(form.validate_eligibility_answer(answer, dispatcher, tracker, {}))
        said.append(texts(dispatcher.messages))
        slots.update({k: v for k, v in result.items() if k != "eligibility_answer"})
    _, verdict = run(ActionEligibilityResult(), make_tracker(slots=slots))
    said.append(texts(verdict))
    return asked, questions, "\n".join(said)


def test_an_english_speaker_gets_the_whole_check_in_english(demo_db: str) -> None:
    typed = {"highest_degree": "I did an apprenticeship", "upgrade_qualification": "yes, Meister",
             "course_hours": "about 1200 hours"}  # fmt: skip
    asked, questions, said = converse("aufstiegs_bafoeg", typed, {"eligibility_answers": {"residence_state": "NW"}})
    assert asked == ["highest_degree", "upgrade_qualification", "course_hours"]
    assert questions[0]["text"] == "What is your highest qualification?"
    assert "Probably yes: you seem to meet the requirements." in said
    assert "• The course has at least 400 hours of instruction." in said
    assert "Next step: Apply before the course starts at the Bezirksregierung Köln (district government)" in said
    assert "The decision is made by the office responsible for where you live." in said
    assert "This is an assessment, not binding advice." in said
    assert not GERMAN.search(said), said


def test_english_buttons_with_the_german_payloads(demo_db: str) -> None:
    slots = {"eligibility_programme": "bildungsurlaub_nrw", "eligibility_answers": {}, **EN}
    _, asked = run(AskEligibilityAnswer(), make_tracker(slots=slots))
    assert asked[0]["text"].startswith("Which of these applies to you?")
    assert [(b["title"], b["payload"]) for b in asked[0]["buttons"]] == [
        ("unemployed", "arbeitslos"),
        ("registered as looking for work", "arbeitsuchend gemeldet"),
        ("employed (salaried)", "beschäftigt (angestellt)"),
        ("self-employed", "selbstständig"),
        ("in training", "in Ausbildung"),
        ("I don't know", DONT_KNOW_PAYLOAD),
    ]
    slots["eligibility_programme"] = "bildungsgutschein"
    slots["eligibility_answers"] = {"employment_status": "arbeitslos", "has_vocational_qualification": True}
    _, asked = run(AskEligibilityAnswer(), make_tracker(slots=slots))
    assert asked[0]["text"].startswith("Is the course you want approved under the AZAV?")
    assert [(b["title"], b["payload"]) for b in asked[0]["buttons"]] == [
        ("Yes", "/affirm"), ("No", "/deny"), ("I don't know", DONT_KNOW_PAYLOAD)
    ]  # fmt: skip


def test_a_clicked_choice_is_read_as_in_german(demo_db: str) -> None:
    slots = {"eligibility_programme": "bildungsurlaub_nrw", "eligibility_answers": {}, **EN}
    tracker = make_tracker(slots=slots, text="beschäftigt (angestellt)", intent="inform")
    result = asyncio.run(ValidateEligibilityForm().validate_eligibility_answer(
        "beschäftigt (angestellt)", CollectingDispatcher(), tracker, {}))  # fmt: skip
    assert result["eligibility_answers"]["employment_status"] == "beschaeftigt"


def test_an_answer_that_does_not_fit_is_explained_in_english(demo_db: str) -> None:
    slots = {"eligibility_programme": "bildungsurlaub_nrw", "eligibility_answers": {}, **EN}
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=slots, text="banana", intent="inform")
    result = asyncio.run(ValidateEligibilityForm().validate_eligibility_answer("banana", dispatcher, tracker, {}))
    assert result == {"eligibility_answer": None}
    said = texts(dispatcher.messages)
    assert said == "Please choose: unemployed, registered as looking for work, employed (salaried), " \
                   "self-employed, in training."  # fmt: skip
    assert dispatcher.messages[0]["buttons"][0]["title"] == "unemployed"


@pytest.mark.parametrize("typed", ["no idea", "I don't know", "not sure"])
def test_english_dont_know_read_by_the_nlu_as_deny_is_still_unknown(demo_db: str, typed: str) -> None:
    answers = {"employment_status": "arbeitslos", "has_vocational_qualification": True}
    slots = {"eligibility_programme": "bildungsgutschein", "eligibility_answers": answers, **EN}
    tracker = make_tracker(slots=slots, text=typed, intent="deny")
    result = asyncio.run(ValidateEligibilityForm().validate_eligibility_answer(typed, CollectingDispatcher(),
                                                                               tracker, {}))  # fmt: skip
    assert result["eligibility_answers"]["course_azav"] is None
    _, verdict = run(ActionEligibilityResult(), make_tracker(slots={**slots, **result}))
    said = texts(verdict)
    assert "Probably not" not in said
    assert "Still open: AZAV approval of the course." in said
    assert "settled by the Agentur für Arbeit (employment agency)" in said


def test_english_intro_names_the_programme_with_its_gloss(demo_db: str) -> None:
    tracker = make_tracker(slots=EN, entities=[{"entity": "programme", "value": "Bildungsgutschein"}])
    events, messages = run(ActionCheckEligibility(), tracker)
    assert any(e.get("name") == "eligibility_programme" and e.get("value") == "bildungsgutschein" for e in events)
    assert texts(messages).startswith("I will check with you whether Bildungsgutschein (education voucher) could")


def test_a_german_speaker_still_gets_german(demo_db: str) -> None:
    slots = {"eligibility_programme": "bildungsurlaub_nrw", "eligibility_answers": {}}
    _, asked = run(AskEligibilityAnswer(), make_tracker(slots=slots))
    assert asked[0]["text"].startswith("Was trifft auf Sie zu?")
    assert asked[0]["buttons"][0] == {"title": "arbeitslos", "payload": "arbeitslos"}
    assert asked[0]["buttons"][-1]["title"] == "Weiß ich nicht"
    slots["eligibility_answers"] = {"employment_status": "arbeitslos"}
    _, verdict = run(ActionEligibilityResult(), make_tracker(slots=slots))
    assert texts(verdict).startswith("Voraussichtlich nein")
    assert "So geht es weiter:" in texts(verdict)


def test_the_advisor_summary_keeps_the_german_name(demo_db: str) -> None:
    slots = {"eligibility_programme": "bildungsurlaub_nrw", "eligibility_answers": {"employment_status": "arbeitslos"},
             **EN}  # fmt: skip
    events, verdict = run(ActionEligibilityResult(), make_tracker(slots=slots))
    assert texts(verdict).startswith("Probably not: you do not seem to meet all the requirements.")
    results = next(e["value"] for e in events if e.get("name") == "eligibility_results")
    assert results == ["Bildungsurlaub NRW: unwahrscheinlich"]
