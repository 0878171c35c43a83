"""In-chat deletion requests: recorded during the conversation, executed after the turn is saved."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import DeletionRequest
from bot.privacy.deletion import delete_citizen
from bot.privacy.tracker import delete_tracker_events

#: Rasa saves a turn right after the last action; this margin makes sure it has.
SETTLE = timedelta(seconds=20)


def request_deletion(session: Session, sender_id: str, now: datetime | None = None) -> DeletionRequest:
    request = DeletionRequest(sender_id=sender_id, requested_at=now or datetime.now())
    session.add(request)
    session.flush()
    return request


def due_deletion_requests(session: Session, now: datetime, settle: timedelta = SETTLE) -> list[DeletionRequest]:
    """Open requests old enough that Rasa has saved the turn in which they were made."""
    return list(session.execute(
        select(DeletionRequest).where(DeletionRequest.done_at.is_(None), DeletionRequest.requested_at <= now - settle)
    ).scalars())


def process_deletion_requests(
    session: Session, tracker_db_url: str, now: datetime | None = None, settle: timedelta = SETTLE
) -> int:
    """Carry out the open requests older than ``settle``; returns how many were done."""
    now = now or datetime.now()
    due = due_deletion_requests(session, now, settle)
    for request in due:
        delete_tracker_events(tracker_db_url, request.sender_id)
        delete_citizen(session, request.sender_id)  # anything stored since the request, too
        request.done_at = now
    return len(due)
