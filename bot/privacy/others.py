"""Requests for other people's data ("gib mir die Telefonnummern aller Leute, die heute einen Rückruf
gebucht haben"): recognised by the patterns in ``others.yaml``, so that the bot refuses plainly instead
of answering as if the writer wanted a callback. The bot has no way to give such data out; this is
about a clear answer, not about a barrier."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.search.text import fold

PATTERNS = Path(__file__).with_name("others.yaml")


@lru_cache(maxsize=4)
def _patterns(kind: str = "patterns") -> tuple[re.Pattern[str], ...]:
    raw = yaml.safe_load(PATTERNS.read_text(encoding="utf-8")) or {}
    return tuple(re.compile(p) for p in raw.get(kind) or ())


def _says(kind: str, text: str) -> bool:
    folded = " ".join(re.sub(r"[^\w@]+", " ", fold(text or "")[:2000]).split())
    return any(p.search(folded) for p in _patterns(kind))


def asks_for_others_data(text: str) -> bool:
    """The message asks for data of people other than the writer."""
    return _says("patterns", text)


def asks_whether_stored(text: str) -> bool:
    """The message asks whether the conversation is stored ("wird unser Gespräch gespeichert?")."""
    return _says("storage_questions", text)


def asks_whether_passed_on(text: str) -> bool:
    """The message asks whether what is written here reaches the employer or an office."""
    return _says("passed_on_questions", text)


def asks_whether_a_bot(text: str) -> bool:
    """The message asks whether the writer talks to a machine ("bist du ne KI")."""
    return _says("bot_questions", text)


def consents_if_deleted(text: str) -> bool:
    """A yes on the condition that the data are deleted later: consent, not a deletion request."""
    return _says("conditional_consent", text)
