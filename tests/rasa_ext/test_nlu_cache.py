"""Short, frequent messages are understood once; form answers and personal data are never kept."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActiveLoop
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext import nlu_cache
from tests.stores.test_tracker_store import DOMAIN


class Parser:
    """Stands in for the NLU graph: counts the texts it parses, entities by text."""

    def __init__(self, entities: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.parsed: list[str] = []
        self.entities = entities or {}

    def __call__(self, processor: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker,
                 only_output_properties: bool = True) -> dict[str, Any]:
        self.parsed.append(message.text)
        return {"text": message.text, "intent": {"name": "greet", "confidence": 0.9},
                "entities": list(self.entities.get(message.text, []))}


@pytest.fixture()
def parser(monkeypatch: pytest.MonkeyPatch) -> Parser:
    found = Parser({
        "Ich heiße Erika Muster": [{"entity": "person_name", "value": "Erika Muster"}],
        "morgen vormittag": [{"entity": "time", "value": {"start": "…"}}],
        "Pflege in Krefeld": [{"entity": "topic", "value": "Pflege"}, {"entity": "place", "value": "Krefeld"}],
    })
    monkeypatch.setattr(nlu_cache, "uncached", found)
    monkeypatch.delenv("LOTSE_NLU_CACHE", raising=False)
    return found


def _processor() -> MessageProcessor:
    return MessageProcessor.__new__(MessageProcessor)


def _tracker(in_form: bool = False) -> DialogueStateTracker:
    tracker = DialogueStateTracker("s", DOMAIN.slots)
    if in_form:
        tracker.update(ActiveLoop("callback_form"))
    return tracker


def parse(processor: MessageProcessor, text: str, tracker: DialogueStateTracker | None = None) -> dict[str, Any]:
    return nlu_cache.parse_message_with_graph(processor, UserMessage(text, sender_id="s"), tracker or _tracker())


def test_a_frequent_short_message_is_understood_once(parser: Parser) -> None:
    processor = _processor()
    first = parse(processor, "Pflege in Krefeld")
    first["intent"]["name"] = "changed by Rasa"  # Rasa adds to the result it gets
    second = parse(processor, "Pflege in Krefeld")
    assert parser.parsed == ["Pflege in Krefeld"]
    assert second["intent"]["name"] == "greet" and second["entities"][1]["value"] == "Krefeld"


@pytest.mark.parametrize("text", [
    "Ich heiße Erika Muster",  # a personal entity
    "morgen vormittag",  # a time entity: depends on when it was sent
    "0171 2345678",  # digits
    "erika@example.org",
    ("Ich suche " + "eine sehr lange Beschreibung " * 4).strip(),  # longer than MAX_CHARS
])
def test_personal_data_times_and_long_texts_are_understood_every_time(parser: Parser, text: str) -> None:
    processor = _processor()
    parse(processor, text)
    parse(processor, text)
    assert parser.parsed == [text, text]


def test_answers_inside_a_form_are_never_kept(parser: Parser) -> None:
    processor = _processor()
    parse(processor, "Erika Muster", _tracker(in_form=True))
    parse(processor, "Erika Muster", _tracker(in_form=True))
    assert parser.parsed == ["Erika Muster", "Erika Muster"]
    assert processor.__dict__.get(nlu_cache._CACHE, {}) == {}


def test_kept_results_expire_and_are_dropped_with_the_next_message(parser: Parser, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = [1000.0]
    monkeypatch.setattr(nlu_cache.time, "monotonic", lambda: clock[0])
    processor = _processor()
    parse(processor, "Danke")
    clock[0] += nlu_cache.MAX_AGE_SECONDS + 1
    parse(processor, "Hallo")  # the next message, another text
    assert [key[0] for key in processor.__dict__[nlu_cache._CACHE]] == ["Hallo"]
    parse(processor, "Danke")
    assert parser.parsed == ["Danke", "Hallo", "Danke"]


def test_at_most_max_entries_are_kept(parser: Parser, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(nlu_cache, "MAX_ENTRIES", 3)
    processor = _processor()
    for text in ("eins", "zwei", "drei", "vier"):
        parse(processor, text)
    assert [key[0] for key in processor.__dict__[nlu_cache._CACHE]] == ["zwei", "drei", "vier"]


def test_it_can_be_turned_off(parser: Parser, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LOTSE_NLU_CACHE", "0")
    processor = _processor()
    parse(processor, "Hallo")
    parse(processor, "Hallo")
    assert parser.parsed == ["Hallo", "Hallo"]
