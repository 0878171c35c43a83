"""Edge cases of real deliveries, derived at run time from the real records in tests/data/real.

What the data officer reads (every problem of a record in one pass, in German, with record id and
field) and what the citizen then finds (nothing half-imported, ended runs gone, unknown towns
refused or placed by their coordinates).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.cli import main
from bot.db.models import RUN_ACTIVE, RUN_ENDED, Course, CourseDate, Place
from bot.db.session import session_scope
from bot.exchange.importer import Upserter, import_file
from bot.exchange.records import FormatError
from tests.bot.exchange.real_data import (
    CONSULTANT,
    CONSULTANT_RUN,
    CPP,
    OPENQCAT,
    OPENVHS,
    VHS_BERLIN,
    add_topics,
    cards,
    course,
    termine,
    write_kursnet,
)

SUMMER_2023 = date(2023, 7, 1)
TODAY = date(2026, 12, 7)


@pytest.fixture()
def topics(session: Session) -> Session:
    add_topics(session)
    return session


def courses(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Course)).scalar_one()


def openqcat(tmp_path: Path, *replacements: tuple[str, str], encoding: str = "iso-8859-15") -> Path:
    """The real openQ-cat catalogue with text replaced, written in ``encoding``."""
    text = OPENQCAT.read_bytes().decode("iso-8859-15")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "katalog.xml"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_termin_without_its_offer_number_is_rejected_the_other_imported(topics: Session, tmp_path: Path) -> None:
    runs = termine()
    del runs[0]["angebot"]["id"]
    report = import_file(topics, write_kursnet(tmp_path / "antwort.json", runs))
    assert report.exit_code == 1 and (report.created, courses(topics)) == (1, 1)
    assert "  Abgelehnt: Angebot ohne Nummer (Eintrag 1) (Termin 179752566): Pflichtfeld „angebot.id“ fehlt" \
        in report.lines()


def test_every_problem_of_a_record_is_reported_at_once_with_its_field(topics: Session, tmp_path: Path) -> None:
    runs = termine()
    runs[0]["angebot"]["titel"] = " "
    runs[0]["kostenWert"] = "-50"
    runs[0]["unterrichtsform"] = {"id": 999, "bezeichnung": "Tanzkurs"}
    report = import_file(topics, write_kursnet(tmp_path / "antwort.json", runs))
    [rejected] = [line for line in report.lines() if "Abgelehnt" in line]
    assert rejected == ("  Abgelehnt: Angebot 14363439 (Termin 179752566): Pflichtfeld „titel“ fehlt; "
                        "Termin 179752566: „unterrichtsform“: „Tanzkurs“ ist unbekannt; "
                        "Termin 179752566: „kostenWert“: -50 – ein Preis kann nicht negativ sein")


def test_an_offer_with_one_bad_run_lands_with_none_of_its_runs(topics: Session, tmp_path: Path) -> None:
    good, bad = termine()[1], termine()[1]
    bad["id"], bad["kostenWert"] = 184336399, "zwölfhundert"
    report = import_file(topics, write_kursnet(tmp_path / "antwort.json", [good, bad]))
    assert report.created == 0 and course(topics, CONSULTANT) is None
    assert topics.execute(select(func.count()).select_from(CourseDate)).scalar_one() == 0
    assert "„kostenWert“: „zwölfhundert“ ist kein Eurobetrag" in report.lines()[-1]


def test_a_database_failure_midway_leaves_nothing_imported(db_url: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    written = []
    upsert = Upserter.upsert

    def fails_on_the_second(self: Upserter, record, complete=False):  # type: ignore[no-untyped-def]
        if written:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        written.append(record.external_id)
        return upsert(self, record, complete)

    monkeypatch.setattr(Upserter, "upsert", fails_on_the_second)
    assert main(["--db", db_url, "db", "import", str(write_kursnet(tmp_path / "antwort.json", termine()))]) == 2
    assert "Fehler: Datenbankfehler: disk I/O error." in capsys.readouterr().err
    assert written == [CPP]  # the first course was written into the transaction ...
    with session_scope(db_url) as session:
        assert courses(session) == 0  # ... and rolled back with it


def test_an_unknown_town_is_refused_unless_the_source_gives_its_coordinates(topics: Session, tmp_path: Path) -> None:
    runs = termine()
    for run in runs:
        run["adresse"]["ortStrasse"].update(name="Atlantis", plz="99999")
    del runs[1]["adresse"]["koordinaten"]
    report = import_file(topics, write_kursnet(tmp_path / "ohne.json", runs[1:]))
    assert (report.created, report.lines()[-1]) == (0, (
        "  Abgelehnt: Angebot 14222269 (Termin 184336343): Ort „Atlantis“ ist nicht bekannt (weder gespeichert "
        "noch im Gemeindeverzeichnis)"))
    assert import_file(topics, write_kursnet(tmp_path / "mit.json", runs[:1])).created == 1
    place = course(topics, CPP).dates[0].place  # with the source's coordinates: stored as it came
    assert (place.name, round(place.latitude, 2), round(place.longitude, 2)) == ("Atlantis", 52.23, 11.0)


def test_a_town_outside_the_home_regions_is_stored_and_found(topics: Session, tmp_path: Path) -> None:
    runs = termine()[1:]
    runs[0]["adresse"]["ortStrasse"].update(name="Kassel", plz="34117")
    del runs[0]["adresse"]["koordinaten"]
    import_file(topics, write_kursnet(tmp_path / "antwort.json", runs))
    kassel = topics.execute(select(Place).where(Place.name == "Kassel")).scalar_one()
    assert (kassel.state, kassel.region_id, round(kassel.latitude)) == ("HE", None, 51)
    [card] = cards(topics, "Forschungsmethoden", SUMMER_2023, place="Kassel")
    assert "IU Akademie IU Internationale Hochschule · Kassel" in card


def test_script_and_markup_never_reach_the_citizen(topics: Session, tmp_path: Path) -> None:
    runs = termine()[1:]
    runs[0]["angebot"]["inhalt"] = "<script>alert('x')</script><p onclick=\"steal()\">Statistik <b>für</b> alle</p>"
    import_file(topics, write_kursnet(tmp_path / "antwort.json", runs))
    text = course(topics, CONSULTANT).description
    assert text.startswith("Statistik für alle") and "alert" not in text and "steal" not in text


def test_a_record_without_a_matching_topic_is_found_by_its_own_words(topics: Session, tmp_path: Path) -> None:
    runs = termine()[1:]
    runs[0]["angebot"].update(titel="Imkerei im Nebenerwerb", systematiken=[{"codeNr": "Z 9999"}],
                              suchworte=[{"suchwort": "Bienenhaltung"}], inhalt="<p>Völker führen.</p>",
                              zielgruppe=None, zugang=None, foerderung=None)
    import_file(topics, write_kursnet(tmp_path / "antwort.json", runs))
    assert course(topics, CONSULTANT).topic is None
    [card] = cards(topics, "Bienenhaltung", SUMMER_2023)
    assert card.startswith("1. Imkerei im Nebenerwerb\n")


def test_a_replaced_run_in_a_complete_catalogue_ends_the_old_one(topics: Session, tmp_path: Path) -> None:
    import_file(topics, OPENQCAT)
    path = openqcat(tmp_path, ("<PRODUCT_ID>184336343</PRODUCT_ID>", "<PRODUCT_ID>190000001</PRODUCT_ID>"))
    report = import_file(topics, path, today=TODAY)
    assert report.lines()[1] == "0 neu, 1 geändert, 0 unverändert importiert; 1 Termine beendet; 0 gelöscht; " \
                                "0 abgelehnt."
    runs = {d.external_id: d for d in course(topics, CONSULTANT).dates}
    assert (runs[CONSULTANT_RUN].status, runs[CONSULTANT_RUN].ended_on) == (RUN_ENDED, TODAY)
    assert runs["190000001"].status == RUN_ACTIVE
    assert len(cards(topics, "Therapiewesen", SUMMER_2023)) == 1  # the new run, once


def test_an_offer_missing_from_a_complete_catalogue_ends_and_is_no_longer_found(topics: Session,
                                                                                 tmp_path: Path) -> None:
    import_file(topics, OPENQCAT)
    other = openqcat(tmp_path, *[(f"{tag}14222269{end}", f"{tag}15000000{end}") for tag, end in
                                 (("<PRODUCT_ID>", "</PRODUCT_ID>"), ("<COURSE_ID>", "</COURSE_ID>"))],
                     ("<PRODUCT_ID>184336343", "<PRODUCT_ID>190000002"), ("Consultant für", "Referent für"))
    report = import_file(topics, other, today=TODAY)
    assert report.lines()[1].startswith("1 neu, 0 geändert, 0 unverändert importiert; 1 Termine beendet")
    assert course(topics, CONSULTANT).dates[0].status == RUN_ENDED  # stored, but ...
    [card] = cards(topics, "Therapiewesen", SUMMER_2023)  # ... only the listed offer is found
    assert card.startswith("1. Referent für Forschungsmethoden")


def test_a_delta_adds_a_run_to_a_stored_offer_and_refuses_runs_of_unknown_offers(topics: Session,
                                                                                  tmp_path: Path) -> None:
    import_file(topics, OPENQCAT)
    text = OPENQCAT.read_bytes().decode("iso-8859-15")
    run = text[text.index('    <SERVICE mode="new">\n      <PRODUCT_ID>184336343'):text.index("  </NEW_CATALOG>")]
    orphan = run.replace("184336343", "190000003").replace("<COURSE_ID>14222269", "<COURSE_ID>99999999")
    delta = (text[:text.index("  <NEW_CATALOG")] + "  <UPDATE_CATALOG><NEW>\n"
             + run.replace("184336343", "190000004") + orphan + "  </NEW></UPDATE_CATALOG>\n</OPENQCAT>\n")
    path = tmp_path / "delta.xml"
    path.write_bytes(delta.encode("iso-8859-15"))
    report = import_file(topics, path)
    assert report.lines()[1] == "0 neu, 1 geändert, 0 unverändert importiert; 0 Termine beendet; 0 gelöscht; " \
                                "1 abgelehnt."
    assert sorted(d.external_id for d in course(topics, CONSULTANT).dates) == [CONSULTANT_RUN, "190000004"]
    assert any("Angebot „99999999“ ist nicht gespeichert: Termine ohne ihr Angebot können nicht zugeordnet werden"
               in line for line in report.lines())


def test_iso_8859_15_euro_sign_is_read_and_a_wrong_declaration_is_refused(topics: Session, tmp_path: Path) -> None:
    path = openqcat(tmp_path, ("<REMARKS>Gebühren auf Anfrage", "<REMARKS>Prüfungsgebühr 150 €, sonst auf Anfrage"))
    assert b"150 \xa4" in path.read_bytes()  # the euro sign as ISO-8859-15 writes it
    import_file(topics, path)
    assert course(topics, CONSULTANT).dates[0].price_remark == "Prüfungsgebühr 150 €, sonst auf Anfrage"
    lying = tmp_path / "falsch.xml"
    lying.write_bytes(path.read_bytes().replace(b'encoding="ISO-8859-15"', b'encoding="UTF-8"'))
    with pytest.raises(FormatError, match="nicht als UTF-8 lesbar"):
        import_file(topics, lying)


def test_a_vhs_programme_without_a_course_ends_that_course(topics: Session, tmp_path: Path) -> None:
    import_file(topics, OPENVHS, provider=VHS_BERLIN)
    text = OPENVHS.read_text(encoding="utf-8")
    start = text.index("    <veranstaltung>\n        <guid>578841")
    shorter = tmp_path / "programm.xml"
    shorter.write_text(text[:start] + text[text.index("    <veranstaltung>\n        <guid>569060"):], encoding="utf-8")
    report = import_file(topics, shorter, provider=VHS_BERLIN, today=TODAY)
    assert report.lines()[1] == "0 neu, 0 geändert, 2 unverändert importiert; 1 Termine beendet; 0 gelöscht; " \
                                "0 abgelehnt."
    assert course(topics, "578841").dates[0].status == RUN_ENDED
    assert not any("Spanisch" in card for card in cards(topics, "Spanisch", date(2020, 10, 1), place="Berlin"))
