"""Employers' detail questions get the fact for the company; a citizen's own group still starts the check
(issue 17, patterns 2 and 10).

The funding actions run on trackers as the action server gets them, against the demo database with the
funding catalogue; each test asserts what the writer reads.
"""

from __future__ import annotations

from typing import Any

from actions.eligibility import ActionCheckEligibility
from actions.funding import ActionFundingProgramme
from tests.actions.conftest import make_tracker, run, texts

ELIGIBILITY_INTRO = "Ich prüfe mit Ihnen"


def said(action: Any, text: str, **slots: Any) -> str:
    entities = slots.pop("entities", [])
    return texts(run(action, make_tracker(text=text, slots=slots, entities=entities))[1])


def test_an_employer_describing_the_company_first_gets_the_share_of_the_workforce(demo_db: str) -> None:
    answer = said(
        ActionFundingProgramme(),
        "Wir haben 400 Mitarbeitende in Wesel und überlegen, Qualifizierungsgeld zu nutzen. "
        "Welcher Anteil der Belegschaft muss betroffen sein?",
    )
    assert "ab 250 Beschäftigten mindestens 20 %" in answer and "keine sichere Angabe" not in answer


def test_an_employee_under_notice_is_answered_with_the_condition_of_an_unterminated_job(demo_db: str) -> None:
    answer = said(
        ActionFundingProgramme(),
        "Wir haben einer Mitarbeiterin zum März gekündigt. Kommt Qualifizierungsgeld für sie noch in Frage?",
    )
    assert "ungekündigtes Arbeitsverhältnis" in answer and "in den letzten 4 Jahren" in answer


def test_an_employer_asking_about_civil_servants_gets_who_is_covered(demo_db: str) -> None:
    question = "Wir sind ein Schulträger in Hessen. Gilt der Bildungsurlaub für unsere Beamten?"
    answer = said(ActionFundingProgramme(), question)
    assert "Beamte, Richter und Soldaten haben keinen Anspruch" in answer


def test_an_apprentice_asking_for_themselves_still_gets_the_check(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "bildungsurlaub"}]
    answer = said(ActionCheckEligibility(), "Darf ich als Auszubildender Bildungsurlaub nehmen?", entities=entities)
    assert ELIGIBILITY_INTRO in answer


def test_how_many_days_of_leave_is_the_number_of_working_days(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Wieviele Tage Bildungsurlaub haben Beschäftigte in Hessen?")
    assert "5 Arbeitstage pro Jahr" in answer and "aufeinanderfolgende" not in answer


def test_the_ended_company_cheque_is_said_to_have_ended_not_checked_as_its_successor(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "bildungsscheck_nrw"}]
    question = "Gibt es den betrieblichen Bildungsscheck für Firmen eigentlich noch?"
    answer = said(ActionCheckEligibility(), question, entities=entities)
    assert "Den alten Bildungsscheck NRW gibt es nicht mehr" in answer and ELIGIBILITY_INTRO not in answer
    assert "Bildungsscheck 2.0" in answer


def test_a_citizen_telling_their_age_before_asking_whether_they_qualify_gets_the_check(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "aufstiegsstipendium"}]
    answer = said(
        ActionCheckEligibility(),
        "Ich bin 51 und möchte berufsbegleitend Soziale Arbeit studieren. Bekomme ich dafür das Aufstiegsstipendium?",
        entities=entities,
    )
    assert ELIGIBILITY_INTRO in answer


def test_an_employer_telling_size_and_age_hears_their_share_of_the_course_fees(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Wir haben einen Lageristen, 52 Jahre, der eine lange zertifizierte "
                  "Weiterbildung machen soll. Was kostet uns das?", company_size=200, age=52, speaker="employer")
    assert "45 oder älter" in answer and "nichts zu den Lehrgangskosten" in answer and "Stand: April 2024" in answer
    answer = said(ActionFundingProgramme(), "Zahlt die Agentur etwas, wenn wir einen Mitarbeiter weiterbilden?",
                  company_size=7, speaker="employer")
    assert "kein Eigenanteil" in answer and "bis zu 100 %" in answer
    answer = said(ActionFundingProgramme(), "Eine Kollegin ist schwerbehindert und soll weitergebildet werden. "
                  "Was zahlen wir als Betrieb?", speaker="employer")
    assert "schwerbehindert" in answer.split("Weiterbildungsförderung für Beschäftigte")[0]


def test_hr_asking_what_qualifizierungsgeld_is_hears_what_the_company_needs(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Bei uns fallen durch die Automatisierung Stellen weg, wir wollen unsere "
                  "Mitarbeiter halten. Was ist das Qualifizierungsgeld genau und wer stellt den Antrag?")
    assert "60 %" in answer and "Betriebsvereinbarung oder einem betriebsbezogenen Tarifvertrag" in answer


def test_an_employer_sending_a_journeyman_to_the_master_course_hears_the_office_of_their_state(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Wir wollen unseren Gesellen zum Meister schicken. Wer stellt den Antrag?",
                  place="Moers")  # fmt: skip
    assert "Aufstiegs-BAföG" in answer and "Bezirksregierung Köln" in answer
