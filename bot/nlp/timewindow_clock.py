"""Which hours of a day a German callback wish names: "vormittags", "ab 14 Uhr", "zwischen 9 und 11".

Works on folded text with the day expressions already blanked out. Everything is in minutes after
midnight so that combining a part of day with a clock time is plain arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.timewindow_text import HOUR_WORD_RE, HOUR_WORDS, blank

WORKDAY = (8 * 60, 18 * 60)
LAST_MINUTE = 23 * 60 + 59
SLOT_MINUTES = 30  # "um 10 Uhr" is a half-hour slot; "gegen 15 Uhr" is ±30 minutes.

# Parts of day, in the minutes the counselling centres use for callbacks.
PARTS: dict[str, tuple[int, int]] = {
    "fruh": (8 * 60, 10 * 60),
    "vormittag": (8 * 60, 12 * 60),
    "mittag": (12 * 60, 14 * 60),
    "nachmittag": (13 * 60, 17 * 60),
    "abend": (17 * 60, 20 * 60),
}
_PART_PATTERNS: dict[str, re.Pattern[str]] = {
    "fruh": re.compile(r"\b(?:fruhs?|morgens|fruhmorgens)\b"),
    "vormittag": re.compile(r"\bvormittags?\b"),
    "mittag": re.compile(r"\b(?:mittags?|mittagszeit)\b"),
    "nachmittag": re.compile(r"\bnachmittags?\b"),
    "abend": re.compile(r"\b(?:abends?|nach\s+(?:dem\s+)?feierabend)\b"),
}
_MORNING_PARTS = frozenset({"fruh", "vormittag"})
_EVENING_PARTS = frozenset({"nachmittag", "abend"})


@dataclass(frozen=True)
class ClockSpec:
    """Minutes after midnight. ``anchor`` must still be ahead of "now" for a wish without a day:
    "ab 14 Uhr" at 15:00 means tomorrow, "zwischen 9 und 11" at 10:00 still means today."""

    start: int
    end: int
    anchor: int


@dataclass(frozen=True)
class _Clock:
    minute: int
    shiftable: bool  # "um 3" without leading zero or part of day: probably 15:00, not 03:00
    explicit: bool  # "Uhr", "halb" or "10:30": a time even without "um"/"ab" in front


# A clock time: "10", "10:30", "14.30 uhr", "14 uhr 30", "14h", "halb drei", "zehn".
_T = (
    rf"(?:halb\s+)?(?:\d{{1,2}}|{HOUR_WORD_RE})(?:\s*[:.]\s*\d{{2}}(?!\d))?(?:\s*(?:uhr|h)\b(?:\s*\d{{2}}\b)?)?"
    r"(?!\s*(?:[.:]?\d|tag|woch|monat|jahr|minut|stund|mal|euro|kind|person|leut|teil|prozent|€|%))"
)
_CLOCK = re.compile(
    rf"^(?P<half>halb\s+)?(?P<h>\d{{1,2}}|{HOUR_WORD_RE})(?:\s*[:.]\s*(?P<m>\d{{2}}))?"
    r"(?P<uhr>\s*(?:uhr|h)(?:\s*(?P<m2>\d{2}))?)?$"
)
_BETWEEN = (
    re.compile(rf"\b(?:zwischen|von)\s+(?P<a>{_T})\s*(?:und|bis|-|–)\s*(?P<b>{_T})"),
    re.compile(rf"\b(?P<a>{_T})\s*(?:-|–|bis)\s*(?P<b>{_T})"),
)
_FROM = re.compile(rf"\b(?:ab|nach|von|fruhestens(?:\s+(?:ab|um))?)\s+(?:ca\.?\s+)?(?P<a>{_T})")
_UNTIL = re.compile(rf"\b(?:bis|vor|spatestens(?:\s+(?:um|bis))?)\s+(?:ca\.?\s+)?(?P<a>{_T})")
_AROUND = (
    re.compile(rf"\b(?:so\s+)?(?:gegen|ca\.?|circa|etwa|ungefahr)\s+(?:um\s+)?(?P<a>{_T})"),
    re.compile(rf"\b(?:so\s+)?um\s+(?P<a>{_T})\s*(?:herum|rum)\b"),
    re.compile(rf"\b(?P<a>{_T})\s*(?:herum|rum)\b"),
)
_AT = (re.compile(rf"\b(?:so\s+)?um\s+(?P<a>{_T})"), re.compile(rf"(?<![\d.:])\b(?P<a>{_T})"))


def _clock(raw: str) -> _Clock | None:
    m = _CLOCK.match(raw.strip())
    if m is None:
        return None
    word = not m["h"].isdigit()
    hour = HOUR_WORDS[m["h"]] if word else int(m["h"])
    minute = int(m["m"] or m["m2"] or 0)
    if m["half"]:
        hour, minute = hour - 1, 30
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    shiftable = 1 <= hour <= 7 and not m["h"].startswith("0")
    explicit = bool(m["uhr"] or m["half"] or (m["m"] and ":" in raw))
    return _Clock(hour * 60 + minute, shiftable, explicit)


def _resolve_hour(clock: _Clock, part: str | None) -> int:
    """24-hour minute of a clock time; "abends um 8" is 20:00, "um 3" is 15:00, "morgens um 7" stays 7:00."""
    hour = clock.minute // 60
    if (part in _EVENING_PARTS and hour < 12) or (part not in _MORNING_PARTS and clock.shiftable):
        return min(clock.minute + 12 * 60, LAST_MINUTE)
    return clock.minute


def _parts(text: str) -> tuple[str | None, tuple[int, int] | None, str]:
    """The first named part of day and the span of all named ones ("vormittags oder nachmittags")."""
    found: list[tuple[int, str]] = []
    for name, pattern in _PART_PATTERNS.items():
        for match in list(pattern.finditer(text)):
            found.append((match.start(), name))
            text = blank(text, match.start(), match.end())
    if not found:
        return None, None, text
    names = [name for _, name in sorted(found)]
    span = (min(PARTS[n][0] for n in names), max(PARTS[n][1] for n in names))
    return names[0], span, text


Where = tuple[int, int]


def _first(
    patterns: tuple[re.Pattern[str], ...], text: str, bare_ok: bool, part: str | None
) -> tuple[list[int], Where] | None:
    """24-hour minutes of the first match whose times are real clock times, and where it stands.

    Without ``bare_ok`` a plain number needs "Uhr", "halb" or a colon to count as a time, so "Kurs 3",
    "Raum 3.12" or "zwei Fragen" is never read as a time of day.
    """
    for pattern in patterns:
        for match in pattern.finditer(text):
            clocks = [_clock(match[g]) for g in ("a", "b") if g in pattern.groupindex]
            valid = [c for c in clocks if c is not None]
            if len(valid) == len(clocks) and (bare_ok or any(c.explicit for c in valid)):
                return [_resolve_hour(c, part) for c in valid], match.span()
    return None


def _with_times(text: str, part: str | None, span: tuple[int, int] | None) -> tuple[ClockSpec, Where] | None:
    """Combine a clock expression with the part of day (or the working day) it narrows."""
    day_start, day_end = span or WORKDAY
    if found := _first(_BETWEEN, text, True, part):
        (start, end), where = found
        if end <= start and end < 12 * 60:
            end += 12 * 60
        return (ClockSpec(start, end, max(start, end - SLOT_MINUTES)), where) if start < end else None
    if found := _first((_FROM,), text, True, part):
        (start,), where = found
        end = day_end if start < day_end else max(WORKDAY[1], min(start + 60, LAST_MINUTE))
        return ClockSpec(start, end, start), where
    if found := _first((_UNTIL,), text, True, part):
        (end,), where = found
        start = day_start if day_start < end else max(0, end - 60)
        return (ClockSpec(start, end, max(start, end - SLOT_MINUTES)), where) if start < end else None
    if found := _first(_AROUND, text, True, part):
        (at,), where = found
        return ClockSpec(max(0, at - SLOT_MINUTES), min(LAST_MINUTE, at + SLOT_MINUTES), at), where
    found = _first(_AT[:1], text, True, part) or _first(_AT[1:], text, False, part)
    if found and found[0][0] < LAST_MINUTE:
        (at,), where = found
        return ClockSpec(at, min(LAST_MINUTE, at + SLOT_MINUTES), at), where
    return None


def extract_clock(text: str) -> tuple[ClockSpec | None, str]:
    """The hours the folded text names (None: the caller then uses 08–18), and the text with the
    expressions that named them blanked out, as ``extract_days`` does for days."""
    part, span, rest = _parts(text)
    if timed := _with_times(rest, part, span):
        hours, (start, end) = timed
        return hours, blank(rest, start, end)
    if span is None:
        return None, rest
    return ClockSpec(span[0], span[1], max(span[0], span[1] - SLOT_MINUTES)), rest
