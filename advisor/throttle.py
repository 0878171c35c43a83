"""Slowing down password guessing without locking out the advisor whose password is guessed.

Three counters, kept in the database (so a restart or a second replica resets nothing):

* per account **and** address (``pair``): after ``free`` failures, attempts for this account from
  this address wait one minute, doubling with every further failure up to an hour. A guesser
  elsewhere never slows the advisor down.
* per address (``ip``), over all accounts: stops one address trying many accounts. Its limit is
  higher, because a whole town hall may share one address, and a correct login from the address
  resets it.
* per known browser (``device``): a browser in which the advisor signed in before carries a random
  cookie for that account. Its attempts count only against that cookie, never against the address
  or the pair, so whoever guesses from the same address cannot lock the advisor out of their own
  browser. Its own failures slow it down like the others.

While a counter waits, the attempt is refused without looking at the password: otherwise a
guesser would learn the password the moment the wait ends. Only hashes of the cookie token and of
account and address are stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.db.models_advisor import LoginThrottle

FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
#: Failures older than this are forgotten, so occasional typos never add up to a lock.
FORGET_AFTER = timedelta(hours=24)
#: How long a browser stays known without a successful login in it.
DEVICE_LIFETIME = timedelta(days=90)
DEVICE_COOKIE = "lotse_geraet"


@dataclass(frozen=True)
class Limit:
    prefix: str
    free: int


PAIR = Limit("pair", 5)
ADDRESS = Limit("ip", 20)
DEVICE = Limit("device", 5)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _email(email: str) -> str:
    return email.strip().lower()


def _device_row(session: Session, email: str, device: str | None, now: datetime) -> LoginThrottle | None:
    """The row of a browser that signed in to this account before (and not too long ago)."""
    if not device:
        return None
    row = session.get(LoginThrottle, f"{DEVICE.prefix}:{_hash(device, _email(email))}")
    if row is None or row.known_until is None or row.known_until <= now:
        return None
    return row


def _counters(session: Session, email: str, address: str, device: str | None, now: datetime) -> list[tuple[str, Limit]]:
    known = _device_row(session, email, device, now)
    if known is not None:
        return [(known.key, DEVICE)]
    return [(f"{PAIR.prefix}:{_hash(_email(email), address)}", PAIR), (f"{ADDRESS.prefix}:{address}", ADDRESS)]


def locked_until(
    session: Session, email: str, address: str, now: datetime, device: str | None = None
) -> datetime | None:
    """Until when this attempt (account, address, browser cookie) must wait, if it must."""
    ends = []
    for key, _ in _counters(session, email, address, device, now):
        row = session.get(LoginThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            ends.append(row.locked_until)
    return max(ends) if ends else None


def record_failure(session: Session, email: str, address: str, now: datetime, device: str | None = None) -> None:
    for key, limit in _counters(session, email, address, device, now):
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


def record_success(session: Session, email: str, address: str, now: datetime, device: str | None = None) -> str:
    """Reset the pair and address counters; returns the browser's cookie token (new if it was unknown)."""
    for key in (f"{PAIR.prefix}:{_hash(_email(email), address)}", f"{ADDRESS.prefix}:{address}"):
        row = session.get(LoginThrottle, key)
        if row is not None:
            session.delete(row)
    known = _device_row(session, email, device, now)
    if known is None or device is None:
        device = secrets.token_urlsafe(32)
        known = LoginThrottle(key=f"{DEVICE.prefix}:{_hash(device, _email(email))}", last_failure_at=now)
        session.add(known)
    known.failures, known.locked_until, known.known_until = 0, None, now + DEVICE_LIFETIME
    session.flush()
    return device
