"""Typo tolerance against a known vocabulary ("exel" -> "excel", "buchaltung" -> "buchhaltung").

A symmetric-delete index (the idea behind SymSpell): every known word is stored under itself and
under each form with one letter deleted. A typed word finds its candidates by looking up itself
and its own deletions, so a lookup costs a few dozen dictionary probes instead of an edit-distance
computation against thousands of words; only the handful of candidates are then verified.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

#: Words shorter than this are never corrected: "it" or "b1" are one typo away from too much.
MIN_TYPO_LENGTH = 4


def deletions(word: str) -> set[str]:
    """All forms of ``word`` with exactly one character removed."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def max_distance(word: str) -> int:
    """How many typos we forgive: one in short words, two from eight letters on."""
    return 2 if len(word) >= 8 else 1


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class TypoIndex:
    """Finds the known words closest to a typed one."""

    def __init__(self, words: Iterable[str]) -> None:
        self._index: dict[str, set[str]] = defaultdict(set)
        for word in words:
            if len(word) >= MIN_TYPO_LENGTH:
                self._index[word].add(word)
                for variant in deletions(word):
                    self._index[variant].add(word)

    def closest(self, word: str) -> list[str]:
        """Known words within the forgiven distance of ``word``, nearest first; [] if none."""
        if len(word) < MIN_TYPO_LENGTH:
            return []
        limit = max_distance(word)
        probes = {word} | deletions(word)
        if limit >= 2:
            probes |= {d2 for d1 in deletions(word) for d2 in deletions(d1)}
        candidates: set[str] = set()
        for probe in probes:
            candidates |= self._index.get(probe, set())
        scored = sorted((osa_distance(word, c, limit), c) for c in candidates)
        scored = [(d, c) for d, c in scored if d <= limit]
        if not scored:
            return []
        best = scored[0][0]
        return [c for d, c in scored if d == best]
