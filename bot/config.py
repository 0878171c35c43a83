"""Settings read from the environment, in one place, with safe local defaults.

The embedded defaults keep everything under ``var/`` in the repository so that the bot runs
on one machine with no services; production points the same code at PostgreSQL etc. Every reader
takes the environment as a mapping (``None``: the process's own), so that tests pass their own.
Still read elsewhere, each beside the code it switches: the switches of the changes to Rasa
(rasa_ext/; each belongs to its entry in the registry) and the ports and service URLs of
the launchers (scripts/serve.py, scripts/stack.py), which hand the environment on to the servers.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

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
    #: Facts (programmes, centres, FAQ answers) whose Stand is older than this many days are listed
    #: for review on the dashboard /auswertung (bot/stats/freshness.py).
    stale_after_days: int = 365
    #: Slug of the installation's own region, for a citizen whose place is unknown (bot/centres.py).
    region: str = ""
    #: Slug of the centre that receives what no rule assigns (e.g. "vhs-krefeld"; bot/centres.py).
    default_centre: str = ""


def _environment(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def _data_dir(env: Mapping[str, str] | None = None) -> Path:
    return Path(_environment(env).get("LOTSE_DATA_DIR", REPO_ROOT / "var"))


def offer_db_url(env: Mapping[str, str] | None = None) -> str:
    """The offer database's URL; asked for every database session, so without building Settings."""
    url = _environment(env).get("LOTSE_OFFER_DB_URL")
    return url if url is not None else f"sqlite:///{_data_dir(env) / 'offers.sqlite3'}"


def hotline(env: Mapping[str, str] | None = None) -> str:
    """The number in the apology, the same in the actions, the channels and the stack's error page."""
    return _environment(env).get("LOTSE_HOTLINE", "").strip() or DEFAULT_HOTLINE


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    get = _environment(env).get
    data_dir = _data_dir(env)
    return Settings(
        data_dir=data_dir,
        offer_db_url=offer_db_url(env),
        tracker_db_url=get("LOTSE_TRACKER_DB_URL", f"sqlite:///{data_dir / 'tracker.sqlite3'}"),
        consent_version=get("LOTSE_CONSENT_VERSION", "2026-12-v3"),
        retention_days=int(get("LOTSE_RETENTION_DAYS", "90")),
        hotline=hotline(env),
        ba_api_url=get("LOTSE_BA_API_URL", "").strip() or BA_API_URL,
        ba_api_key=get("LOTSE_BA_API_KEY", "").strip() or BA_API_KEY,
        ba_pause=float(get("LOTSE_BA_PAUSE", "0.5")),
        stale_after_days=int(get("LOTSE_STALE_DAYS", "365")),
        region=get("LOTSE_REGION", "").strip(),
        default_centre=get(DEFAULT_CENTRE_ENV, "").strip(),
    )


#: Named in the warning when the slug matches no centre (bot/centres.py).
DEFAULT_CENTRE_ENV = "LOTSE_DEFAULT_CENTRE"


@dataclass(frozen=True)
class NotifySettings:
    """Notifications of new callbacks and handovers (bot/notify): nothing is sent unless configured."""

    #: Empty host: e-mail is switched off (the embedded default has no mail server).
    smtp_host: str
    smtp_port: int
    smtp_from: str
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    #: Optional URL that receives a JSON POST per new record (no personal data in it).
    webhook_url: str
    #: Optional shared secret; when set, webhook requests carry an HMAC-SHA256 signature header.
    webhook_secret: str
    #: Address for records whose centre has no e-mail address (or no centre at all).
    fallback_to: str
    #: Where advisors open the inbox; used for the links in notifications.
    advisor_url: str


def load_notify_settings(env: Mapping[str, str] | None = None) -> NotifySettings:
    get = _environment(env).get
    return NotifySettings(
        smtp_host=get("LOTSE_SMTP_HOST", ""),
        smtp_port=int(get("LOTSE_SMTP_PORT", "25")),
        smtp_from=get("LOTSE_SMTP_FROM", "weiterbildungslotse@localhost"),
        smtp_user=get("LOTSE_SMTP_USER", ""),
        smtp_password=get("LOTSE_SMTP_PASSWORD", ""),
        smtp_starttls=get("LOTSE_SMTP_STARTTLS", "0").lower() in ("1", "true", "ja", "yes"),
        webhook_url=get("LOTSE_NOTIFY_WEBHOOK", ""),
        webhook_secret=get("LOTSE_NOTIFY_WEBHOOK_SECRET", ""),
        fallback_to=get("LOTSE_NOTIFY_FALLBACK_TO", ""),
        advisor_url=get("LOTSE_ADVISOR_URL", "http://127.0.0.1:8090").rstrip("/"),
    )


#: Seconds the running bot keeps edited facts before it reads them again (bot/edits/live.py).
EDITS_TTL_ENV = "LOTSE_EDITS_TTL"
DEFAULT_EDITS_TTL = 30.0
#: The promise to the network: an edit is live within a minute, so no setting may exceed it.
MAX_EDITS_TTL = 60.0


def edits_ttl(env: Mapping[str, str] | None = None) -> float:
    env = _environment(env)
    try:
        seconds = float(env.get(EDITS_TTL_ENV, DEFAULT_EDITS_TTL))
    except ValueError:
        logger.warning("%s=%r ist keine Zahl; es gelten %s s", EDITS_TTL_ENV, env.get(EDITS_TTL_ENV), DEFAULT_EDITS_TTL)
        return DEFAULT_EDITS_TTL
    return min(max(seconds, 0.0), MAX_EDITS_TTL)


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


#: The secret behind the socket.io session proofs (channels/session_proof.py).
SESSION_SECRET_ENV = "LOTSE_SESSION_SECRET"


def session_secret(env: Mapping[str, str] | None = None) -> str:
    """LOTSE_SESSION_SECRET (refused when too short), else LOTSE_ACTION_TOKEN, else "" (none set)."""
    env = _environment(env)
    secret = env.get(SESSION_SECRET_ENV, "").strip()
    if secret and len(secret) < MIN_SECRET_CHARS:
        raise ValueError(f"{SESSION_SECRET_ENV} muss mindestens {MIN_SECRET_CHARS} Zeichen lang sein")
    return secret or env.get(ACTION_TOKEN_ENV, "").strip()


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as error:
        raise ValueError(f"{name} muss eine Zahl sein, nicht {raw!r}") from error
    if value < 0:
        raise ValueError(f"{name} darf nicht negativ sein")
    return value


@dataclass(frozen=True)
class GuardSettings:
    """The limits of the public chat channels (channels/guard.py, docs/security.md)."""

    #: Longer messages get a polite request to shorten them (the widget itself stops at 1,000).
    max_message_chars: int = 2000
    #: Larger request bodies are refused with 413 before they are parsed.
    max_body_bytes: int = 256 * 1024
    #: Messages per minute and conversation; 0 switches the limit off.
    per_sender_per_minute: int = 20
    #: Messages per minute and client address (behind a proxy: see docs/security.md); 0 = off.
    per_client_per_minute: int = 60

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> GuardSettings:
        env = _environment(env)
        return cls(
            max_message_chars=int(_number(env, "LOTSE_MAX_MESSAGE_CHARS", cls.max_message_chars)),
            max_body_bytes=int(_number(env, "LOTSE_MAX_BODY_BYTES", cls.max_body_bytes)),
            per_sender_per_minute=int(_number(env, "LOTSE_RATE_PER_SENDER", cls.per_sender_per_minute)),
            per_client_per_minute=int(_number(env, "LOTSE_RATE_PER_IP", cls.per_client_per_minute)),
        )


#: Seconds a citizen waits at most before the apology (channels/faults.py; processing goes on).
DEFAULT_REPLY_TIMEOUT = 20.0


def reply_timeout(env: Mapping[str, str] | None = None) -> float:
    timeout = float(_environment(env).get("LOTSE_REPLY_TIMEOUT", "").strip() or DEFAULT_REPLY_TIMEOUT)
    if timeout <= 0:
        raise ValueError("LOTSE_REPLY_TIMEOUT muss größer als 0 sein")
    return timeout


#: The key of the conversation hashes in the dashboard counters (bot/stats): HMAC-SHA256 secret.
STATS_KEY_ENV = "LOTSE_STATS_KEY"
#: Where the embedded set-up keeps its generated key (in the data directory, mode 0600).
STATS_KEY_FILE = "stats-key"


def stats_key(env: Mapping[str, str] | None = None) -> str:
    """The secret for ``bot.stats.conversation_hash``: LOTSE_STATS_KEY, checked like the other secrets.

    Without it, the embedded set-up (offer database in SQLite) generates one key per installation,
    once, in ``<data dir>/stats-key``, so that a conversation is the same hash after a restart; with
    a server database (production) the key must be set, or counting stops with a German error.
    The key must stay the same: a new key makes the same conversation count again.
    """
    env = _environment(env)
    if env.get(STATS_KEY_ENV, "").strip():
        return shared_secret(env, STATS_KEY_ENV)
    url = env.get("LOTSE_OFFER_DB_URL")
    if url is not None and not url.startswith("sqlite"):
        raise ValueError(f"{STATS_KEY_ENV} ist nicht gesetzt: mit einer Server-Datenbank muss der Schlüssel "
                         "für die Auswertung gesetzt sein (mindestens 32 zufällige Zeichen).")
    path = _data_dir(env) / STATS_KEY_FILE
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= MIN_SECRET_CHARS:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    try:  # O_EXCL: two processes starting at once agree on the first key written
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # written by another process just now, or damaged
        key = path.read_text(encoding="utf-8").strip()
        if len(key) < MIN_SECRET_CHARS:
            raise ValueError(f"{path} ist beschädigt (zu kurz): bitte löschen, dann wird ein neuer Schlüssel "
                             "erzeugt.") from None
        return key
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key
