"""The widget when things go wrong: bot down, socket.io blocked."""

from __future__ import annotations

from typing import Any

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


def test_rate_limit_shows_the_servers_german_words_and_sends_again(page: Page, stack: Stack) -> None:
    """A 429 from the public REST channel is not "nicht erreichbar": the citizen reads why, and the
    message goes out again after Retry-After."""
    import json

    page.route("**/socket.io/**", lambda route: route.abort())
    calls: list[str] = []

    def limited_once(route: Any) -> None:
        calls.append(route.request.post_data or "")
        if len(calls) == 1:
            body = {"code": "too_many_requests", "meldung": "Sie schreiben gerade sehr schnell. Bitte warten Sie kurz."}
            route.fulfill(status=429, headers={"Retry-After": "1", "Content-Type": "application/json"},
                          body=json.dumps(body))
        else:
            route.continue_()

    page.route("**/webhooks/rest/webhook", limited_once)
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Hallo")
    expect(page.locator(".lotse-bot").first).to_contain_text("Sie schreiben gerade sehr schnell.")
    expect(page.get_by_role("status")).not_to_contain_text("nicht erreichbar")
    expect(page.locator(".lotse-bot").nth(1)).to_contain_text("Guten Tag!")  # sent again after 1 s
    assert len(calls) == 2 and all("Hallo" in call for call in calls)
