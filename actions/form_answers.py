"""An answer a form understood is the answer, whatever intent the NLU gave the message.

"keine Ahnung" to a question of the eligibility check was classified as ``complain`` (and got
the handover offer, again and again), "beruflich, eine Linux-Zertifizierung" as a FAQ (and got the
AZAV text, again and again), a phone number said in words as ``complain``. The rules for
digressions inside forms fire on the intent alone. This action runs inside Rasa's slot
extraction (a ``custom`` mapping of the asked slot, ``domain.yml``) and says, with the slot
``form_answer``, that the message answers the asked question; ``components/form_answer_policy.py``
then continues the form instead of the digression. A message that does not answer the question is
left to the NLU and the rules as before; so are the ways out of a form ("abbrechen", "Mensch").
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events
from actions.eligibility import answers_the_question
from bot.contact import parse_contact
from bot.nlp.dontknow import says_dont_know

#: Intents that leave a form even when the words could be read as an answer.
WAYS_OUT = frozenset({"stop", "restart", "request_human", "request_data_deletion", "choose_language"})
#: Intents of a real question: a message ending in "?" with one of them is asked, not answered.
QUESTIONS = frozenset({"faq", "ask_funding_programme", "ask_funding_overview", "bot_challenge"})
MARKER = "form_answer"


class ActionReadFormAnswer(Action):
    def name(self) -> str:
        return "action_read_form_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        slot = tracker.get_slot("requested_slot")
        text = str(tracker.latest_message.get("text") or "").strip()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if not slot or not text or text.startswith("/") or intent in WAYS_OUT:
            return []
        if intent in QUESTIONS and text.endswith("?") and not says_dont_know(text):
            return []
        if not answers(slot, text, tracker):
            return []
        return [SlotSet(slot, text), SlotSet(MARKER, slot)]


def answers(slot: str, text: str, tracker: Tracker) -> bool:
    """Whether ``text`` answers the form's question for ``slot`` (read by that question's own parser)."""
    if slot == "callback_contact":
        return parse_contact(text[:300]) is not None
    if slot == "eligibility_answer":
        return answers_the_question(tracker, text)
    return False
