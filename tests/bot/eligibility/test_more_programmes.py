"""The check for the programmes a citizen asks "Steht mir … zu?" about beyond the first four:
Bildungsscheck 2.0, the two SBB scholarships, Anerkennungszuschuss, Qualifizierungsgeld,
Weiterbildungsgeld/-prämie, and Bildungsurlaub when the state of work is not known yet.

Each case is one person, with the verdict and the reason the reference (../shared/domain,
sections 3, 4, 6, 8, 9, 11–13, 20) gives for them.
"""

from __future__ import annotations

import pytest

from bot.eligibility import evaluate, load_rules, next_question


def run(programme: str, answers: dict) -> tuple[list[str], object]:
    """Answer every question the check asks from ``answers`` (None where the person does not know)."""
    given: dict = {}
    asked: list[str] = []
    while (question := next_question(programme, given)) is not None:
        assert question.key not in asked, f"{question.key} asked twice"
        asked.append(question.key)
        given[question.key] = answers.get(question.key)
    return asked, evaluate(programme, given)


@pytest.mark.parametrize(
    ("programme", "answers", "verdict", "said"),
    [
        # Bildungsscheck 2.0: NRW residence, taxable income 50.000 / 100.000 €, job-related, once a year
        ("bildungsscheck_nrw", {"residence_state": "NW", "income": 38000, "course_type": "beruflich"},
         "wahrscheinlich", "höchstens 500 €"),
        ("bildungsscheck_nrw", {"residence_state": "HE"}, "unwahrscheinlich", "Wohnsitz in Nordrhein-Westfalen"),
        ("bildungsscheck_nrw", {"residence_state": "NW", "income": 62000, "joint_assessment": False},
         "unwahrscheinlich", "50.000 €"),
        ("bildungsscheck_nrw", {"residence_state": "NW", "income": 62000, "joint_assessment": True,
                                "course_type": "beruflich"},
         "wahrscheinlich", "Einkommensteuerbescheid"),
        ("bildungsscheck_nrw", {"residence_state": "NW", "income": 30000, "course_type": "andere"},
         "unwahrscheinlich", "Hobbykurse"),
        # Weiterbildungsstipendium: training done, under 25 (+ up to 3 years), 1,9 or better
        ("weiterbildungsstipendium", {"has_vocational_qualification": True, "employment_status": "beschaeftigt",
                                      "highest_degree": "ausbildung", "age": 23, "special_achievement": True},
         "wahrscheinlich", "9.135 €"),
        ("weiterbildungsstipendium", {"has_vocational_qualification": True, "employment_status": "beschaeftigt",
                                      "highest_degree": "ausbildung", "age": 31}, "unwahrscheinlich", "jünger als 25"),
        ("weiterbildungsstipendium", {"has_vocational_qualification": True, "employment_status": "beschaeftigt",
                                      "highest_degree": "ausbildung", "age": 26, "credited_time": True,
                                      "special_achievement": True}, "moeglich", "klärt die Kammer"),
        # Aufstiegsstipendium: no age limit, first degree only, 2 years of work
        ("aufstiegsstipendium", {"has_vocational_qualification": True, "highest_degree": "ausbildung",
                                 "years_worked": 20, "special_achievement": True},
         "wahrscheinlich", "keine Altersgrenze"),
        ("aufstiegsstipendium", {"has_vocational_qualification": True, "highest_degree": "bachelor"},
         "unwahrscheinlich", "nur ein erstes Studium"),
        # Anerkennungszuschuss: foreign qualification, 3 months in Germany, income 32.000 / 50.000 €
        ("anerkennungszuschuss", {"foreign_qualification": True, "months_in_germany": 1},
         "unwahrscheinlich", "seit mindestens 3 Monaten"),
        ("anerkennungszuschuss", {"foreign_qualification": True, "months_in_germany": 14, "income": 0},
         "wahrscheinlich", "bis 3.000 €"),
        # Qualifizierungsgeld: employed, not dismissed; the company's conditions: at best "vielleicht"
        ("qualifizierungsgeld", {"employment_status": "arbeitslos"}, "unwahrscheinlich", "Bildungsgutschein"),
        ("qualifizierungsgeld", {"employment_status": "beschaeftigt", "dismissed": False, "structural_change": True,
                                 "qualifizierungsgeld_last_4_years": False, "course_hours": 400},
         "moeglich", "Betriebsvereinbarung"),
        # Weiterbildungsgeld/-prämie: not for § 82 (employed without Bürgergeld)
        ("weiterbildungsgeld_praemie", {"benefit": "keine"}, "unwahrscheinlich", "nach § 82 SGB III gibt es sie nicht"),
        ("weiterbildungsgeld_praemie", {"benefit": "buergergeld", "leads_to_qualification": True,
                                        "funded_by_agency": True}, "wahrscheinlich", "1.500 €"),
    ],
)
def test_verdict_and_reason_for_the_person(programme: str, answers: dict, verdict: str, said: str) -> None:
    _, result = run(programme, answers)
    assert result.verdict == verdict
    assert said in " ".join([*result.reasons, result.next_step])


def test_bildungsurlaub_asks_where_the_person_works_first_then_follows_that_law() -> None:
    asked, result = run("bildungsurlaub", {"work_state": "HE", "employment_status": "beschaeftigt",
                                           "civil_servant": True})
    assert asked[0] == "work_state"
    assert result.programme == "bildungsurlaub_hessen"
    assert result.verdict == "unwahrscheinlich" and "Sondervorschriften" in " ".join(result.reasons)


def test_bildungsurlaub_in_another_state_is_said_to_be_unknown_to_the_assistant() -> None:
    asked, result = run("bildungsurlaub", {"work_state": "andere"})
    assert asked == ["work_state"]
    assert result.verdict == "moeglich"
    assert "kann ich es nicht sagen" in " ".join(result.reasons)
    assert load_rules().name("bildungsurlaub") == "Bildungsurlaub"


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("years_since_qualification", "2010 ausgelernt", None),  # computed from today's year below
        ("income", "ca. 38.000 zu versteuern", 38000),
        ("income", "so 45 tausend", 45000),
        ("special_achievement", "hab meine Ausbildung mit 1,4 gemacht", True),
        ("special_achievement", "Note 2,3", False),
        ("upgrade_qualification", "Tischlermeisterin bei der HWK", True),
        ("course_type", "ein Yoga-Wochenende", "andere"),
        ("benefit", "ALG 1", "alg"),
        ("months_in_germany", "seit 2 Jahren", 24),
    ],
)
def test_free_answers_to_the_new_questions(key: str, typed: str, value: object) -> None:
    from datetime import date

    expected = date.today().year - 2010 if value is None else value
    assert load_rules().questions[key].parse(typed) == expected


def test_hours_and_course_kinds_in_natural_answers() -> None:
    questions = load_rules().questions
    assert questions["course_hours"].parse("dauert ein halbes Jahr, insgesamt etwa 640 Std.") == 640
    assert questions["course_type"].parse("ein Excel-Aufbaukurs für meine Arbeit") == "beruflich"
    assert questions["course_type"].parse("Buchführungskurs, beruflich halt") == "beruflich"
    assert questions["course_type"].parse("Jugendtrainer-Schulung im Sportverein") in ("ehrenamt", "andere")


def test_a_bildungsurlaub_verdict_says_how_many_days() -> None:
    for law in ("bildungsurlaub_nrw", "bildungsurlaub_hessen"):
        assert "5 bezahlte Arbeitstage" in " ".join(evaluate(law, {}).reasons)


def test_geht_programme_asks_whether_one_qualifies() -> None:
    from bot.kb.router import CHECK, decide

    assert decide("Ich will Küchenmeisterin werden. Geht Aufstiegs-BAföG?", "ask_funding_programme").kind == CHECK
    assert decide("Bildungsgutschein, wie geht das?", "ask_funding_programme").kind != CHECK
