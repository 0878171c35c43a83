"""Engines and sessions.

One engine per database URL for the life of the process (creating engines per request is a
classic latency trap), and one short ``Session`` per unit of work, never a shared one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.config import load_settings


def get_engine(url: str | None = None) -> Engine:
    # Resolve before the cache: the settings may change (tests, CLI --db) and None must not be a key.
    return _engine(url or load_settings().offer_db_url)


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        # A pool also for SQLite (SQLAlchemy 1.4 opens a new file connection per session there):
        # opening, setting the pragmas and closing cost more than the query of an action.
        engine = create_engine(
            url, future=True, poolclass=QueuePool, pool_size=5, connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=10)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets the action server read while the CLI or advisor app writes; foreign keys are off
    # by default in SQLite and we rely on them for cascades.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@lru_cache(maxsize=8)
def _factory(url: str) -> sessionmaker:
    return sessionmaker(bind=get_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session: Session = _factory(url or load_settings().offer_db_url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
