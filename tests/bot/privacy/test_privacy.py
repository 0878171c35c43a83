"""Retention and deletion requests remove citizens' data, and only theirs."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select
from sqlalchemy.orm import Session

from bot.cli import main
from bot.db.models import Advisor, CallbackRequest, CounsellingCentre, Handover, Region
from bot.db.models_advisor import AuditEntry, OutboxMessage
from bot.db.session import session_scope
from bot.privacy import delete_citizen, delete_tracker_events, purge_expired, purge_tracker_events

NOW = datetime(2026, 11, 23, 3, 0)


def _add(session: Session, sender: str, ref: str, created: datetime) -> tuple[CallbackRequest, Handover]:
    centre = session.execute(select(CounsellingCentre)).scalar_one_or_none()
    if centre is None:
        centre = CounsellingCentre(region=Region(slug="kr", name="Krefeld", state="NW"), slug="vhs", name="VHS",
                                   kind="vhs")
    callback = CallbackRequest(reference=f"WL-C{ref}", sender_id=sender, centre=centre, name="Erika",
                               phone="+4921511234567", preferred_time="", topic="", consent_at=created,
                               consent_version="v1", status="neu", created_at=created)
    handover = Handover(reference=f"WL-H{ref}", sender_id=sender, centre=centre, reason="wunsch", summary={},
                        transcript=[{"who": "citizen", "text": "Hallo", "at": created.isoformat()}],
                        status="erledigt", created_at=created)
    session.add_all([callback, handover])
    session.flush()
    session.add(OutboxMessage(channel="email", record_kind="callback", record_id=callback.id, recipient="a@b.de",
                              subject="s", body="b", payload={}, created_at=created, next_attempt_at=created))
    return callback, handover


def _count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_purge_deletes_records_older_than_the_retention_period_only(session: Session) -> None:
    _add(session, "alt", "OLD234", NOW - timedelta(days=91))
    _add(session, "neu", "NEW234", NOW - timedelta(days=89))
    report = purge_expired(session, 90, NOW)
    assert (report.callbacks, report.handovers, report.notifications) == (1, 1, 1)
    assert session.execute(select(CallbackRequest.reference)).scalars().all() == ["WL-CNEW234"]
    assert session.execute(select(Handover.reference)).scalars().all() == ["WL-HNEW234"]
    assert _count(session, OutboxMessage) == 1


def test_dry_run_counts_but_deletes_nothing(session: Session) -> None:
    _add(session, "alt", "OLD234", NOW - timedelta(days=200))
    report = purge_expired(session, 90, NOW, dry_run=True)
    assert (report.callbacks, report.handovers) == (1, 1)
    assert _count(session, CallbackRequest) == 1 and _count(session, Handover) == 1


def test_audit_log_survives_the_record_it_talks_about(session: Session) -> None:
    callback, _ = _add(session, "alt", "OLD234", NOW - timedelta(days=100))
    advisor = Advisor(centre_id=callback.centre_id, name="Anna", email="anna@example.org")
    session.add(advisor)
    session.flush()
    session.add(AuditEntry(at=NOW, advisor_id=advisor.id, advisor_email=advisor.email, action="status",
                           record_kind="callback", record_id=callback.id, old_value="neu", new_value="erledigt"))
    purge_expired(session, 90, NOW)
    assert _count(session, CallbackRequest) == 0 and _count(session, AuditEntry) == 1


def test_deletion_request_removes_one_citizen_and_nobody_else(session: Session) -> None:
    _add(session, "erika-123", "ERI234", NOW)
    _add(session, "erika-123", "ERI345", NOW - timedelta(days=3))
    _add(session, "olaf-456", "OLA234", NOW)
    report = delete_citizen(session, "erika-123")
    assert (report.callbacks, report.handovers, report.notifications, report.feedback) == (2, 2, 2, 0)
    assert session.execute(select(CallbackRequest.sender_id)).scalars().all() == ["olaf-456"]
    assert session.execute(select(Handover.sender_id)).scalars().all() == ["olaf-456"]
    assert delete_citizen(session, "erika-123").total == 0


@pytest.fixture()
def tracker_url(tmp_path: Path) -> str:
    """A tracker database with the table Rasa's own SQLTrackerStore creates (not a copy of it)."""
    tracker_store = pytest.importorskip("rasa.core.tracker_store", reason="Rasa ist nicht installiert")
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(url, future=True)
    table = tracker_store.SQLTrackerStore.SQLEvent.__table__
    table.create(engine)
    rows = [("erika-123", NOW - timedelta(days=100)), ("erika-123", NOW), ("olaf-456", NOW - timedelta(days=100))]
    with engine.begin() as connection:
        for sender, at in rows:
            connection.execute(insert(table).values(sender_id=sender, type_name="user", timestamp=at.timestamp(),
                                                    data="{}"))
    engine.dispose()
    return url


def _senders(url: str) -> list[str]:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        senders = sorted(connection.exec_driver_sql("SELECT sender_id FROM events").scalars())
    engine.dispose()
    return senders


def test_tracker_events_of_one_conversation_are_deleted(tracker_url: str) -> None:
    assert delete_tracker_events(tracker_url, "erika-123") == 2
    assert _senders(tracker_url) == ["olaf-456"]


def test_old_tracker_events_are_purged(tracker_url: str) -> None:
    assert purge_tracker_events(tracker_url, NOW - timedelta(days=90)) == 2
    assert _senders(tracker_url) == ["erika-123"]


def test_tracker_database_without_conversations_is_fine(tmp_path: Path) -> None:
    assert delete_tracker_events(f"sqlite:///{tmp_path / 'leer.db'}", "erika-123") == 0


def test_cli_purge_and_delete(db_url: str, tracker_url: str, capsys: pytest.CaptureFixture) -> None:
    with session_scope(db_url) as s:
        _add(s, "erika-123", "ERI234", datetime.now() - timedelta(days=400))
        _add(s, "olaf-456", "OLA234", datetime.now())
    assert main(["--db", db_url, "privacy", "purge", "--dry-run", "--tracker-db", tracker_url]) == 0
    out = capsys.readouterr().out
    assert "1 Rückrufwünsche und 1 Übergaben (mit Gesprächsverlauf), 0 Bewertungen und 0 erledigte " \
           "Löschaufträge würden gelöscht" in out
    assert "Tracker-Speicher: 2 Ereignisse würden gelöscht" in out
    assert _senders(tracker_url) == ["erika-123", "erika-123", "olaf-456"]  # a dry run deletes nothing
    assert main(["--db", db_url, "privacy", "purge", "--days", "30", "--tracker-db", tracker_url]) == 0
    out = capsys.readouterr().out
    assert "1 Rückrufwünsche und 1 Übergaben (mit Gesprächsverlauf)" in out and "2 Ereignisse gelöscht" in out
    assert main(["--db", db_url, "privacy", "delete", "olaf-456", "--tracker-db", tracker_url]) == 0
    assert "1 Rückrufwünsche, 1 Übergaben, 0 Bewertungen" in capsys.readouterr().out
    with session_scope(db_url) as s:
        assert _count(s, CallbackRequest) == 0


@pytest.mark.parametrize("args", [["purge", "--days", "0"], ["delete", " "]])
def test_cli_mistakes_are_explained_without_a_traceback(
    db_url: str, args: list[str], capsys: pytest.CaptureFixture
) -> None:
    """ "--days 0" once purged silently with the default 90 days."""
    assert main(["--db", db_url, "privacy", *args]) == 2
    assert capsys.readouterr().err.startswith("Fehler: ")


def test_purge_deletes_old_ratings_and_old_finished_deletion_requests(session: Session) -> None:
    from bot.db.models import DeletionRequest
    from bot.db.models_feedback import AnswerFeedback, sender_hash

    for index, age in enumerate((91, 89)):
        session.add(AnswerFeedback(sender_hash=sender_hash("erika-123"), message_index=index, rating="up",
                                   rated_at=NOW - timedelta(days=age)))
    old, recent = NOW - timedelta(days=95), NOW - timedelta(days=5)
    session.add_all([
        DeletionRequest(sender_id="alt-erledigt", requested_at=old, done_at=old),
        DeletionRequest(sender_id="neu-erledigt", requested_at=recent, done_at=recent),
        DeletionRequest(sender_id="alt-offen", requested_at=old),  # not carried out yet: must stay
    ])
    assert purge_expired(session, 90, NOW, dry_run=True).feedback == 1
    report = purge_expired(session, 90, NOW)
    assert (report.feedback, report.deletion_requests) == (1, 1)
    assert [f.message_index for f in session.query(AnswerFeedback)] == [1]
    assert sorted(r.sender_id for r in session.query(DeletionRequest)) == ["alt-offen", "neu-erledigt"]


def test_in_chat_request_is_carried_out_after_the_turn_is_saved(session: Session, tracker_url: str) -> None:
    from bot.privacy.requests import process_deletion_requests, request_deletion

    _add(session, "erika-123", "WL-AAAAA2", NOW)
    request_deletion(session, "erika-123", now=NOW)
    assert process_deletion_requests(session, tracker_url, now=NOW + timedelta(seconds=5)) == 0  # turn not saved yet
    assert _senders(tracker_url) == ["erika-123", "erika-123", "olaf-456"]
    assert process_deletion_requests(session, tracker_url, now=NOW + timedelta(minutes=1)) == 1
    assert _senders(tracker_url) == ["olaf-456"]
    assert _count(session, CallbackRequest) == 0
    assert process_deletion_requests(session, tracker_url, now=NOW + timedelta(minutes=2)) == 0  # done once


def test_erasure_also_removes_the_ratings_of_that_conversation(session: Session) -> None:
    from bot.db.models_feedback import AnswerFeedback, sender_hash

    session.add(AnswerFeedback(sender_hash=sender_hash("erika-123"), message_index=1, rating="up", rated_at=NOW))
    session.add(AnswerFeedback(sender_hash=sender_hash("olaf-456"), message_index=1, rating="down", rated_at=NOW))
    assert delete_citizen(session, "erika-123").feedback == 1
    assert [f.sender_hash for f in session.query(AnswerFeedback)] == [sender_hash("olaf-456")]
