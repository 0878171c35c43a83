"""Versions of edited facts: each change is kept with author, time, source and Stand; taking one back
brings the previous value (or the seed data) back, and is itself attributed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.db.models import Advisor
from bot.db.models_edits import FactEdit
from bot.db.session import session_scope
from bot.edits import EditError, current_values, history, revert, set_fact
from tests.bot.edits.conftest import NOW, People

SOURCE = "https://www.vhs-krefeld.de/kontakt"


def edit(db_url: str, who: int, field: str, value: str, minutes: int = 0, stand: str = "2026-12-01") -> int:
    with session_scope(db_url) as s:
        author = s.get(Advisor, who)
        return set_fact(s, "centre", "vhs-krefeld", field, value, SOURCE, stand, author,
                        NOW + timedelta(minutes=minutes)).id


def phone_now(db_url: str) -> str | None:
    with session_scope(db_url) as s:
        current = current_values(s).get(("centre", "vhs-krefeld", "phone"))
        return current.value if current else None


def test_a_change_is_stored_with_who_when_source_and_stand(db_url: str, people: People) -> None:
    edit(db_url, people.anna, "phone", "02151 86 26 00")
    with session_scope(db_url) as s:
        (row,) = history(s, "centre", "vhs-krefeld")
        assert (row.value, row.author_email, row.created_at) == ("02151 86 26 00", "anna@netzwerk.example", NOW)
        assert (row.source_url, row.stand) == (SOURCE, date(2026, 12, 1))
    assert phone_now(db_url) == "02151 86 26 00"


def test_the_newest_version_counts_and_reverting_it_brings_back_the_one_before(db_url: str, people: People) -> None:
    first = edit(db_url, people.anna, "phone", "02151 11 11 11")
    second = edit(db_url, people.bernd, "phone", "02151 22 22 22", minutes=5)
    assert phone_now(db_url) == "02151 22 22 22"
    with session_scope(db_url) as s:
        revert(s, second, s.get(Advisor, people.anna), NOW + timedelta(minutes=9))
    assert phone_now(db_url) == "02151 11 11 11"
    with session_scope(db_url) as s:
        revert(s, first, s.get(Advisor, people.anna), NOW + timedelta(minutes=10))
    assert phone_now(db_url) is None  # nothing edited: the seed data counts again
    with session_scope(db_url) as s:
        rows = history(s, "centre", "vhs-krefeld")
        assert [r.value for r in rows] == ["02151 22 22 22", "02151 11 11 11"]  # newest first, nothing deleted
        assert rows[0].reverted_by_email == "anna@netzwerk.example"
        assert rows[0].reverted_at == NOW + timedelta(minutes=9)


def test_a_version_is_taken_back_only_once(db_url: str, people: People) -> None:
    only = edit(db_url, people.anna, "phone", "02151 11 11 11")
    with session_scope(db_url) as s:
        revert(s, only, s.get(Advisor, people.bernd), NOW)
    with session_scope(db_url) as s, pytest.raises(EditError) as caught:
        revert(s, only, s.get(Advisor, people.bernd), NOW)
    assert caught.value.message() == "Diese Änderung wurde bereits zurückgenommen."
    with session_scope(db_url) as s, pytest.raises(EditError) as missing:
        revert(s, 999, s.get(Advisor, people.bernd), NOW)
    assert "Diese Änderung gibt es nicht" in missing.value.message()


def test_fields_are_independent(db_url: str, people: People) -> None:
    edit(db_url, people.anna, "phone", "02151 11 11 11")
    edit(db_url, people.anna, "opening_hours", "Mo–Fr 09:00–13:00", minutes=1)
    with session_scope(db_url) as s:
        current = current_values(s)
    assert current[("centre", "vhs-krefeld", "phone")].value == "02151 11 11 11"
    assert current[("centre", "vhs-krefeld", "opening_hours")].value == {
        day: [["09:00", "13:00"]] for day in ("mo", "di", "mi", "do", "fr")
    }


def test_nothing_is_stored_without_a_source_or_with_a_stand_in_the_future(db_url: str, people: People) -> None:
    with session_scope(db_url) as s, pytest.raises(EditError):
        set_fact(s, "centre", "vhs-krefeld", "phone", "02151 86 26 00", "", "2026-12-01", s.get(Advisor, people.anna),
                 NOW)
    with session_scope(db_url) as s, pytest.raises(EditError) as future:
        set_fact(s, "centre", "vhs-krefeld", "phone", "02151 86 26 00", SOURCE, "2026-12-08",
                 s.get(Advisor, people.anna), NOW)
    assert "liegt in der Zukunft" in future.value.message()
    with session_scope(db_url) as s, pytest.raises(EditError) as unknown:
        set_fact(s, "centre", "vhs-krefeld", "name", "Andere VHS", SOURCE, "2026-12-01", s.get(Advisor, people.anna),
                 NOW)
    assert unknown.value.message() == "Diese Angabe kann hier nicht geändert werden."
    with session_scope(db_url) as s:
        assert s.query(FactEdit).count() == 0


def test_a_removed_account_stays_named_in_the_history(db_url: str, people: People) -> None:
    edit(db_url, people.anna, "phone", "02151 11 11 11")
    with session_scope(db_url) as s:
        s.delete(s.get(Advisor, people.anna))
    with session_scope(db_url) as s:
        (row,) = history(s)
        assert (row.author_id, row.author_email) == (None, "anna@netzwerk.example")
