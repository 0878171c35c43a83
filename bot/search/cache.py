"""Per-database caches that notice when the offer data changes.

Search keeps two things in memory per database: the vocabulary (query understanding) and the
index snapshot (matching and filtering). Both are rebuilt when a cheap fingerprint of the data
changes: row counts and highest ids of the tables they read, and the offer version every import
and sync writes (``bump_offer_version``), so that a changed price or an ended run is seen as well
as a new course. The fingerprint is checked at most every ``RECHECK_SECONDS`` so that it never
costs a query on the hot path, and a cache older than ``MAX_AGE_SECONDS`` is rebuilt regardless,
which also catches in-place edits by hand. ``refresh()`` rebuilds at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import Course, CourseDate, DatasetInfo, Place, Topic

RECHECK_SECONDS = 5.0
MAX_AGE_SECONDS = 600.0

T = TypeVar("T")


#: DatasetInfo key of the counter that imports and syncs raise.
OFFER_VERSION = "offer_version"


def fingerprint(session: Session) -> tuple[int | str, ...]:
    """Counts and highest ids of the tables search reads and the offer version."""
    columns = []
    for model in (Course, CourseDate, Topic, Place):
        columns += [select(func.count(model.id)).scalar_subquery(), select(func.max(model.id)).scalar_subquery()]
    columns.append(select(DatasetInfo.value).where(DatasetInfo.key == OFFER_VERSION).scalar_subquery())
    return tuple(v or 0 for v in session.execute(select(*columns)).one())


def bump_offer_version(session: Session) -> None:
    """Tell every running process that the offer changed (in the caller's transaction)."""
    row = session.get(DatasetInfo, OFFER_VERSION)
    if row is None:
        session.add(DatasetInfo(key=OFFER_VERSION, value="1"))
    else:
        row.value = str(int(row.value) + 1 if row.value.isdigit() else 1)


@dataclass
class _Entry(Generic[T]):
    value: T
    fingerprint: tuple[int | str, ...]
    built_at: float
    checked_at: float


class PerDatabase(Generic[T]):
    """A value built from a database by ``builder``, cached per database URL."""

    def __init__(self, builder: Callable[[Session], T]) -> None:
        self._builder = builder
        self._entries: dict[str, _Entry[T]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(session: Session) -> str:
        return str(session.get_bind().engine.url)

    def get(self, session: Session) -> T:
        key = self._key(session)
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry.built_at < MAX_AGE_SECONDS:
            if now - entry.checked_at < RECHECK_SECONDS:
                return entry.value
            current = fingerprint(session)
            if current == entry.fingerprint:
                entry.checked_at = now
                return entry.value
        current = fingerprint(session)
        value = self._builder(session)
        with self._lock:
            self._entries[key] = _Entry(value, current, now, now)
        return value

    def refresh(self, session: Session | None = None) -> None:
        """Forget the cached value (of one database, or of all) so the next use rebuilds it."""
        with self._lock:
            if session is None:
                self._entries.clear()
            else:
                self._entries.pop(self._key(session), None)
