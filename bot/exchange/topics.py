"""Putting a real record under one of the bot's topics: by its classification, else by its words.

The classification tables are data (``topic_map.yaml``) so that an editor can extend them. Word
matching uses the topics' own names and synonyms, the same words citizens find topics by, so a
KURSNET record with the keyword "Programmierung" lands where "Programmieren lernen" searches.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from bot.db.models import Topic
from bot.search.text import fold

MAP_FILE = Path(__file__).with_name("topic_map.yaml")


@lru_cache(maxsize=1)
def code_tables() -> dict[str, dict[str, str]]:
    with MAP_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {scheme: {str(k): str(v) for k, v in (table or {}).items()} for scheme, table in data.items()}


def topic_by_code(scheme: str, codes: Iterable[str]) -> str | None:
    """The topic slug of the longest listed prefix of any of ``codes`` (None: none listed)."""
    table = code_tables().get(scheme, {})
    best: tuple[int, str] | None = None
    for code in codes:
        code = " ".join(str(code).split())
        for prefix, slug in table.items():
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), slug)
    return best[1] if best else None


class TopicMatcher:
    """Topic by words: the topic whose name, slug or synonyms occur most often in the record's words."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self.by_slug = {t.slug: t for t in topics}
        self.terms: list[tuple[str, Topic]] = []
        for topic in self.by_slug.values():
            for term in [topic.name, topic.slug.replace("-", " "), *(topic.synonyms or [])]:
                folded = fold(str(term))
                if len(folded) >= 3:
                    self.terms.append((f" {folded} ", topic))

    def match(self, scheme: str, codes: Iterable[str], words: Iterable[str]) -> Topic | None:
        slug = topic_by_code(scheme, codes)
        if slug and slug in self.by_slug:
            return self.by_slug[slug]
        text = f" {' '.join(fold(w) for w in words if w)} "
        scores: dict[str, int] = {}
        for term, topic in self.terms:
            if term in text:
                scores[topic.slug] = scores.get(topic.slug, 0) + 1
        if not scores:
            return None
        return self.by_slug[min(scores, key=lambda s: (-scores[s], s))]
