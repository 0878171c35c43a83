"""The words of a request that name the course, whatever other entities the NLU adds."""

from __future__ import annotations

from bot.search.mentions import course_words, wished_topic

TEXT = "Gibt es einen Lehrgang Orgelbau in Fritzlar?"
PLACE = {"entity": "place", "value": "Fritzlar", "start": 35, "end": 43}


def test_the_town_is_left_out_and_the_subject_kept() -> None:
    assert course_words(TEXT, [PLACE]) == "Orgelbau"


def test_entities_about_the_whole_message_do_not_swallow_the_subject() -> None:
    whole = [{"entity": name, "value": "x", "start": 0, "end": len(TEXT)} for name in ("language", "employment_status")]
    assert course_words(TEXT, [PLACE, *whole]) == "Orgelbau"


def topic(value: str, text: str) -> dict:
    start = text.index(value)
    return {"entity": "topic", "value": value, "start": start, "end": start + len(value)}


def test_of_two_topics_the_one_wished_is_searched_not_the_one_told() -> None:
    text = "bin im lager beschäftigt. möchte jetzt gabelstapler fahren lernen, wohne in korbach"
    assert wished_topic(text, [topic("lager", text), topic("gabelstapler", text)]) == "gabelstapler"


def test_topics_wished_together_are_left_as_the_nlu_read_them() -> None:
    text = "ich suche einen kurs für excel und word"
    assert wished_topic(text, [topic("excel", text), topic("word", text)]) is None
    assert wished_topic("pflege", [topic("pflege", "pflege")]) is None
