"""Handing a conversation to a human advisor with what they need to act without re-asking."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.db.models import CounsellingCentre, Handover
from bot.notify.outbox import enqueue_for
from bot.reference import unused_reference


@dataclass(frozen=True)
class Turn:
    who: str  # "citizen" or "bot"
    text: str
    at: str  # ISO timestamp


@dataclass
class HandoverSummary:
    topic: str | None = None
    place: str | None = None
    programmes: list[str] = field(default_factory=list)
    eligibility: list[str] = field(default_factory=list)
    contact: str | None = None  # only when the citizen consented to give it


def create_handover(
    session: Session,
    sender_id: str,
    channel: str,
    reason: str,
    transcript: list[Turn],
    summary: HandoverSummary,
    centre: CounsellingCentre | None,
    now: datetime | None = None,
) -> Handover:
    handover = Handover(
        reference=unused_reference(session, Handover),
        sender_id=sender_id,
        channel=channel,
        centre_id=centre.id if centre else None,
        reason=reason,
        summary=asdict(summary),
        transcript=[asdict(t) for t in transcript],
        status="neu",
        created_at=now or datetime.now(),
    )
    session.add(handover)
    session.flush()
    enqueue_for(session, handover)  # same transaction: no handover without its notification
    return handover

