"""Where a citizen wants to learn: town names, region names and postcodes, typed loosely.

"Moers", "moers", "Mörs", "in Krefled", "Kreis Wesel", "Waldeck-Frankenberg", "47441" and
"Voerde" (stored as "Voerde (Niederrhein)") all resolve. There are only a few dozen places, so
they are read per call, as plain rows; no cache to go stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Place, Region
from bot.search.fuzzy import MIN_TYPO_LENGTH, max_distance, osa_distance
from bot.search.synonyms import PLACE_NOISE, REGION_WORDS
from bot.search.text import fold

_POSTCODE = re.compile(r"\b(\d{5})\b")
_PARENTHESIS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class PlaceInfo:
    """The resolved place as shown to the citizen; ``name`` is the region's name for a whole region."""

    name: str
    region: str
    state: str
    whole_region: bool = False


@dataclass(frozen=True)
class Location:
    """A resolved place or region and the place ids a search covers first."""

    region: Region
    place: Place | None  # None: the whole region was named

    @property
    def place_ids(self) -> list[int]:
        if self.place is not None:
            return [self.place.id]
        return [p.id for p in self.region.places]

    @property
    def info(self) -> PlaceInfo:
        if self.place is None:
            return PlaceInfo(self.region.name, self.region.name, self.region.state, whole_region=True)
        return PlaceInfo(self.place.name, self.region.name, self.region.state)


def _keys(name: str, region: bool = False) -> set[str]:
    """Folded spellings a name is known by: full, without parentheses, regions also without "Kreis"."""
    keys = {fold(name), fold(_PARENTHESIS.sub(" ", name))}
    if region:
        keys |= {" ".join(w for w in k.split() if w not in REGION_WORDS) for k in list(keys)}
    keys |= {k.replace(" ", "") for k in list(keys)}
    return {k for k in keys if k}


def _clean(text: str) -> str:
    return " ".join(w for w in fold(text).split() if w not in PLACE_NOISE)


@dataclass(frozen=True)
class _Named:
    """A place (``place_id`` set) or a whole region, as plain values: no ORM objects per call."""

    region_id: int
    place_id: int | None
    name: str
    postcode: str = ""


def _gazetteer(session: Session) -> tuple[list[_Named], list[_Named]]:
    """Every place and region, read anew per call (a few dozen rows: no cache to go stale).

    Plain columns instead of regions with their places as ORM objects: building those objects was
    a fifth of the action server's CPU under load (py-spy, 2026-11-23). Places come region by
    region and by name within a region, the order the relationship had.
    """
    regions = session.execute(select(Region.id, Region.name).order_by(Region.id)).all()
    order = {region_id: n for n, (region_id, _) in enumerate(regions)}
    rows = session.execute(select(Place.id, Place.name, Place.postcode, Place.region_id)).all()
    rows = sorted(rows, key=lambda r: (order.get(r.region_id, len(order)), r.name))
    places = [_Named(r.region_id, r.id, r.name, r.postcode) for r in rows]
    return places, [_Named(region_id, None, name) for region_id, name in regions]


def _location(session: Session, named: _Named) -> Location:
    region = session.get(Region, named.region_id)
    return Location(region, session.get(Place, named.place_id) if named.place_id is not None else None)


def resolve_location(session: Session, text: str) -> Location | None:
    """The place or region ``text`` names, or None when nothing fits closely enough."""
    places, regions = _gazetteer(session)
    postcode = _POSTCODE.search(text)
    if postcode:
        found = _by_postcode(places, postcode.group(1))
        return _location(session, found) if found else None
    wanted = _clean(text)
    if not wanted:
        return None
    candidates: list[tuple[str, _Named]] = []
    for place in places:
        candidates += [(k, place) for k in _keys(place.name)]
    for region in regions:
        # A region named like its main town ("Krefeld", "Bottrop") resolves to the town.
        candidates += [(k, region) for k in _keys(region.name, region=True)]
    for compact in (wanted, wanted.replace(" ", "")):
        exact = [named for key, named in candidates if key == compact]
        if exact:
            # "Wesel" is the town, "Kreis Wesel" the region: the town wins a tie.
            return _location(session, min(exact, key=lambda named: named.place_id is None))
    if len(wanted) < MIN_TYPO_LENGTH:
        return None
    limit = max_distance(wanted)
    scored = sorted(
        ((osa_distance(wanted, key, limit), named.place_id is None, key) for key, named in candidates),
        key=lambda t: (t[0], t[1], t[2]),
    )
    if scored and scored[0][0] <= limit:
        best_key = scored[0][2]
        return _location(session, next(named for key, named in candidates if key == best_key))
    return None


#: How far (numerically) a typed postcode may be from a stored one to count as the same town.
POSTCODE_REACH = 60


def _by_postcode(places: list[_Named], code: str) -> _Named | None:
    """Exact postcode, else the numerically nearest stored one in the same postal area.

    Towns have many postcodes but we store one (the main one): Krefeld is 47798-47839 and
    stored as "47798", so "47809" must still find it. Postcodes are assigned roughly in
    geographic order, so a near number in the same two-digit area is the same or a
    neighbouring town; further away (Duisburg 47051 vs. Moers 47441) we do not guess.
    """
    same_area = [p for p in places if p.postcode[:2] == code[:2]]
    if not same_area:
        return None
    best = min(same_area, key=lambda p: (abs(int(p.postcode) - int(code)), p.name))
    if abs(int(best.postcode) - int(code)) > POSTCODE_REACH:
        return None
    return best


def resolve_place(session: Session, text: str) -> Place | None:
    """The town ``text`` names.

    For a region name: the region's town of the same name ("Kreis Wesel" -> Wesel), else its
    alphabetically first town. ``search_courses`` searches the whole region in that case instead.
    """
    location = resolve_location(session, text)
    if location is None:
        return None
    if location.place is not None:
        return location.place
    region_keys = _keys(location.region.name, region=True)
    same_name = [p for p in location.region.places if _keys(p.name) & region_keys]
    return same_name[0] if same_name else (location.region.places[0] if location.region.places else None)


def location_keys(location: Location) -> set[str]:
    """Folded words that name this location, to keep them out of the course words of a query."""
    keys = _keys(location.region.name, region=True)
    if location.place is not None:
        keys |= _keys(location.place.name)
    return {w for k in keys for w in k.split()} | keys
