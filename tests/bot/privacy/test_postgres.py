"""Retention, deletion and export on PostgreSQL, the production database, with Rasa's tracker table in it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from bot.db.models import CallbackRequest, DeletionRequest, Handover
from bot.db.models_feedback import AnswerFeedback
from bot.db.session import session_scope
from bot.privacy import delete_citizen, delete_tracker_events, purge_expired, purge_tracker_events
from bot.privacy.export import export_sender
from bot.privacy.requests import process_deletion_requests, request_deletion
from tests.bot.privacy.conversations import OLAF_TRACES, T0, add_records, populate, save_conversation

pytestmark = pytest.mark.postgres


def senders(url: str) -> list[str]:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        found = sorted(connection.execute(text("SELECT DISTINCT sender_id FROM events")).scalars())
    engine.dispose()
    return found


def test_export_on_postgres_holds_one_citizen_only(postgres_url: str) -> None:
    with session_scope(postgres_url) as session:
        populate(session, postgres_url)
        document = export_sender(session, "erika-123", postgres_url, 90, now=T0 + timedelta(days=1))
    assert document["gespraechsverlauf"]["nachrichten"][0]["text"] == "Kann mich jemand anrufen?"
    assert document["rueckrufwuensche"][0]["telefon"] == "+4915123456789"
    dumped = json.dumps(document, ensure_ascii=False)
    assert [trace for trace in OLAF_TRACES if trace in dumped] == []


def test_retention_on_postgres_deletes_only_what_is_expired(postgres_url: str) -> None:
    now = T0 + timedelta(days=91)
    with session_scope(postgres_url) as session:
        add_records(session, "alt-1", "Alma Alt", "+4915123456789", "ALTALT", "alt", T0)
        add_records(session, "neu-1", "Nora Neu", "+4921511234567", "NEUNEU", "neu", T0 + timedelta(days=2))
    save_conversation(postgres_url, "alt-1", [("user", "alte Frage")], "Alma Alt", T0)
    save_conversation(postgres_url, "neu-1", [("user", "neue Frage")], "Nora Neu", T0 + timedelta(days=2))
    with session_scope(postgres_url) as session:
        report = purge_expired(session, 90, now)
        assert (report.callbacks, report.handovers, report.feedback, report.deletion_requests) == (1, 1, 1, 1)
    assert purge_tracker_events(postgres_url, report.cutoff) == 2  # the old conversation: its message and name
    with session_scope(postgres_url) as session:
        assert session.query(CallbackRequest.sender_id).scalar() == "neu-1"
        assert [h.sender_id for h in session.query(Handover)] == ["neu-1"]
        assert session.query(AnswerFeedback).count() == 1 and session.query(DeletionRequest).count() == 1
    assert senders(postgres_url) == ["neu-1"]


def test_deletion_on_postgres_now_and_after_the_turn(postgres_url: str) -> None:
    with session_scope(postgres_url) as session:
        populate(session, postgres_url)
        assert delete_citizen(session, "olaf-456").callbacks == 1
        request_deletion(session, "erika-123", now=T0)
    with session_scope(postgres_url) as session:
        assert process_deletion_requests(session, postgres_url, now=T0 + timedelta(minutes=1)) == 1
        assert session.query(CallbackRequest).count() == 0
    assert senders(postgres_url) == ["olaf-456"]
    assert delete_tracker_events(postgres_url, "olaf-456") == 2
    assert senders(postgres_url) == []
