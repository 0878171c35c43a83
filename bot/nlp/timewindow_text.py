"""Text folding and vocabulary shared by the German time-window rules.

Citizens type on phones: with or without umlauts ("naechste", "nachste", "nächste"), in any case, with
small typos in weekday names ("Dienstga", "Mitwoch"). The rules in ``timewindow_days`` and
``timewindow_clock`` are written once against a single folded spelling, so all of that variation is
removed here first: umlauts become plain vowels ("nächste", "naechste" -> "nachste"), the opposite
direction of ``bot.search.text.fold``, which spells them out ("ä" -> "ae"). Folding keeps, per
character, where it came from (``Folded``), so the NLU component can point its entity at the words as
the citizen typed them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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
    # English (issue 21); not "may", which is a verb far more often than the month
    "january": "Januar", "february": "Februar", "march": "März", "june": "Juni", "july": "Juli",
    "october": "Oktober", "oct": "Oktober", "december": "Dezember", "dec": "Dezember",
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


Origin = tuple[int, int]


@dataclass(frozen=True)
class Folded:
    """Folded text that remembers, per character, which stretch of the original text it came from.

    The rules match on the folded spelling, but an NLU entity must point at the characters the
    citizen typed ("Übermorgen" is one character longer folded; "Dienstagvormittag" gains a space).
    """

    text: str
    origins: tuple[Origin, ...]

    def original_span(self, start: int, end: int) -> Origin:
        """The stretch of the original text that folded characters ``start:end`` came from."""
        return self.origins[start][0], self.origins[end - 1][1]


def _aligned(old: str, new: str, origins: tuple[Origin, ...]) -> list[Origin]:
    """Origins for a replacement: kept characters keep theirs, new ones take the stretch they replace."""
    if old == new:
        return list(origins)
    mapped: list[Origin] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            mapped.extend(origins[i1:i2])
        elif j2 > j1:  # "replace" or "insert"; an insertion borrows its left neighbour's origin
            stretch = (origins[i1][0], origins[i2 - 1][1]) if i2 > i1 else origins[max(i1 - 1, 0)]
            mapped.extend([stretch] * (j2 - j1))
    return mapped


def sub_tracked(folded: Folded, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> Folded:
    """``pattern.sub(repl, text)`` that carries the origins along (also used by ``bot.nlp.situation_text``)."""
    parts: list[str] = []
    origins: list[Origin] = []
    last = 0
    for match in pattern.finditer(folded.text):
        new = repl(match) if callable(repl) else match.expand(repl)
        parts += [folded.text[last : match.start()], new]
        origins += folded.origins[last : match.start()]
        origins += _aligned(match[0], new, folded.origins[match.start() : match.end()])
        last = match.end()
    parts.append(folded.text[last:])
    origins += folded.origins[last:]
    return Folded("".join(parts), tuple(origins))


_SPACES = re.compile(r"\s+")
_DIGRAPH_PATTERNS = tuple((re.compile(digraph), vowel) for digraph, vowel in _DIGRAPHS)


def strip_umlauts_tracked(text: str) -> Folded:
    """Lower-case, umlauts as plain vowels ("ä", "ae" -> "a"), whitespace collapsed, with origins."""
    lowered = text.lower()
    origins = tuple((i, i + 1) for i in range(len(text)))
    if len(lowered) != len(text):  # a character whose lower case is longer ("İ")
        origins = tuple(_aligned(text, lowered, origins))
    pairs = [(out, origin) for char, origin in zip(lowered, origins, strict=True) for out in char.translate(_UMLAUTS)]
    folded = Folded("".join(out for out, _ in pairs), tuple(origin for _, origin in pairs))
    for pattern, vowel in _DIGRAPH_PATTERNS:
        folded = sub_tracked(folded, pattern, vowel)
    folded = sub_tracked(folded, _SPACES, " ")
    start = len(folded.text) - len(folded.text.lstrip())
    end = len(folded.text.rstrip())
    return Folded(folded.text[start:end], folded.origins[start:end])


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


_WORD = re.compile(r"[a-z]+")


def normalise_tracked(text: str) -> Folded:
    """``normalise`` with origins, so a match in the folded text can be located in the original."""
    folded = sub_tracked(strip_umlauts_tracked(text), _WORD, lambda m: _correct_weekday(m[0]))
    folded = sub_tracked(folded, _GREETING, " ")
    folded = sub_tracked(folded, _COMPOUND, r"\1 \2")
    return sub_tracked(folded, _MORNING, r"\1 morgens")


def normalise(text: str) -> str:
    """Folded text with weekday typos fixed and the "morgen" (tomorrow/morning) ambiguity resolved."""
    return normalise_tracked(text).text


def blank(text: str, start: int, end: int) -> str:
    """Replace a consumed span by spaces so offsets stay valid and later rules cannot re-read it."""
    return text[:start] + " " * (end - start) + text[end:]
