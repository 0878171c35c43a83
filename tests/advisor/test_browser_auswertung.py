"""In a real browser (headless Chromium): Netzwerk, Leitung and Beratung on /auswertung, and the screenshot.

The figures come from scripted conversations through the real actions (tests/advisor/test_auswertung.py);
the conversations and messages are counted with the call the widget channel makes for each
(bot.stats.hooks, shown in tests/channels/test_counting.py).
"""

from __future__ import annotations

import threading
from pathlib import Path

from bot.stats import hooks
from tests.actions.test_stats_counting import search
from tests.advisor.conftest import PASSWORD, Dashboard

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "auswertung.png"


def login(tab, url: str, email: str) -> None:  # type: ignore[no-untyped-def]
    tab.context.clear_cookies()
    tab.goto(url + "/anmelden")
    tab.get_by_label("E-Mail-Adresse").fill(email)
    tab.get_by_label("Passwort").fill(PASSWORD)
    tab.get_by_role("button", name="Anmelden").click()


def more_of_bottrop() -> None:
    """A few more citizens of Bottrop, so the screenshot shows bars worth reading."""
    for sender, slots in (
        ("d-1", {"topic": "Schweißen", "place": "Bottrop"}), ("d-2", {"topic": "Schweißen", "place": "Bottrop"}),
        ("d-3", {"topic": "Pflege", "place": "Bottrop", "course_format": "online"}),
        ("d-4", {"topic": "Excel", "place": "Bottrop"}), ("d-5", {"topic": "Deutsch", "place": "Bottrop"}),
        ("d-6", {"topic": "Gabelstapler", "place": "Bottrop"}),
    ):
        search(sender, **slots)
    for _ in range(14):
        hooks.conversation()
    for _ in range(61):
        hooks.message()


def test_netzwerk_leitung_and_beratung_see_what_their_role_allows(dashboard: Dashboard, page) -> None:  # type: ignore[no-untyped-def]
    # The actions run their own event loop; Playwright's runs in this thread, so they run in another.
    helper = threading.Thread(target=more_of_bottrop)
    helper.start()
    helper.join()
    login(page, dashboard.url, "netz.bottrop@example.org")
    page.wait_for_url("**/auswertung")
    assert page.get_by_role("heading", level=1).inner_text() == "Auswertung"
    assert page.locator("#bereich").inner_text() == "Zahlen der Region Bottrop."
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    assert nav.get_by_role("link", name="Rückrufwünsche").count() == 0
    assert nav.get_by_role("link", name="Auswertung").get_attribute("aria-current") == "page"
    empty = page.get_by_role("table", name="Suchen ohne passenden Kurs nach Thema, Ort und Format")
    assert "Schweißen" in empty.get_by_role("row").nth(1).inner_text()
    chart = page.get_by_role("img", name="Suchen ohne passenden Kurs", exact=False)
    assert chart.first.is_visible()
    assert page.get_by_role("link", name="Volkshochschule Bottrop bearbeiten").is_visible()
    page.get_by_label("Einteilung").select_option("monat")
    page.get_by_role("button", name="Anzeigen").click()
    monthly = "Gespräche, Nachrichten, verstanden und nicht verstanden je Monat"
    assert page.get_by_role("table", name=monthly).is_visible()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    login(page, dashboard.url, "leitung@vhs-wesel.example")
    page.wait_for_url("**/rueckrufe")
    page.get_by_role("link", name="Auswertung").click()
    assert page.locator("#bereich").inner_text() == "Zahlen der Beratungsstelle VHS Wesel-Hamminkeln-Schermbeck."
    centres = page.get_by_role("table", name="Rückrufe und Übergaben je Beratungsstelle")
    assert centres.get_by_role("row").count() == 2  # heading and the own centre only
    assert page.get_by_role("link", name="bearbeiten", exact=False).count() == 0

    login(page, dashboard.url, "beratung@vhs-wesel.example")
    page.wait_for_url("**/rueckrufe")
    assert page.get_by_role("link", name="Auswertung").count() == 0
    response = page.goto(dashboard.url + "/auswertung")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Kein Zugriff"
    assert "Schweißen" not in page.content()
