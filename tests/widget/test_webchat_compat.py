"""The project's socket.io channel also serves the third-party widget rasa-webchat 1.0.1 (EIO 4).

Test only: rasa-webchat loads Google Fonts, so it must not be offered to citizens as it is; the
request is blocked here like every request that does not go to our own servers.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.widget.conftest import Stack

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>rasa-webchat</title></head>
<body><div id="webchat"></div><script src="{web}/webchat/webchat.js"></script>
<script>WebChat.default({{selector: "#webchat", socketUrl: "{server}", socketPath: "/socket.io/",
  title: "Weiterbildungslotse", initPayload: "/greet", inputTextFieldHint: "Ihre Nachricht",
  params: {{storage: "session"}}}}, null);
</script></body></html>"""


def test_rasa_webchat_talks_to_the_project_socketio_channel(page: Page, stack: Stack) -> None:
    page.goto(stack.web + "/widget/index.html")  # any page of ours as origin (CORS), then replace it
    page.set_content(PAGE.format(web=stack.web, server=stack.server))
    page.locator(".rw-launcher").click()
    expect(page.locator(".rw-response").first).to_contain_text("Guten Tag! Ich bin der Weiterbildungslotse")
    expect(page.locator(".rw-reply", has_text="Kurs suchen")).to_be_visible()  # buttons as quick replies
    box = page.get_by_placeholder("Ihre Nachricht")
    box.fill("Ich suche einen Pflegekurs in Krefeld")
    box.press("Enter")
    # rasa-webchat renders bot text as Markdown: "1. …" becomes a numbered list item, and the card's
    # lines stay lines (the channel sends them as Markdown hard breaks), not one run-on line.
    card = page.locator(".rw-response li", has_text="Praxisanleitung in der Pflege (300 Stunden)")
    expect(card).to_be_visible()
    lines = card.inner_text().split("\n")
    assert lines[0] == "Praxisanleitung in der Pflege (300 Stunden)" and len(lines) >= 3, lines
    assert lines[1].startswith("Gesundheitsakademie Hüls · ") and lines[2].startswith("Start: "), lines
