"""Handing a conversation to a human advisor with what they need to act without re-asking."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.centres import routing_centre
from bot.citizen_language import advisor_note, spoken_languages
from bot.config import load_settings
from bot.db.models import CallbackRequest, CounsellingCentre, Handover
from bot.edits.live import centre_facts
from bot.notify.outbox import enqueue_for
from bot.privacy.tracker import session_events
from bot.reference import unused_reference
from bot.replies import Reply, reply
from bot.summary import ConversationSummary, summarise
from bot.transcript import Turn, reply_turns, transcript
from bot.wording import text

logger = logging.getLogger(__name__)

Event = dict[str, Any]
#: Sends the replies in the conversation and returns every message of the turn so far (the action's).
Send = Callable[[list[Reply]], list[dict[str, Any]]]

#: Why the conversation is handed over, by the intent that triggered it.
REASONS = {"request_human": "wunsch", "complain": "frust", "affirm": "frust"}


@dataclass(frozen=True)
class HandoverRequest:
    """A citizen's wish for a person, as the action server received it.

    ``sent`` are the events Rasa sent with the call (the newest part of the conversation),
    ``stored`` the conversation's session in the tracker store (``stored_conversation``).
    """

    sender_id: str
    channel: str
    intent: str
    slots: Mapping[str, Any]
    stored: list[Event]
    sent: list[Event]


def stored_conversation(sender_id: str) -> list[Event]:
    """The conversation's current session from the tracker store; [] when it cannot be read."""
    try:
        return session_events(load_settings().tracker_db_url, sender_id)
    except SQLAlchemyError:
        logger.warning("Tracker store not readable; the handover transcript has only the newest turns.")
        return []


def hand_over(session: Session, request: HandoverRequest, send: Send) -> Handover:
    """Store the handover with transcript and summary for the centre of the citizen's place, tell
    the citizen its reference (and offer a callback when none is open), and add that reply to the
    transcript: the advisor reads it too, the citizen was told the reference there."""
    # Only a call that shows it comes from this conversation hands over what is stored for it.
    own = belongs_to(request.stored, request.sent)
    conversation = own_conversation(request.stored, request.sent)
    centre = routing_centre(session, request.slots.get("place"))
    callback = open_callback(session, request.sender_id) if own else None
    handover = create_handover(
        session,
        sender_id=request.sender_id,
        channel=request.channel,
        reason=REASONS.get(request.intent, "fallback"),
        transcript=transcript(conversation),
        summary=handover_summary(session, request.slots, conversation, callback),
        centre=centre,
    )
    messages = send(handover_replies(handover, centre, has_callback=callback is not None,
                                     language=request.slots.get("language")))
    handover.transcript = [*handover.transcript, *(asdict(t) for t in reply_turns(messages))]
    return handover


def handover_replies(handover: Handover, centre: CounsellingCentre | None, has_callback: bool,
                     language: str | None = None) -> list[Reply]:
    """The reference and where it went, the centre's number as the network edited it, and the
    offer of a callback when the citizen has none open (else the advisors could not reach them)."""
    phone = centre_facts(centre).phone if centre else None
    replies = [reply(
        "handover_done",
        centre_name=centre.name if centre else text("handover_centre_default", language=language),
        reference=handover.reference,
        centre_contact=text("handover_centre_phone", language=language, phone=phone) if phone else "",
    )]
    if not has_callback:
        replies.append(reply("handover_callback_hint"))
    return replies


def open_callback(session: Session, sender_id: str) -> CallbackRequest | None:
    """The conversation's newest callback that no advisor has taken up yet."""
    return session.execute(
        select(CallbackRequest)
        .where(CallbackRequest.sender_id == sender_id, CallbackRequest.status == "neu")
        .order_by(CallbackRequest.created_at.desc())
    ).scalars().first()


def handover_summary(session: Session, slots: Mapping[str, Any], conversation: list[Event],
                     callback: CallbackRequest | None) -> ConversationSummary:
    found = summarise(session, slots, conversation)
    if callback is not None:  # the citizen consented to be contacted when booking the callback
        found.contact = text("handover_contact_from_callback", name=callback.name,
                             contact=callback.phone or callback.email, reference=callback.reference)
    found.language = advisor_note(spoken_languages(conversation, slots.get("language")),
                                  bool(slots.get("plain_language")))
    return found


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

