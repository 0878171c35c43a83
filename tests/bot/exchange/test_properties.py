"""Property tests for the course importers: hostile files fail in German, valid data survives a round trip.

Complements ``test_formats.py`` (free text in three fields): here every field of a course
varies, files are arbitrary bytes or structurally plausible garbage, and the round trip goes through
the database and the exporter, not only through the writers.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from bot.db.migrate import upgrade
from bot.db.models import FORMATS, SCHEDULES
from bot.db.session import get_engine
from bot.exchange.csv_format import write_csv
from bot.exchange.exporter import export_file
from bot.exchange.importer import import_file, read_records
from bot.exchange.records import (
    ALL_FIELDS,
    DATE_FIELDS,
    SCALAR_FIELDS,
    CourseRecord,
    DateRecord,
    FormatError,
    RecordRejected,
    with_course_values,
)
from bot.exchange.validate import render_record, validate_record
from bot.exchange.xml_format import write_xml
from tests.bot.exchange.sample_files import add_reference_rows, snapshot

#: Words every message of ours contains one of; a raw Python or parser error contains none of them.
GERMAN = ("Datei", "Zeile", "Spalte", "Element", "nicht", "fehl", "Kodierung", "erlaubt", "leer")


def _line(max_size: int) -> st.SearchStrategy[str]:
    """One line of text as the validator normalises it: NFC, single spaces, no control characters."""
    chars = st.characters(whitelist_categories=("L", "N", "P", "S", "Zs", "M"))
    return st.text(chars, min_size=1, max_size=max_size).map(
        lambda t: unicodedata.normalize("NFC", " ".join(t.split()))).filter(bool)


_ITEM = _line(30).filter(lambda t: "|" not in t)
_PLACES = ["Krefeld", "Moers", "Wesel"]


@st.composite
def course_dates(draw: st.DrawFn, online: bool) -> DateRecord:
    start = draw(st.dates(date(2000, 1, 1), date(2100, 12, 31)))
    end = draw(st.dates(start, date(2100, 12, 31)))
    place = draw(st.sampled_from([None, *_PLACES] if online else _PLACES))
    return DateRecord(start, end, place, draw(st.none() | st.integers(0, 10000)))


@st.composite
def courses(draw: st.DrawFn, places: bool = False) -> CourseRecord:
    """Any course the validator accepts; ``places`` limits places and topics to the reference rows."""
    fmt = draw(st.sampled_from(FORMATS))
    url = draw(st.none() | st.from_regex(r"https?://[a-z0-9.-]{1,20}\.de(/[A-Za-z0-9_%?=&;.-]{0,30})?", fullmatch=True))
    return CourseRecord(
        provider=draw(_line(60)),
        external_id=draw(_line(30)),
        title=draw(_line(120)),
        topic=draw(st.sampled_from(["it", "schweissen"]) if places else _line(40)),
        price_eur=draw(st.decimals(0, 100000, places=2, allow_nan=False)),
        format=fmt,
        schedule=draw(st.sampled_from(SCHEDULES)),
        provider_azav=draw(st.none() | st.booleans()),
        description=draw(st.just("") | _line(200)),
        keywords=tuple(draw(st.lists(_ITEM, max_size=3))),
        degree=draw(st.none() | _line(50)),
        hours=draw(st.none() | st.integers(1, 10000)),
        language=draw(_line(20)),
        level=draw(st.none() | _line(20)),
        target_groups=tuple(draw(st.lists(_ITEM, max_size=3))),
        bildungsgutschein=draw(st.booleans()),
        aufstiegs_bafoeg=draw(st.booleans()),
        bildungsurlaub_states=tuple(draw(st.sampled_from([(), ("NW",), ("HE",), ("NW", "HE"), ("HE", "NW")]))),
        url=url,
        region=None if places else draw(st.none() | _line(30)),
        dates=tuple(draw(st.lists(course_dates(fmt == "online"), min_size=1, max_size=3))),
    )


def _written(record: CourseRecord, fmt: str) -> bytes:
    if fmt == "csv":
        stream = io.StringIO()
        write_csv([render_record(record, decimal_comma=True)], stream)
        return stream.getvalue().encode("utf-8")
    binary = io.BytesIO()
    write_xml([render_record(record, decimal_comma=False)], binary, created=date(2026, 1, 1))
    return binary.getvalue()


@settings(max_examples=150, deadline=None)
@given(record=courses(), fmt=st.sampled_from(["csv", "xml"]))
def test_any_valid_course_is_read_back_unchanged_in_both_formats(record: CourseRecord, fmt: str) -> None:
    raws, _ = read_records(_written(record, fmt), fmt)
    assert [validate_record(raw) for raw in raws] == [with_course_values(record)]


def _assert_german_format_error(error: FormatError) -> None:
    assert str(error).strip()
    assert any(word in error.message for word in GERMAN), error.message


@given(data=st.binary(max_size=400), fmt=st.sampled_from(["csv", "xml"]))
def test_arbitrary_bytes_fail_only_with_a_german_format_error(data: bytes, fmt: str) -> None:
    try:
        raws, _ = read_records(data, fmt)
    except FormatError as error:
        _assert_german_format_error(error)
        return
    for raw in raws:  # what was readable is checked like any file: a rejection with reasons, never a crash
        try:
            validate_record(raw)
        except RecordRejected as rejected:
            assert rejected.reasons and all(rejected.reasons)


_CELL = st.text(st.sampled_from('ab;"\r\n|/=,.0129-ä€\t x\'@'), max_size=14)
CSV_FILES = st.tuples(
    st.lists(st.sampled_from(ALL_FIELDS), min_size=1, max_size=len(ALL_FIELDS), unique=True),
    st.lists(st.lists(_CELL, max_size=len(ALL_FIELDS) + 2), max_size=4),
    st.sampled_from([";", ","]),
).map(lambda t: "\n".join([t[2].join(t[0]), *(t[2].join(row) for row in t[1])]))
_VALUE = st.text(st.sampled_from("aä ß|/;<&>\"'\t\n-=x1.,"), max_size=10) | st.sampled_from(
    ["online", "praesenz", "abends", "12,50", "-1", "it", "Krefeld", "2026-03-02", "31.02.2026", "ja", "https://a.de"])
_ELEMENTS = st.lists(st.tuples(st.sampled_from([*SCALAR_FIELDS, *DATE_FIELDS, "farbe"]), _VALUE), max_size=12)
XML_FILES = st.lists(
    st.tuples(_ELEMENTS, st.lists(_ELEMENTS, max_size=2), st.lists(_VALUE, max_size=2)), max_size=3
).map(lambda courses_: '<?xml version="1.0" encoding="UTF-8"?>\n<kursdaten><kopf/>' + "".join(
    "<angebot>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields)
    + "".join("<termine><termin>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in d) + "</termin></termine>"
              for d in dates)
    + "".join(f"<suchworte><suchwort>{escape(w)}</suchwort></suchworte>" for w in words) + "</angebot>"
    for fields, dates, words in courses_) + "</kursdaten>")  # fmt: skip


@pytest.fixture(scope="module")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database with the reference rows for all examples; each example rolls back."""
    url = f"sqlite:///{tmp_path_factory.mktemp('exchange') / 'offers.sqlite3'}"
    upgrade(url)
    with Session(get_engine(url)) as session:
        add_reference_rows(session)
        session.commit()
    yield url
    get_engine(url).dispose()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=CSV_FILES.map(lambda t: ("csv", t.encode())) | XML_FILES.map(lambda t: ("xml", t.encode())),
       dry_run=st.booleans())  # fmt: skip
def test_malformed_files_import_or_fail_only_with_a_german_format_error(
    reference_db: str, tmp_path: Path, content: tuple[str, bytes], dry_run: bool
) -> None:
    """The whole import, into a real database: either a report (with German reasons) or a FormatError."""
    fmt, data = content
    path = tmp_path / f"kurse.{fmt}"
    path.write_bytes(data)
    with Session(get_engine(reference_db)) as session:
        try:
            report = import_file(session, path, dry_run=dry_run)
            session.flush()
        except FormatError as error:
            _assert_german_format_error(error)
            return
        finally:
            session.rollback()
    assert report.read == report.created + report.updated + report.unchanged + len(report.rejected)
    assert all(rejection.reasons and all(rejection.reasons) for rejection in report.rejected)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(courses(places=True), min_size=1, max_size=3, unique_by=lambda r: r.key),
       fmt=st.sampled_from(["csv", "xml"]))  # fmt: skip
def test_an_exported_file_reimports_to_the_same_data(
    reference_db: str, tmp_path: Path, records: list[CourseRecord], fmt: str
) -> None:
    """Import any valid courses, export them, import the export: nothing changes, the data is identical."""
    source = tmp_path / f"quelle.{fmt}"
    source.write_bytes(b"".join(_written(r, fmt) for r in records[:1]))
    with Session(get_engine(reference_db)) as session:
        try:
            first = import_file(session, source)
            for record in records[1:]:
                source.write_bytes(_written(record, fmt))
                import_file(session, source)
            assert first.rejected == []
            before = snapshot(session)
            exported = tmp_path / f"export.{fmt}"
            assert export_file(session, exported, fmt, today=date(2026, 1, 1)) == len(records)
            again = import_file(session, exported)
            assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, len(records), [])
            assert snapshot(session) == before
            second = tmp_path / f"export2.{fmt}"
            export_file(session, second, fmt, today=date(2026, 1, 1))
            assert second.read_bytes() == exported.read_bytes()
        finally:
            session.rollback()
    assert {(r.provider, r.external_id) for r in records} == set(before)


def test_price_keeps_its_cents() -> None:
    """A quick sanity anchor for the generators above: 1.200,50 € stays 1200.50."""
    record = CourseRecord(provider="VHS", external_id="K-1", title="Word", topic="it", price_eur=Decimal("1200.50"),
                          format="online", schedule="abends")
    for fmt in ("csv", "xml"):
        raws, _ = read_records(_written(record, fmt), fmt)
        assert validate_record(raws[0]).price_eur == Decimal("1200.50")
