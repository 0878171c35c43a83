"""German labels and number formats for what the bot shows (cards, summaries, exports)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

FORMAT_LABELS = {"praesenz": "vor Ort", "online": "online", "hybrid": "vor Ort und online"}
SCHEDULE_LABELS = {
    "vollzeit": "Vollzeit",
    "teilzeit": "Teilzeit",
    "berufsbegleitend": "berufsbegleitend",
    "abends": "abends",
    "wochenende": "am Wochenende",
    "tagsueber": "tagsüber: Vollzeit oder Teilzeit",  # a wish, not a schedule of the data (bot/search/filters.py)
}

#: Where a conversation came from, by the Rasa channel's name (channels/*.py ``name()``).
CHANNEL_LABELS = {
    "socketio": "Chat auf der Website",
    "rest": "Chat auf der Website",
    "telegram": "Telegram",
    "facebook": "Facebook Messenger",
    "whatsapp": "WhatsApp",
}
UNKNOWN_CHANNEL = "nicht bekannt"


def channel_label(name: str | None) -> str:
    """ "socketio" -> "Chat auf der Website"; an unknown channel's own name, nothing as "nicht bekannt"."""
    name = (name or "").strip()
    if not name or name == "unbekannt":
        return UNKNOWN_CHANNEL
    return CHANNEL_LABELS.get(name, name)


def price_label(price: Decimal | float | int) -> str:
    """ "kostenlos", "89 €", "1.250,50 €" — German grouping and decimal comma."""
    value = Decimal(str(price)).quantize(Decimal("0.01"))
    if value == 0:
        return "kostenlos"
    whole, cents = divmod(value, 1)
    text = f"{int(whole):,}".replace(",", ".")
    return f"{text},{int(cents * 100):02d} €" if cents else f"{text} €"


def date_label(day: date) -> str:
    return day.strftime("%d.%m.%Y")

WEEKDAYS = (("mo", "Mo"), ("di", "Di"), ("mi", "Mi"), ("do", "Do"), ("fr", "Fr"), ("sa", "Sa"), ("so", "So"))


def hours_label(opening_hours: dict[str, list[list[str]]]) -> str:
    """ "Mo–Do 08:00–16:00, Fr 08:00–12:30" — consecutive days with equal hours are grouped."""
    groups: list[tuple[str, str, str]] = []  # first day, last day, times
    for key, label in WEEKDAYS:
        spans = opening_hours.get(key) or []
        if not spans:
            continue
        times = " und ".join(f"{start}–{end}" for start, end in spans)
        previous = WEEKDAYS[[k for k, _ in WEEKDAYS].index(key) - 1][1]
        if groups and groups[-1][2] == times and groups[-1][1] == previous:
            groups[-1] = (groups[-1][0], label, times)
        else:
            groups.append((label, label, times))
    if not groups:
        return "bitte auf der Website der Stelle prüfen"
    return ", ".join(f"{a}–{b} {t}" if a != b else f"{a} {t}" for a, b, t in groups)
