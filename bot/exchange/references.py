"""Resolving the names a file uses (topic, region, places, provider) to database rows.

Loaded once per import, so that resolving thousands of records costs no query per name, and
matched on folded text (``bot.search.text.fold``) so that "Bad Wildungen", "bad wildungen" and
"Bad  Wildungen" are the same place.

Places: a stored place by the gazetteer (``bot.geo``) key first, then by name; a German municipality
not stored yet is created from the gazetteer (Kassel, Leipzig, "Münster, Westfalen" with its
postcode), with its Bundesland and coordinates. A place the gazetteer does not know is accepted
only with coordinates from the source; otherwise the course is rejected, naming the place.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.db.models import Place, Provider, Region, Topic
from bot.exchange.records import CourseRecord, DateRecord
from bot.search.text import fold

_SHOW_AT_MOST = 12


class References:
    """Lookup tables for one import; ``resolve`` raises ``ValueError`` with a German reason."""

    def __init__(self, session: Session, write: bool = True) -> None:
        self.session = session
        self.write = write
        self.topics: dict[str, Topic] = {}
        for topic in session.execute(select(Topic)).scalars():
            self.topics[topic.slug.casefold()] = topic
            self.topics.setdefault(fold(topic.name), topic)
        self.regions: dict[str, Region] = {}
        for region in session.execute(select(Region)).scalars():
            self.regions[region.slug.casefold()] = region
            self.regions.setdefault(fold(region.name), region)
        self.places: dict[str, list[Place]] = defaultdict(list)
        self.by_geo: dict[str, Place] = {}
        for place in session.execute(select(Place)).scalars():
            self._remember_place(place)
        self.providers: dict[str, Provider] = {}
        self.providers_by_id: dict[str, Provider] = {}
        for provider in session.execute(select(Provider)).scalars():
            self.remember_provider(provider)
        self._resolved: dict[tuple[str, str | None, str | None, int | None], Place] = {}
        self.created_places = 0

    def _remember_place(self, place: Place) -> None:
        self.places[fold(place.name)].append(place)
        if place.geo_key:
            self.by_geo.setdefault(place.geo_key, place)

    def remember_provider(self, provider: Provider) -> None:
        self.providers[provider.name.casefold()] = provider
        if provider.external_id:
            self.providers_by_id[provider.external_id] = provider

    def topic(self, record: CourseRecord) -> Topic:
        assert record.topic is not None
        topic = self.topics.get(record.topic.casefold()) or self.topics.get(fold(record.topic))
        if topic is None:
            known = ", ".join(sorted({t.slug for t in self.topics.values()})[:_SHOW_AT_MOST])
            raise ValueError(f"Thema „{record.topic}“ ist unbekannt (bekannt: {known or 'keine'})")
        return topic

    def date_places(self, record: CourseRecord) -> list[Place | None]:
        """The place of each run, in the record's order; None for online runs."""
        region = self._region(record.region) if record.region else None
        problems: list[str] = []
        places: list[Place | None] = []
        for run in record.dates:
            if run.place is None:
                places.append(None)
                continue
            try:
                places.append(self.run_place(run, region))
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise ValueError("; ".join(dict.fromkeys(problems)))
        return places

    def run_place(self, run: DateRecord, region: Region | None = None) -> Place:
        assert run.place is not None
        key = (fold(run.place), run.postcode, run.state, region.id if region else None)
        if key in self._resolved:
            return self._resolved[key]
        found = geo.find(run.place, postcode=run.postcode, prefer_state=run.state or (region.state if region else None),
                         typos=False)
        place = self.by_geo.get(found.key) if found is not None else None
        if place is None:
            place = self._stored_by_name(run, region, found)
        if place is None and found is not None and (region is None or found.state == region.state):
            place = self._create(found.name, run.postcode or found.postcode, found.state, found.lat, found.lon,
                                 found.key)
        if place is None and found is None and run.latitude is not None and run.longitude is not None:
            place = self._create(" ".join(run.place.split()), run.postcode or "", run.state, run.latitude,
                                 run.longitude, None)
        if place is None:
            where = f" in der Region „{region.name}“" if region else ""
            raise ValueError(f"Ort „{run.place}“ ist{where} nicht bekannt (weder gespeichert noch im "
                             "Gemeindeverzeichnis)")
        self._resolved[key] = place
        return place

    def _stored_by_name(self, run: DateRecord, region: Region | None, found: geo.Municipality | None) -> Place | None:
        assert run.place is not None
        candidates = [p for p in self.places.get(fold(run.place), []) if region is None or p.region_id == region.id]
        if found is not None:  # a namesake elsewhere is not this place
            candidates = [p for p in candidates if (p.state or found.state) == found.state]
        if len(candidates) > 1:
            names = ", ".join(sorted(p.region.slug if p.region else (p.state or "?") for p in candidates))
            raise ValueError(f"Ort „{run.place}“ gibt es in mehreren Regionen ({names}): bitte „region“ angeben")
        return candidates[0] if candidates else None

    def _create(self, name: str, postcode: str, state: str | None, lat: float | None, lon: float | None,
                geo_key: str | None) -> Place:
        place = Place(region_id=None, name=name[:120], name_folded=fold(name)[:120], postcode=postcode[:5],
                      state=state, latitude=lat, longitude=lon, geo_key=geo_key)
        self.created_places += 1
        if self.write:
            self.session.add(place)
            self.session.flush()
        self._remember_place(place)
        return place

    def provider(self, name: str, external_id: str | None) -> Provider | None:
        if external_id and external_id in self.providers_by_id:
            return self.providers_by_id[external_id]
        return self.providers.get(name.casefold())

    def _region(self, name: str) -> Region:
        region = self.regions.get(name.casefold()) or self.regions.get(fold(name))
        if region is None:
            known = ", ".join(sorted({r.slug for r in self.regions.values()}))
            raise ValueError(f"Region „{name}“ ist unbekannt (bekannt: {known or 'keine'})")
        return region
