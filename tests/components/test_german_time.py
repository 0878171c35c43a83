"""The ``time`` entity a trained bot adds to a message, checked on the component alone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from components.german_time import GermanTimeExtractor

TUESDAY_MORNING = datetime(2026, 11, 24, 9, 40)


def make_extractor(tmp_path: Path, **config: Any) -> GermanTimeExtractor:
    return GermanTimeExtractor.create(
        {**GermanTimeExtractor.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("german_time"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def entities_of(extractor: GermanTimeExtractor, text: str, sent: datetime | None = TUESDAY_MORNING) -> list[dict]:
    message = Message(data={"text": text}, time=sent.timestamp() if sent else None)
    [processed] = extractor.process([message])
    return processed.get(ENTITIES, [])


def test_morgen_vormittag_inside_a_question_is_tomorrow_morning(tmp_path: Path) -> None:
    text = "Kann mich jemand morgen vormittag anrufen?"
    [entity] = entities_of(make_extractor(tmp_path), text)
    assert entity == {
        "entity": "time",
        "start": text.index("morgen"),
        "end": text.index(" anrufen"),
        "value": {
            "start": "2026-11-25T08:00:00",
            "end": "2026-11-25T12:00:00",
            "label": "Mittwoch, 25.11.2026, vormittags (8–12 Uhr)",
        },
        "extractor": "GermanTimeExtractor",
        "confidence": 1.0,
    }


def test_weekday_with_a_start_time_runs_to_the_end_of_the_working_day(tmp_path: Path) -> None:
    [entity] = entities_of(make_extractor(tmp_path), "Dienstag ab 14 Uhr")
    assert (entity["start"], entity["end"]) == (0, len("Dienstag ab 14 Uhr"))
    assert entity["value"]["start"] == "2026-12-01T14:00:00"  # on a Tuesday, "Dienstag" is next week's
    assert entity["value"]["end"] == "2026-12-01T18:00:00"


def test_course_search_without_a_time_gets_no_time_entity(tmp_path: Path) -> None:
    assert entities_of(make_extractor(tmp_path), "Pflegekurs in Krefeld") == []


def test_span_points_at_what_the_citizen_typed_despite_umlauts(tmp_path: Path) -> None:
    text = "Rückruf bitte übermorgen gegen halb drei, danke"
    [entity] = entities_of(make_extractor(tmp_path), text)
    assert text[entity["start"] : entity["end"]] == "übermorgen gegen halb drei"
    assert entity["value"]["start"] == "2026-11-26T14:00:00"


def test_entities_of_earlier_extractors_are_kept(tmp_path: Path) -> None:
    city = {"entity": "city", "start": 19, "end": 26, "value": "Krefeld", "extractor": "DIETClassifier"}
    message = Message(data={"text": "Beratung morgen in Krefeld", ENTITIES: [city]}, time=TUESDAY_MORNING.timestamp())
    [processed] = make_extractor(tmp_path).process([message])
    assert [e["entity"] for e in processed.get(ENTITIES)] == ["city", "time"]


def test_entity_name_comes_from_the_pipeline_config(tmp_path: Path) -> None:
    [entity] = entities_of(make_extractor(tmp_path, entity="rueckrufzeit"), "morgen")
    assert entity["entity"] == "rueckrufzeit"


def test_without_a_send_time_the_window_is_relative_to_now(tmp_path: Path) -> None:
    before = date.today()
    [entity] = entities_of(make_extractor(tmp_path), "morgen vormittag", sent=None)
    after = date.today()
    started = datetime.fromisoformat(entity["value"]["start"]).date()
    assert started in {before + timedelta(days=1), after + timedelta(days=1)}


@pytest.mark.parametrize("text", ["", "Ich suche einen Kurs", "Raum 3.12 im 2. Stock"])
def test_messages_without_time_words_stay_untouched(tmp_path: Path, text: str) -> None:
    assert entities_of(make_extractor(tmp_path), text) == []
