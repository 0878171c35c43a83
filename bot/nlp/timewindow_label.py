"""The window a label of ``timewindow`` names, read back from the label alone.

The callback form keeps only what it read back to the citizen ("Dienstag, 08.12.2026, vormittags
(8–12 Uhr)", "nächste Woche (30.11.–04.12.2026)"); the booking turns that into the start and end
the advisors' calendar export needs. Only labels the bot itself writes are read: the label made
again from the window read must be the same text, so anything else in the slot (a forged tracker,
markup, a line break) gives None and the booking is refused.

A one-day label names its hours exactly. A span names only its days: it is read as the working
day's hours from its first to its last day, and the booking fits it to the centre's opening hours
again (``fit_to_opening_hours``), as the form did.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from bot.nlp.timewindow import _NAMED_HOURS, TimeWindow, _label
from bot.nlp.timewindow_clock import WORKDAY
from bot.nlp.timewindow_text import WEEKDAY_LABELS

_DAY = re.compile(
    rf"^(?:{'|'.join(WEEKDAY_LABELS)}), (?P<day>\d{{2}})\.(?P<month>\d{{2}})\.(?P<year>\d{{4}}), "
    r"(?:(?P<name>[a-zäöü]+) \((?P<from_hour>\d{1,2})–(?P<to_hour>\d{1,2}) Uhr\)"
    r"|(?P<start>\d{2}:\d{2})–(?P<end>\d{2}:\d{2}) Uhr)$"
)
_SPAN = re.compile(
    r"^(?P<name>[A-Za-zÄÖÜäöüß ]{1,40}) "
    r"\((?P<first_day>\d{2})\.(?P<first_month>\d{2})\.(?P<first_year>\d{4})?–"
    r"(?P<last_day>\d{2})\.(?P<last_month>\d{2})\.(?P<last_year>\d{4})\)$"
)
_MINUTES_OF_NAME = {name: minutes for minutes, name in _NAMED_HOURS.items()}


def window_from_label(label: str) -> TimeWindow | None:
    """The window ``label`` names, or None when ``label`` is not a label the bot writes."""
    if not isinstance(label, str):
        return None
    try:
        window = _day(label) or _span(label)
    except ValueError:  # 31.02., 25:00
        return None
    if window is None or window.start >= window.end:
        return None
    return window if _label(window.start, window.end, _span_name(label)) == label else None


def _day(label: str) -> TimeWindow | None:
    m = _DAY.match(label)
    if m is None:
        return None
    day = date(int(m["year"]), int(m["month"]), int(m["day"]))
    if m["name"]:
        minutes = _MINUTES_OF_NAME.get(m["name"])
        if minutes is None:
            return None
        start, end = (datetime.combine(day, time(minute // 60, minute % 60)) for minute in minutes)
    else:
        start = datetime.combine(day, time.fromisoformat(m["start"]))
        end = datetime.combine(day, time.fromisoformat(m["end"]))
    return TimeWindow(start, end, label)


def _span(label: str) -> TimeWindow | None:
    m = _SPAN.match(label)
    if m is None:
        return None
    last = date(int(m["last_year"]), int(m["last_month"]), int(m["last_day"]))
    first = date(int(m["first_year"] or last.year), int(m["first_month"]), int(m["first_day"]))
    start = datetime.combine(first, time(WORKDAY[0] // 60, WORKDAY[0] % 60))
    end = datetime.combine(last, time(WORKDAY[1] // 60, WORKDAY[1] % 60))
    return TimeWindow(start, end, label)


def _span_name(label: str) -> str:
    m = _SPAN.match(label)
    return m["name"] if m else ""
