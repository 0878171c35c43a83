"""From the citizen's widget to the advisor's screen and calendar, in headless Chromium.

A citizen searches, clicks "Mehr anzeigen" and "Details zu Kurs 4", books a callback for
"Dienstag ab 14 Uhr" with the buttons; the advisor of the centre it went to opens it in the advisor
app (on the same database) and reads the summary and the whole conversation, buttons as the titles
clicked, in order, each with its time, and finds the call in the calendar export.
"""

from __future__ import annotations

import re
from datetime import datetime

from playwright.sync_api import Page, expect
from sqlalchemy import select

from advisor.accounts import add_advisor
from bot.db.models import CallbackRequest, CounsellingCentre
from bot.db.session import session_scope
from tests.advisor.harness import Clock, running_app
from tests.widget.conftest import Stack
from tests.widget.widget import BOT, bot_texts, choice, open_chat, say

PASSWORD = "richtig-langes-Passwort-1"


def press(page: Page, title: str) -> None:
    """Clicks the button of the bot's latest answer and waits for the answer to it."""
    choice(page, title).last.click()
    expect(page.locator(".lotse-user").last).to_have_text(f"Sie: {title}")
    expect(page.locator(".lotse-form")).not_to_have_attribute("aria-busy", "true")


def advisor_for(db_url: str, reference: str) -> str:
    """An advisor account of the centre the callback went to; its e-mail address."""
    with session_scope(db_url) as session:
        callback = session.execute(select(CallbackRequest).where(CallbackRequest.reference == reference)).scalar_one()
        centre = session.get(CounsellingCentre, callback.centre_id)
        email = f"beratung-{reference.lower()}@{centre.slug}.example"
        add_advisor(session, centre, email, "Clara Beraterin", "advisor", PASSWORD)
    return email


def test_the_advisor_reads_the_whole_conversation_of_a_callback_and_finds_it_in_the_calendar(
        page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Ich bin arbeitslos und suche einen Pflegekurs in Krefeld")
    expect(page.locator(".lotse-card")).to_have_count(3)
    press(page, "Mehr anzeigen")
    fourth = page.locator(".lotse-card-title").nth(3).inner_text().split(". ", 1)[1]
    press(page, "Details zu Kurs 4")
    say(page, "Ich möchte einen Rückruf")
    press(page, "Ja, einverstanden")
    say(page, "Anna Schmidt")
    say(page, "0151 23456789")
    say(page, "Dienstag ab 14 Uhr")
    press(page, "Ja, eintragen")
    booked = page.locator(BOT).last.inner_text()
    reference = re.search(r"WL-[A-Z2-9]{6}", booked)
    assert reference, booked
    reference = reference.group(0)
    email = advisor_for(stack.db_url, reference)
    say(page, "Ich möchte mit einem Menschen sprechen")
    told = [r for r in re.findall(r"WL-[A-Z2-9]{6}", "\n".join(bot_texts(page)[-2:])) if r != reference]
    assert told, bot_texts(page)[-2:]
    handover = told[0]

    with running_app(stack.db_url, Clock(datetime.now())) as url:
        advisor = page.context.new_page()
        advisor.goto(url + "/")
        advisor.get_by_label("E-Mail-Adresse").fill(email)
        advisor.get_by_label("Passwort").fill(PASSWORD)
        advisor.get_by_role("button", name="Anmelden").click()
        advisor.get_by_role("link", name="Rückrufwünsche").click()
        advisor.get_by_role("link", name=reference).click()

        summary = advisor.locator("section", has=advisor.get_by_role("heading", name="Zusammenfassung"))
        expect(summary.locator("ul.lage")).to_contain_text("arbeitslos")
        expect(summary).to_contain_text("Thema: Pflegekurs · Ort: Krefeld")
        expect(summary.locator("ul.kurse li").first).to_have_text(f"{fourth} (Details geöffnet)")
        window = advisor.locator("dt:text-is('Zeitfenster') + dd").inner_text()
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4} 14:00 bis \d\d\.\d\d\.\d{4} 18:00", window), window

        said = advisor.locator("ol.transkript > li.buerger p.text").all_inner_texts()
        assert said == [
            "Ich bin arbeitslos und suche einen Pflegekurs in Krefeld",
            "Schaltfläche gewählt: Mehr anzeigen",
            "Schaltfläche gewählt: Details zu Kurs 4",
            "Ich möchte einen Rückruf",
            "Schaltfläche gewählt: Ja, einverstanden",
            "Anna Schmidt",
            "0151 23456789",
            "Dienstag ab 14 Uhr",
            "Schaltfläche gewählt: Ja, eintragen",
        ]  # every message once, in order
        times = advisor.locator("ol.transkript > li.buerger p.wer time").all_inner_texts()
        assert len(times) == len(said) and all(re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d", t) for t in times)
        turns = advisor.locator("ol.transkript > li")
        bot = [t for t in turns.all_inner_texts() if t.startswith("Lotse (Chatbot)")]
        assert any("Sind Sie damit einverstanden?" in t and "Ja, einverstanden | Nein" in t for t in bot)

        calendar = advisor.request.get(url + "/rueckrufe/export.ics")
        text = calendar.text()
        assert calendar.status == 200 and f"UID:{reference}@weiterbildungslotse" in text
        event = text[text.index(f"UID:{reference}@"):]
        event = event[:event.index("END:VEVENT")]
        assert re.search(r"DTSTART:\d{8}T140000", event) and re.search(r"DTEND:\d{8}T180000", event)
        assert "SUMMARY:Rückruf " + reference + ": Anna Schmidt" in event

        # The handover of the same conversation: the same clicks, then the request and the bot's
        # reply with the reference the citizen was told; the contact from the consented callback.
        advisor.get_by_role("link", name="Übergaben").click()
        advisor.get_by_role("link", name=handover).click()
        said = advisor.locator("ol.transkript > li.buerger p.text").all_inner_texts()
        assert said[:2] == ["Ich bin arbeitslos und suche einen Pflegekurs in Krefeld",
                            "Schaltfläche gewählt: Mehr anzeigen"]
        assert said[-2:] == ["Schaltfläche gewählt: Ja, eintragen", "Ich möchte mit einem Menschen sprechen"]
        assert len(said) == len(set(said)) == 10
        replies = advisor.locator("ol.transkript > li.bot p.text").all_inner_texts()
        assert any(handover in r for r in replies[-2:])  # the handover reply is part of it
        contact = advisor.locator("dt:text-is('Kontakt') + dd")
        expect(contact).to_have_text(f"Anna Schmidt, +4915123456789 (Rückruf {reference})")
        advisor.close()  # before the app stops: no open connection is left to it
