"""Shared fixtures: a real, migrated SQLite offer database per test (no mocks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.db.migrate import upgrade
from bot.db.session import session_scope


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    """URL of an empty offer database with the current schema (Alembic head)."""
    url = f"sqlite:///{tmp_path / 'offers.sqlite3'}"
    upgrade(url)
    return url


@pytest.fixture()
def session(db_url: str) -> Iterator[Session]:
    with session_scope(db_url) as s:
        yield s
