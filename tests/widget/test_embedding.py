"""The widget on any host page and at any zoom (WCAG 1.4.4, 1.4.10), in headless Chromium.

Zoom is simulated by its CSS viewport: 1280×720 at 200 % is 640×360 CSS px, at 400 % 320×180 (we
test 320×256, the issue's report). At such heights the panel is a full-screen dialog in which the
conversation takes the space, header and × stay reachable and the intro is folded.
"""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import Page, expect

from tests.widget.conftest import ROOT, Stack
from tests.widget.widget import open_chat, say

HOSTILE = "button { display: none !important } html { font-size: 62.5% } h2 { text-transform: uppercase } " \
          "p, li, span { letter-spacing: 4px; color: red !important }"


def box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width,height", [(640, 360), (320, 256)])
def test_at_200_and_400_percent_zoom_the_conversation_has_the_space(page: Page, stack: Stack, width: int,
                                                                     height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Ich suche einen Pflegekurs in Krefeld")
    panel, header, log, form = (box(page, s) for s in (".lotse-panel", ".lotse-header", ".lotse-log", ".lotse-form"))
    assert (panel["x"], panel["y"], panel["width"], panel["height"]) == (0, 0, width, height)  # full screen
    assert header["y"] == 0 and form["y"] + form["height"] <= height  # nothing sticks out
    assert log["height"] >= 0.3 * height  # was 19 px at 640×360
    assert page.locator(".lotse-intro").evaluate("d => d.open") is False  # folded, its summary visible
    expect(page.get_by_text("Hinweis: automatischer Assistent, Datenschutz")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ROOT / "docs" / "screenshots" / f"widget-{width}x{height}.png"))
    page.get_by_role("button", name="Chat schließen").click()  # × is reachable
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_scroll_into_view_moves_only_the_conversation_never_the_panel(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Ich suche einen Pflegekurs in Krefeld")
    say(page, "Mehr anzeigen")
    page.locator(".lotse-msg").first.evaluate("m => m.scrollIntoView()")  # as find-in-page does
    page.locator(".lotse-form").evaluate("f => f.scrollIntoView({block: 'start'})")
    panel = page.locator(".lotse-panel")
    assert panel.evaluate("p => [p.scrollTop, p.scrollHeight - p.clientHeight]") == [0, 0]
    assert box(page, ".lotse-header")["y"] - box(page, ".lotse-panel")["y"] == 1  # inside the border: still there
    expect(page.get_by_role("button", name="Chat schließen")).to_be_in_viewport()


def test_hostile_host_css_reaches_neither_the_launcher_nor_the_sizes(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url(css=HOSTILE))
    launcher = page.get_by_role("button", name="Fragen zur Weiterbildung? Chat öffnen")
    expect(launcher).to_be_visible()
    open_chat(page)
    title = page.locator(".lotse-title")
    assert title.evaluate("t => getComputedStyle(t).textTransform") == "none"
    assert title.inner_text() == "Weiterbildungslotse"
    size = page.get_by_role("textbox", name="Ihre Nachricht").evaluate("i => parseFloat(getComputedStyle(i).fontSize)")
    assert size == 16  # not 10 px under html {font-size: 62.5%}
    expect(page.get_by_role("button", name="Senden")).to_be_visible()
    say(page, "Hallo")
    expect(page.locator(".lotse-choices button").first).to_be_visible()
    assert page.locator(".lotse-bot .lotse-text").first.evaluate("t => getComputedStyle(t).color") != "rgb(255, 0, 0)"


def test_the_title_is_not_broken_mid_word_at_320_px(page: Page, stack: Stack) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(stack.page_url())
    open_chat(page)
    title = page.locator(".lotse-title")
    one_line = "t => t.getBoundingClientRect().height <= parseFloat(getComputedStyle(t).lineHeight) * 1.5"
    assert title.evaluate(one_line)  # "Weiterbildungslotse" whole, not "Weiterbildun/gslotse"
    expect(page.get_by_role("button", name="Verlauf speichern (als Textdatei)")).to_be_visible()


def test_each_answer_is_announced_whole_with_its_courses_and_buttons(page: Page, stack: Stack) -> None:
    page.goto(stack.page_url())
    open_chat(page)
    say(page, "Ich suche einen Pflegekurs in Krefeld")
    announced = page.locator(".lotse-root > .lotse-panel [aria-live]")
    text = announced.inner_text()
    assert text.startswith("Weiterbildungslotse: Ich habe ") and "passende Kurse" in text
    assert "3 Kurse, Buttons: Mehr anzeigen" in text and "Details zu Kurs 1" in text
    assert announced.locator("p").count() == 1  # one answer, one announcement; none cut away


def refused_origin(stack: Stack) -> str:
    """The test pages' server under a name the bot does not allow (localhost instead of 127.0.0.1)."""
    return f"http://localhost:{urllib.parse.urlsplit(stack.web).port}"


def says_not_set_up(page: Page, stack: Stack, origin: str, **attrs: str) -> list[str]:
    """Opens the chat on ``origin``, sends a message, sees the configuration notice; the console errors."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(stack.page_url(**attrs).replace(stack.web, origin))
    open_chat(page)
    page.get_by_role("textbox", name="Ihre Nachricht").fill("Hallo")
    page.get_by_role("textbox", name="Ihre Nachricht").press("Enter")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Der Chat ist auf dieser Seite nicht eingerichtet.")
    expect(status).to_contain_text("0800 4 5555 00")
    expect(status).not_to_contain_text("nicht erreichbar")
    assert any("LOTSE_CORS_ORIGINS" in e and origin in e for e in errors)  # for the city's web team
    return errors


def test_a_page_whose_origin_is_not_allowed_says_the_chat_is_not_set_up(page: Page, stack: Stack) -> None:
    says_not_set_up(page, stack, refused_origin(stack))


def test_over_rest_a_refused_origin_is_told_the_same_and_no_message_reaches_the_bot(page: Page, stack: Stack) -> None:
    posted: list[int] = []
    page.on("response", lambda r: posted.append(r.status) if r.url.endswith("/webhooks/rest/webhook") else None)
    says_not_set_up(page, stack, refused_origin(stack), transport="rest")
    expect(page.locator(".lotse-log .lotse-bot")).to_have_count(0)
    assert posted == []  # the preflight was refused: the message never reached the bot
    assert page.evaluate("typeof window.io") == "undefined"  # REST only: socket.io was never loaded


def test_socketio_refuses_the_handshake_of_a_refused_origin_and_accepts_an_allowed_one(page: Page,
                                                                                      stack: Stack) -> None:
    received: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(str(frame))))
    refused = refused_origin(stack)
    says_not_set_up(page, stack, refused)
    assert received == []  # no engine.io open packet: the widget's socket never got a session
    handshake = f"{stack.server}/socket.io/?EIO=4&transport=polling"
    answer = page.request.get(handshake, headers={"Origin": refused})
    assert answer.status == 400 and "access-control-allow-origin" not in answer.headers
    # From the refused page itself the browser gets nothing; from an allowed one the handshake opens.
    script = "url => fetch(url).then(r => r.text(), e => 'refused: ' + e.name)"
    assert page.evaluate(script, handshake) == "refused: TypeError"
    page.goto(stack.page_url())
    assert page.evaluate(script, handshake).startswith('0{"sid":')


def test_a_page_of_an_allowed_origin_talks_over_rest_too(page: Page, stack: Stack) -> None:
    assert urllib.parse.urlsplit(stack.web).port != urllib.parse.urlsplit(stack.server).port  # another origin
    page.goto(stack.page_url(transport="rest"))
    open_chat(page)
    say(page, "Ich suche einen Pflegekurs in Krefeld")
    expect(page.get_by_role("status")).not_to_contain_text("nicht eingerichtet")
    expect(page.locator(".lotse-card")).to_have_count(3)  # the answer came over REST across origins
    rated = page.locator(".lotse-bot", has=page.locator(".lotse-feedback"))
    rated.get_by_role("button", name="Hilfreich", exact=True).click()  # thumbs: a cross-origin POST too
    expect(page.get_by_role("status")).to_have_text("Danke für Ihre Rückmeldung.")
