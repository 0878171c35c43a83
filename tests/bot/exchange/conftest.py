"""Fixtures of the exchange tests."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.bot.exchange.sample_files import add_reference_rows


@pytest.fixture()
def refs(session: Session) -> Session:
    add_reference_rows(session)
    return session
