"""SQLite files with personal data: readable only by the service, and deleted rows really gone.

The offer database holds callbacks (names, phone numbers) and handovers (transcripts); the
tracker store holds every conversation. SQLite creates its files with the process umask (usually
0644: readable by every local user), so they are created here first: the directory 0700, the
database 0600. SQLite gives its ``-wal`` and ``-shm`` files the database file's mode.

Deleting a row only marks its page free: the bytes stay in the file, and in WAL mode also in the
log. ``secure_delete`` overwrites deleted content with zeros, and a ``TRUNCATE`` checkpoint after
a deletion writes the zeroed pages into the database and empties the log (``wipe_deleted``).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine, make_url

logger = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
#: SQLite's companion files of a database in WAL mode (and the rollback journal).
COMPANIONS = ("-wal", "-shm", "-journal")


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def protect_sqlite_file(url: str) -> Path | None:
    """Create the database's directory (0700) and file (0600) if missing; tighten existing files to 0600.

    An existing directory keeps its mode (it may be shared on purpose, like /tmp); a warning
    names it when others can enter it.
    """
    path = sqlite_path(url)
    if path is None:
        return None
    if not path.parent.exists():
        path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    elif path.parent.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        logger.warning("Datenverzeichnis %s ist für andere Benutzer offen; empfohlen: chmod 700", path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))  # creates it 0600, or opens what is there
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in COMPANIONS)):
        if candidate.exists() and stat.S_IMODE(candidate.stat().st_mode) != FILE_MODE:
            os.chmod(candidate, FILE_MODE)
    return path


def secure_delete(cursor: Any) -> None:
    """Per connection: freed pages are overwritten with zeros (SQLite's ``secure_delete``)."""
    cursor.execute("PRAGMA secure_delete=ON")


def wipe_deleted(engine: Engine) -> None:
    """After a deletion: move the zeroed pages from the log into the file and empty the log."""
    if engine.url.get_backend_name() != "sqlite":
        return  # PostgreSQL: VACUUM and the server's own storage; see docs/privacy.md
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
