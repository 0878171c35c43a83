"""German callback wishes become the window the bot reads back, fitted to a centre's opening hours."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlp.timewindow import TimeWindow, fit_to_opening_hours, parse_time_window

SUNDAY_EVENING = datetime(2026, 11, 22, 21, 0)  # next calendar week starts Monday 23.11.
TUESDAY_MORNING = datetime(2026, 11, 24, 9, 40)
FRIDAY_EVENING = datetime(2026, 11, 27, 19, 0)

WEEKDAY_HOURS = {day: [["08:00", "12:30"], ["13:30", "16:00"]] for day in ("mo", "di", "mi", "do")}
WEEKDAY_HOURS["fr"] = [["08:00", "12:30"]]


def d(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute)


def window(text: str, now: datetime) -> tuple[datetime, datetime] | None:
    parsed = parse_time_window(text, now)
    return None if parsed is None else (parsed.start, parsed.end)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("heute", TUESDAY_MORNING, (d(24, 9, 45), d(24, 18))),  # starts at the next quarter hour
        ("heute", SUNDAY_EVENING, None),  # today's working day is over: ask again, don't guess
        ("morgen", SUNDAY_EVENING, (d(23, 8), d(23, 18))),
        ("übermorgen", SUNDAY_EVENING, (d(24, 8), d(24, 18))),
        ("Uebermorgen", SUNDAY_EVENING, (d(24, 8), d(24, 18))),
        ("in zwei Tagen", TUESDAY_MORNING, (d(26, 8), d(26, 18))),
        ("in 3 Tagen", SUNDAY_EVENING, (d(25, 8), d(25, 18))),
    ],
)
def test_relative_days(text: str, now: datetime, expected: tuple[datetime, datetime] | None) -> None:
    assert window(text, now) == expected


@pytest.mark.parametrize(
    ("text", "now", "expected_day"),
    [
        ("Dienstag", SUNDAY_EVENING, 24),
        ("am Dienstag", TUESDAY_MORNING, 1),  # on a Tuesday, "Dienstag" is next week's
        ("nächsten Dienstag", SUNDAY_EVENING, 24),
        ("naechsten Dienstag", TUESDAY_MORNING, 1),
        ("Dienstag nächste Woche", TUESDAY_MORNING, 1),
        ("nächste Woche Donnerstag", TUESDAY_MORNING, 3),
        ("Mittwoch diese Woche", TUESDAY_MORNING, 25),
        ("übernächsten Freitag", SUNDAY_EVENING, 4),
        ("dienstags", SUNDAY_EVENING, 24),
        ("DONNERSTAG", SUNDAY_EVENING, 26),
        ("Donerstag", SUNDAY_EVENING, 26),
        ("mitwoch", SUNDAY_EVENING, 25),
        ("Samstag", SUNDAY_EVENING, 28),  # weekends parse; the opening-hours fit decides
    ],
)
def test_weekdays_are_whole_working_days_in_the_future(text: str, now: datetime, expected_day: int) -> None:
    month = 12 if expected_day < 10 else 11
    assert window(text, now) == (d(expected_day, 8, month=month), d(expected_day, 18, month=month))


def test_weeks_are_monday_to_friday() -> None:
    wish = parse_time_window("nächste Woche", TUESDAY_MORNING)
    assert wish == TimeWindow(d(30, 8), d(4, 18, month=12), "nächste Woche (30.11.–04.12.2026)")
    assert window("nachste woche", SUNDAY_EVENING) == (d(23, 8), d(27, 18))
    assert window("übernächste Woche", TUESDAY_MORNING) == (d(7, 8, month=12), d(11, 18, month=12))


def test_this_week_is_the_rest_of_it_or_the_coming_one_from_friday_evening() -> None:
    assert parse_time_window("diese Woche", TUESDAY_MORNING) == TimeWindow(
        d(24, 9, 45), d(27, 18), "diese Woche (24.11.–27.11.2026)"
    )
    assert window("diese Woche", FRIDAY_EVENING) == (d(30, 8), d(4, 18, month=12))


def test_until_a_weekday_spans_the_days_up_to_it() -> None:
    assert parse_time_window("bis Freitag", SUNDAY_EVENING) == TimeWindow(
        d(23, 8), d(27, 18), "bis Freitag (23.11.–27.11.2026)"
    )


def test_a_weekday_in_n_weeks_lies_in_that_calendar_week() -> None:
    assert window("Donnerstag in zwei Wochen", TUESDAY_MORNING) == (d(10, 8, month=12), d(10, 18, month=12))


def test_a_week_with_hours_becomes_its_first_day_with_those_hours() -> None:
    assert window("nächste Woche vormittags", TUESDAY_MORNING) == (d(30, 8), d(30, 12))


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("3.12.", SUNDAY_EVENING, (d(3, 8, month=12), d(3, 18, month=12))),
        ("am 03.12.2026", SUNDAY_EVENING, (d(3, 8, month=12), d(3, 18, month=12))),
        ("3. Dezember", SUNDAY_EVENING, (d(3, 8, month=12), d(3, 18, month=12))),
        ("am 3.12 um 10", SUNDAY_EVENING, (d(3, 10, month=12), d(3, 10, 30, month=12))),
        ("1.11.", SUNDAY_EVENING, (d(1, 8, year=2027), d(1, 18, year=2027))),  # already past: next year
        ("5. Jan", SUNDAY_EVENING, (d(5, 8, month=1, year=2027), d(5, 18, month=1, year=2027))),
        ("03.12.2025", SUNDAY_EVENING, None),  # explicitly in the past
        ("31.02.", SUNDAY_EVENING, None),  # no such date
    ],
)
def test_explicit_dates(text: str, now: datetime, expected: tuple[datetime, datetime] | None) -> None:
    assert window(text, now) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("morgen vormittag", (d(23, 8), d(23, 12))),
        ("Montagvormittag", (d(23, 8), d(23, 12))),
        ("morgen mittags", (d(23, 12), d(23, 14))),
        ("Dienstag nachmittags", (d(24, 13), d(24, 17))),
        ("morgen Abend", (d(23, 17), d(23, 20))),
        ("morgen früh", (d(23, 8), d(23, 10))),
        ("Dienstag morgen", (d(24, 8), d(24, 10))),  # Tuesday morning, not tomorrow
        ("morgens", (d(23, 8), d(23, 10))),
    ],
)
def test_parts_of_day(text: str, expected: tuple[datetime, datetime]) -> None:
    assert window(text, SUNDAY_EVENING) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("morgen um 10", (d(23, 10), d(23, 10, 30))),
        ("morgen um 10 Uhr", (d(23, 10), d(23, 10, 30))),
        ("morgen 10:30", (d(23, 10, 30), d(23, 11))),
        ("morgen 14.30 Uhr", (d(23, 14, 30), d(23, 15))),
        ("Dienstag ab 14 Uhr", (d(24, 14), d(24, 18))),
        ("morgen nachmittags ab 15", (d(23, 15), d(23, 17))),
        ("morgen bis 12 Uhr", (d(23, 8), d(23, 12))),
        ("morgen zwischen 9 und 11", (d(23, 9), d(23, 11))),
        ("morgen zwischen 9 und 11 Uhr", (d(23, 9), d(23, 11))),
        ("morgen gegen 15 Uhr", (d(23, 14, 30), d(23, 15, 30))),
        ("morgen um 3", (d(23, 15), d(23, 15, 30))),  # nobody wants a call at 3 a.m.
        ("morgen abends um 8", (d(23, 20), d(23, 20, 30))),
        ("morgen um halb drei", (d(23, 14, 30), d(23, 15))),
    ],
)
def test_clock_times(text: str, expected: tuple[datetime, datetime]) -> None:
    assert window(text, SUNDAY_EVENING) == expected


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("ab 14 Uhr", TUESDAY_MORNING, (d(24, 14), d(24, 18))),  # still ahead today
        ("um 9", TUESDAY_MORNING, (d(25, 9), d(25, 9, 30))),  # already past today: tomorrow
        ("zwischen 9 und 11", TUESDAY_MORNING, (d(24, 9, 45), d(24, 11))),  # still running: rest of it
        ("ab 14 Uhr", FRIDAY_EVENING, (d(30, 14), d(30, 18))),  # skips the weekend
        ("vormittags", SUNDAY_EVENING, (d(23, 8), d(23, 12))),
    ],
)
def test_hours_without_a_day_mean_the_next_working_day_they_fit(
    text: str, now: datetime, expected: tuple[datetime, datetime]
) -> None:
    assert window(text, now) == expected


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Dienstag ab 14 Uhr", "Dienstag, 24.11.2026, 14:00–18:00 Uhr"),
        ("morgen vormittag", "Montag, 23.11.2026, vormittags (8–12 Uhr)"),
        ("Mittwoch", "Mittwoch, 25.11.2026, ganztags (8–18 Uhr)"),
        ("am Wochenende", "Wochenende (28.11.–29.11.2026)"),
    ],
)
def test_labels_are_normalised_german(text: str, label: str) -> None:
    parsed = parse_time_window(text, SUNDAY_EVENING)
    assert parsed is not None
    assert parsed.label == label


@pytest.mark.parametrize(
    "text",
    ["Pizza", "", "asdf", "ja", "Guten Morgen", "Ich habe zwei Fragen", "Kurs 3 in Raum 3.12", "Pflegedienst"],
)
def test_text_without_a_time_gives_none(text: str) -> None:
    assert parse_time_window(text, SUNDAY_EVENING) is None


def _wish(text: str) -> TimeWindow:
    parsed = parse_time_window(text, SUNDAY_EVENING)
    assert parsed is not None
    return parsed


def test_fit_keeps_a_wish_inside_opening_hours() -> None:
    wish = _wish("Dienstag zwischen 9 und 11")
    assert fit_to_opening_hours(wish, WEEKDAY_HOURS, SUNDAY_EVENING) == wish


def test_fit_trims_a_partial_overlap_and_relabels_it() -> None:
    fitted = fit_to_opening_hours(_wish("Dienstag ab 14 Uhr"), WEEKDAY_HOURS, SUNDAY_EVENING)
    assert fitted == TimeWindow(d(24, 14), d(24, 16), "Dienstag, 24.11.2026, 14:00–16:00 Uhr")


def test_fit_spans_the_lunch_break_of_a_whole_day() -> None:
    fitted = fit_to_opening_hours(_wish("Montag"), WEEKDAY_HOURS, SUNDAY_EVENING)
    assert fitted is not None
    assert (fitted.start, fitted.end) == (d(23, 8), d(23, 16))


@pytest.mark.parametrize("text", ["Samstag", "morgen abends", "Freitag nachmittags", "morgen zwischen 12:30 und 13:30"])
def test_fit_rejects_wishes_entirely_outside_opening_hours(text: str) -> None:
    assert fit_to_opening_hours(_wish(text), WEEKDAY_HOURS, SUNDAY_EVENING) is None


def test_fit_returns_the_wish_unchanged_when_hours_are_unknown() -> None:
    wish = _wish("Samstag")
    assert fit_to_opening_hours(wish, {}, SUNDAY_EVENING) == wish


def test_fit_keeps_a_week_multi_day_within_opening_times() -> None:
    fitted = fit_to_opening_hours(_wish("nächste Woche"), WEEKDAY_HOURS, SUNDAY_EVENING)
    assert fitted == TimeWindow(d(23, 8), d(27, 12, 30), "nächste Woche (23.11.–27.11.2026)")


def test_fit_moves_a_week_to_the_only_open_day() -> None:
    fitted = fit_to_opening_hours(_wish("nächste Woche"), {"mi": [["09:00", "12:00"]]}, SUNDAY_EVENING)
    assert fitted == TimeWindow(d(25, 9), d(25, 12), "Mittwoch, 25.11.2026, 09:00–12:00 Uhr")


def test_fit_drops_opening_time_that_has_already_passed() -> None:
    wish = parse_time_window("diese Woche", TUESDAY_MORNING)
    assert wish is not None
    later = TUESDAY_MORNING + timedelta(hours=6)  # 15:40, the centre closes at 16:00
    fitted = fit_to_opening_hours(wish, WEEKDAY_HOURS, later)
    assert fitted is not None
    assert fitted.start == d(24, 15, 45)


def test_fit_ignores_malformed_opening_hours_entries() -> None:
    hours = {"di": [["8 Uhr", "zu"], ["14:00", "15:00"]]}
    fitted = fit_to_opening_hours(_wish("Dienstag"), hours, SUNDAY_EVENING)
    assert fitted is not None
    assert (fitted.start, fitted.end) == (d(24, 14), d(24, 15))


_WISHY = st.lists(
    st.sampled_from(
        ["morgen ", "heute ", "Dienstag ", "nächste Woche ", "3.12. ", "um ", "ab ", "bis ", "zwischen ", "und ",
         "gegen ", "halb ", "14", "9", "10:30", " Uhr ", "vormittags ", "abends ", "in ", "2 ", "Tagen ", "31.12."]
    ),
    max_size=8,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    text=st.one_of(st.text(), _WISHY),
    now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
)
def test_any_text_parses_to_none_or_a_future_window(text: str, now: datetime) -> None:
    """Random text and time-like word salad ("bis um 31.12. halb Uhr") never raise or reach back."""
    parsed = parse_time_window(text, now)
    if parsed is not None:
        assert parsed.start < parsed.end
        assert parsed.start >= now - timedelta(minutes=1)
