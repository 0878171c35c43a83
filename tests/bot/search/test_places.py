"""Where citizens want to learn: loosely typed places, regions, postcodes, and widening to the region."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from bot.db.models import Course, CourseDate, Place
from bot.search import CourseQuery, PlaceInfo, resolve_place, search_courses
from bot.search import cache as search_cache
from tests.bot.search.sample_offer import TODAY, seed_offer


@pytest.fixture()
def offer(session: Session) -> dict[str, int]:
    return seed_offer(session)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Moers", "Moers"),
        ("moers", "Moers"),
        ("Mörs", "Moers"),
        ("in Moers", "Moers"),
        ("krefled", "Krefeld"),  # swapped letters
        ("Korbch", "Korbach"),  # missing letter
        ("bad wildungen", "Bad Wildungen"),
        ("Bad-Wildungen", "Bad Wildungen"),
        ("47441", "Moers"),  # exact postcode
        ("47809", "Krefeld"),  # another Krefeld postcode: nearest stored one in the area
        ("Kreis Wesel", "Wesel"),  # region name -> its town of the same name
        ("Waldeck-Frankenberg", "Bad Wildungen"),  # no such town: its alphabetically first town
    ],
)
def test_resolve_place(session: Session, offer: dict[str, int], typed: str, expected: str) -> None:
    place = resolve_place(session, typed)
    assert place is not None and place.name == expected


@pytest.mark.parametrize("typed", ["Atlantis", "99999", "", "xy"])
def test_unknown_places_resolve_to_nothing(session: Session, offer: dict[str, int], typed: str) -> None:
    assert resolve_place(session, typed) is None


@pytest.mark.parametrize(
    ("typed", "name", "state"),
    [("Berlin", "Berlin", "BE"), ("47051", "Duisburg", "NW"), ("Münster, Westfalen", "Münster", "NW"),
     ("Frankenberg/Eder", "Frankenberg (Eder)", "HE"), ("Kasssel", "Kassel", "HE")],
)
def test_every_german_town_resolves_even_without_courses(
    session: Session, offer: dict[str, int], typed: str, name: str, state: str
) -> None:
    place = resolve_place(session, typed)
    assert place is not None and (place.name, place.state) == (name, state)
    assert place.latitude is not None and place.longitude is not None


def test_unknown_place_is_reported_not_searched_everywhere(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(text="Excel", place="Atlantis", today=TODAY))
    assert result.place_unknown == "Atlantis"
    assert result.hits == [] and result.total == 0 and result.place is None


def test_town_with_courses_shows_its_own_and_online_courses(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(place="Krefeld", today=TODAY, page_size=20))
    assert result.place == PlaceInfo("Krefeld", "Krefeld", "NW")
    assert not result.widened_to_region
    assert {(h.title, h.place) for h in result.hits} == {
        ("Excel für Einsteiger", "Krefeld"),
        ("Linux-Administration", "Krefeld"),
        ("Server-Grundlagen", "Krefeld"),
        ("Python für Einsteiger", "online"),
    }


def test_empty_town_widens_to_its_region(session: Session, offer: dict[str, int]) -> None:
    # Nothing takes place in Moers; Wesel and Dinslaken are in the same Kreis, Korbach is not.
    result = search_courses(session, CourseQuery(place="Mörs", today=TODAY, page_size=20))
    assert result.widened_to_region
    assert result.place == PlaceInfo("Moers", "Kreis Wesel", "NW")
    places = {h.place for h in result.hits}
    assert places == {"Wesel", "Dinslaken", "online"}


def test_topic_search_in_an_empty_town_finds_the_course_next_door(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(text="Pflege", place="Moers", today=TODAY))
    assert result.widened_to_region
    assert result.hits[0].title == "Pflegebasiskurs" and result.hits[0].place == "Wesel"


def test_only_online_courses_in_town_still_widens(session: Session, offer: dict[str, int]) -> None:
    # "Python" exists only online; "Excel" exists in Wesel. Moers has neither in person.
    python = search_courses(session, CourseQuery(text="Python", place="Moers", today=TODAY))
    assert [h.place for h in python.hits] == ["online"] and not python.widened_to_region
    excel = search_courses(session, CourseQuery(text="Excel", place="Moers", today=TODAY))
    assert excel.widened_to_region and [h.title for h in excel.hits] == ["Excel kompakt"]


def test_region_name_searches_the_whole_region(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(place="Kreis Wesel", today=TODAY, page_size=20))
    assert result.place == PlaceInfo("Kreis Wesel", "Kreis Wesel", "NW", whole_region=True)
    assert not result.widened_to_region
    assert {h.place for h in result.hits} == {"Wesel", "Dinslaken", "online"}


def test_place_words_in_the_text_do_not_hide_courses(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(text="Excel in Krefeld", place="Krefeld", today=TODAY))
    assert [h.title for h in result.hits] == ["Excel für Einsteiger"]


def test_new_courses_are_found_without_a_restart(
    session: Session, offer: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_cache, "RECHECK_SECONDS", 0.0)
    assert search_courses(session, CourseQuery(text="Yoga", place="Moers", today=TODAY)).total == 0
    moers = session.query(Place).filter_by(name="Moers").one()
    yoga = Course(provider_id=1, external_id="Y1", title="Yoga für den Rücken", topic_id=1,
                  search_text="yoga fuer den ruecken")
    start = TODAY + timedelta(days=7)
    yoga.dates.append(CourseDate(start_date=start, end_date=start, place_id=moers.id, format="praesenz",
                                 schedule="abends", price_eur=60))
    session.add(yoga)
    session.flush()
    result = search_courses(session, CourseQuery(text="yogga", place="Moers", today=TODAY))
    assert [(h.title, h.place) for h in result.hits] == [("Yoga für den Rücken", "Moers")]
    assert not result.widened_to_region


def test_a_town_added_after_the_gazetteer_was_read_is_named_on_the_page(
    session: Session, offer: dict[str, int]
) -> None:
    from bot.db.models import Region
    from bot.search.page import PageRow, load_hits
    from bot.search.places import gazetteer
    from bot.search.text import fold

    assert resolve_place(session, "Krefeld") is not None  # the gazetteer is read and kept now
    region = session.query(Region).first()
    town = Place(region_id=region.id, name="Neustadt", name_folded=fold("Neustadt"), postcode="47999")
    session.add(town)
    session.flush()
    assert town.id not in {p.id for p in gazetteer(session).places}  # still the kept one
    hits = load_hits(session, [PageRow(offer["Excel für Einsteiger"], TODAY + timedelta(days=3), town.id)], None)
    assert [h.place for h in hits] == ["Neustadt"]
    assert hits[0].provider == "VHS Musterstadt" and hits[0].title == "Excel für Einsteiger"
