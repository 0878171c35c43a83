"""Authorisation: nothing without login, nothing from another centre, admin pages only for admins."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.models import CallbackRequest, Handover
from bot.db.models_advisor import AuditEntry
from bot.db.session import session_scope
from tests.advisor.conftest import World

ANNA = "anna@vhs-krefeld.example"
#: Things that must never leak: contact data and transcript text of both centres.
SECRETS = ("Erika Mustermann", "+4921511234567", "Olaf Geheim", "Ich möchte Pflegefachfrau werden",
           "Geheimer Verlauf aus Bottrop", "erika@example.org")


def _paths(world: World) -> list[str]:
    ids = world.ids
    return ["/rueckrufe", "/uebergaben", f"/rueckrufe/{ids['cb_own']}", f"/uebergaben/{ids['ho_own']}",
            "/rueckrufe/export.csv", "/rueckrufe/export.ics", "/verwaltung", "/"]


def test_no_page_shows_records_without_login(world: World) -> None:
    client = world.client()
    for path in _paths(world):
        response = client.get(path)
        assert response.status == 303 and response.location in ("/anmelden", "/rueckrufe"), path
        assert not any(secret in response.text for secret in SECRETS), path


def test_no_post_works_without_login(world: World) -> None:
    client = world.client()
    response = client.post(f"/uebergaben/{world.ids['ho_own']}/status", {"status": "erledigt", "csrf": "x"})
    assert response.status == 303 and response.location == "/anmelden"
    with session_scope(world.db_url) as s:
        assert s.get(Handover, world.ids["ho_own"]).status == "neu"


@pytest.mark.parametrize("path", ["rueckrufe/{cb_other}", "uebergaben/{ho_other}"])
def test_records_of_another_centre_are_not_found(world: World, path: str) -> None:
    client = world.signed_in(ANNA)
    response = client.get("/" + path.format(**world.ids))
    assert response.status == 404
    assert "Olaf Geheim" not in response.text and "Geheimer Verlauf" not in response.text


@pytest.mark.parametrize(("segment", "key", "model"), [
    ("rueckrufe", "cb_other", CallbackRequest), ("uebergaben", "ho_other", Handover),
])
def test_status_of_another_centres_record_cannot_be_changed(world: World, segment: str, key: str, model: type) -> None:
    client = world.signed_in(ANNA)
    token = client.csrf("/rueckrufe")
    response = client.post(f"/{segment}/{world.ids[key]}/status", {"csrf": token, "status": "erledigt"})
    assert response.status == 404
    with session_scope(world.db_url) as s:
        assert s.get(model, world.ids[key]).status == "neu"
        assert s.execute(select(AuditEntry).where(AuditEntry.action == "status")).first() is None


def test_lists_and_exports_contain_only_the_own_centre(world: World) -> None:
    client = world.signed_in(ANNA)
    for path in ("/rueckrufe", "/uebergaben", "/rueckrufe/export.csv", "/rueckrufe/export.ics"):
        text = client.get(path).text
        assert "WL-BOT333" not in text and "WL-BOT555" not in text and "Olaf Geheim" not in text, path
    assert "WL-KRE111" in client.get("/rueckrufe/export.csv").text


def test_other_centre_sees_its_own_records_only(world: World) -> None:
    client = world.signed_in("bernd@aa-bottrop.example")
    assert "Olaf Geheim" in client.get("/rueckrufe").text
    assert "Erika Mustermann" not in client.get("/rueckrufe").text
    assert client.get(f"/uebergaben/{world.ids['ho_own']}").status == 404


def test_advisors_cannot_manage_accounts(world: World) -> None:
    client = world.signed_in(ANNA)
    assert client.get("/verwaltung").status == 403
    token = client.csrf("/rueckrufe")
    response = client.post("/verwaltung/konten", {"csrf": token, "name": "X", "email": "x@example.org"})
    assert response.status == 403


def test_admin_cannot_touch_accounts_of_another_centre(world: World) -> None:
    client = world.signed_in("leitung@vhs-krefeld.example")
    token = client.csrf("/verwaltung")
    response = client.post(f"/verwaltung/konten/{world.ids['bernd']}/passwort", {"csrf": token})
    assert response.status == 404
    assert "bernd@aa-bottrop.example" not in client.get("/verwaltung").text
    assert world.signed_in("bernd@aa-bottrop.example")  # Bernd's password still works


def test_every_post_needs_the_session_csrf_token(world: World) -> None:
    client = world.signed_in(ANNA)
    other = world.signed_in("leitung@vhs-krefeld.example")
    foreign_token = other.csrf("/rueckrufe")
    path = f"/uebergaben/{world.ids['ho_own']}/status"
    assert client.post(path, {"status": "erledigt"}).status == 403
    assert client.post(path, {"status": "erledigt", "csrf": foreign_token}).status == 403
    assert client.post("/abmelden", {}).status == 403
    with session_scope(world.db_url) as s:
        assert s.get(Handover, world.ids["ho_own"]).status == "neu"
