"""Towns where citizens put them: first in the message ("Köln Excel Kurs abends") or in English ("Cologne")."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.geo.gazetteer import find
from bot.search.mentions import place_in_text


def test_a_town_opening_the_message_is_its_place(demo: Session) -> None:
    assert place_in_text(demo, "Dortmund Buchhaltung am Wochenende") == "Dortmund"
    assert place_in_text(demo, "Bad Arolsen Englisch für Anfänger") == "Bad Arolsen"


def test_a_course_word_or_a_lower_case_word_opening_the_message_is_no_town(demo: Session) -> None:
    assert place_in_text(demo, "Pflege Kurs") is None
    assert place_in_text(demo, "Deutsch Kurs") is None
    assert place_in_text(demo, "ich suche einen Kurs") is None


def test_english_names_of_german_towns_are_found() -> None:
    assert find("Cologne").name == "Köln" and find("Munich").name == "München"
    assert find("Nuremberg").name == "Nürnberg"


def test_a_card_is_pointed_at_in_english_too() -> None:
    from bot.search.mentions import course_number

    assert course_number("details on the first one") == 1
    assert course_number("the last one please") == -1
    assert course_number("first aid course") is None  # a course, not a card


def test_a_home_town_anywhere_in_an_english_message_is_its_place(demo: Session) -> None:
    text = "electrician upskilling course dinslaken. I am electrician from syria, want to work here"
    assert place_in_text(demo, text) == "dinslaken"
    assert place_in_text(demo, "Kurs für Elektriker dinslaken gesucht") is None  # German needs "in"
    assert place_in_text(demo, "I need a job, can you help me") is None


def test_a_question_whether_the_bot_covers_a_town_names_the_town(demo: Session) -> None:
    assert place_in_text(demo, "Deckt ihr eigentlich auch Köln ab? Ich suche einen Pflegekurs.") == "Köln"
    assert place_in_text(demo, "Seid ihr auch für Essen zuständig?") == "Essen"
    assert place_in_text(demo, "Deckt ihr auch Buchhaltung ab?") is None  # no town


def test_a_course_wish_with_two_towns_is_still_a_course_wish(demo: Session) -> None:
    from bot.search.mentions import bare_course_wish

    # "… in Hamminkeln oder Wesel" got "Das habe ich leider nicht verstanden": "Wesel" was taken for a course word
    assert bare_course_wish(demo, "Excel Kurs in Voerde oder Dinslaken") == ("Excel", "Voerde")
