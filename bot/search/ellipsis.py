"""Compounds German writes with a hyphen for the part they share: "Lohn- und Gehaltsabrechnung".

"Lohn- und Gehaltsabrechnung" is "Lohnabrechnung und Gehaltsabrechnung", "Kranken- und Altenpflege"
is "Krankenpflege und Altenpflege". Course titles write them so all the time; without the whole
word a search for "Lohnabrechnung" finds the course only by its description, if at all. Here the
left parts get the shared head of the last word: its longest tail that is a word of its own in the
catalogue ("abrechnung", "pflege").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bot.search.text import fold

#: "Lohn-, Gehalts- und Personalabrechnung": one or more left parts ending in "-", then the last word.
_SERIES = re.compile(r"((?:\b\w{2,}-\s*(?:,|und\b|oder\b|bzw\.?|sowie\b|&|/)\s*)+)(\w{4,})")
_LEFT = re.compile(r"(\w{2,})-")
#: The shortest head a left part is completed with ("pflege", "kurs").
MIN_HEAD = 4


def elided_compounds(raw: str, is_word: Callable[[str], bool]) -> Iterator[str]:
    """The folded whole words the hyphenated left parts of ``raw`` stand for.

    ``is_word`` tells whether a folded tail of the last word is a word of its own (then it is the
    shared head); a last word without such a tail completes nothing.
    """
    if "-" not in raw:
        return
    for series, last in _SERIES.findall(raw):
        folded_last = fold(last)
        head = next(
            (folded_last[i:] for i in range(1, len(folded_last) - MIN_HEAD + 1) if is_word(folded_last[i:])), None
        )
        if head is None:
            continue
        for left in _LEFT.findall(series):
            yield fold(left) + head
