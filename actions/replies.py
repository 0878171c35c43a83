"""How an action sends what a presenter in ``bot/`` answered: each reply through ``say()`` (plain
language, the citizen's language, the one-time notices), each slot change as a ``SlotSet``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Events
from actions.wording import say
from bot.replies import Answer, Reply


def send(dispatcher: CollectingDispatcher, tracker: Tracker, replies: Iterable[Reply]) -> list[dict[str, Any]]:
    """Say ``replies`` in order; the messages of the turn so far (for a transcript of the reply)."""
    for reply in replies:
        say(dispatcher, tracker, reply.key, buttons=reply.buttons, **reply.values)
    return dispatcher.messages


def dispatch(dispatcher: CollectingDispatcher, tracker: Tracker, answer: Answer) -> Events:
    """Send the answer's replies; its slot changes as events, in the order they were made."""
    send(dispatcher, tracker, answer.replies)
    return [SlotSet(slot, value) for slot, value in answer.slots]
