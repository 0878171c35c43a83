"""German words as the knowledge base compares them.

A question and a fact rarely use the same word form: "Kinderbetreuungskosten" vs. "Kosten für die
Kinderbetreuung", "gültig" vs. "gilt", "Bildungsgutscheine" vs. "Bildungsgutschein", typed without
umlauts or with a typo. Every text passes through the same steps:

1. signs spelled out (``bot.nlp.signs``: "§ 82" -> "paragraf82", "€" -> "euro"),
2. words split off and reduced to a base form: the spaCy lookup lemma where it knows the word
   (``bot.search.lemma``, read as typed, umlauts intact), else a conservative suffix rule, folded,
3. stop words dropped (``kb.yaml``),
4. compounds split into parts the index knows ("kinderbetreuungskosten" -> "kinderbetreuung",
   "kosten"; "kinderbetreuung" -> "kind", "betreuung"), the whole word kept as well,
5. on the question side only: unknown words corrected to the nearest word the passages use (one
   typo, two from eight letters), and synonyms from ``kb.yaml`` attached with a lower weight.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from bot.nlp.signs import spell_out_signs
from bot.search.fuzzy import TypoIndex
from bot.search.lemma import _table, lemma, stem
from bot.search.text import fold

DATA = Path(__file__).with_name("kb.yaml")
_WORD = re.compile(r"[a-zäöüß0-9]+")
#: Shortest compound part; linking elements between parts ("Betreuung-s-kosten", "Kind-er-geld").
MIN_PART = 4
LINKS = ("", "s", "es", "n", "en", "er", "e")


@lru_cache(maxsize=1)
def settings() -> dict:
    """``kb.yaml``: stop words, synonyms, question frames, FAQ programmes (read once)."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    listed = settings()["stopwords"]
    return frozenset(fold(listed if isinstance(listed, str) else " ".join(listed)).split())


def _lemma(word: str) -> str | None:
    found = lemma(word)
    if found and " " not in found and found[:2] == fold(word)[:2]:
        return found
    return None


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """German base forms (spaCy's lookup lemmas, folded): words known as a whole, pieces of compounds."""
    return frozenset(fold(v) for v in set(_table().values()) if len(v) >= MIN_PART and " " not in v)


#: Shortest head a compound is inflected by ("kosten" in "kinderbetreuungskosten").
MIN_HEAD = 5


@lru_cache(maxsize=8192)
def base_form(word: str) -> str:
    """Folded base form of one lower-cased word as typed ("übernommen" -> "uebernehmen").

    The lookup table lists only forms that differ from their lemma; a word that is a lemma itself
    ("kosten") stays. A compound the table does not know is inflected at its head, as German
    does: "kinderbetreuungskosten" keeps "kosten", "restdarlehens" becomes "restdarlehen".
    """
    found = _lemma(word)
    if found:
        return found
    folded = fold(word)
    if folded in lexicon():
        return folded
    for cut in range(1, len(word) - MIN_HEAD + 1):
        tail = word[cut:]
        head = _lemma(tail)
        if head:
            return fold(word[:cut]) + head
        if fold(tail) in lexicon():
            return folded
    return stem(folded)


def words(text: str) -> list[str]:
    """Folded words of ``text`` after the signs are spelled out, in order, stop words included."""
    text = unicodedata.normalize("NFKC", spell_out_signs(text)).lower()
    return [fold(w) for w in _WORD.findall(text) if fold(w)]


def forms(text: str) -> list[tuple[str, str]]:
    """(folded word, base form) of each content word of ``text`` (no stop words), in order."""
    text = unicodedata.normalize("NFKC", spell_out_signs(text)).lower()
    stop = stopwords()
    out: list[tuple[str, str]] = []
    for raw in _WORD.findall(text):
        folded = fold(raw)
        if not folded or folded in stop:
            continue
        form = base_form(raw)
        if form and form not in stop:
            out.append((folded, form))
    return out


def base_forms(text: str) -> list[str]:
    """Base forms of the content words of ``text`` (no stop words), in order."""
    return [form for _, form in forms(text)]


def split_compound(word: str, known: frozenset[str] | set[str], depth: int = 2) -> list[str]:
    """Known parts of ``word`` (first part known, the rest known or splittable again); [] if none."""
    if depth == 0 or len(word) < 2 * MIN_PART:
        return []
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head not in known:
            continue
        for link in LINKS:
            if not rest.startswith(link) or len(rest) - len(link) < MIN_PART:
                continue
            tail = rest[len(link) :]
            tail_form = tail if tail in known else stem(tail)
            if tail_form in known:
                return [head, tail_form]
            deeper = split_compound(tail, known, depth - 1)
            if deeper:
                return [head, *deeper]
    return []


class QuestionReader:
    """Reads a question against the vocabulary of the passages: typos corrected, synonyms attached."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = frozenset(vocabulary)
        self._typos = TypoIndex(self.vocabulary)
        synonyms = settings().get("synonyms") or {}
        self._synonyms: dict[str, tuple[str, ...]] = {}
        for word, values in synonyms.items():
            for form in base_forms(str(word))[:1]:
                self._synonyms[form] = tuple(f for v in values for f in base_forms(str(v)))

    def known(self, form: str) -> str:
        """``form`` itself when the passages use it, else the nearest word they use, else ``form``."""
        if form in self.vocabulary or form in self._synonyms or form in lexicon():
            return form  # a word German knows ("leute") is no typo of one the passages use ("heute")
        near = self._typos.closest(form)
        return near[0] if near else form

    def groups(self, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """(word as typed and folded, word as the index knows it, its synonyms) per content word, once each."""
        seen: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        for surface, form in forms(text):
            word = self.known(form)
            if word not in seen:
                synonyms = self._synonyms.get(form, ()) or self._synonyms.get(word, ())
                seen[word] = (surface, word, tuple(self.known(s) for s in synonyms if s != word))
        return list(seen.values())
