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
    feedback: int = 0

    @property
    def total(self) -> int:
        return self.callbacks + self.handovers + self.notifications + self.feedback


def delete_citizen(session: Session, sender_id: str) -> DeletionReport:
    """Delete the callbacks, handovers (with transcripts) and ratings of one conversation id.

    Queued notifications about the records go too. The conversation history in Rasa's tracker
    store is deleted separately (:func:`bot.privacy.tracker.delete_tracker_events`).
    """
    if not sender_id.strip():
        raise ValueError("leere Gesprächs-ID")
    callback_ids = list(session.execute(
        select(CallbackRequest.id).where(CallbackRequest.sender_id == sender_id)).scalars())
    handover_ids = list(session.execute(select(Handover.id).where(Handover.sender_id == sender_id)).scalars())
    notifications = delete_records(session, callback_ids, handover_ids)
    feedback = session.execute(
        delete(AnswerFeedback).where(AnswerFeedback.sender_hash == sender_hash(sender_id))).rowcount or 0
    session.expire_all()
    return DeletionReport(callbacks=len(callback_ids), handovers=len(handover_ids), notifications=notifications,
                          feedback=feedback)
