"""Turning what citizens and NLU entities say about format, schedule and state into stored codes.

Unknown values raise ``ValueError`` instead of being ignored: silently dropping a filter would
show a citizen evening courses as if they were what they asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.db.models import FORMATS, SCHEDULES, STATES
from bot.search.text import fold

_FORMAT_WORDS = {
    "praesenz": "praesenz", "vor ort": "praesenz", "vorort": "praesenz", "praesenzkurs": "praesenz",
    "praesenzunterricht": "praesenz", "in person": "praesenz",
    "online": "online", "digital": "online", "virtuell": "online", "fernunterricht": "online",
    "onlinekurs": "online", "e learning": "online", "webinar": "online", "zuhause": "online",
    "hybrid": "hybrid", "blended learning": "hybrid", "gemischt": "hybrid",
    "face to face": "praesenz", "on site": "praesenz",  # English (issue 21)
}
#: Not a schedule of the data but a wish the search keeps: full or part time (``DAYTIME_SCHEDULES``).
DAYTIME = "tagsueber"
DAYTIME_SCHEDULES = ("vollzeit", "teilzeit")
_SCHEDULE_WORDS = {
    "vollzeit": "vollzeit", "ganztags": "vollzeit", "ganztaegig": "vollzeit",
    "teilzeit": "teilzeit", "halbtags": "teilzeit",
    "berufsbegleitend": "berufsbegleitend", "nebenberuflich": "berufsbegleitend",
    "neben dem beruf": "berufsbegleitend", "neben der arbeit": "berufsbegleitend",
    "abends": "abends", "abend": "abends", "abendkurs": "abends", "feierabend": "abends",
    "nach feierabend": "abends", "am abend": "abends",
    "wochenende": "wochenende", "am wochenende": "wochenende", "samstags": "wochenende",
    "samstag": "wochenende", "sonntag": "wochenende", "wochenendkurs": "wochenende",
    # English (issue 21)
    "full time": "vollzeit", "part time": "teilzeit", "evening": "abends", "evenings": "abends",
    "in the evening": "abends", "weekend": "wochenende", "weekends": "wochenende", "at the weekend": "wochenende",
    "on weekends": "wochenende", "alongside work": "berufsbegleitend",
    # A time of day: the course data have none, only the schedule; daytime is full or part time.
    "tagsueber": DAYTIME, "vormittags": DAYTIME, "vormittag": DAYTIME, "am vormittag": DAYTIME, "morgens": DAYTIME,
    "nachmittags": DAYTIME, "am nachmittag": DAYTIME, "daytime": DAYTIME, "during the day": DAYTIME,
    "mornings": DAYTIME, "in the morning": DAYTIME, "afternoons": DAYTIME,
}
_STATE_WORDS = {
    "nw": "NW", "nrw": "NW", "nordrhein westfalen": "NW", "nordrheinwestfalen": "NW",
    "he": "HE", "hessen": "HE",
}


def _normalise(value: str | None, words: dict[str, str], allowed: tuple[str, ...], what: str) -> str | None:
    if value is None or not value.strip():
        return None
    key = fold(value)
    if key in allowed:
        return key
    if key in words:
        return words[key]
    raise ValueError(f"Unbekannte Angabe für {what}: {value!r}")


def normalise_format(value: str | None) -> str | None:
    """"Präsenz", "vor Ort", "online", "hybrid" ... -> one of ``FORMATS`` (None: any format)."""
    return _normalise(value, _FORMAT_WORDS, FORMATS, "Format")


def normalise_schedule(value: str | None) -> str | None:
    """"abends", "am Wochenende", "nebenberuflich" ... -> one of ``SCHEDULES`` (None: any)."""
    return _normalise(value, _SCHEDULE_WORDS, (*SCHEDULES, DAYTIME), "Zeitmodell")


def normalise_state(value: str | None) -> str | None:
    """"NRW", "Nordrhein-Westfalen", "Hessen", "HE" ... -> key of ``STATES`` (None: no filter)."""
    if value is not None and value.strip().upper() in STATES:
        return value.strip().upper()
    return _normalise(value, _STATE_WORDS, (), "Bundesland")


@dataclass(frozen=True)
class Filters:
    """Normalised filters, as codes stored in the database.

    ``cutoff`` is the earliest start day, ``latest_start`` the last one (None: no limit).
    ``near`` is (latitude, longitude, km): runs that close count as local, as do ``place_ids``.
    """

    cutoff: date
    latest_start: date | None = None
    place_ids: list[int] | None = None
    near: tuple[float, float, float] | None = None
    format: str | None = None
    schedule: str | None = None
    max_price: Decimal | None = None
    bildungsgutschein: bool = False
    aufstiegs_bafoeg: bool = False
    bildungsurlaub_state: str | None = None
