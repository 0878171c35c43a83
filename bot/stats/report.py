"""The network dashboard's figures: read from the counters and from the callback/handover tables.

Only aggregates leave this module: counts per label, and for callbacks and handovers counts per
centre and status with the median time to the first contact. A scope is a region (Netzwerk: the
region's rows and those counted without a place, which belong to no region) or a centre (Leitung,
Kontenverwaltung). Conversations, messages, not-understood counts and ratings are counted before
the bot knows where someone lives, so they are figures of the whole installation, said as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import CallbackRequest, CounsellingCentre, Handover, Region
from bot.db.models_advisor import AuditEntry
from bot.db.models_stats import NotUnderstoodSeen, StatCounter
from bot.stats import DEFAULT_K

WEEK, MONTH = "woche", "monat"
GRAINS = (WEEK, MONTH)
ALL = "alle"


@dataclass(frozen=True)
class Scope:
    """What one account may see: a region (slug) or one centre (slug)."""

    region: str
    centre: str | None = None

    def where(self, column_region, column_centre=None):
        if self.centre is not None and column_centre is not None:
            return column_centre == self.centre
        return column_region.in_([self.region, ""])


def period_of(week: str, grain: str) -> str:
    """``2026-W49`` itself, or its month ``2026-12`` (the month of the week's Thursday, as ISO weeks do)."""
    if grain != MONTH:
        return week
    year, number = week.split("-W")
    thursday = date.fromisocalendar(int(year), int(number), 4)
    return f"{thursday:%Y-%m}"


def period_label(period: str) -> str:
    """``2026-W49`` → "KW 49/2026", ``2026-12`` → "12/2026"."""
    if "-W" in period:
        year, number = period.split("-W")
        return f"KW {int(number)}/{year}"
    if period == ALL:
        return "alle"
    year, month = period.split("-")
    return f"{month}/{year}"


@dataclass
class Overview:
    period: str
    conversations: int = 0
    messages: int = 0
    not_understood: int = 0

    @property
    def answered(self) -> int:
        return max(self.messages - self.not_understood, 0)


@dataclass
class CentreCases:
    centre: str
    name: str
    callbacks_counted: int = 0
    handovers_counted: int = 0
    #: status → number of callbacks / handovers still stored (retention deletes old ones).
    callbacks: dict[str, int] = field(default_factory=dict)
    handovers: dict[str, int] = field(default_factory=dict)
    #: Median hours from arrival to the first status change by an advisor; None when none yet.
    median_hours: float | None = None
    contacted: int = 0


@dataclass
class Report:
    grain: str
    period: str
    periods: list[str]
    overview: list[Overview]
    topics: list[tuple[str, int]]
    empty_searches: list[tuple[str, str, str, int]]
    programmes: list[tuple[str, int]]
    eligibility: list[tuple[str, str, int]]
    thumbs: list[tuple[str, int]]
    not_understood: list[tuple[str, int]]
    centres: list[CentreCases]
    k: int = DEFAULT_K


def build(session: Session, scope: Scope, grain: str = WEEK, period: str = ALL, *, k: int = DEFAULT_K) -> Report:
    grain = grain if grain in GRAINS else WEEK
    weeks = sorted({w for (w,) in session.execute(select(StatCounter.week).distinct())}, reverse=True)
    periods = sorted({period_of(w, grain) for w in weeks}, reverse=True)
    period = period if period in periods else ALL
    chosen = [w for w in weeks if period == ALL or period_of(w, grain) == period]

    def totals(metric: str, scoped: bool = True) -> list[tuple[str, int]]:
        query = (select(StatCounter.key, func.sum(StatCounter.count))
                 .where(StatCounter.metric == metric, StatCounter.week.in_(chosen)))
        if scoped:
            query = query.where(scope.where(StatCounter.region, StatCounter.centre))
        rows = session.execute(query.group_by(StatCounter.key)).all()
        return sorted(((key, int(n)) for key, n in rows), key=lambda row: (-row[1], row[0]))

    empty = []
    for key, n in totals("search_empty"):
        topic, place, fmt = [*key.split("|"), "", ""][:3]
        empty.append((topic, place, fmt, n))
    eligibility = []
    for key, n in totals("eligibility"):
        programme, verdict = [*key.split("|"), ""][:2]
        eligibility.append((programme, verdict, n))
    thumbs: dict[str, int] = {}
    for key, n in totals("thumbs", scoped=False):
        thumbs[key.split("|")[0]] = thumbs.get(key.split("|")[0], 0) + n
    return Report(
        grain=grain, period=period, periods=periods,
        overview=_overview(session, weeks, grain),
        topics=totals("topic"), empty_searches=empty, programmes=totals("funding_asked"),
        eligibility=eligibility, thumbs=sorted(thumbs.items(), key=lambda row: -row[1]),
        not_understood=_not_understood(session, scope, chosen, k),
        centres=_centres(session, scope, None if period == ALL else chosen), k=k,
    )


def _overview(session: Session, weeks: list[str], grain: str) -> list[Overview]:
    rows: dict[str, Overview] = {}
    query = (select(StatCounter.week, StatCounter.metric, func.sum(StatCounter.count))
             .where(StatCounter.metric.in_(("conversation", "message", "not_understood")))
             .group_by(StatCounter.week, StatCounter.metric))
    for week, metric, n in session.execute(query):
        row = rows.setdefault(period_of(week, grain), Overview(period_of(week, grain)))
        if metric == "conversation":
            row.conversations += int(n)
        elif metric == "message":
            row.messages += int(n)
        else:
            row.not_understood += int(n)
    return [rows[p] for p in sorted(rows, reverse=True)]


def _not_understood(session: Session, scope: Scope, weeks: list[str], k: int) -> list[tuple[str, int]]:
    """Masked messages sent by at least ``k`` distinct conversations in the chosen weeks and region."""
    region = scope.region
    distinct = func.count(func.distinct(NotUnderstoodSeen.conversation_hash))
    rows = session.execute(
        select(NotUnderstoodSeen.message, distinct)
        .where(NotUnderstoodSeen.week.in_(weeks), NotUnderstoodSeen.region.in_([region, ""]))
        .group_by(NotUnderstoodSeen.message).having(distinct >= k)
    ).all()
    return sorted(((m, int(n)) for m, n in rows), key=lambda row: (-row[1], row[0]))


def _centres(session: Session, scope: Scope, weeks: list[str] | None) -> list[CentreCases]:
    """Per centre of the scope: callbacks and handovers counted (kept after deletion) and, of those
    still stored, the number per status and the time to the first contact; ``weeks`` None: all."""
    query = select(CounsellingCentre).join(Region, Region.id == CounsellingCentre.region_id)
    query = (query.where(CounsellingCentre.slug == scope.centre) if scope.centre is not None
             else query.where(Region.slug == scope.region))
    found = []
    first, last = _span(weeks) if weeks is not None else (datetime.min, datetime.max)
    for centre in session.execute(query.order_by(CounsellingCentre.name)).scalars():
        cases = CentreCases(centre.slug, centre.name)
        for metric, n in session.execute(
            select(StatCounter.metric, func.sum(StatCounter.count))
            .where(StatCounter.centre == centre.slug, StatCounter.metric.in_(("callback", "handover")),
                   *([StatCounter.week.in_(weeks)] if weeks is not None else []))
            .group_by(StatCounter.metric)
        ):
            if metric == "callback":
                cases.callbacks_counted = int(n)
            else:
                cases.handovers_counted = int(n)
        hours: list[float] = []
        for model, kind, into in ((CallbackRequest, "callback", cases.callbacks),
                                  (Handover, "handover", cases.handovers)):
            records = session.execute(
                select(model.id, model.status, model.created_at)
                .where(model.centre_id == centre.id, model.created_at >= first, model.created_at < last)
            ).all()
            for _id, status, _at in records:
                into[status] = into.get(status, 0) + 1
            hours += _hours_to_first_contact(session, kind, {rid: at for rid, _s, at in records})
        cases.contacted = len(hours)
        cases.median_hours = round(median(hours), 1) if hours else None
        found.append(cases)
    return found


def _span(weeks: list[str]) -> tuple[datetime, datetime]:
    """From the Monday of the first chosen week to the Monday after the last one."""
    if not weeks:
        return datetime.max, datetime.max
    mondays = [date.fromisocalendar(int(w.split("-W")[0]), int(w.split("-W")[1]), 1) for w in weeks]
    return datetime.combine(min(mondays), datetime.min.time()), datetime.combine(
        max(mondays) + timedelta(days=7), datetime.min.time())


def _hours_to_first_contact(session: Session, kind: str, arrived: dict[int, datetime]) -> list[float]:
    """Hours from arrival to the first status change an advisor made, for each record that has one."""
    if not arrived:
        return []
    rows = session.execute(
        select(AuditEntry.record_id, func.min(AuditEntry.at))
        .where(AuditEntry.action == "status", AuditEntry.record_kind == kind, AuditEntry.record_id.in_(list(arrived)))
        .group_by(AuditEntry.record_id)
    ).all()
    return [max((at - arrived[rid]).total_seconds(), 0) / 3600 for rid, at in rows]
