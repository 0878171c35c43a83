"""Reading what really arrives: BOMs, Windows-1252, malformed and hostile XML."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Course
from bot.exchange.csv_format import write_csv
from bot.exchange.importer import import_file, read_records
from bot.exchange.records import CourseRecord, DateRecord, FormatError, with_course_values
from bot.exchange.validate import render_record, validate_record
from bot.exchange.xml_format import write_xml
from tests.bot.exchange.sample_files import DATA, count


def titles(session: Session) -> list[str]:
    return sorted(session.execute(select(Course.title)).scalars())


def test_utf8_with_bom_keeps_the_first_column_and_umlauts(refs: Session) -> None:
    report = import_file(refs, DATA / "kurse-bom.csv")
    assert (report.encoding, report.created, report.rejected) == ("UTF-8 mit BOM", 1, [])
    assert titles(refs) == ["Führungskräfte-Training für Einsteiger"]
    assert refs.execute(select(Course)).scalar_one().provider.name == "Zentrum für Führung Krefeld"


def test_windows_1252_csv_is_recognised(refs: Session) -> None:
    report = import_file(refs, DATA / "kurse-cp1252.csv")
    assert (report.encoding, report.created, report.rejected) == ("Windows-1252", 1, [])
    imported = refs.execute(select(Course)).scalar_one()
    assert imported.title == "Schweißen für Einsteiger – Grundlagen"
    assert imported.description == "Gas-, Lichtbogen- und Schutzgasschweißen; Arbeitssicherheit"
    assert [(d.format, d.schedule) for d in imported.dates] == [("praesenz", "wochenende")]


def test_windows_1252_xml_with_declaration_is_read(refs: Session) -> None:
    report = import_file(refs, DATA / "kurse-cp1252.xml")
    assert (report.encoding, report.created) == ("Windows-1252", 1)
    assert titles(refs) == ["Schweißen für Fortgeschrittene"]


def test_xml_declared_utf8_but_not_utf8_is_refused_with_its_line() -> None:
    data = '<?xml version="1.0" encoding="UTF-8"?>\n<kursdaten>\n<angebot><titel>Schweißen'.encode("cp1252")
    with pytest.raises(FormatError, match="nicht als UTF-8 lesbar") as error:
        read_records(data, "xml")
    assert error.value.line == 3


def test_good_xml_imports_with_lists_and_dates(refs: Session) -> None:
    report = import_file(refs, DATA / "kurse.xml")
    assert (report.created, report.rejected) == (2, [])
    datev = refs.execute(select(Course).where(Course.external_id == "BN-2026-030")).scalar_one()
    assert datev.description == "Finanzbuchhaltung & Lohn mit DATEV – praxisnah."
    assert datev.keywords == ["DATEV", "Finanzbuchhaltung"] and datev.bildungsgutschein
    assert [d.seats for d in datev.dates] == [14, None]


def test_malformed_xml_imports_nothing_and_says_where(refs: Session) -> None:
    with pytest.raises(FormatError) as error:
        import_file(refs, DATA / "kaputt.xml")
    assert error.value.line == 15
    assert "nicht wohlgeformt" in str(error.value) and "nichts importiert" in str(error.value)
    assert count(refs, Course) == 0


def test_doctype_and_external_entities_are_refused(refs: Session) -> None:
    with pytest.raises(FormatError, match="DOCTYPE"):
        import_file(refs, DATA / "doctype.xml")
    assert count(refs, Course) == 0


def test_xml_record_problems_are_reported_by_line(refs: Session) -> None:
    report = import_file(refs, DATA / "fehlerhaft.xml")
    reasons = {r.line: " ".join(r.reasons) for r in report.rejected}
    assert "unplausibel hoch" in reasons[12] and "keine Webadresse" in reasons[12]
    assert "Ort „Atlantis“ ist nicht bekannt" not in reasons[12]  # field errors first; places need a valid record
    assert "Unbekanntes Element <farbe> in Zeile 37" in reasons[29] and "Ort fehlt" in reasons[29]
    assert titles(refs) == ["Online-Kurs ohne Fehler"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leer"),
        (b"anbieter;titel\nVHS;Word\n", r"Pflichtspalte\(n\) fehlen: angebotsnummer"),
        (b"anbieter;anbieter;angebotsnummer\n", "mehrfach"),
        (b'anbieter;angebotsnummer;titel;thema;kosten;unterrichtsform;unterrichtszeit\nVHS;"K-1"x;W\n', "CSV-Struktur"),
    ],
)
def test_unreadable_csv_says_why(content: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_records(content, "csv")


def test_unknown_file_type_asks_for_the_format(refs: Session, tmp_path: Path) -> None:
    path = tmp_path / "kurse.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(FormatError, match="--format"):
        import_file(refs, path)


_TEXT = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=60).map(
    lambda t: unicodedata.normalize("NFC", " ".join(t.split()))
)


@settings(max_examples=60, deadline=None)
@example(title="=HYPERLINK(1)", description="'=x", keyword="''a")
@example(title="'- Grundlagen", description='Zeile "eins"; zwei', keyword="@home")
@given(title=_TEXT.filter(bool), description=_TEXT, keyword=_TEXT.filter(lambda k: k and "|" not in k))
def test_any_text_survives_both_formats_unchanged(title: str, description: str, keyword: str) -> None:
    record = CourseRecord(
        provider="VHS Krefeld",
        external_id="K-1",
        title=title,
        topic="it",
        price_eur=Decimal("12.50"),
        format="online",
        schedule="abends",
        description=description,
        keywords=(keyword,),
        dates=(DateRecord(date(2026, 3, 2), date(2026, 3, 30)),),
    )
    csv_stream = io.StringIO()
    write_csv([render_record(record, decimal_comma=True)], csv_stream)
    xml_stream = io.BytesIO()
    write_xml([render_record(record, decimal_comma=False)], xml_stream, created=date(2026, 1, 1))
    for raws, _ in (read_records(csv_stream.getvalue().encode(), "csv"), read_records(xml_stream.getvalue(), "xml")):
        assert [validate_record(raw) for raw in raws] == [with_course_values(record)]
