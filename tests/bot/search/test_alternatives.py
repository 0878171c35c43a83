"""When a search finds nothing: nearby places, related topics and counselling, on the real demo data."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Course, Place, Provider, Topic
from bot.search import CourseQuery, search_courses
from bot.search.alternatives import find_alternatives
from bot.search.related import build_relatedness, related_topics
from tests.bot.search.sample_offer import DEMO_DAY as TODAY


def query(text: str, place: str | None, **filters: object) -> CourseQuery:
    return CourseQuery(text=text, place=place, today=TODAY, page_size=3, **filters)  # type: ignore[arg-type]


def postcode(session: Session, name: str) -> int:
    return int(session.execute(select(Place.postcode).where(Place.name == name)).scalar_one())


def test_nothing_in_the_region_offers_the_nearest_towns_that_have_it(demo: Session) -> None:
    wish = query("Hauswirtschaft", "Krefeld")
    assert search_courses(demo, wish).total == 0  # no provider in Krefeld teaches it
    nearby = find_alternatives(demo, wish).nearby
    assert nearby, "Kreis Wesel next door has Hauswirtschaft courses"
    assert all(option.region in ("Kreis Wesel", "Bottrop") for option in nearby)  # NRW, never Hessen
    distances = [abs(postcode(demo, o.place) - postcode(demo, "Krefeld")) for o in nearby]
    assert distances == sorted(distances)
    for option in nearby:  # the count is what a click on the town shows
        assert search_courses(demo, replace(wish, place=option.place)).total == option.count > 0


def test_related_topics_come_from_the_data_and_have_courses_in_the_same_place(demo: Session) -> None:
    wish = query("Hauswirtschaft", "Krefeld")
    related = find_alternatives(demo, wish).related
    assert [r.topic for r in related][:1] == ["Pflege"]  # Hauswirtschaft schools also teach care
    for option in related:
        assert option.where == "Krefeld"
        assert search_courses(demo, replace(wish, text=option.topic)).total == option.count > 0


def test_a_course_title_without_a_topic_word_still_finds_its_subject_here(demo: Session) -> None:
    wish = query("Wundexperte", "Bottrop")  # only Krefeld runs that course in NRW
    assert search_courses(demo, wish).total == 0
    found = find_alternatives(demo, wish)
    assert [p.place for p in found.nearby] == ["Krefeld"]
    topics = [r.topic for r in found.related]
    assert topics[0] == "Pflege" and "Gesundheit und Medizin" in topics


def test_hessen_towns_are_offered_in_hessen(demo: Session) -> None:
    found = find_alternatives(demo, query("Erzieher", "Korbach"))
    assert found.nearby and all(p.region == "Schwalm-Eder-Kreis" for p in found.nearby)
    assert [r.topic for r in found.related] == ["Soziale Arbeit und Sozialpädagogik"]
    assert found.related[0].where == "Landkreis Waldeck-Frankenberg"  # Korbach itself has none


def test_filters_the_citizen_set_are_kept_in_every_alternative(demo: Session) -> None:
    wish = query("Pflege", "Krefeld", schedule="abends", max_price=100)
    assert search_courses(demo, wish).total == 0
    found = find_alternatives(demo, wish)
    assert found.nearby == [] and found.related == []  # nothing cheap in the evening: nothing invented
    assert found.counselling is not None and "Krefeld" in found.counselling.name


def test_an_unknown_subject_gets_counselling_only(demo: Session) -> None:
    found = find_alternatives(demo, query("Unterwasserbasketball", "Korbach"))
    assert (found.nearby, found.related) == ([], [])
    assert found.counselling is not None and found.counselling.name == "Agentur für Arbeit Korbach"


def test_care_is_related_to_health_not_to_welding(demo: Session) -> None:
    topics = {t.id: t.slug for t in demo.scalars(select(Topic))}
    pflege = next(i for i, slug in topics.items() if slug == "pflege")
    related = [topics[t] for t, _ in related_topics(demo, pflege)]
    assert related[0] == "gesundheit"
    assert "schweissen" not in related and "it" not in related


def test_relatedness_is_shared_providers(session: Session) -> None:
    topics = [Topic(slug=s, name=s, synonyms=[]) for s in ("a", "b", "c")]
    providers = [Provider(name="Schule 1"), Provider(name="Schule 2")]
    session.add_all(topics + providers)
    session.flush()
    for n, (topic, provider) in enumerate([(0, 0), (1, 0), (2, 1)]):
        session.add(Course(provider_id=providers[provider].id, external_id=f"K{n}", title="Kurs",
                           topic_id=topics[topic].id))
    session.flush()
    related = build_relatedness(session)
    a, b, c = (t.id for t in topics)
    assert related[a] == [(b, 1.0)] and related[b] == [(a, 1.0)]
    assert related[c] == []
