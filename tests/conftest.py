"""Shared fixtures: real, migrated databases per test (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.db.migrate import upgrade
from bot.db.session import get_engine, session_scope

# CI runs the property tests with a fixed seed so that a red build always means a change broke
# something; developers' runs explore new examples each time (and found real bugs that way).
# Neither has a deadline: how fast an example runs depends on the machine's load, and timing
# thresholds belong in the benchmarks (bench/), not in tests.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="module")
def rasa_patches() -> Iterator[tuple[str, ...]]:
    """This bot's changes to Rasa (rasa_ext) installed for one test module, as the server entry point
    installs them, and removed after it: importing a module never patches Rasa for the rest of the run."""
    import rasa_ext

    env = {name: value for name, value in os.environ.items() if name != "LOTSE_RASA_PATCHES"}
    names = rasa_ext.install(env)
    try:
        yield names
    finally:
        rasa_ext.uninstall()


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


@pytest.fixture()
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database on the server named by LOTSE_TEST_POSTGRES_URL, dropped after.

    Without the variable the test is skipped (and pytest lists why); with it, an unreachable
    server is a failure: CI sets it precisely so that these tests run.
    """
    admin_url = os.environ.get("LOTSE_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("LOTSE_TEST_POSTGRES_URL ist nicht gesetzt (PostgreSQL-Integrationstest)")
    name = f"lotse_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        pytest.fail(f"PostgreSQL unter LOTSE_TEST_POSTGRES_URL nicht erreichbar: {error}")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        get_engine(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
