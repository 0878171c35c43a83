"""Funding questions the intent classifier sends elsewhere go to the funding actions (issue 17).

The classifier learns from sentences; a citizen's "§82 was ist das", "Infos zum BGS" or "Werden
Kinderbetreuungskosten übernommen?" can land on course details, out of scope or the fallback. This
component runs last and looks at the message with the knowledge base's reader (``bot.kb``): a
programme named (fuzzy, with aliases) or a funding detail asked ("wie lange gültig", "Altersgrenze")
in a funding question turns the intent into ``ask_funding_programme``, whose action decides between
a fact, the check and a description. An out-of-scope reading of a message that names a course
topic becomes a course search. It also serves two wishes in one message:

- "Bitte in einfacher Sprache: was ist …?": the entity ``plain_language`` (the slot follows) and the
  intent of the question, not ``request_plain_language`` alone, so both are done;
- an employer's question the classifier read as a FAQ ("Als Arbeitgeber: muss ich Bildungsurlaub
  gewähren?") goes to the funding actions, which answer for the company.

Only intents listed in ``reroute_from`` are changed, a language override (components/
language_detector.py) never; in a form, an answer ("ich bin 45") is no question and stays as it is.
The change is marked in the ranking (``"overridden_by": "funding"``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_TYPE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.funding.catalogue import load_catalogue
from bot.kb.analysis import settings, words
from bot.kb.aspects import is_specific
from bot.kb.question import (
    Reading,
    asks_more_than_plain_language,
    asks_who_pays_for_it,
    is_question,
    read,
    wants_courses,
)
from bot.nlp.compound import asks_only_to_be_called, requests
from bot.nlp.counselling_wish import wants_counselling
from components.overrides import override_intent, whole_message_entity

FUNDING_INTENT = "ask_funding_programme"


@lru_cache(maxsize=1)
def _funding_words() -> re.Pattern[str]:
    listed = settings().get("funding_words") or []
    return re.compile("|".join(rf"(?<![a-z0-9]){re.escape(w.rstrip('*'))}{'[a-z0-9]*' if w.endswith('*') else ''}"
                               rf"(?![a-z0-9])" for w in listed))  # fmt: skip


def funding_question(reading: Reading, text: str, strict: bool) -> bool:
    """A question about funding: a programme named, or a detail asked with a funding word.

    ``strict`` (for intents that answer forms): a question form and an aspect are both needed.
    """
    about_money = bool(reading.named or reading.hinted or _funding_words().search(" ".join(words(text))))
    if strict:
        return about_money and bool(reading.aspects) and is_question(text)
    return bool(reading.named) or (about_money and bool(reading.aspects) and is_question(text))


_COURSE_WISH = re.compile(r"kurs|lehrgang|seminar|schulung|gesucht|such")


def _wishes_course(text: str) -> bool:
    """A request of the message other than a question whether one qualifies asks for courses."""
    parts = requests(text)
    asking = [p for p in parts if not read(p, load_catalogue()).about_self]
    return len(parts) > 1 and any(_COURSE_WISH.search(" ".join(words(p))) for p in asking)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class FundingRouter(GraphComponent, EntityExtractorMixin):
    """Sends misread funding questions to ``ask_funding_programme``; keeps a question beside a style wish."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Intents a funding question is often mistaken for; others are left alone.
            "reroute_from": [
                "nlu_fallback", "out_of_scope", "bot_challenge", "ask_capabilities", "chitchat", "course_details",
                "greet", "thank",
            ],
            # Intents that also answer form questions: rerouted only for a question with a detail.
            "reroute_strict": ["inform", "faq"],
            # A course search that asks no courses: a question naming a programme, or an employer's
            # question about money ("Bäckerei, 6 Angestellte: muss ich Bildungsurlaub genehmigen?").
            "reroute_unless_search": ["search_course", "refine_search"],
            "plain_intent": "request_plain_language",
            # A message that only asks to be called back is the callback, when it was read as one of these.
            # A wish for advice in one's own words, read as a complaint or a funding question: the centres.
            "counselling_intent": "ask_counselling",
            "counselling_from": ["complain", "nlu_fallback", "out_of_scope", "ask_funding_programme",
                                 "ask_funding_overview", "chitchat", "inform"],
            "callback_intent": "request_callback",
            "callback_from": ["nlu_fallback", "ask_funding_programme", "ask_funding_overview", "check_eligibility",
                              "faq", "request_plain_language", "inform", "out_of_scope", "chitchat", "ask_counselling"],
            # Beside a plain-language wish, "wer bezahlt …?" naming no programme: who pays, in general.
            "who_pays_intent": "ask_funding_overview",
            # Beside a plain-language wish, the classifier's next intent counts from this confidence on.
            "second_intent_min": 0.1,
            # ... or what an entity beside the wish asks for ("… ich suche einen Deutschkurs in Moers").
            "plain_entity_intents": {"topic": "search_course", "place": "search_course"},
            "plain_language_entity": "plain_language",
            # A course topic the extractors found makes these a course search ("Ich würde gern mein
            # Englisch für den Job verbessern. Wohne in Moers." was out of scope).
            "search_when_topic": ["out_of_scope"],
            # A FAQ reading of a message that asks nothing and names where or what ("Integrationskurs in
            # Bottrop", "Berufssprachkurs B2 Pflege Krefeld", "Deutschkurs C1 online für Ärzte"): a course search.
            "search_from_faq_with": ["place", "course_format", "topic"],
        }  # fmt: skip

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = {**self.get_default_config(), **config}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FundingRouter:
        """Nothing to train: it reads the funding catalogue and bot/kb's word lists."""
        return cls(config)

    def intent_for(
        self, text: str, intent: str, ranking: list[dict[str, Any]], entities: tuple[str, ...] = ()
    ) -> tuple[str | None, bool]:
        """(the intent to set or None to keep it, whether to switch plain language on).

        ``entities``: the types the extractors found ("topic", "place"), which say what a request
        beside a plain-language wish is about when the classifier saw only the wish.
        """
        if intent in self._config["callback_from"] and asks_only_to_be_called(text):
            # "bitte um Rückruf wg. Förderung (§82)", "bitte anruf mich, mein deutsch nicht gut": the callback,
            # not the programme named or the plain-language wish (the callback form asks what it is about)
            return self._config["callback_intent"], False
        plain = intent == self._config["plain_intent"] and asks_more_than_plain_language(text)
        reading = read(text, load_catalogue())
        if intent in self._config["counselling_from"] and not reading.named and wants_counselling(text):
            # "… weiß nicht, was ich machen könnte. Gibt es irgendwo eine kostenlose Beratung?": a centre near them
            return self._config["counselling_intent"], False
        if plain:
            if funding_question(reading, reading.question, strict=False):
                return FUNDING_INTENT, True
            if asks_who_pays_for_it(reading.question):  # "bitte leichte wörter. wer bezahlt deutschkurs?"
                return self._config["who_pays_intent"], True
            by_entity = self._config["plain_entity_intents"]
            found = next((by_entity[e] for e in entities if e in by_entity), None)
            if found:
                return found, True
            others = [r for r in ranking if r.get("name") not in (intent, "nlu_fallback")]
            if others and float(others[0].get("confidence") or 0.0) >= self._config["second_intent_min"]:
                return str(others[0]["name"]), True  # the question's own intent, as the classifier ranked it
            return None, False
        if intent in self._config["reroute_from"] and funding_question(reading, text, strict=False):
            return FUNDING_INTENT, False
        if intent == "check_eligibility" and reading.plain and reading.named and not reading.about_self:
            # "Aufstiegs-BAföG in einfachen Worten bitte, für meinen Vater": explained plainly, not a check of "Sie"
            return FUNDING_INTENT, True
        searching = intent in self._config["reroute_unless_search"]
        asks_no_courses = searching and is_question(text) and not wants_courses(text)
        employer_asks = reading.employer and (bool(reading.named) or funding_question(reading, text, strict=True))
        detail_asked = bool(reading.named) and bool(reading.aspects)  # "Aufstiegsstipendium – bin ich mit 51 zu alt?"
        # "ich mache ausbildung in homberg. kann ich bildungsurlaub machen fur computer kurs?": whether they qualify
        # (a refinement after a list, "geht das mit bildungsgutschein?", or a course wish of its own beside it,
        # "schweißkurs in bottrop gesucht, und kann ich dafür bildungsurlaub nehmen?", stays a search)
        self_asked = intent == "search_course" and bool(reading.named) and reading.about_self
        self_asked = self_asked and not _wishes_course(text)
        if asks_no_courses and (employer_asks or detail_asked or self_asked):
            return FUNDING_INTENT, False
        # a story whose question is who pays ("… will Vollzeit den Meister machen. Wer zahlt die Kurse?"): the
        # funding answer for the situation (a course search asks the place first and loses the question); with
        # a town, a citizen's search runs and adds who pays (actions/compound.py); an employer naming no course
        # topic wants no courses
        story = "topic" not in entities if reading.employer else "place" not in entities
        # "Personalabteilung hier, … 25 Leute umqualifizieren statt zu entlassen. Was gibt es da?"
        employer_asks_what = reading.employer and is_question(text) and not wants_courses(text)
        if searching and story and (asks_who_pays_for_it(text) or employer_asks_what):
            return FUNDING_INTENT, False
        if intent in self._config["search_when_topic"] and "topic" in entities:
            return "search_course", False
        if intent == "faq" and not is_question(text) and set(entities) & set(self._config["search_from_faq_with"]):
            return "search_course", False
        if intent in self._config["reroute_strict"]:
            employer_faq = intent == "faq" and reading.employer and bool(reading.named)
            # "bildungsurlaub nrw: kann ich die Tage mitnehmen?": a detail of a programme, not its FAQ text
            detail_faq = intent == "faq" and bool(reading.named) and bool(reading.aspects) and is_question(text)
            # "Was ist der Unterschied zwischen Integrationskurs und Berufssprachkurs?": both, not one FAQ text
            named_apart = len(set(reading.named)) - sum(len(g) - 1 for g in reading.shared)  # "Bildungsurlaub": one
            compared = intent == "faq" and named_apart >= 2
            inform_asks = intent == "inform" and funding_question(reading, text, strict=True)
            # "Was gibts für ne bestandene Zwischenprüfung bei der Umschulung? … Prämie": a detail a FAQ text
            # about the topic does not say; the knowledge base still finds the FAQ text where it answers best
            # ("ist das beratungsgespräch gebührenfrei?" names no programme: its FAQ text)
            specific_faq = intent == "faq" and is_specific(reading.aspects) and funding_question(reading, text, True)
            specific_faq = specific_faq and bool(reading.named or reading.hinted)
            # "bildungsurlaub, geht das bei mir schon?": whether they qualify, not the FAQ text
            self_faq = intent == "faq" and bool(reading.named) and reading.about_self
            if employer_faq or detail_faq or compared or inform_asks or specific_faq or self_faq:
                return FUNDING_INTENT, False
        return None, False

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            current = message.get(INTENT) or {}
            if not text or text.startswith("/") or current.get("overridden_by"):
                continue
            ranking = list(message.get(INTENT_RANKING_KEY) or [])
            types = tuple(str(e.get(ENTITY_ATTRIBUTE_TYPE)) for e in message.get(ENTITIES) or [])
            intent, plain = self.intent_for(text, str(current.get("name") or ""), ranking, types)
            if intent is not None and intent != current.get("name"):
                override_intent(message, intent, "funding")
            name = self._config["plain_language_entity"]
            entities = list(message.get(ENTITIES) or [])
            if plain and not any(e.get(ENTITY_ATTRIBUTE_TYPE) == name for e in entities):
                message.set(ENTITIES, [*entities, whole_message_entity(self, name, True, text)], add_to_output=True)
        return messages
