"""The language of every message, as a ``language`` entity that the ``language`` slot maps from.

Runs last in the NLU pipeline (after the FallbackClassifier), because the German classifiers
cannot read Arabic or Chinese and would guess a German intent from them. It changes a message's
intent in two cases only, and says so in the intent ranking (``"overridden_by": "language"``):

- the citizen asks for a language ("English please", "Deutsch bitte", a language button):
  intent ``choose_language``;
- the message is clearly in one of the first-help languages (``first_help_languages``): intent
  ``first_help``, answered by actions/languages.py in that language. An English message the
  NLU did understand keeps its intent: one with an intent and a topic or programme
  ("do you have welding courses?", "Can I get a Bildungsgutschein?", ``keep_english_with``), or
  one whose intent the classifier is sure of (``keep_english_above``; "Can someone call me back?").

The two intents belong to this component: when the classifier guesses one of them ("Rückruf
bitte" sounds like "Deutsch bitte") and the rules here do not, its next guess is used.

Every other message keeps its intent; a clear language (German too) only sets the entity, so the
slot follows what the citizen writes, and short or mixed messages leave it as it was
(bot/nlp/language.py explains the bias to German).

A German message in beginner's grammar ("ich suchen deutsch kurs", bot/nlp/beginner_german.py)
also gets the entity ``plain_language`` (value true), which switches the slot of that name on.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.beginner_german import looks_like_beginner_german
from bot.nlp.dontknow import says_dont_know
from bot.nlp.language import SUPPORTED, LanguageGuesser
from bot.nlp.language_choice import requested_language
from components.overrides import override_intent, whole_message_entity

#: Longer messages are read from their first characters; a language shows in a sentence or two.
MAX_CHARACTERS = 400


def asks_about_self(text: str) -> bool:
    """Whether ``text`` asks if the writer qualifies ("Can I get …?", "Am I eligible …?"; bot/kb's frames)."""
    from bot.funding.catalogue import load_catalogue
    from bot.kb.question import read

    return read(text, load_catalogue()).about_self


def names_programme(text: str) -> bool:
    """Whether ``text`` names a funding programme of the catalogue (German name, alias or English gloss)."""
    from bot.funding.catalogue import load_catalogue
    from bot.funding.matching import match_programme

    return match_programme(load_catalogue(), text) is not None


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    """Sets the ``language`` entity (ISO 639-1) and, for first help or a language choice, the intent."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "entity": "language",
            "languages": list(SUPPORTED),
            "first_help_languages": ["en", "ar", "uk", "ru", "tr", "fa", "zh"],
            "first_help_intent": "first_help",
            "choice_intent": "choose_language",
            "plain_language_entity": "plain_language",
            "keep_english_with": ["topic", "programme"],
            # An English message the classifier (trained on data/nlu/english.yml too) is this sure of
            # keeps its intent ("Can someone call me back?"); greetings and unclear ones get first help.
            "keep_english_above": 0.7,
            # ... and these intents from this confidence on: answers within a search ("show me the next
            # ones", "a cheaper one?"), requests whose words are their own (a cancellation, a check) and a
            # short search that asks for courses in so many words ("courses in Cologne?"), for which the
            # first-help text would be no answer at all.
            "keep_english_intents_above": {
                "show_more": 0.4,
                "refine_search": 0.4,
                "course_details": 0.4,
                "cancel_callback": 0.45,
                "check_eligibility": 0.45,
                "search_course": 0.45,
            },
            "course_words": r"\b(?:courses?|classes|trainings?|workshops?|lessons)\b",
            "short_search_words": 6,
            "first_help_instead_of": ["greet", "out_of_scope", "inform", "nlu_fallback"],
            # Below the fallback threshold, the classifier's best real intent still counts for an
            # English message when it names a programme or topic, or is at least this sure of it
            # ("Can I take Bildungsurlaub?" was nlu_fallback and got the first-help text).
            "english_from_ranking_above": 0.3,
            # An English message naming a programme (also by its English gloss, "recognition grant")
            # without a surer intent goes to the funding answer rather than to first help.
            "programme_intent": "ask_funding_programme",
            # ... and with one of these intents, a programme named keeps it ("Do I get money back if I pass
            # the integration course?" is a FAQ); a course wish keeps first help, which explains the courses.
            "programme_intents": ["faq", "ask_funding_programme", "ask_funding_overview", "check_eligibility"],
            # An English question about money from an employer ("our staff …", "a company with 15 staff") read
            # as a course search goes to the funding answer, which answers for the company; so does a
            # general funding question that names one programme ("recognition costs", "the recognition grant").
            "employer_money_from": ["search_course", "refine_search", "ask_funding_overview"],
            "money_words": r"\b(?:subsid\w*|grants?|fund\w*|money|pay\w*|paid|costs?|fees?|financ\w*|contribut\w*"
            r"|reimburs\w*|share)\b",
        }

    def __init__(self, config: dict[str, Any]) -> None:
        defaults = self.get_default_config()
        self._config = {**defaults, **{k: v for k, v in config.items() if k in defaults and v is not None}}
        self._guesser = LanguageGuesser(tuple(self._config["languages"]))
        self._first_help = set(self._config["first_help_languages"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        """Nothing to train: lingua ships its language models."""
        return cls(config)

    def read(self, text: str) -> tuple[str | None, str | None]:
        """(language the message is in or asks for, intent to set or None) for one text."""
        text = text[:MAX_CHARACTERS]
        chosen = requested_language(text)
        if chosen is not None:
            return chosen, self._config["choice_intent"]
        guess = self._guesser.guess(text)
        if not guess.clear:
            return None, None
        if guess.language == "de" and len(text.split()) <= 4 and says_dont_know(text):
            return None, None  # "weiß ich nicht" in an English form: every learner knows it, nobody switches by it
        if guess.language in self._first_help:
            return guess.language, self._config["first_help_intent"]
        return guess.language, None

    def _entity(self, name: str, value: Any, text: str) -> dict[str, Any]:
        return whole_message_entity(self, name, value, text)

    def _set_intent(self, message: Message, name: str) -> None:
        override_intent(message, name, "language")

    def _owned(self) -> set[str]:
        return {self._config["first_help_intent"], self._config["choice_intent"]}

    def _understood_english(self, message: Message) -> bool:
        """An English message whose intent the German NLU found, with something to act on."""
        intent = (message.get(INTENT) or {}).get("name")
        kinds = set(self._config["keep_english_with"])
        named = any(e.get(ENTITY_ATTRIBUTE_TYPE) in kinds for e in message.get(ENTITIES, []))
        programme = names_programme(str(message.get(TEXT) or ""))  # also by its English gloss
        if intent == "nlu_fallback" or (programme and intent in self._config["first_help_instead_of"]):
            if self._best_real_intent(message, named or programme):
                return True
            if programme:  # "What's the income limit for the recognition grant?": the funding answer decides
                override_intent(message, self._config["programme_intent"], "language")
                return True
            return False
        if not intent or intent in self._owned():
            return False
        if named or (programme and intent in self._config["programme_intents"]):
            return True
        confidence = float((message.get(INTENT) or {}).get("confidence") or 0.0)
        floor = self._config["keep_english_intents_above"].get(intent, self._config["keep_english_above"])
        text = str(message.get(TEXT)).lower()
        if intent == "search_course" and (
            len(text.split()) > self._config["short_search_words"] or not re.search(self._config["course_words"], text)
        ):
            # "Can my degree be recognised …?" is no search, and a story ("Hello, I am from Syria … I need a
            # German course for work") gets the first help, which explains the language courses
            floor = self._config["keep_english_above"]
        return intent not in self._config["first_help_instead_of"] and confidence >= floor

    def _english_funding(self, message: Message) -> None:
        """An English question about money from an employer, or an overview question naming a programme:
        the funding answer (``programme_intent``), as the German funding router does for German."""
        intent = (message.get(INTENT) or {}).get("name")
        if intent not in self._config["employer_money_from"]:
            return
        text = str(message.get(TEXT) or "")
        employer = any(e.get(ENTITY_ATTRIBUTE_TYPE) == "speaker" and e.get("value") == "employer"
                       for e in message.get(ENTITIES, []))  # fmt: skip
        money = re.search(self._config["money_words"], text.lower()) is not None
        named = names_programme(text)
        overview_named = intent == "ask_funding_overview" and named
        # "Can I get Aufstiegs-BAföG for a Techniker course?": whether they qualify, not a course search
        for_self = intent != "ask_funding_overview" and named and asks_about_self(text)
        if (employer and money and "?" in text) or overview_named or for_self:
            override_intent(message, self._config["programme_intent"], "language")

    def _best_real_intent(self, message: Message, named: bool) -> bool:
        """Below the fallback threshold: the classifier's next guess, when it is an intent of its own and
        the message names a programme or topic, or the guess is fairly sure; it then becomes the intent."""
        skip = {"nlu_fallback", *self._owned(), *self._config["first_help_instead_of"]}
        ranked = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") not in skip]
        if not ranked:
            return False
        best = ranked[0]
        confidence = float(best.get("confidence") or 0.0)
        floor = self._config["english_from_ranking_above"]
        if confidence < floor or not (named or confidence >= 2 * floor):
            return False
        message.set(INTENT, dict(best), add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranked, add_to_output=True)
        return True

    def _drop_owned_guess(self, message: Message) -> None:
        """The classifier guessed first_help or choose_language without this component: its next guess."""
        if (message.get(INTENT) or {}).get("name") not in self._owned():
            return
        others = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") not in self._owned()]
        if others:
            message.set(INTENT, dict(others[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, others, add_to_output=True)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            language, intent = self.read(text)
            if intent == self._config["first_help_intent"] and language == "en" and self._understood_english(message):
                intent = None
            if language == "en" and intent is None:
                self._english_funding(message)
            if intent is not None:
                self._set_intent(message, intent)
            else:
                self._drop_owned_guess(message)
            ours = {self._config["entity"], self._config["plain_language_entity"]}
            entities = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) not in ours]
            if language is not None:
                entities.append(self._entity(self._config["entity"], language, text))
            if language in (None, "de") and intent is None and looks_like_beginner_german(text):
                entities.append(self._entity(self._config["plain_language_entity"], True, text))
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
