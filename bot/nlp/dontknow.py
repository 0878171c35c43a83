"""Recognising "I don't know" in what a citizen types ("keine Ahnung", "k.A.", "bin mir nicht sicher").

An answer of this kind is neither yes nor no, and no number or choice: the question stays open.
Reading it as a no would turn a citizen's honest uncertainty into a refusal ("Voraussichtlich
nein"), which is why the eligibility check and the yes/no reader both ask here first. The
patterns work on folded text (``bot.search.text.fold``: lower case, umlauts spelled out, no
punctuation), so "Weiß ich nicht!" and "weiss ich nicht" are the same.
"""

from __future__ import annotations

import re

from bot.search.text import fold

#: Words that may stand between "weiß" and "nicht": "weiß ich leider nicht", "weiß es nicht so genau".
_FILLER = r"(?:(?:ich|es|das|leider|auch|noch|wirklich|echt|gerade|grad|jetzt|so|ehrlich|gesagt)\s)*"
_PATTERNS = (
    rf"\bweiss {_FILLER}nicht\b",
    r"\bweiss nich\b",
    r"\bkeine?n? (?:ahnung|plan|angaben?|idee|schimmer|peilung|blassen)\b",
    r"\bnicht (?:so |ganz |wirklich )?sicher\b",
    r"\bunsicher\b",
    r"\bunbekannt\b",
    r"\bunklar\b",
    r"\bueberfragt\b",
    r"\bkann ich (?:ihnen |dir |leider )*nicht sagen\b",
    r"\bk a\b",  # "k.A.", "k. A."
    r"^(?:ka|egal)$",  # "KA" alone; "egal" as an answer decides nothing either
)
_DONT_KNOW = re.compile("|".join(_PATTERNS))


def says_dont_know(text: str) -> bool:
    """Whether ``text`` says that the citizen does not know (in any of the usual forms)."""
    return bool(_DONT_KNOW.search(fold(text)))
