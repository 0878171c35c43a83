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
from collections.abc import Sequence
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
from bot.nlp.compound import requests
from bot.nlp.dontknow import says_dont_know
from bot.nlp.english_filters import english_filters
from bot.nlp.language import SUPPORTED, LanguageGuesser
from bot.nlp.language_choice import requested_language
from bot.search.synonyms import ENGLISH_STOPWORDS, ENGLISH_WORDS
from bot.search.text import fold
from components.overrides import override_intent, span_entity, whole_message_entity

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


def _place_names(message: Message, text: str) -> list[str]:
    """The words of ``text`` the NLU marked as places ("Bad Wildungen", "Bottrop")."""
    names = []
    for entity in message.get(ENTITIES, []):
        start, end = entity.get("start"), entity.get("end")
        if entity.get(ENTITY_ATTRIBUTE_TYPE) == "place" and isinstance(start, int) and isinstance(end, int):
            names.append(text[start:end])
    return names


def _topics_with_english_neighbours(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A topic the CRF found in an English message, widened over the English topic words right before it
    ("project management": the CRF tagged only "management", every management course came first)."""
    widened = []
    for entity in entities:
        start = entity.get("start")
        if entity.get(ENTITY_ATTRIBUTE_TYPE) == "topic" and isinstance(start, int):
            before = re.search(r"([A-Za-z]+)\s+$", text[:start])
            if before and fold(before.group(1)) in ENGLISH_WORDS and fold(before.group(1)) not in ENGLISH_STOPWORDS:
                start = before.start(1)
                entity = {**entity, "start": start, "value": text[start:entity.get("end", len(text))]}
        widened.append(entity)
    return widened


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
            # ... and these from this confidence on when the message is about money ("Does the Jobcenter still
            # pay for training if I'm on Bürgergeld?" was 0.66 and got the first-help text).
            "keep_english_money_intents_above": {"ask_funding_programme": 0.5, "ask_funding_overview": 0.5},
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
            "eligibility_intent": "check_eligibility",
            # ... but not one that asks a detail ("how much money do I get", "how many days do I get"): the facts.
            "detail_words": r"\bhow (?:much|many|long|high|often|big)\b|\bwhich (?:documents|papers|forms)\b"
            r"|\bwhat (?:documents|papers|amount)\b",
            # ... and with one of these intents, a programme named keeps it ("Do I get money back if I pass
            # the integration course?" is a FAQ); a course wish keeps first help, which explains the courses.
            "programme_intents": ["faq", "ask_funding_programme", "ask_funding_overview", "check_eligibility"],
            # An English question about money from an employer ("our staff …", "a company with 15 staff") read
            # as a course search goes to the funding answer, which answers for the company; so does a
            # general funding question that names one programme ("recognition costs", "the recognition grant").
            "employer_money_from": ["search_course", "refine_search", "ask_funding_overview"],
            "money_words": r"\b(?:subsid\w*|grants?|fund\w*|money|pay\w*|paid|costs?|fees?|financ\w*|contribut\w*"
            r"|reimburs\w*|share|support)\b",
            # A question in a course wish that asks who pays ("… a 200 hour CNC course. Who pays for it?", "Is there
            # any money for the adaptation course?"): the funding answer, which names what fits the person.
            "who_pays_words": r"\b(?:who (?:pays|will pay|covers|funds)|pay for (?:it|this|that)|any (?:support|money|"
            r"funding|financial help)|support|funding|funded|money|grants?|subsid\w*|financ\w*)\b",
            # The writer asks to be called ("Could an advisor ring me about …?"): a callback, not the FAQ of the topic.
            "callback_intent": "request_callback",
            "callback_words": r"\b(?:(?:call|ring|phone|contact) me(?: back)?|call ?back)\b",
            "callback_from": ["faq", "ask_funding_programme", "ask_funding_overview", "ask_counselling", "nlu_fallback",
                              "check_eligibility", "search_course", "inform", "greet"],
            # A service line asked for ("phone number for the job agency advice line?"): the counselling answer,
            # which lists the numbers everyone can call.
            "counselling_intent": "ask_counselling",
            "counselling_words": r"\b(?:hotline|helpline|help line|advice line|service line|info line|phone number|"
            r"telephone number|number to call)\b",
            "counselling_from": ["nlu_fallback", "refine_search", "search_course", "inform", "out_of_scope", "faq",
                                 "chitchat", "ask_funding_programme", "ask_funding_overview"],
            # A person asked for ("… can a human advisor look at this?"): the handover, not the funding answer.
            "human_intent": "request_human",
            "human_words": r"\b(?:a human|human (?:advis[eo]rs?|beings?|counsell?ors?)|real (?:person|human|advis[eo]r)"
            r"|(?:talk|speak|chat) (?:to|with) (?:a |an )?(?:person|advis[eo]r|counsell?or|someone|somebody))\b",
            "human_from": ["nlu_fallback", "inform", "out_of_scope", "faq", "chitchat", "greet",
                           "ask_funding_programme", "ask_funding_overview", "check_eligibility", "ask_counselling",
                           "complain"],
            # How a qualification from abroad is recognised ("What are the steps for my degree?"): the first help.
            "recognition_words": r"\b(?:steps|procedure|process)\b.{0,40}\b(?:degree|diploma|qualification|certificate)"
            r"|\b(?:degree|diploma|qualification|certificate)s?\b.{0,40}\b(?:recogni[sz]\w*|accepted|equivalen\w*)",
            "recognition_from": ["ask_funding_programme", "ask_funding_overview", "search_course", "nlu_fallback",
                                 "inform", "out_of_scope"],
            # A question about the data kept ("what data do you store about me?"): the privacy answer.
            "privacy_intent": "ask_data_protection",
            "privacy_words": r"\b(?:(?:what|which) (?:personal )?data|data protection|privacy|gdpr"
            r"|(?:store|save|keep|collect)\w* (?:about|on|from) me)\b",
            "privacy_from": ["nlu_fallback", "inform", "out_of_scope", "faq", "chitchat", "greet", "refine_search",
                             "search_course"],
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

    def read(self, text: str, names: Sequence[str] = ()) -> tuple[str | None, str | None]:
        """(language the message is in or asks for, intent to set or None) for one text.

        ``names``: the places the NLU found in it, which say nothing about its language."""
        text = text[:MAX_CHARACTERS]
        chosen = requested_language(text)
        if chosen is not None:
            return chosen, self._config["choice_intent"]
        guess = self._guesser.guess(text, names)
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
        if intent in self._config["keep_english_money_intents_above"] and re.search(self._config["money_words"], text):
            floor = self._config["keep_english_money_intents_above"][intent]
        if intent == "search_course" and (
            len(text.split()) > self._config["short_search_words"] or not re.search(self._config["course_words"], text)
        ):
            # "Can my degree be recognised …?" is no search, and a story ("Hello, I am from Syria … I need a
            # German course for work") gets the first help, which explains the language courses
            floor = self._config["keep_english_above"]
        return intent not in self._config["first_help_instead_of"] and confidence >= floor

    def _english_funding(self, message: Message) -> None:
        """An English question about money from an employer, or an overview question naming a programme:
        the funding answer (``programme_intent``), as the German funding router does for German. A
        programme question that asks whether the writer qualifies is an eligibility question."""
        intent = (message.get(INTENT) or {}).get("name")
        text = str(message.get(TEXT) or "")
        detail = re.search(self._config["detail_words"], text.lower()) is not None
        for_check = not detail and names_programme(text) and asks_about_self(text)
        if intent == self._config["programme_intent"] and for_check:
            # "Can I get Aufstiegs-BAföG to become a Küchenmeister part-time?": where no fact answers a detail
            # in it ("part-time"), the check does (bot/kb/router.py), not "I have no reliable information".
            override_intent(message, self._config["eligibility_intent"], "language")
            return
        if intent not in self._config["employer_money_from"]:
            return
        employer = any(e.get(ENTITY_ATTRIBUTE_TYPE) == "speaker" and e.get("value") == "employer"
                       for e in message.get(ENTITIES, []))  # fmt: skip
        money = re.search(self._config["money_words"], text.lower()) is not None
        # a programme by its name, its gloss, or an English name the NLU knows ("educational leave")
        named = names_programme(text) or any(e.get(ENTITY_ATTRIBUTE_TYPE) == "programme"
                                             for e in message.get(ENTITIES, []))  # fmt: skip
        overview_named = intent == "ask_funding_overview" and named
        # "Can I get Aufstiegs-BAföG for a Techniker course?": whether they qualify, not a course search
        for_self = intent != "ask_funding_overview" and named and asks_about_self(text)
        who_pays = intent == "search_course" and self._asks_who_pays(text)
        if (employer and money and "?" in text) or overview_named or for_self or who_pays:
            override_intent(message, self._config["programme_intent"], "language")

    def _asks_who_pays(self, text: str) -> bool:
        """A question of the message (up to its "?") asks who pays or for support."""
        questions = re.findall(r"[^.!?]*\?", text.lower())
        return any(re.search(self._config["who_pays_words"], q) for q in questions)

    def _english_request(self, message: Message) -> bool:
        """An English message that asks for a call back, a service line's number, a person or what data is kept:
        that intent (True), whatever the classifier or the first help would have made of it."""
        intent = (message.get(INTENT) or {}).get("name")
        text = str(message.get(TEXT) or "").lower()
        for wanted, words, from_intents in (
            ("callback_intent", "callback_words", "callback_from"),
            ("counselling_intent", "counselling_words", "counselling_from"),
            ("human_intent", "human_words", "human_from"),
            ("privacy_intent", "privacy_words", "privacy_from"),
        ):
            if wanted == "callback_intent" and self._course_wish_beside(message, text):
                continue  # "forklift course in Bottrop, and a person who can call me back": the courses, then the offer
            if intent in (*self._config[from_intents], self._config[wanted]) and re.search(self._config[words], text):
                override_intent(message, self._config[wanted], "language")
                return True
        return False

    def _asks_recognition(self, message: Message) -> bool:
        """An English question how a qualification from abroad is recognised, naming no programme ("I'm an engineer
        from India with a Bachelor's degree … What are the steps for my degree?"): the first help, which says
        where recognition is advised (IQ Netzwerk, anerkennung-in-deutschland.de), not "Which funding do you mean?"."""
        intent = (message.get(INTENT) or {}).get("name")
        text = str(message.get(TEXT) or "")
        if intent not in self._config["recognition_from"] or names_programme(text):
            return False
        questions = re.findall(r"[^.!?]*\?", text.lower())  # not "my diploma is recognised in Germany. Who pays …?"
        return any(re.search(self._config["recognition_words"], q) for q in questions)

    def _course_wish_beside(self, message: Message, text: str) -> bool:
        """A course wish with a topic as a request of its own beside the others (bot/nlp/compound.py)."""
        if not any(e.get(ENTITY_ATTRIBUTE_TYPE) == "topic" for e in message.get(ENTITIES, [])):
            return False
        parts = requests(text)
        return len(parts) > 1 and re.search(self._config["course_words"], parts[0]) is not None

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
            language, intent = self.read(text, _place_names(message, text))
            if language == "en" and self._asks_recognition(message):  # "What are the steps for my degree?"
                intent = self._config["first_help_intent"]
            elif language == "en" and (
                self._english_request(message)  # "Could an advisor ring me about …?"
                or (intent == self._config["first_help_intent"] and self._understood_english(message))
            ):
                intent = None
            if language == "en" and intent is None:
                self._english_funding(message)
            if intent is not None:
                self._set_intent(message, intent)
            else:
                self._drop_owned_guess(message)
            ours = {self._config["entity"], self._config["plain_language_entity"]}
            entities = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) not in ours]
            if language == "en":
                entities = _topics_with_english_neighbours(entities, text)
            if language == "en":  # "evening only pls": the CRF knows only the German words for the filters
                tagged = {e.get(ENTITY_ATTRIBUTE_TYPE) for e in entities}
                entities += [span_entity(self, m.entity, m.value, m.start, m.end)
                             for m in english_filters(text) if m.entity not in tagged]  # fmt: skip
            if language is not None:
                entities.append(self._entity(self._config["entity"], language, text))
            if language in (None, "de") and intent is None and looks_like_beginner_german(text):
                entities.append(self._entity(self._config["plain_language_entity"], True, text))
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
