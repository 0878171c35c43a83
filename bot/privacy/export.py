"""Right of access (DSGVO Art. 15): everything stored under one conversation id, as one JSON document.

The conversation id (``sender_id``) is the only key we have to a citizen (the widget shows it), so
the export collects exactly what hangs off that id: the conversation in Rasa's tracker store,
callbacks, handovers with transcript, answer ratings (stored under a hash of the id), consents
with the archived wording, deletion requests, and who-did-what on the citizen's records (when a
record was opened or its status changed; without the advisors' names, which are not the citizen's
data). The office hands the document over; field names and the header are German for that reason.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.db.models import CallbackRequest, DeletionRequest, Handover
from bot.db.models_advisor import AuditEntry, OutboxMessage, RecordView
from bot.db.models_feedback import AnswerFeedback, sender_hash
from bot.privacy.consent import consent_text
from bot.privacy.tracker import tracker_events

HEADER = (
    "Auskunft nach Art. 15 DSGVO. Dieses Dokument enthält alle Daten, die der Weiterbildungslotse "
    "unter der Gesprächs-ID „{sender_id}“ gespeichert hat: den Gesprächsverlauf mit Zeitpunkten, "
    "Rückrufwünsche, Übergaben an die Beratung mit Verlauf, Bewertungen von Antworten, Einwilligungen "
    "mit dem Wortlaut, Löschaufträge und wann Beraterinnen und Berater Ihre Vorgänge geöffnet oder "
    "bearbeitet haben. Gespeichert wird, damit der Assistent antworten und die Beratungsstelle Sie "
    "zurückrufen kann. Alles wird nach {retention_days} Tagen gelöscht, auf Wunsch früher "
    "(im Chat: „Bitte löschen Sie meine Daten“). Zeitangaben in der Ortszeit des Servers."
)
SPEAKERS = {"user": "Sie", "bot": "Assistent"}
STATUS = {"neu": "neu", "in_bearbeitung": "in Bearbeitung", "erledigt": "erledigt", "storniert": "abgesagt"}
ACTIONS = {"status": "Status geändert"}


def export_sender(
    session: Session, sender_id: str, tracker_db_url: str | None, retention_days: int, now: datetime | None = None
) -> dict[str, Any]:
    """The export document for one conversation id; nothing of any other conversation."""
    if not sender_id.strip():
        raise ValueError("leere Gesprächs-ID")
    callbacks = session.execute(
        select(CallbackRequest).where(CallbackRequest.sender_id == sender_id).order_by(CallbackRequest.created_at)
    ).scalars().all()
    handovers = session.execute(
        select(Handover).where(Handover.sender_id == sender_id).order_by(Handover.created_at)
    ).scalars().all()
    records = [Record("callback", c.id, c.reference, c.created_at) for c in callbacks]
    records += [Record("handover", h.id, h.reference, h.created_at) for h in handovers]
    return {
        "hinweis": HEADER.format(sender_id=sender_id, retention_days=retention_days),
        "gespraechs_id": sender_id,
        "erstellt_am": _iso(now or datetime.now()),
        "aufbewahrungsfrist_tage": retention_days,
        "gespraechsverlauf": _conversation(tracker_db_url, sender_id),
        "rueckrufwuensche": [_callback(c) for c in callbacks],
        "uebergaben": [_handover(h) for h in handovers],
        "einwilligungen": [_consent(c, retention_days) for c in callbacks],
        "bewertungen": _ratings(session, sender_id),
        "loeschauftraege": _deletion_requests(session, sender_id),
        "zugriffe": _accesses(session, records),
        "benachrichtigungen": _notifications(session, records),
    }


def summary_line(document: dict[str, Any]) -> str:
    """One German line for the office: what the export contains."""
    conversation = document["gespraechsverlauf"]
    messages = len(conversation["nachrichten"]) if isinstance(conversation, dict) else 0
    return (f"Gesprächs-ID {document['gespraechs_id']}: {messages} Nachrichten, "
            f"{len(document['rueckrufwuensche'])} Rückrufwünsche, {len(document['uebergaben'])} Übergaben, "
            f"{len(document['bewertungen'])} Bewertungen, {len(document['loeschauftraege'])} Löschaufträge.")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _conversation(tracker_db_url: str | None, sender_id: str) -> dict[str, Any] | str:
    if not tracker_db_url:
        return "nicht abgefragt: kein Tracker-Speicher angegeben (--tracker-db oder LOTSE_TRACKER_DB_URL)"
    messages: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    others: Counter[str] = Counter()
    for event in tracker_events(tracker_db_url, sender_id):
        kind = event.get("event")
        at = _iso(datetime.fromtimestamp(event["timestamp"])) if event.get("timestamp") is not None else None
        if kind in SPEAKERS:
            message: dict[str, Any] = {"zeit": at, "von": SPEAKERS[kind], "text": event.get("text")}
            if kind == "user" and event.get("input_channel"):
                message["kanal"] = event["input_channel"]
            if kind == "bot" and not event.get("text") and event.get("data"):
                message["inhalt"] = event["data"]  # cards, buttons without text
            if event.get("metadata"):
                message["metadaten"] = event["metadata"]
            messages.append(message)
        elif kind == "slot" and event.get("value") is not None:
            answers.append({"zeit": at, "feld": event.get("name"), "wert": event.get("value")})
        else:
            others[str(kind)] += 1
    return {"nachrichten": messages, "gespeicherte_angaben": answers,
            "technische_ereignisse": dict(sorted(others.items()))}


def _callback(c: CallbackRequest) -> dict[str, Any]:
    return {
        "vorgangsnummer": c.reference, "angelegt_am": _iso(c.created_at), "status": STATUS.get(c.status, c.status),
        "name": c.name, "telefon": c.phone, "e_mail": c.email, "wunschzeit": c.preferred_time,
        "zeitfenster_von": _iso(c.window_start), "zeitfenster_bis": _iso(c.window_end), "thema": c.topic,
        "sprache": c.language, "beratungsstelle": c.centre.name if c.centre else None, "verlauf": c.transcript or [],
    }  # fmt: skip


def _handover(h: Handover) -> dict[str, Any]:
    return {
        "vorgangsnummer": h.reference, "angelegt_am": _iso(h.created_at), "status": STATUS.get(h.status, h.status),
        "kanal": h.channel, "anlass": h.reason, "beratungsstelle": h.centre.name if h.centre else None,
        "zusammenfassung": h.summary, "verlauf": h.transcript,
    }  # fmt: skip


def _consent(c: CallbackRequest, retention_days: int) -> dict[str, Any]:
    """The consent with its archived wording, the period filled in as the bot does (current setting)."""
    archived = consent_text(c.consent_version)
    return {
        "zweck": f"Rückruf {c.reference}", "erteilt_am": _iso(c.consent_at), "textversion": c.consent_version,
        "wortlaut": archived.text.format(retention_days=retention_days) if archived
        else "Wortlaut dieser Version ist nicht hinterlegt",
        "wortlaut_einfache_sprache": archived.plain.format(retention_days=retention_days) if archived else None,
    }  # fmt: skip


def _ratings(session: Session, sender_id: str) -> list[dict[str, Any]]:
    rows = session.execute(
        select(AnswerFeedback).where(AnswerFeedback.sender_hash == sender_hash(sender_id))
        .order_by(AnswerFeedback.message_index)
    ).scalars()
    return [{"antwort_nr": r.message_index, "bewertung": r.rating, "zeit": _iso(r.rated_at)} for r in rows]


def _deletion_requests(session: Session, sender_id: str) -> list[dict[str, Any]]:
    rows = session.execute(
        select(DeletionRequest).where(DeletionRequest.sender_id == sender_id).order_by(DeletionRequest.requested_at)
    ).scalars()
    return [{"beantragt_am": _iso(r.requested_at), "ausgefuehrt_am": _iso(r.done_at)} for r in rows]


class Record(NamedTuple):
    kind: str
    id: int
    reference: str
    created_at: datetime


def _matches(model: type[Any], time: Any, records: list[Record]) -> Any:
    """Log rows about these records. Only from the record's creation on: a deleted record's id can be
    given to a new one (SQLite reuses the highest id), and the old record's log is not this citizen's."""
    return or_(*(
        and_(model.record_kind == r.kind, model.record_id == r.id, time >= r.created_at) for r in records
    ))  # fmt: skip


def _accesses(session: Session, records: list[Record]) -> list[dict[str, Any]]:
    if not records:
        return []
    reference = {(r.kind, r.id): r.reference for r in records}
    views = session.execute(select(RecordView).where(_matches(RecordView, RecordView.at, records))).scalars()
    changes = session.execute(select(AuditEntry).where(_matches(AuditEntry, AuditEntry.at, records))).scalars()
    found = [{"zeit": _iso(v.at), "vorgang": reference[(v.record_kind, v.record_id)], "art": "geöffnet"} for v in views]
    found += [
        {"zeit": _iso(a.at), "vorgang": reference[(a.record_kind, a.record_id)],
         "art": ACTIONS.get(a.action, a.action), "vorher": STATUS.get(a.old_value or "", a.old_value),
         "nachher": STATUS.get(a.new_value or "", a.new_value)}
        for a in changes
    ]  # fmt: skip
    return sorted(found, key=lambda entry: entry["zeit"] or "")


def _notifications(session: Session, records: list[Record]) -> list[dict[str, Any]]:
    if not records:
        return []
    reference = {(r.kind, r.id): r.reference for r in records}
    rows = session.execute(
        select(OutboxMessage).where(_matches(OutboxMessage, OutboxMessage.created_at, records))
        .order_by(OutboxMessage.created_at)
    ).scalars()
    return [
        {"vorgang": reference[(m.record_kind, m.record_id)], "weg": m.channel, "angelegt_am": _iso(m.created_at),
         "gesendet_am": _iso(m.sent_at),
         "empfaenger": m.recipient if m.channel == "email" else "Webhook der Stadt (Adresse nicht aufgeführt)"}
        for m in rows
    ]  # fmt: skip
