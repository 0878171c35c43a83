"""A frustrated message gets its answer, and first a sorry with the offer of a person (issue 17).

"ich hab schon dreimal gefragt und du verstehst es nicht!!! ich will nur wissen, ob …": the
question is answered as any other; the citizen also sees that a person can take over.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.wording import say
from bot.nlp.frustration import frustrated

KEY = "frustrated_offer_human"


def offer_a_person_if_frustrated(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Say sorry and offer a person once per message, before the answer, when the message is frustrated."""
    text = str(tracker.latest_message.get("text") or "")
    if text.startswith("/") or not frustrated(text):
        return
    before = len(dispatcher.messages)
    said = {str(m.get("text")) for m in dispatcher.messages}
    say(dispatcher, tracker, KEY)
    if str(dispatcher.messages[-1].get("text")) in said:  # already said in this turn
        del dispatcher.messages[before:]
