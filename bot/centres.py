"""Which counselling centre is responsible for a citizen, for callbacks and handovers.

A callback or handover always goes to a centre (``routing_centre``): the one responsible for the
citizen's place or the deployment's region, otherwise the default centre. Without one it would
sit in no advisor's inbox, and nobody would ever call back.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import DEFAULT_CENTRE_ENV, load_settings
from bot.db.models import CounsellingCentre
from bot.search.places import KnownRegion, gazetteer
from bot.search.text import fold

logger = logging.getLogger(__name__)

# A city's own continuing-education advice comes first; the employment agency last, because its
# advisers handle benefits too and the citizen asked about continuing education.
KIND_PRIORITY = ("beratungsstelle", "vhs", "integrationszentrum", "agentur_fuer_arbeit", "jobcenter")


#: A message about the recognition of a qualification from abroad ("advice about recognition of my degree",
#: "Beratung zur Anerkennung meines Abschlusses"): the IQ network's recognition counselling is named first.
_RECOGNITION = re.compile(
    r"\b(?:anerkenn\w*|anerkannt\w*|recogni(?:[sz]|tion)\w*|zeugnisbewertung|statement of comparability)"
)


def asks_about_recognition(text: str) -> bool:
    """Whether ``text`` is about having a qualification from abroad recognised."""
    return bool(_RECOGNITION.search(fold(text or "")))


def region_for(session: Session, place_or_region: str | None) -> KnownRegion | None:
    """The region of a town or region name; the deployment's own region (LOTSE_REGION) otherwise.

    Read from the kept gazetteer (bot/search/places.py), not with a query per call.
    """
    known = gazetteer(session)
    if place_or_region:
        folded = fold(place_or_region)
        for place in known.places:
            if place.folded == folded and place.region_id is not None:
                return known.regions[place.region_id]
        for region in known.regions.values():
            if folded in (fold(region.name), fold(region.slug)):
                return region
        # "Homberg" for Homberg (Efze), "Kamp" for Kamp-Lintfort: the first word of home towns of one region
        regions = {p.region_id for p in known.places
                   if p.region_id is not None and re.split(r"[\s(\-]", p.folded)[0] == folded}  # fmt: skip
        if len(regions) == 1:
            return known.regions[regions.pop()]
    default = load_settings().region
    if default:
        return next((region for region in known.regions.values() if region.slug == default), None)
    return None


def centres_for(session: Session, region: KnownRegion, town: str | None = None) -> list[CounsellingCentre]:
    """The region's centres, those in the citizen's own town first, then by KIND_PRIORITY."""
    centres = session.execute(
        select(CounsellingCentre).where(CounsellingCentre.region_id == region.id).order_by(CounsellingCentre.id)
    ).scalars().all()
    folded_town = fold(town) if town else None

    def rank(centre: CounsellingCentre) -> tuple[int, int]:
        city = fold(centre.city or "")
        in_town = folded_town is not None and folded_town in (city, re.split(r"[\s(\-]", city)[0])
        return (0 if in_town else 1, _kind_rank(centre))

    return sorted(centres, key=rank)


def responsible_centre(
    session: Session, region: KnownRegion | None, town: str | None = None
) -> CounsellingCentre | None:
    if region is None:
        return None
    ranked = centres_for(session, region, town)
    return ranked[0] if ranked else None


def centre_for_place(session: Session, place: str | None) -> CounsellingCentre | None:
    """Where a callback or handover for a citizen in ``place`` goes (the deployment's region if unknown)."""
    town = None if place in (None, "online") else place
    return responsible_centre(session, region_for(session, town), town)


def _kind_rank(centre: CounsellingCentre) -> int:
    return KIND_PRIORITY.index(centre.kind) if centre.kind in KIND_PRIORITY else len(KIND_PRIORITY)


def default_centre(session: Session) -> CounsellingCentre | None:
    """LOTSE_DEFAULT_CENTRE, else the first centre by KIND_PRIORITY (then by id): never nobody."""
    slug = load_settings().default_centre
    if slug:
        named = session.execute(select(CounsellingCentre).where(CounsellingCentre.slug == slug)).scalar_one_or_none()
        if named is not None:
            return named
        logger.warning("%s=%s: keine solche Beratungsstelle, es gilt die erste nach Art", DEFAULT_CENTRE_ENV, slug)
    centres = session.execute(select(CounsellingCentre).order_by(CounsellingCentre.id)).scalars().all()
    return min(centres, key=_kind_rank) if centres else None


def routing_centre(session: Session, place: str | None) -> CounsellingCentre | None:
    """Where a callback or handover goes: the centre for ``place`` (or the region), else the default."""
    return centre_for_place(session, place) or default_centre(session)



@dataclass(frozen=True)
class PhoneLine:
    """Counselling by telephone for everyone (bot/counselling_lines.yaml), with its source and date."""

    slug: str
    name: str
    phone: str
    hours: str
    source: str
    as_of: str
    verified: bool
    #: English texts of name, hours, source and as_of (issue 21); the number stays as it is.
    en: tuple[tuple[str, str], ...] = ()

    def in_language(self, language: str | None) -> PhoneLine:
        """The line with its texts in ``language`` where the data has them, else as it is (German)."""
        texts = dict(self.en) if language == "en" else {}
        return replace(self, **{k: v for k, v in texts.items() if k in ("name", "hours", "source", "as_of")})


@cache
def phone_lines() -> tuple[PhoneLine, ...]:
    """The nationwide counselling numbers, verified ones first."""
    data = yaml.safe_load((Path(__file__).with_name("counselling_lines.yaml")).read_text(encoding="utf-8"))
    lines = tuple(
        PhoneLine(**{k: line[k] for k in PhoneLine.__dataclass_fields__ if k != "en"},
                  en=tuple(sorted((line.get("en") or {}).items())))
        for line in data["lines"]
    )  # fmt: skip
    return tuple(sorted(lines, key=lambda line: not line.verified))
