"""Which day(s) a German callback wish names: "morgen", "nächsten Dienstag", "3.12.", "nächste Woche".

Works on text already folded by ``timewindow_text.normalise``. Rules are tried from the most to the
least specific (an explicit date beats a weekday, a weekday with a week beats a bare week), the first
hit wins, and every day-like span is blanked so the clock rules never read "3.12." or "in 2 Tagen"
as a time of day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from bot.nlp.timewindow_text import (
    COUNT_WORD_RE,
    COUNT_WORDS,
    MONTH_RE,
    MONTHS,
    WEEKDAY_LABELS,
    WEEKDAY_RE,
    WEEKDAYS,
    blank,
)

WORKDAY_END_MINUTE = 18 * 60


@dataclass(frozen=True)
class DaySpec:
    """Candidate days in order. A single day (``name`` empty) or a span such as a week (``name`` set)."""

    days: tuple[date, ...]
    name: str = ""

    @property
    def is_span(self) -> bool:
        return bool(self.name)


@dataclass(frozen=True)
class _NoDay:
    """A day expression that names a day in the past ("03.12.2025"): a wish, but not a usable one."""


PAST = _NoDay()
DayResult = DaySpec | _NoDay

_NEXT = r"(?:nachste[nrms]?|kommende[nrms]?)"
_AFTER_NEXT = r"ubernachste[nrms]?"
_THIS = r"(?:diese[nrms]?|laufende[nrms]?)"
_COUNT = rf"(?:\d{{1,2}}|{COUNT_WORD_RE})"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _next_weekday(today: date, weekday: int) -> date:
    """The next such weekday strictly after today: on a Tuesday, "Dienstag" means next week's,
    because people say "heute" for today."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNT_WORDS[word]


def _weekdays_of_week(monday: date, first: int = 0, last: int = 4) -> tuple[date, ...]:
    return tuple(monday + timedelta(days=i) for i in range(first, last + 1))


def _still_open(days: tuple[date, ...], now: datetime) -> tuple[date, ...]:
    """Drop days whose working day (until 18:00) is already over."""
    limit = now - timedelta(minutes=WORKDAY_END_MINUTE)
    return tuple(d for d in days if d > limit.date())


def _dated(day: int, month: int, year: int | None, today: date) -> DayResult | None:
    """A calendar date; without a year the next such date from today on. None for "31.02."."""
    month_name = list(dict.fromkeys(MONTHS.values()))[month - 1] if 1 <= month <= 12 else None
    if month_name is None or not 1 <= day <= 31:
        return None
    for candidate_year in (year,) if year else (today.year, today.year + 1):
        parsed = dateparser.parse(f"{day}. {month_name} {candidate_year}", languages=["de"])
        if parsed is None:
            continue
        if parsed.date() >= today:
            return DaySpec((parsed.date(),))
        if year:
            return PAST
    return None


def _full_year(raw: str) -> int:
    return int(raw) + 2000 if len(raw) == 2 else int(raw)


def _numeric_date(m: re.Match[str], today: date) -> DayResult | None:
    year = _full_year(m["y"]) if m["y"] else None
    return _dated(int(m["d"]), int(m["m"]), year, today)


def _month_date(m: re.Match[str], today: date) -> DayResult | None:
    month = list(dict.fromkeys(MONTHS.values())).index(MONTHS[m["mon"]]) + 1
    return _dated(int(m["d"]), month, int(m["y"]) if m["y"] else None, today)


def _weekday_in_week(m: re.Match[str], today: date, weeks: int) -> DaySpec:
    day = _monday(today) + timedelta(weeks=weeks, days=WEEKDAYS.index(m["wd"]))
    return DaySpec((day if day >= today else _next_weekday(today, WEEKDAYS.index(m["wd"])),))


def _week(now: datetime, weeks: int, name: str) -> DaySpec:
    monday = _monday(now.date()) + timedelta(weeks=weeks)
    return DaySpec(_weekdays_of_week(monday), name)


def _this_week(now: datetime) -> DaySpec:
    """The rest of this working week; from Friday evening on, people mean the coming one."""
    days = _still_open(_weekdays_of_week(_monday(now.date())), now)
    return DaySpec(days, "diese Woche") if days else _week(now, 1, "diese Woche")


def _weekend(now: datetime) -> DaySpec:
    days = _still_open(_weekdays_of_week(_monday(now.date()), 5, 6), now)
    return DaySpec(days or _weekdays_of_week(_monday(now.date()) + timedelta(weeks=1), 5, 6), "Wochenende")


def _in_weeks(m: re.Match[str], now: datetime) -> DaySpec:
    weeks = _count(m["n"])
    return _week(now, weeks, "in einer Woche" if weeks == 1 else f"in {weeks} Wochen")


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], datetime], DayResult | None]]
_WD = rf"(?:am\s+)?(?P<wd>{WEEKDAY_RE})"


def _weekday_of_week_rules(week: str, weeks: int) -> tuple[_Rule, _Rule]:
    """ "nächste Woche Dienstag" and "Dienstag (in der) nächsten Woche" name the same day."""

    def resolve(m: re.Match[str], now: datetime) -> DayResult | None:
        return _weekday_in_week(m, now.date(), weeks)

    return (
        (re.compile(rf"\b{week}\s+woche\s+{_WD}\b"), resolve),
        (re.compile(rf"\b{_WD}\s+(?:in\s+(?:der\s+)?)?{week}\s+woche\b"), resolve),
    )


def _weekday_in_weeks(m: re.Match[str], now: datetime) -> DayResult | None:
    """ "Donnerstag in zwei Wochen": that weekday in the calendar week N weeks ahead."""
    return _weekday_in_week(m, now.date(), _count(m["n"]))


def _until_weekday(m: re.Match[str], now: datetime) -> DayResult | None:
    """ "bis Freitag": any day from today up to and including the next such weekday."""
    last = _next_weekday(now.date(), WEEKDAYS.index(m["wd"]))
    days = tuple(now.date() + timedelta(days=i) for i in range((last - now.date()).days + 1))
    return DaySpec(days, f"bis {WEEKDAY_LABELS[WEEKDAYS.index(m['wd'])]}")


_RULES: tuple[_Rule, ...] = (
    (
        re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})?(?!\d)"),
        lambda m, now: _numeric_date(m, now.date()),
    ),
    (
        re.compile(r"\b(?:am|den|zum|ab dem)\s+(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?P<y>)(?![.:]?\d)(?!\s*(?:uhr|h)\b)"),
        lambda m, now: _numeric_date(m, now.date()),
    ),
    (
        re.compile(rf"\b(?P<d>\d{{1,2}})\.?\s*(?P<mon>{MONTH_RE})\b\.?(?:\s*(?P<y>\d{{4}})\b)?"),
        lambda m, now: _month_date(m, now.date()),
    ),
    (re.compile(rf"\b{_WD}\s+in\s+(?P<n>{_COUNT})\s+wochen?\b"), _weekday_in_weeks),
    (re.compile(rf"\bin\s+(?P<n>{_COUNT})\s+wochen?\s+{_WD}\b"), _weekday_in_weeks),
    (re.compile(rf"\bbis\s+(?:zum\s+|spatestens\s+)?(?P<wd>{WEEKDAY_RE})\b"), _until_weekday),
    *_weekday_of_week_rules(_AFTER_NEXT, 2),
    *_weekday_of_week_rules(_NEXT, 1),
    *_weekday_of_week_rules(_THIS, 0),
    (
        re.compile(rf"\b{_AFTER_NEXT}\s+(?P<wd>{WEEKDAY_RE})\b"),
        lambda m, now: DaySpec((_next_weekday(now.date(), WEEKDAYS.index(m["wd"])) + timedelta(weeks=1),)),
    ),
    (
        re.compile(rf"\b(?:am\s+|{_NEXT}\s+|{_THIS}\s+|jeden\s+)?(?P<wd>{WEEKDAY_RE})\b"),
        lambda m, now: DaySpec((_next_weekday(now.date(), WEEKDAYS.index(m["wd"])),)),
    ),
    (re.compile(r"\bubermorgen\b"), lambda m, now: DaySpec((now.date() + timedelta(days=2),))),
    (re.compile(r"\bmorgen\b"), lambda m, now: DaySpec((now.date() + timedelta(days=1),))),
    (re.compile(r"\bheute\b"), lambda m, now: DaySpec((now.date(),))),
    (
        re.compile(rf"\bin\s+(?P<n>{_COUNT})\s+tag(?:en)?\b"),
        lambda m, now: DaySpec((now.date() + timedelta(days=_count(m["n"])),)),
    ),
    (re.compile(rf"\bin\s+(?P<n>{_COUNT})\s+woche(?:n)?\b"), _in_weeks),
    (re.compile(rf"\b{_AFTER_NEXT}\s+woche\b"), lambda m, now: _week(now, 2, "übernächste Woche")),
    (re.compile(rf"\b{_NEXT}\s+woche\b"), lambda m, now: _week(now, 1, "nächste Woche")),
    (re.compile(rf"\b(?:in\s+)?{_THIS}\s+woche\b"), lambda m, now: _this_week(now)),
    (re.compile(rf"\b(?:am\s+|{_NEXT}\s+|{_THIS}\s+)?wochenende\b"), lambda m, now: _weekend(now)),
)


def extract_days(text: str, now: datetime) -> tuple[DayResult | None, str]:
    """The day(s) the folded text names, and the text with every day expression blanked out."""
    found: DayResult | None = None
    for pattern, resolve in _RULES:
        for match in list(pattern.finditer(text)):
            result = resolve(match, now)
            if result is None:  # not a real date ("14.30.", "31.02."): leave it to the clock rules
                continue
            found = found or result
            text = blank(text, match.start(), match.end())
    return found, text
