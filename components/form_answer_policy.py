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

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.tracker_policy import TrackerReadingPolicy

MARKER = "form_answer"
EXTRACT_SLOTS = "action_extract_slots"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class FormAnswerPolicy(TrackerReadingPolicy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # RulePolicy has priority 4 (rasa.core.constants.RULE_POLICY_PRIORITY); ties go to the higher.
        return {"priority": 5}

    def next_step(self, tracker: DialogueStateTracker) -> str | None:
        return answered_form(tracker)


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
