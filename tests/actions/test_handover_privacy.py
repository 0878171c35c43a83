"""Handover with transcript, and deletion of a citizen's data on request."""

from __future__ import annotations

from rasa_sdk.events import Restarted
from sqlalchemy import select

from actions.callback import ActionSubmitCallback
from actions.handover import ActionHandover
from actions.privacy import ActionDeleteMyData
from bot.db.models import CallbackRequest, Handover
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED, make_tracker, run, stored_conversation, texts

CONVERSATION = [
    {"event": "user", "text": "Ich suche einen Pflegekurs in Krefeld", "timestamp": 1795000000,
     "parse_data": {"entities": [{"entity": "programme", "value": "bildungsgutschein"}]}},
    {"event": "bot", "text": "Ich habe 4 passende Kurse gefunden.", "timestamp": 1795000001},
    {"event": "user", "text": "/request_human", "timestamp": 1795000002},
]


def test_handover_stores_transcript_summary_and_routes_to_the_centre(offers_db: str) -> None:
    tracker = make_tracker(
        sender="c-1", slots={"place": "Krefeld", "topic": "Pflege"}, intent="request_human", events=CONVERSATION
    )
    _, messages = run(ActionHandover(), tracker)
    with session_scope(offers_db) as session:
        handover = session.execute(select(Handover)).scalar_one()
        assert handover.centre.name == "VHS Krefeld"
        assert handover.reference in texts(messages)
    # A command no button offered was typed, and is shown as typed; then the handover reply and hint.
    assert [(t["who"], t["text"]) for t in handover.transcript][:3] == [
        ("citizen", "Ich suche einen Pflegekurs in Krefeld"), ("bot", "Ich habe 4 passende Kurse gefunden."),
        ("citizen", "/request_human")]
    assert handover.reference in handover.transcript[3]["text"]
    assert handover.summary["topic"] == "Pflege"
    assert handover.summary["programmes"] == ["bildungsgutschein"]
    assert handover.summary["contact"] is None  # no consent given, no contact passed on
    assert "Rückruf" in texts(messages)  # offers a callback so the advisor can reach the citizen


def test_handover_includes_contact_only_after_callback_consent(offers_db: str) -> None:
    window = stored_conversation("c-2", ["Ich möchte einen Rückruf"])
    run(ActionSubmitCallback(), make_tracker(sender="c-2", slots=CONFIRMED))
    run(ActionHandover(), make_tracker(sender="c-2", intent="complain", events=window))
    with session_scope(offers_db) as session:
        handover = session.execute(select(Handover)).scalar_one()
    assert "Anna Schmidt" in handover.summary["contact"]
    assert handover.reason == "frust"


def test_deletion_removes_only_this_citizens_records(offers_db: str) -> None:
    run(ActionSubmitCallback(), make_tracker(sender="c-3", slots=CONFIRMED))
    run(ActionSubmitCallback(), make_tracker(sender="someone-else", slots=CONFIRMED))
    run(ActionHandover(), make_tracker(sender="c-3", intent="request_human", events=CONVERSATION))
    confirmed = {"delete_confirm": True}
    events, messages = run(ActionDeleteMyData(), make_tracker(sender="c-3", slots=confirmed))
    assert Restarted() in events
    assert "gelöscht" in texts(messages)
    with session_scope(offers_db) as session:
        senders = session.execute(select(CallbackRequest.sender_id)).scalars().all()
        assert senders == ["someone-else"]
        assert session.execute(select(Handover)).first() is None
    _, again = run(ActionDeleteMyData(), make_tracker(sender="c-3", slots=confirmed))
    _, never = run(ActionDeleteMyData(), make_tracker(sender="never-booked", slots=confirmed))
    # Whoever asks learns nothing about what was stored: the same answer with and without data.
    assert texts(again) == texts(messages) == texts(never)


def test_handover_transcript_covers_the_whole_conversation_not_only_what_rasa_sent(offers_db: str) -> None:
    """Rasa sends the action server only the newest events (stores/tracker_store.py); the advisor
    still gets everything the citizen wrote in this session, read from the tracker store."""
    import asyncio
    import os

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    from stores.tracker_store import WindowedSQLTrackerStore

    store = WindowedSQLTrackerStore(
        Domain.load("domain.yml"), window=12, dialect="sqlite",
        db=os.environ["LOTSE_TRACKER_DB_URL"].removeprefix("sqlite:///"),
    )

    async def converse() -> list[dict]:
        tracker = await store.create_tracker("lang-1")
        for i in range(30):
            tracker.update(UserUttered(f"Frage {i}", intent={"name": "inform", "confidence": 1.0}))
            tracker.update(BotUttered(f"Antwort {i}"))
            tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
        return [e.as_dict() for e in (await store.retrieve("lang-1")).events]

    window = asyncio.run(converse())
    assert not any(e.get("text") == "Frage 0" for e in window)  # what Rasa would send
    run(ActionHandover(), make_tracker(sender="lang-1", intent="request_human", events=window))
    with session_scope(offers_db) as session:
        handover = session.execute(select(Handover)).scalar_one()
    citizen = [t["text"] for t in handover.transcript if t["who"] == "citizen"]
    assert citizen == [f"Frage {i}" for i in range(30)]
