"""Two citizens' records and stored conversations, as the privacy tests need them."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bot.db.models import Advisor, CallbackRequest, CounsellingCentre, DeletionRequest, Handover, Region
from bot.db.models_advisor import AuditEntry, OutboxMessage, RecordView
from bot.db.models_feedback import AnswerFeedback, sender_hash

T0 = datetime(2026, 11, 20, 9, 0)
NOW = datetime(2026, 11, 23, 3, 0)
OLAF_TRACES = ["olaf-456", "Olaf Otto", "+4921511234567", "Olafs geheime Frage", "WL-OLAF22", sender_hash("olaf-456")]


def save_conversation(tracker_url: str, sender_id: str, turns: list[tuple[str, str]], name: str, at: datetime) -> None:
    """Store a conversation through Rasa's own SQLTrackerStore, as the running bot would."""
    events_module = pytest.importorskip("rasa.shared.core.events", reason="Rasa ist nicht installiert")
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    events, moment = [], at.timestamp()
    for who, text in turns:
        moment += 5
        if who == "user":
            events.append(events_module.UserUttered(text, {"name": "request_callback"}, timestamp=moment,
                                                    input_channel="socketio"))
        else:
            events.append(events_module.BotUttered(text, timestamp=moment))
    events.append(events_module.SlotSet("callback_name", name, timestamp=moment + 1))
    url = make_url(tracker_url)
    store = SQLTrackerStore(Domain.empty(), dialect=url.get_backend_name(), host=url.host, port=url.port,
                            db=url.database, username=url.username, password=url.password)
    asyncio.run(store.save(DialogueStateTracker.from_events(sender_id, events)))
    store.engine.dispose()


def add_records(session: Session, sender: str, name: str, phone: str, ref: str, question: str, at: datetime) -> None:
    """A callback and a handover of one citizen, with rating, notification, deletion request and logs."""
    centre = session.query(CounsellingCentre).first() or CounsellingCentre(
        region=Region(slug="krefeld", name="Krefeld", state="NW"), slug="vhs-krefeld", name="VHS Krefeld", kind="vhs")
    if centre.id is None:
        session.add(centre)
        session.flush()
    advisor = session.query(Advisor).first() or Advisor(centre_id=centre.id, name="Anna Beraterin",
                                                         email="anna@vhs.example")
    callback = CallbackRequest(reference=f"WL-{ref}", sender_id=sender, centre=centre, name=name, phone=phone,
                               preferred_time="Dienstag vormittags", topic="Pflege", consent_at=at,
                               consent_version="2026-11-v1", status="neu", created_at=at)
    handover = Handover(reference=f"WL-H{ref[1:]}", sender_id=sender, channel="socketio", centre=centre,
                        reason="wunsch", summary={"topic": "Pflege", "contact": f"{name}, {phone}"},
                        transcript=[{"who": "citizen", "text": question, "at": at.isoformat()}],
                        status="neu", created_at=at)
    session.add_all([advisor, callback, handover])
    session.flush()
    session.add_all([
        OutboxMessage(channel="email", record_kind="callback", record_id=callback.id, recipient="vhs@krefeld.example",
                      subject=f"Neuer Rückrufwunsch WL-{ref}", body="…", payload={}, created_at=at, next_attempt_at=at,
                      sent_at=at + timedelta(minutes=1)),
        AnswerFeedback(sender_hash=sender_hash(sender), message_index=1, rating="up", rated_at=at),
        DeletionRequest(sender_id=sender, requested_at=at, done_at=at + timedelta(minutes=1)),
        RecordView(at=at + timedelta(hours=1), advisor_id=advisor.id, advisor_email=advisor.email,
                   record_kind="callback", record_id=callback.id),
        AuditEntry(at=at + timedelta(hours=2), advisor_id=advisor.id, advisor_email=advisor.email, action="status",
                   record_kind="callback", record_id=callback.id, old_value="neu", new_value="in_bearbeitung"),
    ])  # fmt: skip
    session.flush()


def populate(session: Session, tracker_url: str) -> None:
    add_records(session, "erika-123", "Erika Mustermann", "+4915123456789", "ERIKA2", "Wie geht Umschulung?", T0)
    add_records(session, "olaf-456", "Olaf Otto", "+4921511234567", "OLAF22", "Olafs geheime Frage", T0)
    erika = [("user", "Kann mich jemand anrufen?"), ("bot", "Wie heißen Sie?"), ("user", "Erika Mustermann")]
    save_conversation(tracker_url, "erika-123", erika, "Erika Mustermann", T0)
    save_conversation(tracker_url, "olaf-456", [("user", "Olafs geheime Frage")], "Olaf Otto", T0)
