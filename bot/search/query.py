"""Course search: what the action server calls with a citizen's wishes.

Flow: resolve the place (town, region or postcode; unknown places stop the search rather than
silently searching everywhere), understand the text (``bot.search.understand``), match, filter
and rank in the in-memory snapshot (``bot.search.snapshot``), widen from a town to its region
when the town itself has nothing, and load the details of the requested page from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
from sqlalchemy.orm import Session

from bot.search.filters import Filters, normalise_format, normalise_schedule, normalise_state
from bot.search.page import CourseHit, PageRow, load_hits
from bot.search.places import FARTHER_KM, NEARBY_KM, Location, PlaceInfo, location_keys, resolve_location
from bot.search.snapshot import ONLINE_PLACE, get_snapshot, to_date
from bot.search.text import fold
from bot.search.understand import Understanding, understand
from bot.search.vocabulary import get_vocabulary

__all__ = ["CourseHit", "CourseQuery", "PlaceInfo", "SearchResult", "search_courses"]


@dataclass
class CourseQuery:
    """A citizen's wishes. ``text`` is free text (topic, title words); the rest are filters.

    ``format``/``schedule``/``bildungsurlaub_state`` accept everyday words ("vor Ort", "abends",
    "NRW"); ``start_after`` and ``start_before`` keep courses with a run starting on or after /
    on or before that day (the start window, see ``bot.search.start_window``); ``today`` exists
    so that tests and replays are reproducible.
    """

    text: str = ""
    place: str | None = None
    format: str | None = None
    schedule: str | None = None
    start_after: date | None = None
    start_before: date | None = None
    max_price: Decimal | float | None = None
    #: Search by distance from ``place`` ("im Umkreis von 20 km"); the place text may also say it.
    radius_km: float | None = None
    bildungsgutschein: bool = False
    aufstiegs_bafoeg: bool = False
    bildungsurlaub_state: str | None = None
    page: int = 1
    page_size: int = 5
    today: date | None = None


@dataclass
class SearchResult:
    hits: list[CourseHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = 5
    has_more: bool = False
    place: PlaceInfo | None = None
    #: True when the town had nothing and the hits come from other places of its region.
    widened_to_region: bool = False
    #: Set when a town outside the home regions had nothing and the hits come from this many km around.
    widened_to_km: float | None = None
    #: Nothing near the place had the words in a title: courses about them up to this far are shown.
    farther_km: float | None = None
    farther_words: list[str] = field(default_factory=list)
    farther_count: int = 0
    farther_outside: bool = False  # ... around a town outside the home regions
    #: The place text when it could not be resolved; then there are no hits, by design.
    place_unknown: str | None = None
    #: A real town outside the home regions with no course there or around it: the hits, if any,
    #: are online courses, and the answer says where to search instead.
    outside_regions: bool = False
    #: Display names of the topics the text named, e.g. ["Pflege"].
    matched_topics: list[str] = field(default_factory=list)
    #: Words of the text, as typed, that no course in the whole offer matches ("Tiefseetauchen").
    unknown_words: list[str] = field(default_factory=list)
    #: Words left out because no course has them together with the topic words (see ``WordMatch``).
    ignored_words: list[str] = field(default_factory=list)


def filters_for(query: CourseQuery, place_ids: list[int] | None,
                near: tuple[float, float, float] | None = None) -> Filters:
    """The query's wishes as normalised filters over ``place_ids`` (None: everywhere) or ``near`` a point."""
    today = query.today or date.today()
    cutoff = max(today, query.start_after) if query.start_after else today
    price = None if query.max_price is None else Decimal(str(query.max_price))
    return Filters(
        cutoff=cutoff,
        latest_start=query.start_before,
        place_ids=place_ids,
        near=near,
        format=normalise_format(query.format),
        schedule=normalise_schedule(query.schedule),
        max_price=price,
        bildungsgutschein=query.bildungsgutschein,
        aufstiegs_bafoeg=query.aufstiegs_bafoeg,
        bildungsurlaub_state=normalise_state(query.bildungsurlaub_state),
    )


def without_place_words(understanding: Understanding, location: Location | None) -> Understanding:
    """Drop "Krefeld" from "Excel Krefeld" when Krefeld is the place: it is not a course word."""
    if location is None:
        return understanding
    keys = location_keys(location)
    groups = [g for g in understanding.groups if g.word not in keys]
    return Understanding(groups=groups, topic_ids=understanding.topic_ids)


def search_courses(session: Session, query: CourseQuery) -> SearchResult:
    """Find, rank and page courses with a dated run on or after today (and ``start_after``)."""
    page = max(1, query.page)
    page_size = max(1, query.page_size)
    result = SearchResult(page=page, page_size=page_size)
    location: Location | None = None
    if query.place and query.place.strip():
        location = resolve_location(session, query.place)
        if location is None:
            result.place_unknown = query.place
            return result
        result.place = location.info
    vocab = get_vocabulary(session)
    understanding = without_place_words(understand(query.text, vocab), location)
    result.matched_topics = sorted(vocab.topic_names[t] for t in understanding.topic_ids)
    snapshot = get_snapshot(session)
    radius = query.radius_km or (location.radius_km if location else None)
    point = location.point if location is not None else None
    near = (point[0], point[1], float(radius)) if point and radius else None
    filters = filters_for(query, location.place_ids if location else None, near)
    found = snapshot.search(filters, understanding)
    if location is not None and location.place is not None and near is None and not found.any_local:
        if location.region is not None:
            region_filters = filters_for(query, [p.id for p in location.region.places if p.id is not None])
            widened = snapshot.search(region_filters, understanding)
            if widened.any_local:
                found, filters, result.widened_to_region = widened, region_filters, True
        elif point is not None:  # a town outside the home regions: the courses around it
            around = filters_for(query, location.place_ids, (point[0], point[1], NEARBY_KM))
            widened = snapshot.search(around, understanding)
            if widened.any_local:
                found, filters, result.widened_to_km = widened, around, NEARBY_KM
    named_topics = " ".join(fold(name) for name in result.matched_topics)
    heads = {fold(name).split()[0] for name in result.matched_topics if fold(name)}
    # "Staplerschein", not "Logistik"; "bookkeeping" (its German word "Buchhaltung" heads the topic's name)
    # names the topic as "Buchhaltung" does
    specific = [g for g in understanding.groups if fold(g.word) not in named_topics and not g.alternatives & heads]
    if specific and (found.title_hits > 0).any():
        # Some course is about the words themselves: those that have them in their own text, not the
        # topic's other courses on later pages.
        found = found.subset(found.own_hits > 0)
    elif point is not None and specific and len(found.course_ids):
        # "Staplerschein in Dinslaken": nothing near has the words in its title, only courses of the
        # same topic (Gefahrgut). The nearest courses that are about it, a little farther, come first.
        farther = filters_for(query, location.place_ids if location else None, (point[0], point[1], FARTHER_KM))
        wider = snapshot.search(farther, understanding)
        titled = wider.title_hits > 0
        if titled.any():
            found, filters = wider.subset(titled), farther
            result.farther_km, result.farther_count = FARTHER_KM, int(titled.sum())
            result.farther_outside = location is not None and location.region is None
            result.farther_words = [g.typed or g.word for g in understanding.groups]
    if specific and not (found.own_hits > 0).all() and snapshot.titled_anywhere(specific):
        # "Erste Hilfe am Wochenende": the Erste-Hilfe courses have no weekend run, but the words have
        # courses of their own; the topic's other courses (a Fachwirt in Gesundheit) are no match.
        found = found.subset(found.own_hits > 0)
    result.outside_regions = location is not None and location.region is None and not found.any_local
    order = found.ranked()
    result.unknown_words, result.ignored_words = list(found.words.unknown), list(found.words.ignored)
    result.total = len(order)
    start = (page - 1) * page_size
    result.has_more = start + page_size < result.total
    page_rows = [
        PageRow(int(found.course_ids[i]), to_date(found.next_start[i]),
                None if found.next_place[i] == ONLINE_PLACE else int(found.next_place[i]),
                int(found.next_run[i]) if len(found.next_run) else None,
                None if np.isnan(found.distance[i]) else round(float(found.distance[i]), 1))
        for i in order[start : start + page_size]
    ]
    state = filters.bildungsurlaub_state or (location.state if location else None) or None
    result.hits = load_hits(session, page_rows, state)
    return result
