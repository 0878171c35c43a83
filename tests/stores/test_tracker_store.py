"""The windowed tracker store ends every load in the same state as Rasa's full replay would.

Conversations are written turn by turn through the store under test (load, add a turn's events,
save), exactly as the Rasa server does; after every turn the windowed tracker is compared with
Rasa's own ``SQLTrackerStore`` reading the same database: same slots, same active form, same
paused flag, and the database holds every event once, in order.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    ConversationPaused,
    ConversationResumed,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import STATE_TABLE, WindowedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def user(text: str, intent: str = "inform") -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 1.0})


# Building blocks of turns, with slots of each type the domain declares.
STEPS = {
    "topic": lambda i: [SlotSet("topic", f"Thema {i}")],
    "place": lambda i: [SlotSet("place", "Krefeld" if i % 2 else "Wesel")],
    "page": lambda i: [SlotSet("search_page", float(i % 4 + 1))],
    "shown": lambda i: [SlotSet("shown_courses", [i, i + 1])],
    "plain": lambda i: [SlotSet("plain_language", bool(i % 2))],
    "clear_topic": lambda i: [SlotSet("topic", None)],
    "form_on": lambda i: [ActiveLoop("callback_form"), SlotSet("requested_slot", "callback_name")],
    "form_off": lambda i: [ActiveLoop(None), SlotSet("requested_slot", None)],
    "pause": lambda i: [ConversationPaused()],
    "resume": lambda i: [ConversationResumed()],
    "restart": lambda i: [Restarted()],
    "new_session": lambda i: [ActionExecuted("action_session_start"), SessionStarted()],
}


def turn(i: int, steps: list[str]) -> list[Event]:
    events: list[Event] = [user(f"Nachricht {i}")]
    for step in steps:
        events += STEPS[step](i)
    return [*events, ActionExecuted("utter_antwort"), ActionExecuted("action_listen")]


async def converse(store: WindowedSQLTrackerStore, sender: str, turns: list[list[str]]) -> list[dict]:
    """Writes the turns as the Rasa server does; returns every event written, as dicts."""
    written: list[dict] = []
    for i, steps in enumerate(turns):
        tracker = await store.retrieve(sender)
        if tracker is None:
            tracker = await store.create_tracker(sender)
            written += [e.as_dict() for e in tracker.events]
        for event in turn(i, steps):
            tracker.update(event)
            written.append(event.as_dict())
        await store.save(tracker)
    return written


def stored_events(store: SQLTrackerStore, sender: str) -> list[dict]:
    with store.session_scope() as session:
        rows = session.execute(
            sa.select(store.SQLEvent.data).where(store.SQLEvent.sender_id == sender).order_by(store.SQLEvent.id)
        ).all()
    return [json.loads(row[0]) for row in rows]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "tracker.sqlite3")


def stores(db: str, window: int) -> tuple[WindowedSQLTrackerStore, SQLTrackerStore]:
    return (
        WindowedSQLTrackerStore(DOMAIN, window=window, dialect="sqlite", db=db),
        SQLTrackerStore(DOMAIN, dialect="sqlite", db=db),
    )


def assert_same_state(windowed, full) -> None:
    assert windowed.current_slot_values() == full.current_slot_values()
    assert windowed.active_loop_name == full.active_loop_name
    assert windowed.is_paused() == full.is_paused()
    assert windowed.latest_message.text == full.latest_message.text


def test_long_conversation_loads_a_bounded_window_in_the_current_state(db: str) -> None:
    windowed, rasa = stores(db, window=30)
    turns = [["topic", "place"], ["form_on"], ["shown"]] + [["page"]] * 60
    written = asyncio.run(converse(windowed, "lang", turns))

    tracker = asyncio.run(windowed.retrieve("lang"))
    full = asyncio.run(rasa.retrieve("lang"))
    assert len(full.events) > 250
    assert len(tracker.events) <= 30 + len(DOMAIN.slots) + 3  # window + state preamble + listening
    assert_same_state(tracker, full)
    assert tracker.get_slot("topic") == "Thema 0" and tracker.active_loop_name == "callback_form"
    # Every event is stored once, in order, though the store only ever loaded a window.
    assert [e["event"] for e in stored_events(rasa, "lang")] == [e["event"] for e in written]


def test_short_conversation_is_loaded_exactly_as_rasa_loads_it(db: str) -> None:
    windowed, rasa = stores(db, window=120)
    asyncio.run(converse(windowed, "kurz", [["topic"], ["form_on"], ["place"]]))
    tracker = asyncio.run(windowed.retrieve("kurz"))
    full = asyncio.run(rasa.retrieve("kurz"))
    assert [e.as_dict() for e in tracker.events] == [e.as_dict() for e in full.events]


def test_state_row_follows_the_conversation_and_is_per_sender(db: str) -> None:
    windowed, _ = stores(db, window=10)
    asyncio.run(converse(windowed, "a", [["topic"], ["form_on"]]))
    asyncio.run(converse(windowed, "b", [["place"]]))
    with windowed.session_scope() as session:
        rows = dict(session.execute(sa.select(STATE_TABLE.c.sender_id, STATE_TABLE.c.state)).all())
    assert json.loads(rows["a"])["active_loop"] == "callback_form"
    assert json.loads(rows["a"])["slots"]["topic"] == "Thema 0"
    assert "topic" not in json.loads(rows["b"])["slots"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(turns=[["clear_topic", "clear_topic", "form_off"]], window=6)  # one turn longer than the window
@given(
    turns=st.lists(st.lists(st.sampled_from(sorted(STEPS)), max_size=3), min_size=1, max_size=40),
    window=st.integers(min_value=6, max_value=40),
)
def test_any_conversation_ends_in_the_same_state_as_a_full_replay(tmp_path_factory, turns, window) -> None:
    db = str(tmp_path_factory.mktemp("tracker") / "tracker.sqlite3")
    windowed, rasa = stores(db, window=window)
    written = asyncio.run(converse(windowed, "x", turns))
    assert_same_state(asyncio.run(windowed.retrieve("x")), asyncio.run(rasa.retrieve("x")))
    assert [e["event"] for e in stored_events(rasa, "x")] == [e["event"] for e in written]


def test_a_window_of_form_turns_alone_still_gives_the_memoisation_policy_a_state(db: str) -> None:
    """A long form: every turn predicted by a rule and hidden from memoisation (``hide_rule_turn``).
    A window of such turns alone left Rasa's memoisation policy no state when it predicted the step
    after the form's action, and the turn failed (found by the e2e callback tests)."""
    from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer

    windowed, _ = stores(db, window=12)

    def form_turn(i: int) -> list[Event]:
        return [
            user(f"Antwort {i}"),
            ActionExecuted("callback_form", hide_rule_turn=True),
            SlotSet("requested_slot", "callback_name"),
            ActionExecuted("action_listen", hide_rule_turn=True),
        ]

    async def long_form() -> DialogueStateTracker:
        tracker = await windowed.create_tracker("formular")
        for event in (user("Ich möchte einen Rückruf"), ActionExecuted("callback_form"), ActiveLoop("callback_form")):
            tracker.update(event)
        for i in range(8):
            for event in form_turn(i):
                tracker.update(event)
            await windowed.save(tracker)
            tracker = await windowed.retrieve("formular")
        for event in form_turn(8)[:2]:  # the form has just run; what comes next?
            tracker.update(event)
        return tracker

    tracker = asyncio.run(long_form())
    states = MaxHistoryTrackerFeaturizer(max_history=4).prediction_states(
        [tracker], DOMAIN, ignore_rule_only_turns=True, rule_only_data={"rule_only_slots": [], "rule_only_loops": []}
    )
    assert states[0], "no state left for the memoisation policy"
    assert tracker.latest_message.text == "Antwort 8"


def test_on_postgresql_a_dropped_connection_does_not_lose_the_conversation(postgres_url: str) -> None:
    """After the database drops its connections (restart, failover), the next message still finds the
    conversation. Rasa's own engine handed out the dead connection, and its fail-safe wrapper then
    started an empty conversation."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    store = WindowedSQLTrackerStore(
        DOMAIN, window=20, dialect="postgresql", host=url.host, port=url.port or 5432,
        db=url.database, username=url.username, password=url.password,
    )
    asyncio.run(converse(store, "pg", [["topic", "place"], ["form_on"]] + [["page"]] * 10))

    admin = create_engine(postgres_url, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        killed = connection.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                 "WHERE datname = :db AND pid <> pg_backend_pid()"),
            {"db": url.database},
        ).scalar()
    admin.dispose()
    assert killed >= 1  # the store's pooled connection was among them

    tracker = asyncio.run(store.retrieve("pg"))
    assert tracker is not None
    assert tracker.get_slot("topic") == "Thema 0" and tracker.active_loop_name == "callback_form"
    store.engine.dispose()


def test_deleting_a_conversation_also_deletes_its_state_row(db: str) -> None:
    """The state row holds slot values (a name, a phone number): a deletion request removes it with
    the events, and the retention purge removes the rows of conversations it emptied."""
    from datetime import datetime, timedelta

    from bot.privacy.tracker import delete_tracker_events, purge_tracker_events

    windowed, _ = stores(db, window=10)
    asyncio.run(converse(windowed, "loeschen", [["topic"], ["form_on"]]))
    asyncio.run(converse(windowed, "bleibt", [["place"]]))
    delete_tracker_events(f"sqlite:///{db}", "loeschen")
    with windowed.session_scope() as session:
        assert [r[0] for r in session.execute(sa.select(STATE_TABLE.c.sender_id)).all()] == ["bleibt"]
    assert asyncio.run(windowed.retrieve("loeschen")) is None

    purge_tracker_events(f"sqlite:///{db}", datetime.now() + timedelta(days=1))
    with windowed.session_scope() as session:
        assert session.execute(sa.select(STATE_TABLE.c.sender_id)).all() == []



def test_on_postgresql_a_state_row_written_meanwhile_by_another_replica_does_not_drop_the_turn(
    postgres_url: str,
) -> None:
    """Two replicas saving the first state of one conversation at once: just before this replica
    writes the state row, the other one inserts it. That must not take the turn's events with it
    (Rasa's fail-safe wrapper would drop the whole turn from the store)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    store = WindowedSQLTrackerStore(
        DOMAIN, window=20, dialect="postgresql", host=url.host, port=url.port or 5432,
        db=url.database, username=url.username, password=url.password,
    )
    rasa = SQLTrackerStore(DOMAIN, dialect="postgresql", host=url.host, port=url.port or 5432,
                           db=url.database, username=url.username, password=url.password)
    asyncio.run(converse(store, "z", [["topic"]]))
    with store.session_scope() as session:  # this conversation has no state row yet ...
        session.execute(STATE_TABLE.delete())
        session.commit()
    tracker = asyncio.run(store.retrieve("z"))
    for step in turn(1, ["place"]):
        tracker.update(step)

    other_replica = create_engine(postgres_url, future=True)
    raced: list[str] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def other_replica_inserts_first(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if "INSERT INTO lotse_tracker_state" in statement and not raced:
            raced.append(statement)
            with other_replica.begin() as connection:  # ... until the other replica stores one
                connection.execute(STATE_TABLE.insert().values(sender_id="z", state='{"slots": {}}'))

    asyncio.run(store.save(tracker))
    assert raced
    assert asyncio.run(rasa.retrieve("z")).latest_message.text == "Nachricht 1"
    with store.session_scope() as session:
        state = session.execute(sa.select(STATE_TABLE.c.state).where(STATE_TABLE.c.sender_id == "z")).scalar_one()
    assert json.loads(state)["slots"]["place"] == "Krefeld"
    for engine in (store.engine, rasa.engine, other_replica):
        engine.dispose()


def _postgres_store(postgres_url: str) -> WindowedSQLTrackerStore:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    return WindowedSQLTrackerStore(
        DOMAIN, window=20, dialect="postgresql", host=url.host, port=url.port or 5432,
        db=url.database, username=url.username, password=url.password,
    )


def test_on_postgresql_a_connection_dropped_during_the_save_does_not_lose_the_turn(postgres_url: str) -> None:
    """The database ends the connection in the middle of a turn's save (measured under load with
    pg_terminate_backend). The turn is stored once, and the next message finds the conversation
    where it was."""
    from sqlalchemy import create_engine, event, text

    store = _postgres_store(postgres_url)
    asyncio.run(converse(store, "abbruch", [["topic"]]))
    tracker = asyncio.run(store.retrieve("abbruch"))
    for step in turn(1, ["form_on"]):
        tracker.update(step)

    admin = create_engine(postgres_url, future=True, isolation_level="AUTOCOMMIT")
    killed: list[int] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def database_ends_this_connection(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if "INSERT INTO lotse_tracker_state" in statement and not killed:  # the save
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            with admin.connect() as connection:
                killed.append(connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar())

    asyncio.run(store.save(tracker))
    assert killed == [True]
    texts = [e.get("text") for e in stored_events(store, "abbruch") if e["event"] == "user"]
    assert texts == ["Nachricht 0", "Nachricht 1"]
    loaded = asyncio.run(store.retrieve("abbruch"))
    assert loaded.active_loop_name == "callback_form" and loaded.get_slot("topic") == "Thema 0"
    for engine in (store.engine, admin):
        engine.dispose()


def test_a_commit_whose_answer_was_lost_is_not_stored_twice(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The connection breaks after the database committed the turn but before it said so: the store
    finds the turn in the database and does not write it a second time."""
    from sqlalchemy.orm import Session

    windowed, rasa = stores(db, window=20)
    asyncio.run(converse(windowed, "doppelt", [["topic"]]))
    tracker = asyncio.run(windowed.retrieve("doppelt"))
    for step in turn(1, ["place"]):
        tracker.update(step)

    commit = Session.commit
    broken: list[bool] = []

    def commit_then_lose_the_answer(self: Session) -> None:
        commit(self)
        if not broken:
            broken.append(True)
            lost = ConnectionResetError("connection reset")
            raise sa.exc.OperationalError("COMMIT", {}, lost, connection_invalidated=True)

    monkeypatch.setattr(Session, "commit", commit_then_lose_the_answer)
    asyncio.run(windowed.save(tracker))
    assert broken
    texts = [e.get("text") for e in stored_events(rasa, "doppelt") if e["event"] == "user"]
    assert texts == ["Nachricht 0", "Nachricht 1"]
