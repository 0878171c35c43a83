"""Deleting a conversation's data needs an explicit yes: "Hanna Löschmich" must not delete anything."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.callback import ActionSubmitCallback
from actions.privacy import ActionDeleteMyData, AskDeleteConfirm, ValidateDeleteDataForm
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED, make_tracker, run, texts


def stored_senders(db_url: str) -> list[str]:
    with session_scope(db_url) as session:
        return list(session.execute(select(CallbackRequest.sender_id)).scalars())


def validate(text: str) -> tuple[bool | None, list[dict]]:
    """What the form reads from the answer at the deletion question, and what the citizen is told."""
    tracker = make_tracker(sender="hanna-1", text=text, active_loop="delete_data_form")
    dispatcher = CollectingDispatcher()
    read = asyncio.run(ValidateDeleteDataForm().validate_delete_confirm(text, dispatcher, tracker, {}))
    return read["delete_confirm"], dispatcher.messages


def test_the_question_names_what_goes_and_offers_yes_and_no() -> None:
    _, messages = run(AskDeleteConfirm(), make_tracker())
    assert messages[0]["text"].startswith("Soll ich wirklich alles löschen, was zu diesem Gespräch gespeichert ist?")
    assert "Ein gebuchter Rückruf findet dann nicht statt." in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Ja, alles löschen", "Nein, nichts löschen"]


@pytest.mark.parametrize("answer", ["Hanna Löschmich", "Was wird denn gelöscht?", "hm", "weiß nicht"])
def test_an_answer_that_is_no_clear_yes_deletes_nothing_and_the_question_comes_again(answer: str) -> None:
    read, messages = validate(answer)
    assert read is None  # the form asks the question again, with its buttons
    assert texts(messages) == "Das habe ich nicht als Ja oder Nein verstanden. Ich habe nichts gelöscht."


@pytest.mark.parametrize(
    ("answer", "meant"), [("ja", True), ("Ja, bitte", True), ("nein", False), ("lieber nicht", False)]
)
def test_a_clear_answer_is_taken(answer: str, meant: bool) -> None:
    assert validate(answer) == (meant, [])


def test_without_a_yes_nothing_is_deleted_and_the_citizen_is_told(offers_db: str) -> None:
    run(ActionSubmitCallback(), make_tracker(sender="hanna-1", slots=CONFIRMED))
    for slots in ({}, {"delete_confirm": False}, {"delete_confirm": "Hanna Löschmich"}):  # no, or a forged call
        events, messages = run(ActionDeleteMyData(), make_tracker(sender="hanna-1", slots=slots))
        assert texts(messages) == "Gut, ich lösche nichts. Ihre Angaben sind noch da. Wobei kann ich Ihnen helfen?"
        assert {"event": "restart"} not in [{"event": e.get("event")} for e in events]
    assert stored_senders(offers_db) == ["hanna-1"]


def test_after_a_yes_the_data_is_deleted(offers_db: str) -> None:
    run(ActionSubmitCallback(), make_tracker(sender="hanna-1", slots=CONFIRMED))
    _, messages = run(ActionDeleteMyData(), make_tracker(sender="hanna-1", slots={"delete_confirm": True}))
    assert "wird gelöscht" in texts(messages)
    assert stored_senders(offers_db) == []


def test_whether_the_employer_learns_of_it_is_answered_first(demo_db: str) -> None:
    from actions.privacy import ActionDataProtection

    tracker = make_tracker(text="Bekommt mein Chef mit, was ich hier frage?", intent="ask_data_protection")
    said = texts(run(ActionDataProtection(), tracker)[1])
    assert said.startswith("Was Sie hier schreiben, geben wir nicht an Ihren Arbeitgeber weiter.")
    assert "löschen" in said  # then what is stored and how long
