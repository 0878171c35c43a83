"""Query understanding: from what a citizen typed to the terms and topics a course is found by.

Each meaningful word becomes a ``TermGroup`` of alternatives: the folded word, its lemma, its
stem, word-level synonyms, typo corrections against the known vocabulary and the known words
inside a compound. A course matches a group when its folded search text contains any
alternative; words and phrases that name a topic (directly or through ``Topic.synonyms``)
select that topic, which ranks first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.search.lemma import lemma, stem
from bot.search.synonyms import STOPWORDS, WORD_SYNONYMS
from bot.search.text import fold
from bot.search.vocabulary import Vocabulary

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: Compounds shorter than this are not split: the pieces would be too short to mean anything.
_MIN_COMPOUND = 7


@dataclass(frozen=True)
class TermGroup:
    """One word of the query and everything that counts as a match for it."""

    word: str
    alternatives: frozenset[str]


@dataclass
class Understanding:
    groups: list[TermGroup] = field(default_factory=list)
    #: Topics the query names exactly (by name, slug or synonym, also after typo correction).
    topic_ids: set[int] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.topic_ids


def _variants(word: str, vocab: Vocabulary | None) -> set[str]:
    """Folded spellings of one typed word that may appear in a course's search text."""
    folded = fold(word)
    variants = {folded}
    base = lemma(word)
    if base:
        variants.add(base)
    variants.add(stem(folded))
    if vocab is not None:
        if not any(vocab.is_known(v) for v in variants):
            for v in list(variants):
                variants.update(vocab.typos.closest(v))
        if len(folded) >= _MIN_COMPOUND:
            for v in list(variants):
                variants |= vocab.compound_parts(v)
    for v in list(variants):
        variants.update(WORD_SYNONYMS.get(v, ()))
    return {v for v in variants if v}


def understand(text: str, vocab: Vocabulary | None = None) -> Understanding:
    """Split ``text`` into term groups and the topics it names; stopwords are dropped."""
    result = Understanding()
    folded_text = f" {fold(text)} "
    if vocab is not None:
        # A topic's full display name ("Soziale Arbeit und Sozialpädagogik", as the bot offers it on
        # a button) means that topic; its words are not separate wishes ("arbeit" is in everything).
        named = {t for t, name in vocab.topic_names.items() if " " in fold(name) and f" {fold(name)} " == folded_text}
        if named:
            result.topic_ids = named
            return result
        # Multi-word topic synonyms ("erste hilfe", "deutsch als fremdsprache") first.
        for term, ids in vocab.topic_terms.items():
            if " " in term and f" {term} " in folded_text:
                result.topic_ids |= ids
    seen: set[str] = set()
    for word in _WORD.findall(text):
        folded = fold(word)
        if not folded or folded in STOPWORDS or folded in seen:
            continue
        seen.add(folded)
        alternatives = _variants(word, vocab)
        if vocab is not None:
            for alt in alternatives:
                result.topic_ids |= vocab.topic_terms.get(alt, set())
        result.groups.append(TermGroup(folded, frozenset(alternatives)))
    return result


def expand_terms(text: str, vocab: Vocabulary | None = None) -> set[str]:
    """Every folded term a course may match for ``text`` ("EDV-Kurse" -> {"edv", "it", "computer", ...}).

    Without a vocabulary only folding, lemmas, stems and the word-level synonyms apply; with one
    (``get_vocabulary(session)``) typo correction and compound splitting do as well.
    """
    return {alt for group in understand(text, vocab).groups for alt in group.alternatives}
