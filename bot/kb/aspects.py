"""What a question asks about and what a fact is about, from the word lists in ``aspects.yaml``.

Both sides are matched on folded words (``analysis.words``), with prefixes ("kinder*") for German
inflection and compounds, phrases for question idioms ("wie lange gilt") and co-occurrence for
facts ("gilt" with "Monate"). An aspect found in the question but in none of a programme's facts
is what lets the bot say honestly that it has no reliable answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.geo.gazetteer import gazetteer
from bot.kb.analysis import words

DATA = Path(__file__).with_name("aspects.yaml")


def _word_matches(pattern: str, word: str) -> bool:
    """"kinder*" is a prefix, "*einkommen*" a part anywhere ("jahreseinkommen"), else the word itself."""
    if pattern.startswith("*") and pattern.endswith("*"):
        return pattern[1:-1] in word
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _word_regex(pattern: str) -> str:
    core = re.escape(pattern.strip("*"))
    if pattern.startswith("*") and pattern.endswith("*"):
        return rf"[a-z0-9]*{core}[a-z0-9]*"
    return rf"{core}[a-z0-9]*" if pattern.endswith("*") else core


def _phrase_regex(text: str) -> str:
    """A phrase trigger as a regular expression on the folded text, bounded by word edges."""
    return r"(?<![a-z0-9])" + " ".join(_word_regex(w) for w in text.split()) + r"(?![a-z0-9])"


class _AllOf:
    """All of the words somewhere in the text."""

    def __init__(self, items: Sequence[str]) -> None:
        self.parts = list(items)

    def found(self, folded: list[str]) -> set[str]:
        matched = [{w for w in folded if _word_matches(p, w)} for p in self.parts]
        return set().union(*matched) if all(matched) else set()


@dataclass(frozen=True)
class _Triggers:
    """One side of an aspect: phrases and regular expressions as one alternation, plus co-occurrences."""

    pattern: re.Pattern[str] | None
    together: tuple[_AllOf, ...]

    @classmethod
    def parse(cls, specs: Sequence[str | list[str]]) -> _Triggers:
        alternatives = [
            s[3:] if s.startswith("re:") else _phrase_regex(s) for s in specs if isinstance(s, str)
        ]
        pattern = re.compile("|".join(f"(?:{a})" for a in alternatives)) if alternatives else None
        return cls(pattern, tuple(_AllOf([str(x) for x in s]) for s in specs if isinstance(s, list)))

    def found(self, folded: list[str], joined: str) -> set[str]:
        hits: set[str] = set()
        if self.pattern is not None:
            hits.update(w for m in self.pattern.finditer(joined) for w in m.group(0).split())
        for trigger in self.together:
            hits.update(trigger.found(folded))
        return hits


@dataclass(frozen=True)
class Aspect:
    name: str
    label: str
    specific: bool
    #: its question words name one kind of fact (specific aspects are precise too): see ``is_precise``
    precise: bool
    question: _Triggers
    passage: _Triggers


@lru_cache(maxsize=1)
def aspects() -> dict[str, Aspect]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {
        name: Aspect(
            name=name,
            label=entry["label"],
            specific=bool(entry.get("specific", False)),
            precise=bool(entry.get("specific", False) or entry.get("precise", False)),
            question=_Triggers.parse(entry["question"]),
            passage=_Triggers.parse(entry["passage"]),
        )
        for name, entry in raw.items()
    }


_PLACE_PREPOSITIONS = frozenset({"in", "bei", "aus", "nach", "im"})


def _without_places(folded: list[str]) -> list[str]:
    """The words without "in <town>": "wie komme ich in leipzig an einen …" asks as "wie komme ich an einen …"."""
    towns = gazetteer().by_name
    kept: list[str] = []
    for i, word in enumerate(folded):
        if word in _PLACE_PREPOSITIONS and i + 1 < len(folded) and folded[i + 1] in towns:
            continue
        if i and folded[i - 1] in _PLACE_PREPOSITIONS and word in towns:
            continue
        kept.append(word)
    return kept


def _found(text: str, side: str) -> dict[str, frozenset[str]]:
    folded = _without_places(words(text)) if side == "question" else words(text)
    joined = " ".join(folded)
    found: dict[str, frozenset[str]] = {}
    for name, aspect in aspects().items():
        hits = getattr(aspect, side).found(folded, joined)
        if hits:
            found[name] = frozenset(hits)
    return found


def question_aspects(text: str) -> dict[str, frozenset[str]]:
    """Aspects a question asks about, each with the (folded) words that asked for it.

    "Wie lange ist der Gutschein gültig?" -> {"gueltigkeit": {"gueltig"}, "dauer": {"wie", "lange"}}.
    Those words are answered by a fact that has the aspect, whatever words the fact uses.
    """
    return _found(text, "question")


def passage_aspects(text: str) -> frozenset[str]:
    """Aspects a fact is about, tagged once when the knowledge base is built."""
    return frozenset(_found(text, "passage"))


def is_specific(names: Iterable[str]) -> bool:
    """At least one aspect that says what is meant without a programme name."""
    known = aspects()
    return any(known[n].specific for n in names if n in known)


def is_precise(names: Iterable[str]) -> bool:
    """Every aspect asked names one kind of fact ("Kündigung", "Anteil der Belegschaft", not "wie viel"), so a
    fact of the named programme that has them answers also a long question that says much beside them."""
    known = aspects()
    listed = [known[n] for n in names if n in known]
    return bool(listed) and all(a.precise for a in listed)
