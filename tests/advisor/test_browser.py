"""In a real browser (headless Chromium): log in, open a handover, read its transcript, mark it done."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.db.models import Handover
from bot.db.models_advisor import AuditEntry
from bot.db.session import session_scope
from tests.advisor.conftest import PASSWORD, World

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "advisor-handover.png"


def test_advisor_reads_a_transcript_and_marks_the_handover_done(world: World, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(world.url + "/")
    page.get_by_label("E-Mail-Adresse").fill("anna@vhs-krefeld.example")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Übergaben").click()
    page.get_by_role("link", name="WL-KRE444").click()

    transcript = page.locator("ol.transkript > li")
    assert transcript.count() == 3
    assert "Ich möchte Pflegefachfrau werden" in transcript.nth(0).inner_text()
    assert transcript.nth(1).inner_text().startswith("Lotse (Chatbot)")
    assert page.get_by_role("heading", level=1).inner_text() == "Übergabe WL-KRE444"
    assert page.get_by_role("heading", name="Zusammenfassung").is_visible()
    summary = page.locator("section", has=page.get_by_role("heading", name="Zusammenfassung"))
    assert "45–54 Jahre" in summary.locator("ul.lage").inner_text()
    course = summary.get_by_role("link", name="Pflegehelfer/in Basiskurs")
    assert course.get_attribute("href") == "https://pflege.example/basis"
    assert "Kann ich die Umschulung in Teilzeit machen" in summary.inner_text()
    conversation = page.get_by_role("heading", name="Gesprächsverlauf (3 Nachrichten)")
    assert summary.bounding_box()["y"] < conversation.bounding_box()["y"]  # at the top
    page.screenshot(path=str(SCREENSHOT), full_page=True)  # docs/screenshots: summary and transcript

    page.get_by_label("Neuer Status").select_option(label="Erledigt")
    page.get_by_role("button", name="Status speichern").click()
    assert page.get_by_role("status").inner_text() == "Der Status wurde gespeichert."
    assert page.get_by_role("heading", name="Status: Erledigt").is_visible()

    with session_scope(world.db_url) as s:
        assert s.get(Handover, world.ids["ho_own"]).status == "erledigt"
        entry = s.execute(select(AuditEntry)).scalar_one()
        assert (entry.advisor_email, entry.new_value) == ("anna@vhs-krefeld.example", "erledigt")
