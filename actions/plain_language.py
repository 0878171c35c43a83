"""Plain language ("einfache Sprache") on request, and the answer just given said again plainly.

"Das war mir zu kompliziert, bitte einfacher" after the description of a programme: the
citizen asked for *that* answer in plain language, not only for the next ones.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events
from bot.kb.question import asks_more_than_plain_language

#: The answers that are said again in plain language: facts and descriptions of programmes.
SAID_AGAIN = ("action_funding_programme", "action_funding_overview")


class ActionSetPlainLanguage(Action):
    def name(self) -> str:
        return "action_set_plain_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        dispatcher.utter_message(response="utter_plain_language_on")
        events: Events = [SlotSet("plain_language", True)]
        text = str(tracker.latest_message.get("text") or "")
        earlier = None if asks_more_than_plain_language(text) else answer_before(tracker)
        if earlier is None:
            return events
        action, message = earlier
        again = Tracker(
            tracker.sender_id, {**tracker.slots, "plain_language": True}, message, tracker.events, False, None,
            tracker.active_loop, "action_listen",
        )
        return events + await ANSWERS[action]().run(dispatcher, again, domain)


def answer_before(tracker: Tracker) -> tuple[str, dict[str, Any]] | None:
    """(the action, the message it answered) of the bot's last answer, when it is one to say again."""
    users = 0
    action = None
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:  # the message before this wish
                return (action, event.get("parse_data") or {"text": event.get("text")}) if action else None
        elif users == 1 and event.get("event") == "action" and event.get("name") in SAID_AGAIN and action is None:
            action = str(event["name"])
    return None


def _answers() -> dict[str, type[Action]]:
    from actions.funding import ActionFundingOverview, ActionFundingProgramme

    return {"action_funding_programme": ActionFundingProgramme, "action_funding_overview": ActionFundingOverview}


ANSWERS = _answers()
