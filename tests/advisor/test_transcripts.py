"""The advisor reads a handover's and a callback's conversation: clicks, offered buttons, local times."""

from __future__ import annotations

import csv
import io

from bot.db.models import CallbackRequest, Handover
from bot.db.session import session_scope
from tests.advisor.conftest import World

ANNA = "anna@vhs-krefeld.example"
TURNS = [
    {"who": "citizen", "text": "Ich suche einen Pflegekurs", "at": "2026-11-22T13:00:05+00:00"},
    {"who": "bot", "text": "Ich habe 18 passende Kurse gefunden.", "at": "2026-11-22T13:00:06+00:00",
     "clicked": False, "choices": ["Mehr anzeigen", "Details zu Kurs 1"]},
    {"who": "citizen", "text": "Mehr anzeigen", "at": "2026-11-22T13:01:00+00:00", "clicked": True, "choices": []},
]


def with_transcript(world: World, model: type, key: str) -> None:
    with session_scope(world.db_url) as s:
        s.get(model, world.ids[key]).transcript = TURNS


def test_a_callback_shows_the_conversation_that_led_to_it(world: World) -> None:
    with_transcript(world, CallbackRequest, "cb_own")
    page = world.signed_in(ANNA).get(f"/rueckrufe/{world.ids['cb_own']}").text
    assert "Gesprächsverlauf (3 Nachrichten)" in page
    positions = [page.index(t["text"]) for t in TURNS]
    assert positions == sorted(positions)
    assert "Schaltfläche gewählt:</span> Mehr anzeigen" in page
    assert "Angebotene Schaltflächen: Mehr anzeigen | Details zu Kurs 1" in page
    assert "22.11.2026 14:01:00" in page  # 13:01 UTC is 14:01 in Krefeld


def test_a_handover_marks_clicks_and_an_old_callback_says_it_has_no_transcript(world: World) -> None:
    with_transcript(world, Handover, "ho_own")
    client = world.signed_in(ANNA)
    assert "Schaltfläche gewählt:</span> Mehr anzeigen" in client.get(f"/uebergaben/{world.ids['ho_own']}").text
    assert "kein Gesprächsverlauf gespeichert" in client.get(f"/rueckrufe/{world.ids['cb_own_old']}").text


def test_another_centres_callback_transcript_stays_hidden(world: World) -> None:
    with_transcript(world, CallbackRequest, "cb_other")
    response = world.signed_in(ANNA).get(f"/rueckrufe/{world.ids['cb_other']}")
    assert response.status == 404 and "Mehr anzeigen" not in response.text


def test_handovers_show_names_not_raw_values_and_export_as_csv(world: World) -> None:
    with session_scope(world.db_url) as s:
        handover = s.get(Handover, world.ids["ho_own"])
        handover.channel, handover.transcript = "socketio", TURNS
        handover.summary = {**handover.summary, "programmes": ["bildungsgutschein", "aufstiegs_bafoeg"]}
    client = world.signed_in(ANNA)
    page = client.get(f"/uebergaben/{world.ids['ho_own']}").text
    assert "<dd>Bildungsgutschein, Aufstiegs-BAföG</dd>" in page and "<dd>Chat auf der Website</dd>" in page
    assert "Chat auf der Website" in client.get("/uebergaben").text
    response = client.get("/uebergaben/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Referenz", "Status", "Eingang"] and len(rows) == 2  # only Krefeld's own
    own = dict(zip(rows[0], rows[1], strict=True))
    assert own["Referenz"] == "WL-KRE444" and own["Kanal"] == "Chat auf der Website"
    assert own["Förderprogramme"] == "Bildungsgutschein, Aufstiegs-BAföG"
    assert own["Gesprächsverlauf"].splitlines()[2] == "22.11.2026 14:01:00 Bürger/in: Mehr anzeigen"
    assert own["Angesehene Kurse"].splitlines() == [
        "Pflegehelfer/in Basiskurs (Details geöffnet) https://pflege.example/basis",
        "Betreuungskraft § 43b (in der Trefferliste)"]
    assert own["Offene Frage"] == "Kann ich die Umschulung in Teilzeit machen, wenn ich ein Kind habe?"
    assert own["Nicht beantwortet"] == "Wer passt während des Kurses auf mein Kind auf"
