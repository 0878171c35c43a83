"""The CRF entity extractor is loaded from its stored CRF, finds the same entities, and trains nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.entity_extractor import model_file

pytestmark = pytest.mark.usefixtures("rasa_patches")  # the stored-CRF load, as training and the server have it

SENTENCES = [
    ("ich suche einen kurs in krefeld", "krefeld", "place"),
    ("gibt es pflegekurse in wesel", "wesel", "place"),
    ("weiterbildung in bottrop bitte", "bottrop", "place"),
    ("etwas mit pflege in krefeld", "pflege", "topic"),
    ("ich möchte staplerfahrer werden", "staplerfahrer", "topic"),
    ("kurse für buchhaltung", "buchhaltung", "topic"),
    ("buchhaltung in wesel", "wesel", "place"),
    ("hallo", None, None),
]
PROBES = ["kurse in bottrop", "pflege in wesel", "ich suche buchhaltung in krefeld", "danke"]


def _message(text: str, value: str | None = None, entity: str | None = None) -> Message:
    data: dict = {"text": text, "intent": "search"}
    if value:
        start = text.index(value)
        data["entities"] = [{"start": start, "end": start + len(value), "value": value, "entity": entity}]
    return Message(data=data)


Pipeline = tuple[WhitespaceTokenizer, CountVectorsFeaturizer]


def _entities(extractor: CRFEntityExtractor, pipeline: Pipeline) -> list[list[tuple[str, str, float]]]:
    found = []
    for text in PROBES:
        msg = Message(data={"text": text})
        for component in pipeline:
            component.process([msg])
        extractor.process([msg])
        found.append([(e["entity"], e["value"], round(e["confidence_entity"], 6)) for e in msg.get("entities", [])])
    return found


def _trained(tmp_path: Path) -> tuple[Pipeline, LocalModelStorage, Resource, ExecutionContext, list]:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("cvf"), context
    )
    data = TrainingData(training_examples=[_message(*row) for row in SENTENCES])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    resource = Resource("crf")
    config = CRFEntityExtractor.get_default_config()
    extractor = CRFEntityExtractor.create(config, storage, resource, context)
    extractor.train(data)
    return (tokenizer, featurizer), storage, resource, context, _entities(extractor, (tokenizer, featurizer))


def test_loaded_extractor_finds_what_the_trained_one_found_without_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline, storage, resource, context, after_training = _trained(tmp_path)
    assert any(after_training), "the small CRF must find some entities, or the comparison says nothing"

    def no_training(*args: object, **kwargs: object) -> None:
        raise AssertionError("the CRF was trained again at load")

    monkeypatch.setattr(CRFEntityExtractor, "train_model", classmethod(no_training))
    config = CRFEntityExtractor.get_default_config()
    loaded = CRFEntityExtractor.load(config, storage, resource, context)

    assert _entities(loaded, pipeline) == after_training


def test_a_model_stored_without_the_crf_files_is_still_loaded_the_rasa_way(tmp_path: Path) -> None:
    pipeline, storage, resource, context, after_training = _trained(tmp_path)
    with storage.read_from(resource) as model_dir:
        model_file(model_dir, "entity").unlink()

    loaded = CRFEntityExtractor.load(CRFEntityExtractor.get_default_config(), storage, resource, context)

    assert _entities(loaded, pipeline) == after_training
