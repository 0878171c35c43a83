"""Deleting from Rasa's SQL tracker store with plain SQL, without importing Rasa.

Rasa 3.6's ``SQLTrackerStore`` keeps every event in one table ``events`` with the columns
``sender_id`` (the conversation id) and ``timestamp`` (Unix seconds, float); see
``rasa/core/tracker_store.py``, class ``SQLTrackerStore.SQLEvent``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Float, MetaData, String, Table, create_engine, delete, inspect

_metadata = MetaData()
EVENTS = Table("events", _metadata, Column("sender_id", String(255)), Column("timestamp", Float))


def delete_tracker_events(tracker_db_url: str, sender_id: str) -> int:
    """Delete all events of one conversation; returns the number of rows deleted (0 if no table)."""
    if not sender_id.strip():
        raise ValueError("leere Gesprächs-ID")
    return _delete(tracker_db_url, EVENTS.c.sender_id == sender_id)


def purge_tracker_events(tracker_db_url: str, before: datetime) -> int:
    """Delete events older than ``before`` (naive local time, like the rest of the app)."""
    return _delete(tracker_db_url, EVENTS.c.timestamp < before.timestamp())


def _delete(url: str, condition) -> int:  # type: ignore[no-untyped-def]
    engine = create_engine(url, future=True)
    try:
        with engine.begin() as connection:
            if not inspect(connection).has_table("events"):
                return 0  # the bot has not stored a conversation yet
            return connection.execute(delete(EVENTS).where(condition)).rowcount or 0
    finally:
        engine.dispose()
