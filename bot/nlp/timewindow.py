"""Callback time wishes in German ("morgen vormittag", "Dienstag ab 14 Uhr") as concrete time windows.

A citizen booking a callback says when it suits them; the bot turns that into a window relative to
"now", fits it to the counselling centre's opening hours and repeats it back ("Dienstag, 24.11.2026,
14:00–16:00 Uhr") so a misunderstanding is caught before anyone calls. No Duckling server exists:
the rules live in ``timewindow_days`` (which day) and ``timewindow_clock`` (which hours), and
dateparser validates calendar dates.

Decisions worth knowing:
- A day without hours is the working day 08–18; hours without a day are the next working day
  (Mon–Fri) on which that time still lies ahead ("ab 14 Uhr" at 15:00 → tomorrow).
- A weekday is the next such day strictly after today; "Dienstag nächste Woche" is the Tuesday of
  the next calendar week; "nächste Woche" is Monday–Friday of the next calendar week.
- Windows never start in the past: a window for today starts at the next quarter hour. "heute"
  after 18:00, or a date with a past year, gives None rather than silently meaning another day.
- A week with hours ("nächste Woche vormittags") becomes the first day of that week the hours fit,
  because one start/end pair cannot say "every morning".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from bot.nlp.timewindow_clock import SLOT_MINUTES, WORKDAY, ClockSpec, extract_clock
from bot.nlp.timewindow_days import DayResult, DaySpec, extract_days
from bot.nlp.timewindow_english import germanised
from bot.nlp.timewindow_text import WEEKDAY_LABELS, normalise_tracked

OPENING_KEYS = ("mo", "di", "mi", "do", "fr", "sa", "so")

# Windows that have a name people use; every other window is read back with exact times.
_NAMED_HOURS = {
    (8 * 60, 18 * 60): "ganztags",
    (8 * 60, 12 * 60): "vormittags",
    (12 * 60, 14 * 60): "mittags",
    (13 * 60, 17 * 60): "nachmittags",
    (17 * 60, 20 * 60): "abends",
    (8 * 60, 10 * 60): "früh",
}
_SPAN_LABEL = re.compile(r"^(?P<name>.+) \(\d{2}\.\d{2}\.(?:\d{4})?–\d{2}\.\d{2}\.\d{4}\)$")


@dataclass(frozen=True)
class TimeWindow:
    """When a callback may happen; ``label`` is the normalised German read back to the citizen."""

    start: datetime
    end: datetime
    label: str


def _minute_of_day(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _hours_label(start: datetime, end: datetime) -> str:
    name = _NAMED_HOURS.get((_minute_of_day(start), _minute_of_day(end)))
    if name:
        return f"{name} ({start.hour}–{end.hour} Uhr)"
    return f"{start:%H:%M}–{end:%H:%M} Uhr"


def _label(start: datetime, end: datetime, span_name: str) -> str:
    """ "Dienstag, 24.11.2026, 14:00–16:00 Uhr" for one day, "nächste Woche (30.11.–04.12.2026)" for more."""
    if start.date() == end.date():
        return f"{WEEKDAY_LABELS[start.weekday()]}, {start:%d.%m.%Y}, {_hours_label(start, end)}"
    first = f"{start:%d.%m.}" if start.year == end.year else f"{start:%d.%m.%Y}"
    return f"{span_name} ({first}–{end:%d.%m.%Y})"


def _at(day: date, minute: int, tz: tzinfo | None) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz) + timedelta(minutes=minute)


def _earliest_start(now: datetime) -> datetime:
    """The next full quarter hour: a callback cannot start in the past, and "10:07" reads oddly."""
    moment = now.replace(second=0, microsecond=0)
    if moment < now:
        moment += timedelta(minutes=1)
    return moment + timedelta(minutes=-moment.minute % 15)


def _on_day(day: date, hours: ClockSpec, now: datetime) -> TimeWindow | None:
    """The hours on that day, cut to what is still ahead of ``now``; None when nothing is left."""
    start = max(_at(day, hours.start, now.tzinfo), _earliest_start(now))
    end = _at(day, hours.end, now.tzinfo)
    return TimeWindow(start, end, _label(start, end, "")) if start < end else None


def _next_workday(hours: ClockSpec, now: datetime) -> TimeWindow | None:
    """Hours without a day: the first working day on which the named time still lies ahead."""
    for offset in range(8):
        day = now.date() + timedelta(days=offset)
        if day.weekday() < 5 and _at(day, hours.anchor, now.tzinfo) > now and (window := _on_day(day, hours, now)):
            return window
    return None


def _whole_span(days: DaySpec, now: datetime) -> TimeWindow | None:
    """A week (or weekend) without hours: from its first still-usable working day to its last day's end."""
    whole_day = ClockSpec(WORKDAY[0], WORKDAY[1], WORKDAY[1] - SLOT_MINUTES)
    for day in days.days:
        if first := _on_day(day, whole_day, now):
            end = _at(days.days[-1], WORKDAY[1], now.tzinfo)
            return TimeWindow(first.start, end, _label(first.start, end, days.name))
    return None


@dataclass(frozen=True)
class TimeMention:
    """A window and the stretch ``text[start:end]`` of the message that names it.

    The NLU entity needs the stretch: it runs from the first to the last character of the
    expressions the window was read from ("morgen vormittag", "am Dienstag ab 14 Uhr").
    """

    window: TimeWindow
    start: int
    end: int


def _window(days: DayResult | None, hours: ClockSpec | None, now: datetime) -> TimeWindow | None:
    """The rules of the module docstring: which window a day and hours (either may be missing) name."""
    if days is None:
        return _next_workday(hours, now) if hours else None
    if not isinstance(days, DaySpec):  # a date in the past
        return None
    if days.is_span and hours is None:
        return _whole_span(days, now)
    hours = hours or ClockSpec(WORKDAY[0], WORKDAY[1], WORKDAY[1] - SLOT_MINUTES)
    for day in days.days:
        if window := _on_day(day, hours, now):
            return window
    return None


def find_time_window(text: str, now: datetime) -> TimeMention | None:
    """The window a German message names, relative to ``now``, and where in the text it is named."""
    folded = normalise_tracked(text)
    days, rest = extract_days(folded.text, now)
    hours, rest = extract_clock(rest)
    window = _window(days, hours, now)
    consumed = [i for i, (before, after) in enumerate(zip(folded.text, rest, strict=True)) if before != after]
    if window is None or not consumed:
        return None
    start, end = folded.original_span(consumed[0], consumed[-1] + 1)
    return TimeMention(window, start, end)


def parse_time_window(text: str, now: datetime) -> TimeWindow | None:
    """The window a callback wish names (German, or English in German words), relative to ``now``;
    None if it names no time."""
    english = germanised(text)  # English words first: "Wednesday at 9:30 am" is not just "9:30"
    mention = (find_time_window(english, now) if english != text.lower() else None) or find_time_window(text, now)
    return mention.window if mention else None


def _opening_slots(spans: list[list[str]], day: date, tz: tzinfo | None) -> list[tuple[datetime, datetime]]:
    """Opening spans of one day as datetimes; malformed entries are skipped, not fatal."""
    slots: list[tuple[datetime, datetime]] = []
    if not isinstance(spans, (list, tuple)):  # a malformed day entry ({"sa": 1}) has no spans
        return slots
    for span in spans:
        try:
            (open_h, open_m), (close_h, close_m) = (map(int, str(part).split(":")) for part in span)
        except (TypeError, ValueError):
            continue
        slots.append((_at(day, open_h * 60 + open_m, tz), _at(day, close_h * 60 + close_m, tz)))
    return sorted(slots)


def fit_to_opening_hours(
    window: TimeWindow, opening_hours: dict[str, list[list[str]]], now: datetime
) -> TimeWindow | None:
    """The part of the wish in which the centre is open and that still lies ahead of ``now``.

    The result runs from the first opening moment inside the wish to the last one; a lunch break in
    between stays inside (the centre simply does not call then), because one window cannot have a
    hole. A multi-day wish stays multi-day, trimmed to its opening times. None when the centre is
    never open during the wish ("Samstag" at a centre closed on weekends). Empty ``opening_hours``
    means the hours are unknown: the wish is returned unchanged.
    """
    if not opening_hours:
        return window
    earliest = _earliest_start(now)
    pieces: list[tuple[datetime, datetime]] = []
    day = window.start.date()
    while day <= window.end.date():
        spans = opening_hours.get(OPENING_KEYS[day.weekday()]) or []
        for opens, closes in _opening_slots(spans, day, window.start.tzinfo):
            start, end = max(window.start, opens, earliest), min(window.end, closes)
            if start < end:
                pieces.append((start, end))
        day += timedelta(days=1)
    if not pieces:
        return None
    start, end = pieces[0][0], pieces[-1][1]
    span = _SPAN_LABEL.match(window.label)
    return TimeWindow(start, end, _label(start, end, span["name"] if span else "Zeitraum"))
