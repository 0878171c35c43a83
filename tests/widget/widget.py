"""What a citizen does with the widget, as small helpers for the browser tests."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

BOT = ".lotse-log .lotse-bot"


def open_chat(page: Page) -> None:
    page.get_by_role("button", name="Fragen zur Weiterbildung? Chat öffnen").click()
    expect(page.get_by_role("textbox", name="Ihre Nachricht")).to_be_focused()


def say(page: Page, text: str) -> None:
    """Types and sends a message, then waits until the answer is complete (the form is no longer busy;
    a question with buttons alone gets no feedback buttons)."""
    box = page.get_by_role("textbox", name="Ihre Nachricht")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".lotse-form")).not_to_have_attribute("aria-busy", "true")


def bot_texts(page: Page) -> list[str]:
    return [t.strip() for t in page.locator(BOT).all_inner_texts()]


def choice(page: Page, title: str) -> Locator:
    return page.locator(".lotse-choices").get_by_role("button", name=title, exact=True)
