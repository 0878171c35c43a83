"""Reading and deleting Rasa's SQL tracker store with plain SQL, without importing Rasa.

Rasa 3.6's ``SQLTrackerStore`` keeps every event in one table ``events`` with the columns
``sender_id`` (the conversation id), ``type_name`` ("user", "bot", "slot", ...), ``timestamp``
(Unix seconds, float) and ``data`` (the event as JSON); see ``rasa/core/tracker_store.py``, class
``SQLTrackerStore.SQLEvent``. The bot's tracker store (``stores/tracker_store.py``) also keeps one
row per conversation in ``lotse_tracker_state`` (the current slot values, which can hold a name or
a phone number); it goes with the events. A SQLite file that does not exist holds no conversations:
it is not created just to find that out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.engine import Connection, make_url

from bot.db.sqlite_files import secure_delete, wipe_deleted

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

#: The one declaration of the bot's tracker state table; stores/tracker_schema.py creates it and the
#: tracker store writes it. Declared here so that deleting a conversation needs no Rasa import; its
#: own MetaData because it lives in the tracker database, not among the offer database's tables
#: that Alembic migrates (bot/db/migrations).
STATE_METADATA = MetaData()
STATE_TABLE = Table(
    "lotse_tracker_state",
    STATE_METADATA,
    Column("sender_id", String(255), primary_key=True),
    # JSON: {"slots": {...}, "active_loop": name | null, "paused": bool}. Personal data (name,
    # phone) can be in slots, so the privacy deletion removes this row with the events.
    Column("state", Text, nullable=False),
)


def delete_tracker_events(tracker_db_url: str, sender_id: str) -> int:
    """Delete all events of one conversation; returns the number of rows deleted (0 if no table)."""
    _require(sender_id)
    return _delete(tracker_db_url, EVENTS.c.sender_id == sender_id)


def purge_tracker_events(tracker_db_url: str, before: datetime) -> int:
    """Delete events older than ``before`` (naive local time, like the rest of the app)."""
    return _delete(tracker_db_url, EVENTS.c.timestamp < before.timestamp())


def session_events(tracker_db_url: str, sender_id: str) -> list[dict[str, Any]]:
    """The events of the conversation's current session, oldest first, as Rasa stored them.

    For the handover transcript: the Rasa server sends the action server only the newest part of
    a conversation. The session begins as in Rasa's own store, at the latest ``session_started``.
    """
    _require(sender_id)
    with _events_table(tracker_db_url) as connection:
        if connection is None:
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


def count_tracker_events(tracker_db_url: str, before: datetime) -> int:
    """How many events ``purge_tracker_events`` would delete (for ``--dry-run``)."""
    with _events_table(tracker_db_url) as connection:
        if connection is None:
            return 0
        query = select(func.count()).select_from(EVENTS).where(EVENTS.c.timestamp < before.timestamp())
        return connection.execute(query).scalar_one()


def tracker_events(tracker_db_url: str, sender_id: str) -> list[dict[str, Any]]:
    """Every stored event of one conversation, oldest first, as Rasa wrote it (for the data export)."""
    _require(sender_id)
    with _events_table(tracker_db_url) as connection:
        if connection is None:
            return []
        rows = connection.execute(
            select(EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender_id)
            .order_by(EVENTS.c.id)
        ).all()
    events = []
    for type_name, timestamp, data in rows:
        try:
            event = json.loads(data or "{}")
        except ValueError:
            event = {"unlesbar": data}
        events.append({**event, "event": type_name, "timestamp": timestamp})
    return events


def _require(sender_id: str) -> None:
    if not sender_id.strip():
        raise ValueError("leere Gesprächs-ID")


def _delete(url: str, condition) -> int:
    with _events_table(url, wipe=True) as connection:
        if connection is None:
            return 0
        deleted = connection.execute(delete(EVENTS).where(condition)).rowcount or 0
        if inspect(connection).has_table(STATE_TABLE.name):
            # The state row of a conversation without events left (slot values: name, phone).
            remaining = select(EVENTS.c.sender_id).where(EVENTS.c.sender_id == STATE_TABLE.c.sender_id).exists()
            connection.execute(delete(STATE_TABLE).where(~remaining))
        return deleted


@contextmanager
def _events_table(url: str, wipe: bool = False) -> Iterator[Connection | None]:
    """A connection in a transaction, or None when there is no ``events`` table (nothing stored yet).

    ``wipe``: the transaction deletes; in SQLite the deleted bytes are then overwritten and the
    log emptied (bot/db/sqlite_files.py), so that no deleted conversation stays in the file.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        yield None
        return
    engine = create_engine(url, future=True)
    if wipe and parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", lambda connection, _: secure_delete(connection.cursor()))
    try:
        with engine.begin() as connection:
            yield connection if inspect(connection).has_table("events") else None
        if wipe:
            wipe_deleted(engine)
    finally:
        engine.dispose()
