"""Checks of an edited value, its source and its Stand, before anything is stored.

A refused value raises ``EditError`` with a wording key (``wording/editing.yml``), so that the
advisors' app shows a polite German sentence saying what to write instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from bot.edits.fields import field_type
from bot.labels import WEEKDAYS, hours_label

TEXT_LIMIT = 4000
LINE_LIMIT = 200
URL_LIMIT = 500
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 /()\-]*$")
_DAYS = {label.lower(): key for key, label in WEEKDAYS}
_ORDER = [key for key, _ in WEEKDAYS]
_GROUP = re.compile(r"^(?P<first>[A-Za-z]{2})(?:\s*[–-]\s*(?P<last>[A-Za-z]{2}))?\s+(?P<times>.+)$")
#: "(Stand: 2025; Quelle: …)" in a FAQ answer: the bot adds an edit's own Stand and source.
_STAND = re.compile(r"\s*\((?:Stand|As of): [^)]*\)", re.I)
_SPAN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr\s*)?[–-]\s*(\d{1,2})(?:[:.](\d{2}))?(?:\s*uhr)?$", re.I)


class EditError(ValueError):
    """A value cannot be stored; ``key`` names the sentence in wording/editing.yml, ``values`` fill it."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self) -> str:
        from bot.wording import render

        return render(self.key, **self.values)["text"]


def check_source(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise EditError("edit_source_missing")
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in url or len(url) > URL_LIMIT:
        raise EditError("edit_source_invalid", url=url[:80])
    return url


def check_stand(raw: str | date, today: date) -> date:
    """The Stand as a date: ISO (the browser's date field) or TT.MM.JJJJ, never after ``today``."""
    stand: date | None
    if isinstance(raw, date):
        stand = raw
    else:
        text = (raw or "").strip()
        if not text:
            raise EditError("edit_stand_missing")
        stand = None
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                stand = datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        if stand is None:
            raise EditError("edit_stand_invalid", value=text[:40])
    assert stand is not None
    if stand > today:
        raise EditError("edit_stand_future", date=f"{stand:%d.%m.%Y}")
    return stand


def parse_hours(text: str) -> dict[str, list[list[str]]]:
    """ "Mo–Do 08:00–16:00, Fr 08:00–12:30 und 13:00–15:00" -> {"mo": [["08:00", "16:00"]], ...}.

    The format the bot itself writes (``bot.labels.hours_label``), so the form shows the current
    hours in it and the editor changes only what changed. Empty text: hours not known.
    """
    hours: dict[str, list[list[str]]] = {}
    for part in (p.strip() for p in (text or "").replace(";", ",").split(",")):
        if not part:
            continue
        match = _GROUP.match(part)
        first = _DAYS.get(match.group("first").lower()) if match else None
        last = _DAYS.get((match.group("last") or match.group("first")).lower()) if match else None
        if match is None or first is None or last is None or _ORDER.index(first) > _ORDER.index(last):
            raise EditError("edit_hours_invalid", part=part[:60])
        spans = [_span(piece.strip(), part) for piece in re.split(r"\s+und\s+|\s*/\s*|\s*&\s*", match.group("times"))]
        for day in _ORDER[_ORDER.index(first): _ORDER.index(last) + 1]:
            if day in hours:
                raise EditError("edit_hours_twice", day=dict(WEEKDAYS)[day])
            hours[day] = [list(span) for span in spans]
    return hours


def _span(piece: str, part: str) -> tuple[str, str]:
    match = _SPAN.match(piece)
    if not match:
        raise EditError("edit_hours_invalid", part=part[:60])
    h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h1, m1) >= (h2, m2):
        raise EditError("edit_hours_invalid", part=part[:60])
    return f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"


def hours_text(hours: dict[str, list[list[str]]] | None) -> str:
    """Opening hours in the form's format; empty when none are known."""
    return hours_label(hours) if hours else ""


def without_stand(text: str) -> str:
    """A FAQ answer without its "(Stand: …; Quelle: …)", which the bot adds for an edit itself."""
    return _STAND.sub("", text).strip()


def check_value(kind: str, field: str, raw: str) -> Any:
    """The value to store for ``field``, normalised; ``EditError`` when it is not plausible.

    Centre fields may be emptied (the bot then says "bitte prüfen" instead of a wrong fact);
    programme and FAQ texts may not.
    """
    text = (raw or "").replace("\r\n", "\n").strip()
    if kind == "faq":
        text = without_stand(text)
    kind_of_value = field_type(field) if kind == "centre" else "text"
    if kind_of_value == "hours":
        return parse_hours(text)
    if not text:
        if kind == "centre":
            return ""
        raise EditError("edit_text_missing")
    if kind_of_value == "phone":
        digits = re.sub(r"\D", "", text)
        if not _PHONE.match(text) or not 6 <= len(digits) <= 16 or not text.startswith(("0", "+")):
            raise EditError("edit_phone_invalid", value=text[:40])
        return re.sub(r"\s+", " ", text)
    if kind_of_value == "email":
        if not _EMAIL.match(text) or len(text) > LINE_LIMIT:
            raise EditError("edit_email_invalid", value=text[:80])
        return text.lower()
    if kind_of_value == "postcode":
        if not re.fullmatch(r"\d{5}", text):
            raise EditError("edit_postcode_invalid", value=text[:20])
        return text
    limit = LINE_LIMIT if kind_of_value == "line" else TEXT_LIMIT
    if kind_of_value == "line" and "\n" in text:
        text = " ".join(text.split())
    if len(text) > limit:
        raise EditError("edit_text_long", limit=limit)
    return text
