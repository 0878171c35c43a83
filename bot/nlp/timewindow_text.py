"""Text folding and vocabulary shared by the German time-window rules.

Citizens type on phones: with or without umlauts ("naechste", "nachste", "nächste"), in any case, with
small typos in weekday names ("Dienstga", "Mitwoch"). The rules in ``timewindow_days`` and
``timewindow_clock`` are written once against a single folded spelling, so all of that variation is
removed here first.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

WEEKDAYS: tuple[str, ...] = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
WEEKDAY_LABELS: tuple[str, ...] = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WEEKDAY_RE = "|".join(WEEKDAYS)

# Hour words people actually write ("um zehn", "ab halb drei"). "ein/einer" is left out on purpose:
# "vor ein paar Tagen" must not become "before 1 o'clock".
HOUR_WORDS: dict[str, int] = {
    "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12, "dreizehn": 13, "vierzehn": 14,
    "funfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
}  # fmt: skip
HOUR_WORD_RE = "|".join(sorted(HOUR_WORDS, key=len, reverse=True))

# Counts in "in zwei Tagen" / "in einer Woche", where the indefinite article does mean one.
COUNT_WORDS: dict[str, int] = {**HOUR_WORDS, "ein": 1, "einem": 1, "einer": 1}
COUNT_WORD_RE = "|".join(sorted(COUNT_WORDS, key=len, reverse=True))

# Folded month spellings → the German name dateparser knows.
MONTHS: dict[str, str] = {
    "januar": "Januar", "jan": "Januar", "janner": "Januar", "februar": "Februar",
    "feb": "Februar", "marz": "März", "mar": "März", "april": "April", "apr": "April", "mai": "Mai",
    "juni": "Juni", "jun": "Juni", "juli": "Juli", "jul": "Juli", "august": "August", "aug": "August",
    "september": "September", "sept": "September", "sep": "September", "oktober": "Oktober",
    "okt": "Oktober", "november": "November", "nov": "November", "dezember": "Dezember", "dez": "Dezember",
}  # fmt: skip
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))

# Real words close to a weekday that must not be "corrected" ("Pflegedienst", "Feiertag").
_NOT_WEEKDAYS = frozenset({"dienst", "dienste", "diensten", "feiertag", "feiertage", "feiertags", "feiertagen"})
_WEEKDAY_FORMS = {form: day for day in WEEKDAYS for form in (day, day + "s")}
_WEEKDAY_FORMS.update(sonnabend="samstag", sonnabends="samstag")

# "Dienstagvormittag" → "dienstag vormittag", so each half is seen by its own rule.
_COMPOUND = re.compile(rf"\b({WEEKDAY_RE}|heute|morgen)(vormittag|nachmittag|mittag|abend|morgen|fruh)")
# "Dienstag morgen", "heute Morgen", "am Morgen" mean the early part of a day, not tomorrow.
_MORNING = re.compile(rf"\b({WEEKDAY_RE}|heute|morgen|ubermorgen|am|den|jeden|\d{{1,2}}\.)\s+morgen\b")
_GREETING = re.compile(r"\bguten\s+morgen\b")


def fold(text: str) -> str:
    """Lower-case, spell umlauts as plain vowels and collapse whitespace."""
    folded = text.lower().translate(_UMLAUTS)
    for digraph, vowel in _DIGRAPHS:
        folded = folded.replace(digraph, vowel)
    return re.sub(r"\s+", " ", folded).strip()


def _correct_weekday(token: str) -> str:
    """Map a weekday form ("dienstags", "donerstag") to its plain name; leave every other word alone."""
    if token in _WEEKDAY_FORMS:
        return _WEEKDAY_FORMS[token]
    if len(token) < 6 or token in _NOT_WEEKDAYS:
        return token
    best, score = token, 0.0
    for form, day in _WEEKDAY_FORMS.items():
        ratio = SequenceMatcher(None, token, form).ratio() if form[0] == token[0] else 0.0
        if ratio > score:
            best, score = day, ratio
    return best if score >= 0.85 else token


def normalise(text: str) -> str:
    """Folded text with weekday typos fixed and the "morgen" (tomorrow/morning) ambiguity resolved."""
    folded = fold(text)
    folded = re.sub(r"[a-z]+", lambda m: _correct_weekday(m.group(0)), folded)
    folded = _GREETING.sub(" ", folded)
    folded = _COMPOUND.sub(r"\1 \2", folded)
    return _MORNING.sub(r"\1 morgens", folded)


def blank(text: str, start: int, end: int) -> str:
    """Replace a consumed span by spaces so offsets stay valid and later rules cannot re-read it."""
    return text[:start] + " " * (end - start) + text[end:]
