"""Load the demo offer database: regions, places, topics, providers, courses, dates and centres.

Runs in one session without intermediate commits (the caller's ``session_scope`` commits), so a
failed seed leaves nothing behind. Funding programmes are not loaded here (see ``bot.funding``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import (
    PRICE_AMOUNT,
    CounsellingCentre,
    Course,
    CourseDate,
    DatasetInfo,
    Place,
    Provider,
    Region,
    Topic,
)
from bot.demo.centres import CENTRES
from bot.demo.courses import SEED_VERSION, generate_courses
from bot.demo.providers import PROVIDERS
from bot.demo.regions import PLACES, REGIONS
from bot.demo.topics import TOPICS
from bot.geo import find
from bot.search.text import build_search_text, fold


def seed(session: Session, today: date) -> dict[str, int]:
    """Insert the demo data for ``today`` into an empty offer database; returns rows added per table.

    Regions, places and topics that already exist (same slug or name) are reused, because other
    loaders may have created them; courses, providers or counselling centres already present mean
    the database is not empty, and seeding refuses rather than mixing demo and real offers.
    """
    for model, german, english in (
        (Course, "Kurse", "courses"),
        (Provider, "Anbieter", "providers"),
        (CounsellingCentre, "Beratungsstellen", "counselling centres"),
    ):
        existing = session.scalar(select(func.count()).select_from(model))
        if existing:
            raise ValueError(
                f"Die Datenbank enthält bereits {existing} {german}; Demodaten werden nur in eine leere "
                f"Datenbank geladen. / The database already contains {existing} {english}; demo data is "
                "only loaded into an empty database."
            )
    counts = {"regions": 0, "places": 0, "topics": 0}

    regions = {r.slug: r for r in session.scalars(select(Region))}
    for spec in REGIONS:
        if spec.slug not in regions:
            regions[spec.slug] = Region(slug=spec.slug, name=spec.name, state=spec.state)
            session.add(regions[spec.slug])
            counts["regions"] += 1
    places = {(p.region.slug, p.name): p for p in session.scalars(select(Place)) if p.region is not None}
    for place in PLACES:
        if (place.region, place.name) not in places:
            state = regions[place.region].state
            town = find(place.name, postcode=place.postcode, prefer_state=state, typos=False)
            places[(place.region, place.name)] = Place(
                region=regions[place.region], name=place.name, name_folded=fold(place.name),
                postcode=place.postcode, state=state, latitude=town.lat if town else None,
                longitude=town.lon if town else None, geo_key=town.key if town else None,
            )
            session.add(places[(place.region, place.name)])
            counts["places"] += 1
    topics = {t.slug: t for t in session.scalars(select(Topic))}
    for topic_spec in TOPICS:
        if topic_spec.slug not in topics:
            topics[topic_spec.slug] = Topic(slug=topic_spec.slug, name=topic_spec.name,
                                            synonyms=list(topic_spec.synonyms))
            session.add(topics[topic_spec.slug])
            counts["topics"] += 1

    providers = {}
    for index, provider in enumerate(PROVIDERS):
        providers[provider.code] = Provider(
            name=provider.name, azav_certified=provider.azav_certified, street=provider.street,
            postcode=provider.postcode, city=provider.city, phone=provider.phone(index), email=provider.email,
            website=provider.website, is_demo=True,
        )
    courses = []
    n_dates = 0
    for draft in generate_courses(today):
        template = draft.template
        topic = topics[template.topic]
        course = Course(
            provider=providers[draft.provider.code],
            external_id=draft.external_id,
            title=template.title,
            description=template.description,
            topic=topic,
            keywords=list(template.keywords),
            degree=template.degree,
            hours=template.hours,
            language=template.language,
            level=template.level,
            target_groups=list(template.target_groups),
            bildungsgutschein=draft.bildungsgutschein,
            aufstiegs_bafoeg=draft.aufstiegs_bafoeg,
            bildungsurlaub_states=list(draft.bildungsurlaub_states),
            url=draft.url,
            search_text=build_search_text(
                template.title, topic.name, " ".join(topic.synonyms), " ".join(template.keywords),
                template.description,
            ),
            source="demo",
            is_demo=True,
        )
        course.dates = [
            CourseDate(
                start_date=run.start,
                end_date=run.end,
                place=places[(draft.provider.region, run.place)] if run.place else None,
                seats=run.seats,
                format=draft.format,
                schedule=draft.schedule,
                price_eur=draft.price_eur,
                price_state=PRICE_AMOUNT,
            )
            for run in draft.dates
        ]
        n_dates += len(course.dates)
        courses.append(course)

    centres = [
        CounsellingCentre(
            region=regions[spec.region], slug=spec.slug, name=spec.name, kind=spec.kind, street=spec.street,
            postcode=spec.postcode, city=spec.city, phone=spec.phone, email=spec.email, website=spec.website,
            opening_hours=dict(spec.opening_hours), languages=list(spec.languages), source=spec.source,
            is_demo=False,
        )
        for spec in CENTRES
    ]
    session.add_all(list(providers.values()))
    session.add_all(courses)
    session.add_all(centres)
    info = {"demo_data": "true", "seeded_for": today.isoformat(), "seed_version": SEED_VERSION}
    for key, value in info.items():
        session.merge(DatasetInfo(key=key, value=value))
    session.flush()
    counts.update(
        providers=len(providers), courses=len(courses), course_dates=n_dates,
        counselling_centres=len(centres), dataset_info=len(info),
    )
    return counts
