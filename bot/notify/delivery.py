"""Delivering due outbox messages, with exponential backoff for the ones that fail.

A message is claimed (its next attempt pushed into the future) and committed before it is
sent, so that two deliverers running at once (app process and a cron job) rarely send it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.config import NotifySettings, load_notify_settings
from bot.db.models_advisor import OutboxMessage
from bot.db.session import session_scope
from bot.notify.senders import SENDERS, DeliveryError

FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=6)
CLAIM = timedelta(minutes=5)
BATCH = 50


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int
    waiting: int


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, ... minutes after the 1st, 2nd, 3rd failure, never more than six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), MAX_RETRY)


def deliver_due(
    db_url: str | None = None, now: datetime | None = None, settings: NotifySettings | None = None
) -> DeliveryReport:
    """Send every message that is due; failures stay queued with their next attempt pushed back."""
    settings = settings or load_notify_settings()
    now = now or datetime.now()
    with session_scope(db_url) as session:
        due = session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(BATCH)
        ).scalars().all()
        for message in due:
            message.next_attempt_at = now + CLAIM
        ids = [message.id for message in due]
    sent = failed = 0
    for message_id in ids:
        with session_scope(db_url) as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.sent_at is not None:
                continue  # deleted meanwhile (retention, deletion request) or sent by another deliverer
            message.attempts += 1
            try:
                SENDERS[message.channel](message, settings)
            except DeliveryError as exc:
                message.last_error = str(exc)[:1000]
                message.next_attempt_at = now + backoff(message.attempts)
                failed += 1
            else:
                message.sent_at = now
                message.last_error = None
                sent += 1
    with session_scope(db_url) as session:
        waiting = len(session.execute(select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None))).all())
    return DeliveryReport(sent=sent, failed=failed, waiting=waiting)
