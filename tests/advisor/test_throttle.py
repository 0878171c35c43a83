"""Login throttling: guessers are slowed down per account and address, the advisor is not locked out."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from advisor import throttle

NOW = datetime(2026, 11, 23, 9, 0)
ANNA, HOME, ELSEWHERE = "anna@example.org", "203.0.113.7", "198.51.100.1"


def test_twenty_failures_from_one_address_lock_it_for_all_new_browsers(session: Session) -> None:
    for number in range(20):
        assert throttle.locked_until(session, f"person{number}@example.org", HOME, NOW) is None
        throttle.record_failure(session, f"person{number}@example.org", HOME, NOW)
    until = throttle.locked_until(session, "neu@example.org", HOME, NOW)
    assert until == NOW + timedelta(minutes=1)
    assert throttle.locked_until(session, "neu@example.org", ELSEWHERE, NOW) is None


def test_a_correct_login_from_the_address_resets_its_counter(session: Session) -> None:
    for number in range(19):
        throttle.record_failure(session, f"person{number}@example.org", HOME, NOW)
    throttle.record_success(session, "kollegin@example.org", HOME, NOW)
    for number in range(19):
        throttle.record_failure(session, f"other{number}@example.org", HOME, NOW)
    assert throttle.locked_until(session, "neu@example.org", HOME, NOW) is None


def test_guessing_an_account_from_elsewhere_does_not_slow_down_its_advisor(session: Session) -> None:
    for _ in range(30):
        throttle.record_failure(session, ANNA, ELSEWHERE, NOW)
    assert throttle.locked_until(session, ANNA, ELSEWHERE, NOW) == NOW + timedelta(hours=1)
    assert throttle.locked_until(session, ANNA, HOME, NOW) is None


def test_a_known_browser_counts_only_its_own_failures(session: Session) -> None:
    device = throttle.record_success(session, ANNA, HOME, NOW)
    for number in range(40):  # someone at the same address tries Anna and others
        throttle.record_failure(session, ANNA if number % 2 else f"p{number}@example.org", HOME, NOW)
    assert throttle.locked_until(session, ANNA, HOME, NOW) is not None  # a new browser waits
    assert throttle.locked_until(session, ANNA, HOME, NOW, device) is None  # Anna's own does not
    assert throttle.locked_until(session, "bernd@example.org", HOME, NOW, device) is not None  # only for Anna
    for _ in range(5):
        throttle.record_failure(session, ANNA, HOME, NOW, device)
    assert throttle.locked_until(session, ANNA, HOME, NOW, device) == NOW + timedelta(minutes=1)
    assert throttle.record_success(session, ANNA, HOME, NOW + timedelta(minutes=2), device) == device


def test_a_browser_unused_for_90_days_is_a_new_one_again(session: Session) -> None:
    device = throttle.record_success(session, ANNA, HOME, NOW)
    later = NOW + timedelta(days=91)
    for _ in range(5):
        throttle.record_failure(session, ANNA, HOME, later, device)
    assert throttle.locked_until(session, ANNA, HOME, later) is not None  # counted for the address pair


def test_old_failures_are_forgotten(session: Session) -> None:
    for _ in range(4):
        throttle.record_failure(session, ANNA, HOME, NOW)
    later = NOW + timedelta(days=2)
    throttle.record_failure(session, ANNA, HOME, later)
    assert throttle.locked_until(session, ANNA, HOME, later) is None


def test_lock_is_capped_at_one_hour(session: Session) -> None:
    for _ in range(30):
        throttle.record_failure(session, ANNA, HOME, NOW)
    assert throttle.locked_until(session, ANNA, HOME, NOW) == NOW + timedelta(hours=1)
