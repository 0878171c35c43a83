"""Passwords: weak or common ones are refused (CLI and web), and advisors change their own."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.db.models import Advisor
from bot.db.models_advisor import AuditEntry
from bot.db.session import session_scope
from tests.advisor.conftest import PASSWORD, World, populate

ANNA = "anna@vhs-krefeld.example"
STRONG = "Tisch-Wolke-Geige-Sand"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def add_with_typed_password(db_url: str, password: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": password)
    return main(["--db", db_url, "advisor", "add", "--centre", "aa-bottrop", "--email", "nora.neu@aa.example",
                 "--name", "Nora Neumann"])


@pytest.mark.parametrize(
    "weak", ["passwort1234", "Passwort1234!", "Sommer2026!", "qwertzuiop123", "weiterbildungslotse1",
             "nora.neumann2026", "123456789012", "kurz"]
)
def test_lotse_advisor_add_refuses_a_weak_or_common_password(
    db_url: str, weak: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    populate(db_url)
    assert add_with_typed_password(db_url, weak, monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Das Passwort") or err.startswith("Fehler: Dieses Passwort ist zu leicht")
    with session_scope(db_url) as s:
        assert s.execute(select(Advisor).where(Advisor.email == "nora.neu@aa.example")).first() is None


def test_lotse_advisor_add_takes_a_long_unusual_password(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    populate(db_url)
    assert add_with_typed_password(db_url, STRONG, monkeypatch) == 0
    assert "Konto nora.neu@aa.example (Beratung)" in capsys.readouterr().out


def change(client, current: str, new: str, again: str | None = None):  # type: ignore[no-untyped-def]
    form = {"csrf": client.csrf("/konto/passwort"), "aktuell": current, "neu": new,
            "wiederholung": new if again is None else again}
    return client.post("/konto/passwort", form)


def test_an_advisor_changes_her_own_password(world: World) -> None:
    anna = world.signed_in(ANNA)
    other_browser = world.signed_in(ANNA)
    assert 'href="/konto/passwort"' in anna.get("/rueckrufe").text
    response = change(anna, PASSWORD, STRONG)
    assert response.status == 200 and "Ihr Passwort wurde geändert." in response.text
    assert anna.get("/rueckrufe").status == 200  # this browser stays signed in
    assert other_browser.get("/rueckrufe").status == 303  # every other session ended
    assert world.client().login(ANNA, PASSWORD).status == 401
    assert world.client().login(ANNA, STRONG).status == 303
    with session_scope(world.db_url) as s:
        assert s.execute(select(AuditEntry).where(AuditEntry.action == "passwort_geaendert")).scalar_one()


@pytest.mark.parametrize(
    ("current", "new", "again", "told"),
    [
        ("falsch-falsch-falsch", STRONG, None, "Das bisherige Passwort stimmt nicht."),
        (PASSWORD, STRONG, "Tisch-Wolke-Geige-Salz", "Die beiden neuen Passwörter stimmen nicht überein."),
        (PASSWORD, PASSWORD, None, "Das neue Passwort muss sich vom bisherigen unterscheiden."),
        (PASSWORD, "passwort1234", None, "Dieses Passwort ist zu leicht zu erraten"),
        (PASSWORD, "Anna-Berger-2026", None, "Das Passwort darf Ihren Namen und Ihre E-Mail-Adresse nicht enthalten."),
    ],
)
def test_a_refused_change_says_why_and_keeps_the_password(
    world: World, current: str, new: str, again: str | None, told: str
) -> None:
    anna = world.signed_in(ANNA)
    response = change(anna, current, new, again)
    assert response.status == 400 and told in response.text
    assert world.client().login(ANNA, PASSWORD).status == 303


def test_guessing_the_current_password_in_a_left_open_browser_is_throttled(world: World) -> None:
    anna = world.signed_in(ANNA)
    for _ in range(5):
        assert change(anna, "geraten-geraten", STRONG).status == 400
    response = change(anna, PASSWORD, STRONG)
    assert response.status == 429 and "Zu viele falsche Passwörter" in response.text
