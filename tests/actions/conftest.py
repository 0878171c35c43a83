"""Tracker fixtures and a real SQLite offer database for running actions as the server would."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.db.models import CounsellingCentre, Place, Region
from bot.db.session import session_scope
from bot.demo.seed import seed
from bot.funding.catalogue import sync_programmes
from bot.search.text import fold


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

