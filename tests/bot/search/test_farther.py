"""A word more specific than its topic ("Staplerschein" in the topic Logistik): when no course near the
place has it in the title, the nearest courses that do come first, then the same topic's courses."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from bot.search import CourseQuery, search_courses
from tests.bot.search.sample_offer import DEMO_DAY as TODAY


def query(text: str, place: str | None) -> CourseQuery:
    return CourseQuery(text=text, place=place, today=TODAY, page_size=5)


def test_the_nearest_course_about_the_word_comes_before_the_topics_courses_near_by(demo: Session) -> None:
    found = search_courses(demo, query("Gabelstapler", "Xanten"))  # the Kreis Wesel has no forklift course
    assert found.farther_km == 60 and found.farther_count == 1
    assert [(h.title.split(" – ")[0], h.place) for h in found.hits] == [("Staplerschein", "Krefeld")]
    assert found.total == 1  # the topic's other courses (Gefahrgut, Kran) are not shown as matches


def test_a_topic_named_by_its_own_name_keeps_its_courses_near_by(demo: Session) -> None:
    found = search_courses(demo, query("Hauswirtschaft", "Rheinberg"))
    assert found.farther_km is None and [h.place for h in found.hits] == ["Rheinberg"]


def test_a_word_found_near_by_changes_nothing(demo: Session) -> None:
    found = search_courses(demo, query("Pflege", "Krefeld"))
    assert found.farther_km is None and all(h.place == "Krefeld" or h.place is None for h in found.hits)


def test_when_a_course_near_by_is_about_the_word_only_such_courses_are_listed(demo: Session) -> None:
    found = search_courses(demo, replace(query("Gabelstapler", "Krefeld"), page_size=20))
    titles = [h.title for h in found.hits]
    assert found.farther_km is None and any("Staplerschein" in t for t in titles)
    assert not any(t.startswith(("Gefahrgut", "Weiterbildung Berufskraftfahrer")) for t in titles), titles
