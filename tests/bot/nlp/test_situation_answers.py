"""Answers to the eligibility check in the citizen's own sentences, and from what they said before."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.eligibility import load_rules
from bot.nlp.situation_answers import check_answers, given_in_passing, natural_answer, passing_answers


@pytest.mark.parametrize(
    ("key", "reply", "expected"),
    [
        ("has_vocational_qualification", "Ich habe eine abgeschlossene Ausbildung als Einzelhandelskauffrau", True),
        ("has_vocational_qualification", "als Einzelhandelskauffrau", True),
        ("has_vocational_qualification", "ja zum Koch", True),
        ("has_vocational_qualification", "hab nie was gelernt", False),
        ("has_vocational_qualification", "nee leider nicht", False),
        ("employment_status", "bin arbeitslos gemeldet, wohne in Wesel", "arbeitslos"),
        ("employment_status", "ich arbeite bei Aldi an der Kasse", "beschaeftigt"),
        ("employment_status", "angestellt, aber mir wurde gekündigt", "arbeitsuchend"),
        ("threatened_unemployment", "Ja, die Firma schließt im Sommer", True),
        ("age", "ich bin zweiundfünfzig", 52),
        ("company_size", "wir sind zu acht", 8),
        ("years_outside_qualification", "seit 6 Jahren fachfremd als Helfer", 6),
    ],
)
def test_a_sentence_answers_the_question_asked(key: str, reply: str, expected: Any) -> None:
    kind = load_rules().questions[key].kind
    assert natural_answer(key, kind, reply) == {key: expected}


@pytest.mark.parametrize(
    ("key", "reply"),
    [
        ("has_vocational_qualification", "Weiß ich nicht genau"),
        ("has_vocational_qualification", "Was zählt denn als Berufsabschluss?"),
        ("employment_status", "keine Ahnung"),
        ("age", "Das möchte ich nicht sagen"),
        ("employment_status", '/inform{"answer":"unknown"}'),
    ],
)
def test_an_unclear_reply_or_dont_know_is_no_answer(key: str, reply: str) -> None:
    kind = load_rules().questions[key].kind
    assert natural_answer(key, kind, reply) == {}


def test_values_given_in_passing_answer_other_questions() -> None:
    assert given_in_passing("bin arbeitslos gemeldet, 52 Jahre alt und habe keine Ausbildung") == {
        "employment_status": "arbeitslos",
        "age": 52,
        "has_vocational_qualification": False,
        "highest_degree": "ohne",
    }


def test_years_outside_the_occupation_mean_a_qualification_and_work_outside_it() -> None:
    assert check_answers({"years_outside_qualification": 6.0}) == {
        "years_outside_qualification": 6,
        "works_outside_qualification": True,
        "has_vocational_qualification": True,
    }


def test_rente_and_unknown_values_are_not_passed_on() -> None:
    assert check_answers({"employment_status": "rente", "age": None, "benefits": "buergergeld", "speaker": "x"}) == {}


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "employment_status",
                "age",
                "company_size",
                "has_qualification",
                "years_worked",
                "years_outside_qualification",
                "threatened_unemployment",
            ]
        ),
        st.one_of(st.none(), st.booleans(), st.integers(0, 500), st.text(max_size=12)),
    )
)
def test_every_answer_is_a_question_of_the_check_and_fits_its_type(situation: dict[str, Any]) -> None:
    questions = load_rules().questions
    for key, value in check_answers(situation).items():
        question = questions[key]
        if question.kind == "bool":
            assert isinstance(value, bool)
        elif question.kind == "int":
            assert isinstance(value, int) and not isinstance(value, bool)
        else:
            assert value in dict(question.options)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja, Elektronikerin für Betriebstechnik, Abschlussnote 1,6", {"special_achievement": True}),
        ("zu versteuerndes einkommen so 62.000, bin ledig", {"joint_assessment": False}),
        ("ja, verbeamtet", {"civil_servant": True}),
        ("Gesundheits- und Krankenpfleger, Examen mit 2,5", {"has_vocational_qualification": True}),
        ("ein Vorbereitungskurs mit 150 Stunden", {"course_hours": 150}),
        ("ca. 1.200 Unterrichtsstunden in Teilzeit", {"course_hours": 1200}),
        ("arbeite 30 std die woche in einer hausarztpraxis", {}),  # working hours, not the course's
        ("mit 2,3 bestanden", {}),  # a nomination may still count: no answer
        ("Abschlussprüfung mit 90 Punkten bestanden", {"special_achievement": True}),
        ("nur 75 Punkte in der Prüfung", {}),
    ],
)
def test_what_a_message_says_in_passing_answers_questions_asked_later(text: str, expected: dict) -> None:
    assert passing_answers(text) == expected
    assert expected.items() <= given_in_passing(text).items()
