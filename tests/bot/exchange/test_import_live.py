"""Imported data is live: a running bot finds newly imported courses without retraining or restart.

The search keeps its index per database in memory (``bot.search.cache``) and rechecks the offer's
fingerprint every ``RECHECK_SECONDS``. Here the search runs in this process, warm, while the import
runs as the city's staff run it (``lotse db import``, its own session and commit); the test clock then
moves past the recheck interval, as a running action server's would.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.db.session import session_scope
from bot.search import cache
from tests.bot.exchange.real_data import KURSNET, OPENVHS, VHS_BERLIN, add_topics, cards

SUMMER_2023 = date(2023, 7, 1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def wait_for_recheck(self) -> None:
        self.now += cache.RECHECK_SECONDS + 0.1


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(cache, "time", clock)
    return clock


def search(url: str, text: str, today: date, place: str | None = None) -> list[str]:
    with session_scope(url) as session:  # a session per action call, as the action server does
        return cards(session, text, today, place)


def test_the_running_search_finds_a_course_imported_meanwhile(db_url: str, clock: Clock) -> None:
    with session_scope(db_url) as session:
        add_topics(session)
    assert search(db_url, "Forschungsmethoden", SUMMER_2023) == []  # index built, nothing there yet
    assert main(["--db", db_url, "db", "import", str(KURSNET)]) == 0
    clock.wait_for_recheck()
    [card] = search(db_url, "Forschungsmethoden", SUMMER_2023)
    assert card.startswith("1. Consultant für Forschungsmethoden im Therapiewesen (m/w/d)\n")


def test_an_ended_run_disappears_from_the_running_search(db_url: str, clock: Clock, tmp_path: Path) -> None:
    """Ending a run changes no row count: only the offer version the import raises tells the cache."""
    with session_scope(db_url) as session:
        add_topics(session)
    assert main(["--db", db_url, "db", "import", str(OPENVHS), "--anbieter", VHS_BERLIN]) == 0
    autumn = date(2020, 10, 1)
    assert any(c.startswith("1. Spanisch A1.2") for c in search(db_url, "Spanisch", autumn, "Berlin"))
    text = OPENVHS.read_text(encoding="utf-8")
    start = text.index("    <veranstaltung>\n        <guid>578841")
    shorter = tmp_path / "programm.xml"
    shorter.write_text(text[:start] + text[text.index("    <veranstaltung>\n        <guid>569060"):], encoding="utf-8")
    assert main(["--db", db_url, "db", "import", str(shorter), "--anbieter", VHS_BERLIN]) == 0
    clock.wait_for_recheck()
    assert not any("Spanisch A1.2" in c for c in search(db_url, "Spanisch", autumn, "Berlin"))
