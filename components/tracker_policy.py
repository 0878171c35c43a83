"""The frame of the project's policies that read the tracker and learn nothing.

``components/form_answer_policy.py`` and ``components/followup_policy.py`` each decide one next
action from the conversation so far (or nothing, and the rules decide). What a Rasa policy needs
around that decision (training that stores nothing, the probabilities over the domain's actions) is
here, once.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker


class TrackerReadingPolicy(Policy):
    """Predicts ``next_step(tracker)`` with confidence 1, or nothing when it is None (as this frame
    alone always is: a subclass says what it decides)."""

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn: it reads the tracker

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:  # fmt: skip
        probabilities = self._default_predictions(domain)
        step = self.next_step(tracker)
        if step is not None and step in domain.action_names_or_texts:
            probabilities[domain.index_for_action(step)] = 1.0
        return self._prediction(probabilities)

    def next_step(self, tracker: DialogueStateTracker) -> str | None:
        return None  # the rules decide
