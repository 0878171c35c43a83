"""The demo offer database: enough realistic, correctly flagged offers in every region, every time."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.migrate import upgrade
from bot.db.models import CounsellingCentre, Course, CourseDate, DatasetInfo, Place, Provider, Region, Topic
from bot.db.session import session_scope
from bot.demo.regions import REGIONS
from bot.demo.seed import seed

TODAY = date(2026, 4, 1)


def _course_digest(session: Session) -> str:
    """A fingerprint of every course and run, independent of database ids."""
    rows = session.execute(
        select(
            Provider.name, Course.external_id, Course.title, CourseDate.price_eur, CourseDate.format,
            CourseDate.schedule,
            Course.bildungsgutschein, Course.aufstiegs_bafoeg, Course.bildungsurlaub_states, Course.search_text,
            CourseDate.start_date, CourseDate.end_date, Place.name, CourseDate.seats,
        )
        .join(Course.provider)
        .join(Course.dates)
        .outerjoin(CourseDate.place)
        .order_by(Provider.name, Course.external_id, CourseDate.start_date)
    ).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _seed_fresh(tmp_path: Path, name: str, today: date) -> str:
    url = f"sqlite:///{tmp_path / name}"
    upgrade(url)
    with session_scope(url) as s:
        seed(s, today)
    with session_scope(url) as s:
        return _course_digest(s)


def test_seed_fills_every_table_and_reports_counts(session: Session) -> None:
    counts = seed(session, TODAY)

    assert counts["courses"] >= 400
    assert counts["providers"] >= 40
    assert counts["topics"] >= 25
    assert counts["regions"] == 5
    assert counts["courses"] == session.scalar(select(func.count()).select_from(Course))
    assert counts["course_dates"] == session.scalar(select(func.count()).select_from(CourseDate))
    info = {row.key: row.value for row in session.scalars(select(DatasetInfo))}
    assert info == {"demo_data": "true", "seeded_for": "2026-04-01", "seed_version": "1"}


def test_every_region_has_places_and_dated_courses(session: Session) -> None:
    seed(session, TODAY)

    for spec in REGIONS:
        region = session.scalars(select(Region).where(Region.slug == spec.slug)).one()
        assert region.places, spec.slug
        dated_courses = session.scalar(
            select(func.count(func.distinct(CourseDate.course_id))).join(CourseDate.place).where(
                Place.region_id == region.id
            )
        )
        assert dated_courses >= 30, spec.slug
    wesel_towns = session.scalars(select(Place.name_folded).join(Place.region).where(Region.slug == "kreis-wesel"))
    assert {"moers", "voerde niederrhein", "huenxe", "neukirchen vluyn"} <= set(wesel_towns)


def test_every_topic_has_courses(session: Session) -> None:
    seed(session, TODAY)

    per_topic = dict(
        session.execute(select(Topic.slug, func.count(Course.id)).outerjoin(Course, Course.topic_id == Topic.id)
                        .group_by(Topic.slug)).all()
    )
    assert len(per_topic) >= 25
    assert min(per_topic.values()) >= 3, per_topic


def test_same_day_gives_identical_data_and_another_day_moves_the_dates(tmp_path: Path) -> None:
    first = _seed_fresh(tmp_path, "a.sqlite3", TODAY)
    second = _seed_fresh(tmp_path, "b.sqlite3", TODAY)
    later = _seed_fresh(tmp_path, "c.sqlite3", TODAY + timedelta(days=30))

    assert first == second
    assert later != first


def test_courses_start_within_the_next_twelve_months_and_end_after_they_start(session: Session) -> None:
    seed(session, TODAY)

    runs = session.execute(select(CourseDate.start_date, CourseDate.end_date, CourseDate.format, CourseDate.place_id)
                           .join(CourseDate.course)).all()
    assert runs
    for start, end, fmt, place_id in runs:
        assert TODAY < start <= TODAY + timedelta(days=365)
        assert end >= start
        assert (place_id is None) == (fmt == "online")
    runs_per_course = session.execute(select(func.count()).select_from(CourseDate).group_by(CourseDate.course_id))
    assert {n for (n,) in runs_per_course} <= {1, 2, 3, 4}


def test_five_day_seminar_lasts_monday_to_friday(session: Session) -> None:
    seed(session, TODAY)

    seminar_runs = session.execute(
        select(CourseDate.start_date, CourseDate.end_date).join(CourseDate.course)
        .where(Course.hours == 40, CourseDate.schedule == "vollzeit")
    ).all()
    assert seminar_runs
    for start, end in seminar_runs:
        assert start.weekday() == 0
        assert (end - start).days == 4


def test_bildungsgutschein_only_for_courses_of_azav_providers(session: Session) -> None:
    seed(session, TODAY)

    flagged = session.scalars(select(Course).where(Course.bildungsgutschein.is_(True))).all()
    assert len(flagged) >= 50
    assert all(course.provider.azav_certified for course in flagged)
    uncertified_vocational = session.scalar(
        select(func.count()).select_from(Course).join(Course.provider)
        .where(Provider.azav_certified.is_(False), Course.bildungsgutschein.is_(True))
    )
    assert uncertified_vocational == 0


def test_aufstiegs_bafoeg_and_bildungsurlaub_flags_are_plausible(session: Session) -> None:
    seed(session, TODAY)

    upgrading = session.scalars(select(Course).where(Course.aufstiegs_bafoeg.is_(True))).all()
    assert upgrading
    assert all(course.hours >= 400 for course in upgrading)
    assert any("Meister" in course.title for course in upgrading)
    state_of_city = {
        place.name: place.state for place in session.scalars(select(Place))
    }
    leave = session.scalars(select(Course).where(Course.bildungsurlaub_states != [])).all()
    assert {tuple(c.bildungsurlaub_states) for c in leave} == {("NW",), ("HE",)}
    for course in leave:
        assert course.bildungsurlaub_states == [state_of_city[course.provider.city]]
        assert {run.schedule for run in course.dates} == {"vollzeit"}


def test_krefeld_has_dated_care_courses(session: Session) -> None:
    seed(session, TODAY)

    titles = session.scalars(
        select(Course.title).join(Course.topic).join(Course.dates).join(CourseDate.place)
        .where(Topic.slug == "pflege", Place.name == "Krefeld").distinct()
    ).all()
    assert len(titles) >= 3
    assert any("Pflegehelfer" in title for title in titles)


def test_prices_range_from_free_to_meister_level(session: Session) -> None:
    seed(session, TODAY)

    cheapest, dearest = session.execute(select(func.min(CourseDate.price_eur), func.max(CourseDate.price_eur))).one()
    assert cheapest == 0
    assert dearest >= 5000
    meister = session.scalars(select(CourseDate.price_eur).join(CourseDate.course)
                              .where(Course.title.like("Vorbereitung Meisterprüfung%")))
    assert all(6000 <= price <= 12000 for price in meister)


def test_courses_are_findable_by_words_citizens_type(session: Session) -> None:
    seed(session, TODAY)

    def found(word: str) -> int:
        return session.scalar(
            select(func.count()).select_from(Course).where(Course.search_text.contains(word))
        )

    assert found("staplerschein") > 0
    assert found("gabelstapler") > 0
    assert found("flurfoerderzeuge") > 0
    assert found("altenpflege") > 0
    assert found("edv") > 0


def test_demo_contacts_cannot_reach_real_people(session: Session) -> None:
    seed(session, TODAY)

    providers = session.scalars(select(Provider)).all()
    assert all(p.is_demo for p in providers)
    assert any(not p.azav_certified for p in providers)
    for provider in providers:
        assert provider.email.endswith(".example.org")
        assert re.fullmatch(r"https://[a-z0-9-]+\.example\.org", provider.website)
        assert re.fullmatch(r"\+49 \d{3,4} 555 01\d\d", provider.phone)
    assert all(c.url.startswith(c.provider.website) for c in session.scalars(select(Course)))
    assert all(c.is_demo for c in session.scalars(select(Course)))


def test_every_region_has_an_employment_agency_and_a_volkshochschule(session: Session) -> None:
    seed(session, TODAY)

    for spec in REGIONS:
        kinds = set(session.scalars(
            select(CounsellingCentre.kind).join(CounsellingCentre.region).where(Region.slug == spec.slug)
        ))
        assert {"agentur_fuer_arbeit", "vhs"} <= kinds, spec.slug
    centres = session.scalars(select(CounsellingCentre)).all()
    assert not any(c.is_demo for c in centres)
    assert all(c.source for c in centres)
    homberg = session.scalars(select(CounsellingCentre).where(CounsellingCentre.slug == "vhs-schwalm-eder")).one()
    assert (homberg.street, homberg.postcode, homberg.city) == ("Parkstraße 6", "34576", "Homberg (Efze)")


def test_seeding_twice_is_refused(session: Session) -> None:
    seed(session, TODAY)

    with pytest.raises(ValueError, match=r"bereits \d+ Kurse.*already contains \d+ courses"):
        seed(session, TODAY)
