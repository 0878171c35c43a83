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
from actions.fallback import answer_about_the_programme, refine_after_results, register_for_the_course
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
        language = language_of(tracker)
        if language == "en":
            answered = in_context(dispatcher, tracker)
            if answered is not None:
                return [*answered, SlotSet("language", "en")]
        return first_help(dispatcher, tracker, language)


def in_context(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """An English message the NLU could not place, said about what was just shown, gets the answer a German
    one gets there (actions/fallback.py): "online instead please" after a list narrows it, "how do I sign
    up?" after a course's details says where, "is there an age limit?" after a programme gives the fact.
    None when it is about nothing shown: then the first-help text, which says what the bot can do."""
    search = refine_after_results(tracker)
    if search:
        return search
    registering = register_for_the_course(dispatcher, tracker)
    if registering is not None:
        return registering
    return answer_about_the_programme(dispatcher, tracker)


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
