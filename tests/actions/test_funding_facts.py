"""Funding facts corrected after the audit of December 2026 (issue 23), checked in the reply a citizen reads.

Each test runs the funding action (or reads the FAQ response) and asserts the corrected fact and
the absence of the wrong one; the catalogue test checks that every corrected fact carries a web
source and its date ("Stand").
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.funding import ActionFundingProgramme
from bot.funding.catalogue import load_catalogue
from tests.actions.conftest import make_tracker, run, texts

DOMAIN = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text(encoding="utf-8"))


def answer(programme: str, place: str = "Krefeld", plain: bool = False) -> str:
    slots = {"place": place, "plain_language": plain}
    entities = [{"entity": "programme", "value": programme}]
    _, messages = run(ActionFundingProgramme(), make_tracker(slots=slots, entities=entities))
    return texts(messages)


def faq(name: str) -> str:
    return DOMAIN["responses"][f"utter_faq/{name}"][0]["text"]


def test_hessen_names_the_one_third_rule_and_the_carry_over_notice(demo_db: str) -> None:
    said = answer("bildungsurlaub_hessen", place="Korbach")
    assert "mehr als ein Drittel" in said and "§ 5 Abs. 5 HBUG" in said
    assert "31.12." in said and "Textform" in said
    assert "automatisch" in said  # after a refusal the days move on without a notice
    assert "keine Ausnahme für kleine Betriebe" not in said
    assert "Eine Ausnahme für kleine Betriebe gibt es nicht" not in said
    assert "Drittel" in faq("bildungsurlaub")


def test_nrw_small_firms_are_up_to_50_and_the_employer_must_refuse_in_writing_within_3_weeks(demo_db: str) -> None:
    said = answer("bildungsurlaub_nrw", place="Moers")
    assert "bis zu 50 Beschäftigten" in said
    assert "10 bis 49" not in said
    assert "Urlaubsanträgen anderer Beschäftigter" in said
    assert "3 Wochen" in said and "schriftlich" in said and "als erteilt" in said
    assert "bis zu 50 Beschäftigten" in faq("bildungsurlaub")


def test_buergergeldbonus_ended_on_28_march_2024(demo_db: str) -> None:
    said = answer("weiterbildungsgeld_praemie")
    assert "28.03.2024" in said and "31.03.2024" not in said


def test_integrationskurs_2026_stops_only_voluntary_admissions(demo_db: str) -> None:
    for said in (answer("integrationskurs"), answer("integrationskurs", plain=True), faq("integrationskurs")):
        assert "keine freiwilligen Teilnehmenden mehr" not in said
        assert "Selbstzahler" in said or "selbst bezahlen" in said, said
    said = answer("integrationskurs")
    assert "§ 44 Abs. 4 AufenthG" in said
    assert "Anspruch" in said and "verpflichtet" in said
    plain = answer("integrationskurs", plain=True)
    assert "Anspruch" in plain and "2026" in plain and "selbst bezahlen" in plain


#: Corrected fact -> the date its source gives (None: the source names none; the programme's Stand applies).
CORRECTED = {
    "bildungsurlaub_hessen": [("ein Drittel", None), ("31.12.", "2023-12-20")],
    "bildungsurlaub_nrw": [("bis zu 50", None), ("3 Wochen", None)],
    "weiterbildungsgeld_praemie": [("28.03.2024", "2024")],
    "integrationskurs": [("§ 44 Abs. 4", "2026-02-09")],
}


@pytest.mark.parametrize("slug", sorted(CORRECTED))
def test_every_corrected_fact_has_a_source_and_its_date(slug: str) -> None:
    programme = {p.slug: p for p in load_catalogue()}[slug]
    for part, as_of in CORRECTED[slug]:
        facts = [f for f in programme.facts if part in f.text]
        assert facts, part
        assert all(f.source.startswith("http") for f in facts)
        assert as_of in [f.as_of for f in facts], (part, [f.as_of for f in facts])


def test_aufstiegsstipendium_names_the_full_monthly_amount_with_buechergeld(demo_db: str) -> None:
    said = answer("aufstiegsstipendium")
    assert "992 €" in said and "80 € Büchergeld" in said and "1.072 €" in said
    assert "3.045 € im Jahr" in said
    assert "nicht belegt" not in said and "Noch nicht sicher" not in said


def test_berufssprachkurs_2026_warns_of_waiting_times_with_the_date_of_the_statement(demo_db: str) -> None:
    for said in (answer("berufssprachkurs"), faq("berufssprachkurs")):
        assert "2026" in said and "Wartezeiten" in said
        assert "07.12.2026" in said, said
        assert "nicht bekannt" in said


def test_neue_grundsicherung_needs_no_consent_of_the_bundesrat(demo_db: str) -> None:
    said = answer("bildungsgutschein")
    assert "nicht zustimmungspflichtig" in said
    assert "Zustimmung des Bundesrats stand noch aus" not in said
