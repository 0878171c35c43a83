"""Property tests for the German time-window parser: any text, any moment, any opening hours.

Extends ``test_timewindow.py``'s random-text test with time zones, the bounds of every window and
the opening-hours fit, which had no property test.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlp.timewindow import OPENING_KEYS, fit_to_opening_hours, parse_time_window
from tests.bot.nlp.timewindow_strategies import DAYS_ONLY, MESSY_HOURS, NOWS, OPENING_HOURS, WISHES, ZONES


@settings(max_examples=500, deadline=None)
@given(text=st.text() | WISHES, now=NOWS, zone=ZONES)
def test_any_text_gives_none_or_a_window_ahead_of_now_in_its_bounds(text: str, now: datetime, zone: tzinfo) -> None:
    now = now.replace(tzinfo=zone)
    window = parse_time_window(text, now)
    if window is None:
        return
    assert now <= window.start < window.end
    assert window.end - window.start <= timedelta(days=8)  # one day, or one week / weekend / "bis Freitag"
    assert window.start.tzinfo is now.tzinfo and window.end.tzinfo is now.tzinfo
    assert window.label.strip() == window.label and window.label


@given(text=DAYS_ONLY, now=NOWS)
def test_a_day_without_hours_is_its_working_day(text: str, now: datetime) -> None:
    window = parse_time_window(text, now)
    assert window is not None and window.start.date() == window.end.date() > now.date()
    assert (window.start.time(), window.end.time()) == (time(8), time(18))




def _inside_opening(moment: datetime, hours: dict[str, list[list[str]]], closing: bool) -> bool:
    spans = hours.get(OPENING_KEYS[moment.weekday()]) or []
    clock = moment.strftime("%H:%M")
    return any(opens < clock <= closes if closing else opens <= clock < closes for opens, closes in spans)


@settings(max_examples=300, deadline=None)
@given(text=WISHES, now=NOWS, hours=OPENING_HOURS)
def test_a_fitted_window_lies_inside_the_wish_and_the_opening_hours(text: str, now: datetime, hours: dict) -> None:
    wish = parse_time_window(text, now)
    if wish is None:
        return
    fitted = fit_to_opening_hours(wish, hours, now)
    if not hours:
        assert fitted == wish  # unknown hours: the wish stands
    if fitted is None:
        return
    assert max(wish.start, now) <= fitted.start < fitted.end <= wish.end
    if hours:
        assert _inside_opening(fitted.start, hours, closing=False) and _inside_opening(fitted.end, hours, closing=True)


@settings(max_examples=300, deadline=None)
@given(text=WISHES, now=NOWS, hours=MESSY_HOURS)
def test_malformed_opening_hours_never_break_the_fit(text: str, now: datetime, hours: dict) -> None:
    """Entries an editor got wrong are skipped.

    Not generated: a day whose value is not a list at all ({"sa": 1}); ``_opening_slots`` raises
    TypeError for it (bot/nlp is not ours; reported to its owner with that example).
    """
    wish = parse_time_window(text, now)
    if wish is not None:
        fitted = fit_to_opening_hours(wish, hours, now)
        assert fitted is None or wish.start <= fitted.start < fitted.end <= wish.end


@settings(max_examples=300, deadline=None)
@given(text=WISHES, now=NOWS)
def test_a_one_day_window_read_back_to_the_citizen_means_the_same_window(text: str, now: datetime) -> None:
    """ "Dienstag, 24.11.2026, vormittags (8–12 Uhr)" is what the citizen confirms; typed again, it is the same.

    Multi-day labels ("nächste Woche (30.11.–04.12.2026)") are not re-read: their first date wins.
    """
    window = parse_time_window(text, now)
    if window is None or window.start.date() != window.end.date():
        return
    again = parse_time_window(window.label, now)
    assert again is not None and (again.start, again.end) == (window.start, window.end)
