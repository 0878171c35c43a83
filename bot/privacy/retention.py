"""The retention job: callbacks and handover transcripts older than ``retention_days`` are deleted.

Meant for a daily scheduler (``lotse privacy purge``). Age counts from when the record was
created, whatever its status: an open request that nobody touched for the whole period must not
stay forever either. Expired login sessions and old login-throttle rows go at the same time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import CallbackRequest, Handover
from bot.db.models_advisor import AdvisorSession, LoginThrottle
from bot.privacy.records import delete_records

#: Throttle rows this old carry no information any more (failures are forgotten after a day).
THROTTLE_KEEP = timedelta(days=2)


@dataclass(frozen=True)
class PurgeReport:
    cutoff: datetime
    callbacks: int
    handovers: int
    notifications: int
    dry_run: bool


def purge_expired(session: Session, retention_days: int, now: datetime, dry_run: bool = False) -> PurgeReport:
    if retention_days < 1:
        raise ValueError("Die Aufbewahrungsfrist muss mindestens einen Tag betragen.")
    cutoff = now - timedelta(days=retention_days)
    callback_ids = list(session.execute(
        select(CallbackRequest.id).where(CallbackRequest.created_at < cutoff)).scalars())
    handover_ids = list(session.execute(select(Handover.id).where(Handover.created_at < cutoff)).scalars())
    notifications = 0
    if not dry_run:
        notifications = delete_records(session, callback_ids, handover_ids)
        session.execute(delete(AdvisorSession).where(AdvisorSession.expires_at <= now))
        session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - THROTTLE_KEEP))
        session.expire_all()
    return PurgeReport(cutoff=cutoff, callbacks=len(callback_ids), handovers=len(handover_ids),
                       notifications=notifications, dry_run=dry_run)
