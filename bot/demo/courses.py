"""Turn providers and course templates into dated demo course offers, deterministically.

All randomness comes from one ``random.Random`` with a fixed seed and all dates are offsets from
``today``, so the same ``today`` always yields byte-identical data (tests and demos can rely on
it), while a demo seeded next month still shows upcoming courses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from math import ceil

from bot.demo.catalogue import CourseTemplate, all_templates
from bot.demo.providers import PROVIDERS, ProviderSpec
from bot.demo.regions import places_in, region

#: Changing the seed or the generation order changes every demo course; bump ``SEED_VERSION``.
DEMO_SEED = 1045
SEED_VERSION = "1"

#: First and last possible start, in days after ``today``: a week's notice, within twelve months.
FIRST_START_DAYS = 7
LAST_START_DAYS = 365

# Teaching units (UE) per day and per week for each schedule, as providers typically plan them.
_UE_PER_DAY = {"vollzeit": 8, "teilzeit": 5, "berufsbegleitend": 4, "abends": 3, "wochenende": 8}
_UE_PER_WEEK = {"vollzeit": 38, "teilzeit": 24, "berufsbegleitend": 10, "abends": 6, "wochenende": 16}
_SEATS_PRESENCE = (8, 10, 12, 12, 14, 15, 16, 16, 18, 20)
_SEATS_ONLINE = (15, 20, 20, 25)


@dataclass(frozen=True)
class DateDraft:
    start: date
    end: date
    place: str | None  # PlaceSpec name; None for online runs
    seats: int


@dataclass(frozen=True)
class CourseDraft:
    provider: ProviderSpec
    template: CourseTemplate
    external_id: str
    price_eur: Decimal
    format: str
    schedule: str
    bildungsgutschein: bool
    aufstiegs_bafoeg: bool
    bildungsurlaub_states: tuple[str, ...]
    url: str
    dates: tuple[DateDraft, ...]


def course_end(start: date, hours: int, schedule: str, weeks: int | None = None) -> date:
    """Last course day for a run starting on ``start``.

    Long runs get 10 % extra weeks for school holidays, as real timetables do. Umschulungen and
    Fachschulen have a fixed length in weeks (``weeks``) independent of their classroom hours.
    """
    if weeks:
        return start + timedelta(days=7 * weeks - 3)
    if schedule == "wochenende":
        days = ceil(hours / _UE_PER_DAY[schedule])
        if days == 1:
            return start
        return start + timedelta(days=7 * (ceil(days / 2) - 1) + 1)
    days = ceil(hours / _UE_PER_DAY[schedule])
    if schedule in ("vollzeit", "teilzeit") and days <= 5:
        return start + timedelta(days=days - 1)
    n_weeks = ceil(hours / _UE_PER_WEEK[schedule])
    if n_weeks > 12:
        n_weeks = ceil(n_weeks * 1.1)
    last_weekday = 4 if schedule in ("vollzeit", "teilzeit") else 2
    return start + timedelta(days=7 * (n_weeks - 1) + last_weekday)


def generate_courses(today: date, seed: int = DEMO_SEED) -> list[CourseDraft]:
    """All demo course offers with their runs, in a stable order."""
    rng = random.Random(seed)
    by_topic: dict[str, list[CourseTemplate]] = {}
    for template in all_templates():
        by_topic.setdefault(template.topic, []).append(template)

    drafts: list[CourseDraft] = []
    for provider in PROVIDERS:
        state = region(provider.region).state
        number = 1000
        for topic_slug in provider.topics:
            eligible = [t for t in by_topic[topic_slug] if not t.states or state in t.states]
            chosen = rng.sample(eligible, min(len(eligible), rng.randint(2, 4)))
            chosen.sort(key=eligible.index)
            for template in chosen:
                number += 1
                drafts.append(_draft(rng, today, provider, state, template, f"{provider.code}-{number}"))
    return drafts


def _draft(
    rng: random.Random, today: date, provider: ProviderSpec, state: str, template: CourseTemplate, external_id: str
) -> CourseDraft:
    online_first = provider.prefers_online and "online" in template.formats
    fmt = "online" if online_first else rng.choice(template.formats)
    schedule = rng.choice(template.schedules)
    factor = rng.uniform(0.92, 1.08)
    price = template.price if template.fixed_price else int(round(template.price * factor / 10) * 10)
    bildungsurlaub = template.bildungsurlaub and schedule == "vollzeit" and rng.random() < 0.8
    return CourseDraft(
        provider=provider,
        template=template,
        external_id=external_id,
        price_eur=Decimal(price).quantize(Decimal("0.01")),
        format=fmt,
        schedule=schedule,
        bildungsgutschein=provider.azav_certified and template.vocational,
        aufstiegs_bafoeg=template.aufstieg and template.hours >= 400,
        bildungsurlaub_states=(state,) if bildungsurlaub else (),
        url=f"{provider.website}/kurse/{external_id.lower()}",
        dates=_runs(rng, today, provider, template, fmt, schedule),
    )


def _runs(
    rng: random.Random, today: date, provider: ProviderSpec, template: CourseTemplate, fmt: str, schedule: str
) -> tuple[DateDraft, ...]:
    """1–4 runs spread over the coming year: long courses start rarely, short ones often."""
    length = (course_end(today, template.hours, schedule, template.weeks) - today).days
    n_runs = rng.randint(1, 2) if length > 180 else rng.randint(1, 3) if length > 60 else rng.randint(2, 4)
    # Each run starts in its own slice of the year; +6 days of weekday alignment stay in range.
    span = LAST_START_DAYS - 6 - FIRST_START_DAYS
    slice_days = span // n_runs
    others = [p.name for p in places_in(provider.region) if p.name != provider.city]
    runs = []
    for i in range(n_runs):
        start = today + timedelta(days=FIRST_START_DAYS + i * slice_days + rng.randrange(slice_days))
        weekday = 5 if schedule == "wochenende" else rng.choice((0, 1)) if schedule == "abends" else 0
        start += timedelta(days=(weekday - start.weekday()) % 7)
        if fmt == "online":
            where, seats = None, rng.choice(_SEATS_ONLINE)
        else:
            branch = others and rng.random() < 0.2
            where, seats = (rng.choice(others) if branch else provider.city), rng.choice(_SEATS_PRESENCE)
        runs.append(DateDraft(start, course_end(start, template.hours, schedule, template.weeks), where, seats))
    return tuple(runs)
