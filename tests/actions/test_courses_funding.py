"""Search, details, funding and centre answers, run as the action server runs them, on demo data."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.centres import ActionCounsellingCentres
from actions.courses import ActionCourseDetails, ActionSearchCourses, ActionShowMore, ValidateCourseSearchForm
from actions.funding import ActionFundingOverview, ActionFundingProgramme
from bot.db.session import session_scope
from bot.demo.seed import seed
from bot.funding.catalogue import sync_programmes
from tests.actions.conftest import make_tracker, run, texts


@pytest.fixture()
def demo_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    monkeypatch.delenv("LOTSE_REGION", raising=False)
    with session_scope(db_url) as session:
        seed(session, date.today())
        sync_programmes(session)
    yield db_url


def search(**slots: object) -> tuple[list[dict], str]:
    events, messages = run(ActionSearchCourses(), make_tracker(slots=dict(slots)))
    return events, texts(messages)


def test_pflege_in_krefeld_lists_cards_with_place_price_and_start(demo_db: str) -> None:
    events, said = search(topic="Pflegekurs", place="Krefeld")
    assert "passende Kurse gefunden" in said
    assert "Krefeld" in said and "Start:" in said
    assert "€" in said or "kostenlos" in said
    assert "Beispieldaten" in said  # demo data is marked as such
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    assert 1 <= len(shown) <= 3


def test_show_more_pages_on_and_details_describe_the_chosen_course(demo_db: str) -> None:
    events, _ = search(topic="Excel", place="online")
    first_page = next(e["value"] for e in events if e.get("name") == "shown_courses")
    more_events, _ = run(
        ActionShowMore(), make_tracker(slots={"topic": "Excel", "place": "online", "search_page": 1})
    )
    second_page = next(e["value"] for e in more_events if e.get("name") == "shown_courses")
    assert set(first_page).isdisjoint(second_page)
    _, details = run(
        ActionCourseDetails(),
        make_tracker(slots={"shown_courses": second_page}, entities=[{"entity": "ordinal", "value": "1"}]),
    )
    assert "Unterrichtsstunden" in texts(details) and "Termine:" in texts(details)


def test_nothing_found_is_said_honestly_with_alternatives(demo_db: str) -> None:
    _, said = search(topic="Tiefseetauchen für Astronauten", place="Korbach")
    assert "keinen passenden Kurs" in said


def test_unknown_place_is_asked_again_politely(demo_db: str) -> None:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(
        ValidateCourseSearchForm().validate_place("Atlantis", dispatcher, make_tracker(), {})
    )
    assert result == {"place": None}
    assert "Atlantis" in texts(dispatcher.messages) and "kenne ich leider nicht" in texts(dispatcher.messages)
    ok = asyncio.run(ValidateCourseSearchForm().validate_place("moers", CollectingDispatcher(), make_tracker(), {}))
    assert ok == {"place": "Moers"}


def test_bildungsgutschein_facts_come_with_date_and_office(demo_db: str) -> None:
    tracker = make_tracker(entities=[{"entity": "programme", "value": "bildungsgutschein"}])
    _, messages = run(ActionFundingProgramme(), tracker)
    said = texts(messages)
    assert "Bildungsgutschein" in said and "Stand:" in said and "Agentur für Arbeit" in said


def test_bildungsurlaub_depends_on_the_federal_state(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "bildungsurlaub"}]
    _, nrw = run(ActionFundingProgramme(), make_tracker(slots={"place": "Moers"}, entities=entities))
    _, hessen = run(ActionFundingProgramme(), make_tracker(slots={"place": "Korbach"}, entities=entities))
    assert "NRW" in texts(nrw) or "Nordrhein-Westfalen" in texts(nrw)
    assert "Hessen" in texts(hessen)
    assert texts(nrw) != texts(hessen)


def test_overview_and_counselling_centres(demo_db: str) -> None:
    _, overview = run(ActionFundingOverview(), make_tracker(slots={"place": "Bottrop"}))
    assert "Bildungsgutschein" in texts(overview)
    homberg = [{"entity": "place", "value": "Homberg (Efze)"}]
    _, centres = run(ActionCounsellingCentres(), make_tracker(entities=homberg))
    assert "Parkstraße 6" in texts(centres)


def test_cheaper_refinement_shows_only_cheaper_courses(demo_db: str) -> None:
    from decimal import Decimal

    from sqlalchemy import select

    from bot.db.models import Course

    events, _ = search(topic="Pflege", place="Krefeld")
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    with session_scope(demo_db) as session:
        cheapest_shown = min(
            p for p in session.execute(select(Course.price_eur).where(Course.id.in_(shown))).scalars() if p > 0
        )
    slots = {"topic": "Pflege", "place": "Krefeld", "shown_courses": shown}
    tracker = make_tracker(slots=slots, text="was Günstigeres?")
    cheaper_events, messages = run(ActionSearchCourses(), tracker)
    limit = next(e["value"] for e in cheaper_events if e.get("name") == "max_price")
    assert Decimal(limit) < Decimal(str(cheapest_shown))
    new = next((e["value"] for e in cheaper_events if e.get("name") == "shown_courses"), [])
    with session_scope(demo_db) as session:
        prices = session.execute(select(Course.price_eur).where(Course.id.in_(new))).scalars().all()
    assert all(Decimal(str(p)) <= Decimal(limit) for p in prices)
    assert texts(messages)  # either cheaper courses or an honest "nothing found"
