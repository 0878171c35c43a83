"""Course start wishes ("ab März", "im Januar", "nächsten Monat", "ab dem 15.3.") and the start filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import CourseDate
from bot.search import CourseQuery, search_courses
from bot.search.start_window import StartWindow, clears_start_window, follow_start_wishes, read_start_window
from tests.bot.search.sample_offer import DEMO_DAY as TODAY


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("ab März", date(2027, 3, 1), None, "ab März 2027"),
        ("Ich suche einen Pflegekurs in Krefeld ab März", date(2027, 3, 1), None, "ab März 2027"),
        ("im Januar", date(2027, 1, 1), date(2027, 1, 31), "im Januar 2027"),
        ("gibt es die auch im Januar?", date(2027, 1, 1), date(2027, 1, 31), "im Januar 2027"),
        ("nächsten Monat", date(2026, 12, 1), date(2026, 12, 31), "im Dezember 2026"),
        ("naechsten monat", date(2026, 12, 1), date(2026, 12, 31), "im Dezember 2026"),
        ("erst ab nächstem Monat", date(2026, 12, 1), None, "ab Dezember 2026"),
        ("ab dem 15.3.", date(2027, 3, 15), None, "ab dem 15.03.2027"),
        ("ab 15.3", date(2027, 3, 15), None, "ab dem 15.03.2027"),
        ("Excel Kurs ab dem 15. März", date(2027, 3, 15), None, "ab dem 15.03.2027"),
        ("Deutschkurs ab dem 1.2.2027", date(2027, 2, 1), None, "ab dem 01.02.2027"),
        ("15.12.", date(2026, 12, 15), None, "ab dem 15.12.2026"),  # a bare date: from that day on
        ("im November", TODAY, date(2026, 11, 30), "im November 2026"),  # this month: from today on
        ("Beginn frühestens im Mai", date(2027, 5, 1), None, "ab Mai 2027"),
        ("bis Ende Januar", TODAY, date(2027, 1, 31), "bis Ende Januar 2027"),
        ("zwischen März und Mai", date(2027, 3, 1), date(2027, 5, 31), "ab März 2027 bis Ende Mai 2027"),
        ("vom 1.3. bis zum 15.3.", date(2027, 3, 1), date(2027, 3, 15), "ab dem 01.03.2027 bis zum 15.03.2027"),
        ("Anfang Februar", date(2027, 2, 1), date(2027, 2, 10), "Anfang Februar 2027"),
        ("nächste Woche", date(2026, 11, 30), date(2026, 12, 6), "zwischen dem 30.11. und dem 06.12.2026"),
        ("ab nächster Woche", date(2026, 11, 30), None, "ab dem 30.11.2026"),
        ("in zwei Monaten", date(2027, 1, 1), date(2027, 1, 31), "im Januar 2027"),
        ("nur Kurse die im Sommer starten", date(2027, 6, 1), date(2027, 8, 31), "im Sommer 2027"),
        ("im Winter", date(2026, 12, 1), date(2027, 2, 28), "im Winter 2026/27"),
    ],
)
def test_german_start_wishes_become_a_window(text: str, first: date, last: date | None, label: str) -> None:
    assert read_start_window(text, TODAY) == StartWindow(first, last, label)


@pytest.mark.parametrize(
    "text",
    [
        "nur abends",  # a schedule, although the callback time rules read it as tomorrow evening
        "nur samstags",
        "am Wochenende",
        "lieber online",
        "Kurse unter 1.500 Euro",
        "um 14.30 Uhr",
        "ab 31.02.",  # no such day: no window rather than a wrong one
        "Ich bin Jan und suche einen Kurs",  # "Jan" is a name here, not January
        "Deutschkurs B1",
        "Details zu 5",
    ],
)
def test_words_that_name_no_start_leave_the_search_alone(text: str) -> None:
    assert read_start_window(text, TODAY) is None


def test_citizens_can_drop_the_start_wish() -> None:
    assert clears_start_window("Der Starttermin ist mir egal")
    assert clears_start_window("egal wann")
    assert not clears_start_window("ab März")


def test_each_new_wish_replaces_the_last_and_other_messages_keep_it() -> None:
    march = read_start_window("ab März", TODAY)
    assert follow_start_wishes(["Pflegekurs ab März", "Krefeld"], TODAY, None) == march
    assert follow_start_wishes(["lieber online", "nur abends"], TODAY, march) == march
    assert follow_start_wishes(["doch lieber im Januar"], TODAY, march) == read_start_window("im Januar", TODAY)
    assert follow_start_wishes(["egal wann"], TODAY, march) is None


def test_the_window_survives_the_slot_round_trip() -> None:
    window = read_start_window("zwischen März und Mai", TODAY)
    assert window is not None
    assert StartWindow.from_slot(window.as_slot()) == window
    assert StartWindow.from_slot({"first": "kein Datum"}) is None
    assert StartWindow.from_slot("ab März") is None


def _starts(session: Session, course_id: int) -> list[date]:
    return list(session.execute(select(CourseDate.start_date).where(CourseDate.course_id == course_id)).scalars())


def test_a_month_shows_only_courses_starting_in_it(demo: Session) -> None:
    window = read_start_window("im Januar", TODAY)
    assert window is not None
    query = CourseQuery(text="Pflege", place="Krefeld", today=TODAY, page_size=100)
    everything = search_courses(demo, query)
    january = search_courses(demo, replace(query, start_after=window.first, start_before=window.last))
    assert 0 < january.total < everything.total
    for hit in january.hits:
        assert window.first <= hit.next_start <= window.last  # the card shows the January run
    in_january = {h.course_id for h in everything.hits
                  if any(window.first <= d <= window.last for d in _starts(demo, h.course_id))}
    assert {h.course_id for h in january.hits} == in_january


def test_from_a_day_on_keeps_later_runs_and_drops_earlier_ones(demo: Session) -> None:
    window = read_start_window("ab dem 15.3.", TODAY)
    assert window is not None and window.last is None
    found = search_courses(demo, CourseQuery(text="Excel", today=TODAY, start_after=window.first, page_size=100))
    assert found.total > 0
    for hit in found.hits:
        assert hit.next_start >= date(2027, 3, 15)
        assert max(_starts(demo, hit.course_id)) >= date(2027, 3, 15)
