"""When a course should start: "ab März", "im Januar", "nächsten Monat", "ab dem 15.3.", "im Herbst".

Why not the NLU ``time`` entity (``components/german_time.py``): it reads *callback* wishes. It has
no months, relative months or seasons, it reads "abends" or "samstags" as tomorrow evening or next
Saturday (for a course that is the schedule, not the start), and it turns "ab dem 15.3." into that
one day, losing the "ab". So the course search reads the start window from the message itself,
with the same folding and month spellings as the callback rules (``bot.nlp.timewindow_text``).

Decisions worth knowing:
- A month without a year is its next occurrence; the current month means "from today on".
- "ab …" is open-ended, "bis …" runs from today, "im …" (or a bare month) is that month;
  "ab März bis Mai" and "zwischen März und Mai" combine both ends.
- A bare date ("15.3.") means "from that day": a course starting on exactly one day is rarely meant.
- Weekdays and times of day are never a start window: "samstags" and "abends" are schedules.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.nlp.timewindow_text import COUNT_WORD_RE, COUNT_WORDS, MONTH_RE, MONTHS, normalise

#: Month names in calendar order, as the bot writes them.
MONTH_NAMES = tuple(dict.fromkeys(MONTHS.values()))
#: Full month spellings (folded) that may stand without "ab"/"im"; abbreviations ("jan", "mar")
#: need such a word before them, because "Jan" is also a first name.
_FULL_MONTHS = frozenset(k for k in MONTHS if len(k) >= 4 or k == "mai")
#: Season -> (first month, last month); winter runs into the next year.
SEASONS = {"fruhjahr": ("Frühjahr", 3, 5), "fruhling": ("Frühjahr", 3, 5), "sommer": ("Sommer", 6, 8),
           "herbst": ("Herbst", 9, 11), "winter": ("Winter", 12, 2)}
#: Parts of a month: "Anfang März" is the 1st to the 10th, and so on.
_PARTS = {"anfang": (1, 10), "mitte": (11, 20), "ende": (21, 31)}

_FROM = r"ab|seit|nach|fruhestens|von|vom|beginnend|from|after"  # English too (issue 21)
_UNTIL = r"bis|spatestens|vor|until|till"
_LEAD = rf"(?:(?P<pre>{_FROM}|{_UNTIL}|im|in|zum|am)\s+)?(?:(?:dem|den|der|des|zum|zur|am|im)\s+)?"
_NEXT = r"(?:nachste[nmrs]?|kommende[nmrs]?)"
_REL = rf"(?P<rel>{_NEXT}|ubernachste[nmrs]?|diese[nmrs]?)"
_COUNT = rf"(?P<n>\d{{1,2}}|{COUNT_WORD_RE})"

_NUMERIC_DATE = re.compile(
    rf"\b{_LEAD}(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})(?:\.(?:\s?(?P<y>\d{{4}}|\d{{2}})\b)?|\b(?![.:,]\d))"
)
_MONTH_DATE = re.compile(rf"\b{_LEAD}(?P<d>\d{{1,2}})\.?\s*(?P<mon>{MONTH_RE})\b\.?(?:\s*(?P<y>\d{{4}})\b)?")
_WEEK = re.compile(rf"\b{_LEAD}(?:{_REL}\s+woche|in\s+{_COUNT}\s+wochen?)\b")
_REL_MONTH = re.compile(rf"\b{_LEAD}(?:{_REL}\s+monat|in\s+{_COUNT}\s+monate?n?)\b")
_MONTH = re.compile(
    rf"\b{_LEAD}(?:(?P<part>anfang|mitte|ende)\s+)?(?P<mon>{MONTH_RE})\b\.?(?:\s*(?P<y>\d{{4}})\b)?"
)
_SEASON = re.compile(rf"\b{_LEAD}(?:{_NEXT}\s+)?(?P<season>{'|'.join(SEASONS)})\b(?:\s*(?P<y>\d{{4}})\b)?")
_BETWEEN = re.compile(r"\bzwischen\s+(?P<a>.+?)\s+und\s+")
_ANY_TIME = re.compile(
    r"\b(?:egal,? (?:ab )?wann|jederzeit|zu jeder zeit|ohne datum|ganz egal wann"
    r"|(?:start|beginn|starttermin|startdatum|zeitpunkt|termin)\w*\b[^.?!]{0,25}\begal)\b"
)


@dataclass(frozen=True)
class StartWindow:
    """Courses starting from ``first`` to ``last`` (inclusive; None: open-ended), and how to say it."""

    first: date
    last: date | None
    label: str

    def as_slot(self) -> dict[str, Any]:
        """The slot value: plain JSON, so the tracker store can keep it."""
        return {"first": self.first.isoformat(), "last": self.last.isoformat() if self.last else None,
                "label": self.label}

    @classmethod
    def from_slot(cls, value: Any) -> StartWindow | None:
        """The window stored by ``as_slot``; None for anything else (an old or foreign value)."""
        if not isinstance(value, dict) or not value.get("first"):
            return None
        try:
            first = date.fromisoformat(str(value["first"]))
            last = date.fromisoformat(str(value["last"])) if value.get("last") else None
        except ValueError:
            return None
        return cls(first, last, str(value.get("label") or ""))


@dataclass(frozen=True)
class _Mention:
    """A stretch of time the text names, and what the word before it makes of it."""

    at: int  # position in the text, to keep the citizen's order
    kind: str  # "from", "until" or "in"
    first: date
    last: date
    unit: str  # "day", "week", "month" or "season"
    name: str  # "März 2027", "Anfang März 2027", "Herbst 2027", "15.03.2027"

    @property
    def from_label(self) -> str:
        return f"ab {self.name}" if self.unit in ("month", "season") else f"ab dem {self.first:%d.%m.%Y}"

    @property
    def until_label(self) -> str:
        if self.unit == "month" and not self.name.startswith(tuple(p.capitalize() for p in _PARTS)):
            return f"bis Ende {self.name}"
        return f"bis {self.name}" if self.unit == "month" else f"bis zum {self.last:%d.%m.%Y}"

    @property
    def in_label(self) -> str:
        if self.unit == "week":
            return f"zwischen dem {self.first:%d.%m.} und dem {self.last:%d.%m.%Y}"
        if self.unit == "month" and self.name.startswith(tuple(p.capitalize() for p in _PARTS)):
            return self.name
        return f"im {self.name}"


def _kind(pre: str | None) -> str:
    if pre and re.fullmatch(_FROM, pre):
        return "from"
    if pre and re.fullmatch(_UNTIL, pre):
        return "until"
    return "in"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNT_WORDS[word]


def _month_number(folded: str) -> int:
    return MONTH_NAMES.index(MONTHS[folded]) + 1


def _month_span(year: int, month: int, part: str | None = None) -> tuple[date, date]:
    last_day = calendar.monthrange(year, month)[1]
    low, high = _PARTS[part] if part else (1, last_day)
    return date(year, month, low), date(year, month, min(high, last_day))


def _next_year_of(month: int, today: date) -> int:
    """The year of the month's next occurrence: this month counts as upcoming."""
    return today.year if month >= today.month else today.year + 1


def _full_year(raw: str) -> int:
    return int(raw) + 2000 if len(raw) == 2 else int(raw)


def _day(m: re.Match[str], month: int, today: date) -> _Mention | None:
    years = (_full_year(m["y"]),) if m["y"] else (today.year, today.year + 1)
    for year in years:
        try:
            day = date(year, month, int(m["d"]))
        except ValueError:
            return None  # "31.02." is no date: better no window than a wrong one
        if day >= today or m["y"]:
            return _Mention(m.start(), _kind(m["pre"]), day, day, "day", f"{day:%d.%m.%Y}")
    return None


def _numeric_date(m: re.Match[str], today: date) -> _Mention | None:
    month = int(m["m"])
    return _day(m, month, today) if 1 <= month <= 12 else None


def _month_date(m: re.Match[str], today: date) -> _Mention | None:
    return _day(m, _month_number(m["mon"]), today)


def _week(m: re.Match[str], today: date) -> _Mention:
    monday = today - timedelta(days=today.weekday())
    rel = m["rel"] or ""
    weeks = _count(m["n"]) if m["n"] else 2 if rel.startswith("uber") else 0 if rel.startswith("diese") else 1
    first = max(today, monday + timedelta(weeks=weeks))
    return _Mention(m.start(), _kind(m["pre"]), first, monday + timedelta(weeks=weeks, days=6), "week", "")


def _relative_month(m: re.Match[str], today: date) -> _Mention:
    rel = m["rel"] or ""
    ahead = _count(m["n"]) if m["n"] else 2 if rel.startswith("uber") else 0 if rel.startswith("diese") else 1
    index = today.year * 12 + today.month - 1 + ahead
    first, last = _month_span(index // 12, index % 12 + 1)
    return _Mention(m.start(), _kind(m["pre"]), max(today, first), last, "month",
                    f"{MONTH_NAMES[first.month - 1]} {first.year}")


def _month(m: re.Match[str], today: date) -> _Mention | None:
    if not m["pre"] and not m["part"] and m["mon"] not in _FULL_MONTHS:
        return None
    month = _month_number(m["mon"])
    year = int(m["y"]) if m["y"] else _next_year_of(month, today)
    first, last = _month_span(year, month, m["part"])
    if last < today:
        return None
    part = f"{m['part'].capitalize()} " if m["part"] else ""
    return _Mention(m.start(), _kind(m["pre"]), max(today, first), last, "month",
                    f"{part}{MONTH_NAMES[month - 1]} {year}")


def _season(m: re.Match[str], today: date) -> _Mention | None:
    name, first_month, last_month = SEASONS[m["season"]]
    year = int(m["y"]) if m["y"] else today.year
    if not m["y"] and first_month > last_month and today.month <= last_month:
        year -= 1  # in February, "im Winter" is the winter that began in December
    first = date(year, first_month, 1)
    last = _month_span(year + (first_month > last_month), last_month)[1]
    if last < today:
        if m["y"]:
            return None
        first, last = date(year + 1, first_month, 1), _month_span(year + 1 + (first_month > last_month), last_month)[1]
    label = f"{name} {first.year}/{(first.year + 1) % 100:02d}" if first.year != last.year else f"{name} {first.year}"
    return _Mention(m.start(), _kind(m["pre"]), max(today, first), last, "season", label)


#: Most specific first; every match is blanked so that a later rule cannot read it again.
_RULES = ((_NUMERIC_DATE, _numeric_date), (_MONTH_DATE, _month_date), (_WEEK, _week),
          (_REL_MONTH, _relative_month), (_MONTH, _month), (_SEASON, _season))


def _mentions(text: str, today: date) -> list[_Mention]:
    found: list[_Mention] = []
    for pattern, read in _RULES:
        for match in list(pattern.finditer(text)):
            mention = read(match, today)
            if mention is not None:
                found.append(mention)
                text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end():]
    return sorted(found, key=lambda m: m.at)


def read_start_window(text: str, today: date) -> StartWindow | None:
    """The start window a German message names, relative to ``today``; None when it names none."""
    folded = _BETWEEN.sub(lambda m: f"ab {m['a']} bis ", normalise(text))
    mentions = _mentions(folded, today)
    if not mentions:
        return None
    start = next((m for m in mentions if m.kind == "from"), None)
    end = next((m for m in mentions if m.kind == "until" and (start is None or m.last >= start.first)), None)
    if start and end:
        return StartWindow(start.first, end.last, f"{start.from_label} {end.until_label}")
    if end:
        return StartWindow(today, end.last, end.until_label)
    if start:
        return StartWindow(start.first, None, start.from_label)
    first = mentions[0]
    if first.unit == "day":
        return StartWindow(first.first, None, first.from_label)
    return StartWindow(first.first, first.last, first.in_label)


def clears_start_window(text: str) -> bool:
    """ "egal wann", "jederzeit": the citizen drops the start wish."""
    return bool(_ANY_TIME.search(normalise(text)))


def follow_start_wishes(messages: Iterable[str], today: date, current: StartWindow | None) -> StartWindow | None:
    """The start window after ``messages`` (oldest first): each new wish replaces the one before."""
    for text in messages:
        if clears_start_window(text):
            current = None
        elif said := read_start_window(text, today):
            current = said
    return current
