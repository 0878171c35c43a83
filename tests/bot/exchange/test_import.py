"""Importing course files: what the editorial staff see after an import, on a real SQLite database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.migrate import upgrade
from bot.db.models import Course, CourseDate, Place, Provider, Region
from bot.db.session import session_scope
from bot.exchange.exporter import export_file
from bot.exchange.importer import import_file
from bot.exchange.records import FormatError
from tests.bot.exchange.sample_files import DATA, add_reference_rows, count, snapshot


def course(session: Session, external_id: str) -> Course | None:
    return session.execute(select(Course).where(Course.external_id == external_id)).scalar_one_or_none()



def test_good_csv_imports_every_course_with_its_dates(refs: Session) -> None:
    report = import_file(refs, DATA / "kurse.csv")
    assert (report.created, report.rejected, report.exit_code) == (3, [], 0)
    umschulung = course(refs, "BN-2026-017")
    assert umschulung.provider.name == "Bildungswerk Niederrhein GmbH" and umschulung.provider.azav_certified
    assert [d.price_eur for d in umschulung.dates] == [Decimal("18450.00")] * 2
    assert umschulung.description == "Umschulung mit IHK-Abschluss.\nSechs Monate Praktikum im Betrieb."
    assert [(d.start_date, d.end_date, d.place.name, d.seats) for d in umschulung.dates] == [
        (date(2026, 3, 2), date(2028, 2, 29), "Krefeld", 16),
        (date(2026, 9, 1), date(2028, 8, 31), "Krefeld", None),
    ]
    excel = course(refs, "BN-2026-020")
    assert excel.topic.slug == "it"  # matched by the topic's name "IT und EDV"
    assert excel.dates[0].place is None and excel.bildungsurlaub_states == ["NW"]
    mag = course(refs, "SM-7")
    assert [(d.format, d.price_eur) for d in mag.dates] == [("praesenz", Decimal("1290.00"))]
    assert mag.bildungsurlaub_states == ["NW", "HE"]
    assert "schweissen" in mag.search_text and "schutzgasschweissen" in mag.search_text


def test_second_import_of_the_same_file_changes_nothing(refs: Session) -> None:
    import_file(refs, DATA / "kurse.csv")
    before = count(refs, CourseDate)
    report = import_file(refs, DATA / "kurse.csv")
    assert (report.created, report.updated, report.unchanged, report.providers_created) == (0, 0, 3, 0)
    assert "0 neu, 0 geändert, 3 unverändert" in "\n".join(report.lines())
    assert (count(refs, Course), count(refs, CourseDate), count(refs, Provider)) == (3, before, 2)


def test_changed_course_is_updated_in_place(refs: Session, tmp_path: Path) -> None:
    import_file(refs, DATA / "kurse.csv")
    changed = tmp_path / "kurse.csv"
    text = (DATA / "kurse.csv").read_text(encoding="utf-8")
    changed.write_text(text.replace("1.290,00 €", "1.350,00 €").replace("/Moers/8", "/Wesel/8"), encoding="utf-8")
    report = import_file(refs, changed)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    mag = course(refs, "SM-7")
    assert [(d.price_eur, d.place.name) for d in mag.dates] == [(Decimal("1350.00"), "Wesel")]
    assert count(refs, Course) == 3


def test_dry_run_reports_but_writes_nothing(refs: Session) -> None:
    report = import_file(refs, DATA / "kurse.csv", dry_run=True)
    assert (report.created, report.providers_created) == (3, 2)
    assert "nichts geändert" in report.lines()[-1]
    assert (count(refs, Course), count(refs, Provider), count(refs, CourseDate)) == (0, 0, 0)


def test_bad_records_are_reported_by_line_and_the_rest_imported(refs: Session) -> None:
    report = import_file(refs, DATA / "fehlerhaft.csv")
    reasons = {r.line: " ".join(r.reasons) for r in report.rejected}
    assert "Pflichtfeld „titel“ fehlt" in reasons[3]
    assert "Ende (02.03.2026) liegt vor Beginn (30.03.2026)" in reasons[4]
    assert "nicht negativ" in reasons[5]
    assert "„31.02.2026“ ist kein gültiges Datum" in reasons[6]
    assert "schon in Zeile 2" in reasons[7]
    assert "Thema „astrologie“ ist unbekannt" in reasons[8]
    assert "3 Felder" in reasons[10]
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 10]
    assert report.exit_code == 1
    assert sorted(c.external_id for c in refs.execute(select(Course)).scalars()) == ["K-100", "K-106"]


def test_sql_metacharacters_are_stored_verbatim_and_harmless(refs: Session) -> None:
    import_file(refs, DATA / "fehlerhaft.csv")
    assert course(refs, "K-100").title == 'Robert\'); DROP TABLE courses;-- "Bobby" <b>fett</b>'
    assert count(refs, Course) == 2  # the table is still there


def test_a_course_with_one_bad_date_is_not_imported_at_all(refs: Session, tmp_path: Path) -> None:
    path = tmp_path / "kurs.csv"
    path.write_text(
        "anbieter;angebotsnummer;titel;thema;kosten;unterrichtsform;unterrichtszeit;termine\n"
        "VHS Krefeld;K-1;Word;it;10;praesenz;abends;"
        "2026-03-02/2026-03-30/Krefeld/12 | 2026-05-02/2026-05-30/Atlantis/\n",
        encoding="utf-8",
    )
    report = import_file(refs, path)
    assert "Ort „Atlantis“ ist nicht bekannt" in str(report.rejected[0])
    assert (count(refs, Course), count(refs, CourseDate), count(refs, Provider)) == (0, 0, 0)


def test_runs_read_in_date_order_before_and_after_the_session_reloads_them(refs: Session, tmp_path: Path) -> None:
    """A file may list runs in any order; the course shows them by start date, freshly imported or reloaded.

    (The round-trip property test once failed when garbage collection decided which of the two orders
    the session held.)
    """
    path = tmp_path / "kurs.csv"
    path.write_text(
        "anbieter;angebotsnummer;titel;thema;kosten;unterrichtsform;unterrichtszeit;termine\n"
        "VHS Krefeld;K-1;Word;it;10;praesenz;abends;"
        "2027-05-02/2027-05-30/Krefeld/12 | 2027-01-04/2027-02-01/Krefeld/ | 2027-03-01/2027-03-29/Krefeld/\n",
        encoding="utf-8",
    )
    import_file(refs, path)
    starts = [d.start_date for d in course(refs, "K-1").dates]
    refs.expire_all()
    assert starts == [d.start_date for d in course(refs, "K-1").dates] == [
        date(2027, 1, 4), date(2027, 3, 1), date(2027, 5, 2)]


def test_place_in_two_regions_needs_the_region_column(refs: Session, tmp_path: Path) -> None:
    other = Region(slug="anderswo", name="Anderswo", state="HE")
    refs.add(Place(region=other, name="Moers", name_folded="moers", postcode="34000"))
    header = "anbieter;angebotsnummer;titel;thema;kosten;unterrichtsform;unterrichtszeit;region;termine\n"
    row = "VHS;K-1;Word;it;10;praesenz;abends;{};2026-03-02/2026-03-30/Moers/\n"
    ambiguous, clear = tmp_path / "a.csv", tmp_path / "b.csv"
    ambiguous.write_text(header + row.format(""), encoding="utf-8")
    clear.write_text(header + row.format("Kreis Wesel"), encoding="utf-8")
    assert "mehreren Regionen (anderswo, kreis-wesel)" in str(import_file(refs, ambiguous).rejected[0])
    assert import_file(refs, clear).created == 1
    assert course(refs, "K-1").dates[0].place.region.slug == "kreis-wesel"


def test_unreadable_file_imports_nothing(refs: Session, tmp_path: Path) -> None:
    path = tmp_path / "kurse.csv"
    path.write_text("anbieter;titel;farbe\nVHS;Word;blau\n", encoding="utf-8")
    with pytest.raises(FormatError, match="Unbekannte Spalte"):
        import_file(refs, path)
    assert count(refs, Provider) == 0


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_export_reimports_to_identical_data(db_url: str, tmp_path: Path, fmt: str) -> None:
    with session_scope(db_url) as session:
        add_reference_rows(session)
        for name in ("kurse.csv", "kurse.xml", "fehlerhaft.csv", "kurse-cp1252.csv"):
            import_file(session, DATA / name)
        original = snapshot(session)
        export_file(session, tmp_path / f"export.{fmt}", fmt)
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    upgrade(fresh)
    with session_scope(fresh) as session:
        add_reference_rows(session)
        report = import_file(session, tmp_path / f"export.{fmt}")
        assert (report.created, report.rejected) == (len(original), [])
        assert snapshot(session) == original
        again = import_file(session, tmp_path / f"export.{fmt}")
        assert again.unchanged == len(original)


