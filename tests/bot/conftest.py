"""Fixtures of the domain core's tests: the demo offer of DEMO_DAY (search, the course search turn)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.db.migrate import upgrade
from bot.db.session import session_scope
from bot.demo.seed import seed
from tests.bot.search.sample_offer import DEMO_DAY


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """The demo offer (bot/demo), seeded for DEMO_DAY, shared by the tests of one module."""
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('demo')) / 'offers.sqlite3'}"
    upgrade(url)
    with session_scope(url) as session:
        seed(session, DEMO_DAY)
    with session_scope(url) as session:
        yield session
