"""The shape of a search hit and loading the details for one page of them.

Details (provider, price, badges, where the next run is) are loaded only for the handful of
courses on the requested page, never for all candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.db.models import Course, Place, Provider
from bot.search.places import gazetteer

#: German labels shown to citizens for the funding flags.
BADGE_BILDUNGSGUTSCHEIN = "Bildungsgutschein"
BADGE_AUFSTIEGS_BAFOEG = "Aufstiegs-BAföG"
BADGE_BILDUNGSURLAUB = "Bildungsurlaub"
ONLINE = "online"


@dataclass
class CourseHit:
    course_id: int
    title: str
    provider: str
    #: Town of the next run, or "online".
    place: str
    next_start: date
    price_eur: Decimal
    format: str
    schedule: str
    badges: list[str] = field(default_factory=list)


def _badges(course: Row, state: str | None) -> list[str]:
    """Funding labels; Bildungsurlaub only where it counts (the citizen's state, if known)."""
    badges = []
    if course.bildungsgutschein:
        badges.append(BADGE_BILDUNGSGUTSCHEIN)
    if course.aufstiegs_bafoeg:
        badges.append(BADGE_AUFSTIEGS_BAFOEG)
    states = course.bildungsurlaub_states or []
    if (state in states) if state else states:
        badges.append(BADGE_BILDUNGSURLAUB)
    return badges


#: What a hit shows, read as plain rows: whole course objects (with their descriptions) cost
#: more than the search itself (py-spy of the action server, 2026-11-23).
_HIT_COLUMNS = (
    Course.id, Course.title, Course.price_eur, Course.format, Course.schedule, Course.bildungsgutschein,
    Course.aufstiegs_bafoeg, Course.bildungsurlaub_states, Provider.name.label("provider"),
)


@dataclass(frozen=True)
class PageRow:
    """A ranked course on the requested page: its next run's start and place (None: online)."""

    course_id: int
    next_start: date
    place_id: int | None


def load_hits(session: Session, page: list[PageRow], state: str | None) -> list[CourseHit]:
    """Full hits for one page of ranked rows, in the given order, read fresh from the database."""
    if not page:
        return []
    ids = [row.course_id for row in page]
    query = select(*_HIT_COLUMNS).select_from(Course).join(Provider).where(Course.id.in_(ids))
    courses = {course.id: course for course in session.execute(query)}
    places = {place.id: place.name for place in gazetteer(session).places}
    missing = {row.place_id for row in page if row.place_id is not None} - places.keys()
    if missing:  # a town added since the gazetteer was read
        places.update(session.execute(select(Place.id, Place.name).where(Place.id.in_(missing))).all())
    hits = []
    for row in page:
        course_id = row.course_id
        if course_id not in courses:  # deleted since the snapshot was taken
            continue
        course = courses[course_id]
        hits.append(
            CourseHit(
                course_id=course.id,
                title=course.title,
                provider=course.provider,
                place=places.get(row.place_id, ONLINE),
                next_start=row.next_start,
                price_eur=Decimal(course.price_eur),
                format=course.format,
                schedule=course.schedule,
                badges=_badges(course, state),
            )
        )
    return hits
