"""A callback's requested window, read back from the label the citizen confirmed (for the ICS export)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings

from bot.nlp.timewindow import fit_to_opening_hours, parse_time_window
from bot.nlp.timewindow_label import window_from_label
from tests.bot.nlp.timewindow_strategies import NOWS, OPENING_HOURS, WISHES


def test_a_named_part_of_a_day_gives_its_hours() -> None:
    window = window_from_label("Dienstag, 08.12.2026, vormittags (8–12 Uhr)")
    assert window is not None
    assert (window.start, window.end) == (datetime(2026, 12, 8, 8), datetime(2026, 12, 8, 12))


def test_exact_hours_and_a_span_of_days() -> None:
    exact = window_from_label("Dienstag, 08.12.2026, 14:15–16:00 Uhr")
    assert exact is not None and (exact.start, exact.end) == (datetime(2026, 12, 8, 14, 15), datetime(2026, 12, 8, 16))
    week = window_from_label("nächste Woche (30.11.–04.12.2026)")
    assert week is not None and (week.start, week.end) == (datetime(2026, 11, 30, 8), datetime(2026, 12, 4, 18))
    turn = window_from_label("nächste Woche (28.12.2026–01.01.2027)")
    assert turn is not None and (turn.start, turn.end) == (datetime(2026, 12, 28, 8), datetime(2027, 1, 1, 18))


@pytest.mark.parametrize(
    "label",
    [
        "Mittwoch, 08.12.2026, vormittags (8–12 Uhr)",  # 08.12.2026 is a Tuesday
        "Dienstag, 08.12.2026, vormittags (9–12 Uhr)",  # "vormittags" is 8–12
        "Dienstag, 08.12.2026, 16:00–14:00 Uhr",
        "Dienstag, 31.02.2026, 14:00–16:00 Uhr",
        "Dienstag, 08.12.2026, 14:00–16:00 Uhr\r\nX-Header: boese",
        "<b>nächste Woche</b> (30.11.–04.12.2026)",
        "morgen vormittag",
        "",
    ],
)
def test_anything_but_a_label_the_bot_writes_is_refused(label: str) -> None:
    assert window_from_label(label) is None


@settings(max_examples=300, deadline=None)
@given(text=WISHES, now=NOWS, hours=OPENING_HOURS)
def test_every_label_the_form_reads_back_gives_its_window_again(text: str, now: datetime, hours: dict) -> None:
    wish = parse_time_window(text, now)
    fitted = fit_to_opening_hours(wish, hours, now) if wish else None
    if fitted is None:
        return
    read = window_from_label(fitted.label)
    assert read is not None and read.label == fitted.label
    if fitted.start.date() == fitted.end.date():
        assert (read.start, read.end) == (fitted.start, fitted.end)
    else:  # a span names its days only; the booking fits it to the opening hours again
        assert (read.start.date(), read.end.date()) == (fitted.start.date(), fitted.end.date())
        # the booking's window lies in the days the citizen was told (it is fitted to the opening
        # hours again, at the time of booking)
        booked = fit_to_opening_hours(read, hours, now) or read
        assert fitted.start.date() <= booked.start.date() and booked.end.date() <= fitted.end.date()
