"""First help in seven languages, at the reply level: the citizen's message goes through the language
component as the NLU would run it, the rule's action answers, and the test reads the reply."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.languages import ActionChooseLanguage, ActionFirstHelp
from actions.wording import catalogue
from bot.nlp.language import LanguageGuesser
from components.language_detector import LanguageDetector
from tests.actions.conftest import make_tracker, run, texts

DETECTOR = LanguageDetector({})
ACTIONS = {"first_help": ActionFirstHelp(), "choose_language": ActionChooseLanguage()}


def converse(text: str, slots: dict[str, Any] | None = None) -> tuple[list[dict], list[dict], dict[str, Any]]:
    """One turn: NLU (the German classifier guessed a course search), slot mapping, the rule's action."""
    message = Message(data={"text": text})
    message.set("intent", {"name": "search_course", "confidence": 0.5}, add_to_output=True)
    DETECTOR.process([message])
    intent = message.get("intent")["name"]
    entities = message.get("entities") or []
    slots = dict(slots or {})
    slots.update({e["entity"]: e["value"] for e in entities if e["entity"] == "language"})
    tracker = make_tracker(text=text, intent=intent, entities=entities, slots=slots)
    assert intent in ACTIONS, f"{text!r} was not taken as first help or a language choice: {intent}"
    events, messages = run(ACTIONS[intent], tracker)
    for event in events:
        if event.get("event") == "slot":
            slots[event["name"]] = event["value"]
    return events, messages, slots


CITIZENS = [
    ("en", "Hello, I am from Syria and live in Bottrop. I need a German course for work.", "integration course"),
    ("en", "I got my engineering degree in Nigeria. How can I get it recognised here?", "Recognition"),
    ("ar", "مرحبا، أنا من سوريا وأعيش في بوتروب. أحتاج دورة لغة ألمانية للعمل.", "دورة الاندماج"),
    ("ar", "أنا مهندس من العراق، كيف يمكنني الاعتراف بشهادتي في ألمانيا؟", "الاعتراف بشهادتك"),
    ("uk", "Добрий день, я з Харкова, живу в Крефельді і шукаю курс німецької мови", "Інтеграційний курс"),
    ("ru", "Здравствуйте, я ищу курс немецкого языка для работы медсестрой", "Интеграционный курс"),
    ("tr", "Merhaba, Krefeld'de oturuyorum ve iş için Almanca kursu arıyorum", "Uyum kursu"),
    ("fa", "سلام، من از افغانستان هستم و در بوتروپ زندگی می‌کنم. دنبال کلاس زبان آلمانی هستم", "دوره ادغام"),
    ("fa", "مدرک پرستاری من از ایران است، چطور در آلمان به رسمیت شناخته می‌شود؟", "به رسمیت شناختن"),
    ("zh", "你好，我住在韦瑟尔，想找一个德语课程", "融入课程"),
]


@pytest.mark.parametrize(("language", "text", "native_phrase"), CITIZENS)
def test_a_message_in_another_language_gets_first_help_in_that_language(
    language: str, text: str, native_phrase: str
) -> None:
    _, messages, slots = converse(text)
    reply = texts(messages)
    assert native_phrase in reply
    # Offices and programmes keep their German names, so that the citizen can ask for them.
    for term in ("Integrationskurs", "Berufssprachkurs", "BAMF", "Jobcenter", "IQ Netzwerk"):
        assert term in reply
    assert "anerkennung-in-deutschland.de" in reply
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        "/request_callback",
        '/choose_language{"language":"en"}',
        "/request_plain_language",
    ]
    assert slots["language"] == language
    assert LanguageGuesser().guess(reply).language == language  # the reply really is in that language


def test_english_first_help_says_that_course_details_stay_german() -> None:
    _, messages, _ = converse("Hello, I need help with finding a course in Wesel")
    expected = "I can go on in English or in simple German. Course titles and descriptions stay in German."
    assert expected in texts(messages)
    assert [b["title"] for b in messages[0]["buttons"]] == [
        "Arrange a callback",
        "Continue in English",
        "Simple German (Einfaches Deutsch)",
    ]


def test_a_second_message_in_the_same_language_gets_the_short_answer() -> None:
    _, _, slots = converse("Здравствуйте, я ищу курс немецкого языка")
    _, messages, _ = converse("А сколько стоит курс и где он проходит?", slots)
    reply = texts(messages)
    assert reply.startswith("Эту первую помощь я уже показал. Дальше я могу отвечать только на немецком.")
    assert "Integrationskurs" not in reply


def test_german_messages_are_not_first_help() -> None:
    message = Message(data={"text": "Ich suche einen Online-Kurs für Coaching in Krefeld"})
    message.set("intent", {"name": "search_course", "confidence": 0.9}, add_to_output=True)
    DETECTOR.process([message])
    assert message.get("intent")["name"] == "search_course"


def test_english_please_after_arabic_first_help_continues_in_english() -> None:
    _, _, slots = converse("مرحبا، أحتاج مساعدة في العثور على عمل ودورة لغة")
    _, messages, slots = converse("English please", slots)
    assert "I am an automated assistant" in texts(messages)  # the overview, now in English
    assert slots["language"] == "en"
    _, messages, _ = converse("Can we speak English?", slots)
    assert "Fine, I will answer in English. Course titles and details stay in German" in texts(messages)
    assert messages[0]["buttons"][-1] == {"title": "Deutsch (German)", "payload": '/choose_language{"language":"de"}'}


def test_deutsch_bitte_switches_back_to_german() -> None:
    _, _, slots = converse("Hello, I am looking for a job-related German course")
    _, messages, slots = converse("Deutsch bitte", slots)
    assert texts(messages) == "Gern, ich schreibe auf Deutsch. Was möchten Sie tun?"
    assert slots["language"] == "de"


def test_a_language_button_without_typing_works_too() -> None:
    tracker = make_tracker(
        text='/choose_language{"language":"tr"}',
        intent="choose_language",
        entities=[{"entity": "language", "value": "tr"}],
        slots={"language": "tr"},
    )
    _, messages = run(ActionChooseLanguage(), tracker)
    assert "Uyum kursu (Integrationskurs" in texts(messages)


FIRST_HELP_KEYS = ("first_help", "first_help_again", "language_english")


@pytest.mark.parametrize("key", FIRST_HELP_KEYS)
def test_every_text_in_another_language_says_who_wrote_and_reviewed_it(key: str) -> None:
    entry = catalogue()[key]
    languages = [code for code in ("en", "ar", "uk", "ru", "tr", "fa", "zh") if code in entry]
    assert languages
    for code in languages:
        assert "geprüft" in entry["written"][code]
        for button in entry.get("buttons") or []:
            assert button.get(code), f"{key}: a button has no title in {code}"


def test_a_language_asked_for_inside_a_form_is_a_short_yes_in_that_language() -> None:
    for text, language, reply in [
        ("English please", "en", "Fine, I will write in English now."),
        ("Deutsch bitte", "de", "Gern, ich schreibe jetzt auf Deutsch."),
    ]:
        message = Message(data={"text": text})
        DETECTOR.process([message])
        entities = message.get("entities")
        tracker = make_tracker(text=text, intent="choose_language", entities=entities, active_loop="course_search_form")
        events, messages = run(ActionChooseLanguage(), tracker)
        assert texts(messages) == reply  # the form then asks its question again (tests/e2e/test_flows.py)
        assert [(e["name"], e["value"]) for e in events if e.get("event") == "slot"] == [("language", language)]


@pytest.mark.parametrize(("text", "shown"), [
    ("evening only pls", "abends"), ("only the ones with certificate please", ""),
])
def test_an_english_refinement_right_after_a_list_narrows_it_instead_of_first_help(
    demo_db: str, text: str, shown: str
) -> None:
    from actions.courses import ActionSearchCourses

    message = Message(data={"text": text})
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.45}, add_to_output=True)
    DETECTOR.process([message])
    assert message.get("intent")["name"] == "first_help"
    entities = message.get("entities") or []
    slots: dict[str, Any] = {"topic": "Englisch", "place": "Krefeld", "language": "en"}
    tracker = make_tracker(text=text, intent="first_help", entities=entities, slots=slots)
    tracker.events = [{"event": "action", "name": "action_search_courses"},
                      {"event": "action", "name": "action_listen"}]  # fmt: skip
    events, messages = run(ActionFirstHelp(), tracker)
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_search_courses"] and messages == []
    slots.update({e["entity"]: e["value"] for e in entities if e["entity"] != "language"})
    _, messages = run(ActionSearchCourses(), make_tracker(text=text, intent="first_help", entities=entities,
                                                          slots=slots))  # fmt: skip
    cards = [m["text"] for m in messages if m.get("text", "").startswith("1. ")]
    assert cards and shown in cards[0]
    assert "I am an automated assistant" not in texts(messages)
