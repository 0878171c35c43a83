"""A message that narrows the list just shown ("gibt es da einen mit IHK-Zertifikat?").

It names a property the courses should have, and points back at them ("da", "davon", "darunter",
or begins with "mit"/"ohne"). Its words are added to the topic searched, not put in its place: the
citizen still wants a Buchhaltung course, now one with an IHK certificate.
"""

from __future__ import annotations

import re

from bot.search.text import fold

#: Back-references to the courses shown, with a property ("… da einen mit …", "welcher davon hat …").
_NARROWS = re.compile(
    r"\b(?:da|davon|darunter|dabei|hiervon|denen|those|them|any of|ones)\b.*"
    r"\b(?:mit|ohne|with|without|hat|haben|has)\b"
    r"|^(?:und\s+|nur\s+|auch\s+|aber\s+|only\s+)*(?:mit|ohne|with|without)\b"
)
#: Words of such a message that say only "one of those", never what it is about.
_BACK_WORDS = frozenset({
    "da", "davon", "darunter", "dabei", "hiervon", "denen", "einen", "eine", "einer", "welche", "welcher",
    "welches", "nur", "auch", "aber", "und", "mit", "ohne", "hat", "haben", "gibt", "gibts", "es", "those",
    "them", "any", "of", "with", "without", "has", "one", "is", "there", "ones", "the", "only", "please",
})


def narrows(text: str) -> bool:
    """Whether ``text`` narrows the list shown before rather than asking for something new."""
    return bool(_NARROWS.search(fold(text).strip()))


def narrowed_topic(previous: str, words: str) -> str:
    """The topic of the narrowed search: the one before with the new words ("Buchhaltung IHK Zertifikat")."""
    new = [w for w in words.split() if fold(w) not in _BACK_WORDS and fold(w) not in fold(previous).split()]
    return " ".join([previous.strip(), *new]).strip()[:100]
