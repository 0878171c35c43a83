"""A message in beginner's German switches to plain language by itself, and says so once."""

from __future__ import annotations

from typing import Any

from rasa.shared.nlu.training_data.message import Message

from actions.courses import AskPlace
from components.language_detector import LanguageDetector
from tests.actions.conftest import make_tracker, run, texts

DETECTOR = LanguageDetector({})


def parsed(text: str) -> dict[str, Any]:
    message = Message(data={"text": text})
    message.set("intent", {"name": "search_course", "confidence": 0.9}, add_to_output=True)
    message.set("entities", [{"entity": "topic", "value": "deutsch"}], add_to_output=True)
    DETECTOR.process([message])
    return {"text": text, "intent": message.get("intent"), "entities": message.get("entities")}


def ask_place(text: str, events: list[dict[str, Any]] | None = None, plain_before: bool = False) -> list[dict]:
    """The turn as Rasa runs it: slot mapping from the entities, then the form asks for the place."""
    data = parsed(text)
    plain = plain_before or any(e["entity"] == "plain_language" and e["value"] is True for e in data["entities"])
    user = {"event": "user", "text": text, "parse_data": data}
    tracker = make_tracker(text=text, intent=data["intent"]["name"], entities=data["entities"],
                           slots={"topic": "deutsch", "plain_language": plain}, events=[*(events or []), user])
    _, messages = run(AskPlace(), tracker)
    return messages


def test_beginners_german_gets_plain_language_and_is_told_so() -> None:
    messages = ask_place("ich suchen deutsch kurs")
    assert [m["text"] for m in messages] == [
        "Ich schreibe jetzt in einfacher Sprache. Mit kurzen Sätzen.",
        "Sie suchen einen Kurs zu „deutsch“. Wo wohnen Sie? Zum Beispiel: Krefeld. Oder schreiben Sie: online.",
    ]


def test_the_notice_comes_once_per_conversation() -> None:
    earlier = {"event": "user", "text": "ich brauchen hilfe", "parse_data": parsed("ich brauchen hilfe")}
    messages = ask_place("ich suchen deutsch kurs", events=[earlier], plain_before=True)
    assert "einfacher Sprache" not in texts(messages)
    assert texts(messages) == (
        "Sie suchen einen Kurs zu „deutsch“. Wo wohnen Sie? Zum Beispiel: Krefeld. Oder schreiben Sie: online."
    )


def test_fluent_german_keeps_the_standard_wording() -> None:
    messages = ask_place("Ich suche einen Deutschkurs")
    assert texts(messages).startswith("In welchem Ort suchen Sie einen Kurs zu „deutsch“?")
