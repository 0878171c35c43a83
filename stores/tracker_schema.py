"""The tables and queries of the windowed tracker store, and how they are created.

Rasa's ``events`` table stays Rasa's; this creates the state table (declared in
bot/privacy/tracker.py, which deletes it without Rasa), the indexes the window queries
need, the two queries themselves (built once) and the start-up of several replicas on one new
PostgreSQL database. See stores/tracker_store.py for the store that uses them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs, validate_port
from rasa.shared.core.events import SessionStarted

from bot.db.sqlite_files import secure_delete
from bot.privacy.tracker import STATE_METADATA, STATE_TABLE


def sqlite_write_ahead_log(connection: Any, record: Any) -> None:
    """The embedded default: WAL, so a save costs no full fsync and reading does not block writing.

    With ``synchronous=NORMAL`` a crash of the process loses nothing; a power cut can lose the
    last turns. Production runs on PostgreSQL.
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    secure_delete(cursor)  # conversations hold personal data: deleted rows are overwritten
    cursor.close()


#: Indexes on Rasa's ``events`` table for the two queries of every load. Rasa indexes only
#: ``sender_id``: PostgreSQL then read every event of the conversation to find the newest 41 and
#: the latest session start, 4 ms at 3 400 events and growing with each turn (EXPLAIN ANALYZE,
#: 2026-11-23); with these 0.1 ms at any length: the newest events are read backwards along
#: (sender_id, id). No index may include the timestamp: PostgreSQL then preferred it for the
#: window's ``timestamp >=`` condition and read the whole conversation again (2 ms). The id in
#: the second index finds a turn's first event (the latest user message, for turns longer than
#: the window: a search answer with its course cards) without reading all user messages.
#: Rasa's own index on ``sender_id`` alone is dropped: the first index serves every lookup it
#: served, and with it PostgreSQL sometimes read a whole conversation and sorted it instead.
WINDOW_INDEXES = {
    "ix_events_sender_id_id": "sender_id, id",
    "ix_events_sender_id_type_name_id": "sender_id, type_name, id",
}
REPLACED_INDEX = "ix_events_sender_id"


def create_own_tables(connection: sa.engine.Connection) -> None:
    """The state table and the window indexes, where they are missing (SQLite and PostgreSQL)."""
    STATE_METADATA.create_all(connection)
    table = SQLTrackerStore.SQLEvent.__tablename__
    for name, columns in WINDOW_INDEXES.items():
        connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"))
    connection.execute(sa.text(f"DROP INDEX IF EXISTS {REPLACED_INDEX}"))


@lru_cache(maxsize=4)
def window_query(limit: int) -> sa.sql.Select:
    """The newest ``limit`` events of a conversation's latest session, newest first.

    Built once per limit: building it anew for every load cost about 0.3 ms of the replica's CPU.
    """
    events = SQLTrackerStore.SQLEvent.__table__
    sender_id = sa.bindparam("sender_id")
    session_start = (
        sa.select(sa.func.max(events.c.timestamp))
        .where(events.c.sender_id == sender_id, events.c.type_name == SessionStarted.type_name)
        .scalar_subquery()
    )
    return (
        sa.select(events.c.id, events.c.data)
        # COALESCE instead of "no session start OR after it": with the OR, PostgreSQL read every
        # event of the conversation again (4.7 ms at 6 800 events; 0.4 ms like this). Rasa gives
        # every event a timestamp, so 0 keeps them all when there is no session start.
        .where(events.c.sender_id == sender_id, events.c.timestamp >= sa.func.coalesce(session_start, 0))
        .order_by(events.c.id.desc())
        .limit(limit)
    )


#: The columns of Rasa's ``events`` table that a save fills, in the order of a turn's rows.
EVENT_COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")


def upsert_turn_statement(events_table: str, rows: list[dict[str, Any]]) -> tuple[str, tuple[Any, ...]]:
    """PostgreSQL: one statement that stores a turn's events and then its state row.

    The statement's last two parameters are the sender id and the state (JSON); the ones returned
    here are the events' values. psycopg2 quotes every value (``%s``), nothing is put into the
    text. A statement is atomic in PostgreSQL: either the events and the state are stored or none.
    """
    upsert = (
        f"INSERT INTO {STATE_TABLE.name} (sender_id, state) VALUES (%s, %s) "
        "ON CONFLICT (sender_id) DO UPDATE SET state = EXCLUDED.state"
    )
    if not rows:
        return upsert, ()
    row = "(" + ", ".join(["%s"] * len(EVENT_COLUMNS)) + ")"
    insert = f"INSERT INTO {events_table} ({', '.join(EVENT_COLUMNS)}) VALUES {', '.join([row] * len(rows))}"
    return f"WITH turn AS ({insert}) {upsert}", tuple(r[c] for r in rows for c in EVENT_COLUMNS)


@lru_cache(maxsize=4)
def window_and_state_query(limit: int) -> sa.sql.CompoundSelect:
    """The window (``window_query``) and the conversation's state row in one round trip.

    Rows of the window have their event id; the state row, if there is one, has id NULL.
    """
    window = window_query(limit).subquery()
    state = sa.select(sa.cast(sa.null(), sa.Integer).label("id"), STATE_TABLE.c.state.label("data")).where(
        STATE_TABLE.c.sender_id == sa.bindparam("sender_id")
    )
    return sa.select(window.c.id, window.c.data).union_all(state)


def postgresql_one_conversation_plans(connection: Any, record: Any) -> None:
    """No bitmap scans on the store's connections: each of its queries reads one conversation.

    On a young ``events`` table, before autovacuum has analysed it, PostgreSQL guessed about 20
    rows per conversation and read all of a conversation's events by bitmap scan, then sorted
    them, instead of reading the newest ones backwards along ``(sender_id, id)``: 1 100 index rows
    per load on average, growing with every turn, most of PostgreSQL's CPU in the benchmark
    (pg_stat_user_indexes, 2026-11-23). Without bitmap scans the index order is used with or
    without statistics.
    """
    cursor = connection.cursor()
    cursor.execute("SET enable_bitmapscan = off")
    cursor.close()
    connection.commit()


#: Key of the PostgreSQL advisory lock under which a starting replica creates the tables.
TABLES_LOCK_KEY = 0x6C6F747365  # "lotse"


def create_tables_one_at_a_time(kwargs: dict[str, Any]) -> bool:
    """Rasa's and our tables on PostgreSQL, created by one starting replica while the others wait.

    Two replicas that start together on a fresh database both send ``CREATE TABLE events``; one
    fails on PostgreSQL's catalogue (``pg_type`` unique key), and Rasa's store then sleeps 5 s
    before it tries again (seen in every ``make stack`` on a new database, 2026-11-23). Under a
    transaction-scoped advisory lock the second replica finds the tables and creates nothing.
    False: not done here (not PostgreSQL, or not reachable yet); the store then creates its own.
    """
    if kwargs.get("login_db"):
        return False  # Rasa creates the database itself first, in its own loop
    url = SQLTrackerStore.get_db_url(  # endpoints.yml's ``url`` arrives as ``host``
        kwargs.get("dialect", "sqlite"), kwargs.get("host"), validate_port(kwargs.get("port")),
        kwargs.get("db", "rasa.db"), kwargs.get("username"), kwargs.get("password"), None, kwargs.get("query"),
    )
    if sa.engine.make_url(url).get_backend_name() != "postgresql":
        return False
    engine = sa.create_engine(url, future=True, **create_engine_kwargs(url))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": TABLES_LOCK_KEY})
            SQLTrackerStore.Base.metadata.create_all(connection)
            create_own_tables(connection)
    except sa.exc.OperationalError:
        return False  # database not reachable yet: Rasa's own start-up loop waits for it and reports it
    finally:
        engine.dispose()
    return True
