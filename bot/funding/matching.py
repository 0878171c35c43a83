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

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.funding.model import ProgrammeData
from bot.nlp.signs import spell_out_signs
from bot.search.text import fold

#: Words of at least this many letters may contain one typo; from ``_TWO_TYPOS`` letters on, two.
_ONE_TYPO = 6
_TWO_TYPOS = 12
#: A state named in the message ("Bildungsurlaub in Hessen") outranks the citizen's own state.
_STATE_WORDS = {"hessen": "HE", "hessischer": "HE", "hessische": "HE", "nrw": "NW", "westfalen": "NW"}


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


def _within(a: str, b: str, limit: int) -> bool:
    if limit == 0:
        return a == b
    return OSA.distance(a, b, score_cutoff=limit) <= limit


def _span(term: list[str], words: list[str]) -> tuple[int, int, bool] | None:
    """(start, end, exact) of the first place ``term`` matches the folded message, or None."""
    n = len(term)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == term:
            return i, i + n, True
    # Word by word, each word with its own typo tolerance.
    for i in range(len(words) - n + 1):
        if all(_within(t, w, _tolerance(t)) for t, w in zip(term, words[i : i + n], strict=True)):
            return i, i + n, False
    # Compounds written together or apart: compare without spaces over windows of 1..n+1 words.
    joined = "".join(term)
    limit = min(_tolerance(t) for t in term)
    for size in range(1, n + 2):
        for i in range(len(words) - size + 1):
            window = "".join(words[i : i + size])
            if window == joined:
                return i, i + size, True
            if limit and _within(joined, window, limit):
                return i, i + size, False
    return None


def _best_per_programme(programmes: Iterable[ProgrammeData], words: list[str], state: str | None) -> list[Mention]:
    found: list[Mention] = []
    for order, programme in enumerate(programmes):
        best: Mention | None = None
        for name in (programme.name, *programme.aliases, programme.slug.replace("_", " ")):
            term = fold_name(name).split()
            span = _span(term, words) if term else None
            if span is None:
                continue
            mention = Mention(
                slug=programme.slug, alias=name, start=span[0], end=span[1], exact=span[2],
                length=len("".join(term)), in_state=bool(state) and state in programme.states, order=order,
            )  # fmt: skip
            if best is None or mention.rank > best.rank:
                best = mention
        if best is not None:
            found.append(best)
    return found


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
