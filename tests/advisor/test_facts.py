"""/verwaltung/angaben: the Netzwerk account edits its region's centres, programme texts and FAQ
answers with source and Stand, sees who changed what, and takes changes back; nobody else may."""

from __future__ import annotations

import html
import re

import pytest

from bot.db.models_edits import FactEdit
from bot.db.session import session_scope
from bot.edits import current_values
from tests.advisor.conftest import World

NETZ = "netzwerk@krefeld.example"
HOURS_PAGE = "/verwaltung/angaben/beratungsstelle/vhs-krefeld"
SOURCE = "https://www.vhs-krefeld.de/kontakt"


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(re.sub(r"\s+", " ", response.text))


def save(client, path: str, fields: dict[str, str], source: str = SOURCE, stand: str = "2026-11-20"):  # type: ignore[no-untyped-def]
    form = {"csrf": client.csrf(path), "quelle": source, "stand": stand}
    form.update({f"feld-{name}": value for name, value in fields.items()})
    return client.post(path, form)


def edits(world: World) -> list[tuple[str, str, object, str]]:
    with session_scope(world.db_url) as s:
        return [(e.key, e.field, e.value, e.author_email) for e in s.query(FactEdit).order_by(FactEdit.id)]


def test_netzwerk_sees_the_centres_of_its_region_the_programmes_and_the_faq(world: World) -> None:
    page = world.signed_in(NETZ).get("/verwaltung/angaben")
    assert page.status == 200
    shown = text(page)
    assert "Beratungsstellen der Region Krefeld" in shown and "VHS Krefeld" in shown
    assert "Agentur für Arbeit Bottrop" not in shown  # another region's centre
    assert "Bildungsgutschein" in shown and "Bildungsurlaub NRW" in shown
    assert "Bildungsurlaub Hessen" not in shown  # another state's law
    assert "Umschulung" in shown
    assert '<a href="/verwaltung/angaben" aria-current="page">Angaben pflegen</a>' in page.text


@pytest.mark.parametrize("email", ["anna@vhs-krefeld.example", "leitung@vhs-krefeld.example",
                                   "lena@vhs-krefeld.example"])
def test_other_roles_may_neither_see_nor_change_the_facts(world: World, email: str) -> None:
    client = world.signed_in(email)
    for path in ("/verwaltung/angaben", HOURS_PAGE):
        assert client.get(path).status == 403, path
    token = client.csrf("/konto/passwort")
    answer = client.post(HOURS_PAGE, {"csrf": token, "feld-phone": "02151 86 26 00", "quelle": SOURCE,
                                      "stand": "2026-11-20"})
    assert answer.status == 403
    assert "Angaben pflegen" not in client.get("/konto/passwort").text
    assert edits(world) == []


def test_without_login_the_pages_say_nothing(world: World) -> None:
    answer = world.client().get(HOURS_PAGE)
    assert answer.status == 303 and answer.location == "/anmelden"
    assert "VHS" not in answer.text


def test_an_edit_of_the_opening_hours_is_stored_attributed_and_shown(world: World) -> None:
    client = world.signed_in(NETZ)
    form = client.get(HOURS_PAGE)
    assert form.status == 200 and 'name="feld-opening_hours"' in form.text
    answer = save(client, HOURS_PAGE, {"opening_hours": "Mo–Do 8:00–16:00, Fr 8:00–12:30", "phone": "",
                                       "email": "beratung@vhs-krefeld.example"})
    assert answer.status == 303 and answer.location == f"{HOURS_PAGE}?gespeichert=1"
    assert edits(world) == [("vhs-krefeld", "opening_hours", {
        "mo": [["08:00", "16:00"]], "di": [["08:00", "16:00"]], "mi": [["08:00", "16:00"]],
        "do": [["08:00", "16:00"]], "fr": [["08:00", "12:30"]]}, NETZ)]  # only what changed
    shown = text(client.get(answer.location))
    assert "Gespeichert: 1 Angabe. Der Bot sagt sie spätestens in 30 Sekunden." in shown
    assert 'value="Mo–Do 08:00–16:00, Fr 08:00–12:30"' in shown
    assert f"Geändert am 23.11.2026 09:00 von {NETZ} (Stand 20.11.2026)" in shown
    assert f"{SOURCE}</a>, Stand 20.11.2026" in shown and "gilt jetzt" in shown


def test_a_refused_form_stores_nothing_and_says_why(world: World) -> None:
    client = world.signed_in(NETZ)
    answer = save(client, HOURS_PAGE, {"opening_hours": "Montag bis Freitag", "phone": "12345"},
                  source="VHS-Flyer", stand="2026-12-01")
    assert answer.status == 400
    shown = text(answer)
    assert "Es wurde nichts gespeichert. Bitte korrigieren Sie die markierten Angaben." in shown
    assert "Den Teil „Montag bis Freitag“ der Öffnungszeiten verstehe ich nicht" in shown
    assert "„12345“ sieht nicht wie eine Telefonnummer aus" in shown
    assert "„VHS-Flyer“ ist keine vollständige Internetadresse" in shown
    assert "Der Stand 01.12.2026 liegt in der Zukunft" in shown
    assert 'value="Montag bis Freitag"' in shown  # what was typed stays in the form
    assert edits(world) == []
    unchanged = save(client, HOURS_PAGE, {})
    assert unchanged.status == 400 and "Sie haben nichts geändert" in text(unchanged)


def test_a_form_without_the_csrf_token_is_refused(world: World) -> None:
    client = world.signed_in(NETZ)
    answer = client.post(HOURS_PAGE, {"feld-phone": "02151 86 26 00", "quelle": SOURCE, "stand": "2026-11-20"})
    assert answer.status == 403 and edits(world) == []


def test_another_region_s_centre_and_another_state_s_programme_cannot_be_edited(world: World) -> None:
    client = world.signed_in(NETZ)
    for path in ("/verwaltung/angaben/beratungsstelle/aa-bottrop", "/verwaltung/angaben/programm/bildungsurlaub_hessen",
                 "/verwaltung/angaben/faq/gibt-es-nicht", "/verwaltung/angaben/kurs/vhs-krefeld"):
        assert client.get(path).status == 404, path
    token = client.csrf(HOURS_PAGE)
    answer = client.post("/verwaltung/angaben/beratungsstelle/aa-bottrop",
                         {"csrf": token, "feld-phone": "0209 000000", "quelle": SOURCE, "stand": "2026-11-20"})
    assert answer.status == 404 and edits(world) == []


def test_a_change_is_taken_back_and_the_history_says_by_whom(world: World) -> None:
    client = world.signed_in(NETZ)
    save(client, HOURS_PAGE, {"phone": "02151 11 11 11"})
    save(client, HOURS_PAGE, {"phone": "02151 22 22 22"})
    with session_scope(world.db_url) as s:
        newest = max(e.id for e in s.query(FactEdit))
    page = text(client.get(HOURS_PAGE))
    assert "durch eine neuere Fassung ersetzt" in page and 'value="02151 22 22 22"' in page
    answer = client.post(f"/verwaltung/angaben/aenderungen/{newest}/zuruecknehmen", {"csrf": client.csrf(HOURS_PAGE)})
    assert answer.status == 303 and answer.location == f"{HOURS_PAGE}?zurueck=1"
    page = text(client.get(answer.location))
    assert "Die Änderung ist zurückgenommen." in page
    assert f"zurückgenommen am 23.11.2026 09:00 von {NETZ}" in page
    assert 'value="02151 11 11 11"' in page  # the previous version counts again
    with session_scope(world.db_url) as s:
        assert current_values(s)[("centre", "vhs-krefeld", "phone")].value == "02151 11 11 11"
    again = client.post(f"/verwaltung/angaben/aenderungen/{newest}/zuruecknehmen", {"csrf": client.csrf(HOURS_PAGE)})
    assert again.status == 400 and "Diese Änderung wurde bereits zurückgenommen." in text(again)


def test_a_faq_answer_is_edited_without_its_old_stand(world: World) -> None:
    client = world.signed_in(NETZ)
    path = "/verwaltung/angaben/faq/umschulung"
    form = text(client.get(path))
    assert "Eine Umschulung ist eine neue Berufsausbildung für Erwachsene." in form
    assert "(Stand: 2023)" not in form  # the bot adds an edit's own Stand and source
    answer = save(client, path, {"text": "Eine Umschulung dauert meist zwei Jahre. (Stand: 2023)",
                                 "text_en": "An Umschulung (retraining) usually takes two years."})
    assert answer.status == 303 and answer.location == f"{path}?gespeichert=2"
    assert [(k, f, v) for k, f, v, _ in edits(world)] == [
        ("umschulung", "text", "Eine Umschulung dauert meist zwei Jahre."),
        ("umschulung", "text_en", "An Umschulung (retraining) usually takes two years."),
    ]


def test_a_programme_fact_is_edited_with_its_own_source(world: World) -> None:
    client = world.signed_in(NETZ)
    path = "/verwaltung/angaben/programm/bildungsgutschein"
    assert 'name="feld-facts.0"' in client.get(path).text
    answer = save(client, path, {"facts.0": "Der Bildungsgutschein ist eine Zusage der Agentur für Arbeit."},
                  source="https://www.arbeitsagentur.de/bildungsgutschein")
    assert answer.status == 303
    assert [(k, f) for k, f, _, _ in edits(world)] == [("bildungsgutschein", "facts.0")]
