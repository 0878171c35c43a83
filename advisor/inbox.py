"""Reading and changing callbacks and handovers, always within the advisor's own centre.

Every query here takes the advisor and filters by their centre, so a page cannot forget the
check: a record of another centre is simply not found (and the page answers 404, which also
does not reveal that it exists).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import Advisor, CallbackRequest, Handover
from bot.db.models_advisor import AuditEntry, RecordView

#: Status values with their German labels, in the order an advisor works through them.
STATUSES = {"neu": "Neu", "in_bearbeitung": "In Bearbeitung", "erledigt": "Erledigt", "storniert": "Storniert"}
#: Citizens cancel callbacks, not handovers; advisors do not "cancel" a handover either.
HANDOVER_STATUSES = ("neu", "in_bearbeitung", "erledigt")
KINDS: dict[str, type[Any]] = {"callback": CallbackRequest, "handover": Handover}
LIST_LIMIT = 500


#: Dates outside these years are typing errors (and 9999-12-31 plus a day is no date at all).
YEARS = range(2000, 2101)
MAX_TOPIC_CHARS = 100
FIELD_NAMES = {"von": "Eingang ab", "bis": "Eingang bis"}


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    since: date | None = None
    until: date | None = None
    topic: str | None = None
    #: What was wrong with the query, in German for the page; such values are not applied.
    problems: tuple[str, ...] = ()

    @classmethod
    def parse(cls, args: dict[str, str]) -> Filters:
        """Filters from the query string; a value that makes no sense is left out and named in ``problems``."""
        problems: list[str] = []
        status = args.get("status") or None
        if status is not None and status not in STATUSES:
            problems.append(f"Den Status „{status[:40]}“ gibt es nicht. Bitte wählen Sie einen aus der Liste.")
            status = None
        since, until = (_date(args.get(field), FIELD_NAMES[field], problems) for field in ("von", "bis"))
        if since and until and since > until:
            problems.append("„Eingang ab“ liegt nach „Eingang bis“. Bitte tauschen Sie die beiden Daten.")
        topic = (args.get("thema") or "").strip() or None
        if topic is not None and len(topic) > MAX_TOPIC_CHARS:
            problems.append(f"Das Thema ist zu lang. Bitte suchen Sie mit höchstens {MAX_TOPIC_CHARS} Zeichen.")
            topic = None
        return cls(status=status, since=since, until=until, topic=topic, problems=tuple(problems))


def _date(value: str | None, name: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        problems.append(f"„{name}“: „{value[:40]}“ ist kein Datum. Bitte wählen Sie ein Datum wie 24.11.2026.")
        return None
    if day.year not in YEARS:
        problems.append(f"„{name}“: Bitte wählen Sie ein Datum zwischen {YEARS[0]} und {YEARS[-1]}.")
        return None
    return day


def callbacks(session: Session, advisor: Advisor, filters: Filters) -> list[CallbackRequest]:
    query = select(CallbackRequest).where(CallbackRequest.centre_id == advisor.centre_id)
    query = _common(query, CallbackRequest, filters)
    if filters.topic:
        query = query.where(func.lower(CallbackRequest.topic).contains(filters.topic.lower(), autoescape=True))
    return list(session.execute(query.order_by(CallbackRequest.created_at.desc()).limit(LIST_LIMIT)).scalars())


def handovers(session: Session, advisor: Advisor, filters: Filters) -> list[Handover]:
    query = _common(select(Handover).where(Handover.centre_id == advisor.centre_id), Handover, filters)
    rows = session.execute(query.order_by(Handover.created_at.desc()).limit(LIST_LIMIT)).scalars()
    if not filters.topic:
        return list(rows)
    # The topic lives inside the JSON summary; filtering in Python keeps SQLite and PostgreSQL alike.
    needle = filters.topic.lower()
    return [row for row in rows if needle in str((row.summary or {}).get("topic") or "").lower()]


def _common(query: Any, model: type[Any], filters: Filters) -> Any:
    if filters.status:
        query = query.where(model.status == filters.status)
    if filters.since:
        query = query.where(model.created_at >= datetime.combine(filters.since, time.min))
    if filters.until:
        query = query.where(model.created_at < datetime.combine(filters.until + timedelta(days=1), time.min))
    return query


def get(session: Session, advisor: Advisor, kind: str, record_id: int) -> CallbackRequest | Handover | None:
    model = KINDS.get(kind)
    if model is None:
        return None
    return session.execute(
        select(model).where(model.id == record_id, model.centre_id == advisor.centre_id)
    ).scalar_one_or_none()


def open_record(
    session: Session, advisor: Advisor, kind: str, record_id: int, now: datetime
) -> CallbackRequest | Handover | None:
    """The record for the detail page, with the view logged (who looked at whose data, when)."""
    record = get(session, advisor, kind, record_id)
    if record is not None:
        session.add(RecordView(at=now, advisor_id=advisor.id, advisor_email=advisor.email,
                               record_kind=kind, record_id=record.id))
    return record


def allowed_statuses(kind: str) -> tuple[str, ...]:
    return HANDOVER_STATUSES if kind == "handover" else tuple(STATUSES)


def change_status(
    session: Session, advisor: Advisor, kind: str, record_id: int, status: str, now: datetime
) -> CallbackRequest | Handover | None:
    """Set a new status and write it to the audit log. None when the record is not the advisor's."""
    record = get(session, advisor, kind, record_id)
    if record is None:
        return None
    if status not in allowed_statuses(kind):
        raise ValueError(status)
    if record.status != status:
        audit(session, advisor, "status", now, kind, record.id, record.status, status)
        record.status = status
        if kind == "callback" and status == "in_bearbeitung" and record.advisor_id is None:
            record.advisor_id = advisor.id
    return record


def audit(
    session: Session, advisor: Advisor, action: str, now: datetime, kind: str | None = None,
    record_id: int | None = None, old: str | None = None, new: str | None = None,
) -> None:
    session.add(AuditEntry(at=now, advisor_id=advisor.id, advisor_email=advisor.email, action=action,
                           record_kind=kind, record_id=record_id, old_value=old, new_value=new))


def history(session: Session, kind: str, record_id: int) -> list[AuditEntry]:
    return list(session.execute(
        select(AuditEntry).where(AuditEntry.record_kind == kind, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).scalars())


def views(session: Session, kind: str, record_id: int) -> list[RecordView]:
    return list(session.execute(
        select(RecordView).where(RecordView.record_kind == kind, RecordView.record_id == record_id)
        .order_by(RecordView.at.desc(), RecordView.id.desc()).limit(20)
    ).scalars())
