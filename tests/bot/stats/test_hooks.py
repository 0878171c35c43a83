"""bot/stats/hooks.py: counting from many threads at once loses nothing; a failure never raises."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from bot.db.session import session_scope
from bot.stats import hooks
from bot.stats.store import counts


def test_messages_counted_at_the_same_moment_are_all_counted(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    monkeypatch.delenv("LOTSE_REGION", raising=False)
    start = threading.Barrier(8)

    def count() -> None:
        start.wait()
        hooks.message(day=date(2026, 12, 7))

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with session_scope(db_url) as s:
        assert counts(s, "message") == {"": 8}


def test_without_a_counter_table_nothing_raises_and_the_log_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", f"sqlite:///{tmp_path / 'leer.sqlite3'}")
    hooks.message()
    hooks.search(["Pflege"], "Krefeld", None, found=False)
    assert [r.getMessage() for r in caplog.records] == ["Auswertung: nicht gezählt (OperationalError)"] * 2
