"""The widget when things go wrong: bot down, socket.io blocked."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.botstack import free_port
from tests.widget.conftest import Stack
from tests.widget.widget import open_chat, say


def test_bot_down_shows_a_german_notice_and_keeps_the_message(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url(server=f"http://127.0.0.1:{free_port()}"))  # nothing listens there
    open_chat(page)
    box = page.get_by_role("textbox", name="Ihre Nachricht")
    box.fill("Hallo")
    box.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Der Weiterbildungslotse ist gerade nicht erreichbar.")
    expect(page.get_by_role("status")).to_contain_text("Ihre Nachricht wird gesendet, sobald die Verbindung steht.")
    expect(page.locator(".lotse-user")).to_have_text(["Sie: Hallo"])


def test_rest_is_used_when_socketio_is_blocked(page: Page, stack: Stack) -> None:
    page.route("**/socket.io/**", lambda route: route.abort())
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Hallo")
    expect(page.locator(".lotse-bot").first).to_contain_text("Guten Tag!")
    expect(page.locator(".lotse-choices button")).to_have_text(
        ["Kurs suchen", "Wer bezahlt meine Weiterbildung?", "Mit einem Menschen sprechen"]
    )
