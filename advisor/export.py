"""Callbacks and handovers as CSV (for spreadsheets), callbacks as iCalendar (for calendars).

CSV uses semicolons and a byte-order mark because that is what German Excel opens without an
import dialog. Cells that start like a formula are prefixed with an apostrophe: a citizen's name
must never run as a spreadsheet formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

from advisor.inbox import STATUSES
from advisor.web import clock_time
from bot.callbacks import programme_label
from bot.db.models import CallbackRequest, Handover
from bot.labels import channel_label

CSV_COLUMNS = (
    "Referenz", "Status", "Eingang", "Name", "Telefon", "E-Mail", "Wunschzeit", "Zeitfenster von",
    "Zeitfenster bis", "Thema", "Sprache",
)
HANDOVER_COLUMNS = (
    "Referenz", "Status", "Eingang", "Grund", "Kanal", "Thema", "Ort", "Förderprogramme", "Kontakt",
    "Angesehene Kurse", "Offene Frage", "Nicht beantwortet", "Gesprächsverlauf", "Sprache",
)
_PHONE = re.compile(r"\+[0-9 ]{6,20}")
#: First characters after which Excel or LibreOffice may read a cell as a formula: the formula
#: signs, and whitespace or line breaks, which spreadsheets skip before looking for one (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", " ")
#: A callback without a time window lands in the calendar as a 15-minute slot at its start.
DEFAULT_SLOT = timedelta(minutes=15)


def callbacks_csv(rows: list[CallbackRequest]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r.reference, STATUSES.get(r.status, r.status), _dt(r.created_at), r.name, r.phone or "", r.email or "",
            r.preferred_time, _dt(r.window_start), _dt(r.window_end), r.topic, r.language or "Deutsch",
        )])
    return "\ufeff" + out.getvalue()


def handovers_csv(rows: list[Handover], reasons: dict[str, str]) -> str:
    """One row per handover; the conversation in one cell, a line per message with its time."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HANDOVER_COLUMNS)
    for r in rows:
        s = r.summary or {}
        conversation = "\n".join(
            f"{clock_time(t.get('at') or '')} {'Bürger/in' if t.get('who') == 'citizen' else 'Lotse'}: {t.get('text')}"
            for t in r.transcript or []
        )
        writer.writerow([_cell(str(v or "")) for v in (
            r.reference, STATUSES.get(r.status, r.status), _dt(r.created_at), reasons.get(r.reason, r.reason),
            channel_label(r.channel), s.get("topic"), s.get("place"),
            ", ".join(programme_label(p) for p in s.get("programmes") or []), s.get("contact"),
            "\n".join(_course(c) for c in s.get("courses") or []), s.get("open_question"),
            "\n".join(s.get("unanswered") or []), conversation, s.get("language") or "Deutsch",
        )])
    return "\ufeff" + out.getvalue()


def _course(course: dict) -> str:
    """ "Pflegehelfer/in (Details geöffnet) https://…", as on the handover's page."""
    seen = "Details geöffnet" if course.get("opened") else "in der Trefferliste"
    return " ".join(v for v in (str(course.get("title") or ""), f"({seen})", course.get("url") or "") if v)


def _cell(value: str) -> str:
    if _PHONE.fullmatch(value):
        return value  # "+49 2151 ..." is a number, not a formula, and must stay dialable
    return "'" + value if value[:1] in FORMULA_START else value


def _dt(value: datetime | None) -> str:
    return f"{value:%d.%m.%Y %H:%M}" if value else ""


def callbacks_ics(rows: list[CallbackRequest], now: datetime, host: str = "weiterbildungslotse") -> str:
    """One event per callback that has a time window; times are local ("floating") as entered."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Weiterbildungslotse//Beratungspostfach//DE",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for r in rows:
        if r.window_start is None or r.status in ("storniert", "erledigt"):
            continue
        end = r.window_end or r.window_start + DEFAULT_SLOT
        contact = ", ".join(v for v in (r.phone, r.email) if v)
        description = f"Rückruf {r.reference}\nKontakt: {contact}\nWunschzeit: {r.preferred_time}\nThema: {r.topic}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{r.reference}@{host}",
            f"DTSTAMP:{now:%Y%m%dT%H%M%S}",
            f"DTSTART:{r.window_start:%Y%m%dT%H%M%S}",
            f"DTEND:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{_text(f'Rückruf {r.reference}: {r.name}')}",
            f"DESCRIPTION:{_text(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)
