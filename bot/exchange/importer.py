"""Importing course files: read, check every record, upsert the good ones, report the rest.

Each course is atomic: it is checked completely (fields, dates, topic, places) before anything
is written, so a course lands with all its dates or not at all. Everything happens in the
caller's one transaction; if the database fails midway, the caller's rollback leaves nothing
half-imported. Courses are matched by (provider, offer number), so importing the same file
twice changes nothing the second time.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from bot.db.models import Course, CourseDate, Provider, Topic
from bot.exchange.csv_format import read_csv
from bot.exchange.encoding import decode_text, decode_xml
from bot.exchange.records import CourseRecord, FormatError, RawRecord, RecordRejected
from bot.exchange.references import References
from bot.exchange.validate import validate_record
from bot.exchange.xml_format import read_xml
from bot.search.text import build_search_text

FORMATS = ("csv", "xml")
#: From this many records on, an interactive import shows a progress bar.
PROGRESS_FROM = 200


@dataclass
class Rejection:
    """A record that was not imported, with where it is and every reason."""

    line: int
    label: str
    reasons: list[str]

    def __str__(self) -> str:
        return f"Zeile {self.line} ({self.label}): " + "; ".join(self.reasons)


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    source: str
    format: str
    encoding: str
    dry_run: bool = False
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    providers_created: int = 0
    providers_updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: everything imported; 1: some records were rejected."""
        return 1 if self.rejected else 0

    def lines(self) -> list[str]:
        """The report in German for the editorial staff."""
        verb = "würden importiert" if self.dry_run else "importiert"
        out = [
            f"{self.source}: {self.read} Kurse gelesen ({self.format.upper()}, {self.encoding}).",
            f"{self.created} neu, {self.updated} geändert, {self.unchanged} unverändert {verb}; "
            f"{len(self.rejected)} abgelehnt.",
        ]
        if self.providers_created or self.providers_updated:
            out.append(f"Anbieter: {self.providers_created} neu, {self.providers_updated} geändert.")
        out.extend(f"  Abgelehnt: {rejection}" for rejection in self.rejected)
        if self.dry_run:
            out.append("Probelauf (--dry-run): In der Datenbank wurde nichts geändert.")
        return out


def detect_format(path: Path, fmt: str | None) -> str:
    """The explicit format, else the one the file name ends with."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise FormatError(f"Format von „{path.name}“ unbekannt: bitte --format csv oder --format xml angeben.")
    return fmt


def read_records(data: bytes, fmt: str) -> tuple[list[RawRecord], str]:
    """Raw records and the encoding used; ``FormatError`` if the file cannot be read at all."""
    if not data.strip():
        raise FormatError("Die Datei ist leer.")
    if fmt == "xml":
        text, encoding = decode_xml(data)
        return read_xml(text), encoding
    text, encoding = decode_text(data)
    return read_csv(text), encoding


def import_file(
    session: Session, path: Path, fmt: str | None = None, dry_run: bool = False, progress: bool = False
) -> ImportReport:
    """Import a CSV or XML course file into the session's database (the caller commits).

    With ``dry_run`` nothing is written, but the report says what would happen.
    Raises ``FormatError`` when the file cannot be read at all; then nothing is imported.
    """
    fmt = detect_format(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"Datei „{path}“ kann nicht gelesen werden: {exc.strerror}.") from None
    raws, encoding = read_records(data, fmt)
    report = ImportReport(source=path.name, format=fmt, encoding=encoding, dry_run=dry_run, read=len(raws))
    _Upserter(session, report, write=not dry_run).run(raws, progress)
    return report


class _Upserter:
    def __init__(self, session: Session, report: ImportReport, write: bool) -> None:
        self.session = session
        self.report = report
        self.write = write
        self.refs = References(session)
        self.new_providers: set[str] = set()  # dry run: providers that would be created

    def run(self, raws: list[RawRecord], progress: bool) -> None:
        first_line: dict[tuple[str, str], int] = {}
        bar = tqdm(
            raws, desc="Import", unit=" Kurse", file=sys.stderr, disable=not progress or len(raws) < PROGRESS_FROM
        )
        for raw in bar:
            key = (raw.values.get("anbieter", "").strip().casefold(), raw.values.get("angebotsnummer", "").strip())
            try:
                if all(key) and key in first_line:
                    raise RecordRejected([f"doppelt: dasselbe Angebot steht schon in Zeile {first_line[key]}"])
                first_line.setdefault(key, raw.line)
                self._upsert(validate_record(raw))
            except RecordRejected as exc:
                self.report.rejected.append(Rejection(raw.line, raw.label(), exc.reasons))
            except ValueError as exc:
                self.report.rejected.append(Rejection(raw.line, raw.label(), [str(exc)]))

    def _upsert(self, record: CourseRecord) -> None:
        # Resolve everything first: a record that fails here has written nothing.
        topic = self.refs.topic(record)
        places = self.refs.date_places(record)
        values = _course_values(record, topic)
        dates = sorted(
            ((d.start, d.end, p.id if p else None, d.seats) for d, p in zip(record.dates, places, strict=True)),
            key=_date_key,
        )
        provider = self._provider(record)
        course = None
        if provider is not None and provider.id is not None:
            course = self.session.execute(
                select(Course).where(Course.provider_id == provider.id, Course.external_id == record.external_id)
            ).scalar_one_or_none()
        if course is None:
            self.report.created += 1
            if self.write:
                course = Course(provider=provider, external_id=record.external_id, is_demo=False, **values)
                self.session.add(course)
                _set_dates(course, dates)
            return
        if all(getattr(course, k) == v for k, v in values.items()) and _dates_of(course) == dates:
            self.report.unchanged += 1
            return
        self.report.updated += 1
        if self.write:
            for name, value in values.items():
                setattr(course, name, value)
            _set_dates(course, dates)

    def _provider(self, record: CourseRecord) -> Provider | None:
        """The provider row, created or its AZAV flag updated as the file says (None in a dry run)."""
        provider = self.refs.provider(record.provider)
        azav = record.provider_azav
        if provider is None:
            if record.provider.casefold() not in self.new_providers:
                self.new_providers.add(record.provider.casefold())
                self.report.providers_created += 1
            if not self.write:
                return None
            provider = Provider(name=record.provider, azav_certified=bool(azav), is_demo=False)
            self.session.add(provider)
            self.session.flush()
            self.refs.providers[record.provider.casefold()] = provider
        elif azav is not None and provider.azav_certified != azav:
            self.report.providers_updated += 1
            if self.write:
                provider.azav_certified = azav
        return provider


def _course_values(record: CourseRecord, topic: Topic) -> dict[str, Any]:
    return {
        "title": record.title,
        "description": record.description,
        "topic_id": topic.id,
        "keywords": list(record.keywords),
        "degree": record.degree,
        "hours": record.hours,
        "price_eur": record.price_eur,
        "format": record.format,
        "schedule": record.schedule,
        "language": record.language,
        "level": record.level,
        "target_groups": list(record.target_groups),
        "bildungsgutschein": record.bildungsgutschein,
        "aufstiegs_bafoeg": record.aufstiegs_bafoeg,
        "bildungsurlaub_states": list(record.bildungsurlaub_states),
        "url": record.url,
        "search_text": build_search_text(
            record.title,
            topic.name,
            " ".join(topic.synonyms or []),
            " ".join(record.keywords),
            record.description,
        ),
    }


def _dates_of(course: Course) -> list[tuple]:
    return sorted(((d.start_date, d.end_date, d.place_id, d.seats) for d in course.dates), key=_date_key)


def _date_key(row: tuple) -> tuple:
    start, end, place_id, seats = row
    return (start, end, place_id or 0, -1 if seats is None else seats)


def _set_dates(course: Course, dates: list[tuple]) -> None:
    course.dates = [
        CourseDate(start_date=start, end_date=end, place_id=place_id, seats=seats)
        for start, end, place_id, seats in dates
    ]
