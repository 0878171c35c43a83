"""The shared checks of the public channels, and how they are configured from the environment."""

from __future__ import annotations

import pytest

from channels.guard import EMPTY, Guard, GuardSettings, Reply, clean_text


@pytest.mark.parametrize(
    "raw, seen",
    [
        ("Pflegekurs in Krefeld", "Pflegekurs in Krefeld"),
        ("<script>alert(1)</script>Kurs", "alert(1) Kurs"),
        ("<img src=x onerror=alert(1)", "img src=x onerror=alert(1)"),
        ("Kosten < 100 €", "Kosten 100 €"),
        ("Pfle\u200bge\u00ad", "Pflege"),
        ("Mu\u0308nchen", "München"),
        ("Hallo\u202eollaH", "HalloollaH"),
        ("line\r\nbreak\ttab\x00\x1b[31m", "line\nbreak\ttab[31m"),
        ("\ud800Kurs", "Kurs"),
        ("שלום עולם 👨\u200d👩\u200d👧", "שלום עולם 👨👩👧"),
        ("'; DROP TABLE courses; --", "'; DROP TABLE courses; --"),
    ],
)
def test_clean_text(raw: str, seen: str) -> None:
    assert clean_text(raw) == seen


def test_the_length_limit_counts_what_was_sent() -> None:
    guard = Guard(GuardSettings(max_message_chars=10))
    assert guard.check_text("<i>Kurs") == "Kurs"
    too_long = guard.check_text("x" * 11)
    assert isinstance(too_long, Reply) and "11 Zeichen" in too_long.text and "höchstens 10 Zeichen" in too_long.text
    assert guard.check_text("\u200b") == Reply(EMPTY)


def test_limits_are_read_from_the_environment_with_defaults() -> None:
    assert GuardSettings.from_env({}) == GuardSettings()
    settings = GuardSettings.from_env(
        {"LOTSE_RATE_PER_SENDER": "5", "LOTSE_RATE_PER_IP": "0", "LOTSE_MAX_MESSAGE_CHARS": "500"}
    )
    assert (settings.per_sender_per_minute, settings.per_client_per_minute, settings.max_message_chars) == (5, 0, 500)
    with pytest.raises(ValueError, match="LOTSE_RATE_PER_IP"):
        GuardSettings.from_env({"LOTSE_RATE_PER_IP": "viele"})


def test_a_limit_of_zero_switches_rate_limiting_off() -> None:
    guard = Guard(GuardSettings(per_sender_per_minute=0, per_client_per_minute=0))
    assert all(guard.rate_limited("citizen-1", "127.0.0.1") is None for _ in range(500))


def test_the_rate_limit_names_the_wait() -> None:
    guard = Guard(GuardSettings(per_sender_per_minute=2, per_client_per_minute=100))
    assert guard.rate_limited("a", "1.2.3.4") is None and guard.rate_limited("a", "1.2.3.4") is None
    refusal = guard.rate_limited("a", "1.2.3.4")
    assert refusal is not None and 0 < refusal.retry_after <= 60
    assert guard.rate_limited("b", "1.2.3.4") is None
