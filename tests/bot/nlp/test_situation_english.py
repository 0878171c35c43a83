"""English sentences about the writer's situation fill the same slots as German ones (issue 21)."""

from __future__ import annotations

import pytest

from bot.nlp.situation import read_situation, situation_values
from bot.nlp.situation_answers import passing_answers

STORIES = [
    ("I am unemployed and live in Moers", {"employment_status": "arbeitslos"}),
    ("I work for a company with 40 staff", {"employment_status": "beschaeftigt", "company_size": 40}),
    ("I'm 52, out of work since the summer", {"age": 52, "employment_status": "arbeitslos"}),
    ("We run a small joinery with 12 employees", {"speaker": "employer", "company_size": 12}),
    ("HR here, about 300 employees", {"speaker": "employer", "company_size": 300}),
    ("a tiny firm, only 6 of us", {"company_size": 6}),
    ("I'm a trained electrician", {"has_qualification": True}),
    ("no vocational training, I only went to school", {"has_qualification": False}),
    ("I am self-employed as a translator", {"employment_status": "selbststaendig"}),
    ("my contract ends in March", {"threatened_unemployment": True}),
    ("I earn about 2,000 a month", {"taxable_income": 24000}),
    ("I passed B2 last year", {"language_level": "B2"}),
    ("I have been working for 8 years as a driver", {"years_worked": 8, "employment_status": "beschaeftigt"}),
]


@pytest.mark.parametrize(("text", "expected"), STORIES)
def test_an_english_story_fills_the_situation(text: str, expected: dict) -> None:
    assert situation_values(text) == expected


@pytest.mark.parametrize("text", ["I'm not unemployed", "I was unemployed until May", "send 3 employees on a course"])
def test_negations_past_and_participants_are_no_situation(text: str) -> None:
    values = situation_values(text)
    assert "employment_status" not in values and "company_size" not in values, values


def test_the_german_reading_wins_and_spans_point_at_the_english_words() -> None:
    assert situation_values("Ich bin 52 und arbeitslos") == {"age": 52, "employment_status": "arbeitslos"}
    fact = read_situation("Hello, I'm 31.")["age"]
    assert "Hello, I'm 31."[fact.start : fact.end] == "i'm 31".replace("i", "I", 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We came to Germany two months ago", {"months_in_germany": 2}),
        ("I arrived last month", {"months_in_germany": 1}),
        ("I have lived in Germany for a year", {"months_in_germany": 12}),
        ("I have been working for 2 years", {}),
        ("I'm a civil servant", {"civil_servant": True}),
        ("the course has 600 hours", {"course_hours": 600}),
        ("I have a master's degree in chemistry", {"highest_degree": "master"}),
    ],
)
def test_english_answers_to_the_check_in_passing(text: str, expected: dict) -> None:
    assert {k: v for k, v in passing_answers(text).items() if k != "has_vocational_qualification"} == expected


def test_a_notice_given_answers_the_checks_question_whether_one_was_dismissed() -> None:
    from bot.nlp.situation_answers import given_in_passing

    assert given_in_passing("They gave me notice last week, I have received my notice")["dismissed"] is True
    assert given_in_passing("I was made redundant in May")["dismissed"] is True
    assert "dismissed" not in given_in_passing("I have not received my notice")


def test_who_is_sent_on_a_course_by_their_company_is_employed() -> None:
    from bot.nlp.situation_english import read_situation

    assert read_situation("my firm wants to send me to a welding course")["employment_status"][0] == "beschaeftigt"
    assert "employment_status" not in read_situation("Our company wants to send two of my staff")


def test_a_company_introduced_with_were_speaks_as_employer() -> None:
    said = situation_values("We're an IT company in Krefeld with 45 employees. Can we get support?")
    assert said["speaker"] == "employer" and said["company_size"] == 45
    assert situation_values("I work for a company with 40 staff").get("speaker") != "employer"
