"""The writer's situation as entities, from every message (``bot.nlp.situation``).

"bin 52, seit 25 Jahren im Einzelhandel, ALG 1" says an age, years of work and a benefit. The CRF
learns a few of these from annotated sentences; this extractor reads them all with rules, on any
message, and each entity fills the slot of the same name (``from_entity`` in ``domain.yml``). So
the eligibility check, funding answers and the search know the situation without asking, and a
later message that says otherwise replaces the value.

Where the rules find a value, it replaces what the CRF found for the same entity (the rules
normalise: "arbeitslos gemeldet" is ``arbeitslos``); where they find none, the CRF's stays.
Button payloads ("/affirm") are not read.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_TYPE, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp.situation import read_situation
from components.overrides import span_entity


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class SituationExtractor(GraphComponent, EntityExtractorMixin):
    """Adds one entity per situation slot a message speaks of (employment_status, age, speaker …)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SituationExtractor:
        """Nothing to train or load: the rules are ``bot/nlp/situation.yaml``."""
        return cls()

    def extract(self, text: str) -> list[dict[str, Any]]:
        """The situation entities of one text, in the order they stand there."""
        facts = sorted(read_situation(text).values(), key=lambda f: (f.start, f.slot))
        return [span_entity(self, fact.slot, fact.value, fact.start, fact.end) for fact in facts]

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            found = self.extract(text)
            if not found:
                continue
            types = {e[ENTITY_ATTRIBUTE_TYPE] for e in found}
            kept = [e for e in message.get(ENTITIES) or [] if e.get(ENTITY_ATTRIBUTE_TYPE) not in types]
            message.set(ENTITIES, [*kept, *found], add_to_output=True)
        return messages
