"""The same search on PostgreSQL (production backend): JSON, numeric and date columns read back alike."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.db.migrate import upgrade
from bot.db.session import get_engine, session_scope
from bot.search import CourseQuery, search_courses
from tests.bot.search_fixtures import TODAY, seed_offer

pytestmark = pytest.mark.postgres
PG_URL = os.environ.get("LOTSE_TEST_POSTGRES_URL")


@pytest.fixture()
def pg_url() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("LOTSE_TEST_POSTGRES_URL is not set")
    admin = create_engine(PG_URL, future=True, isolation_level="AUTOCOMMIT")
    name = f"lotse_search_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        get_engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()


def test_search_behaves_the_same_on_postgresql(pg_url: str) -> None:
    with session_scope(pg_url) as session:
        seed_offer(session)
    with session_scope(pg_url) as session:
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
