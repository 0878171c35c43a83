"""/auswertung: the figures of a scripted set of conversations, as each role sees them (real app, real HTTP).

The conversations run through the real actions on the demo data (tests/actions/test_stats_counting.py),
so the dashboard shows what the bot counted, not numbers written for the test.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.db.models import Handover
from bot.db.session import session_scope
from tests.advisor.conftest import Dashboard
from tests.advisor.harness import Client


def rows(html: str, heading_id: str) -> list[list[str]]:
    """The body rows of the table under the heading ``heading_id``, as the cells' texts."""
    table = re.search(rf'<table aria-describedby="{heading_id}">(.*?)</table>', html, re.S)
    if table is None:
        return []
    body = re.search(r"<tbody>(.*?)</tbody>", table.group(1), re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_netzwerk_bottrop_sees_the_welding_course_nobody_offers(dashboard: Dashboard) -> None:
    page = dashboard.signed_in("netz.bottrop@example.org").get("/auswertung")
    assert page.status == 200
    assert "Zahlen der Region Bottrop." in page.text
    assert rows(page.text, "ohne-kurs") == [["Schweißen", "Bottrop", "online", "1"]]
    assert rows(page.text, "themen") == [["Schweißen", "1"]]  # the Krefeld searches are not Bottrop's
    assert '<svg class="balken" role="img" aria-labelledby="ohne-kurs-balken-titel"' in page.text
    title = "Suchen ohne passenden Kurs: Schweißen · Bottrop · online 1"
    assert f'<title id="ohne-kurs-balken-titel">{title}</title>' in page.text


def test_a_not_understood_message_is_listed_from_five_conversations_only(dashboard: Dashboard) -> None:
    page = dashboard.signed_in("netz.bottrop@example.org").get("/auswertung").text
    assert rows(page, "nicht-verstanden") == [["gibt es zuschuss für den quantenkurs?", "5"]]
    assert "zoo" not in page.lower()


def test_netzwerk_wesel_sees_its_region_with_programme_check_and_handover(dashboard: Dashboard) -> None:
    page = dashboard.signed_in("netz.wesel@example.org").get("/auswertung").text
    assert "Zahlen der Region Kreis Wesel." in page
    assert rows(page, "ohne-kurs") == []
    assert rows(page, "foerderung") == [["Bildungsgutschein", "1"]]
    assert rows(page, "foerder-check") == [["Bildungsurlaub NRW", "vielleicht", "1"]]
    centres = {row[0]: row for row in rows(page, "stellen")}
    assert centres["VHS Wesel-Hamminkeln-Schermbeck"][1:4] == ["0", "1", "1"]  # no callback, 1 handover, new
    assert "Volkshochschule Bottrop" not in centres


def test_leitung_sees_its_own_centre_and_the_time_to_first_contact(dashboard: Dashboard) -> None:
    with session_scope(dashboard.db_url) as s:
        handover = s.execute(select(Handover)).scalar_one()
    dashboard.clock.advance(hours=2)  # the advisor takes the handover up two hours after it came in
    advisor = dashboard.signed_in("beratung@vhs-wesel.example")
    token = advisor.csrf(f"/uebergaben/{handover.id}")
    assert advisor.post(f"/uebergaben/{handover.id}/status", {"csrf": token, "status": "in_bearbeitung"}).status == 303
    page = dashboard.signed_in("leitung@vhs-wesel.example").get("/auswertung").text
    assert "Zahlen der Beratungsstelle VHS Wesel-Hamminkeln-Schermbeck." in page
    assert rows(page, "stellen") == [
        ["VHS Wesel-Hamminkeln-Schermbeck", "0", "1", "0", "1", "0", "0", "2,0 (1 Vorgang)"]]
    for email in ("leitung@vhs-krefeld.example", "konten@vhs-krefeld.example"):  # Leitung and Kontenverwaltung
        krefeld = dashboard.signed_in(email).get("/auswertung").text
        assert rows(krefeld, "themen") == [["Pflege", "2"]]
        assert rows(krefeld, "foerderung") == []  # asked in Moers: Wesel's
        assert rows(krefeld, "stellen") == [  # the callback booked in the scripted conversations, still new
            ["Volkshochschule Krefeld/Neukirchen-Vluyn", "1", "0", "1", "0", "0", "0", "–"]]


def test_beratung_has_no_dashboard(dashboard: Dashboard) -> None:
    client = dashboard.signed_in("beratung@vhs-wesel.example")
    for path in ("/auswertung", "/auswertung/ohne-kurs.csv"):
        response = client.get(path)
        assert response.status == 403, path
        assert "Schweißen" not in response.text


def test_each_table_downloads_as_csv_for_the_own_scope(dashboard: Dashboard) -> None:
    client = dashboard.signed_in("netz.bottrop@example.org")
    response = client.get("/auswertung/ohne-kurs.csv")
    assert response.status == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="auswertung-suchen-ohne-kurs.csv"' in response.headers["content-disposition"]
    assert response.text.lstrip("\ufeff").splitlines() == ["Thema;Ort;Format;Suchen", "Schweißen;Bottrop;online;1"]
    page = client.get("/auswertung").text
    for table in re.findall(r'href="/auswertung/([a-z-]+)\.csv', page):
        assert client.get(f"/auswertung/{table}.csv").status == 200, table
    assert client.get("/auswertung/gibtsnicht.csv").status == 404


def test_without_login_the_dashboard_shows_nothing(dashboard: Dashboard) -> None:
    for path in ("/auswertung", "/auswertung/themen.csv"):
        response = Client(dashboard.url).get(path)
        assert response.status == 303 and response.location == "/anmelden"


def test_facts_with_an_old_or_no_stand_are_listed_for_review(dashboard: Dashboard,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    netz = dashboard.signed_in("netz.bottrop@example.org")
    listed = rows(netz.get("/auswertung").text, "pruefen")
    assert ["Beratungsstelle", "Volkshochschule Bottrop", "ohne Stand", "Bearbeiten"] in listed
    assert '<a href="/verwaltung/angaben/beratungsstelle/vhs-bottrop"' in netz.get("/auswertung").text
    assert not any(row[1] == "VHS Wesel-Hamminkeln-Schermbeck" for row in listed)  # another region's centre
    monkeypatch.setenv("LOTSE_STALE_DAYS", str(365 * 100))
    patient = rows(netz.get("/auswertung").text, "pruefen")
    assert patient and all(row[2] == "ohne Stand" for row in patient)  # a century: only what has no date
    leitung = rows(dashboard.signed_in("leitung@vhs-wesel.example").get("/auswertung").text, "pruefen")
    assert [row for row in leitung if row[0] == "Beratungsstelle"] == [
        ["Beratungsstelle", "VHS Wesel-Hamminkeln-Schermbeck", "ohne Stand"]]  # its own centre, no edit link
