"""Removing callbacks and handovers together with the outbox messages that point at them.

Audit entries and view logs keep pointing at the deleted ids: they hold no citizen data, and
the proof of who changed or opened a record must outlive the record (accountability, Art. 5(2)).
"""

from __future__ import annotations

from sqlalchemy import and_, delete, or_
from sqlalchemy.orm import Session

from bot.db.models import CallbackRequest, Handover
from bot.db.models_advisor import OutboxMessage


def delete_records(session: Session, callback_ids: list[int], handover_ids: list[int]) -> int:
    """Delete the given records and their queued notifications; returns the outbox rows removed."""
    conditions = []
    if callback_ids:
        conditions.append(and_(OutboxMessage.record_kind == "callback", OutboxMessage.record_id.in_(callback_ids)))
    if handover_ids:
        conditions.append(and_(OutboxMessage.record_kind == "handover", OutboxMessage.record_id.in_(handover_ids)))
    if not conditions:
        return 0
    outbox = session.execute(delete(OutboxMessage).where(or_(*conditions))).rowcount or 0
    if callback_ids:
        session.execute(delete(CallbackRequest).where(CallbackRequest.id.in_(callback_ids)))
    if handover_ids:
        session.execute(delete(Handover).where(Handover.id.in_(handover_ids)))
    return outbox
