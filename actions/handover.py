"""Handover to a human: store the transcript and a structured summary, route to the right centre."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from actions.common import Events, channel_of, survives_database_errors
from actions.wording import say
from bot.centres import routing_centre
from bot.citizen_language import advisor_note, spoken_languages
from bot.config import load_settings
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from bot.edits.live import centre_facts
from bot.handover import belongs_to, create_handover, own_conversation
from bot.privacy.tracker import session_events
from bot.stats import hooks as stats
from bot.summary import ConversationSummary, summarise
from bot.transcript import reply_turns, transcript

logger = logging.getLogger(__name__)

#: Why the conversation is handed over, by the intent that triggered it.
REASONS = {"request_human": "wunsch", "complain": "frust", "affirm": "frust"}


class ActionHandover(Action):
    def name(self) -> str:
        return "action_handover"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        stored, sent = stored_session(tracker), list(tracker.events)
        # Only a call that shows it comes from this conversation hands over what is stored for it.
        own = belongs_to(stored, sent)
        conversation = own_conversation(stored, sent)
        with session_scope() as session:
            centre = routing_centre(session, tracker.get_slot("place"))
            handover = create_handover(
                session,
                sender_id=tracker.sender_id,
                channel=channel_of(tracker),
                reason=REASONS.get(intent, "fallback"),
                transcript=transcript(conversation),
                summary=summary(session, tracker, conversation, own),
                centre=centre,
            )
            contact = ""
            phone = centre_facts(centre).phone if centre else None  # as the network edited it
            if phone:
                contact = f"Sie erreichen die Beratung auch direkt: Telefon {phone}."
            say(
                dispatcher,
                tracker,
                "handover_done",
                centre_name=centre.name if centre else "die Weiterbildungsberatung",
                reference=handover.reference,
                centre_contact=contact,
            )
            has_callback = own and session.execute(
                select(CallbackRequest.id).where(
                    CallbackRequest.sender_id == tracker.sender_id, CallbackRequest.status == "neu"
                )
            ).first()
            if not has_callback:
                say(dispatcher, tracker, "handover_callback_hint")
            # The advisor reads the handover reply too: the citizen was told the reference there.
            handover.transcript = [*handover.transcript, *(asdict(t) for t in reply_turns(dispatcher.messages))]
        stats.handover(handover.reference)
        return []


def stored_session(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation's current session from the tracker store: Rasa sends only the newest part."""
    try:
        return session_events(load_settings().tracker_db_url, tracker.sender_id)
    except SQLAlchemyError:
        logger.warning("Tracker store not readable; the handover transcript has only the newest turns.")
        return []


def summary(session, tracker: Tracker, conversation: list[dict[str, Any]], own: bool) -> ConversationSummary:  # type: ignore[no-untyped-def]
    callback = own and session.execute(
        select(CallbackRequest)
        .where(CallbackRequest.sender_id == tracker.sender_id, CallbackRequest.status == "neu")
        .order_by(CallbackRequest.created_at.desc())
    ).scalars().first()
    found = summarise(session, tracker.current_slot_values(), conversation)
    if callback:  # the citizen consented to be contacted when booking the callback
        found.contact = f"{callback.name}, {callback.phone or callback.email} (Rückruf {callback.reference})"
    found.language = advisor_note(
        spoken_languages(conversation, tracker.get_slot("language")), bool(tracker.get_slot("plain_language"))
    )
    return found
