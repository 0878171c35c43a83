"""A wish for advice in the writer's own words: "Gibt es irgendwo eine kostenlose Beratung?", "wer hilft
mir da kostenlos?".

People who do not know what they want ("ich weiss echt nicht was ich beruflich machen soll") ask for a
person to talk it through; the NLU read such stories as a complaint (the handover offer) or, with
"kostenlos", as a funding question (the Bildungsgutschein). A free counselling centre near them is the
answer (``ask_counselling``). Patterns on folded text (``bot.search.text.fold``).
"""

from __future__ import annotations

import re

from bot.search.text import fold

_WISH = re.compile(
    r"\b(?:gibt es|gibts|wo (?:gibt es|bekomme ich|kriege ich|finde ich|kann ich)|brauche|suche|moechte|haette gerne?"
    r"|wuensche)\b(?: \w+){0,5} (?:beratung|berufsberatung|weiterbildungsberatung|beratungsstelle"
    r"|beratungsgespraech)\w*"
    r"|\bwer (?:hilft|berat\w*) (?:mir|uns|einem)\b"
    r"|\b(?:moeglichkeiten|optionen|chancen) (?:\w+ ){0,3}(?:durchspricht|durchsprechen|besprechen|bespricht)\b"
)


def wants_counselling(text: str) -> bool:
    """Whether the message asks for advice from a person ("Gibt es eine kostenlose Beratung …?")."""
    return bool(text) and not text.startswith("/") and bool(_WISH.search(fold(text)))
