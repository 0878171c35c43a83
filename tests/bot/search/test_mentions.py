"""The words of a request that name the course, whatever other entities the NLU adds."""

from __future__ import annotations

from bot.search.mentions import course_words

TEXT = "Gibt es einen Lehrgang Orgelbau in Fritzlar?"
PLACE = {"entity": "place", "value": "Fritzlar", "start": 35, "end": 43}


def test_the_town_is_left_out_and_the_subject_kept() -> None:
    assert course_words(TEXT, [PLACE]) == "Orgelbau"


def test_entities_about_the_whole_message_do_not_swallow_the_subject() -> None:
    whole = [{"entity": name, "value": "x", "start": 0, "end": len(TEXT)} for name in ("language", "employment_status")]
    assert course_words(TEXT, [PLACE, *whole]) == "Orgelbau"
