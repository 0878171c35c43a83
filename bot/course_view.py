"""What a course card and a course's details show: the formatting, without Rasa.

The sentences and labels are in the one wording place (``wording/``), in German like the course
data, worded by ``phrase(key, **values) -> str``. This module decides which of them applies: a
price on request is never "0 €", a price the funding covers is never "kostenlos", a run without a
date says "Einstieg jederzeit" or "Beginn auf Anfrage", and a real record names its source and
date ("Quelle: KURSNET, Stand 13.06.2023").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from bot.db.models import PRICE_AMOUNT, PRICE_FUNDED, RUN_ACTIVE, SOURCES, Course, CourseDate
from bot.labels import FORMAT_LABELS, SCHEDULE_LABELS, date_label, price_label
from bot.search.page import START_ANYTIME, START_ON_REQUEST, CourseHit
from bot.wording import text

Phrase = Callable[..., str]
#: Sources whose records are shown with "Quelle: …" (own and demo data are not).
SHOWN_SOURCES = ("kursnet", "openqcat", "openvhs")
#: Runs listed in a course's details.
DETAIL_RUNS = 4


def phrase(key: str, **values: Any) -> str:
    """A label from the wording catalogue, in German: cards and details show the German course data."""
    return text(key, **values)


def price_text(state: str, amount: Decimal | None, phrase: Phrase) -> str:
    if state == PRICE_AMOUNT and amount is not None:
        return price_label(amount)
    if state == PRICE_FUNDED:
        return phrase("price_funded")
    return phrase("price_on_request")


def start_text(kind: str, day: date | None, phrase: Phrase) -> str:
    if kind == START_ANYTIME:
        return phrase("start_anytime")
    if kind == START_ON_REQUEST or day is None:
        return phrase("start_on_request")
    return date_label(day)


def source_text(source: str, updated: date | None, phrase: Phrase) -> str:
    """ "\\nQuelle: KURSNET, Stand 13.06.2023" for real records, "" for own and demo data."""
    if source not in SHOWN_SOURCES:
        return ""
    name = SOURCES[source]
    if updated is None:
        return "\n" + phrase("source_stamp_undated", source=name)
    return "\n" + phrase("source_stamp", source=name, date=date_label(updated))


def card_values(number: int, hit: CourseHit, phrase: Phrase) -> dict[str, Any]:
    """The values of one course card (wording key ``course_card``)."""
    badges = " · ".join(hit.badges)
    place = hit.place
    if hit.distance_km is not None and hit.place != "online":
        place = phrase("place_with_distance", place=hit.place, km=_km(hit.distance_km))
    return {
        "number": number,
        "title": hit.title,
        "provider": hit.provider,
        "place": place,
        "start": start_text(hit.start_kind, hit.next_start, phrase),
        "price": price_text(hit.price_state, hit.price_eur, phrase),
        "format_label": FORMAT_LABELS.get(hit.format, hit.format),
        "schedule_label": SCHEDULE_LABELS.get(hit.schedule, hit.schedule),
        "badges": "\n" + phrase("course_card_badges", badges=badges) if badges else "",
        "source": source_text(hit.source, hit.source_updated, phrase),
    }


def _km(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")


_DETAILS = (selectinload(Course.dates).joinedload(CourseDate.place), joinedload(Course.provider))


def details_values(session: Session, course_id: int, phrase: Phrase, today: date | None = None
                   ) -> dict[str, Any] | None:
    """The values of a course's details (wording key ``course_details``), None if it is gone."""
    course = session.get(Course, course_id, options=_DETAILS)
    if course is None:
        return None
    today = today or date.today()
    runs = [d for d in course.dates if d.status == RUN_ACTIVE and _current(d, today)]
    first = runs[0] if runs else None
    dates = ", ".join(
        f"{start_text(_kind(d), d.start_date, phrase)} ({d.place.name if d.place else 'online'})"
        for d in runs[:DETAIL_RUNS]
    )
    price = price_text(first.price_state, first.price_eur, phrase) if first is not None else phrase(
        "price_on_request")
    if first is not None and first.price_remark:
        price = f"{price} ({first.price_remark})"
    provider = course.provider
    return {
        "title": course.title,
        "description": course.description,
        "provider": provider.name,
        "contact": provider.phone or provider.email or provider.website or "",
        "hours": course.hours or phrase("course_hours_unknown"),
        "degree": course.degree or phrase("course_degree_default"),
        "price": price,
        "dates": dates or phrase("start_on_request"),
        "url": course.url or "",
        "source": source_text(course.source, course.source_updated, phrase),
    }


def registration_values(session: Session, course_id: int) -> dict[str, Any] | None:
    """Who takes the registration for a course (wording key ``course_register``), None if it is gone.
    ``contact`` lists every way the provider can be reached, as the offer database has them."""
    course = session.get(Course, course_id, options=_DETAILS)
    if course is None:
        return None
    provider = course.provider
    ways = [w for w in (provider.phone, provider.email, course.url or provider.website) if w]
    return {"title": course.title, "provider": provider.name, "contact": " · ".join(ways)}


def next_start(session: Session, course_ids: list[int], today: date | None = None) -> dict[str, Any] | None:
    """The earliest dated start among these courses (the cards shown): card number, title, date, place."""
    today = today or date.today()
    best: tuple[date, int, str, str] | None = None
    for number, course_id in enumerate(course_ids, start=1):
        course = session.get(Course, course_id, options=_DETAILS)
        if course is None:
            continue
        for run in course.dates:
            if run.status != RUN_ACTIVE or run.start_date is None or run.flexible_start or run.start_date < today:
                continue
            if best is None or run.start_date < best[0]:
                best = (run.start_date, number, course.title, run.place.name if run.place else "online")
    if best is None:
        return None
    return {"start": date_label(best[0]), "number": best[1], "title": best[2], "place": best[3]}


def _kind(run: CourseDate) -> str:
    return START_ANYTIME if run.flexible_start else START_ON_REQUEST if run.start_date is None else "datum"


def _current(run: CourseDate, today: date) -> bool:
    if run.start_date is not None and not run.flexible_start:
        return run.start_date >= today
    return run.end_date is None or run.end_date >= today


def shown_prices(session: Session, course_ids: list[int]) -> list[Decimal]:
    """Known amounts of the current runs of these courses (for "was Günstigeres?")."""
    if not course_ids:
        return []
    rows = session.execute(
        select(CourseDate.price_eur).where(CourseDate.course_id.in_(course_ids), CourseDate.status == RUN_ACTIVE,
                                           CourseDate.price_state == PRICE_AMOUNT, CourseDate.price_eur.is_not(None))
    ).scalars()
    return [Decimal(str(p)) for p in rows]
