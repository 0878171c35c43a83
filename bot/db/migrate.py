"""Schema migrations through Alembic, called from code (CLI, set-up, tests) with an explicit URL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from bot.config import load_settings
from bot.db.session import get_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url or load_settings().offer_db_url)
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (creating it if it is an empty SQLite file)."""
    url = url or load_settings().offer_db_url
    get_engine(url)  # creates the SQLite directory and applies the connection pragmas
    command.upgrade(alembic_config(url), revision)


def revision(message: str, url: str) -> None:
    """Autogenerate a migration from the difference between models.py and the database at ``url``."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
