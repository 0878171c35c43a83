"""The Alembic migrations produce exactly the tables in bot/db/models.py, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.db.migrate import upgrade
from bot.db.models import Base
from bot.db.session import get_engine, session_scope
from bot.demo.seed import seed
from bot.funding.catalogue import sync_programmes
from bot.search.query import CourseQuery, search_courses


def schema_differences(url: str) -> list:
    with get_engine(url).connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_sqlite_schema_matches_models(db_url: str) -> None:
    assert schema_differences(db_url) == []


def test_upgrade_is_idempotent(db_url: str) -> None:
    upgrade(db_url)  # second run: nothing to do, no error
    assert schema_differences(db_url) == []


@pytest.mark.postgres
def test_postgres_migrates_seeds_and_searches(postgres_url: str) -> None:
    assert schema_differences(postgres_url) == []
    with session_scope(postgres_url) as session:
        counts = seed(session, date(2026, 11, 22))
        sync_programmes(session)
    assert counts["courses"] >= 400
    with session_scope(postgres_url) as session:
        result = search_courses(
            session, CourseQuery(text="Pflege", place="Krefeld", today=date(2026, 11, 22), page_size=5)
        )
    assert result.total > 0 and all(hit.title for hit in result.hits)


def test_upgrade_to_runs_keeps_todays_courses(tmp_path) -> None:
    """Migration 0006: a course's price, format and schedule move to its runs; places get state and coordinates."""
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(url, "0005")
    with get_engine(url).begin() as connection:
        for statement in (
            "INSERT INTO regions (id, slug, name, state) VALUES (1, 'kreis-wesel', 'Kreis Wesel', 'NW')",
            "INSERT INTO places (id, region_id, name, name_folded, postcode) VALUES (1, 1, 'Rheinberg', 'rheinberg', "
            "'47495')",
            "INSERT INTO topics (id, slug, name, synonyms) VALUES (1, 'it', 'IT', '[]')",
            "INSERT INTO providers (id, name, azav_certified, is_demo) VALUES (1, 'VHS', 1, 1)",
            "INSERT INTO courses (id, provider_id, external_id, title, description, topic_id, keywords, price_eur, "
            "format, schedule, language, target_groups, bildungsgutschein, aufstiegs_bafoeg, bildungsurlaub_states, "
            "search_text, is_demo) VALUES (1, 1, 'K1', 'Excel', '', 1, '[]', 0, 'praesenz', 'abends', 'Deutsch', "
            "'[]', 0, 0, '[]', 'excel', 1)",
            "INSERT INTO course_dates (id, course_id, start_date, end_date, place_id, seats) VALUES "
            "(1, 1, '2030-03-02', '2030-03-30', 1, 12), (2, 1, '2030-09-01', '2030-09-30', 1, NULL)",
        ):
            connection.execute(text(statement))
    upgrade(url)
    with get_engine(url).connect() as connection:
        runs = connection.execute(text(
            "SELECT start_date, format, schedule, price_eur, price_state, status, seats FROM course_dates ORDER BY id"
        )).all()
        place = connection.execute(text("SELECT state, latitude, longitude, geo_key FROM places")).one()
        source = connection.execute(text("SELECT source FROM courses")).scalar_one()
    assert [(r[1], r[2], float(r[3]), r[4], r[5], r[6]) for r in runs] == [
        ("praesenz", "abends", 0.0, "betrag", "aktiv", 12), ("praesenz", "abends", 0.0, "betrag", "aktiv", None)]
    assert place[0] == "NW" and abs(place[1] - 51.556) < 0.01 and abs(place[2] - 6.61) < 0.01
    assert place[3] == "NW:Wesel:Rheinberg" and source == "demo"
    assert schema_differences(url) == []
    with session_scope(url) as session:
        found = search_courses(session, CourseQuery(text="Excel", place="Rheinberg", today=date(2030, 1, 1)))
    assert [(h.title, h.place, h.price_eur, h.schedule) for h in found.hits] == [("Excel", "Rheinberg", 0, "abends")]
