"""What a funding message asks for, before any passage is looked up.

- the aspects it asks about (``aspects.yaml``),
- the programmes it names: strongly ("Aufstiegs-BAföG", "§ 82") or only by an ordinary word that
  is also an alias ("Umschulung", ``weak_mentions`` in ``kb.yaml``), and whether one word names
  several ("Stipendium"),
- whether the writer asks if *they* qualify ("Habe ich Anspruch …", "Kann ich … bekommen?"),
  wants a programme explained ("Was ist …"), speaks for a company ("meine Mitarbeiter", "als
  Arbeitgeber", "Betrieb mit 30 Mitarbeitern"), or wishes plain language ("Bitte in einfacher
  Sprache: …") — and, with that wish, whether a question is left besides it.

The patterns are regular expressions in ``kb.yaml`` (``frames``), on folded text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.funding.matching import Mention, mentions
from bot.funding.model import ProgrammeData
from bot.kb.analysis import settings, words
from bot.kb.aspects import question_aspects
from bot.nlp.situation import speaks_as
from bot.search.text import fold


@lru_cache(maxsize=1)
def _frames() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {name: tuple(re.compile(p) for p in patterns) for name, patterns in settings()["frames"].items()}


@lru_cache(maxsize=1)
def _style_words() -> frozenset[str]:
    return frozenset(fold(settings().get("style_words") or "").split())


def _says(frame: str, folded: str) -> bool:
    return any(p.search(folded) for p in _frames()[frame])


def speaks_for_company(text: str) -> bool:
    """The writer speaks as employer or HR ("unsere Beschäftigten", "als Arbeitgeber", "Betrieb mit 30 Leuten")."""
    return _employer(" ".join(words(text)))


def wants_courses(text: str) -> bool:
    """The message asks for courses to be listed ("ich suche …", "gibt es Kurse …", "wo kann ich …")."""
    return _says("search_wish", " ".join(words(text)))


def _employer(folded: str) -> bool:
    """An employer's frame here, or the speaker the situation reader finds (bot/nlp/situation.yaml), unless
    the writer says they work for someone ("ich arbeite in einem Betrieb mit 30 Leuten", "mein Chef")."""
    said = speaks_as(folded)
    return "person" not in said and ("employer" in said or _says("employer", folded))


def without_plain_wish(text: str) -> tuple[bool, str]:
    """(the message wishes plain language, what is left of it as folded text)."""
    folded = " ".join(words(text))
    rest = folded
    for pattern in _frames()["plain_request"]:
        rest = pattern.sub(" ", rest)
    return rest != folded, " ".join(rest.split())


def asks_more_than_plain_language(text: str) -> bool:
    """A plain-language wish with a question beside it ("Bitte in einfacher Sprache: was ist …?")."""
    wished, rest = without_plain_wish(text)
    return wished and any(w not in _style_words() for w in rest.split())


@dataclass(frozen=True)
class Reading:
    question: str
    #: Aspect -> the folded words of the question that asked for it.
    aspect_words: Mapping[str, frozenset[str]]
    #: Programmes named by their name or a specific alias.
    named: tuple[str, ...]
    #: Programmes hinted at by an ordinary word ("Umschulung").
    hinted: tuple[str, ...]
    #: Sets of programmes one and the same word names ("Stipendium"), when there are several.
    shared: tuple[frozenset[str], ...]
    about_self: bool
    definition: bool
    employer: bool
    plain: bool

    @property
    def aspects(self) -> frozenset[str]:
        return frozenset(self.aspect_words)


def _shared(found: list[Mention]) -> tuple[frozenset[str], ...]:
    """Programmes whose mentions cover the same words, in groups of two or more."""
    groups: list[list[Mention]] = []
    for m in found:
        group = next((g for g in groups if any(m.start < o.end and o.start < m.end for o in g)), None)
        if group is None:
            groups.append([m])
        else:
            group.append(m)
    return tuple(frozenset(o.slug for o in g) for g in groups if len(g) > 1)


def read(text: str, catalogue: Sequence[ProgrammeData], state: str | None = None) -> Reading:
    """Everything ``text`` says about what answer it wants."""
    plain, rest = without_plain_wish(text)
    question = rest if plain else text
    weak = {fold(w) for w in settings().get("weak_mentions") or ()}
    found = mentions(catalogue, question, state)
    named = tuple(m.slug for m in found if fold(m.alias) not in weak)
    hinted = tuple(m.slug for m in found if fold(m.alias) in weak and m.slug not in named)
    folded = " ".join(words(question))
    return Reading(
        question=question,
        aspect_words=question_aspects(question),
        named=named,
        hinted=hinted,
        shared=_shared([m for m in found if m.slug in named]),
        about_self=_says("asks_about_self", folded),
        definition=_says("asks_definition", folded),
        employer=_employer(folded),
        plain=plain,
    )


@lru_cache(maxsize=1)
def _question_words() -> frozenset[str]:
    return frozenset((settings().get("question_starts") or "").split())


def is_question(text: str) -> bool:
    """A question: a "?" or a first word that opens one ("wie lange gilt der gutschein")."""
    folded = words(text)
    return "?" in text or bool(folded and folded[0] in _question_words())


_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\S))+[.!?]*")


def asks_who_pays_for_it(text: str) -> bool:
    """A question of the message asks who pays or what funding there is ("… würde gern Fachkraft
    Lagerlogistik lernen, aber wer soll das bezahlen und wovon leb ich in der zeit?", "Welche Förderung
    gibt es für sowas?", "Müssen wir da die Hälfte der Kosten tragen? Firma hat 120 Leute."): its
    questions (ending in "?") and its last sentence are read (``funding_request`` in ``kb.yaml``)."""
    sentences = [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]
    asked = [s for s in sentences if s.endswith("?")] + sentences[-1:]
    return any(_says("funding_request", " ".join(words(s))) for s in asked)
