"""Checking the values of real records (KURSNET, openQ-cat, Open-vhs), every problem of a record at once.

A ``Fields`` object belongs to one record: each method returns the cleaned value, or None and
notes a German problem naming the field as the source calls it ("kostenWert", "START_DATE"), so
that the data officer can find it in the provider's data. Limits are the column sizes of
``bot.db.models``, so a checked record cannot fail in PostgreSQL for being too long.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from bot.exchange.html_text import html_to_text

BERLIN = ZoneInfo("Europe/Berlin")
MAX_PRICE = Decimal("100000")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL = re.compile(r"https?://[^\s<>\"']+")
_POSTCODE = re.compile(r"\d{5}")

#: KURSNET's state codes (``land.code``) -> ISO 3166-2 suffix.
KURSNET_STATES = {
    "BAW": "BW", "BAY": "BY", "BER": "BE", "BRA": "BB", "BRE": "HB", "HAM": "HH", "HES": "HE", "MBV": "MV",
    "NDS": "NI", "NRW": "NW", "RPF": "RP", "SAA": "SL", "SAC": "SN", "SAN": "ST", "SLH": "SH", "THÜ": "TH",
    "THU": "TH",
}


class Fields:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def text(self, name: str, value: object, limit: int | None = None, required: bool = False,
             html: bool = False) -> str | None:
        """A text; HTML becomes plain text; one line unless ``html`` (descriptions keep their lines)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"Pflichtfeld „{name}“ fehlt")
            return None
        if not isinstance(value, (str, int, float)):
            self.problem(f"„{name}“ ist kein Text")
            return None
        raw = str(value)
        if _CONTROL.search(raw):
            self.problem(f"„{name}“ enthält unzulässige Steuerzeichen")
            return None
        cleaned = html_to_text(raw)
        if not html:
            cleaned = " ".join(cleaned.split())
        if not cleaned:
            if required:
                self.problem(f"Pflichtfeld „{name}“ fehlt")
            return None
        if limit and len(cleaned) > limit:
            if html:  # a long description is shortened at a line, not rejected
                return cleaned[: limit].rsplit("\n", 1)[0]
            self.problem(f"„{name}“ ist zu lang ({len(cleaned)} Zeichen, höchstens {limit})")
            return None
        return cleaned

    def url(self, name: str, value: object) -> str | None:
        text = self.text(name, value)
        if text is None:
            return None
        if not _URL.fullmatch(text) or len(text) > 300:
            self.problem(f"„{name}“: „{text[:80]}“ ist keine Webadresse (http:// oder https://)")
            return None
        return text

    def postcode(self, name: str, value: object) -> str | None:
        text = self.text(name, value)
        if text is None:
            return None
        if not _POSTCODE.fullmatch(text):
            self.problem(f"„{name}“: „{text}“ ist keine Postleitzahl (fünf Ziffern)")
            return None
        return text

    def epoch_day(self, name: str, value: object) -> date | None:
        """KURSNET dates: milliseconds since 1970, meant as a day in German time."""
        if value is None or value == "":
            return None
        try:
            day = datetime.fromtimestamp(int(value) / 1000, BERLIN).date()  # type: ignore[call-overload]  # JSON of any type; wrong ones caught below
        except (TypeError, ValueError, OverflowError, OSError):
            self.problem(f"„{name}“: „{value}“ ist kein Datum")
            return None
        return self._plausible(name, day)

    def iso_day(self, name: str, value: object) -> date | None:
        """2027-01-01, 2027-01-01T00:00:00.000+01:00 or 2026-03-14+01:00 -> the day as written."""
        text = self.text(name, value)
        if text is None:
            return None
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        try:
            if not match:
                raise ValueError
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            self.problem(f"„{name}“: „{text}“ ist kein gültiges Datum (JJJJ-MM-TT)")
            return None
        return self._plausible(name, day)

    def _plausible(self, name: str, day: date) -> date | None:
        if not 2000 <= day.year <= 2100:
            self.problem(f"„{name}“: {day:%d.%m.%Y} liegt außerhalb von 2000–2100")
            return None
        return day

    def amount(self, name: str, value: object) -> Decimal | None:
        """A euro amount: 1290, "1290.00", "1.290,00"; negative or absurd amounts are problems."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).replace("€", "").replace("EUR", "").replace(" ", "").strip()
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", ".")
        try:
            price = Decimal(text)
        except InvalidOperation:
            self.problem(f"„{name}“: „{value}“ ist kein Eurobetrag")
            return None
        if price < 0:
            self.problem(f"„{name}“: {value} – ein Preis kann nicht negativ sein")
            return None
        if price > MAX_PRICE:
            self.problem(f"„{name}“: {value} € ist unplausibel hoch (höchstens {MAX_PRICE} €)")
            return None
        return price.quantize(Decimal("0.01"))

    def integer(self, name: str, value: object, low: int, high: int) -> int | None:
        if value is None or value == "":
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self.problem(f"„{name}“: „{value}“ ist keine ganze Zahl")
            return None
        if not low <= number <= high:
            self.problem(f"„{name}“: {number} liegt nicht zwischen {low} und {high}")
            return None
        return number

    def coordinate(self, value: object, low: float, high: float) -> float | None:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return number if low <= number <= high else None


def schedule_from_words(*words: str | None) -> str | None:
    """ "Vollzeit", "Teilzeit", "berufsbegleitend", "Abendkurs", "Wochenende" -> a stored schedule."""
    text = " ".join(w for w in words if w).casefold()
    for needle, schedule in (("berufsbegleitend", "berufsbegleitend"), ("wochenend", "wochenende"),
                             ("abend", "abends"), ("teilzeit", "teilzeit"), ("vollzeit", "vollzeit")):
        if needle in text:
            return schedule
    return None


def format_from_kursnet(code: object) -> str | None:
    """KURSNET/openQ-cat Unterrichtsform: 1xx Präsenz, 2xx digital, 3xx kombiniert, 4xx Fernunterricht."""
    try:
        group = int(str(code).strip()) // 100
    except ValueError:
        return None
    return {1: "praesenz", 2: "online", 3: "hybrid", 4: "online"}.get(group)
