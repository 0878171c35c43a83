"""The situation entities a trained bot adds to a message, checked on the component alone."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from components.situation_extractor import SituationExtractor


def entities_of(tmp_path: Path, text: str, earlier: list[dict] | None = None) -> list[dict]:
    extractor = SituationExtractor.create(
        {}, LocalModelStorage(tmp_path), Resource("situation"), ExecutionContext(GraphSchema({}), "test")
    )
    message = Message(data={"text": text, ENTITIES: list(earlier or [])})
    [processed] = extractor.process([message])
    return processed.get(ENTITIES, [])


def test_a_story_gives_one_entity_per_slot_pointing_at_its_words(tmp_path: Path) -> None:
    text = "Ich bin 52, beziehe ALG 1 und habe eine abgeschlossene Ausbildung als Einzelhandelskauffrau."
    found = {e["entity"]: e for e in entities_of(tmp_path, text)}
    assert {k: e["value"] for k, e in found.items()} == {
        "age": 52,
        "benefits": "alg1",
        "employment_status": "arbeitslos",
        "has_qualification": True,
    }
    assert text[found["age"]["start"] : found["age"]["end"]] == "bin 52"
    assert all(e["extractor"] == "SituationExtractor" for e in found.values())


def test_the_rules_replace_the_crf_for_the_same_entity_and_keep_the_others(tmp_path: Path) -> None:
    crf = [
        {"entity": "employment_status", "value": "beschaeftigt", "start": 8, "end": 18, "extractor": "CRF"},
        {"entity": "place", "value": "Wesel", "start": 34, "end": 39, "extractor": "CRF"},
    ]
    found = entities_of(tmp_path, "bin arbeitslos gemeldet, wohne in Wesel", crf)
    assert [(e["entity"], e["value"]) for e in found] == [("place", "Wesel"), ("employment_status", "arbeitslos")]


def test_an_employer_is_marked_and_a_button_is_not_read(tmp_path: Path) -> None:
    found = entities_of(tmp_path, "Als Arbeitgeber mit 30 Beschäftigten: was zahlt die Agentur?")
    assert {e["entity"]: e["value"] for e in found} == {"speaker": "employer", "company_size": 30}
    assert entities_of(tmp_path, '/inform{"answer":"unknown"}') == []
