"""Checking a raw record into a ``CourseRecord`` and rendering one back into strings.

Every problem of a record is collected (not just the first) and phrased in German for the
editorial staff who fix the file. Limits mirror the column sizes in ``bot.db.models`` so that a
record that passes here cannot fail in PostgreSQL for being too long.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from bot.db.models import FORMATS, SCHEDULES, STATES
from bot.exchange.records import (
    LIST_SEPARATOR,
    REQUIRED_FIELDS,
    CourseRecord,
    DateRecord,
    RawDate,
    RawRecord,
    RecordRejected,
    with_course_values,
)
from bot.search.text import fold

T = TypeVar("T")

MAX_LENGTH = {
    "anbieter": 200,
    "angebotsnummer": 100,
    "titel": 300,
    "thema": 120,
    "abschlussbezeichnung": 200,
    "sprache": 40,
    "niveau": 60,
    "link": 300,
    "region": 120,
    "ort": 120,
}
MAX_PRICE = Decimal("100000")
MAX_HOURS = 10000
MAX_SEATS = 10000
YEARS = range(2000, 2101)
_TRUE = {"ja", "j", "true", "wahr", "1", "x", "yes"}
_FALSE = {"nein", "n", "false", "falsch", "0", "no", ""}
_STATE_ALIASES = {"nw": "NW", "nrw": "NW", "nordrhein westfalen": "NW", "he": "HE", "hes": "HE", "hessen": "HE"}
_FORMAT_ALIASES = {**{f: f for f in FORMATS}, "blended learning": "hybrid"}
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d{1,2})?")
_GERMAN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ONLINE_PLACE = "online"


def validate_record(raw: RawRecord) -> CourseRecord:
    """Return the checked course or raise ``RecordRejected`` with every reason found."""
    if not raw.readable:  # e.g. shifted CSV cells: field checks would only add noise
        raise RecordRejected(raw.problems)
    problems = list(raw.problems)

    def check(parse: Callable[[], T]) -> T | None:
        try:
            return parse()
        except ValueError as exc:
            problems.append(str(exc))
            return None

    v = raw.values
    for name in REQUIRED_FIELDS:
        if not v.get(name, "").strip():
            problems.append(f"Pflichtfeld „{name}“ fehlt")
    fmt = check(lambda: _choice("unterrichtsform", v.get("unterrichtsform", ""), _FORMAT_ALIASES))
    schedule = check(lambda: _choice("unterrichtszeit", v.get("unterrichtszeit", ""), {s: s for s in SCHEDULES}))
    price = check(lambda: _price(v.get("kosten", "")))
    dates = tuple(d for d in (check(functools.partial(_date_record, d, fmt)) for d in raw.dates) if d is not None)
    if not raw.dates and fmt == "online":  # an online course without dates: Einstieg jederzeit
        dates = (DateRecord(start=None, end=None, flexible_start=True),)
    elif not raw.dates and fmt:
        problems.append("„termine“ fehlt: ein Kurs vor Ort braucht mindestens einen Termin mit Ort")
    record_args = {
        "provider": check(lambda: _line("anbieter", v)),
        "provider_azav": check(lambda: _bool("anbieter_azav", v.get("anbieter_azav", ""), none_if_empty=True)),
        "external_id": check(lambda: _line("angebotsnummer", v)),
        "title": check(lambda: _line("titel", v)),
        "description": check(lambda: _text("inhalt", v.get("inhalt", ""))),
        "topic": check(lambda: _line("thema", v)),
        "keywords": tuple(check(lambda: [_item("suchworte", k) for k in raw.lists.get("suchworte", [])]) or ()),
        "degree": check(lambda: _line("abschlussbezeichnung", v) or None),
        "hours": check(lambda: _int("unterrichtsstunden", v.get("unterrichtsstunden", ""), 1, MAX_HOURS)),
        "price_eur": price,
        "format": fmt,
        "schedule": schedule,
        "language": check(lambda: _line("sprache", v) or "Deutsch"),
        "level": check(lambda: _line("niveau", v) or None),
        "target_groups": tuple(
            check(lambda: [_item("zielgruppen", g) for g in raw.lists.get("zielgruppen", [])]) or ()
        ),
        "bildungsgutschein": check(lambda: _bool("bildungsgutschein", v.get("bildungsgutschein", ""))),
        "aufstiegs_bafoeg": check(lambda: _bool("aufstiegs_bafoeg", v.get("aufstiegs_bafoeg", ""))),
        "bildungsurlaub_states": check(lambda: _states(raw.lists.get("bildungsurlaub", []))),
        "url": check(lambda: _url(v.get("link", ""))),
        "region": check(lambda: _line("region", v) or None),
        "dates": dates,
    }
    if problems:
        raise RecordRejected(problems)
    return with_course_values(CourseRecord(**record_args))  # type: ignore[arg-type]


def render_record(record: CourseRecord, decimal_comma: bool) -> RawRecord:
    """The strings a writer puts into a file; ``validate_record`` reads them back unchanged."""
    price = "" if record.price_eur is None else f"{record.price_eur:.2f}"
    values = {
        "anbieter": record.provider,
        "anbieter_azav": "" if record.provider_azav is None else _yes_no(record.provider_azav),
        "angebotsnummer": record.external_id,
        "titel": record.title,
        "inhalt": record.description,
        "thema": record.topic or "",
        "abschlussbezeichnung": record.degree or "",
        "unterrichtsstunden": "" if record.hours is None else str(record.hours),
        "kosten": price.replace(".", ",") if decimal_comma else price,
        "unterrichtsform": record.format,
        "unterrichtszeit": record.schedule,
        "sprache": record.language,
        "niveau": record.level or "",
        "bildungsgutschein": _yes_no(record.bildungsgutschein),
        "aufstiegs_bafoeg": _yes_no(record.aufstiegs_bafoeg),
        "link": record.url or "",
        "region": record.region or "",
    }
    lists = {
        "suchworte": list(record.keywords),
        "zielgruppen": list(record.target_groups),
        "bildungsurlaub": list(record.bildungsurlaub_states),
    }
    dates = [
        RawDate(
            line=0,
            values={
                "beginn": d.start.isoformat() if d.start else "",
                "ende": d.end.isoformat() if d.end else "",
                "ort": d.place or ONLINE_PLACE,
                "plaetze": "" if d.seats is None else str(d.seats),
            },
        )
        for d in record.dates
    ]
    return RawRecord(line=0, values=values, lists=lists, dates=dates)


def _yes_no(value: bool) -> str:
    return "ja" if value else "nein"


def _text(name: str, value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError(f"„{name}“ enthält unzulässige Steuerzeichen")
    value = unicodedata.normalize("NFC", value).strip()
    limit = MAX_LENGTH.get(name)
    if limit and len(value) > limit:
        raise ValueError(f"„{name}“ ist zu lang ({len(value)} Zeichen, höchstens {limit})")
    return value


def _single(name: str, value: str) -> str:
    """A one-line text: line breaks and runs of spaces become one space."""
    return _text(name, " ".join(value.split()))


def _item(name: str, value: str) -> str:
    """One value of a list; "|" separates values in CSV, so it cannot be part of one."""
    if LIST_SEPARATOR in value:
        raise ValueError(f"„{name}“: „{value}“ darf kein „{LIST_SEPARATOR}“ enthalten")
    return _single(name, value)


def _line(name: str, values: dict[str, str]) -> str:
    return _single(name, values.get(name, ""))


def _bool(name: str, value: str, none_if_empty: bool = False) -> bool | None:
    folded = fold(value)
    if not folded and none_if_empty:
        return None
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError(f"„{name}“: „{value}“ ist weder ja noch nein")


def _choice(name: str, value: str, allowed: dict[str, str]) -> str:
    if not value.strip():
        return ""  # reported as a missing required field
    try:
        return allowed[fold(value)]
    except KeyError:
        options = ", ".join(sorted(set(allowed.values())))
        raise ValueError(f"„{name}“: „{value}“ ist unbekannt (erlaubt: {options})") from None


def _int(name: str, value: str, low: int, high: int) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"[+-]?\d+", value):
        raise ValueError(f"„{name}“: „{value}“ ist keine ganze Zahl")
    number = int(value)
    if not low <= number <= high:
        raise ValueError(f"„{name}“: {number} liegt nicht zwischen {low} und {high}")
    return number


def _price(value: str) -> Decimal | None:
    text = value.replace("€", "").replace("EUR", "").replace(" ", "").strip()
    if not text:
        return None  # no price given: "auf Anfrage"
    if text.startswith("-"):
        raise ValueError(f"„kosten“: {value.strip()} – ein Preis kann nicht negativ sein")
    if _GERMAN_THOUSANDS.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif _PLAIN_NUMBER.fullmatch(text):
        text = text.replace(",", ".")
    else:
        raise ValueError(f"„kosten“: „{value.strip()}“ ist kein Eurobetrag (z. B. 1290,00)")
    try:
        price = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns above only let numbers through
        raise ValueError(f"„kosten“: „{value.strip()}“ ist kein Eurobetrag") from None
    if price > MAX_PRICE:
        raise ValueError(f"„kosten“: {value.strip()} € ist unplausibel hoch (höchstens {MAX_PRICE} €)")
    return price


def _states(values: list[str]) -> tuple[str, ...]:
    states = []
    for value in values:
        state = _STATE_ALIASES.get(fold(value))
        if state is None:
            raise ValueError(f"„bildungsurlaub“: „{value}“ ist kein Bundesland ({', '.join(STATES)})")
        if state not in states:
            states.append(state)
    return tuple(states)


def _url(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    # Only web links: the widget renders them, and a "javascript:" link would be an attack vector.
    if not re.fullmatch(r"https?://[^\s<>\"']+", value):
        raise ValueError(f"„link“: „{value}“ ist keine Webadresse (http:// oder https://)")
    return _text("link", value)


def parse_date(name: str, value: str) -> date:
    """ISO (2026-03-02) or German (02.03.2026) dates; impossible ones such as 31.02. are refused."""
    value = value.strip()
    if not value:
        raise ValueError(f"„{name}“ fehlt")
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        if parsed.year not in YEARS:
            raise ValueError(f"„{name}“: {value} liegt außerhalb von {YEARS.start}–{YEARS.stop - 1}")
        return parsed
    raise ValueError(f"„{name}“: „{value}“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)")


def _date_record(raw: RawDate, course_format: str | None) -> DateRecord:
    """A date is part of its course: any problem here rejects the whole course."""
    where = f"Termin in Zeile {raw.line}" if raw.line else "Termin"
    problems = []
    start = end = None
    try:
        start = parse_date("beginn", raw.values.get("beginn", ""))
    except ValueError as exc:
        problems.append(str(exc))
    try:
        end = parse_date("ende", raw.values.get("ende", ""))
    except ValueError as exc:
        problems.append(str(exc))
    if start and end and end < start:
        problems.append(f"Ende ({end:%d.%m.%Y}) liegt vor Beginn ({start:%d.%m.%Y})")
    place = " ".join(raw.values.get("ort", "").split())
    if fold(place) in ("", ONLINE_PLACE):
        place = ""
        if course_format and course_format != "online":
            problems.append("Ort fehlt (nur Online-Kurse dürfen ohne Ort sein)")
    try:
        place = _item("ort", place)
        seats = _int("plaetze", raw.values.get("plaetze", ""), 0, MAX_SEATS)
    except ValueError as exc:
        problems.append(str(exc))
        seats = None
    if problems:
        raise ValueError(f"{where}: " + "; ".join(problems))
    assert start is not None and end is not None
    return DateRecord(start=start, end=end, place=place or None, seats=seats)
