"""The citizen's language, as advisors need it: "Sprache: Arabisch — Dolmetscher einplanen".

Read from the conversation, not only from the ``language`` slot: a citizen who wrote in Arabic and
then chose simple German or English still needs an interpreter, so every language the NLU found
in the citizen's messages counts (components/language_detector.py sets the entity).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.nlp.language import GERMAN_NAMES

Event = dict[str, Any]


def spoken_languages(events: Iterable[Event], current: str | None = None) -> list[str]:
    """The languages other than German the citizen wrote in or chose, first seen first."""
    found: list[str] = []
    for event in events:
        if event.get("event") != "user":
            continue
        for entity in (event.get("parse_data") or {}).get("entities") or []:
            value = entity.get("value")
            if entity.get("entity") == "language" and value in GERMAN_NAMES and value not in found:
                found.append(value)
    if current in GERMAN_NAMES and current not in found:
        found.append(current)
    return [code for code in found if code != "de"]


def advisor_note(languages: list[str], plain_language: bool = False) -> str | None:
    """What the advisor reads under "Sprache"; None for a German conversation in standard language."""
    if not languages:
        return "Deutsch, einfache Sprache gewünscht" if plain_language else None
    main, *others = (GERMAN_NAMES[code] for code in languages)
    also = f" (schrieb auch {', '.join(others)})" if others else ""
    return f"{main}{also} — Dolmetscher einplanen"
