"""Settings read from the environment, in one place, with safe local defaults.

The embedded defaults keep everything under ``var/`` in the repository so that the bot runs
on one machine with no services; production points the same code at PostgreSQL etc.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Free service number of the Bundesagentur für Arbeit for employees, named when the bot has a
#: technical problem. The domain reference marks it as commonly cited but not verified: check it
#: before going live, or set LOTSE_HOTLINE to the region's own counselling number.
DEFAULT_HOTLINE = "0800 4 5555 00"
BA_API_URL = "https://rest.arbeitsagentur.de/infosysbub/wbsuche"
#: Not a secret: the public client id the BA's own course-search web page sends from every
#: visitor's browser (community documentation of the API); LOTSE_BA_API_KEY overrides it.
BA_API_KEY = "infosysbub-wbsuche"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    offer_db_url: str
    #: Rasa's SQL tracker store (conversation histories); endpoints.yml uses the same default file.
    tracker_db_url: str
    #: Version of the consent text shown before a callback is stored (DSGVO: we must be able to
    #: prove which text a citizen agreed to).
    consent_version: str
    #: Days after which callbacks and handover transcripts are deleted by the retention job.
    retention_days: int
    #: Phone number the bot gives when it cannot help because of a technical problem.
    hotline: str = DEFAULT_HOTLINE
    #: The Bundesagentur's Weiterbildungssuche for ``lotse db sync ba``: address, the public client id
    #: its web search sends as X-API-Key, and the pause between requests (seconds).
    ba_api_url: str = BA_API_URL
    ba_api_key: str = BA_API_KEY
    ba_pause: float = 0.5


def _data_dir() -> Path:
    return Path(os.environ.get("LOTSE_DATA_DIR", REPO_ROOT / "var"))


def offer_db_url() -> str:
    """The offer database's URL; asked for every database session, so without building Settings."""
    url = os.environ.get("LOTSE_OFFER_DB_URL")
    return url if url is not None else f"sqlite:///{_data_dir() / 'offers.sqlite3'}"


def load_settings() -> Settings:
    data_dir = _data_dir()
    return Settings(
        data_dir=data_dir,
        offer_db_url=offer_db_url(),
        tracker_db_url=os.environ.get("LOTSE_TRACKER_DB_URL", f"sqlite:///{data_dir / 'tracker.sqlite3'}"),
        consent_version=os.environ.get("LOTSE_CONSENT_VERSION", "2026-12-v3"),
        retention_days=int(os.environ.get("LOTSE_RETENTION_DAYS", "90")),
        hotline=os.environ.get("LOTSE_HOTLINE", "").strip() or DEFAULT_HOTLINE,
        ba_api_url=os.environ.get("LOTSE_BA_API_URL", "").strip() or BA_API_URL,
        ba_api_key=os.environ.get("LOTSE_BA_API_KEY", "").strip() or BA_API_KEY,
        ba_pause=float(os.environ.get("LOTSE_BA_PAUSE", "0.5")),
    )


#: The shared secret the Rasa server sends on every call to the action server (actions/server.py).
ACTION_TOKEN_ENV = "LOTSE_ACTION_TOKEN"
#: Shortest accepted shared secret between our own processes (the generated ones have 43).
MIN_SECRET_CHARS = 32


def shared_secret(env: Mapping[str, str], name: str) -> str:
    """The secret in ``env[name]``, refused when missing or too short to resist guessing."""
    value = env.get(name, "").strip()
    if not value:
        raise ValueError(f"{name} ist nicht gesetzt: ohne dieses Geheimnis startet der Dienst nicht.")
    if len(value) < MIN_SECRET_CHARS:
        raise ValueError(f"{name} ist zu kurz: mindestens {MIN_SECRET_CHARS} zufällige Zeichen.")
    return value
