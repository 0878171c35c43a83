"""Queueing notifications for a new callback or handover, inside the bot's own transaction.

Written in the same transaction as the record: either both are stored or neither. The
messages name only the reference code and link to the inbox; contact data and transcripts
stay behind the advisors' login instead of travelling through mail servers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.config import NotifySettings, load_notify_settings
from bot.db.models import CallbackRequest, CounsellingCentre, Handover
from bot.db.models_advisor import OutboxMessage

_WORDS = {
    "callback": ("callback.created", "Neuer Rückrufwunsch", "rueckrufe", "ein neuer Rückrufwunsch"),
    "handover": ("handover.created", "Neue Übergabe aus dem Chat", "uebergaben", "eine neue Übergabe aus dem Chat"),
}


def record_kind(record: CallbackRequest | Handover) -> str:
    if isinstance(record, CallbackRequest):
        return "callback"
    if isinstance(record, Handover):
        return "handover"
    raise TypeError(f"keine Benachrichtigung für {type(record).__name__}")


def enqueue_for(
    session: Session, record: CallbackRequest | Handover, now: datetime | None = None,
    settings: NotifySettings | None = None,
) -> list[OutboxMessage]:
    """Queue the e-mail to the record's centre and the webhook call, as configured.

    Call right after creating the record (in the same session); returns the queued messages,
    an empty list when nothing is configured.
    """
    settings = settings or load_notify_settings()
    now = now or datetime.now()
    kind = record_kind(record)
    if record.id is None:
        session.flush()
    event, subject, segment, phrase = _WORDS[kind]
    centre = session.get(CounsellingCentre, record.centre_id) if record.centre_id else None
    link = f"{settings.advisor_url}/{segment}/{record.id}"
    messages = []
    recipient = (centre.email if centre and centre.email else "") or settings.fallback_to
    if settings.smtp_host and recipient:
        where = f"für {centre.name}" if centre else "ohne zugeordnete Beratungsstelle"
        body = (
            f"Guten Tag,\n\nim Weiterbildungslotsen ist {phrase} {where} eingegangen "
            f"(Referenz {record.reference}).\n\nKontaktdaten und Gesprächsverlauf finden Sie aus "
            f"Datenschutzgründen nur im Beratungspostfach:\n{link}\n\n"
            "Diese Nachricht wurde automatisch erstellt."
        )
        messages.append(_message("email", kind, record.id, recipient, f"{subject} {record.reference}", body, {}, now))
    if settings.webhook_url:
        payload = {
            "event": event, "reference": record.reference, "centre": centre.slug if centre else None,
            "created_at": record.created_at.isoformat() if record.created_at else None, "url": link,
        }
        messages.append(_message("webhook", kind, record.id, settings.webhook_url, event, "", payload, now))
    session.add_all(messages)
    session.flush()
    return messages


def _message(
    channel: str, kind: str, record_id: int, recipient: str, subject: str, body: str, payload: dict, now: datetime
) -> OutboxMessage:
    return OutboxMessage(channel=channel, record_kind=kind, record_id=record_id, recipient=recipient,
                         subject=subject, body=body, payload=payload, created_at=now, attempts=0, next_attempt_at=now)
