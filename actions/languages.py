"""First help in the citizen's language, and the citizen's choice of language.

The NLU component (components/language_detector.py) sets the ``language`` entity, which the
``language`` slot maps from, and the intent ``first_help`` or ``choose_language``. These actions
only pick the wording: the texts live in wording/first_help.yml.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events
from actions.wording import catalogue, render
from bot.nlp.language import SUPPORTED


def language_of(tracker: Tracker) -> str:
    """The language of this turn: the entity the message carries, else the slot, else German."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "language" and entity.get("value") in SUPPORTED:
            return str(entity["value"])
    slot = tracker.get_slot("language")
    return slot if slot in SUPPORTED else "de"


def first_help(dispatcher: CollectingDispatcher, tracker: Tracker, language: str) -> Events:
    """The first-help text in ``language``; the short one when it was shown in that language before."""
    shown = list(tracker.get_slot("first_help_shown") or [])
    key = "first_help_again" if language in shown else "first_help"
    if not catalogue()[key].get(language):
        language = "de"
    dispatcher.utter_message(**render(key, language=language))
    return [SlotSet("language", language), SlotSet("first_help_shown", sorted({*shown, language}))]


class ActionFirstHelp(Action):
    """A message in English, Arabic, Ukrainian, Russian, Turkish, Farsi/Dari or Chinese."""

    def name(self) -> str:
        return "action_first_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        return first_help(dispatcher, tracker, language_of(tracker))


class ActionChooseLanguage(Action):
    """ "Deutsch bitte", "English please", "auf Arabisch", or a language button."""

    def name(self) -> str:
        return "action_choose_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        language = language_of(tracker)
        if (tracker.active_loop or {}).get("name") and language in ("de", "en"):
            # Inside a form: a short yes, then the form asks its question again in that language.
            dispatcher.utter_message(**render("language_switched", language=language))
            return [SlotSet("language", language)]
        if language == "de":
            plain = bool(tracker.get_slot("plain_language"))
            dispatcher.utter_message(**render("language_german", plain=plain))
            return [SlotSet("language", "de")]
        if language == "en" and "en" in (tracker.get_slot("first_help_shown") or []):
            dispatcher.utter_message(**render("language_english", language="en"))
            return [SlotSet("language", "en")]
        return first_help(dispatcher, tracker, language)
