"""Reading a yes or a no from what a citizen writes at a yes/no question ("passt so", "lieber nicht").

A confirmation or consent question gets sentences, not only "ja"/"nein": "ja bitte eintragen",
"alles richtig", "nee lass mal", "so nicht". The NLU sees these as one of many intents; at the
question itself this reader decides. Anything it cannot read with confidence is ``None``, and the
form asks again: a wrong "yes" would store personal data without consent.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.nlp.dontknow import says_dont_know
from bot.search.text import fold

#: Words that on their own, as the answer to a yes/no question, mean yes.
YES_WORDS = frozenset(
    [
        "ja",
        "jaa",
        "jaaa",
        "jo",
        "joa",
        "jap",
        "jep",
        "jup",
        "yes",
        "yep",
        "yeah",
        "ok",
        "okay",
        "oki",
        "okey",
        "passt",
        "stimmt",
        "richtig",
        "korrekt",
        "genau",
        "gerne",
        "gern",
        "einverstanden",
        "klar",
        "sicher",
        "logisch",
        "natuerlich",
        "selbstverstaendlich",
        "freilich",
        "absolut",
        "perfekt",
        "super",
        "prima",
        "gut",
        "bestaetigt",
        "bestaetige",
        "eintragen",
        "zustimmen",
        "zustimme",
        "agree",
        "sure",
    ]
)
#: Phrases that mean yes although no single word does.
YES_PHRASES = ("in ordnung", "auf jeden fall", "mach das", "machen sie das", "bitte so", "so ist es", "das passt")
#: Words that start or carry a no.
NO_WORDS = frozenset(
    [
        "nein",
        "ne",
        "nee",
        "noe",
        "no",
        "nope",
        "nicht",
        "nich",
        "nix",
        "kein",
        "keine",
        "keinen",
        "niemals",
        "nie",
        "abgelehnt",
        "ablehnen",
    ]
)
NO_PHRASES = ("lieber doch nicht", "doch nicht", "lass mal", "auf keinen fall", "bloss nicht")
_EMOJI_YES = ("👍", "✅", "👌")
_EMOJI_NO = ("👎", "❌")
_MAX_WORDS = 12


def read_yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when the answer is neither or unclear."""
    if any(e in text for e in _EMOJI_YES) and not any(e in text for e in _EMOJI_NO):
        return True
    if any(e in text for e in _EMOJI_NO):
        return False
    folded = fold(text)
    if not folded:
        return None
    padded = f" {folded} "
    if says_dont_know(folded):  # "I don't know" is neither yes nor no
        return None
    words = folded.split()
    if len(words) > _MAX_WORDS:
        return None  # a long message at a yes/no question is something else (a question, a story)
    says_no = words[0] in NO_WORDS or any(f" {p} " in padded for p in NO_PHRASES) or bool(set(words) & NO_WORDS)
    says_yes = words[0] in YES_WORDS or any(f" {p} " in padded for p in YES_PHRASES) or bool(set(words) & YES_WORDS)
    if words[0] in YES_WORDS and words[0] not in _PARTICLES and words[1:2] in (["nicht"], ["nich"]):
        return False  # "passt nicht", "stimmt nicht so"
    if says_no and words[0] in YES_WORDS:
        # "ja kein Problem" is a yes; "ja, aber nicht morgen" is not clear enough to store anything
        return None if _negates_itself(words) else True
    if says_no:
        return False
    return True if says_yes else None


_PARTICLES = frozenset(
    ["ja", "jaa", "jaaa", "jo", "joa", "jap", "jep", "jup", "yes", "yep", "yeah", "ok", "okay", "oki", "okey"]
)
_NEGATED_NOUN = re.compile(r"^(?:problem|aenderung|aendern|fehler|sorge|frage)")


def _negates_itself(words: list[str]) -> bool:
    """Whether a no-word after a leading yes negates the answer ("ja, aber nicht so") or a noun ("kein Problem")."""
    for i, word in enumerate(words[1:], start=1):
        if word in NO_WORDS:
            following = words[i + 1] if i + 1 < len(words) else ""
            if word in ("kein", "keine", "keinen", "nix", "nichts") and _NEGATED_NOUN.match(following):
                continue
            if word == "nicht" and following in ("aendern", "noetig"):
                continue
            return True
    return False


#: An answer that only wonders ("ob es anerkannt ist") or asks back is no echo.
_UNSURE = frozenset(
    ["ob", "whether", "if", "vielleicht", "maybe", "glaube", "denke", "think", "wahrscheinlich", "probably"]
)
_QUESTION_WORDS = frozenset(
    ["was", "wie", "wer", "wo", "welche", "welcher", "welches", "warum", "what", "how", "who", "which", "why"]
)
_NEGATIONS = NO_WORDS | {"nichts", "not", "never", "isnt", "isn", "dont", "doesnt"}
_MAX_ECHO_WORDS = 20
#: Per yes/no question of the eligibility check: the word stems that repeat what it asks.
ECHOES: dict[str, tuple[str, ...]] = {
    key: tuple(fold(stem) for stem in stems)
    for key, stems in yaml.safe_load(
        (Path(__file__).with_name("yesno_echoes.yaml")).read_text(encoding="utf-8")
    ).items()
}


def read_echo(question: str, text: str) -> bool | None:
    """A yes or no given by repeating what the question asks ("auf der Seite steht, dass es in
    Hessen anerkannt ist" to "Ist die Veranstaltung … anerkannt?"; "bin kein Beamter"): True with
    one of the question's echo stems (``yesno_echoes.yaml``) and no negation, False with a
    negation, None otherwise (also for a question back or a "whether")."""
    stems = ECHOES.get(question)
    folded = fold(text)
    words = folded.split()
    if not stems or not words or len(words) > _MAX_ECHO_WORDS or "?" in text or words[0] in _QUESTION_WORDS:
        return None
    if says_dont_know(folded) or set(words) & _UNSURE:
        return None
    if not any(word.startswith(stems) for word in words) and not any(" " in s and s in folded for s in stems):
        return None
    return not bool(set(words) & _NEGATIONS)
