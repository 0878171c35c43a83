"""The four roles: Beratung and Leitung work in their centre's inbox, Kontenverwaltung also manages
its accounts, Netzwerk sees no citizen's record at all and cannot be taken over by a centre's admin."""

from __future__ import annotations

import re

from sqlalchemy import select

from advisor.passwords import verify_password
from bot.db.models import Advisor
from bot.db.session import session_scope
from tests.advisor.conftest import PASSWORD, World
from tests.advisor.test_isolation import SECRETS

NETZ = "netzwerk@krefeld.example"
LENA = "lena@vhs-krefeld.example"
ADMIN = "leitung@vhs-krefeld.example"


def _nav(text: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Hauptnavigation">(.*?)</nav>', text, re.S)
    assert nav, "keine Hauptnavigation"
    return re.findall(r">([^<>]+)</a>", nav.group(1))


def test_netzwerk_lands_on_the_dashboard_and_sees_no_inbox(world: World) -> None:
    client = world.client()
    assert client.login(NETZ, PASSWORD).location == "/auswertung"
    assert client.get("/").location == "/auswertung"
    ids = world.ids
    for path in ("/rueckrufe", "/uebergaben", f"/rueckrufe/{ids['cb_own']}", f"/uebergaben/{ids['ho_own']}",
                 "/rueckrufe/export.csv", "/rueckrufe/export.ics", "/uebergaben/export.csv", "/verwaltung"):
        response = client.get(path)
        assert response.status == 403, path
        assert not any(secret in response.text for secret in SECRETS), path
    page = client.get("/konto/passwort")
    assert page.status == 200
    assert _nav(page.text) == ["Auswertung", "Angaben pflegen", "Passwort ändern"]
    assert "Angemeldet: Nina Netz (Netzwerk)" in page.text


def test_netzwerk_cannot_change_a_record(world: World) -> None:
    client = world.signed_in(NETZ)
    token = client.csrf("/konto/passwort")
    response = client.post(f"/uebergaben/{world.ids['ho_own']}/status", {"csrf": token, "status": "erledigt"})
    assert response.status == 403


def test_leitung_works_in_the_own_inbox_and_sees_the_dashboard_link(world: World) -> None:
    client = world.client()
    assert client.login(LENA, PASSWORD).location == "/rueckrufe"
    page = client.get("/rueckrufe")
    assert "Erika Mustermann" in page.text and "Olaf Geheim" not in page.text
    assert _nav(page.text) == ["Rückrufwünsche", "Übergaben", "Auswertung", "Passwort ändern"]
    assert client.get("/verwaltung").status == 403


def test_beratung_has_no_dashboard_link(world: World) -> None:
    page = world.signed_in("anna@vhs-krefeld.example").get("/rueckrufe")
    assert _nav(page.text) == ["Rückrufwünsche", "Übergaben", "Passwort ändern"]
    assert "Angemeldet: Anna Berger (Beratung)" in page.text


def test_admin_sees_the_centres_accounts_with_german_roles_but_not_the_netzwerk_account(world: World) -> None:
    client = world.signed_in(ADMIN)
    page = client.get("/verwaltung").text
    assert "<td>Leitung</td>" in page and "<td>Kontenverwaltung</td>" in page and "<td>Beratung</td>" in page
    assert NETZ not in page
    options = re.findall(r'<option value="([^"]+)">([^<]+)</option>', page)
    assert options == [("advisor", "Beratung"), ("admin", "Kontenverwaltung"), ("leitung", "Leitung")]
    token = client.csrf("/verwaltung")
    assert client.post(f"/verwaltung/konten/{world.ids['netz']}/passwort", {"csrf": token}).status == 404
    assert client.post(f"/verwaltung/konten/{world.ids['netz']}/entfernen", {"csrf": token}).status == 404
    with session_scope(world.db_url) as s:
        netz = s.get(Advisor, world.ids["netz"])
        assert netz is not None and verify_password(PASSWORD, netz.password_hash)


def test_admin_creates_a_leitung_account_but_never_a_netzwerk_account(world: World) -> None:
    client = world.signed_in(ADMIN)
    token = client.csrf("/verwaltung")
    for email, asked in (("neu.leitung@vhs-krefeld.example", "leitung"), ("schlau@vhs-krefeld.example", "netzwerk")):
        response = client.post("/verwaltung/konten", {"csrf": token, "name": "Neu", "email": email, "rolle": asked})
        assert response.status == 200 and email in response.text
    with session_scope(world.db_url) as s:
        roles = dict(s.execute(select(Advisor.email, Advisor.role).where(Advisor.name == "Neu")).all())
    assert roles == {"neu.leitung@vhs-krefeld.example": "leitung", "schlau@vhs-krefeld.example": "advisor"}
