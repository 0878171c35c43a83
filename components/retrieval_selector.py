"""Picks the answer for the FAQ and small-talk retrieval intents with a logistic regression.

Rasa's ``ResponseSelector`` is a TensorFlow model. One of them per retrieval intent added about
seconds to start-up and milliseconds to every message, for ten sub-intents with a handful of
examples each. A linear model on the same sparse features (word and character n-grams) chooses
as well on data of this size, trains in well under a second and keeps TensorFlow out of the
request path. The result is written exactly where ``ResponseSelector`` writes it, so Rasa's own
``utter_faq``/``utter_chitchat`` actions work unchanged.
"""

from __future__ import annotations

import json
import logging
import zlib
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

from components import linear

logger = logging.getLogger(__name__)

# The result is stored with every user message in the tracker and sent to the action server with
# every call: three alternatives are enough to read a log, and the answer texts stay in the domain.
RANKING_LENGTH = 3


def _sentence_features(message: Message) -> scipy.sparse.csr_matrix | None:
    """The message's sparse sentence features, the same input the intent classifier uses.

    Combining the featurizers' matrices is the costly part of a parse, so it is done once.
    """
    sparse = message.get_sparse_features(TEXT)[1]
    return None if sparse is None else scipy.sparse.csr_matrix(sparse.features)


class _Choice:
    """One retrieval intent's classifier, or its only answer when the data has a single one."""

    def __init__(self, labels: list[str], model: LogisticRegression | None) -> None:
        self.labels = labels
        self.model = model

    def rank(self, features: scipy.sparse.csr_matrix) -> list[tuple[str, float]]:
        if self.model is None:
            return [(self.labels[0], 1.0)]
        probabilities = linear.probabilities(self.model, features)[0]
        order = np.argsort(-probabilities)[:RANKING_LENGTH]
        return [(str(self.model.classes_[i]), float(probabilities[i])) for i in order]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RetrievalSelector(GraphComponent):
    """Selects ``faq/...`` and ``chitchat/...`` answers; one linear model per retrieval intent."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Featurizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``C`` and ``max_iter`` as for Rasa's LogisticRegressionClassifier."""
        return {"C": 10.0, "max_iter": 500, "random_state": 42}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        choices: dict[str, _Choice] | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._choices = choices or {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RetrievalSelector:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fits one classifier per retrieval intent on the sub-intent labels (``faq/kosten``)."""
        by_intent: dict[str, list[Message]] = {}
        for example in training_data.intent_examples:
            if example.get(INTENT) in training_data.retrieval_intents and example.get(INTENT_RESPONSE_KEY):
                by_intent.setdefault(example.get(INTENT), []).append(example)
        self._choices = {}
        for intent, examples in sorted(by_intent.items()):
            labels = [example.get(INTENT_RESPONSE_KEY) for example in examples]
            if len(set(labels)) < 2:
                self._choices[intent] = _Choice(sorted(set(labels)), None)
                continue
            model = LogisticRegression(
                C=self._config["C"], max_iter=self._config["max_iter"], random_state=self._config["random_state"]
            )
            rows = [_sentence_features(e) for e in examples]
            if any(row is None for row in rows):
                raise ValueError("RetrievalSelector needs a sparse featurizer (CountVectorsFeaturizer) before it.")
            model.fit(scipy.sparse.vstack(rows), labels)
            self._choices[intent] = _Choice([str(c) for c in model.classes_], model)
        self.persist()
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            features = _sentence_features(message) if self._choices else None
            if features is None:
                continue
            properties: dict[str, Any] = {RESPONSE_SELECTOR_RETRIEVAL_INTENTS: sorted(self._choices)}
            for intent, choice in self._choices.items():
                ranking = choice.rank(features)
                best, confidence = ranking[0]
                utter_action = f"utter_{best}"
                properties[intent] = {
                    RESPONSE_SELECTOR_PREDICTION_KEY: {
                        RESPONSE_SELECTOR_RESPONSES_KEY: [],  # Rasa's utter_faq reads the domain
                        PREDICTED_CONFIDENCE_KEY: confidence,
                        INTENT_RESPONSE_KEY: best,
                        RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter_action,
                    },
                    RESPONSE_SELECTOR_RANKING_KEY: [
                        {"id": zlib.crc32(label.encode()), PREDICTED_CONFIDENCE_KEY: p, INTENT_RESPONSE_KEY: label}
                        for label, p in ranking
                    ],
                }
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data; the graph still calls this for classifiers."""
        return training_data

    def persist(self) -> None:
        """Coefficients as plain arrays (JSON + NPZ): no pickle in a model file we load at start."""
        with self._model_storage.write_to(self._resource) as directory:
            meta: dict[str, Any] = {"choices": {}}
            arrays: dict[str, np.ndarray] = {}
            for intent, choice in self._choices.items():
                meta["choices"][intent] = {"labels": choice.labels, "fitted": choice.model is not None}
                if choice.model is not None:
                    arrays[f"{intent}.coef"] = choice.model.coef_
                    arrays[f"{intent}.intercept"] = choice.model.intercept_
            (directory / "selector.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            np.savez(directory / "selector.npz", **arrays)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RetrievalSelector:
        try:
            with model_storage.read_from(resource) as directory:
                meta = json.loads((directory / "selector.json").read_text(encoding="utf-8"))
                arrays = dict(np.load(directory / "selector.npz"))
        except (ValueError, FileNotFoundError):
            logger.warning("RetrievalSelector: no trained data in the model; FAQ answers are off.")
            return cls(config, model_storage, resource)
        choices: dict[str, _Choice] = {}
        for intent, stored in meta["choices"].items():
            model = None
            if stored["fitted"]:
                model = LogisticRegression()
                model.classes_ = np.array(stored["labels"])
                model.coef_ = arrays[f"{intent}.coef"]
                model.intercept_ = arrays[f"{intent}.intercept"]
            choices[intent] = _Choice(stored["labels"], model)
        return cls(config, model_storage, resource, choices)
