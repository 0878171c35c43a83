"""Messages in Arabic and Farsi read right to left in the widget; German stays left to right."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.widget.conftest import ROOT, Stack
from tests.widget.widget import BOT, choice, open_chat, say

SCREENSHOT = ROOT / "docs" / "screenshots" / "widget-arabic.png"


def direction(node: Locator) -> str:
    return node.evaluate("n => getComputedStyle(n).direction")


def test_arabic_and_farsi_first_help_read_right_to_left(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "مرحبا، أنا من سوريا وأعيش في بوتروب. أحتاج دورة لغة ألمانية للعمل.")
    answer = page.locator(f"{BOT} .lotse-text").last
    expect(answer).to_contain_text("دورة الاندماج (Integrationskurs")
    assert direction(answer) == "rtl"
    assert direction(page.locator(".lotse-user .lotse-text").last) == "rtl"  # the citizen's own message
    # Right to left means aligned to the right edge of the bubble, not only reordered.
    text_box, bubble = answer.bounding_box(), page.locator(BOT).last.bounding_box()
    assert text_box and bubble and abs((bubble["x"] + bubble["width"]) - (text_box["x"] + text_box["width"])) < 20
    assert direction(choice(page, "اتصال من مستشار (Rückruf)")) == "rtl"
    page.locator(".lotse-panel").screenshot(path=str(SCREENSHOT))  # for docs/languages.md
    assert direction(page.get_by_role("textbox", name="Ihre Nachricht")) == "ltr"  # empty: German page
    say(page, "سلام، من از افغانستان هستم و دنبال کلاس زبان آلمانی هستم")
    farsi = page.locator(f"{BOT} .lotse-text").last
    expect(farsi).to_contain_text("دوره ادغام (Integrationskurs")
    assert direction(farsi) == "rtl"
    choice(page, "ادامه به انگلیسی (English)").click()
    expect(page.locator(f"{BOT} .lotse-text").last).to_contain_text("I am an automated assistant")
    assert direction(page.locator(f"{BOT} .lotse-text").last) == "ltr"
    say(page, "Hallo")
    assert direction(page.locator(f"{BOT} .lotse-text").last) == "ltr"
