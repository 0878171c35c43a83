"""Engines and sessions.

One engine per database URL for the life of the process (creating engines per request is a
classic latency trap), and one short ``Session`` per unit of work, never a shared one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.config import offer_db_url
from bot.db.sqlite_files import protect_sqlite_file, secure_delete
from bot.db.sqlite_files import wipe_deleted as _wipe


def get_engine(url: str | None = None) -> Engine:
    # Resolve before the cache: the settings may change (tests, CLI --db) and None must not be a key.
    return _engine(url or offer_db_url())


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        protect_sqlite_file(url)  # personal data: directory 0700, files 0600
        # A pool also for SQLite (SQLAlchemy 1.4 opens a new file connection per session there):
        # opening, setting the pragmas and closing cost more than the query of an action.
        engine = create_engine(
            url, future=True, poolclass=QueuePool, pool_size=5, connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, future=True, pool_size=5, max_overflow=10)
        ping_when_idle(engine)
    return engine


#: A pooled connection unused for longer than this is pinged before it is handed out again.
PING_AFTER_IDLE_SECONDS = 1.0
_IDLE_SINCE = "lotse_idle_since"


def ping_when_idle(engine: Engine, idle_seconds: float = PING_AFTER_IDLE_SECONDS) -> None:
    """SQLAlchemy's pre-ping, but only for connections that sat idle in the pool.

    ``pool_pre_ping`` sends a ``SELECT 1`` at every checkout: under load a round trip per unit of
    work, with the server process waiting for it (figure: docs/performance.md). Connections die
    while idle (database restart, failover, idle timeouts), so only those are checked; a dead one
    is replaced before anyone uses it, as with the pre-ping.
    """

    @event.listens_for(engine, "checkin")
    def _idle_from_now(dbapi_connection, record) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, proxy) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < idle_seconds:
            return  # new, or back in the pool only a moment ago
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.dbapi.Error as error:
            if not engine.dialect.is_disconnect(error, dbapi_connection, None):
                raise
            alive = False
        if not alive:
            raise DisconnectionError("Verbindung war abgebrochen")  # the pool connects anew and retries


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the action server read while the CLI or advisor app writes; foreign keys are off
    # by default in SQLite and we rely on them for cascades.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    secure_delete(cursor)
    cursor.close()


def wipe_deleted(url: str | None = None) -> None:
    """Call after deleting personal data: SQLite then keeps none of its bytes (bot/db/sqlite_files.py)."""
    _wipe(get_engine(url))


@lru_cache(maxsize=8)
def _factory(url: str) -> sessionmaker:
    return sessionmaker(bind=get_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session: Session = _factory(url or offer_db_url())()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
