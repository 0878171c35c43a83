"""Recognise which programme a citizen means, however they spell it.

People write "meister bafög", "Bildungsgutshein", "aufstiegsbafoeg" or "BGS". We fold case and
umlauts, compare names and aliases word by word, join compounds ("Aufstiegs-BAföG" vs.
"aufstiegsbafoeg") and forgive a typo or two in long words. Short words and abbreviations
must match exactly: "BGS" is one letter away from many unrelated things.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.funding.model import ProgrammeData
from bot.search.text import fold

#: Words of at least this many letters may contain one typo; from ``_TWO_TYPOS`` letters on, two.
_ONE_TYPO = 6
_TWO_TYPOS = 12
#: A state named in the message ("Bildungsurlaub in Hessen") outranks the citizen's own state.
_STATE_WORDS = {"hessen": "HE", "hessischer": "HE", "hessische": "HE", "nrw": "NW", "westfalen": "NW"}


def _tolerance(length: int) -> int:
    if length >= _TWO_TYPOS:
        return 2
    return 1 if length >= _ONE_TYPO else 0


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` is at most ``limit`` (banded, stops early)."""
    if abs(len(a) - len(b)) > limit:
        return False
    if limit == 0:
        return a == b
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _term_matches(term: list[str], words: list[str]) -> tuple[bool, bool]:
    """(matches at all, matches exactly) for one folded name against the folded message."""
    n = len(term)
    exact = any(words[i : i + n] == term for i in range(len(words) - n + 1))
    if exact:
        return True, True
    # Word by word, each word with its own typo tolerance.
    for i in range(len(words) - n + 1):
        if all(_within(t, w, _tolerance(len(t))) for t, w in zip(term, words[i : i + n], strict=True)):
            return True, False
    # Compounds written together or apart: compare without spaces over windows of 1..n+1 words.
    joined = "".join(term)
    limit = _tolerance(min(len(t) for t in term)) if n > 1 else _tolerance(len(joined))
    limit = min(limit, _tolerance(len(joined)))
    for size in range(1, n + 2):
        for i in range(len(words) - size + 1):
            window = "".join(words[i : i + size])
            if window == joined:
                return True, True
            if limit and _within(joined, window, limit):
                return True, False
    return False, False


def match_programme(programmes: Iterable[ProgrammeData], text: str, state: str | None = None) -> str | None:
    """Slug of the programme ``text`` names, or None.

    Exact matches beat typo matches, longer names beat shorter ones ("alter Bildungsscheck"
    beats "Bildungsscheck"), and among equals a programme of the citizen's ``state`` wins
    ("Bildungsurlaub" from Hessen means the Hessian one) unless the message names a state
    itself. Remaining ties go to the programme listed first in the catalogue.
    """
    words = fold(text).split()
    if not words:
        return None
    state = next((_STATE_WORDS[w] for w in words if w in _STATE_WORDS), state)
    best: tuple[int, int, int, int] | None = None
    best_slug: str | None = None
    for order, programme in enumerate(programmes):
        for name in (programme.name, *programme.aliases, programme.slug.replace("_", " ")):
            term = fold(name).split()
            if not term:
                continue
            found, exact = _term_matches(term, words)
            if not found:
                continue
            in_state = int(bool(state) and state in programme.states)
            score = (int(exact), len("".join(term)), in_state, -order)
            if best is None or score > best:
                best, best_slug = score, programme.slug
    return best_slug
