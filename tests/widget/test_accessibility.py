"""Keyboard-only use and an automatic WCAG 2.1 AA check (axe-core) of the widget mid-conversation."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.widget.conftest import Stack
from tests.widget.widget import open_chat, say

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"axe.run(document, {json.dumps(WCAG_AA)})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


def test_keyboard_only_conversation(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    launcher = page.get_by_role("button", name="Fragen zur Weiterbildung? Chat öffnen")
    page.keyboard.press("Tab")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    box = page.get_by_role("textbox", name="Ihre Nachricht")
    expect(box).to_be_focused()
    page.keyboard.type("Hallo")
    page.keyboard.press("Enter")
    first_choice = page.locator(".lotse-choices button").first
    expect(first_choice).to_have_text("Kurs suchen")
    expect(page.locator(".lotse-feedback")).to_have_count(1)
    first_choice.focus()  # reached by Tab from the conversation list; then only keys are used
    page.keyboard.press("Enter")
    expect(page.locator(".lotse-user").last).to_have_text("Sie: Kurs suchen")
    expect(box).to_be_focused()  # the used button is gone; focus stays in the conversation
    expect(page.locator(".lotse-feedback")).to_have_count(2)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(box).to_be_focused()


def test_no_wcag_aa_violations_mid_conversation_on_desktop_and_320px(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url(color="#ffd400"))  # a light city colour: text on it must switch to dark
    assert axe_violations(page) == []
    open_chat(page)
    say(page, "Ich suche einen Pflegekurs in Krefeld")
    expect(page.locator(".lotse-card")).to_have_count(3)
    page.locator(".lotse-feedback").last.get_by_role("button", name="Nicht hilfreich").click()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
