"""Tracker fixtures, a real SQLite offer database for running actions as the server would, the callback
form as confirmed and a conversation stored as Rasa stores it (for handover and callback transcripts)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.db.models import CounsellingCentre, Handover, Place, Region
from bot.db.session import session_scope
from bot.demo.seed import seed
from bot.funding.catalogue import sync_programmes
from bot.search.text import fold
from stores.tracker_store import WindowedSQLTrackerStore

#: When the citizen consented in the callback form: five minutes ago.
CONSENT_AT = datetime.now().replace(microsecond=0) - timedelta(minutes=5)
#: The callback form's slots after the citizen confirmed the summary.
CONFIRMED = {
    "callback_consent": True,
    "callback_consent_at": CONSENT_AT.isoformat(),
    "callback_topic": "Förderung und Kosten",
    "callback_name": "Anna Schmidt",
    "callback_contact": "01512 3456789",  # as the form reads it back (Contact.display)
    "callback_time": "Montag, 23.11.2026, vormittags (8–12 Uhr)",
    "callback_confirm": True,
    "place": "Krefeld",
}


def make_tracker(
    sender: str = "citizen-1",
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "",
    entities: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    return Tracker(
        sender_id=sender,
        slots=slots or {},
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run an action; return (events, messages)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return events, dispatcher.messages


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture()
def offers_db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The actions' database: a migrated SQLite file with one region, two places and a centre.

    The tracker store the actions read (handover transcript) is an empty file beside it.
    """
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    monkeypatch.setenv("LOTSE_TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path))  # the dashboard key (bot/stats) is made here
    monkeypatch.delenv("LOTSE_REGION", raising=False)
    with session_scope(db_url) as session:
        region = Region(slug="krefeld", name="Krefeld", state="NW")
        session.add(region)
        session.flush()
        session.add(Place(region_id=region.id, name="Krefeld", name_folded=fold("Krefeld"), postcode="47798"))
        session.add(
            CounsellingCentre(
                region_id=region.id,
                slug="vhs-krefeld",
                name="VHS Krefeld",
                kind="vhs",
                phone="02151 000000",
                opening_hours={},
            )
        )
    yield db_url


@pytest.fixture()
def demo_db_of_22_11_2026(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo offer dated from 22.11.2026 and the funding catalogue: for answers that must not move with today."""
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    with session_scope(db_url) as session:
        seed(session, date(2026, 11, 22))
        sync_programmes(session)
    return db_url


@pytest.fixture()
def demo_db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The actions' database filled with the demo offer (dated from today) and the funding catalogue."""
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    monkeypatch.setenv("LOTSE_DATA_DIR", str(tmp_path))  # the dashboard key (bot/stats) is made here
    monkeypatch.delenv("LOTSE_REGION", raising=False)
    with session_scope(db_url) as session:
        seed(session, date.today())
        sync_programmes(session)
    yield db_url


#: Words of a citizen that must never reach another conversation's handover.
SECRET_WORDS = "Ich heiße Bettina Geheim und bin Alleinerziehende in Kempen"


def stored_conversation(sender: str, said: list[str]) -> list[dict[str, Any]]:
    """Store a conversation as Rasa does; returns the events Rasa would send the action server."""
    store = WindowedSQLTrackerStore(
        Domain.load("domain.yml"), window=12, dialect="sqlite",
        db=os.environ["LOTSE_TRACKER_DB_URL"].removeprefix("sqlite:///"),
    )

    async def converse() -> list[dict[str, Any]]:
        tracker = await store.create_tracker(sender)
        for text in said:
            tracker.update(UserUttered(text, intent={"name": "inform", "confidence": 1.0}))
            tracker.update(BotUttered(f"Antwort auf {text}"))
            tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
        return [e.as_dict() for e in (await store.retrieve(sender)).events]

    return asyncio.run(converse())


def handover_of(db_url: str, sender: str) -> Handover:
    """The one handover stored for ``sender``."""
    with session_scope(db_url) as session:
        return session.execute(select(Handover).where(Handover.sender_id == sender)).scalar_one()
