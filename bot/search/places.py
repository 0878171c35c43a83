"""Where a citizen wants to learn: town names, region names and postcodes, typed loosely.

"Moers", "moers", "Mörs", "in Krefled", "Kreis Wesel", "Waldeck-Frankenberg", "47441" and
"Voerde" (stored as "Voerde (Niederrhein)") all resolve. Towns outside the five home regions
resolve too: stored ones (where imported courses are, e.g. Kassel) like home towns, all others
through the national gazetteer (``bot.geo``) to a point with coordinates, so that "Kurse in der
Nähe von Xanten" or "im Umkreis von 20 km um Leipzig" search by distance. "in der Nähe von X"
means ``NEARBY_KM``; "im Umkreis von 20 km (um X)" and "20 km um X" give the radius.

The places and regions are read into a small gazetteer of plain records with the spellings each
is known by, kept per database like the search snapshot (``bot.search.cache``: rebuilt when places
come or go, at the latest after ten minutes, or at once on ``refresh()``). Reading them per call
and resolving them to database objects took four queries per search and a large share of the
action server's CPU (figure: docs/performance.md). A renamed region shows after the rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.db.models import Place, Region
from bot.search.cache import PerDatabase
from bot.search.fuzzy import MIN_TYPO_LENGTH, max_distance, osa_distance
from bot.search.synonyms import PLACE_NOISE, REGION_WORDS
from bot.search.text import fold

_POSTCODE = re.compile(r"\b(\d{5})\b")
_PARENTHESIS = re.compile(r"\([^)]*\)")
#: "in der Nähe von Rheinberg", "bei", "rund um", "um … herum" without a number: this many km.
NEARBY_KM = 25.0
#: How far a search looks for courses *about* the words when none near has them in its title.
FARTHER_KM = 60.0
#: The largest radius searched (the federal API's largest is 200 km).
MAX_RADIUS_KM = 200.0
_RADIUS = re.compile(r"(?:im\s+)?(?:umkreis|radius|umfeld)\s+(?:von\s+)?(?P<km>\d{1,3})\s*(?:km|kilometer[n]?)"
                     r"(?:\s+(?:um|von|rund\s+um|ab)\b)?\s*(?P<rest>.*)|"
                     r"(?P<km2>\d{1,3})\s*(?:km|kilometer[n]?)\s+(?:um|von|rund\s+um|ab|entfernt\s+von)\s+(?P<rest2>.*)",
                     re.IGNORECASE)
_NEAR = re.compile(r"^(?:naehe|nähe)\s+(?:von\s+)?(?P<rest>.+)$|^(?:rund\s+)?um\s+(?P<rest2>.+?)"
                   r"(?:\s+herum)?$|^umgebung\s+(?:von\s+)?(?P<rest3>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceInfo:
    """The resolved place as shown to the citizen; ``name`` is the region's name for a whole region.

    ``region`` is the home region's name, for a town outside them its Kreis (or Bundesland).
    ``radius_km`` is set when the citizen asked for a distance ("im Umkreis von 20 km").
    """

    name: str
    region: str
    state: str
    whole_region: bool = False
    radius_km: float | None = None


@dataclass(frozen=True)
class KnownPlace:
    """A town as stored, as plain values; ``id`` None for a gazetteer town without a stored row."""

    id: int | None
    name: str
    postcode: str
    region_id: int | None
    folded: str  # the stored folded name (``Place.name_folded``)
    state: str | None = None
    latitude: float | None = None
    longitude: float | None = None


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
    """A resolved place or region, the place ids a search covers first, and a point for distances.

    ``region`` is None for a town outside the home regions. ``radius_km`` is what the citizen
    asked for ("im Umkreis von 20 km"), None for "in Krefeld".
    """

    region: KnownRegion | None
    place: KnownPlace | None  # None: the whole region was named
    radius_km: float | None = None
    district: str = ""  # Kreis of a gazetteer town, shown instead of a region

    @property
    def place_ids(self) -> list[int]:
        if self.place is not None:
            return [self.place.id] if self.place.id is not None else []
        return [p.id for p in self.region.places if p.id is not None] if self.region else []

    @property
    def point(self) -> tuple[float, float] | None:
        if self.place is not None and self.place.latitude is not None and self.place.longitude is not None:
            return (self.place.latitude, self.place.longitude)
        return None

    @property
    def state(self) -> str:
        if self.region is not None:
            return self.region.state
        return (self.place.state if self.place else None) or ""

    @property
    def info(self) -> PlaceInfo:
        if self.place is None:
            assert self.region is not None
            return PlaceInfo(self.region.name, self.region.name, self.region.state, whole_region=True,
                             radius_km=self.radius_km)
        region = self.region.name if self.region else (self.district or geo.STATE_NAMES.get(self.state, ""))
        return PlaceInfo(self.place.name, region, self.state, radius_km=self.radius_km)


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
    rows = session.execute(select(Place.id, Place.name, Place.postcode, Place.region_id, Place.name_folded,
                                  Place.state, Place.latitude, Place.longitude)).all()
    by_region: dict[int | None, list[KnownPlace]] = {}
    for row in rows:
        by_region.setdefault(row.region_id, []).append(KnownPlace(*row))
    regions = {
        row.id: KnownRegion(row.id, row.name, row.state, row.slug,
                            tuple(sorted(by_region.get(row.id, []), key=_by_name)))
        for row in session.execute(select(Region.id, Region.name, Region.state, Region.slug).order_by(Region.id))
    }
    elsewhere = tuple(sorted(by_region.get(None, []), key=_by_name))  # imported towns outside the home regions
    places = tuple(place for region in regions.values() for place in region.places) + elsewhere
    spellings = [(key, Location(regions[p.region_id] if p.region_id is not None else None, p))
                 for p in places for key in sorted(_keys(p.name))]
    spellings += [(key, Location(r, None)) for r in regions.values() for key in sorted(_keys(r.name, region=True))]
    return Gazetteer(places, regions, tuple(spellings))


_GAZETTEERS: PerDatabase[Gazetteer] = PerDatabase(_build_gazetteer)


def gazetteer(session: Session) -> Gazetteer:
    """The database's towns and regions (kept, see the module's docstring)."""
    return _GAZETTEERS.get(session)


def split_radius(text: str) -> tuple[str, float | None]:
    """ "im Umkreis von 20 km um Moers" -> ("Moers", 20.0); "in der Nähe von Rheinberg" -> ("Rheinberg", 25.0)."""
    text = " ".join(text.split())
    match = _RADIUS.search(text)
    if match:
        km = float(match.group("km") or match.group("km2"))
        rest = (match.group("rest") if match.group("km") else match.group("rest2")) or text[: match.start()]
        return rest.strip(" ,.") or text[: match.start()].strip(" ,."), min(max(km, 1.0), MAX_RADIUS_KM)
    stripped = re.sub(r"^(?:ganz\s+)?(?:(?:in|bei|im)\s+)?(?:der\s+)?(?=n|u|r)", "", text, flags=re.IGNORECASE)
    near = _NEAR.match(stripped)
    if near:
        return (near.group("rest") or near.group("rest2") or near.group("rest3")).strip(" ,."), NEARBY_KM
    return text, None


def resolve_location(session: Session, text: str) -> Location | None:
    """The place or region ``text`` names, or None when nothing fits closely enough."""
    text, radius = split_radius(text)
    found = _resolve(session, text)
    if found is None:
        return None
    return Location(found.region, found.place, radius, found.district) if radius else found


def _stored(known: Gazetteer, place: KnownPlace) -> Location:
    return Location(known.regions[place.region_id] if place.region_id is not None else None, place)


def _resolve(session: Session, text: str) -> Location | None:
    known = gazetteer(session)
    postcode = _POSTCODE.search(text)
    if postcode:
        found = _by_postcode(known.places, postcode.group(1))
        if found is not None:
            return _stored(known, found)
        return _national(known, geo.find_postcode(postcode.group(1)))
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
    national = geo.find(" ".join(w for w in text.split() if fold(w) not in PLACE_NOISE), typos=False)
    if national is not None:
        return _national(known, national)
    if scored and scored[0][0] <= limit:
        best_key = scored[0][2]
        return next(location for key, location in known.spellings if key == best_key)
    return _national(known, geo.find(wanted))


def _national(known: Gazetteer, town: geo.Municipality | None) -> Location | None:
    """A town from the national gazetteer: its stored row if there is one, else a point of its own."""
    if town is None:
        return None
    for place in known.places:
        if place.folded == fold(town.name) and place.state in (None, town.state):
            return _stored(known, place)
    place = KnownPlace(None, town.name, town.postcode, None, fold(town.name), town.state, town.lat, town.lon)
    return Location(None, place, district=town.district)


#: How far (numerically) a typed postcode may be from a stored one to count as the same town.
POSTCODE_REACH = 60


def _by_postcode(places: tuple[KnownPlace, ...], code: str) -> KnownPlace | None:
    """Exact postcode, else the numerically nearest stored one in the same postal area.

    Towns have many postcodes but we store one (the main one): Krefeld is 47798-47839 and
    stored as "47798", so "47809" must still find it. Postcodes are assigned roughly in
    geographic order, so a near number in the same two-digit area is the same or a
    neighbouring town; further away (Duisburg 47051 vs. Moers 47441) we do not guess.
    """
    same_area = [p for p in places if p.postcode[:2] == code[:2] and p.region_id is not None]
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
    assert location.region is not None
    region_keys = _keys(location.region.name, region=True)
    same_name = [p for p in location.region.places if _keys(p.name) & region_keys]
    return same_name[0] if same_name else (location.region.places[0] if location.region.places else None)


def location_keys(location: Location) -> set[str]:
    """Folded words that name this location, to keep them out of the course words of a query."""
    keys = _keys(location.region.name, region=True) if location.region else set()
    if location.place is not None:
        keys |= _keys(location.place.name)
    return {w for k in keys for w in k.split()} | keys
