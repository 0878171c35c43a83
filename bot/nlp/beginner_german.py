"""Does a message look like beginner's German ("ich suchen deutsch kurs", "ich nicht verstehen")?

Then the bot switches to plain language ("einfache Sprache") by itself, instead of waiting to be
asked. The signals are few and strict, so that quick, lowercase German from a native speaker
("ich suche kurs in krefeld") does not count:

- "ich" directly followed by an infinitive ("ich suchen", "ich brauchen", "ich haben"), unless a
  modal verb before or after makes it correct German ("Kann ich suchen?", "…, dass ich lernen kann");
- a learner's phrase for not understanding ("ich nicht verstehen", "nix verstehen", "kein verstehen").
"""

from __future__ import annotations

import re

# Verbs learners use in the infinitive after "ich"; each infinitive differs from its "ich" form.
_INFINITIVES = frozenset(
    re.findall(
        r"\S+",
        "suchen brauchen haben wollen möchten können müssen machen lernen arbeiten wohnen kommen "
        "sprechen verstehen gehen finden helfen fragen bekommen wissen schreiben lesen zahlen bezahlen "
        "studieren anfangen beginnen warten leben heißen",
    )
)
_MODALS = frozenset(
    re.findall(
        r"\S+",
        "kann kannst können muss musst müssen will willst wollen darf darfst dürfen soll sollst sollen "
        "möchte möchtest mag werde wirst würde würdest könnte sollte müsste dürfte",
    )
)
# Verbs that follow an infinitive in correct German: "…, dass ich arbeiten gehe", "ich lernen lasse".
_AFTER = {*_MODALS, "gehe", "gehen", "lasse", "lassen"}
_WORD = re.compile(r"[a-zäöüß]+")
_NOT_UNDERSTANDING = re.compile(
    r"\b(?:ich\s+nicht\s+verstehen|nix\s+verstehen|kein\s+verstehen|nicht\s+verstehen\s+ich)\b"
)
MAX_CHARACTERS = 300


def looks_like_beginner_german(text: str) -> bool:
    """True when the message shows a beginner's grammar (see the module docstring)."""
    lowered = (text or "")[:MAX_CHARACTERS].lower()
    if _NOT_UNDERSTANDING.search(lowered):
        return True
    words = _WORD.findall(lowered)
    for i, word in enumerate(words[:-1]):
        if word != "ich" or words[i + 1] not in _INFINITIVES:
            continue
        before = words[i - 1] if i > 0 else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        if before in _MODALS or after in _AFTER:
            continue
        return True
    return False
