"""How actions send the wording of ``wording/`` (loaded by :mod:`bot.wording`): plain language,
the language slot, the one-time notices, and the form questions ``action_ask_<slot>``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.wording import catalogue, render

__all__ = ["ask_action", "catalogue", "render", "say", "switched_to_plain_now"]


def say(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    key: str,
    buttons: list[dict[str, str]] | None = None,
    **values: Any,
) -> None:
    plain = bool(tracker.get_slot("plain_language"))
    language = tracker.get_slot("language")
    if plain and switched_to_plain_now(tracker):
        notice = render("plain_language_auto")
        if notice not in dispatcher.messages:  # once per turn, before the first answer
            dispatcher.utter_message(**notice)
    if language == "en" and not dispatcher.messages and not catalogue()[key].get("en"):
        # An answer that has no English text yet begins the turn: say so in English (issue 21).
        dispatcher.utter_message(**render("answer_in_german", language="en"))
    dispatcher.utter_message(**render(key, plain=plain, buttons=buttons, language=language, **values))


def _says_plain(event: dict[str, Any]) -> bool:
    entities = (event.get("parse_data") or {}).get("entities") or event.get("entities") or []
    return any(e.get("entity") == "plain_language" for e in entities)


def switched_to_plain_now(tracker: Tracker) -> bool:
    """This message switched plain language on by itself (beginner's German), and nothing before it did.

    The NLU marks such a message (components/language_detector.py); the citizen is told once.
    """
    if not _says_plain(tracker.latest_message):
        return False
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    earlier = tracker.events[: users[-1]] if users else []
    return not any(
        _says_plain(event)
        if event.get("event") == "user"
        else event.get("event") == "slot" and event.get("name") == "plain_language" and event.get("value") is True
        for event in earlier
    )


def ask_action(
    slot: str, before: Callable[[CollectingDispatcher, Tracker], list] | None = None, **values: Any
) -> type[Action]:
    """An ``action_ask_<slot>`` that asks the form question ``ask_<slot>`` from the catalogue;
    ``before`` may say something first and returns its events."""

    class AskForSlot(Action):
        def name(self) -> str:
            return f"action_ask_{slot}"

        async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
            events = before(dispatcher, tracker) if before else []
            # Slots fill the question's placeholders; "language" is say()'s own choice of wording.
            known = {k: v for k, v in tracker.current_slot_values().items() if v is not None and k != "language"}
            say(dispatcher, tracker, f"ask_{slot}", **{**known, **values})
            return events

    AskForSlot.__name__ = AskForSlot.__qualname__ = f"AskFor_{slot}"
    return AskForSlot
