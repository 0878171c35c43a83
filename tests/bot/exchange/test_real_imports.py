"""Real records of each format imported as a city's data officer would, and what citizens then read.

Fixtures: tests/data/real (origin of every record in its README.md). Each test asserts the
import summary the officer sees and the course card or details the citizen sees.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cli import main
from bot.db.models import PRICE_FUNDED, PRICE_ON_REQUEST, Course, CourseDate, Provider
from bot.db.session import session_scope
from bot.exchange.importer import FORMATS, import_file
from tests.bot.exchange.real_data import (
    CONSULTANT,
    CONSULTANT_RUN,
    CPP,
    KURSNET,
    OPENQCAT,
    OPENQCAT_DELETE,
    OPENVHS,
    VHS_BERLIN,
    add_topics,
    cards,
    course,
    details,
)

SUMMER_2023 = date(2023, 7, 1)  # when the KURSNET records were current
AUTUMN_2020 = date(2020, 10, 1)  # before the Berlin VHS courses began


@pytest.fixture()
def topics(session: Session) -> Session:
    add_topics(session)
    return session


def count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


# --- KURSNET: the Weiterbildungssuche API's JSON ------------------------------------------------

def test_kursnet_records_are_imported_with_their_runs_providers_and_towns(topics: Session) -> None:
    report = import_file(topics, KURSNET)
    assert report.lines() == [
        "kursnet-termine.json: 2 Kurse mit 2 Terminen gelesen (KURSNET-JSON, UTF-8).",
        "2 neu, 0 geändert, 0 unverändert importiert; 0 Termine beendet; 0 gelöscht; 0 abgelehnt.",
        "Anbieter: 2 neu, 0 geändert.",
        "Orte neu angelegt (aus dem Gemeindeverzeichnis): 2.",
    ]
    cpp, consultant = course(topics, CPP), course(topics, CONSULTANT)
    assert (cpp.topic.slug, consultant.topic.slug) == ("it", "gesundheit")  # Systematik C 1435 / C 1020
    [run] = consultant.dates
    assert (run.external_id, run.place.name, run.place.state, run.postcode) == (CONSULTANT_RUN, "Münster", "NW",
                                                                                "48153")
    assert run.flexible_start and (run.price_state, run.price_eur) == (PRICE_ON_REQUEST, None)
    assert run.price_remark == "Gebühren auf Anfrage"
    assert (cpp.dates[0].price_state, cpp.dates[0].price_eur) == (PRICE_FUNDED, None)  # 0.0 with foerderung
    assert cpp.dates[0].place.name == "Helmstedt" and cpp.certifier.startswith("DQS GmbH")
    assert (consultant.source, consultant.source_updated) == ("kursnet", date(2023, 7, 13))
    provider = consultant.provider
    assert (provider.phone, provider.email, provider.city) == ("030 22027281", "info@iu-akademie.de", "Erfurt")


def test_kursnet_html_becomes_plain_text(topics: Session) -> None:
    import_file(topics, KURSNET)
    text = course(topics, CONSULTANT).description
    assert "<" not in text and "&amp;" not in text
    assert "• Literaturrecherche" in text and "• Datenaufbereitung & -auswertung" in text
    assert "Voraussetzungen: • Mind. 2-jährige Berufsausbildung" in text.replace("\n", " ")


def test_a_citizen_finds_a_kursnet_course_by_its_own_words_with_price_on_request_and_source(topics: Session) -> None:
    import_file(topics, KURSNET)
    [card] = cards(topics, "Forschungsmethoden", SUMMER_2023, place="Münster")
    assert card == ("1. Consultant für Forschungsmethoden im Therapiewesen (m/w/d)\n"
                    "IU Akademie IU Internationale Hochschule · Münster\n"
                    "Start: Einstieg jederzeit · Preis auf Anfrage · vor Ort und online, Teilzeit\n"
                    "Förderung: Bildungsgutschein\n"
                    "Quelle: KURSNET, Stand 13.07.2023")
    said = details(topics, CONSULTANT, SUMMER_2023)
    assert "Kosten: Preis auf Anfrage (Gebühren auf Anfrage)" in said
    assert "Termine: Einstieg jederzeit (Münster)" in said and "Quelle: KURSNET, Stand 13.07.2023" in said


def test_a_voucher_price_is_never_shown_as_free(topics: Session) -> None:
    import_file(topics, KURSNET)
    [card] = cards(topics, "Polymorphie", SUMMER_2023)  # one of the record's own search words
    assert "Start: Beginn auf Anfrage · Kosten über Förderung (z. B. Bildungsgutschein)" in card
    assert "0 €" not in card and "kostenlos" not in card
    assert "Quelle: KURSNET, Stand 13.06.2023" in card


@pytest.mark.parametrize(("path", "provider", "found"), [(KURSNET, None, (2, 2, 2)), (OPENQCAT, None, (1, 1, 1)),
                                                       (OPENVHS, VHS_BERLIN, (3, 3, 1))])
def test_importing_the_same_delivery_again_changes_nothing(topics: Session, path, provider, found) -> None:
    import_file(topics, path, provider=provider)
    report = import_file(topics, path, provider=provider)
    assert report.lines()[1] == (f"0 neu, 0 geändert, {found[0]} unverändert importiert; 0 Termine beendet; "
                                 "0 gelöscht; 0 abgelehnt.")
    assert "Anbieter:" not in "\n".join(report.lines())  # no provider created or changed either
    assert (count(topics, Course), count(topics, CourseDate), count(topics, Provider)) == found


# --- openQ-cat 1.1: KURSNET's upload format ------------------------------------------------------

def test_openqcat_catalogue_in_iso_8859_15(topics: Session) -> None:
    data = OPENQCAT.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really ISO-8859-15, not UTF-8 by accident
    report = import_file(topics, OPENQCAT)
    assert report.lines()[:2] == [
        "openqcat-katalog-iso-8859-15.xml: 1 Kurse mit 1 Terminen gelesen (openQ-cat, ISO-8859-15).",
        "1 neu, 0 geändert, 0 unverändert importiert; 0 Termine beendet; 0 gelöscht; 0 abgelehnt.",
    ]
    consultant = course(topics, CONSULTANT)
    assert consultant.title == "Consultant für Forschungsmethoden im Therapiewesen (m/w/d)"
    assert consultant.description.startswith("Es geht vor allem um die Qualitätssicherung in Gesundheitsberufen.")
    assert "<p>" not in consultant.description and "• Literaturrecherche" in consultant.description
    [run] = consultant.dates
    assert (run.external_id, run.place.name, run.price_state, run.price_remark) == (
        CONSULTANT_RUN, "Münster", PRICE_ON_REQUEST, "Gebühren auf Anfrage")
    assert run.schedule_text == "Der Check-In findet einmal am Tag für 15 Minuten statt - morgens um 10 Uhr."
    [card] = cards(topics, "Therapiewesen", SUMMER_2023)
    assert "Preis auf Anfrage" in card and "Quelle: KURSNET (openQ-cat), Stand 13.07.2023" in card  # GENERATION_DATE


def test_openqcat_delta_deletes_the_offer_and_it_is_no_longer_found(topics: Session) -> None:
    import_file(topics, OPENQCAT)
    report = import_file(topics, OPENQCAT_DELETE)
    assert report.lines()[1] == "0 neu, 0 geändert, 0 unverändert importiert; 0 Termine beendet; 1 gelöscht; " \
                                "0 abgelehnt."
    assert course(topics, CONSULTANT) is None and count(topics, CourseDate) == 0
    assert cards(topics, "Therapiewesen", SUMMER_2023) == []
    again = import_file(topics, OPENQCAT_DELETE)  # the same delta twice: nothing left to delete, and it says so
    assert "1 gelöscht" not in again.lines()[1]
    assert "  Hinweis: Löschen von „14222269“: weder Angebot noch Termin ist gespeichert" in again.lines()


def test_kursnet_and_openqcat_describe_the_same_offer_once(topics: Session) -> None:
    import_file(topics, KURSNET)
    report = import_file(topics, OPENQCAT)  # same provider (SUPPLIER_ID 256583), same offer and run numbers
    assert report.lines()[1].startswith("0 neu, 1 geändert, 0 unverändert")
    assert count(topics, Course) == 2 and len(course(topics, CONSULTANT).dates) == 1


# --- Open-vhs 1.2: the Volkshochschulen's export ---------------------------------------------------

def test_openvhs_without_its_provider_is_rejected_naming_what_to_do(topics: Session) -> None:
    report = import_file(topics, OPENVHS)
    assert report.exit_code == 1 and count(topics, Course) == 0
    assert ("  Abgelehnt: Zeile 3 (Veranstaltung 569306 (Re4281-H)): Anbieter unbekannt: die Datei nennt keine "
            "Volkshochschule (<ersteller>); bitte mit --anbieter NAME importieren") in report.lines()


def test_openvhs_berlin_courses_with_prices_remarks_and_topics(topics: Session) -> None:
    report = import_file(topics, OPENVHS, provider=VHS_BERLIN)
    assert report.lines()[:2] == [
        "openvhs-berlin.xml: 3 Kurse mit 3 Terminen gelesen (Open-vhs, UTF-8).",
        "3 neu, 0 geändert, 0 unverändert importiert; 0 Termine beendet; 0 gelöscht; 0 abgelehnt.",
    ]
    spanish = course(topics, "578841")
    assert (spanish.topic.slug, course(topics, "569060").topic.slug) == ("sprachen", "office")  # DVV 4.22, 5.00
    [run] = spanish.dates
    assert (str(run.price_eur), run.price_remark, run.place.name, run.start_date) == (
        "101.50", "erm. Preis: 54,25 EUR", "Berlin", date(2020, 10, 27))
    card = cards(topics, "Spanisch", AUTUMN_2020, place="Berlin")[0]  # then the English one: "Spanisch" names a topic
    assert card.startswith("1. Spanisch A1.2 - etwas schneller!\nVolkshochschulen Berlin · Berlin\n"
                           "Start: 27.10.2020 · 101,50 €")
    assert "Quelle: vhs-Kursfinder" in card


def test_cli_imports_openvhs_with_the_named_provider(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with session_scope(db_url) as session:
        add_topics(session)
    assert main(["--db", db_url, "db", "import", str(OPENVHS), "--anbieter", VHS_BERLIN]) == 0
    out = capsys.readouterr().out
    assert "3 neu, 0 geändert, 0 unverändert importiert" in out and "Abgelehnt" not in out
    with session_scope(db_url) as session:
        assert session.execute(select(Provider.name).where(Provider.name == VHS_BERLIN)).scalar_one()


def test_cli_offers_every_format_the_importer_reads() -> None:
    from bot.cli import IMPORT_FORMATS

    assert IMPORT_FORMATS == FORMATS


def test_format_is_recognised_by_content_not_by_name(topics: Session, tmp_path) -> None:
    renamed = tmp_path / "lieferung.dat"
    renamed.write_bytes(KURSNET.read_bytes())
    assert import_file(topics, renamed).format == "kursnet-json"
    renamed.write_bytes(OPENQCAT.read_bytes())
    assert import_file(topics, renamed).format == "openqcat"

