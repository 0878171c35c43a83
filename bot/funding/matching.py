"""Recognise which programme a citizen means, however they spell it.

People write "meister bafög", "Bildungsgutshein", "aufstiegsbafoeg", "BGS" or "§82". We spell out
paragraph signs ("§ 82" -> "paragraf82", ``bot.nlp.signs``), fold case and umlauts, compare names
and aliases word by word, join compounds ("Aufstiegs-BAföG" vs. "aufstiegsbafoeg") and forgive a
typo or two in long words (optimal string alignment distance from rapidfuzz, so a swapped pair
of letters, "gutschien", is one typo). Short words and abbreviations must match exactly: "BGS" is
one letter away from many unrelated things.

A message may name several programmes ("Aufstiegsstipendium oder Weiterbildungsstipendium?") or
a word that two programmes share ("Stipendium", "Bildungsurlaub"): ``mentions`` returns all of
them, ``match_programme`` the single best one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from bot.funding.model import ProgrammeData
from bot.nlp.signs import spell_out_signs
from bot.search.text import fold

#: Words of at least this many letters may contain one typo; from ``_TWO_TYPOS`` letters on, two.
_ONE_TYPO = 6
_TWO_TYPOS = 12
#: A state named in the message ("Bildungsurlaub in Hessen") outranks the citizen's own state.
_STATE_WORDS = {"hessen": "HE", "hesse": "HE", "hessischer": "HE", "hessische": "HE", "nrw": "NW", "westfalen": "NW"}


def english_glosses(programme: ProgrammeData) -> tuple[str, ...]:
    """The English glosses of a programme's English name, as names people use ("recognition grant").

    "Weiterbildungsgeld und Weiterbildungsprämie (training allowance and training bonus)" gives both
    glosses; parts of one or two words that are no gloss ("NRW", "old", "§ 82 SGB III") are left out.
    """
    english = programme.english.get(programme.name, "")
    inner = re.search(r"\(([^()]*)\)", english)
    if not inner:
        return ()
    parts = re.split(r",|;| and ", inner.group(1))
    return tuple(p.strip() for p in parts if len(p.split()) >= 2 and not re.search(r"[§\d]", p))


@dataclass(frozen=True)
class Mention:
    """A programme named in a message: which words (``start``..``end``) and how well."""

    slug: str
    alias: str
    start: int
    end: int
    exact: bool
    length: int
    in_state: bool
    order: int

    @property
    def rank(self) -> tuple[int, int, int, int]:
        """Exact matches beat typo matches, longer names shorter ones, the citizen's state others."""
        return (int(self.exact), self.length, int(self.in_state), -self.order)


def fold_name(text: str) -> str:
    """A name or message as the matcher compares it ("§ 82 SGB III" -> "paragraf82 sgb iii")."""
    return fold(spell_out_signs(text))


def _tolerance(word: str) -> int:
    """Typos forgiven in ``word``; none where it holds a number ("paragraf81" is not "paragraf82")."""
    length = len(word)
    if any(c.isdigit() for c in word):
        return 0
    if length >= _TWO_TYPOS:
        return 2
    return 1 if length >= _ONE_TYPO else 0


@dataclass(frozen=True)
class _Name:
    """One name or alias of a programme, folded, with the typos each of its words may contain."""

    order: int
    slug: str
    alias: str
    states: tuple[str, ...]
    words: tuple[str, ...]
    joined: str
    #: Typos forgiven when the name is compared written together: those of its shortest word.
    joined_limit: int


class _Index:
    """All names of a catalogue, compared with a message in one rapidfuzz ``cdist`` call per kind.

    A name matches (1) its words in a row, each within its own typo limit, or (2) written together
    or apart: the name without spaces against 1..n+1 message words without spaces, within the limit
    of its shortest word. Both as matrices, so a message costs a fraction of a millisecond.
    """

    def __init__(self, programmes: tuple[ProgrammeData, ...]) -> None:
        self.names: list[_Name] = []
        for order, programme in enumerate(programmes):
            names = (programme.name, *programme.aliases, *english_glosses(programme), programme.slug.replace("_", " "))
            for name in dict.fromkeys(names):
                term = tuple(fold_name(name).split())
                if term:
                    self.names.append(
                        _Name(order, programme.slug, name, programme.states, term, "".join(term),
                              min(_tolerance(w) for w in term))
                    )  # fmt: skip
        self.joined = [n.joined for n in self.names]
        self.limits = np.array([n.joined_limit for n in self.names])
        self.widest = np.array([len(n.words) + 1 for n in self.names])
        self.vocabulary = sorted({w for n in self.names for w in n.words})
        position = {w: i for i, w in enumerate(self.vocabulary)}
        self.word_limits = np.array([_tolerance(w) for w in self.vocabulary])
        self.by_length: dict[int, list[int]] = {}
        for i, n in enumerate(self.names):
            self.by_length.setdefault(len(n.words), []).append(i)
        self.word_index = [[position[w] for w in n.words] for n in self.names]

    def spans(self, words: list[str]) -> dict[int, tuple[int, int, bool]]:
        """Name index -> (start, end, exact) of its best place in ``words``: exact first, then earliest."""
        found: dict[int, tuple[int, int, bool]] = {}

        def keep(i: int, span: tuple[int, int, bool]) -> None:
            old = found.get(i)
            if old is None or (span[2], -span[0]) > (old[2], -old[0]):
                found[i] = span

        windows = [(s, k) for k in range(1, int(self.widest.max()) + 1) for s in range(len(words) - k + 1)]
        texts = ["".join(words[s : s + k]) for s, k in windows]
        distance = cdist(texts, self.joined, scorer=OSA.distance, score_cutoff=_MAX_TYPOS, dtype=np.int32)
        sizes = np.array([k for _, k in windows])
        hits = (distance <= self.limits[None, :]) & (sizes[:, None] <= self.widest[None, :])
        for row, col in zip(*np.nonzero(hits), strict=True):
            s, k = windows[row]
            keep(int(col), (s, s + k, bool(distance[row, col] == 0)))
        per_word = cdist(words, self.vocabulary, scorer=OSA.distance, score_cutoff=_MAX_TYPOS, dtype=np.int32)
        close = per_word <= self.word_limits[None, :]
        for n, members in self.by_length.items():
            for s in range(len(words) - n + 1):
                for i in members:
                    if all(close[s + j, w] for j, w in enumerate(self.word_index[i])):
                        exact = all(per_word[s + j, w] == 0 for j, w in enumerate(self.word_index[i]))
                        keep(i, (s, s + n, exact))
        return found


_MAX_TYPOS = 2


@lru_cache(maxsize=4)
def _index(programmes: tuple[ProgrammeData, ...]) -> _Index:
    return _Index(programmes)


def _best_per_programme(programmes: Iterable[ProgrammeData], words: list[str], state: str | None) -> list[Mention]:
    index = _index(tuple(programmes))
    best: dict[str, Mention] = {}
    for i, (start, end, exact) in index.spans(words).items():
        name = index.names[i]
        mention = Mention(
            slug=name.slug, alias=name.alias, start=start, end=end, exact=exact, length=len(name.joined),
            in_state=bool(state) and state in name.states, order=name.order,
        )  # fmt: skip
        if name.slug not in best or mention.rank > best[name.slug].rank:
            best[name.slug] = mention
    return list(best.values())


def mentions(programmes: Iterable[ProgrammeData], text: str, state: str | None = None) -> list[Mention]:
    """Every programme ``text`` names, best first.

    A mention inside a longer one ("Bildungsscheck" in "alter Bildungsscheck") is dropped, and so
    is a typo match where an exact one covers the same words. Programmes that share the words of
    the best mention with the same rank except catalogue order ("Stipendium": both stipends) all
    stay: the caller decides whether to ask which one is meant. A state named in the message or
    the citizen's ``state`` breaks ties between state programmes of the same name.
    """
    words = fold_name(text).split()
    if not words:
        return []
    state = next((_STATE_WORDS[w] for w in words if w in _STATE_WORDS), state)
    found = sorted(_best_per_programme(programmes, words, state), key=lambda m: m.rank, reverse=True)
    kept: list[Mention] = []
    for mention in found:
        overlapping = [k for k in kept if mention.start < k.end and k.start < mention.end]
        if any(k.rank[:3] > mention.rank[:3] for k in overlapping):
            continue
        kept.append(mention)
    return kept


def match_programme(programmes: Iterable[ProgrammeData], text: str, state: str | None = None) -> str | None:
    """Slug of the programme ``text`` names best, or None.

    Exact matches beat typo matches, longer names beat shorter ones ("alter Bildungsscheck"
    beats "Bildungsscheck"), and among equals a programme of the citizen's ``state`` wins
    ("Bildungsurlaub" from Hessen means the Hessian one) unless the message names a state
    itself. Remaining ties go to the programme listed first in the catalogue.
    """
    found = mentions(programmes, text, state)
    return found[0].slug if found else None
