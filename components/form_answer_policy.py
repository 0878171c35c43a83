"""Continue the active form when its question was answered this turn (actions/form_answers.py).

Rasa's rules for digressions inside a form ("faq inside eligibility_form", the handover offer on
``complain``, the clarification on ``nlu_fallback``) match on the intent alone. When the form's own
reader found that the message answers the asked question (slot ``form_answer`` set to the
requested slot after the latest user message), this policy predicts the form with confidence 1
and a priority above the RulePolicy's, so the answer is taken and the next question follows. In
every other turn it predicts nothing, and the rules decide as before.

A policy, not a change to Rasa: a documented extension point (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

MARKER = "form_answer"
EXTRACT_SLOTS = "action_extract_slots"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class FormAnswerPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # RulePolicy has priority 4 (rasa.core.constants.RULE_POLICY_PRIORITY); ties go to the higher.
        return {"priority": 5}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn: it reads the tracker

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:  # fmt: skip
        probabilities = self._default_predictions(domain)
        form = answered_form(tracker)
        if form is not None and form in domain.action_names_or_texts:
            probabilities[domain.index_for_action(form)] = 1.0
        return self._prediction(probabilities)


def answered_form(tracker: DialogueStateTracker) -> str | None:
    """The active form, if its requested slot was answered by the latest message and nothing has run since
    but the slot extraction; else None."""
    form = tracker.active_loop_name
    requested = tracker.get_slot(REQUESTED_SLOT)
    if not form or not requested:
        return None
    marked = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return form if marked else None
        if isinstance(event, ActionExecuted) and event.action_name not in (EXTRACT_SLOTS, ACTION_LISTEN_NAME):
            return None  # something answered already this turn: the form runs as the rules say
        if isinstance(event, SlotSet) and event.key == MARKER and event.value == requested:
            marked = True
    return None
