"""Funding answers use what the citizen said about themselves: income, company size (issue 23).

Person data come from the slots a situation extractor fills (``taxable_income``, ``company_size``,
``employment_status``), from the answers of an earlier eligibility check and from entities the
NLU found in the conversation. Each test reads the reply a citizen sees.
"""

from __future__ import annotations

from typing import Any

import pytest

from actions.funding import ActionFundingProgramme
from tests.actions.conftest import make_tracker, run, texts


def answer(programme: str, plain: bool = False, events: list | None = None, **slots: Any) -> str:
    tracker = make_tracker(
        slots={"place": "Krefeld", "plain_language": plain, **slots},
        entities=[{"entity": "programme", "value": programme}],
        events=events,
    )
    return texts(run(ActionFundingProgramme(), tracker)[1])


@pytest.mark.parametrize("plain", [False, True])
def test_berufssprachkurs_is_not_called_free_for_35000_euro_taxable_income(demo_db: str, plain: bool) -> None:
    said = answer("berufssprachkurs", plain=plain, taxable_income=35000)
    assert "kostenlos" not in said.lower()
    assert "2,32 €" in said and "20.000 €" in said


def test_berufssprachkurs_below_the_limit_is_free_for_the_person(demo_db: str) -> None:
    said = answer("berufssprachkurs", taxable_income=18000)
    assert "Für Sie" in said and "kostenlos" in said


def test_berufssprachkurs_without_income_names_the_limit(demo_db: str) -> None:
    said = answer("berufssprachkurs")
    assert "grundsätzlich kostenlos" in said and "über 20.000 €" in said
    assert "Für Sie" not in said


def test_paragraph_82_names_the_share_for_the_company_size_from_an_earlier_check(demo_db: str) -> None:
    said = answer("foerderung_beschaeftigte", eligibility_answers={"company_size": 30})
    assert "Für Sie: Ihr Betrieb hat weniger als 50 Beschäftigte" in said and "bis zu 100 %" in said
    big = [{"event": "user", "parse_data": {"entities": [{"entity": "company_size", "value": "800"}]}}]
    said = answer("foerderung_beschaeftigte", events=big)
    assert "Für Sie: Ihr Betrieb hat 500 oder mehr Beschäftigte" in said and "75 %" in said


def test_bildungsurlaub_nrw_in_a_firm_of_8_says_there_is_no_entitlement(demo_db: str) -> None:
    said = answer("bildungsurlaub_nrw", company_size=8)
    assert "Für Sie: Ihr Betrieb hat weniger als 10 Beschäftigte" in said


def test_bildungsscheck_above_the_income_limit_says_so(demo_db: str) -> None:
    said = answer("bildungsscheck_nrw", taxable_income=60000)
    assert "Für Sie" in said and "über 50.000 €" in said and "100.000 €" in said


def story(text: str, **slots: Any) -> str:
    tracker = make_tracker(text=text, slots=slots, intent="ask_funding_programme")
    return texts(run(ActionFundingProgramme(), tracker)[1])


def test_a_story_aiming_at_a_master_craftsman_gets_the_aufstiegs_bafoeg_and_what_to_live_on(demo_db: str) -> None:
    said = story("Bin gelernte Bäckerin und will die Meisterschule in Vollzeit machen. Wovon soll ich solange leben?",
                 employment_status="beschaeftigt")  # fmt: skip
    assert "passt am ehesten: Aufstiegs-BAföG" in said
    assert "Unterhaltsbeitrag" in said and "1.019 €" in said and "Quelle: aufstiegs-bafoeg.de" in said


def test_a_self_employed_person_in_nrw_hears_of_the_bildungsscheck(demo_db: str) -> None:
    said = story("Ich bin selbstständige Fotografin und will einen Kurs in Bildbearbeitung machen. Gibt es da "
                 "etwas vom Staat?", employment_status="selbststaendig", place="Krefeld")  # fmt: skip
    assert "passt am ehesten: Bildungsscheck 2.0" in said and "höchstens 500 €" in said


def test_a_self_employed_person_in_hessen_gets_no_nrw_cheque(demo_db: str) -> None:
    said = story("Ich bin selbstständig und will mich fortbilden. Gibt es da etwas vom Staat?",
                 employment_status="selbststaendig", place="Korbach")  # fmt: skip
    assert "Bildungsscheck 2.0" not in said.split("\n")[0]


def test_a_young_top_graduate_aiming_higher_hears_of_the_weiterbildungsstipendium(demo_db: str) -> None:
    said = story("Bin 22, Ausbildung mit 1,6 abgeschlossen, will jetzt den Meister machen. Welche Förderung gibt es?",
                 age=22, employment_status="beschaeftigt")  # fmt: skip
    assert "passt am ehesten: Weiterbildungsstipendium" in said and "Aufstiegs-BAföG" in said


def test_the_jobcenter_asked_about_a_retraining_gets_the_agentur_and_no_course_search(demo_db: str) -> None:
    from actions.eligibility import ActionCheckEligibility

    tracker = make_tracker(text="übernimmt das jobcenter meine umschulung? ich krieg bürgergeld",
                           intent="check_eligibility", slots={"benefits": "buergergeld"})  # fmt: skip
    events, messages = run(ActionCheckEligibility(), tracker)
    assert "nicht mehr das Jobcenter" in texts(messages)
    assert not any(e.get("event") == "followup" for e in events)  # "Umschulung" alone is no course wish
