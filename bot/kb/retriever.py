"""Find the passages that answer a German question: BM25 on analysed words, plus aspects and programmes.

Ranking is Okapi BM25 (k1 = 1.2, b = 0.75) over the base forms and compound parts of each passage
and its programme's name, multiplied when the passage has an aspect the question asks about and
when it belongs to a programme the question names. The *confidence* is separate from the rank and
easy to read: the share of the question's informative words (weighted by IDF) that the passage
contains — a compound part or a synonym counting partly — halved when the passage lacks the
aspect asked about or belongs to another programme than the one named. "Gibt es beim
Bildungsscheck eine Altersgrenze?" finds no Bildungsscheck fact on age, so every hit stays below
the threshold and the bot says it does not know, instead of quoting the Aufstiegs-BAföG.

About 150 passages: a question is scored in well under a millisecond.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.funding.model import ProgrammeData
from bot.geo.gazetteer import gazetteer
from bot.kb.analysis import MIN_PART, QuestionReader, base_forms, lexicon, split_compound
from bot.kb.passages import Passage

K1 = 1.2
B = 0.75
#: A compound part or a synonym found in a passage counts this much of the whole word.
PART_CREDIT = 0.7
SYNONYM_CREDIT = 0.6
ASPECT_BOOST = 1.8
#: What an aspect in common scores when no word is ("Kann ich mit 50 noch Aufstiegs-BAföG bekommen?").
ASPECT_BASE = 1.0
SCOPE_BOOST = 1.6
PREFER_BOOST = 1.3
#: The programme's name is part of every passage of it, at this weight per word.
NAME_WEIGHT = 0.5
#: A sourced fact says one thing; summaries, application notes and FAQ answers say many and rank lower.
KIND_WEIGHT = {"fact": 1.0, "how_to_apply": 0.8, "summary": 0.7, "faq": 0.75}


def _is_town(folded: str) -> bool:
    """A word no passage has that names a German municipality ("hamburg", "schwalmstadt")."""
    return folded in gazetteer().by_name


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    confidence: float
    aspects: frozenset[str]
    in_scope: bool = True


@dataclass(frozen=True)
class _Group:
    """One word of the question: as typed (folded), as the index knows it, its compound parts, synonyms."""

    surface: str
    word: str
    parts: tuple[str, ...]
    synonyms: tuple[str, ...]
    idf: float


class KnowledgeBase:
    """The index over all passages; built once per process from the catalogue and the FAQ."""

    def __init__(self, passages: Sequence[Passage], catalogue: Iterable[ProgrammeData]) -> None:
        self.passages = list(passages)
        catalogue = list(catalogue)
        names = {p.slug: p.name for p in catalogue}
        #: Words that name a programme ("meister", "bafoeg"): said by the scope, not by the passage text.
        self._naming = {p.slug: frozenset(f for n in (p.name, *p.aliases) for f in base_forms(n)) for p in catalogue}
        own = [base_forms(p.text) for p in self.passages]
        vocabulary = {w for forms in own for w in forms}
        self.parts = frozenset(w for w in vocabulary if len(w) >= MIN_PART) | lexicon()
        self._docs: list[defaultdict[str, float]] = []
        for passage, forms in zip(self.passages, own, strict=True):
            doc: defaultdict[str, float] = defaultdict(float)
            for form in forms:
                doc[form] += 1.0
                for part in self._split(form):
                    doc[part] += PART_CREDIT
            for slug in passage.programmes:
                for form in base_forms(names.get(slug, "")):
                    doc[form] += NAME_WEIGHT
                    for part in self._split(form):
                        doc[part] += NAME_WEIGHT * PART_CREDIT
            self._docs.append(doc)
        self._lengths = [sum(d.values()) for d in self._docs]
        self._average = sum(self._lengths) / max(len(self._lengths), 1)
        df: Counter[str] = Counter(t for d in self._docs for t in d)
        n = len(self._docs)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self._max_idf = math.log(1 + (n + 0.5) / 0.5)
        self._median_idf = statistics.median(self._idf.values()) if self._idf else self._max_idf
        self.reader = QuestionReader(df.keys())

    def _unknown_idf(self, word: str) -> float:
        """The weight of a word no passage has. A German word ("leider", "Konzern") says something the
        facts may not cover, and counts as much as a typical word of the index; anything else (a typo
        beyond correction, a foreign word) as much as the rarest one."""
        return self._median_idf if word in lexicon() else self._max_idf

    def _split(self, word: str) -> list[str]:
        """Parts of a compound; a word German knows as a whole ("übernehmen") is not split."""
        return [] if word in lexicon() else split_compound(word, self.parts)

    def _groups(self, question: str) -> list[_Group]:
        groups: list[_Group] = []
        for surface, word, synonyms in self.reader.groups(question):
            parts = tuple(p for p in self._split(word) if p in self._idf)
            known = [self._idf[t] for t in (word, *parts) if t in self._idf]
            idf = self._idf.get(word) or (max(known) if known else self._unknown_idf(word))
            groups.append(_Group(surface, word, parts, tuple(s for s in synonyms if s in self._idf), idf))
        return groups

    def _coverage(self, groups: list[_Group], doc: Mapping[str, float], answered: frozenset[str]) -> float:
        """Share of the question's information in ``doc``; words in ``answered`` asked for an aspect it has."""
        counted = [g for g in groups if not g.word.isdigit()]
        total = sum(g.idf for g in counted)
        if not total:  # nothing asked beyond the programme and the aspect ("mit 50 noch AFBG?")
            return 1.0 if answered else 0.0
        got = 0.0
        for g in counted:
            if g.word in doc or g.surface in answered:
                got += g.idf
                continue
            found = max(
                (PART_CREDIT * sum(p in doc for p in g.parts) / len(g.parts)) if g.parts else 0.0,
                SYNONYM_CREDIT if any(s in doc for s in g.synonyms) else 0.0,
            )
            got += found * g.idf
        return got / total

    def _bm25(self, weights: dict[str, float], i: int) -> float:
        doc, length = self._docs[i], self._lengths[i]
        score = 0.0
        for term, weight in weights.items():
            tf = doc.get(term)
            if tf:
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self._average))
                score += weight * self._idf[term] * norm
        return score

    def _question(self, question: str, scope: frozenset[str]) -> list[_Group]:
        """The question's words, without those that only name a programme in ``scope`` ("meister", "bafoeg")."""
        naming = frozenset().union(*(self._naming.get(s, frozenset()) for s in scope))
        return [g for g in self._groups(question) if g.word not in naming and not self._idle_town(g, scope)]

    def _idle_town(self, group: _Group, scope: frozenset[str]) -> bool:
        """A town no passage (of the programmes in ``scope``) names: where the writer lives or works, which
        the situation reader takes; no word a fact must contain ("azubi in krefeld, hab ich bildungsurlaub?").
        A town a passage names counts ("gibt es einen Integrationskurs in Krefeld?": "Die VHS Krefeld …")."""
        if not _is_town(group.surface):
            return False
        return not any(
            group.word in doc and (not scope or scope & set(passage.programmes))
            for passage, doc in zip(self.passages, self._docs, strict=True)
        )

    def information(self, question: str, aspects: Mapping[str, frozenset[str]], scope: frozenset[str]) -> float:
        """How much the question says beyond its aspect words and programme names (sum of IDF).

        "Wie viel Geld kann ich für Weiterbildung bekommen?" says little (Geld, Weiterbildung: words
        of many facts) and is a question for the overview, not for the one fact that scores best.
        """
        asked = frozenset().union(*aspects.values()) if aspects else frozenset()
        return sum(g.idf for g in self._question(question, scope) if g.surface not in asked and not g.word.isdigit())

    def search(
        self,
        question: str,
        aspects: Mapping[str, frozenset[str]] | None = None,
        scope: frozenset[str] = frozenset(),
        prefer: frozenset[str] = frozenset(),
        state: str | None = None,
        limit: int = 8,
    ) -> list[Hit]:
        """Passages for ``question``, best first.

        ``aspects``: what the question asks about, with the words that asked; ``scope``: programmes
        it names (their passages first, others count half); ``prefer``: programmes it hints at or
        the conversation was about; ``state``: the citizen's state (other states' facts left out).
        """
        aspects = aspects or {}
        asked = frozenset(aspects)
        groups = self._question(question, scope)
        weights: dict[str, float] = {}
        for g in groups:
            weights[g.word] = 1.0
            for part in g.parts:
                weights.setdefault(part, PART_CREDIT)
            for synonym in g.synonyms:
                weights.setdefault(synonym, SYNONYM_CREDIT)
        hits: list[Hit] = []
        for i, passage in enumerate(self.passages):
            if not passage.concerns(state):
                continue
            shared = passage.aspects & asked
            in_scope = not scope or bool(scope & set(passage.programmes))
            score = self._bm25(weights, i) + ASPECT_BASE * len(shared)
            if not score:
                continue
            score *= ASPECT_BOOST ** len(shared) * (SCOPE_BOOST if scope and in_scope else 1.0)
            score *= PREFER_BOOST if prefer & set(passage.programmes) else 1.0
            score *= KIND_WEIGHT.get(passage.kind, 1.0)
            answered = frozenset().union(*(aspects[a] or {a} for a in shared)) if shared else frozenset()
            confidence = self._coverage(groups, self._docs[i], answered)
            confidence *= (1.0 if shared or not asked else 0.5) * (1.0 if in_scope else 0.5)
            hits.append(Hit(passage, score, confidence, shared, in_scope))
        hits.sort(key=lambda h: (h.in_scope, h.score, h.confidence), reverse=True)
        return hits[:limit]
