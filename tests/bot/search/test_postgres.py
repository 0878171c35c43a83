"""The same search on PostgreSQL (production backend): JSON, numeric and date columns read back alike."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.db.session import session_scope
from bot.search import CourseQuery, search_courses
from tests.bot.search.sample_offer import TODAY, seed_offer

pytestmark = pytest.mark.postgres


def test_search_behaves_the_same_on_postgresql(postgres_url: str) -> None:
    with session_scope(postgres_url) as session:
        seed_offer(session)
    with session_scope(postgres_url) as session:
        excel = search_courses(session, CourseQuery(text="exel", today=TODAY))
        assert [h.title for h in excel.hits] == ["Excel kompakt", "Excel für Einsteiger"]
        moers = search_courses(session, CourseQuery(text="Pflege", place="Mörs", today=TODAY))
        assert moers.widened_to_region and moers.hits[0].title == "Pflegebasiskurs"
        hessen = search_courses(session, CourseQuery(bildungsurlaub_state="Hessen", max_price=500, today=TODAY))
        assert [(h.title, h.place, h.badges) for h in hessen.hits] == [
            ("Python für Einsteiger", "online", ["Bildungsurlaub"])
        ]
        nasty = search_courses(session, CourseQuery(text="'; DROP TABLE courses;--", today=TODAY))
        assert nasty.total == 0
        assert session.execute(text("SELECT count(*) FROM courses")).scalar() == 12


def test_start_window_and_alternatives_behave_the_same_on_postgresql(postgres_url: str) -> None:
    from datetime import timedelta

    from bot.search.alternatives import PlaceOption, find_alternatives

    with session_scope(postgres_url) as session:
        seed_offer(session)
    with session_scope(postgres_url) as session:
        soon = search_courses(session, CourseQuery(text="Excel", today=TODAY, start_before=TODAY + timedelta(days=5)))
        assert [h.title for h in soon.hits] == ["Excel kompakt"]
        linux_in_wesel = CourseQuery(text="Linux", place="Wesel", today=TODAY)
        assert search_courses(session, linux_in_wesel).total == 0
        assert find_alternatives(session, linux_in_wesel).nearby == [PlaceOption("Krefeld", "Krefeld", 1)]
