"""Data protection in the chat: what we store, deletion on request."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.wording import ask_action, say
from bot.config import load_settings
from bot.db.session import session_scope, wipe_deleted
from bot.nlp.yesno import read_yes_no
from bot.privacy import delete_citizen
from bot.privacy.others import asks_for_others_data, asks_whether_a_bot, asks_whether_passed_on
from bot.privacy.requests import request_deletion

#: "Soll ich wirklich alles löschen?" with the buttons "Ja, alles löschen" / "Nein, nichts löschen".
AskDeleteConfirm = ask_action("delete_confirm")


class ActionDataProtection(Action):
    def name(self) -> str:
        return "action_data_protection"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        text = str(tracker.latest_message.get("text") or "")
        if asks_whether_a_bot(text):  # "bist du ne KI und wird unser Gespräch gespeichert?": both
            say(dispatcher, tracker, "data_protection_bot")
        if asks_for_others_data(text):
            say(dispatcher, tracker, "others_data_refused")
        if asks_whether_passed_on(text):  # "… an meinen Arbeitgeber weitergegeben?": answered first
            say(dispatcher, tracker, "data_protection_passed_on")
        say(dispatcher, tracker, "data_protection", retention_days=load_settings().retention_days)
        return []


class ValidateDeleteDataForm(FormValidationAction):
    """The deletion question takes a yes or a no, from the buttons or the citizen's words.

    Anything else ("Hanna Löschmich" read as a deletion wish, a question) deletes nothing: the
    form asks the same question again with its buttons.
    """

    def name(self) -> str:
        return "validate_delete_data_form"

    async def validate_delete_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = value if isinstance(value, bool) else read_yes_no(str(value or "")[:300])
        if answer is None:
            say(dispatcher, tracker, "delete_not_understood")
        return {"delete_confirm": answer}


class ActionDeleteMyData(Action):
    """After a clear yes to the deletion question: deletes what is stored for this conversation.

    Without that yes (a no, or a call that skipped the question) nothing is deleted. The answer
    to a deletion is the same whether anything was stored or not: it must not tell whoever writes
    into a conversation (or forges a call for it) that this conversation booked a callback.
    """

    def name(self) -> str:
        return "action_delete_my_data"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if tracker.get_slot("delete_confirm") is not True:
            say(dispatcher, tracker, "data_kept")
            return [SlotSet("delete_confirm", None)]
        with session_scope() as session:
            delete_citizen(session, tracker.sender_id)
            request_deletion(session, tracker.sender_id)  # the conversation history, after this turn
        wipe_deleted()  # SQLite keeps no bytes of what was deleted
        say(dispatcher, tracker, "data_deleted")
        return [Restarted()]
