"""Where a citizen wants to learn: town names, region names and postcodes, typed loosely.

"Moers", "moers", "Mörs", "in Krefled", "Kreis Wesel", "Waldeck-Frankenberg", "47441" and
"Voerde" (stored as "Voerde (Niederrhein)") all resolve.

The places and regions are read into a small gazetteer of plain records with the spellings each
is known by, kept per database like the search snapshot (``bot.search.cache``: rebuilt when places
come or go, at the latest after ten minutes, or at once on ``refresh()``). Reading them per call
and resolving them to database objects was a fifth of the action server's CPU under load, four
queries per search (py-spy, 2026-11-23). A renamed region shows after the rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Place, Region
from bot.search.cache import PerDatabase
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
class KnownPlace:
    """A town as stored, as plain values."""

    id: int
    name: str
    postcode: str
    region_id: int
    folded: str  # the stored folded name (``Place.name_folded``)


@dataclass(frozen=True)
class KnownRegion:
    """A region with its towns, by name (the order the citizen sees them in)."""

    id: int
    name: str
    state: str
    slug: str
    places: tuple[KnownPlace, ...]


@dataclass(frozen=True)
class Location:
    """A resolved place or region and the place ids a search covers first."""

    region: KnownRegion
    place: KnownPlace | None  # None: the whole region was named

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
class Gazetteer:
    """Every town and region, and every spelling that names one of them."""

    places: tuple[KnownPlace, ...]  # region by region, by name within a region
    regions: dict[int, KnownRegion]
    #: (folded spelling, what it names); a region named like its main town resolves to the town.
    spellings: tuple[tuple[str, Location], ...]


def _by_name(place: KnownPlace) -> str:
    return place.name


def _build_gazetteer(session: Session) -> Gazetteer:
    rows = session.execute(select(Place.id, Place.name, Place.postcode, Place.region_id, Place.name_folded)).all()
    by_region: dict[int, list[KnownPlace]] = {}
    for row in rows:
        by_region.setdefault(row.region_id, []).append(KnownPlace(*row))
    regions = {
        row.id: KnownRegion(*row, tuple(sorted(by_region.get(row.id, []), key=_by_name)))
        for row in session.execute(select(Region.id, Region.name, Region.state, Region.slug).order_by(Region.id))
    }
    places = tuple(place for region in regions.values() for place in region.places)
    spellings = [(key, Location(regions[p.region_id], p)) for p in places for key in sorted(_keys(p.name))]
    spellings += [(key, Location(r, None)) for r in regions.values() for key in sorted(_keys(r.name, region=True))]
    return Gazetteer(places, regions, tuple(spellings))


_GAZETTEERS: PerDatabase[Gazetteer] = PerDatabase(_build_gazetteer)


def gazetteer(session: Session) -> Gazetteer:
    """The database's towns and regions (kept, see the module's docstring)."""
    return _GAZETTEERS.get(session)


def resolve_location(session: Session, text: str) -> Location | None:
    """The place or region ``text`` names, or None when nothing fits closely enough."""
    known = gazetteer(session)
    postcode = _POSTCODE.search(text)
    if postcode:
        found = _by_postcode(known.places, postcode.group(1))
        return Location(known.regions[found.region_id], found) if found else None
    wanted = _clean(text)
    if not wanted:
        return None
    for compact in (wanted, wanted.replace(" ", "")):
        exact = [location for key, location in known.spellings if key == compact]
        if exact:
            # "Wesel" is the town, "Kreis Wesel" the region: the town wins a tie.
            return min(exact, key=lambda location: location.place is None)
    if len(wanted) < MIN_TYPO_LENGTH:
        return None
    limit = max_distance(wanted)
    scored = sorted(
        ((osa_distance(wanted, key, limit), location.place is None, key) for key, location in known.spellings),
        key=lambda t: (t[0], t[1], t[2]),
    )
    if scored and scored[0][0] <= limit:
        best_key = scored[0][2]
        return next(location for key, location in known.spellings if key == best_key)
    return None


#: How far (numerically) a typed postcode may be from a stored one to count as the same town.
POSTCODE_REACH = 60


def _by_postcode(places: tuple[KnownPlace, ...], code: str) -> KnownPlace | None:
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


def resolve_place(session: Session, text: str) -> KnownPlace | None:
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
