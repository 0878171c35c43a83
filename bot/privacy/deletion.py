"""A citizen's deletion request: everything stored under their conversation id goes.

The conversation id (``sender_id``) is the only key we have to a citizen, which is why the
widget shows it; the tracker store part is :func:`bot.privacy.tracker.delete_tracker_events`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import CallbackRequest, Handover
from bot.db.models_feedback import AnswerFeedback, sender_hash
from bot.privacy.records import delete_records


@dataclass(frozen=True)
class DeletionReport:
    callbacks: int
    handovers: int
    notifications: int

    @property
    def total(self) -> int:
        return self.callbacks + self.handovers + self.notifications


def delete_citizen(session: Session, sender_id: str) -> DeletionReport:
    """Delete the callbacks and handovers of one conversation id, with their queued notifications."""
    if not sender_id.strip():
        raise ValueError("leere Gesprächs-ID")
    callback_ids = list(session.execute(
        select(CallbackRequest.id).where(CallbackRequest.sender_id == sender_id)).scalars())
    handover_ids = list(session.execute(select(Handover.id).where(Handover.sender_id == sender_id)).scalars())
    notifications = delete_records(session, callback_ids, handover_ids)
    session.execute(delete(AnswerFeedback).where(AnswerFeedback.sender_hash == sender_hash(sender_id)))
    session.expire_all()
    return DeletionReport(callbacks=len(callback_ids), handovers=len(handover_ids), notifications=notifications)
