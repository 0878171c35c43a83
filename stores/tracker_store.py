"""SQL tracker store whose cost per message does not grow with the length of a conversation.

Rasa's ``SQLTrackerStore`` loads every event of the current session for every message, decodes
each one from JSON and replays it; the policies then walk the whole history again, and the whole
tracker travels to the action server and back. Measured on this bot (2026-11-22): 61 ms per
message at turn 5, 244 ms at turn 100. Nothing in this bot needs more than the last few turns
(rules and memoisation look at most four turns back), so this store hands Rasa a *window*:

* a short preamble that restores the current state — every slot that is not at its initial
  value, the active form, a paused conversation — kept in one row per conversation
  (``lotse_tracker_state``) and updated with every save;
* followed by the newest events of the session (from a user message on, at most ``window``
  events).

Replaying window events on top of the *current* state ends in the current state again: every
state change inside the window is replayed after the preamble, everything older is in it. All
events are still appended to Rasa's ``events`` table, so the full history stays available (the
handover transcript and the data export read it from there) and the table format is Rasa's own.

Saving appends only the events added since the tracker was loaded. The count is kept on the
tracker object, which Rasa passes from ``retrieve`` to ``save`` unchanged; a tracker that did not
come from ``retrieve`` falls back to Rasa's own way of finding new events.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
import ujson
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.db.session import ping_when_idle
from bot.db.sqlite_files import protect_sqlite_file
from bot.privacy.tracker import STATE_TABLE
from stores.tracker_schema import (
    create_own_tables,
    create_tables_one_at_a_time,
    postgresql_one_conversation_plans,
    sqlite_write_ahead_log,
    upsert_turn_statement,
    window_and_state_query,
)
from stores.tracker_state import save_state, state_json, state_preamble

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

#: Attribute on a retrieved tracker: how many of its events are already in the database.
_STORED = "_lotse_stored_events"

#: Events loaded besides the state: the last three to four turns. Rules look at most three turns
#: back, memoisation four states, the course search at most four messages (actions/courses.py).
#: Every event in the window is replayed by each policy for each prediction and sent to the
#: action server, so a larger window costs throughput (figure: docs/performance.md).
DEFAULT_WINDOW = 40


class WindowedSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that loads the current state plus the newest events only."""

    engine: Any  # set by SQLTrackerStore.__init__ (SQLAlchemy 1.4 has no types)

    def __init__(self, domain: Domain | None = None, window: int = DEFAULT_WINDOW, **kwargs: Any) -> None:
        if kwargs.get("dialect", "sqlite") == "sqlite" and kwargs.get("db"):
            protect_sqlite_file(f"sqlite:///{kwargs['db']}")  # conversations: directory 0700, files 0600
        tables_created = create_tables_one_at_a_time(kwargs)  # PostgreSQL, several replicas
        super().__init__(domain, **kwargs)
        self.window = int(window)
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite":
            # Rasa opens SQLite without a pool: every load and save opened the file, and closing
            # the last connection checkpoints the log with an fsync (36 ms per message here).
            self.engine = sa.create_engine(
                url, poolclass=QueuePool, pool_size=2, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", sqlite_write_ahead_log)
        else:
            # Rasa's engine keeps dead connections after a database restart; its fail-safe
            # wrapper then starts an empty conversation. A connection that sat idle is pinged
            # before use (not every one: that was a round trip per load and per save, 3 % of a
            # replica's samples under load); one that dies in use is retried (_with_one_reconnect).
            self.engine = sa.create_engine(url, **create_engine_kwargs(url))
            ping_when_idle(self.engine)
            if url.get_backend_name() == "postgresql":
                sa.event.listen(self.engine, "connect", postgresql_one_conversation_plans)
        self.sessionmaker = sessionmaker(bind=self.engine)
        # Loading only reads, and the lock store keeps other replicas off the conversation: no
        # transaction, so no ROLLBACK round trip when the session ends (0.1 ms a message).
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._reading = sessionmaker(bind=self._autocommit)
        if tables_created:
            return
        try:
            with self.engine.begin() as connection:
                create_own_tables(connection)
        except (sa.exc.IntegrityError, sa.exc.ProgrammingError, sa.exc.OperationalError):
            # Replicas starting together on a fresh database: another one created the table
            # between our check and our CREATE (measured with two replicas on PostgreSQL).
            if not sa.inspect(self.engine).has_table(STATE_TABLE.name):
                raise

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        events = self._with_one_reconnect(lambda: self._load_events(sender_id))
        if events is None or not self.domain:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        setattr(tracker, _STORED, len(tracker.events))
        return tracker

    def _load_events(self, sender_id: str) -> list[dict[str, Any]] | None:
        with self._reading() as session:
            rows, state = self._window_rows(session, sender_id)
            if not rows:
                return None
            # ujson: half the time of json per event, the same values (compared on 29 725 stored
            # events of a benchmark run, floats by repr, 2026-11-23)
            events = [ujson.loads(data) for _, data in rows]
            if len(rows) > self.window:
                window = events[1:]
                if not any(event.get("event") == UserUttered.type_name for event in window):
                    # One turn longer than the window: load it whole, from its user message on.
                    longer = self._rows_from_latest_user_message(session, sender_id)
                    window = [ujson.loads(data) for _, data in longer] or window
                events = state_preamble(state) + self._from_first_user_message(window)
        return events

    @staticmethod
    def _with_one_reconnect(work: Callable[[], _T]) -> _T:
        """``work()``, once more on a new connection if the database dropped the one it used.

        A connection can have died while idle in the pool (database restart, ``pg_terminate_backend``)
        or die during a query (measured under load, bench/faults.py). Rasa's fail-safe wrapper
        would then start an empty conversation (load) or drop the turn (save).
        """
        try:
            return work()
        except sa.exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
            logger.warning("Datenbankverbindung verloren (%s); neuer Versuch", type(error.orig).__name__)
            return work()

    async def save(self, tracker: DialogueStateTracker) -> None:
        stored = getattr(tracker, _STORED, None)
        if stored is None:
            await super().save(tracker)
        else:
            new_events = list(tracker.events)[stored:]
            if self.event_broker is not None:
                # Rasa's stream_events would load the tracker again to find the new events.
                await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
            rows = [self._event_row(tracker.sender_id, event) for event in new_events]
            self._store_turn_once(tracker, rows)
        setattr(tracker, _STORED, len(tracker.events))

    def _store_turn_once(self, tracker: DialogueStateTracker, rows: list[dict[str, Any]]) -> None:
        try:
            self._store_turn(tracker, rows)
        except sa.exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
            # The connection broke during the turn's transaction. Unless it broke after the
            # commit went through, nothing of the turn is stored: store it again.
            logger.warning("Datenbankverbindung beim Speichern verloren (%s)", type(error.orig).__name__)
            if not self._with_one_reconnect(lambda: self._turn_is_stored(rows)):
                self._store_turn(tracker, rows)

    def _store_turn(self, tracker: DialogueStateTracker, rows: list[dict[str, Any]]) -> None:
        if self.engine.url.get_backend_name() == "postgresql":
            self._store_turn_in_one_statement(tracker, rows)
            return
        with self.session_scope() as session:
            if rows:  # one INSERT for the turn instead of one ORM object per event
                session.execute(self.SQLEvent.__table__.insert(), rows)
            save_state(session, tracker)
            session.commit()

    def _store_turn_in_one_statement(self, tracker: DialogueStateTracker, rows: list[dict[str, Any]]) -> None:
        """PostgreSQL: the turn's events and the new state in one statement, which is atomic itself.

        Before, a save was BEGIN, INSERT, UPDATE (INSERT when the state row was new) and COMMIT:
        four round trips and an ORM session, 10 % of a replica's CPU under load (py-spy --gil,
        2026-11-23). The statement inserts the events in a data-modifying WITH and writes the state
        row with ON CONFLICT, which also settles two replicas writing a conversation's first state.
        """
        sql, parameters = upsert_turn_statement(self.SQLEvent.__tablename__, rows)
        with self._autocommit.connect() as connection:
            connection.exec_driver_sql(sql, (*parameters, tracker.sender_id, state_json(tracker)))

    def _turn_is_stored(self, rows: list[dict[str, Any]]) -> bool:
        """Whether the turn's last event is in the database (its commit went through)."""
        if not rows:
            return False  # only the state row changed: writing it again is harmless
        last, events = rows[-1], self.SQLEvent.__table__
        with self.session_scope() as session:
            found = session.execute(
                sa.select(events.c.id).where(
                    events.c.sender_id == last["sender_id"],
                    events.c.type_name == last["type_name"],
                    events.c.data == last["data"],
                )
            ).first()
        return found is not None

    @staticmethod
    def _event_row(sender_id: str, event: Any) -> dict[str, Any]:
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _window_rows(self, session: Session, sender_id: str) -> tuple[list[tuple[int, str]], str | None]:
        """The newest ``window + 1`` events of the latest session, oldest first, and the state row.

        One row more than the window tells whether anything was cut off. The session begins as in
        Rasa's own store: at the timestamp of the latest ``session_started`` event.
        """
        rows, state = [], None
        for row_id, data in session.execute(window_and_state_query(self.window + 1), {"sender_id": sender_id}):
            if row_id is None:
                state = data
            else:
                rows.append((row_id, data))
        rows.sort()
        return rows, state

    def _rows_from_latest_user_message(self, session: Session, sender_id: str) -> list[tuple[int, str]]:
        events = self.SQLEvent.__table__
        latest_user = (
            sa.select(sa.func.max(events.c.id))
            .where(events.c.sender_id == sender_id, events.c.type_name == UserUttered.type_name)
            .scalar_subquery()
        )
        query = (
            sa.select(events.c.id, events.c.data)
            .where(events.c.sender_id == sender_id, events.c.id >= latest_user)
            .order_by(events.c.id)
        )
        return [(row[0], row[1]) for row in session.execute(query).all()]

    @staticmethod
    def _from_first_user_message(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Window events from the first user message on, so the window holds whole turns.

        The window begins as every Rasa conversation does, with the bot listening. Without it a
        window of form turns alone, which rules predicted and marked as hidden from memoisation,
        left the memoisation policy no state at all and Rasa failed the turn (IndexError in
        ``_choose_last_user_input``; found with the e2e callback tests at a window of 40).
        """
        for index, event in enumerate(events):
            if event.get("event") == UserUttered.type_name:
                return [ActionExecuted(ACTION_LISTEN_NAME).as_dict(), *events[index:]]
        return events
