"""Login throttling per address: many accounts guessed from one address lock that address."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from advisor import throttle

NOW = datetime(2026, 11, 23, 9, 0)


def test_twenty_failures_from_one_address_lock_it_for_all_accounts(session: Session) -> None:
    for number in range(20):
        assert throttle.locked_until(session, f"person{number}@example.org", "203.0.113.7", NOW) is None
        throttle.record_failure(session, f"person{number}@example.org", "203.0.113.7", NOW)
    until = throttle.locked_until(session, "neu@example.org", "203.0.113.7", NOW)
    assert until == NOW + timedelta(minutes=1)
    assert throttle.locked_until(session, "neu@example.org", "198.51.100.1", NOW) is None


def test_old_failures_are_forgotten(session: Session) -> None:
    for _ in range(4):
        throttle.record_failure(session, "anna@example.org", "203.0.113.7", NOW)
    later = NOW + timedelta(days=2)
    throttle.record_failure(session, "anna@example.org", "203.0.113.7", later)
    assert throttle.locked_until(session, "anna@example.org", "203.0.113.7", later) is None


def test_lock_is_capped_at_one_hour(session: Session) -> None:
    for _ in range(30):
        throttle.record_failure(session, "anna@example.org", "203.0.113.7", NOW)
    assert throttle.locked_until(session, "anna@example.org", "192.0.2.1", NOW) == NOW + timedelta(hours=1)
