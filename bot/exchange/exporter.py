"""Exporting all courses as CSV or XML, in a form the importer reads back to identical data.

The export goes through the same ``CourseRecord`` and rendering as the import, so the two
formats cannot drift apart; the round-trip test holds them to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.db.models import PRICE_AMOUNT, RUN_ACTIVE, Course, CourseDate, Provider
from bot.exchange.csv_format import write_csv
from bot.exchange.records import CourseRecord, DateRecord
from bot.exchange.validate import render_record
from bot.exchange.xml_format import write_xml


def course_to_record(course: Course) -> CourseRecord:
    """The exchange form of a course: topic by slug, places by name, region when unambiguous.

    The own formats give price, format and schedule once per course: those of its first active run
    (runs of imported KURSNET courses may differ; the export keeps the first). Ended runs are left out.
    """
    runs = [d for d in course.dates if d.status == RUN_ACTIVE] or list(course.dates)
    first = runs[0] if runs else None
    regions = {d.place.region.slug if d.place.region else None for d in runs if d.place is not None}
    return CourseRecord(
        provider=course.provider.name,
        provider_azav=course.provider.azav_certified,
        external_id=course.external_id,
        title=course.title,
        description=course.description or "",
        topic=course.topic.slug if course.topic else "",
        keywords=tuple(course.keywords or ()),
        degree=course.degree,
        hours=course.hours,
        price_eur=first.price_eur if first is not None and first.price_state == PRICE_AMOUNT else None,
        format=first.format if first is not None else "",
        schedule=first.schedule if first is not None else "",
        language=course.language,
        level=course.level,
        target_groups=tuple(course.target_groups or ()),
        bildungsgutschein=course.bildungsgutschein,
        aufstiegs_bafoeg=course.aufstiegs_bafoeg,
        bildungsurlaub_states=tuple(course.bildungsurlaub_states or ()),
        url=course.url,
        region=regions.pop() if len(regions) == 1 else None,
        dates=tuple(
            DateRecord(start=d.start_date, end=d.end_date, place=d.place.name if d.place else None, seats=d.seats)
            for d in runs if d.start_date is not None and d.end_date is not None
        ),
    )


def export_file(session: Session, path: Path, fmt: str, today: date | None = None) -> int:
    """Write every course to ``path`` (UTF-8; CSV with BOM so Excel shows umlauts); return the count."""
    courses = (
        session.execute(
            select(Course)
            .join(Provider)
            .options(
                selectinload(Course.provider),
                selectinload(Course.topic),
                selectinload(Course.dates).selectinload(CourseDate.place),
            )
            .order_by(Provider.name, Course.external_id)
        )
        .scalars()
        .all()
    )
    raws = [render_record(course_to_record(c), decimal_comma=fmt == "csv") for c in courses]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            write_csv(raws, stream)
    else:
        with path.open("wb") as stream:
            write_xml(raws, stream, created=today or date.today())
    return len(courses)
