"""Data protection in the chat: what we store, deletion on request, plain language on request."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.wording import say
from bot.config import load_settings
from bot.db.session import session_scope, wipe_deleted
from bot.privacy import delete_citizen
from bot.privacy.requests import request_deletion


class ActionDataProtection(Action):
    def name(self) -> str:
        return "action_data_protection"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        say(dispatcher, tracker, "data_protection", retention_days=load_settings().retention_days)
        return []


class ActionDeleteMyData(Action):
    """Deletes the callbacks and handovers stored for this conversation and restarts it.

    The answer is the same whether anything was stored or not: it must not tell whoever writes
    into a conversation (or forges a call for it) that this conversation booked a callback.
    """

    def name(self) -> str:
        return "action_delete_my_data"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        with session_scope() as session:
            delete_citizen(session, tracker.sender_id)
            request_deletion(session, tracker.sender_id)  # the conversation history, after this turn
        wipe_deleted()  # SQLite keeps no bytes of what was deleted
        say(dispatcher, tracker, "data_deleted")
        return [Restarted()]


class ActionSetPlainLanguage(Action):
    def name(self) -> str:
        return "action_set_plain_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        return [SlotSet("plain_language", True)]
