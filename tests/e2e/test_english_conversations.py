"""English conversations end to end (issue 21): what an English citizen reads in follow-ups, in a form
answered with a German phrase, as an employer, and for a town outside the regions."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import RunningBot

FIRST_HELP = "I am an automated assistant for continuing education"


def joined(bot: RunningBot, sender: str, message: str) -> str:
    return "\n".join(bot.texts(sender, message))


def citizen() -> str:
    return f"e2e-{uuid.uuid4().hex}"


def test_the_next_courses_are_shown_in_english_not_the_first_help(bot: RunningBot) -> None:
    sender = citizen()
    said = joined(bot, sender, "do you have german courses in Krefeld?")
    assert "matching courses" in said, said
    said = joined(bot, sender, "show me the next ones")
    assert FIRST_HELP not in said and "4. " in said, said


def test_a_german_dont_know_inside_an_english_check_keeps_english(bot: RunningBot) -> None:
    sender = citizen()
    said = joined(bot, sender, "Would I qualify for the Bildungsscheck? I live in Bottrop.")
    assert "I will check with you whether" in said, said
    said = joined(bot, sender, "weiß ich nicht")
    assert "?" in said and "Sie" not in said and "Wie " not in said, said


def test_an_employer_asking_about_money_gets_the_employer_answer(bot: RunningBot) -> None:
    message = "We are a printing company in Wesel with 30 staff. Who pays if our staff go on courses?"
    said = joined(bot, citizen(), message)
    assert "§ 82" in said and "employer" in said.lower(), said
    assert "found no matching course" not in said


def test_a_town_outside_the_regions_is_explained_in_english(bot: RunningBot) -> None:
    said = joined(bot, citizen(), "Are there nursing courses in Hamburg?")
    assert "Krefeld" in said and "outside" in said, said
    assert "liegt außerhalb" not in said


def test_an_english_start_month_and_a_cheaper_wish_change_the_search(bot: RunningBot) -> None:
    sender = citizen()
    said = joined(bot, sender, "I need a bookkeeping course in Wesel starting in March")
    starts = [line for line in said.split("\n") if line.startswith("Start: ")]
    assert starts and all(".03.2027" in line for line in starts), said  # the start month is a filter
    said = joined(bot, sender, "is there a cheaper one?")
    assert FIRST_HELP not in said and "€" in said, said


def test_an_english_callback_wish_is_no_cancellation(bot: RunningBot) -> None:
    said = joined(bot, citizen(), "Can someone phone me? My German is weak")
    assert "For a callback I store your name" in said, said
    assert "cancel" not in said.lower()
