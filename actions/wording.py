"""The German wording that actions send, kept as data in ``wording.yml``.

Why not domain responses: ``rasa data validate --fail-on-warnings`` (our quality gate) rejects every
response that no story or rule predicts, and messages chosen at run time by an action (form
questions, search results, error apologies) never are. So the wording lives in one reviewed YAML
file next to the actions instead, with a plain-language variant where it helps.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

WORDING_FILE = Path(__file__).with_name("wording.yml")
#: First help in other languages (actions/wording_languages.yml): the same catalogue, its own file.
WORDING_FILES = (WORDING_FILE, Path(__file__).with_name("wording_languages.yml"))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for path in WORDING_FILES:
        with path.open(encoding="utf-8") as handle:
            entries = yaml.safe_load(handle)
        twice = set(merged) & set(entries)
        if twice:
            raise ValueError(f"{path.name}: keys already in the wording catalogue: {sorted(twice)}")
        merged.update(entries)
    return merged


def render(
    key: str,
    plain: bool = False,
    buttons: list[dict[str, str]] | None = None,
    language: str | None = None,
    **values: Any,
) -> dict[str, Any]:
    """The message for ``key`` with ``values`` filled in: {"text": ..., "buttons": [...]}.

    ``buttons`` come first, before the catalogue's own: they are the choices an action found at
    run time (places, topics), the catalogue's are the standing ones. ``language`` (ISO 639-1)
    picks the entry's variant in that language where it has one, else the German text.
    """
    entry = catalogue()[key]
    if language and language != "de" and entry.get(language):
        text = entry[language]
    else:
        text = entry.get("plain") if plain and entry.get("plain") else entry["text"]
    message: dict[str, Any] = {"text": text.format(**values).strip()}
    found = list(buttons or []) + [
        {"title": (b.get(language) or b["title"]).format(**values), "payload": b["payload"].format(**values)}
        for b in entry.get("buttons") or []
    ]
    if found:
        message["buttons"] = found
    return message


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


def ask_action(slot: str, **values: Any) -> type[Action]:
    """An ``action_ask_<slot>`` that asks the form question ``ask_<slot>`` from the catalogue."""

    class AskForSlot(Action):
        def name(self) -> str:
            return f"action_ask_{slot}"

        async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
            # Slots fill the question's placeholders; "language" is say()'s own choice of wording.
            known = {k: v for k, v in tracker.current_slot_values().items() if v is not None and k != "language"}
            say(dispatcher, tracker, f"ask_{slot}", **{**known, **values})
            return []

    AskForSlot.__name__ = AskForSlot.__qualname__ = f"AskFor_{slot}"
    return AskForSlot
