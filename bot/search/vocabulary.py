"""What the offer database talks about: the words query understanding can rely on.

Built once per process and database from topic names and synonyms, course keywords and title
words, plus the word-level synonyms in ``bot.search.synonyms``. Rebuilding reads every course
title, so it is cached per database and rebuilt when the data changes (``bot.search.cache``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Text, cast, distinct, select
from sqlalchemy.orm import Session

from bot.db.models import Course, Topic
from bot.search.cache import PerDatabase
from bot.search.fuzzy import TypoIndex
from bot.search.synonyms import STOPWORDS, WORD_SYNONYMS
from bot.search.text import fold

#: Shortest piece a compound is split into ("Altenpflegehelferin" -> "pflege", "helferin").
MIN_PART_LENGTH = 4
#: Longest linking element between the pieces of a compound ("Buchhaltung-s-kurs", "Tiere-n-pflege").
MAX_LINK = 2
#: Words that say "course" and so may end a compound ("Excelkurs", "Schweißerlehrgang").
COURSE_WORDS = frozenset(
    {"kurs", "kurse", "lehrgang", "schulung", "seminar", "training", "weiterbildung", "fortbildung",
     "ausbildung", "umschulung", "qualifizierung", "unterricht"}
)


@dataclass
class Vocabulary:
    """Known words, the topics they name, and a typo index over them."""

    #: Folded words and phrases from topics, synonyms and keywords: the pieces compounds split into.
    concepts: set[str] = field(default_factory=set)
    #: Every known single word (concept words plus title words).
    words: set[str] = field(default_factory=set)
    #: Folded topic name, slug or synonym -> topic ids.
    topic_terms: dict[str, set[int]] = field(default_factory=dict)
    #: Topic id -> display name.
    topic_names: dict[int, str] = field(default_factory=dict)
    typos: TypoIndex = field(default_factory=lambda: TypoIndex(()))

    def is_known(self, word: str) -> bool:
        return word in self.words or word in self.concepts

    def compound_parts(self, word: str) -> set[str]:
        """Known concept words inside ``word`` ("altenpflegehelferin" -> {"altenpflege", "pflege", ...})."""
        parts: set[str] = set()
        n = len(word)
        for start in range(n - MIN_PART_LENGTH + 1):
            for end in range(start + MIN_PART_LENGTH, n + 1):
                piece = word[start:end]
                if piece != word and piece in self.concepts:
                    parts.add(piece)
        return parts


    def is_compound(self, word: str) -> bool:
        """True when known pieces (concepts, title words, course words like "kurs") cover all of ``word``.

        Pieces may overlap ("altenpflege" + "pflegehelferin"); gaps of up to ``MAX_LINK`` letters are
        linking elements ("buchhaltung-s-kurs"). An uncovered rest ("drohnen" in "drohnenfuehrerschein")
        means the word is about something the offer does not know.
        """
        n = len(word)
        covered = [False] * n
        for start in range(n - MIN_PART_LENGTH + 1):
            for end in range(start + MIN_PART_LENGTH, n + 1):
                piece = word[start:end]
                if piece != word and (piece in self.concepts or piece in self.words or piece in COURSE_WORDS):
                    covered[start:end] = [True] * (end - start)
        gap = 0
        for is_covered in covered:
            gap = 0 if is_covered else gap + 1
            if gap > MAX_LINK:
                return False
        return any(covered)


def build_vocabulary(session: Session) -> Vocabulary:
    """Read the vocabulary from the database (a few hundred ms at 50,000 courses)."""
    vocab = Vocabulary()
    topic_terms: dict[str, set[int]] = defaultdict(set)
    for topic_id, slug, name, synonyms in session.execute(
        select(Topic.id, Topic.slug, Topic.name, Topic.synonyms)
    ):
        vocab.topic_names[topic_id] = name
        for term in [name, slug.replace("-", " "), *(synonyms or [])]:
            folded = fold(str(term))
            if folded:
                topic_terms[folded].add(topic_id)
                vocab.concepts.add(folded)
                vocab.concepts.update(w for w in folded.split() if len(w) >= MIN_PART_LENGTH)
    vocab.topic_terms = dict(topic_terms)
    for raw in session.scalars(select(distinct(cast(Course.keywords, Text)))):
        # DISTINCT needs text on PostgreSQL (json has no equality); some drivers hand back the list.
        for keyword in json.loads(raw) if isinstance(raw, str) else (raw or []):
            folded = fold(str(keyword))
            if folded:
                vocab.concepts.add(folded)
                vocab.concepts.update(w for w in folded.split() if len(w) >= MIN_PART_LENGTH)
    for word, same in WORD_SYNONYMS.items():
        vocab.concepts.add(word)
        vocab.concepts.update(same)
    vocab.concepts -= STOPWORDS
    words = {w for c in vocab.concepts for w in c.split()}
    for title in session.scalars(select(distinct(Course.title))):
        words.update(w for w in fold(title).split() if len(w) >= 3)
    vocab.words = words - STOPWORDS
    vocab.typos = TypoIndex(vocab.words)
    return vocab


_vocabularies: PerDatabase[Vocabulary] = PerDatabase(build_vocabulary)


def get_vocabulary(session: Session) -> Vocabulary:
    """The cached vocabulary of the session's database, rebuilt when the data has changed."""
    return _vocabularies.get(session)


def refresh_vocabulary(session: Session | None = None) -> None:
    """Forget the cached vocabulary (of one database, or of all) so the next search rebuilds it."""
    _vocabularies.refresh(session)
