"""What helps when a search finds nothing: nearby places, related topics, counselling.

Only alternatives that really have courses are offered, and each one is counted with the same
search a click on it runs, so "Gesundheit und Medizin (4 Kurse)" leads to exactly four courses.
The order is the order of usefulness: the same course a little further away, then a related
subject here, then a person who can advise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from bot.centres import centre_for_place
from bot.db.models import Place
from bot.edits.live import centre_facts
from bot.search.filters import Filters
from bot.search.places import Location, resolve_location
from bot.search.query import CourseQuery, filters_for, search_courses, without_place_words
from bot.search.related import MIN_RELATEDNESS, related_topics
from bot.search.snapshot import get_snapshot
from bot.search.understand import Understanding, understand
from bot.search.vocabulary import get_vocabulary

#: How many related topics are tried (each costs one search) before giving up.
MAX_TOPIC_CANDIDATES = 8


@dataclass(frozen=True)
class PlaceOption:
    """A town outside the searched area with matching courses."""

    place: str
    region: str
    count: int


@dataclass(frozen=True)
class TopicOption:
    """A related topic with courses where the citizen searched; ``where`` is None without a place."""

    topic: str
    where: str | None
    count: int


@dataclass(frozen=True)
class Counselling:
    name: str
    phone: str | None


@dataclass(frozen=True)
class RelaxedOption:
    """The same search without one of its wishes: ``slot`` holds that wish (a click clears it)."""

    slot: str
    count: int


#: The wishes a search keeps to, by the slot that holds each, and the query without it (None: not wished).
RELAXABLE: dict[str, Callable[[CourseQuery], CourseQuery | None]] = {
    "course_format": lambda q: replace(q, format=None) if q.format else None,
    "schedule": lambda q: replace(q, schedule=None) if q.schedule else None,
    "max_price": lambda q: replace(q, max_price=None) if q.max_price is not None else None,
    "funding_filter": lambda q: replace(q, bildungsgutschein=False, aufstiegs_bafoeg=False)
    if q.bildungsgutschein or q.aufstiegs_bafoeg else None,
    "course_start": lambda q: replace(q, start_after=None, start_before=None)
    if q.start_after or q.start_before else None,
}


@dataclass
class Alternatives:
    #: First: the same words and place, one wish less ("SAP online" -> the SAP courses on site).
    relaxed: list[RelaxedOption] = field(default_factory=list)
    nearby: list[PlaceOption] = field(default_factory=list)
    related: list[TopicOption] = field(default_factory=list)
    counselling: Counselling | None = None
    #: When the words name nothing the offer knows ("Tiefseetauchen"): the topics with the most
    #: courses where the citizen searched, so that there is still something to choose.
    popular: list[TopicOption] = field(default_factory=list)


def find_alternatives(session: Session, query: CourseQuery, limit: int = 3) -> Alternatives:
    """Alternatives for a query that found nothing: up to ``limit`` places and topics, and a centre."""
    location = resolve_location(session, query.place) if query.place and query.place.strip() else None
    if query.place and query.place.strip() and location is None:
        return Alternatives()  # an unknown place is asked again, not worked around
    vocab = get_vocabulary(session)
    understanding = without_place_words(understand(query.text, vocab), location)
    centre = centre_for_place(session, query.place)
    found = Alternatives(
        relaxed=_relaxed(session, query, understanding),
        nearby=_nearby(session, query, understanding, location, limit),
        related=_related(session, query, understanding, limit),
        counselling=Counselling(centre.name, centre_facts(centre).phone) if centre else None,
    )
    if not found.nearby and not found.related:
        found.popular = _popular(session, query, location, limit + 2)
    return found


def _relaxed(session: Session, query: CourseQuery, understanding: Understanding) -> list[RelaxedOption]:
    """For each wish of the query, how many courses the same search finds without it (those with any)."""
    if understanding.is_empty:
        return []
    options = []
    for slot, without in RELAXABLE.items():
        wider = without(query)
        if wider is not None:
            total = search_courses(session, replace(wider, page=1, page_size=1)).total
            if total:
                options.append(RelaxedOption(slot, total))
    return options


def _popular(session: Session, query: CourseQuery, location: Location | None, limit: int) -> list[TopicOption]:
    """The topics with the most courses (with the query's other wishes) at the place, most first."""
    snapshot = get_snapshot(session)
    near = None
    if location is not None and location.point and location.radius_km:
        near = (location.point[0], location.point[1], float(location.radius_km))
    filters = filters_for(query, location.place_ids if location else None, near)
    found = snapshot.search(filters, Understanding())
    positions = np.searchsorted(snapshot.ids, found.course_ids)
    topics, counts = np.unique(snapshot.topic[positions], return_counts=True)
    names = get_vocabulary(session).topic_names
    ranked = sorted(((int(n), names[int(t)]) for t, n in zip(topics, counts, strict=True) if int(t) in names),
                    key=lambda nt: (-nt[0], nt[1]))
    where = location.info.name if location is not None else None
    return [TopicOption(name, where, count) for count, name in ranked[:limit]]


def _postcode_distance(a: str, b: str) -> int:
    """Postcodes are assigned roughly by geography; their difference ranks places by nearness."""
    return abs(int(a) - int(b)) if a.isdigit() and b.isdigit() else 10**6


def _nearby(
    session: Session, query: CourseQuery, understanding: Understanding, location: Location | None, limit: int
) -> list[PlaceOption]:
    """Towns in other regions of the same state with courses, nearest first.

    The searched town's own region is left out: the search already looked there.
    """
    if location is None:
        return []
    counts = get_snapshot(session).courses_per_place(filters_for(query, None), understanding)
    own = {p.id for p in location.region.places} if location.region else set(location.place_ids)
    origins = [location.place.postcode] if location.place else [p.postcode for p in region.places] if (
        region := location.region) else []
    places = [session.get(Place, place_id) for place_id in counts if place_id not in own]
    candidates = [p for p in places if p is not None and p.region is not None and p.region.state == location.state]
    candidates.sort(key=lambda p: (min(_postcode_distance(o, p.postcode) for o in origins), p.name))
    return [PlaceOption(p.name, p.region.name, counts[p.id]) for p in candidates[:limit]]


def _source_topics(session: Session, query: CourseQuery, understanding: Understanding) -> dict[int, float]:
    """The topics the query is about: those it names, else those of the courses whose titles it names.

    A found topic weighs by its share of those courses: "Wundexperte" is a Pflege course.
    """
    if understanding.topic_ids:
        return {topic: 1.0 for topic in understanding.topic_ids}
    anywhere = Filters(cutoff=query.today or date.today())
    found = get_snapshot(session).topics_by_title(anywhere, understanding)
    most = max(found.values(), default=0)
    return {topic: count / most for topic, count in found.items()}


def _related(session: Session, query: CourseQuery, understanding: Understanding, limit: int) -> list[TopicOption]:
    """Related topics with courses where the citizen searched, the most related first."""
    if understanding.is_empty:
        return []
    scores: dict[int, float] = {}
    for topic, weight in _source_topics(session, query, understanding).items():
        if topic not in understanding.topic_ids:  # the topic itself was just searched
            scores[topic] = max(scores.get(topic, 0.0), weight)
        for other, relatedness in related_topics(session, topic):
            if other not in understanding.topic_ids:
                scores[other] = max(scores.get(other, 0.0), weight * relatedness)
    names = get_vocabulary(session).topic_names
    candidates = [t for t in scores if scores[t] >= MIN_RELATEDNESS and t in names]
    options: list[TopicOption] = []
    for topic in sorted(candidates, key=lambda t: (-scores[t], names[t]))[:MAX_TOPIC_CANDIDATES]:
        result = search_courses(session, replace(query, text=names[topic], page=1, page_size=1))
        if result.total:
            where = None
            if result.place is not None:
                where = result.place.region if result.widened_to_region else result.place.name
            options.append(TopicOption(names[topic], where, result.total))
        if len(options) == limit:
            break
    return options
