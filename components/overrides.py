"""What the components that run after the classifiers write into a message, written one way.

The language detector and the funding router both set an intent over the classifier's choice
(marked ``"overridden_by"`` in the ranking, the classifier's ranking kept below it) and add
entities that stand for the whole message (``language``, ``plain_language``); the situation
extractor adds entities over the words that say them.
"""

from __future__ import annotations

from typing import Any

from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_RANKING_KEY,
)
from rasa.shared.nlu.training_data.message import Message


def whole_message_entity(extractor: EntityExtractorMixin, name: str, value: Any, text: str) -> dict[str, Any]:
    """An entity over the whole ``text``, named as found by ``extractor``."""
    return span_entity(extractor, name, value, 0, len(text))


def span_entity(extractor: EntityExtractorMixin, name: str, value: Any, start: int, end: int) -> dict[str, Any]:
    """An entity over characters ``start:end`` with confidence 1, named as found by ``extractor``."""
    entity = {
        ENTITY_ATTRIBUTE_TYPE: name,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
        ENTITY_ATTRIBUTE_VALUE: value,
        ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
    }
    return extractor.add_extractor_name([entity])[0]


def override_intent(message: Message, name: str, by: str) -> None:
    """Set intent ``name`` with confidence 1, marked as set ``by`` a component, above the ranking."""
    chosen = {"name": name, "confidence": 1.0, "overridden_by": by}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
