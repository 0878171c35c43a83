"""Resolving the names a file uses (topic, region, places, provider) to database rows.

Loaded once per import, so that resolving thousands of records costs no query per name, and
matched on folded text (``bot.search.text.fold``) so that "Bad Wildungen", "bad wildungen" and
"Bad  Wildungen" are the same place.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Place, Provider, Region, Topic
from bot.exchange.records import CourseRecord
from bot.search.text import fold

_SHOW_AT_MOST = 12


class References:
    """Lookup tables for one import; ``resolve`` raises ``ValueError`` with a German reason."""

    def __init__(self, session: Session) -> None:
        self.topics: dict[str, Topic] = {}
        for topic in session.execute(select(Topic)).scalars():
            self.topics[topic.slug.casefold()] = topic
            self.topics.setdefault(fold(topic.name), topic)
        self.regions: dict[str, Region] = {}
        for region in session.execute(select(Region)).scalars():
            self.regions[region.slug.casefold()] = region
            self.regions.setdefault(fold(region.name), region)
        self.places: dict[str, list[Place]] = defaultdict(list)
        for place in session.execute(select(Place)).scalars():
            self.places[fold(place.name)].append(place)
        self.providers: dict[str, Provider] = {
            p.name.casefold(): p for p in session.execute(select(Provider)).scalars()
        }

    def topic(self, record: CourseRecord) -> Topic:
        topic = self.topics.get(record.topic.casefold()) or self.topics.get(fold(record.topic))
        if topic is None:
            known = ", ".join(sorted({t.slug for t in self.topics.values()})[:_SHOW_AT_MOST])
            raise ValueError(f"Thema „{record.topic}“ ist unbekannt (bekannt: {known or 'keine'})")
        return topic

    def date_places(self, record: CourseRecord) -> list[Place | None]:
        """The place of each date, in the record's order; None for online dates."""
        region = self._region(record.region) if record.region else None
        problems, places = [], []
        for course_date in record.dates:
            if course_date.place is None:
                places.append(None)
                continue
            candidates = [
                p for p in self.places.get(fold(course_date.place), []) if region is None or p.region_id == region.id
            ]
            if len(candidates) == 1:
                places.append(candidates[0])
            elif not candidates:
                where = f" in der Region „{region.name}“" if region else ""
                problems.append(f"Ort „{course_date.place}“ ist{where} nicht bekannt")
            else:
                names = ", ".join(sorted(p.region.slug for p in candidates))
                problems.append(
                    f"Ort „{course_date.place}“ gibt es in mehreren Regionen ({names}): bitte „region“ angeben"
                )
        if problems:
            raise ValueError("; ".join(dict.fromkeys(problems)))
        return places

    def provider(self, name: str) -> Provider | None:
        return self.providers.get(name.casefold())

    def _region(self, name: str) -> Region:
        region = self.regions.get(name.casefold()) or self.regions.get(fold(name))
        if region is None:
            known = ", ".join(sorted({r.slug for r in self.regions.values()}))
            raise ValueError(f"Region „{name}“ ist unbekannt (bekannt: {known or 'keine'})")
        return region
