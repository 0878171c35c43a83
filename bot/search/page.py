"""The shape of a search hit and loading the details for one page of them.

Details (provider, price, badges, where the next run is) are loaded only for the handful of
courses on the requested page, never for all candidates. The hit describes the course's next
run: its place, start, format, schedule and price are that run's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.db.models import PRICE_AMOUNT, Course, CourseDate, Place, Provider
from bot.search.places import gazetteer

#: German labels shown to citizens for the funding flags.
BADGE_BILDUNGSGUTSCHEIN = "Bildungsgutschein"
BADGE_AUFSTIEGS_BAFOEG = "Aufstiegs-BAföG"
BADGE_BILDUNGSURLAUB = "Bildungsurlaub"
ONLINE = "online"
#: How a run's start is known: a date, "Einstieg jederzeit", or dates on request.
START_DATED, START_ANYTIME, START_ON_REQUEST = "datum", "jederzeit", "anfrage"


@dataclass
class CourseHit:
    """A found course as its next run shows it.

    ``price_eur`` is None unless ``price_state`` is "betrag" (then 0 means free); "anfrage" is a
    price on request, "foerderung" a price the funding covers (KURSNET's 0.0 with a voucher).
    """

    course_id: int
    title: str
    provider: str
    #: Town of the next run, or "online".
    place: str
    next_start: date
    price_eur: Decimal | None
    format: str
    schedule: str
    badges: list[str] = field(default_factory=list)
    price_state: str = PRICE_AMOUNT
    price_remark: str | None = None
    start_kind: str = START_DATED
    #: Key of ``bot.db.models.SOURCES`` and the day the source last changed the record.
    source: str = "eigen"
    source_updated: date | None = None
    #: Kilometres from the searched place (distance searches only).
    distance_km: float | None = None
    run_id: int | None = None


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


#: What a hit shows, read as plain rows: whole course objects carry their descriptions and
#: relationships, which cost more than the search itself (figure: docs/performance.md).
_HIT_COLUMNS = (
    Course.id, Course.title, Course.bildungsgutschein, Course.aufstiegs_bafoeg, Course.bildungsurlaub_states,
    Course.source, Course.source_updated, Provider.name.label("provider"),
)
_RUN_COLUMNS = (
    CourseDate.id, CourseDate.format, CourseDate.schedule, CourseDate.price_eur, CourseDate.price_state,
    CourseDate.price_remark, CourseDate.flexible_start, CourseDate.start_date,
)


@dataclass(frozen=True)
class PageRow:
    """A ranked course on the requested page: its next run's start and place (None: online)."""

    course_id: int
    next_start: date
    place_id: int | None
    run_id: int | None = None
    distance_km: float | None = None


def load_hits(session: Session, page: list[PageRow], state: str | None) -> list[CourseHit]:
    """Full hits for one page of ranked rows, in the given order, read fresh from the database."""
    if not page:
        return []
    ids = [row.course_id for row in page]
    query = select(*_HIT_COLUMNS).select_from(Course).join(Provider).where(Course.id.in_(ids))
    courses = {course.id: course for course in session.execute(query)}
    run_ids = [row.run_id for row in page if row.run_id is not None]
    runs = {r.id: r for r in session.execute(select(*_RUN_COLUMNS).where(CourseDate.id.in_(run_ids)))} if run_ids \
        else {}
    missing_runs = [row.course_id for row in page if row.run_id is None]
    if missing_runs:  # a caller without run ids (older pages): the course's first run
        for run in session.execute(select(CourseDate.course_id, *_RUN_COLUMNS)
                                   .where(CourseDate.course_id.in_(missing_runs)).order_by(CourseDate.id)):
            runs.setdefault(-run.course_id, run)
    places: dict[int | None, str] = {p.id: p.name for p in gazetteer(session).places if p.id is not None}
    missing = {row.place_id for row in page if row.place_id is not None} - places.keys()
    if missing:  # a town added since the gazetteer was read
        places.update(session.execute(select(Place.id, Place.name).where(Place.id.in_(missing))).all())
    hits = []
    for row in page:
        course = courses.get(row.course_id)
        run = runs.get(row.run_id) if row.run_id is not None else runs.get(-row.course_id)
        if course is None or run is None:  # deleted since the snapshot was taken
            continue
        kind = START_ANYTIME if run.flexible_start else START_ON_REQUEST if run.start_date is None else START_DATED
        hits.append(
            CourseHit(
                course_id=course.id,
                title=course.title,
                provider=course.provider,
                place=places.get(row.place_id, ONLINE),
                next_start=row.next_start,
                price_eur=Decimal(run.price_eur) if run.price_eur is not None else None,
                format=run.format,
                schedule=run.schedule,
                badges=_badges(course, state),
                price_state=run.price_state,
                price_remark=run.price_remark,
                start_kind=kind,
                source=course.source,
                source_updated=course.source_updated,
                distance_km=row.distance_km,
                run_id=run.id,
            )
        )
    return hits
