"""A connection that died while idle in the pool is replaced before an action uses it."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bot.db.session import ping_when_idle, session_scope


def _terminate_other_connections(postgres_url: str) -> int:
    admin = create_engine(postgres_url, future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            return connection.execute(
                text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            ).scalar()
    finally:
        admin.dispose()


def test_after_a_database_restart_the_next_query_gets_a_live_connection(postgres_url: str) -> None:
    with session_scope(postgres_url) as session:
        assert session.execute(text("SELECT 1")).scalar() == 1  # the pool now holds a connection

    assert _terminate_other_connections(postgres_url) >= 1
    time.sleep(1.1)  # idle for longer than PING_AFTER_IDLE_SECONDS

    with session_scope(postgres_url) as session:
        assert session.execute(text("SELECT 2")).scalar() == 2


def test_without_the_idle_ping_the_same_query_fails(postgres_url: str) -> None:
    """The counter-check: it is the ping, not luck, that keeps the query above alive."""
    engine = create_engine(postgres_url, future=True)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        _terminate_other_connections(postgres_url)
        with pytest.raises(OperationalError), engine.connect() as connection:
            connection.execute(text("SELECT 2"))

        ping_when_idle(engine, idle_seconds=0)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        _terminate_other_connections(postgres_url)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 3")).scalar() == 3
    finally:
        engine.dispose()
