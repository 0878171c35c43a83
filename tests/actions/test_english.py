"""English answers for a citizen whose language is English: greeting, capabilities, course search
questions and results header, no results, the callback questions. Reply level: the action (or
Rasa's response generator for domain responses) with the slot as the conversation set it."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.executor import CollectingDispatcher

from actions.callback import ActionSubmitCallback, AskConfirm, AskConsent, AskContact, AskName, AskTime, AskTopic
from actions.courses import AskPlace
from actions.courses import AskTopic as AskCourseTopic
from actions.wording import catalogue, say
from bot.config import load_settings
from bot.privacy.consent import ARCHIVE
from tests.actions.conftest import CONFIRMED, make_tracker, run, texts

ENGLISH = {"language": "en"}
DOMAIN = Domain.load("domain.yml")


def response(name: str, slots: dict[str, object]) -> dict:
    tracker = DialogueStateTracker.from_events("c-en", [SlotSet(k, v) for k, v in slots.items()], DOMAIN.slots)
    return asyncio.run(TemplatedNaturalLanguageGenerator(DOMAIN.responses).generate(name, tracker, "rest"))


def test_greeting_and_capabilities_in_english_say_that_course_details_are_german() -> None:
    greeting = response("utter_greet", ENGLISH)
    assert greeting["text"].startswith("Hello! I am the Weiterbildungslotse")
    assert "Course details are in German." in greeting["text"]
    titles = [b["title"] for b in greeting["buttons"]]
    assert titles == ["Find a course", "Who pays for my training?", "Talk to a person"]
    capabilities = response("utter_capabilities", ENGLISH)["text"]
    assert "Bildungsgutschein, an education voucher" in capabilities
    assert response("utter_greet", {"language": "de"})["text"].startswith("Guten Tag!")


def test_the_course_search_asks_in_english() -> None:
    _, messages = run(AskCourseTopic(), make_tracker(slots=ENGLISH))
    assert texts(messages).startswith("Which subject are you interested in? German words work best")
    _, messages = run(AskPlace(), make_tracker(slots={**ENGLISH, "topic": "Pflege"}))
    assert texts(messages) == (
        "In which town are you looking for a course on „Pflege“? For example Krefeld, Moers or Korbach. "
        "You can also write „online“."
    )


def test_results_header_and_no_results_in_english() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=ENGLISH)
    say(dispatcher, tracker, "courses_intro", count=4, window=" ab März")
    say(dispatcher, tracker, "no_courses", topic="Schweißen", where=" in Moers", constraints="")
    say(dispatcher, tracker, "courses_more_hint", first=1)
    assert [m["text"] for m in dispatcher.messages][:2] == [
        "I found 4 matching courses. Here are the next dates (course details are in German):",
        "Sorry, I found no matching course for „Schweißen“ in Moers. The course search works best with German "
        "words, for example Pflege, IT or Deutsch.",
    ]
    assert [b["title"] for b in dispatcher.messages[2]["buttons"]] == ["Show more", "Details of course 1"]


@pytest.mark.parametrize(
    ("ask", "slots", "begins"),
    [
        (AskConsent, {}, "For a callback I store your name"),
        (AskTopic, {}, "What should the conversation be about?"),
        (AskName, {}, "What is your name?"),
        (AskContact, {}, "At which phone number or e-mail address can we reach you?"),
        (AskTime, {}, "When would a call suit you? For example „tomorrow morning“"),
        (AskConfirm, {"callback_topic": "Förderung und Kosten", "callback_name": "Anna Smith",
                      "callback_contact": "0151 23456789", "callback_time": "Montag vormittags"},
         "Please check your details:\nTopic: Förderung und Kosten\nName: Anna Smith"),
    ],
)
def test_the_callback_questions_in_english(ask: type, slots: dict, begins: str) -> None:
    _, messages = run(ask(), make_tracker(slots={**ENGLISH, **slots}))
    assert texts(messages).startswith(begins)
    for button in messages[0].get("buttons") or []:
        assert button["title"] not in ("Ja, einverstanden", "Nein", "Ja, eintragen", "Einen Kurs finden")


def test_a_callback_booked_in_english(offers_db: str) -> None:
    _, messages = run(ActionSubmitCallback(), make_tracker(sender="c-en", slots={**CONFIRMED, **ENGLISH}))
    assert texts(messages).startswith("Your callback is booked. Your reference number is WL-")


def test_every_english_text_says_who_wrote_it_and_its_buttons_are_english_too() -> None:
    english = {key: entry for key, entry in catalogue().items() if isinstance(entry, dict) and entry.get("en")}
    assert len(english) >= 20
    for key, entry in english.items():
        assert "geprüft" in (entry.get("written") or {}).get("en", ""), key
        for button in entry.get("buttons") or []:
            assert button.get("en"), f"{key}: button {button['title']!r} has no English title"


def test_an_answer_without_english_text_is_announced_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every answer has its English text now (tests/bot/wording/test_english.py); a new one without it:
    monkeypatch.setitem(catalogue(), "centres_ask_place", {"text": "Für welchen Ort suchen Sie eine Beratungsstelle?"})
    dispatcher = CollectingDispatcher()
    say(dispatcher, make_tracker(slots=ENGLISH), "centres_ask_place")
    assert [m["text"] for m in dispatcher.messages] == [
        "The following answer is only available in German so far.",
        "Für welchen Ort suchen Sie eine Beratungsstelle?",
    ]
    dispatcher = CollectingDispatcher()
    say(dispatcher, make_tracker(slots=ENGLISH), "courses_intro", count=2, window="")
    say(dispatcher, make_tracker(slots=ENGLISH), "demo_data_notice")
    assert "only available in German" not in texts(dispatcher.messages)  # an English turn: no notice in between


def test_the_english_consent_question_is_the_archived_english_wording_of_the_configured_version() -> None:
    settings = load_settings()
    archived = yaml.safe_load(ARCHIVE.read_text(encoding="utf-8"))[settings.consent_version]["en"]
    _, messages = run(AskConsent(), make_tracker(slots=ENGLISH))
    assert texts(messages) == archived.format(retention_days=settings.retention_days)
    assert "the language you write in" in texts(messages)
