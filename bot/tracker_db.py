"""Reading Rasa's tracker store (table ``events``) from the bot's own code, without importing Rasa.

The Rasa server hands the action server only the newest part of a conversation (see
``stores/tracker_store.py``); what needs the whole conversation — the transcript an advisor gets
with a handover — reads it here. Rasa 3.6's ``SQLTrackerStore`` keeps one row per event with
``sender_id``, ``type_name``, ``timestamp`` (Unix seconds) and the event as JSON in ``data``.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, func, inspect, or_, select

from bot.config import load_settings
from bot.db.session import get_engine

_metadata = MetaData()
EVENTS = Table(
    "events",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("data", Text),
)


def session_events(sender_id: str, tracker_db_url: str | None = None) -> list[dict[str, Any]]:
    """All events of the conversation's current session, oldest first; empty when none are stored.

    The session begins as in Rasa's own store: at the latest ``session_started`` event.
    """
    engine = get_engine(tracker_db_url or load_settings().tracker_db_url)
    with engine.connect() as connection:
        if not inspect(connection).has_table("events"):
            return []
        start = (
            select(func.max(EVENTS.c.timestamp))
            .where(EVENTS.c.sender_id == sender_id, EVENTS.c.type_name == "session_started")
            .scalar_subquery()
        )
        rows = connection.execute(
            select(EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender_id, or_(start.is_(None), EVENTS.c.timestamp >= start))
            .order_by(EVENTS.c.id)
        ).all()
    return [json.loads(row[0]) for row in rows]
