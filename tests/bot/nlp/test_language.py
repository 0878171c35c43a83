"""Which language a message is in: the bias to German, and the languages of first help."""

from __future__ import annotations

import pytest

from bot.nlp.language import LanguageGuesser
from bot.nlp.language_choice import requested_language

GUESSER = LanguageGuesser()

CLEARLY = [
    ("Hello, I am from Syria and live in Bottrop. I need a German course for work.", "en"),
    ("I got my nursing degree in Nigeria. How can I get it recognised in Germany?", "en"),
    ("Can I get a Bildungsgutschein?", "en"),
    ("Where is the Jobcenter in Bottrop?", "en"),
    ("Do I have to register with the Agentur für Arbeit before I can get a Bildungsgutschein?", "en"),
    ("مرحبا، أنا من سوريا وأعيش في بوتروب. أحتاج دورة لغة ألمانية للعمل.", "ar"),
    ("مرحبا", "ar"),
    ("سلام، من از افغانستان هستم و دنبال کلاس زبان آلمانی هستم", "fa"),
    ("مدرک من از ایران است. چطور می‌توانم آن را در آلمان به رسمیت بشناسم؟", "fa"),
    ("Привіт, я з Харкова і шукаю курс німецької мови в Крефельді", "uk"),
    ("Добрий день! Чи можу я отримати безкоштовну консультацію?", "uk"),
    ("Здравствуйте, я ищу курс немецкого языка для работы", "ru"),
    ("Привет", "ru"),
    ("Merhaba, Krefeld'de Almanca kursu arıyorum", "tr"),
    ("Merhaba, iş için Almanca kursu arıyorum", "tr"),
    ("你好，我想在克雷费尔德找德语课", "zh"),
    ("你好", "zh"),
    ("Ich suche einen Online-Kurs für Coaching in Krefeld", "de"),
    ("Gibt es Online-Kurse für Social Media Manager?", "de"),
    ("Ich brauche einen Job im Homeoffice", "de"),
]


@pytest.mark.parametrize(("text", "language"), CLEARLY)
def test_clear_messages_are_read_in_their_language(text: str, language: str) -> None:
    guess = GUESSER.guess(text)
    assert (guess.language, guess.clear) == (language, True)


GERMAN_ASSUMED = [
    "Job in Krefeld",  # loanword, short
    "Ayşe Kaya",  # names in the callback form
    "Yılmaz",
    "Ich bin Ewa Wiśniewska",  # a foreign name in a German sentence
    "am besten am Donnerstag",  # "am" is German too
    "Coaching Online Kurs",
    "John Smith",  # a name in the callback form
    "Anna Schmidt",
    "Krefeld",
    "Hallo",
    "Hi",
    "ok",
    "name@example.com",
    "+49 2151 123456",
    "Ich habe einen Bachelor in Computer Science",  # mixed
    "Ich möchte ein Coaching machen, also personal development for my career",
    "/search_course",
    "",
]


@pytest.mark.parametrize("text", GERMAN_ASSUMED)
def test_short_and_mixed_messages_count_as_german(text: str) -> None:
    assert GUESSER.guess(text).language == "de"


def test_beginners_german_is_german() -> None:
    assert GUESSER.guess("ich suchen deutsch kurs").language == "de"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Deutsch bitte", "de"),
        ("Bitte auf Deutsch", "de"),
        ("Sprechen Sie Englisch?", "en"),
        ("English please", "en"),
        ("Can we speak English?", "en"),
        ("auf Arabisch bitte", "ar"),
        ("Lütfen Türkçe", "tr"),
        ("In Farsi please", "fa"),
    ],
)
def test_a_language_asked_for_is_chosen(text: str, language: str) -> None:
    assert requested_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "Deutsch",  # answers "Welches Thema?"
        "Englisch",
        "Ich suche einen Kurs auf Englisch",  # a course taught in English
        "Deutschkurs bitte",
        "einfaches Deutsch bitte",  # plain language, a different wish
        "Ich wohne in Deutschland",
        "Deutsch oder Englisch bitte",  # two languages: no choice made
        "Englisch abends in Fritzlar, Start ab April",  # a course search, "in" belongs to the town
        "Rückruf bitte",
    ],
)
def test_topics_and_plain_language_are_not_a_language_choice(text: str) -> None:
    assert requested_language(text) is None


@pytest.mark.parametrize("text", ["excel courses in Wesel", "more please", "show more", "anything cheaper?"])
def test_short_english_requests_are_english(text: str) -> None:
    assert GUESSER.guess(text).language == "en"


@pytest.mark.parametrize("text", ["staatlich geprüfter Techniker", "Küchenmeister at the IHK", "Hesse, Bad Wildungen"])
def test_german_names_in_an_english_answer_are_no_clear_german(text: str) -> None:
    assert not GUESSER.guess(text).clear


@pytest.mark.parametrize(
    ("text", "names", "language"),
    [
        ("welding classes Dinslaken", ["Dinslaken"], "en"),  # an English course subject German never says
        ("elderly care classes bad wildungen", ["bad wildungen"], "en"),  # "bad" no longer reads German
        ("Pflegekurs Bad Wildungen", ["Bad Wildungen"], "de"),
        ("IT Security Training Krefeld", ["Krefeld"], "de"),  # loanwords without their place: still German
        ("Social Media Marketing Krefeld", ["Krefeld"], "de"),
        ("Krefeld", ["Krefeld"], "de"),
    ],
)
def test_places_say_nothing_about_the_language(text: str, names: list[str], language: str) -> None:
    assert GUESSER.guess(text, names).language == language


def test_a_short_wish_to_be_called_is_english() -> None:
    assert (GUESSER.guess("call me").language, GUESSER.guess("call me").clear) == ("en", True)
