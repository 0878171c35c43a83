"""A citizen's conversation through the widget against the real bot, in headless Chromium."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from tests.widget.conftest import ROOT, Stack
from tests.widget.widget import choice, open_chat, say

SCREENSHOT = ROOT / "docs" / "screenshots" / "widget.png"


def next_start(stack: Stack, title: str, place: str = "Krefeld") -> str:
    """The course's next start at the place, as the card shows it (demo dates move with the day)."""
    with create_engine(stack.db_url).connect() as db:
        start = db.execute(text(
            "SELECT MIN(d.start_date) FROM course_dates d JOIN courses c ON c.id = d.course_id "
            "JOIN places p ON p.id = d.place_id WHERE c.title = :title AND p.name = :place"
        ), {"title": title, "place": place}).scalar_one()
    return (start if isinstance(start, date) else date.fromisoformat(start)).strftime("%d.%m.%Y")


def test_nothing_is_stored_or_sent_before_the_chat_is_opened(page: Page, stack: Stack) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(stack.page_url())
    expect(page.get_by_role("button", name="Fragen zur Weiterbildung? Chat öffnen")).to_be_visible()
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    assert page.context.cookies() == []
    assert not [url for url in requests if url.startswith(stack.server)]
    open_chat(page)
    expect(page.get_by_text("Sie schreiben mit einem automatischen Assistenten")).to_be_visible()
    expect(page.get_by_text("Datenschutz: Ihre Eingaben werden")).to_be_visible()
    assert page.evaluate("sessionStorage.length") == 1


def test_search_cards_buttons_feedback_reload_and_transcript(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Hallo")
    expect(page.locator(".lotse-live, [aria-live=polite]").last).to_contain_text("Guten Tag!")
    say(page, "Ich suche einen Pflegekurs in Krefeld")
    cards = page.locator(".lotse-card")
    expect(cards).to_have_count(3)
    expect(cards.first.locator(".lotse-card-title")).to_have_text("1. Praxisanleitung in der Pflege (300 Stunden)")
    expect(cards.first).to_contain_text(f"Start: {next_start(stack, 'Praxisanleitung in der Pflege (300 Stunden)')}")
    cards.first.evaluate("c => { const log = c.closest('ol'); log.scrollTop = c.offsetTop - log.offsetTop - 8; }")
    page.screenshot(path=str(SCREENSHOT))

    choice(page, "Details zu Kurs 1").click()
    expect(page.locator(".lotse-user").last).to_have_text("Sie: Details zu Kurs 1")
    expect(page.locator(".lotse-feedback")).to_have_count(3)
    expect(choice(page, "Details zu Kurs 1")).to_have_count(0)  # used buttons disappear

    page.locator(".lotse-feedback").last.get_by_role("button", name="Hilfreich", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Danke für Ihre Rückmeldung.")
    session_id = page.evaluate("JSON.parse(sessionStorage.getItem('lotse-widget')).id")
    with create_engine(stack.db_url).connect() as db:
        rows = db.execute(text("SELECT sender_hash, rating FROM answer_feedback")).all()
    assert (hashlib.sha256(session_id.encode()).hexdigest(), "up") in rows

    page.reload()  # same tab: the conversation is shown again and continues with the same session
    expect(page.locator(".lotse-card")).to_have_count(3)
    expect(page.get_by_role("textbox", name="Ihre Nachricht")).to_be_visible()
    say(page, "Details zu Kurs 2")  # only answerable with the course list of this same session
    expect(page.locator(".lotse-bot").last).to_contain_text("Pflegehelfer/in – Basisqualifizierung")

    with page.expect_download() as download:
        page.get_by_role("button", name="Verlauf speichern (als Textdatei)").click()
    transcript = Path(download.value.path()).read_text(encoding="utf-8")
    assert f"Gesprächs-ID: {session_id}" in transcript
    assert "Sie: Ich suche einen Pflegekurs in Krefeld" in transcript
    assert "Weiterbildungslotse: 1. Praxisanleitung in der Pflege (300 Stunden)" in transcript
    assert " \n" not in transcript  # the channel's Markdown hard breaks are not the citizen's text
    assert page.lotse_blocked == []  # type: ignore[attr-defined]


def test_markup_is_shown_as_text_and_overlong_messages_are_refused(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    open_chat(page)
    say(page, '<img src=x onerror="document.title=1"> https://example.org/kurs und javascript:alert(1)')
    user = page.locator(".lotse-user").last
    expect(user).to_contain_text('<img src=x onerror="document.title=1">')
    assert page.locator(".lotse-log img").count() == 0
    expect(user.get_by_role("link")).to_have_attribute("href", "https://example.org/kurs")
    expect(user.get_by_role("link")).to_have_attribute("rel", "noopener noreferrer")
    box = page.get_by_role("textbox", name="Ihre Nachricht")
    sent = page.locator(".lotse-user").count()
    box.fill("Weiterbildung " * 100)
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Ihre Nachricht ist zu lang")
    expect(box).to_have_attribute("aria-invalid", "true")
    assert page.locator(".lotse-user").count() == sent


def test_thumbs_sit_under_the_answer_and_a_long_conversation_reopens_at_its_end(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Ich suche einen Pflegekurs in Krefeld")
    note = page.locator(".lotse-bot", has_text="Beispieldaten zur Vorführung")
    expect(note).to_have_count(1)
    expect(note.locator(".lotse-feedback")).to_have_count(0)  # not under the demo-data note
    rated = page.locator(".lotse-bot", has=page.locator(".lotse-feedback"))
    expect(rated).to_contain_text("Möchten Sie mehr sehen")  # the answer's own last message

    rated.get_by_role("button", name="Hilfreich", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Danke für Ihre Rückmeldung.")
    say(page, "Mehr anzeigen")
    expect(page.get_by_role("status")).to_have_text("")  # the thanks belonged to the answer before

    say(page, "Ich möchte einen Rückruf")
    consent = page.locator(".lotse-bot", has_text="Sind Sie damit einverstanden?")
    expect(consent).to_have_count(1)
    expect(consent.locator(".lotse-feedback")).to_have_count(0)  # not under the consent question

    page.reload()
    log = page.locator(".lotse-log")
    expect(page.locator(".lotse-card")).to_have_count(6)
    assert log.evaluate("l => l.scrollHeight > l.clientHeight")  # long enough to scroll
    page.wait_for_function(
        "() => { const l = document.querySelector('lotse-widget').shadowRoot.querySelector('.lotse-log');"
        " return l.scrollTop + l.clientHeight >= l.scrollHeight - 2; }"  # opens at its end, not at the top
    )
