"""The retention job: personal data older than ``retention_days`` is deleted.

Meant for a daily scheduler (``lotse privacy purge``). Age counts from when the record was
created, whatever its status: an open request that nobody touched for the whole period must not
stay forever either. What goes: callbacks, handovers with their transcripts (and the queued
notifications about both), answer ratings, and deletion requests carried out before the cutoff
(kept until then as proof that the request was honoured). Expired login sessions and old
login-throttle rows go at the same time. The Rasa tracker store is purged separately
(:func:`bot.privacy.tracker.purge_tracker_events`), because it may live in another database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db.models import CallbackRequest, DeletionRequest, Handover
from bot.db.models_advisor import AdvisorSession, LoginThrottle
from bot.db.models_feedback import AnswerFeedback
from bot.privacy.records import delete_records

#: Throttle rows this old carry no information any more (failures are forgotten after a day).
THROTTLE_KEEP = timedelta(days=2)


@dataclass(frozen=True)
class PurgeReport:
    cutoff: datetime
    callbacks: int
    handovers: int
    notifications: int
    feedback: int
    deletion_requests: int
    dry_run: bool


def purge_expired(session: Session, retention_days: int, now: datetime, dry_run: bool = False) -> PurgeReport:
    if retention_days < 1:
        raise ValueError("Die Aufbewahrungsfrist muss mindestens einen Tag betragen.")
    cutoff = now - timedelta(days=retention_days)
    callback_ids = list(session.execute(
        select(CallbackRequest.id).where(CallbackRequest.created_at < cutoff)).scalars())
    handover_ids = list(session.execute(select(Handover.id).where(Handover.created_at < cutoff)).scalars())
    old_feedback = AnswerFeedback.rated_at < cutoff
    done_requests = DeletionRequest.done_at.is_not(None) & (DeletionRequest.done_at < cutoff)
    feedback = session.execute(select(func.count()).select_from(AnswerFeedback).where(old_feedback)).scalar_one()
    requests = session.execute(select(func.count()).select_from(DeletionRequest).where(done_requests)).scalar_one()
    notifications = 0
    if not dry_run:
        notifications = delete_records(session, callback_ids, handover_ids)
        session.execute(delete(AnswerFeedback).where(old_feedback))
        session.execute(delete(DeletionRequest).where(done_requests))
        session.execute(delete(AdvisorSession).where(AdvisorSession.expires_at <= now))
        session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - THROTTLE_KEEP))
        session.expire_all()
    return PurgeReport(cutoff=cutoff, callbacks=len(callback_ids), handovers=len(handover_ids),
                       notifications=notifications, feedback=feedback, deletion_requests=requests, dry_run=dry_run)
