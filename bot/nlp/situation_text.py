"""Text preparation for reading a person's situation: folding with origins, numbers, typos.

The situation rules (``bot.nlp.situation``) are written once, in one spelling: lower case, umlauts
as plain vowels ("Bürgergeld", "Buergergeld" and "Burgergeld" all read "burgergeld"), sentence
punctuation as a boundary mark "|" (so "bin 52, seit 25 Jahren" keeps the age apart from the years),
"35.000 €" as "35000 euro". The folding keeps, per character, where it came from (``Folded``), so
the NLU component can point each entity at the words the citizen typed.

Numbers come as digits or words ("zweiundfünfzig", "acht", "einem Jahr"); ``number`` reads both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.nlp.timewindow_text import Folded, strip_umlauts_tracked, sub_tracked
from bot.search.fuzzy import TypoIndex

#: The boundary mark that stands for sentence punctuation in the folded text.
BOUNDARY = "|"

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "A", "Ö": "O", "Ü": "U"})
_DIGRAPHS = re.compile(r"ae|oe|ue")


def spelled(pattern: str) -> str:
    """A rule written with umlauts ("Bürgergeld|selbstständig") in the folded spelling ("burgergeld|…").

    Only letters change, so regular-expression syntax written in lower case is left intact.
    """
    return _DIGRAPHS.sub(lambda m: m[0][0], pattern.translate(_UMLAUTS))


_PIPE = re.compile(r"\|")
_THOUSANDS = re.compile(r"(?<=\d)[.'’](?=\d{3}(?!\d))")
_SIGNS = re.compile(r"€|%")
_ABBREVIATION = re.compile(r"\b(ca|zb|z|b|bzw|evtl|ggf|mind|max|ungef|etc|usw|u|a|nr|std|mio|tsd|mtl|jhr|jhrl)\.")
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]\n]+")
_OTHER = re.compile(r"[^a-z0-9| ]+")
_SPACES = re.compile(r"\s+")


def prepare(text: str) -> Folded:
    """The text in the rules' spelling, with origins (see the module docstring)."""
    folded = sub_tracked(strip_umlauts_tracked(text), _PIPE, " ")
    folded = sub_tracked(folded, _THOUSANDS, "")
    folded = sub_tracked(folded, _SIGNS, lambda m: " euro " if m[0] == "€" else " prozent ")
    folded = sub_tracked(folded, _ABBREVIATION, r"\1 ")
    folded = sub_tracked(folded, _PUNCTUATION, f" {BOUNDARY} ")
    folded = sub_tracked(folded, _OTHER, " ")
    folded = sub_tracked(folded, _SPACES, " ")
    start = len(folded.text) - len(folded.text.lstrip())
    end = len(folded.text.rstrip())
    return Folded(folded.text[start:end], folded.origins[start:end])


# --- numbers -------------------------------------------------------------------------------------

_ONES = {"ein": 1, "eins": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "zwei": 2, "zwo": 2, "drei": 3,
         "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}  # fmt: skip
_TEENS = {"zehn": 10, "elf": 11, "zwolf": 12, "dreizehn": 13, "vierzehn": 14, "funfzehn": 15, "sechzehn": 16,
          "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}  # fmt: skip
_TENS = {"zwanzig": 20, "dreissig": 30, "dreizig": 30, "vierzig": 40, "funfzig": 50, "sechzig": 60,
         "siebzig": 70, "achtzig": 80, "neunzig": 90}  # fmt: skip
_UNIT_STEMS = "ein|zwei|drei|vier|funf|sechs|sieben|acht|neun"
_ONES_RE = "|".join(sorted(_ONES, key=len, reverse=True))
_TEENS_RE = "|".join(_TEENS)
_TENS_RE = "|".join(_TENS)
_BELOW_100 = rf"(?:(?:{_UNIT_STEMS})und)?(?:{_TENS_RE})|{_TEENS_RE}|{_ONES_RE}"
_WORD_NUMBER = rf"(?:(?:{_UNIT_STEMS})?hundert(?:und)?(?:{_BELOW_100})?|{_BELOW_100})"
#: A number in the folded text, as digits or as one German number word (up to 999).
NUMBER = rf"(?:\d{{1,7}}|{_WORD_NUMBER})"
_WORD_NUMBER_FULL = re.compile(
    rf"^(?:(?P<hundreds>{_UNIT_STEMS})?(?P<hundred>hundert)(?:und)?)?"
    rf"(?:(?:(?P<unit>{_UNIT_STEMS})und)?(?P<tens>{_TENS_RE})|(?P<teen>{_TEENS_RE})|(?P<one>{_ONES_RE}))?$"
)


def number(word: str) -> int | None:
    """The value of digits or a German number word in the folded spelling ("zweiundfunfzig" -> 52)."""
    if word.isdigit():
        return int(word)
    match = _WORD_NUMBER_FULL.match(word)
    if not word or not match:
        return None
    value = (_ONES[match["hundreds"]] if match["hundreds"] else 1) * 100 if match["hundred"] else 0
    if match["tens"]:
        value += _TENS[match["tens"]] + (_ONES[match["unit"]] if match["unit"] else 0)
    elif match["teen"]:
        value += _TEENS[match["teen"]]
    elif match["one"]:
        value += _ONES[match["one"]]
    return value or None


# --- typos ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]{6,}")


class Corrector:
    """Spells a word one or two typos away from a keyword of the rules as that keyword.

    Only words of six letters or more that are not keywords themselves, and only when exactly one
    keyword is nearest: "arbietslos" -> "arbeitslos", "selbstandig" stays for the rules to match.
    """

    def __init__(self, keywords: Iterable[str], leave: Iterable[str] = ()) -> None:
        self._known = frozenset(keywords)
        self._leave = frozenset(leave)
        self._index = TypoIndex(self._known)

    def _word(self, word: str) -> str:
        if word in self._known or word in self._leave:
            return word
        best = self._index.closest(word)
        return best[0] if len(best) == 1 else word

    def __call__(self, folded: Folded) -> Folded:
        return sub_tracked(folded, _WORD, lambda m: self._word(m[0]))
