"""German date and time expressions as a ``time`` entity, without a Duckling server.

Duckling has no maintained German time grammar we could run offline, and the callback flow already
trusts ``bot.nlp.timewindow`` to read wishes like "morgen vormittag" or "Dienstag ab 14 Uhr". This
extractor puts that same reading into the NLU result, so a story or slot mapping can see that a
message names a time. The value carries the concrete window (ISO start/end, relative to the local
time the message arrived) and the German label the bot reads back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.timewindow import find_time_window

# The callback action reads at most this much of a wish; a longer message is not a time wish, and
# the limit keeps the regex rules' cost per message bounded.
MAX_CHARACTERS = 300


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class GermanTimeExtractor(GraphComponent, EntityExtractorMixin):
    """Adds one ``time`` entity when a message names a day and/or hours (see ``bot.nlp.timewindow``)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``entity``: the entity name the domain declares for the window."""
        return {"entity": "time"}

    def __init__(self, config: dict[str, Any]) -> None:
        self._entity = config.get("entity") or "time"

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GermanTimeExtractor:
        """Nothing to train or load: the rules are code."""
        return cls(config)

    @staticmethod
    def _reference_time(message: Message) -> datetime:
        """When the message was sent (``Message.time``, epoch seconds) or, without it, now.

        Local time without a zone, as the callback action uses, so both read a wish the same way.
        """
        if message.time is not None:
            try:
                return datetime.fromtimestamp(float(message.time))
            except (TypeError, ValueError, OverflowError, OSError):
                pass
        return datetime.now()

    def extract(self, text: str, now: datetime) -> list[dict[str, Any]]:
        """The ``time`` entity a text names relative to ``now``; empty when it names none."""
        mention = find_time_window(text[:MAX_CHARACTERS], now)
        if mention is None:
            return []
        window = mention.window
        entity = {
            ENTITY_ATTRIBUTE_TYPE: self._entity,
            ENTITY_ATTRIBUTE_START: mention.start,
            ENTITY_ATTRIBUTE_END: mention.end,
            ENTITY_ATTRIBUTE_VALUE: {
                "start": window.start.isoformat(),
                "end": window.end.isoformat(),
                "label": window.label,
            },
            ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
        }
        return self.add_extractor_name([entity])

    def process(self, messages: list[Message]) -> list[Message]:
        """Appends the ``time`` entity to each message that names a time."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            extracted = self.extract(text, self._reference_time(message))
            if extracted:
                message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages
