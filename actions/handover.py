"""Handover to a human: ``bot.handover.hand_over`` stores transcript and summary for the right centre."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, channel_of, survives_database_errors
from actions.replies import send
from bot.db.session import session_scope
from bot.handover import HandoverRequest, hand_over, stored_conversation
from bot.stats import hooks as stats


class ActionHandover(Action):
    def name(self) -> str:
        return "action_handover"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        request = HandoverRequest(
            sender_id=tracker.sender_id,
            channel=channel_of(tracker),
            intent=(tracker.latest_message.get("intent") or {}).get("name", ""),
            slots=tracker.current_slot_values(),
            stored=stored_session(tracker),
            sent=list(tracker.events),
        )
        with session_scope() as session:
            reference = hand_over(session, request, lambda replies: send(dispatcher, tracker, replies)).reference
        stats.handover(reference)
        return []


def stored_session(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation's current session from the tracker store: Rasa sends only the newest part."""
    return stored_conversation(tracker.sender_id)
