"""Server-side login sessions: the cookie holds a random token, the database only its hash.

Server-side so that logging out, removing an advisor or resetting a password ends every
session at once, which a signed cookie cannot do.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import Advisor
from bot.db.models_advisor import AdvisorSession

#: One working day; after that the advisor signs in again.
LIFETIME = timedelta(hours=10)
#: A session nobody used for this long ends (a browser left open in an empty office).
IDLE = timedelta(minutes=30)
IDLE_MINUTES = int(IDLE.total_seconds() // 60)
COOKIE = "lotse_beratung"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, advisor: Advisor, now: datetime) -> str:
    """Open a session and return the token for the cookie (the only place it exists in clear)."""
    token = secrets.token_urlsafe(32)
    session.add(
        AdvisorSession(
            token_hash=_hash(token),
            advisor_id=advisor.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=min(now + IDLE, now + LIFETIME),
        )
    )
    session.flush()
    return token


def resume(session: Session, token: str | None, now: datetime) -> tuple[Advisor, AdvisorSession] | None:
    """The signed-in advisor, or None when the session ended (logged out, idle for IDLE, older than LIFETIME)."""
    if not token:
        return None
    row = session.execute(
        select(AdvisorSession, Advisor)
        .join(Advisor, Advisor.id == AdvisorSession.advisor_id)
        .where(AdvisorSession.token_hash == _hash(token))
    ).first()
    if row is None:
        return None
    login, advisor = row
    if login.expires_at <= now:
        session.delete(login)
        return None
    login.expires_at = min(now + IDLE, login.created_at + LIFETIME)  # every request counts as activity
    return advisor, login


def end(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(AdvisorSession).where(AdvisorSession.token_hash == _hash(token)))


def end_all_for(session: Session, advisor_id: int, keep: AdvisorSession | None = None) -> None:
    """End every session of the advisor (but ``keep``, the one that asked for it)."""
    query = delete(AdvisorSession).where(AdvisorSession.advisor_id == advisor_id)
    if keep is not None:
        query = query.where(AdvisorSession.token_hash != keep.token_hash)
    session.execute(query)


def purge_expired(session: Session, now: datetime) -> int:
    return session.execute(delete(AdvisorSession).where(AdvisorSession.expires_at <= now)).rowcount or 0
