"""SQLite files with personal data: only the service may read them, and a deletion leaves no bytes behind."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db.migrate import upgrade
from bot.db.models import CallbackRequest, CounsellingCentre, Region
from bot.db.session import get_engine, session_scope, wipe_deleted
from bot.privacy import delete_citizen, delete_tracker_events
from stores.tracker_store import WindowedSQLTrackerStore
from tests.stores.test_tracker_store import DOMAIN

#: A name that occurs nowhere else in the files, so finding its bytes means finding the record.
NAME = "Hanna Unverwechselbar-Qx7"


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what most systems use: files 0644 unless created otherwise
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def files_of(database: Path) -> list[Path]:
    return [p for p in (database, Path(f"{database}-wal"), Path(f"{database}-shm")) if p.exists()]


def bytes_of(database: Path) -> bytes:
    return b"".join(p.read_bytes() for p in files_of(database))


def add_callback(db_url: str, sender: str) -> None:
    with session_scope(db_url) as s:
        centre = CounsellingCentre(region=Region(slug="kr", name="Krefeld", state="NW"), slug="vhs", name="VHS",
                                   kind="vhs")
        s.add(CallbackRequest(reference="WL-ABC123", sender_id=sender, centre=centre, name=NAME,
                              phone="+4921511234567", preferred_time="", topic="", consent_at=datetime.now(),
                              consent_version="v1", status="neu", created_at=datetime.now()))


def test_the_offer_database_is_created_for_the_service_only(tmp_path: Path) -> None:
    database = tmp_path / "neu" / "offers.sqlite3"
    url = f"sqlite:///{database}"
    upgrade(url)
    add_callback(url, "s-1")
    assert mode(database.parent) == 0o700
    assert [mode(p) for p in files_of(database)] == [0o600] * len(files_of(database))
    assert len(files_of(database)) == 3  # with the WAL and its index, which take the file's mode


def test_an_existing_readable_database_is_closed_to_others(tmp_path: Path) -> None:
    database = tmp_path / "alt.sqlite3"
    database.touch(mode=0o644)
    get_engine(f"sqlite:///{database}")
    assert mode(database) == 0o600


def test_a_deleted_callback_leaves_no_bytes_in_the_database_or_its_log(tmp_path: Path) -> None:
    database = tmp_path / "offers.sqlite3"
    url = f"sqlite:///{database}"
    upgrade(url)
    add_callback(url, "s-1")
    assert NAME.encode() in bytes_of(database)
    with session_scope(url) as s:
        assert delete_citizen(s, "s-1").callbacks == 1
    wipe_deleted(url)
    assert NAME.encode() not in bytes_of(database)


def test_the_tracker_store_is_for_the_service_only_and_a_deleted_conversation_is_gone(tmp_path: Path) -> None:
    database = tmp_path / "rasa" / "tracker.sqlite3"
    store = WindowedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(database))
    try:
        tracker = DialogueStateTracker.from_events("s-1", [UserUttered(f"Ich heiße {NAME}"), SlotSet("name", NAME)])
        asyncio.run(store.save(tracker))
        assert mode(database.parent) == 0o700 and {mode(p) for p in files_of(database)} == {0o600}
        assert NAME.encode() in bytes_of(database)
        assert delete_tracker_events(f"sqlite:///{database}", "s-1") > 0
        assert NAME.encode() not in bytes_of(database)
    finally:
        store.engine.dispose()
