"""The five regions the bot serves and their towns, with a real main postcode for each.

Places are what citizens name ("in Moers", "bei Korbach"), so every municipality a citizen of a
region might type is listed; ``name_folded`` is filled at seeding time with ``fold``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionSpec:
    slug: str
    name: str
    state: str  # "NW" or "HE"


@dataclass(frozen=True)
class PlaceSpec:
    region: str  # RegionSpec.slug
    name: str
    postcode: str  # the town's main (lowest or central) postcode


REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec("krefeld", "Krefeld", "NW"),
    RegionSpec("kreis-wesel", "Kreis Wesel", "NW"),
    RegionSpec("bottrop", "Bottrop", "NW"),
    RegionSpec("waldeck-frankenberg", "Landkreis Waldeck-Frankenberg", "HE"),
    RegionSpec("schwalm-eder", "Schwalm-Eder-Kreis", "HE"),
)

PLACES: tuple[PlaceSpec, ...] = (
    PlaceSpec("krefeld", "Krefeld", "47798"),
    # Kreis Wesel: all 13 municipalities.
    PlaceSpec("kreis-wesel", "Wesel", "46483"),
    PlaceSpec("kreis-wesel", "Moers", "47441"),
    PlaceSpec("kreis-wesel", "Dinslaken", "46535"),
    PlaceSpec("kreis-wesel", "Kamp-Lintfort", "47475"),
    PlaceSpec("kreis-wesel", "Voerde (Niederrhein)", "46562"),
    PlaceSpec("kreis-wesel", "Rheinberg", "47495"),
    PlaceSpec("kreis-wesel", "Hamminkeln", "46499"),
    PlaceSpec("kreis-wesel", "Xanten", "46509"),
    PlaceSpec("kreis-wesel", "Neukirchen-Vluyn", "47506"),
    PlaceSpec("kreis-wesel", "Schermbeck", "46514"),
    PlaceSpec("kreis-wesel", "Hünxe", "46569"),
    PlaceSpec("kreis-wesel", "Sonsbeck", "47665"),
    PlaceSpec("kreis-wesel", "Alpen", "46519"),
    PlaceSpec("bottrop", "Bottrop", "46236"),
    PlaceSpec("bottrop", "Kirchhellen", "46244"),
    # Landkreis Waldeck-Frankenberg: the towns and larger municipalities.
    PlaceSpec("waldeck-frankenberg", "Korbach", "34497"),
    PlaceSpec("waldeck-frankenberg", "Frankenberg (Eder)", "35066"),
    PlaceSpec("waldeck-frankenberg", "Bad Arolsen", "34454"),
    PlaceSpec("waldeck-frankenberg", "Bad Wildungen", "34537"),
    PlaceSpec("waldeck-frankenberg", "Willingen (Upland)", "34508"),
    PlaceSpec("waldeck-frankenberg", "Volkmarsen", "34471"),
    PlaceSpec("waldeck-frankenberg", "Battenberg (Eder)", "35088"),
    PlaceSpec("waldeck-frankenberg", "Allendorf (Eder)", "35108"),
    PlaceSpec("waldeck-frankenberg", "Edertal", "34549"),
    PlaceSpec("waldeck-frankenberg", "Waldeck", "34513"),
    PlaceSpec("waldeck-frankenberg", "Diemelstadt", "34474"),
    PlaceSpec("waldeck-frankenberg", "Vöhl", "34516"),
    # Schwalm-Eder-Kreis: the towns and larger municipalities.
    PlaceSpec("schwalm-eder", "Homberg (Efze)", "34576"),
    PlaceSpec("schwalm-eder", "Melsungen", "34212"),
    PlaceSpec("schwalm-eder", "Fritzlar", "34560"),
    PlaceSpec("schwalm-eder", "Schwalmstadt", "34613"),
    PlaceSpec("schwalm-eder", "Borken (Hessen)", "34582"),
    PlaceSpec("schwalm-eder", "Felsberg", "34587"),
    PlaceSpec("schwalm-eder", "Gudensberg", "34281"),
    PlaceSpec("schwalm-eder", "Spangenberg", "34286"),
    PlaceSpec("schwalm-eder", "Neukirchen (Knüll)", "34626"),
    PlaceSpec("schwalm-eder", "Wabern", "34590"),
    PlaceSpec("schwalm-eder", "Edermünde", "34295"),
    PlaceSpec("schwalm-eder", "Guxhagen", "34302"),
)


def region(slug: str) -> RegionSpec:
    """The region with this slug; raises ``KeyError`` for a typo in the demo data."""
    for spec in REGIONS:
        if spec.slug == slug:
            return spec
    raise KeyError(slug)


def places_in(region_slug: str) -> tuple[PlaceSpec, ...]:
    return tuple(p for p in PLACES if p.region == region_slug)


def place(name: str) -> PlaceSpec:
    for spec in PLACES:
        if spec.name == name:
            return spec
    raise KeyError(name)
