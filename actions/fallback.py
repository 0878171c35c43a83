"""Two-stage fallback in German: "Meinten Sie …?", then "Bitte anders formulieren", then help.

These override Rasa's default actions of the same names (their built-in texts are English).
After repeated misunderstandings the bot offers a human instead of asking again and again.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events
from actions.wording import catalogue, say

#: Fallbacks in one conversation after which we offer a person instead of another "pardon?".
OFFER_HUMAN_AFTER = 2


class ActionDefaultAskAffirmation(Action):
    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        ranking = tracker.latest_message.get("intent_ranking") or []
        candidates = [i["name"] for i in ranking if i.get("name") not in ("nlu_fallback", None)]
        descriptions = catalogue()["intent_descriptions"]["text"]
        intent = next((name for name in candidates if name in descriptions), None)
        if intent is None:
            say(dispatcher, tracker, "ask_rephrase")
            return []
        say(dispatcher, tracker, "ask_affirmation", description=descriptions[intent], intent=intent)
        return []


class ActionDefaultAskRephrase(Action):
    def name(self) -> str:
        return "action_default_ask_rephrase"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        say(dispatcher, tracker, "ask_rephrase")
        return []


class ActionDefaultFallback(Action):
    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        earlier = sum(
            1 for e in tracker.events if e.get("event") == "action" and e.get("name") == "action_default_fallback"
        )
        if earlier + 1 >= OFFER_HUMAN_AFTER:
            return [UserUtteranceReverted(), FollowupAction("utter_offer_human")]
        say(dispatcher, tracker, "not_understood")
        return [UserUtteranceReverted()]
