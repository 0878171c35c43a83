"""What the advisor reads first on a handover's and a callback's page: the structured summary."""

from __future__ import annotations

import re

from bot.db.models import CallbackRequest, Handover
from bot.db.session import session_scope
from tests.advisor.conftest import World

ANNA = "anna@vhs-krefeld.example"


def facts(page: str) -> dict[str, str]:
    """The summary's rows as the advisor reads them: term -> description text (tags removed)."""
    start = page.index('id="zusammenfassung-titel"')
    section = page[start:page.index("</section>", start)]
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section, flags=re.S)
    return {term: " ".join(re.sub(r"<[^>]+>", " ", text).split()) for term, text in rows}


def check_summary(page: str, topic: str) -> None:
    seen = facts(page)
    assert seen["Lage der Person"] == ("arbeitslos bezieht Arbeitslosengeld (ALG I) 45–54 Jahre kein Berufsabschluss "
                                       "12 Jahre Berufserfahrung")
    assert seen["Gesucht"] == f"Thema: {topic} · Ort: Krefeld · Form: vor Ort · Zeitmodell: Teilzeit"
    assert seen["Angesehene Kurse"] == ("Pflegehelfer/in Basiskurs (Details geöffnet) "
                                        "Betreuungskraft § 43b (in der Trefferliste)")
    assert '<a href="https://pflege.example/basis" rel="noreferrer">Pflegehelfer/in Basiskurs</a>' in page
    assert seen["Förderprogramme"] == "Bildungsgutschein"
    assert seen["Offene Frage"] == "Kann ich die Umschulung in Teilzeit machen, wenn ich ein Kind habe?"
    assert seen["Konnte der Lotse nicht beantworten"] == "Wer passt während des Kurses auf mein Kind auf"
    # At the top: the summary comes before the transcript.
    assert page.index("Zusammenfassung") < page.index("Gesprächsverlauf")


def test_a_handover_opens_with_the_citizens_situation_search_courses_and_open_question(world: World) -> None:
    page = world.signed_in(ANNA).get(f"/uebergaben/{world.ids['ho_own']}").text
    check_summary(page, "Umschulung Pflege")
    assert facts(page)["Grund der Übergabe"] == "Die Person wollte mit einem Menschen sprechen"


def test_a_callback_opens_with_the_same_summary_and_then_the_contact(world: World) -> None:
    page = world.signed_in(ANNA).get(f"/rueckrufe/{world.ids['cb_own']}").text
    check_summary(page, "Pflege")
    assert page.index("Zusammenfassung") < page.index("Kontakt und Anliegen") < page.index("Gesprächsverlauf")


def test_what_the_bot_does_not_know_is_said_so_and_an_old_record_has_no_summary(world: World) -> None:
    with session_scope(world.db_url) as s:
        s.get(Handover, world.ids["ho_own"]).summary = {"topic": None, "programmes": []}
        assert s.get(CallbackRequest, world.ids["cb_own_old"]).summary is None
    client = world.signed_in(ANNA)
    seen = facts(client.get(f"/uebergaben/{world.ids['ho_own']}").text)
    assert seen["Lage der Person"] == "im Gespräch nicht genannt"
    assert seen["Gesucht"] == "keine Kurssuche" and seen["Angesehene Kurse"] == "keine"
    assert seen["Offene Frage"] == "keine eigene Frage erkannt"
    assert "keine Zusammenfassung gespeichert" in client.get(f"/rueckrufe/{world.ids['cb_own_old']}").text


def test_a_link_that_is_no_web_address_is_not_made_a_link(world: World) -> None:
    with session_scope(world.db_url) as s:
        handover = s.get(Handover, world.ids["ho_own"])
        handover.summary = {**handover.summary, "courses": [{"title": "<b>Kurs</b>", "url": None, "opened": True}]}
    page = world.signed_in(ANNA).get(f"/uebergaben/{world.ids['ho_own']}").text
    assert "&lt;b&gt;Kurs&lt;/b&gt; <span" in page  # escaped, no link
