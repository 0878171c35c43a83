"""The checks of the independent evaluation: what a reply shows, and whether it is right.

Reads a reply as the citizen sees it (texts and button titles, course cards, a verdict, the
language) and applies one check of ``FORMAT.md`` to it; course checks compare with the offer
database itself (``GroundTruth``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, text

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).lower().translate(_UMLAUTS)
    value = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", value)



VERDICTS = {
    "yes": ("voraussichtlich ja", "likely yes", "probably yes"),
    "maybe": ("vielleicht", "maybe", "possibly"),
    "no": ("voraussichtlich nein", "likely no", "probably not"),
    "cannot_say": (
        "kann ich nicht sagen",
        "kann ich noch nicht sagen",
        "nicht einschaetzen",
        "cannot say",
        "can't say",
    ),
}
NO_RESULT = (
    "keinen passenden kurs",
    "keine passenden kurse",
    "nichts gefunden",
    "keinen kurs",
    "keine kurse",
    "kein kurs",
    "no matching course",
    "no course",
    "nothing found",
    "did not find",
    "couldn't find",
    "could not find",
)
NOT_UNDERSTOOD = (
    "nicht verstanden",
    "anders sagen",
    "nicht sicher, ob ich sie richtig verstehe",
    "did not understand",
    "didn't understand",
    "rephrase",
)
ASKS = {
    "topic": ("welches thema", "was moechten sie lernen", "which topic", "what would you like to learn"),
    "place": ("in welchem ort", "wo wohnen sie", "which town", "where do you", "which place"),
    "which_programme": ("welche foerderung meinen sie", "welches programm", "which programme", "which funding"),
    "consent": ("einverstanden", "do you agree", "consent"),
    "name": ("wie heissen sie", "your name"),
    "contact": ("telefonnummer oder e-mail", "phone number or e-mail", "phone or e-mail"),
    "time": ("wann passt", "when would", "what time"),
    "confirm": ("so eintragen", "shall i book", "book the callback"),
    "employment_status": ("was trifft auf sie zu", "arbeitslos, arbeitsuchend", "are you unemployed"),
    "rephrase": NOT_UNDERSTOOD,
    "yes_no": ("?",),
}
OFFERS = {
    "callback": ("rueckruf", "zurueckrufen", "callback", "call you back"),
    "handover": ("mensch", "beraterin", "berater", "uebergeb", "weitergeleitet", "advisor", "human"),
    "counselling": ("beratung", "beratungsstelle", "telefon", "counselling", "advice centre", "phone"),
}
REFERENCE = re.compile(r"\bWL-[A-Z0-9]{6}\b")
_CARD = re.compile(r"^\s*(\d+)\.\s+(.+)$")


@dataclass
class Reply:
    messages: list[dict[str, Any]]

    @property
    def text(self) -> str:
        parts: list[str] = []
        for m in self.messages:
            if m.get("text"):
                parts.append(m["text"])
            for b in m.get("buttons") or []:
                parts.append(b.get("title", ""))
            custom = m.get("custom")
            if custom:
                parts.append(json.dumps(custom, ensure_ascii=False))
        return "\n".join(parts)

    @property
    def folded(self) -> str:
        return fold(self.text)

    def card_titles(self) -> list[str]:
        titles = []
        for m in self.messages:
            first = (m.get("text") or "").split("\n", 1)[0]
            match = _CARD.match(first)
            if match and ("\n" in (m.get("text") or "") or "Start" in (m.get("text") or "")):
                titles.append(match.group(2))
        return titles

    def card_texts(self) -> list[str]:
        return [m.get("text") or "" for m in self.messages if _CARD.match((m.get("text") or "").split("\n", 1)[0])]


def reply_language(value: str) -> str:
    if re.search(r"[\u0600-\u06ff]", value):
        farsi = len(re.findall(r"[پچژگکی]", value))
        return "fa" if farsi >= 2 else "ar"
    if re.search(r"[\u4e00-\u9fff]", value):
        return "zh"
    cyrillic = re.findall(r"[\u0400-\u04ff]", value)
    if len(cyrillic) > 10:
        return "uk" if re.search(r"[іїєґІЇЄҐ]", value) else "ru"
    words = re.findall(r"[a-zäöüßçğışİ]+", value.lower())
    scores = {
        "de": sum(
            w
            in {
                "und",
                "der",
                "die",
                "das",
                "sie",
                "ich",
                "nicht",
                "ist",
                "mit",
                "für",
                "ein",
                "eine",
                "zu",
                "bei",
                "oder",
                "wir",
            }
            for w in words
        ),
        "en": sum(
            w
            in {
                "the",
                "and",
                "you",
                "your",
                "is",
                "for",
                "of",
                "to",
                "with",
                "can",
                "are",
                "we",
                "or",
                "a",
                "in",
                "this",
            }
            for w in words
        ),
        "tr": sum(
            w in {"ve", "bir", "için", "bu", "ile", "size", "sizin", "de", "da", "mi", "çok", "daha", "nasıl"}
            for w in words
        )
        + 2 * len(re.findall(r"[şğı]", value)),
    }
    return max(scores, key=lambda k: scores[k]) if any(scores.values()) else "de"


# --- checks --------------------------------------------------------------------------------------


class GroundTruth:
    """Which courses exist, read from the bot's offer database independently of its search."""

    def __init__(self, db_url: str) -> None:
        self.engine = create_engine(db_url, future=True)
        with self.engine.connect() as c:
            self.courses = [
                (fold(f"{r.title} {r.description or ''}"), fold(r.title))
                for r in c.execute(text("SELECT title, description FROM courses"))
            ]

    def exists(self, about: list[str]) -> bool:
        stems = [fold(a) for a in about]
        return any(any(s in blob for s in stems) for blob, _ in self.courses)


@dataclass
class Outcome:
    passed: bool
    why: str = ""


def check(kind: str, arg: Any, reply: Reply, truth: GroundTruth) -> Outcome:
    folded = reply.folded
    if kind == "mentions":
        alternatives = arg if isinstance(arg, list) else [arg]
        ok = any(fold(str(a)) in folded for a in alternatives)
        return Outcome(ok, "" if ok else f"erwähnt nichts von {alternatives}")
    if kind == "mentions_all":
        missing = [a for a in arg if fold(str(a)) not in folded]
        return Outcome(not missing, f"fehlt: {missing}" if missing else "")
    if kind == "not_mentions":
        found = [a for a in arg if fold(str(a)) in folded]
        return Outcome(not found, f"erwähnt fälschlich {found}" if found else "")
    if kind == "courses":
        return _check_courses(arg, reply, truth)
    if kind == "asks":
        ok = any(p in folded for p in ASKS.get(arg, (arg,)))
        return Outcome(ok, "" if ok else f"fragt nicht nach {arg}")
    if kind == "offers":
        ok = any(p in folded for p in OFFERS.get(arg, (arg,)))
        return Outcome(ok, "" if ok else f"bietet {arg} nicht an")
    if kind == "verdict":
        wanted = {arg} | ({"maybe", "cannot_say"} if arg in ("maybe", "cannot_say") else set())
        said = {v for v, phrases in VERDICTS.items() if any(p in folded for p in phrases)}
        ok = bool(wanted & said) and not (said & ({"yes", "no"} - wanted))
        return Outcome(ok, "" if ok else f"Einschätzung {sorted(said) or 'keine'} statt {arg}")
    if kind == "booked":
        ok = bool(REFERENCE.search(reply.text))
        return Outcome(ok == bool(arg), "" if ok == bool(arg) else "kein Rückruf eingetragen")
    if kind == "reply_lang":
        lang = reply_language(reply.text)
        return Outcome(lang == arg, "" if lang == arg else f"antwortet auf {lang} statt {arg}")
    if kind == "not_generic":
        generic = any(p in folded for p in NOT_UNDERSTOOD) and len(folded) < 400
        return Outcome(not generic, "nur „nicht verstanden“" if generic else "")
    return Outcome(False, f"unbekannte Prüfung {kind}")


def _check_courses(arg: dict[str, Any], reply: Reply, truth: GroundTruth) -> Outcome:
    about = [fold(a) for a in arg.get("about") or []]
    titles = reply.card_titles()
    folded = reply.folded
    honest_none = any(p in folded for p in NO_RESULT)
    if not truth.exists(about):
        if honest_none:
            return Outcome(True)
        if titles:
            return Outcome(False, f"zeigt unpassende Kurse ({titles[0]}) statt „nichts gefunden“")
        return Outcome(False, "weder Kurse noch „nichts gefunden“")
    if not titles:
        if arg.get("place") is None and not arg.get("online") and any(p in folded for p in ASKS["place"]):
            return Outcome(True)  # no place given: asking where is a fair answer
        if honest_none and arg.get("place"):
            return Outcome(True, "")  # nothing at that place (the catalogue has it elsewhere)
        return Outcome(False, "zeigt keine Kurse")
    cards = reply.card_texts()
    matching = [c for c in cards if any(a in fold(c.split("\n", 1)[0]) for a in about)]
    if not matching:
        return Outcome(False, f"Kurse passen nicht zum Thema: {titles[:2]}")
    if arg.get("online") and not any("online" in fold(c) for c in matching):
        return Outcome(False, "keine Online-Kurse gezeigt")
    return Outcome(True)
