"""Working through the inbox: detail views, status changes with audit log, filters, exports, accounts."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from bot.db.models_advisor import AuditEntry, RecordView
from bot.db.session import session_scope
from tests.advisor.conftest import PASSWORD, World

ANNA = "anna@vhs-krefeld.example"


def test_handover_detail_shows_summary_and_whole_transcript_in_order(world: World) -> None:
    client = world.signed_in(ANNA)
    text = client.get(f"/uebergaben/{world.ids['ho_own']}").text
    assert "Umschulung Pflege" in text and "Bildungsgutschein: wahrscheinlich ja" in text
    assert "Die Person wollte mit einem Menschen sprechen" in text
    turns = ["Ich möchte Pflegefachfrau werden", "Dafür gibt es den Bildungsgutschein.",
             "Ich will mit einem Menschen sprechen"]
    positions = [text.index(turn) for turn in turns]
    assert positions == sorted(positions)
    assert text.count("Bürgerin/Bürger") == 2 and text.count("Lotse (Chatbot)") == 1


def test_opening_a_record_is_logged_with_who_and_when(world: World) -> None:
    client = world.signed_in(ANNA)
    world.clock.advance(minutes=5)
    client.get(f"/rueckrufe/{world.ids['cb_own']}")
    with session_scope(world.db_url) as s:
        view = s.execute(select(RecordView)).scalar_one()
        assert (view.advisor_email, view.record_kind, view.record_id) == (ANNA, "callback", world.ids["cb_own"])
        assert view.at == world.clock.now
    assert client.get("/rueckrufe").status == 200
    with session_scope(world.db_url) as s:
        assert len(s.execute(select(RecordView)).all()) == 1  # lists are not views of a record


def test_status_change_is_saved_shown_and_audited(world: World) -> None:
    client = world.signed_in(ANNA)
    path = f"/uebergaben/{world.ids['ho_own']}"
    world.clock.advance(minutes=10)
    response = client.post(f"{path}/status", {"csrf": client.csrf(path), "status": "erledigt"})
    assert response.status == 303 and response.location == f"{path}?gespeichert=1"
    page = client.get(response.location).text
    assert "Der Status wurde gespeichert." in page and "Status: Erledigt" in page
    assert "Neu → Erledigt" in page and ANNA in page
    with session_scope(world.db_url) as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "status")).scalar_one()
        assert (entry.advisor_email, entry.old_value, entry.new_value) == (ANNA, "neu", "erledigt")
        assert entry.at == world.clock.now


def test_unknown_status_is_refused(world: World) -> None:
    client = world.signed_in(ANNA)
    path = f"/uebergaben/{world.ids['ho_own']}"
    assert client.post(f"{path}/status", {"csrf": client.csrf(path), "status": "storniert"}).status == 400


def test_filters_by_status_date_and_topic(world: World) -> None:
    client = world.signed_in(ANNA)
    path = f"/rueckrufe/{world.ids['cb_own']}"
    client.post(f"{path}/status", {"csrf": client.csrf(path), "status": "in_bearbeitung"})
    assert _refs(client.get("/rueckrufe?status=in_bearbeitung").text) == ["WL-KRE111"]
    assert _refs(client.get("/rueckrufe?status=neu").text) == ["WL-KRE222"]
    assert _refs(client.get("/rueckrufe?von=2026-11-10").text) == ["WL-KRE111"]
    assert _refs(client.get("/rueckrufe?bis=2026-11-02").text) == ["WL-KRE222"]
    assert _refs(client.get("/rueckrufe?thema=buchhalt").text) == ["WL-KRE222"]
    assert _refs(client.get("/uebergaben?thema=pflege").text) == ["WL-KRE444"]
    assert _refs(client.get("/uebergaben?thema=schweissen").text) == []


def _refs(page: str) -> list[str]:
    return [ref for ref in ("WL-KRE111", "WL-KRE222", "WL-KRE444") if f">{ref}</a>" in page]


def test_csv_export_opens_in_german_excel_and_defuses_formulas(world: World) -> None:
    client = world.signed_in(ANNA)
    response = client.get("/rueckrufe/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["Referenz", "Status", "Eingang", "Name", "Telefon"]
    assert rows[1][:5] == ["WL-KRE111", "Neu", "20.11.2026 10:00", "Erika Mustermann", "+4921511234567"]
    assert rows[2][3] == "'=HYPERLINK(\"x\")"  # the formula-like name is shown, not executed
    with session_scope(world.db_url) as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "export")).scalar_one()
        assert entry.advisor_email == ANNA and entry.new_value == "csv: 2 Einträge"


def test_ics_export_has_one_event_per_open_callback_with_a_window(world: World) -> None:
    client = world.signed_in(ANNA)
    text = client.get("/rueckrufe/export.ics?thema=pflege").text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "UID:WL-KRE111@weiterbildungslotse" in text and "DTSTART:20261124T090000" in text
    assert "DTEND:20261124T120000" in text and "SUMMARY:Rückruf WL-KRE111: Erika Mustermann" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_admin_creates_an_account_that_can_log_in(world: World) -> None:
    admin = world.signed_in("leitung@vhs-krefeld.example")
    form = {"csrf": admin.csrf("/verwaltung"), "name": "Neue Kollegin", "email": "neu@vhs-krefeld.example"}
    page = admin.post("/verwaltung/konten", form).text
    assert "Es wird nur dieses eine Mal angezeigt." in page
    password = page.split('class="passwort">')[1].split("<")[0]
    newcomer = world.client()
    assert newcomer.login("neu@vhs-krefeld.example", password).status == 303
    assert "Erika Mustermann" in newcomer.get("/rueckrufe").text
    again = admin.post("/verwaltung/konten", {**form, "csrf": admin.csrf("/verwaltung")})
    assert again.status == 400 and "Es gibt schon ein Konto" in again.text


def test_password_reset_by_admin_ends_the_old_password_and_sessions(world: World) -> None:
    anna = world.signed_in(ANNA)
    admin = world.signed_in("leitung@vhs-krefeld.example")
    page = admin.post(f"/verwaltung/konten/{world.ids['anna']}/passwort", {"csrf": admin.csrf("/verwaltung")}).text
    new_password = page.split('class="passwort">')[1].split("<")[0]
    assert anna.get("/rueckrufe").status == 303
    assert world.client().login(ANNA, PASSWORD).status == 401
    assert world.client().login(ANNA, new_password).status == 303
