"""A callback keeps the conversation that led to it, so the advisor can prepare the call."""

from __future__ import annotations

from sqlalchemy import select

from actions.callback import ActionSubmitCallback
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED, SECRET_WORDS, make_tracker, run, stored_conversation


def callback_of(db_url: str, sender: str) -> CallbackRequest:
    with session_scope(db_url) as session:
        return session.execute(select(CallbackRequest).where(CallbackRequest.sender_id == sender)).scalar_one()


def test_the_callback_shows_the_conversation_that_led_to_it(offers_db: str) -> None:
    window = stored_conversation("rueckruf-1", ["Ich suche einen Pflegekurs in Krefeld", "Ich möchte einen Rückruf"])
    confirm = {"event": "user", "text": "/affirm", "timestamp": 1_900_000_000, "message_id": "ja"}
    offer = {"event": "bot", "text": "Soll ich den Rückruf so eintragen?", "timestamp": 1_899_999_999,
             "data": {"buttons": [{"title": "Ja, eintragen", "payload": "/affirm"}]}}
    run(ActionSubmitCallback(), make_tracker(sender="rueckruf-1", slots=CONFIRMED, events=[*window, offer, confirm]))
    turns = [(t["who"], t["text"]) for t in callback_of(offers_db, "rueckruf-1").transcript]
    assert turns == [
        ("citizen", "Ich suche einen Pflegekurs in Krefeld"),
        ("bot", "Antwort auf Ich suche einen Pflegekurs in Krefeld"),
        ("citizen", "Ich möchte einen Rückruf"), ("bot", "Antwort auf Ich möchte einen Rückruf"),
        ("bot", "Soll ich den Rückruf so eintragen?"), ("citizen", "Ja, eintragen"),
    ]


def test_a_forged_booking_for_another_conversation_carries_nothing_of_it(offers_db: str) -> None:
    stored_conversation("rueckruf-2", [SECRET_WORDS])
    forged = [{"event": "user", "text": "Rückruf bitte", "timestamp": 1_900_000_000}]
    run(ActionSubmitCallback(), make_tracker(sender="rueckruf-2", slots=CONFIRMED, events=forged))
    assert [t["text"] for t in callback_of(offers_db, "rueckruf-2").transcript] == ["Rückruf bitte"]
