"""Query understanding: from what a citizen typed to the terms and topics a course is found by.

Each meaningful word becomes a ``TermGroup`` of alternatives: the folded word, its lemma, its
stem, word-level synonyms, typo corrections against the known vocabulary and the known words
inside a compound. A compound is split only when the offer does not know it as a whole and known
pieces make up all of it: "Altenpflegehelferin" finds Pflege courses, "Drohnenführerschein" does
not find the Computerführerschein (nobody offers "Drohnen" — until a course with that word is
imported, then the word is known as a whole). A course matches a group when its folded search text contains any
alternative; words and phrases that name a topic (directly or through ``Topic.synonyms``)
select that topic, which ranks first. A group also knows the topics its own word names, so that
the snapshot can require every word (``bot.search.snapshot``): "34a Sachkundeprüfung" is a
Sicherheit course that also says "Prüfung", not any course with an exam.

A message in English ("I am looking for a German course") is recognised by its function words;
then English filler is dropped and a few English words stand for the German ones of the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.search.lemma import lemma, stem
from bot.search.synonyms import ENGLISH_MIN_SIGNALS, ENGLISH_STOPWORDS, ENGLISH_WORDS, STOPWORDS, WORD_SYNONYMS
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
    #: The word as the citizen typed it, for answers ("Zu „Tiefseetauchen“ habe ich nichts gefunden").
    typed: str = ""
    #: Topics this word names (alone or as part of a phrase such as "Erste Hilfe").
    topic_ids: frozenset[int] = frozenset()


@dataclass
class Understanding:
    groups: list[TermGroup] = field(default_factory=list)
    #: Topics the query names exactly (by name, slug or synonym, also after typo correction).
    topic_ids: set[int] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.topic_ids


def is_english(words: list[str]) -> bool:
    """True when the folded ``words`` read as English: enough English words, more than German function words."""
    english = sum(1 for w in words if (w in ENGLISH_STOPWORDS or w in ENGLISH_WORDS) and w not in STOPWORDS)
    german = sum(1 for w in words if w in STOPWORDS and w not in ENGLISH_STOPWORDS)
    if len(words) == 1:  # a topic slot of one English topic word ("nursing", "welding"); not "IT"
        return words[0] in ENGLISH_WORDS
    return english >= ENGLISH_MIN_SIGNALS and english > german


def _variants(word: str, vocab: Vocabulary | None, english: bool = False) -> set[str]:
    """Folded spellings of one typed word that may appear in a course's search text."""
    folded = fold(word)
    variants = {folded, *ENGLISH_WORDS.get(folded, ())} if english else {folded}
    base = lemma(word)
    if base:
        variants.add(base)
    variants.add(stem(folded))
    if vocab is not None:
        if not english and folded in ENGLISH_WORDS and not vocab.is_known(folded):
            # an English course word in a German or mixed wish ("project management", "welding Moers")
            variants.update(ENGLISH_WORDS[folded])
        if not any(vocab.is_known(v) for v in variants):
            for v in list(variants):
                variants.update(vocab.typos.closest(v))
        known_whole = any(vocab.is_known(v) for v in variants)
        if len(folded) >= _MIN_COMPOUND and not known_whole and vocab.is_compound(folded):
            for v in list(variants):
                variants |= vocab.compound_parts(v)
    for v in list(variants):
        variants.update(WORD_SYNONYMS.get(v, ()))
    return {v for v in variants if v}


#: Endings that make a word a course of something ("Pflegekurs", "Excel-Schulung", "SAP-Lehrgang").
_COURSE_ENDINGS = ("kurse", "kurs", "lehrgaenge", "lehrgang", "schulungen", "schulung", "seminare", "seminar")
_MIN_HEAD_LENGTH = 3


def course_head(folded: str, vocab: Vocabulary | None) -> str:
    """"pflegekurs" -> "pflege" when the catalogue knows "pflege"; other words as they are."""
    for ending in _COURSE_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_HEAD_LENGTH:
            head = folded[: -len(ending)].rstrip("-")
            if vocab is not None and (vocab.is_known(head) or head in vocab.topic_terms):
                return head
    return folded


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
    # Multi-word topic synonyms ("erste hilfe", "deutsch als fremdsprache"): the topic, and each of
    # their words counts as naming it.
    phrase_topics: dict[str, set[int]] = {}
    for term, ids in (vocab.topic_terms.items() if vocab is not None else ()):
        if " " in term and f" {term} " in folded_text:
            result.topic_ids |= ids
            for word in term.split():
                phrase_topics.setdefault(word, set()).update(ids)
    words = _WORD.findall(text)
    english = is_english([fold(w) for w in words])
    ignored = STOPWORDS | ENGLISH_STOPWORDS if english else STOPWORDS
    seen: set[str] = set()
    for word in words:
        typed, folded = word, fold(word)
        if not folded or folded in ignored or folded in seen:
            continue
        seen.add(folded)
        head = course_head(folded, vocab)
        if head != folded:  # "Pflegekurs" asks for Pflege, as "Pflege Kurs" does
            word, folded = head, head
        alternatives = _variants(word, vocab, english)
        topics = set(phrase_topics.get(folded, set()))
        if vocab is not None:
            for alt in alternatives:
                topics |= vocab.topic_terms.get(alt, set())
        result.topic_ids |= topics
        result.groups.append(TermGroup(folded, frozenset(alternatives), typed, frozenset(topics)))
    return result


def expand_terms(text: str, vocab: Vocabulary | None = None) -> set[str]:
    """Every folded term a course may match for ``text`` ("EDV-Kurse" -> {"edv", "it", "computer", ...}).

    Without a vocabulary only folding, lemmas, stems and the word-level synonyms apply; with one
    (``get_vocabulary(session)``) typo correction and compound splitting do as well.
    """
    return {alt for group in understand(text, vocab).groups for alt in group.alternatives}
