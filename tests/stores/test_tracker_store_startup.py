"""Replicas that start together on a fresh PostgreSQL database all start without waiting.

Rasa's ``SQLTrackerStore`` answers a failed ``CREATE TABLE`` (two replicas creating ``events`` at
the same moment) by sleeping 5 s and trying again; with ``make stack`` that delayed the second
replica at every start on a new database.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
import rasa.core.tracker_store
from rasa.shared.core.events import SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import WindowedSQLTrackerStore
from tests.stores.test_tracker_store import DOMAIN

REPLICAS = 4


def test_replicas_starting_together_create_the_tables_once_and_none_waits(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(rasa.core.tracker_store, "sleep", waits.append)
    barrier = threading.Barrier(REPLICAS)
    stores: list[WindowedSQLTrackerStore] = []
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            # as endpoints.production.yml configures it: the whole URL, which Rasa passes as host
            stores.append(WindowedSQLTrackerStore(DOMAIN, host=postgres_url))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(REPLICAS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        assert waits == [], "a replica hit the table-creation conflict and waited"
        first, last = stores[0], stores[-1]
        tracker = DialogueStateTracker.from_events("s1", [SessionStarted(), UserUttered("Hallo")], DOMAIN.slots)
        asyncio.run(first.save(tracker))
        loaded = asyncio.run(last.retrieve("s1"))
        assert loaded is not None and loaded.latest_message.text == "Hallo"
    finally:
        for store in stores:
            store.engine.dispose()


def test_a_starting_store_indexes_the_events_for_its_window_query(tmp_path) -> None:
    """Without these, every load read the whole conversation to find its newest events."""
    store = WindowedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    try:
        with store.engine.connect() as connection:
            plan = " ".join(
                str(row[-1]) for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id, data FROM events WHERE sender_id = 'a' ORDER BY id DESC LIMIT 41"
                )
            )
        assert "ix_events_sender_id_id" in plan
    finally:
        store.engine.dispose()


def test_on_postgresql_a_load_reads_the_newest_events_along_the_index(postgres_url: str) -> None:
    """On a young, never analysed table with long conversations, as in the first minutes after a
    deployment or in the benchmark: no reading of the whole conversation per load."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql

    from stores.tracker_schema import window_and_state_query

    store = WindowedSQLTrackerStore(DOMAIN, host=postgres_url)
    try:
        kinds = ("session_started", "action", "user", "slot", "bot", "action")
        rows = [  # twenty long conversations, interleaved as concurrent ones are
            {"sender_id": f"s{n}", "type_name": kinds[min(i, 1 + i % 5)], "timestamp": float(i), "data": "{}"}
            for i in range(300) for n in range(20)
        ]
        with store.engine.begin() as connection:
            connection.execute(store.SQLEvent.__table__.insert(), rows)
        query = window_and_state_query(41).params(sender_id="s3").compile(
            dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
        )
        with store.engine.connect() as connection:
            plan = "\n".join(row[0] for row in connection.execute(sa.text(f"EXPLAIN {query}")))
        assert "Index Scan Backward using ix_events_sender_id_id" in plan, plan
        assert "Bitmap" not in plan and "Sort" not in plan, plan
    finally:
        store.engine.dispose()
