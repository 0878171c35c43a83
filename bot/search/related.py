"""Which topics belong together, read from who teaches them.

Topics carry no category in the offer database, and a hand-made list in the bot would go stale
with every import. The data already says it: providers specialise. A school that runs Pflege
courses also runs Gesundheit and Betreuung courses; a technical college runs Schweißen, Metall/CNC
and Elektrotechnik. So two topics are the more related, the more providers they share (cosine of
their provider sets). On the demo data: Pflege -> Gesundheit und Medizin 0.72, Medizinische
Fachangestellte 0.41, Hauswirtschaft 0.40, Soziale Arbeit 0.32.
"""

from __future__ import annotations

import math
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Course
from bot.search.cache import PerDatabase

#: Below this, sharing a provider is coincidence (a VHS teaches almost everything).
MIN_RELATEDNESS = 0.3

Relatedness = dict[int, list[tuple[int, float]]]


def build_relatedness(session: Session) -> Relatedness:
    """Topic id -> [(related topic id, score)], best first, scores of at least ``MIN_RELATEDNESS``."""
    providers: dict[int, set[int]] = defaultdict(set)
    for topic_id, provider_id in session.execute(select(Course.topic_id, Course.provider_id).distinct()):
        providers[topic_id].add(provider_id)
    related: Relatedness = {}
    for topic, own in providers.items():
        scores = [
            (other, len(own & theirs) / math.sqrt(len(own) * len(theirs)))
            for other, theirs in providers.items()
            if other != topic
        ]
        related[topic] = sorted(((t, s) for t, s in scores if s >= MIN_RELATEDNESS), key=lambda ts: (-ts[1], ts[0]))
    return related


_relatedness: PerDatabase[Relatedness] = PerDatabase(build_relatedness)


def related_topics(session: Session, topic_id: int) -> list[tuple[int, float]]:
    """Topics related to ``topic_id``, best first (cached per database, rebuilt when data changes)."""
    return _relatedness.get(session).get(topic_id, [])
