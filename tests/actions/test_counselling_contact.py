"""Counselling wishes ("Ich brauche einen Termin bei einer Beratung", "nummer bitte"): a place to go,
a number to call with its source and date, and always the offer of a callback."""

from __future__ import annotations

import pytest

from actions.centres import ActionCounsellingCentres
from tests.actions.conftest import make_tracker, run, texts


def ask(text: str, **slots: object) -> tuple[str, list[str]]:
    _, messages = run(ActionCounsellingCentres(), make_tracker(text=text, intent="ask_counselling", slots=dict(slots)))
    return texts(messages), [b["title"] for m in messages for b in m.get("buttons") or []]


def test_an_appointment_wish_without_a_place_gets_numbers_and_a_callback(demo_db: str) -> None:
    said, buttons = ask("Ich brauche einen Termin bei einer Beratung")
    assert "Für welchen Ort suchen Sie eine Beratungsstelle?" in said
    assert "0800 4 5555 00, Mo–Fr 8–18 Uhr, kostenfrei (Quelle: arbeitsagentur.de/kontakt" in said
    assert "Stand Januar 2026" in said
    assert "⚠️ nicht bestätigt – Infotelefon Weiterbildungsberatung des Bundes: 030 201 790 90" in said
    assert "Rückruf vereinbaren" in buttons


def test_nummer_bitte_in_krefeld_shows_the_centres_with_what_is_known(demo_db: str) -> None:
    said, buttons = ask("nummer bitte", place="Krefeld")
    assert "Volkshochschule Krefeld/Neukirchen-Vluyn\nVon-der-Leyen-Platz 2, 47798 Krefeld" in said
    # The agency has no own number in the data: its service number, not nothing.
    assert "Agentur für Arbeit Krefeld\nKrefeld\nTelefon: 0800 4 5555 00 (Servicetelefon der Bundesagentur" in said
    assert "Öffnungszeiten: ⚠️ nicht geprüft" in said
    assert "bitte auf der Website der Stelle prüfen" not in said
    assert "Rückruf vereinbaren" in buttons


def test_stored_hours_and_phone_are_shown_as_stored(demo_db: str) -> None:
    from bot.db.models import CounsellingCentre
    from bot.db.session import session_scope

    with session_scope() as session:
        centre = session.query(CounsellingCentre).filter_by(slug="vhs-bottrop").one()
        centre.phone, centre.opening_hours = "02041 70 37 77", {"mo": [["09:00", "12:00"]], "di": [["09:00", "12:00"]]}
    said, _ = ask("Beratung in Bottrop", place="Bottrop")
    assert "Volkshochschule Bottrop\nBöckenhoffstraße 30, 46236 Bottrop\nTelefon: 02041 70 37 77" in said
    assert "Öffnungszeiten: Mo–Di 09:00–12:00" in said


@pytest.mark.parametrize("town", ["Hamburg", "München"])
def test_a_town_elsewhere_is_sent_to_its_own_agency(demo_db: str, town: str) -> None:
    said, buttons = ask(f"Wo kann ich mich in {town} beraten lassen?")
    assert f"{town} liegt außerhalb der Regionen, für die ich Beratungsstellen kenne" in said
    assert f"In {town} berät Sie die örtliche Agentur für Arbeit" in said
    assert "Für welchen Ort suchen Sie" not in said
    assert "Rückruf vereinbaren" in buttons


def test_a_home_town_named_by_its_first_word_finds_its_centres(demo_db: str) -> None:
    said, _ = ask("Beratungsstelle in Homberg?", place="Homberg")  # Homberg (Efze), Schwalm-Eder-Kreis
    assert "Für welchen Ort" not in said
    assert "Homberg (Efze)" in said  # the centres of the Schwalm-Eder-Kreis, those in Homberg first


@pytest.mark.parametrize(("text", "language", "phrase"), [
    ("Where can I get free advice in English about recognition of my university degree? I live in Moers.", "en",
     "For the recognition of a qualification from abroad, the IQ Netzwerk"),
    ("Wo berät man mich zur Anerkennung meines Abschlusses aus Syrien? Ich wohne in Moers.", "de",
     "Zur Anerkennung eines ausländischen Abschlusses berät das IQ Netzwerk"),
])
def test_advice_on_recognition_names_the_iq_network_before_the_centres(
    demo_db: str, text: str, language: str, phrase: str
) -> None:
    said, buttons = ask(text, language=language)
    assert said.startswith(phrase)
    assert "anerkennung-in-deutschland.de" in said
    assert "Kreis Wesel" in said  # the centres of the town follow
    assert buttons[-1] in ("Arrange a callback", "Rückruf vereinbaren")
    plain, _ = ask("Beratung in Moers, bitte")
    assert "IQ Netzwerk" not in plain
