"""What the bot says about funding programmes, case by case against the domain reference."""

from __future__ import annotations

import pytest

from bot.funding import get_programme, load_catalogue, sync_programmes
from bot.funding.answers import BUBBLE_LIMIT, describe, overview

STATES = ("NW", "HE", None)


@pytest.fixture(scope="module")
def catalogue():
    return {p.slug: p for p in load_catalogue()}


def text_of(bubbles: list[str]) -> str:
    return "\n".join(bubbles)


def test_bildungsgutschein_names_the_agency_the_stand_and_promises_nothing(catalogue) -> None:
    answer = text_of(describe(catalogue["bildungsgutschein"], "NW"))
    assert "Agentur für Arbeit" in answer
    assert "Stand: März 2026" in answer
    assert "keinen Rechtsanspruch" in answer
    assert "Ermessen" in answer
    for promise in ("Sie haben einen Rechtsanspruch", "Anspruch haben Sie", "steht Ihnen zu"):
        assert promise not in answer


def test_uncertain_facts_come_with_their_date_and_the_office(catalogue) -> None:
    answer = text_of(describe(catalogue["integrationskurs"], "NW"))
    assert "09.02.2026" in answer
    assert "Bitte prüfen Sie das bei dem BAMF oder Ihrem Kursträger." in answer
    cuts = text_of(describe(catalogue["berufssprachkurs"], "HE"))
    assert "80 %" in cuts and "06.05.2025" in cuts


def test_bildungspraemie_says_it_ended_and_what_instead(catalogue) -> None:
    nrw = text_of(describe(catalogue["bildungspraemie"], "NW"))
    assert "beendet" in nrw and "31.12.2021" in nrw
    assert "Bildungsscheck 2.0" in nrw
    hessen = text_of(describe(catalogue["bildungspraemie"], "HE"))
    assert "Bildungsscheck 2.0" not in hessen  # an NRW programme is no help in Hessen
    assert "Berufsberatung im Erwerbsleben" in hessen


def test_old_bildungsscheck_points_to_its_successor(catalogue) -> None:
    answer = text_of(describe(catalogue["bildungsscheck_nrw_alt"], "NW"))
    assert "30.06.2024" in answer and "Bildungsscheck 2.0" in answer


def test_proabschluss_from_nrw_says_it_is_only_in_hessen(catalogue) -> None:
    answer = text_of(describe(catalogue["proabschluss"], "NW"))
    assert "nur in Hessen" in answer
    assert "Weiterbildungsförderung für Beschäftigte" in answer  # what NRW citizens can use
    assert "4.000 €" not in answer  # no details of a programme they cannot use


def test_proabschluss_in_hessen_promises_nothing_and_points_to_weiterbildung_hessen(catalogue) -> None:
    answer = text_of(describe(catalogue["proabschluss"], "HE"))
    assert "keine Förderung zusagen" in answer
    assert "Weiterbildung Hessen e.V." in answer
    assert "nicht mehr beantragt werden" in answer


def test_bildungsurlaub_of_the_other_state_explains_the_workplace_rule(catalogue) -> None:
    answer = text_of(describe(catalogue["bildungsurlaub_nrw"], "HE"))
    assert "Arbeitsort" in answer
    assert "Bildungsurlaub Hessen" in answer
    assert "5 Arbeitstage pro Jahr bezahlt frei" in answer  # still described: people may work across the border


def test_aufstiegs_bafoeg_names_the_office_of_the_citizens_state(catalogue) -> None:
    nrw = text_of(describe(catalogue["aufstiegs_bafoeg"], "NW"))
    hessen = text_of(describe(catalogue["aufstiegs_bafoeg"], "HE"))
    assert "Bezirksregierung Köln" in nrw and "Kassel" not in nrw
    assert "Studierendenwerk" in hessen and "Kassel" in hessen


@pytest.mark.parametrize("state", STATES)
def test_every_answer_fits_chat_bubbles(catalogue, state: str | None) -> None:
    for programme in catalogue.values():
        for plain in (False, True):
            bubbles = describe(programme, state, plain=plain)
            assert bubbles and all(0 < len(b) <= BUBBLE_LIMIT for b in bubbles), programme.slug
            assert "Stand:" in bubbles[-1]


@pytest.mark.parametrize("state", STATES)
def test_plain_language_is_shorter(catalogue, state: str | None) -> None:
    for programme in catalogue.values():
        plain = text_of(describe(programme, state, plain=True))
        full = text_of(describe(programme, state))
        assert len(plain) < len(full), programme.slug


def test_answer_from_the_database_row_matches_the_catalogue(session, catalogue) -> None:
    sync_programmes(session)
    row = get_programme(session, "aufstiegs_bafoeg")
    assert describe(row, "NW") == describe(catalogue["aufstiegs_bafoeg"], "NW")


def test_overview_for_nrw_groups_programmes_of_nrw(catalogue) -> None:
    answer = text_of(overview("NW"))
    assert "Wer bezahlt meine Weiterbildung?" in answer
    assert "Arbeitslos" in answer and "Aufstieg" in answer and "Deutsch lernen" in answer
    assert "Bildungsscheck 2.0" in answer and "Bildungsurlaub NRW" in answer
    assert "ProAbschluss" not in answer and "Bildungsurlaub Hessen" not in answer
    assert "Bildungsprämie" not in answer  # ended


def test_overview_for_hessen_marks_the_unclear_programme() -> None:
    answer = text_of(overview("HE"))
    assert "ProAbschluss (Qualifizierungsscheck Hessen) (Stand unklar)" in answer
    assert "Bildungsscheck" not in answer


def test_overview_in_plain_language_fits_and_is_shorter() -> None:
    plain = overview("NW", plain=True)
    assert all(len(b) <= BUBBLE_LIMIT for b in plain)
    assert len(text_of(plain)) < len(text_of(overview("NW")))
    assert "Sie haben keine Arbeit" in text_of(plain)
