"""Slowing down password guessing: per account and per address, exponential lockout in the database.

After ``free`` failed attempts the key is locked for one minute, doubling with every further
failure up to an hour. While locked, even the right password is refused, otherwise a guesser
would simply learn the password at the moment the lock ends. The address limit is higher than
the account limit because a whole town hall may share one address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models_advisor import LoginThrottle

FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
#: Failures older than this are forgotten, so occasional typos never add up to a lock.
FORGET_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class Limit:
    prefix: str
    free: int


ACCOUNT = Limit("account", 5)
ADDRESS = Limit("ip", 20)


def keys(email: str, address: str) -> list[tuple[str, Limit]]:
    return [(f"{ACCOUNT.prefix}:{email.strip().lower()}", ACCOUNT), (f"{ADDRESS.prefix}:{address}", ADDRESS)]


def locked_until(session: Session, email: str, address: str, now: datetime) -> datetime | None:
    """The time until which logins for this account or from this address are refused, if any."""
    names = [key for key, _ in keys(email, address)]
    rows = session.execute(select(LoginThrottle).where(LoginThrottle.key.in_(names))).scalars()
    ends = [row.locked_until for row in rows if row.locked_until is not None and row.locked_until > now]
    return max(ends) if ends else None


def record_failure(session: Session, email: str, address: str, now: datetime) -> None:
    for key, limit in keys(email, address):
        row = session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failure_at=now)
            session.add(row)
        if now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= limit.free:
            row.locked_until = now + min(FIRST_LOCK * 2 ** (row.failures - limit.free), MAX_LOCK)
    session.flush()


def record_success(session: Session, email: str) -> None:
    """A correct login clears the account's counter; the address counter decays on its own."""
    row = session.get(LoginThrottle, keys(email, "")[0][0])
    if row is not None:
        session.delete(row)
