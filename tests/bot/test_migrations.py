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
