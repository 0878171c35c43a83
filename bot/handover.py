"""Handing a conversation to a human advisor with what they need to act without re-asking."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.db.models import CounsellingCentre, Handover
from bot.notify.outbox import enqueue_for
from bot.reference import unused_reference
from bot.summary import ConversationSummary
from bot.transcript import Turn

Event = dict[str, Any]


def _key(event: Event) -> tuple[Any, float, Any]:
    """One event, recognisable in the tracker store and in what Rasa sent (timestamps to the ms)."""
    return event.get("event"), round(float(event.get("timestamp") or 0), 3), event.get("text")


def belongs_to(stored: list[Event], sent: list[Event]) -> bool:
    """Whether an action call comes from the stored conversation it names.

    Rasa sends the action server the newest part of the stored conversation plus this turn, so
    the newest stored event is among the sent ones. A forged tracker that names another citizen's
    id does not know it. With nothing stored there is nothing to prove, and nothing to hand over.
    """
    return bool(stored) and _key(stored[-1]) in {_key(e) for e in sent}


def own_conversation(stored: list[Event], sent: list[Event]) -> list[Event]:
    """The conversation to hand over: the stored session, then what Rasa sent that is not stored yet.

    A call that does not belong to the stored conversation gets only the events it brought itself.
    """
    if stored and not belongs_to(stored, sent):
        return list(sent)
    stored_keys = {_key(e) for e in stored}
    return stored + [e for e in sent if _key(e) not in stored_keys]


def create_handover(
    session: Session,
    sender_id: str,
    channel: str,
    reason: str,
    transcript: list[Turn],
    summary: ConversationSummary,
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

