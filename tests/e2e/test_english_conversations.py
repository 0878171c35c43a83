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


def test_an_english_search_that_names_its_town_is_answered_in_english(bot: RunningBot) -> None:
    """ "bad" in Bad Wildungen, a town at the end: the search was answered in German."""
    said = joined(bot, citizen(), "elderly care classes bad wildungen")
    assert "matching courses" in said or "I found" in said, said
    assert "Ich habe" not in said and "Möchten Sie" not in said, said


def test_a_short_english_wish_to_be_called_gets_the_english_consent_question(bot: RunningBot) -> None:
    said = joined(bot, citizen(), "call me")
    assert "For a callback I store" in said, said


def test_a_wish_to_be_called_about_a_programme_starts_the_callback(bot: RunningBot) -> None:
    said = joined(bot, citizen(), "Can somebody ring me about the Bildungsgutschein?")
    assert "For a callback I store" in said, said


def test_after_a_courses_details_how_to_enrol_names_the_provider(bot: RunningBot) -> None:
    sender = citizen()
    joined(bot, sender, "bookkeeping course in Krefeld")
    joined(bot, sender, "details of the second one")
    said = joined(bot, sender, "How can I enrol?")
    assert FIRST_HELP not in said and "directly with the provider" in said, said


def test_an_english_filter_after_a_list_narrows_it(bot: RunningBot) -> None:
    sender = citizen()
    joined(bot, sender, "Excel course in Wesel")
    said = joined(bot, sender, "rather online please, I have small kids")
    assert FIRST_HELP not in said and "online" in said and "Start: " in said, said


def test_the_number_of_the_agencys_service_line_is_given(bot: RunningBot) -> None:
    said = joined(bot, citizen(), "what is the hotline of the Arbeitsagentur?")
    assert "0800 4 5555 00" in said, said


def test_a_notice_said_in_passing_answers_the_check(bot: RunningBot) -> None:
    said = joined(bot, citizen(), "I was made redundant last week. Could I get Qualifizierungsgeld?")
    assert "Probably not" in said and "terminated" in said, said


def test_a_faq_answer_on_training_leave_is_said_in_english(bot: RunningBot) -> None:
    said = joined(bot, citizen(), "How many days of Bildungsurlaub are there in Hessen and how early do I apply?")
    assert "Arbeitstage" not in said and "Antrag" not in said, said
    assert "working days" in said, said


def test_an_employee_asking_who_pays_for_a_course_gets_the_funding_for_employees(bot: RunningBot) -> None:
    message = "My firm would like me to take a 160 hour welding certificate course. Is there any funding?"
    said = joined(bot, citizen(), message)
    assert "§ 82" in said and "employer" in said, said
    assert "found no matching course" not in said, said
