"""bot/stats/report.py: weeks and months, answered vs not understood, and the scope of a region."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bot.db.models import CounsellingCentre, Region
from bot.stats.report import MONTH, WEEK, Scope, build, period_label, period_of
from bot.stats.store import record


def test_a_week_belongs_to_the_month_of_its_thursday() -> None:
    assert period_of("2026-W49", MONTH) == "2026-12"  # 30 Nov – 6 Dec: Thursday is 3 December
    assert period_of("2026-W48", MONTH) == "2026-11"
    assert period_of("2026-W01", MONTH) == "2026-01"  # 29 Dec 2025 – 4 Jan 2026: Thursday is 1 January
    assert period_of("2020-W53", MONTH) == "2020-12"  # 28 Dec 2020 – 3 Jan 2021: Thursday is 31 December
    assert period_label("2026-W49") == "KW 49/2026" and period_label("2026-12") == "12/2026"


def _day(session: Session, day: date, messages: int, not_understood: int) -> None:
    for _ in range(messages):
        record(session, "message", day=day)
    for _ in range(not_understood):
        record(session, "not_understood", day=day)


def test_weeks_and_months_add_up_and_answered_is_messages_minus_not_understood(session: Session) -> None:
    _day(session, date(2026, 11, 24), 4, 1)  # KW 48, November
    _day(session, date(2026, 12, 1), 5, 2)  # KW 49, December
    _day(session, date(2026, 12, 8), 3, 0)  # KW 50, December
    weekly = build(session, Scope("krefeld"), WEEK)
    assert [(o.period, o.messages, o.answered, o.not_understood) for o in weekly.overview] == [
        ("2026-W50", 3, 3, 0), ("2026-W49", 5, 3, 2), ("2026-W48", 4, 3, 1)]
    monthly = build(session, Scope("krefeld"), MONTH)
    assert [(o.period, o.messages, o.answered) for o in monthly.overview] == [("2026-12", 8, 6), ("2026-11", 4, 3)]
    assert monthly.periods == ["2026-12", "2026-11"]


def test_a_region_sees_its_rows_and_those_without_place_a_centre_only_its_own(session: Session) -> None:
    day = date(2026, 12, 1)
    record(session, "topic", "Pflege", day=day, region="krefeld", centre="vhs-krefeld")
    record(session, "topic", "Pflege", day=day, region="krefeld", centre="aa-krefeld")
    record(session, "topic", "Schweißen", day=day, region="bottrop", centre="vhs-bottrop")
    record(session, "topic", "Excel", day=day)  # no place named
    region = Region(slug="krefeld", name="Krefeld", state="NW")
    session.add(CounsellingCentre(region=region, slug="vhs-krefeld", name="VHS Krefeld", kind="vhs"))
    session.flush()
    assert build(session, Scope("krefeld")).topics == [("Pflege", 2), ("Excel", 1)]
    assert build(session, Scope("krefeld", "vhs-krefeld")).topics == [("Pflege", 1)]
    assert build(session, Scope("krefeld"), WEEK, "2026-W50").topics == [("Pflege", 2), ("Excel", 1)]  # unknown: all
    assert [c.name for c in build(session, Scope("krefeld")).centres] == ["VHS Krefeld"]
