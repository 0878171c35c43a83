"""Signs that a citizen is frustrated with the assistant ("ich hab schon dreimal gefragt!!!").

Such a message still gets its answer; before it, the bot says sorry and offers a person
(actions/frustration.py). Only signs about the conversation count, not hardship in the citizen's
story ("mein Rücken ist kaputt").
"""

from __future__ import annotations

import re

from bot.search.text import fold

_MARKS = re.compile(r"[!?]*![!?]*![!?]*!")  # three exclamation marks, also mixed with "?"
_WORDS = re.compile(
    r"\b(?:du|sie|ihr|der bot|das ding|der chat)\s+(?:verstehs?t|versteht|kapiers?t|kapiert)"
    r"\s+(?:es|mich|das|gar|echt|einfach|ja)?"
    r"\s*(?:nicht|nix|nichts|null)\b"
    r"|\bsie\s+verstehen\s+(?:mich|es|das)?\s*(?:einfach\s+|gar\s+|immer\s+noch\s+)?nicht\b"
    r"|\b(?:schon|jetzt)\s+(?:zwei|drei|vier|fuenf|zehn|\d+|x|mehrmals|oft)\s*(?:mal|x)\s+(?:gefragt|geschrieben|versucht)"
    r"|\b(?:zum|zig)\s*(?:x|\d+)?\s*(?:ten|sten)?\s*mal\b"
    r"|\bdas\s+(?:nervt|bringt\s+(?:nix|nichts))\b|\bnutzlos\w*\b|\bbloede?r?\s+(?:bot|chat|maschine)\b"
    r"|\byou\s+(?:do\s*n[o']?t|don\s*t)\s+understand\b|\buseless\b"
)


def frustrated(text: str) -> bool:
    """Whether ``text`` shows frustration with the conversation itself."""
    return bool(_MARKS.search(text) or _WORDS.search(fold(text)))
