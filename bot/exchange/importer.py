"""Importing course files: read, check every record, upsert the good ones, report the rest.

Formats (recognised by content, or forced with ``fmt``): the project's own CSV and XML, the
Weiterbildungssuche API's JSON (KURSNET), openQ-cat 1.1 and Open-vhs 1.2. Every reader turns its
file into the same checked ``CourseRecord`` objects (a course with its runs); this module writes
them.

Each course is atomic: it is checked completely (fields, runs, topic, places) before anything is
written, so a course lands with all its runs or not at all. Everything happens in the caller's
one transaction; if the database fails midway, the caller's rollback leaves nothing half-imported.
Courses are matched by (provider, offer number), runs of the real formats by their own id, so
importing the same file twice changes nothing the second time. A complete delivery (an openQ-cat
``NEW_CATALOG``, an Open-vhs programme) ends the runs of that provider's courses it no longer
lists; openQ-cat ``DELETE`` removes offers. Ended runs stay stored (status "beendet") but are
never found.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from bot.db.models import PRICE_AMOUNT, RUN_ACTIVE, RUN_ENDED, SOURCES, Course, CourseDate, Provider, Topic, run_order
from bot.exchange import kursnet_json, openqcat, openvhs
from bot.exchange.csv_format import read_csv
from bot.exchange.encoding import decode_text, decode_xml
from bot.exchange.records import CourseRecord, DateRecord, Document, Entry, FormatError, RawRecord, RecordRejected
from bot.exchange.references import References
from bot.exchange.topics import TopicMatcher
from bot.exchange.validate import validate_record
from bot.exchange.xml_format import read_xml
from bot.search.cache import bump_offer_version
from bot.search.text import build_search_text

FORMATS = ("csv", "xml", "kursnet", "openqcat", "openvhs")
FORMAT_NAMES = {"csv": "CSV", "xml": "XML", "kursnet": "KURSNET-JSON", "kursnet-json": "KURSNET-JSON",
                "openqcat": "openQ-cat", "openvhs": "Open-vhs"}
#: From this many records on, an interactive import shows a progress bar.
PROGRESS_FROM = 200


@dataclass
class Rejection:
    """A record that was not imported, with where it is and every reason."""

    line: int
    label: str
    reasons: list[str]

    def __str__(self) -> str:
        where = f"Zeile {self.line} ({self.label})" if self.line else self.label
        return f"{where}: " + "; ".join(self.reasons)


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    source: str
    format: str
    encoding: str
    dry_run: bool = False
    read: int = 0
    runs_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ended: int = 0
    deleted: int = 0
    providers_created: int = 0
    providers_updated: int = 0
    places_created: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: everything imported; 1: some records were rejected."""
        return 1 if self.rejected else 0

    def lines(self) -> list[str]:
        """The report in German for the editorial staff."""
        verb = "würden importiert" if self.dry_run else "importiert"
        name = FORMAT_NAMES.get(self.format, self.format.upper())
        out = [
            f"{self.source}: {self.read} Kurse mit {self.runs_read} Terminen gelesen ({name}, {self.encoding}).",
            f"{self.created} neu, {self.updated} geändert, {self.unchanged} unverändert {verb}; "
            f"{self.ended} Termine beendet; {self.deleted} gelöscht; {len(self.rejected)} abgelehnt.",
        ]
        if self.providers_created or self.providers_updated:
            out.append(f"Anbieter: {self.providers_created} neu, {self.providers_updated} geändert.")
        if self.places_created:
            out.append(f"Orte neu angelegt (aus dem Gemeindeverzeichnis): {self.places_created}.")
        out.extend(f"  Hinweis: {note}" for note in self.notes)
        out.extend(f"  Abgelehnt: {rejection}" for rejection in self.rejected)
        if self.dry_run:
            out.append("Probelauf (--dry-run): In der Datenbank wurde nichts geändert.")
        return out


def detect_format(path: Path, fmt: str | None, data: bytes | None = None) -> str:
    """The explicit format, else the one the content shows, else the one the file name ends with."""
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise FormatError(f"Format „{fmt}“ unbekannt: erlaubt sind {', '.join(FORMATS)}.")
        return fmt
    if data is not None:
        head = data[:8000].decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \r\n\t")
        if kursnet_json.looks_like(head):
            return "kursnet"
        if head.startswith("<"):
            if openqcat.looks_like(head):
                return "openqcat"
            if openvhs.looks_like(head):
                return "openvhs"
            return "xml"
    suffix = path.suffix.lstrip(".").lower()
    if suffix in ("csv", "xml"):
        return suffix
    raise FormatError(f"Format von „{path.name}“ unbekannt: bitte --format angeben ({', '.join(FORMATS)}).")


def read_records(data: bytes, fmt: str) -> tuple[list[RawRecord], str]:
    """Raw records of the own formats and the encoding used; ``FormatError`` if unreadable."""
    if not data.strip():
        raise FormatError("Die Datei ist leer.")
    if fmt == "xml":
        text, encoding = decode_xml(data)
        return read_xml(text), encoding
    text, encoding = decode_text(data)
    return read_csv(text), encoding


def read_document(data: bytes, fmt: str, provider: str | None = None) -> Document:
    """Any supported file as checked records; ``FormatError`` if the file cannot be read at all."""
    if not data.strip():
        raise FormatError("Die Datei ist leer.")
    if fmt == "kursnet":
        text, encoding = decode_text(data)
        return kursnet_json.read_kursnet(text, encoding)
    if fmt == "openqcat":
        text, encoding = decode_xml(data)
        return openqcat.read_openqcat(text, encoding)
    if fmt == "openvhs":
        text, encoding = decode_xml(data)
        return openvhs.read_openvhs(text, encoding, provider)
    raws, encoding = read_records(data, fmt)
    document = Document(format=fmt, encoding=encoding)
    first_line: dict[tuple[str, str], int] = {}
    for raw in raws:
        key = (raw.values.get("anbieter", "").strip().casefold(), raw.values.get("angebotsnummer", "").strip())
        try:
            if all(key) and key in first_line:
                raise RecordRejected([f"doppelt: dasselbe Angebot steht schon in Zeile {first_line[key]}"])
            first_line.setdefault(key, raw.line)
            document.entries.append(Entry(raw.line, raw.label(), record=validate_record(raw)))
        except RecordRejected as exc:
            document.entries.append(Entry(raw.line, raw.label(), problems=exc.reasons))
    return document


def import_file(
    session: Session, path: Path, fmt: str | None = None, dry_run: bool = False, progress: bool = False,
    provider: str | None = None, today: date | None = None,
) -> ImportReport:
    """Import a course file into the session's database (the caller commits).

    With ``dry_run`` nothing is written, but the report says what would happen. ``provider``
    names the provider for formats whose file does not (Open-vhs without ``<ersteller>``).
    Raises ``FormatError`` when the file cannot be read at all; then nothing is imported.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"Datei „{path}“ kann nicht gelesen werden: {exc.strerror}.") from None
    fmt = detect_format(path, fmt, data)
    document = read_document(data, fmt, provider)
    return import_document(session, document, path.name, dry_run=dry_run, progress=progress, today=today)


def import_document(
    session: Session, document: Document, source: str, dry_run: bool = False, progress: bool = False,
    today: date | None = None,
) -> ImportReport:
    records = [e.record for e in document.entries if e.record is not None]
    report = ImportReport(source=source, format=document.format, encoding=document.encoding, dry_run=dry_run,
                          read=len(document.entries), runs_read=sum(len(r.dates) for r in records))
    Upserter(session, report, write=not dry_run, today=today or date.today()).run(document, progress)
    if not dry_run:
        bump_offer_version(session)  # running bots see changed and ended runs too, not only new courses
    return report


class Upserter:
    """Writes checked records; counts what it does into the report."""

    def __init__(self, session: Session, report: ImportReport, write: bool, today: date) -> None:
        self.session = session
        self.report = report
        self.write = write
        self.today = today
        self.refs = References(session, write=write)
        self.matcher = TopicMatcher(session.execute(select(Topic)).scalars())
        self.new_providers: set[str] = set()  # dry run: providers that would be created
        self.seen: dict[int, set[str]] = {}  # course id -> external ids of the runs this delivery lists
        self.courses: dict[tuple[int, str], int] = {
            (p, e): c for c, p, e in session.execute(select(Course.id, Course.provider_id, Course.external_id))
        }

    def run(self, document: Document, progress: bool = False) -> None:
        complete = document.scope is not None
        bar = tqdm(document.entries, desc="Import", unit=" Kurse", file=sys.stderr,
                   disable=not progress or len(document.entries) < PROGRESS_FROM)
        for entry in bar:
            if entry.record is None:
                self.report.rejected.append(Rejection(entry.line, entry.label, entry.problems))
                continue
            try:
                self.upsert(entry.record, complete)
            except ValueError as exc:
                self.report.rejected.append(Rejection(entry.line, entry.label, [str(exc)]))
        for provider, external_id in document.deletions:
            self.delete(document.format, provider, external_id)
        if document.scope is not None:
            self.end_missing(*document.scope)
        self.report.places_created = self.refs.created_places

    # --- one course -------------------------------------------------------------------------

    def upsert(self, record: CourseRecord, complete: bool = False) -> Course | None:
        """Write one course (resolving everything first: a record that fails here has written nothing)."""
        topic = self._topic(record)
        places = self.refs.date_places(record)
        values = course_values(record, topic)
        runs = [run_values(d, p) for d, p in zip(record.dates, places, strict=True)]
        provider = self._provider(record)
        course_id = self.courses.get((provider.id, record.external_id)) if provider is not None else None
        if course_id is None:
            if record.runs_only:
                raise ValueError(f"Angebot „{record.external_id}“ ist nicht gespeichert: Termine ohne ihr Angebot "
                                 "können nicht zugeordnet werden")
            self.report.created += 1
            if not self.write:
                return None
            assert provider is not None  # a writing import has stored it
            course = Course(provider=provider, external_id=record.external_id, is_demo=False, **values)
            course.dates = _in_order(CourseDate(**r) for r in runs)
            self.session.add(course)
            self.session.flush()
            self.courses[(provider.id, record.external_id)] = course.id
            self.seen[course.id] = {r["external_id"] for r in runs if r["external_id"]}
            return course
        course = self.session.get(Course, course_id)
        assert course is not None
        self.seen.setdefault(course.id, set()).update(r["external_id"] for r in runs if r["external_id"])
        if record.runs_only:
            values = {}
        if record.source == "eigen":  # a re-imported export keeps a course's origin (demo stays demo)
            values.pop("source", None)
        changed = any(getattr(course, k) != v for k, v in values.items())
        if record.source == "eigen":
            changed |= _run_key_set(course.dates) != _run_key_set(runs)
            if changed:
                self._apply(course, values)
                if self.write:
                    course.dates = _in_order(CourseDate(**r) for r in runs)
        else:
            changed |= self._merge_runs(course, runs, complete and not record.runs_only)
            if changed:
                self._apply(course, values)
        if changed:
            self.report.updated += 1
        else:
            self.report.unchanged += 1
        return course

    def _apply(self, course: Course, values: dict[str, Any]) -> None:
        if self.write:
            for name, value in values.items():
                setattr(course, name, value)

    def _merge_runs(self, course: Course, runs: list[dict[str, Any]], complete: bool) -> bool:
        """Runs by their source id: new ones added, changed ones updated, missing ones ended (if complete)."""
        existing = {d.external_id: d for d in course.dates if d.external_id}
        changed = False
        for run in runs:
            stored = existing.get(run["external_id"]) if run["external_id"] else None
            if stored is None:
                changed = True
                if self.write:
                    course.dates.append(CourseDate(**run))
                continue
            wanted = {**run, "status": RUN_ACTIVE, "ended_on": None}
            if any(getattr(stored, k) != v for k, v in wanted.items()):
                changed = True
                if self.write:
                    for key, value in wanted.items():
                        setattr(stored, key, value)
        if complete:
            listed = {r["external_id"] for r in runs}
            for stored in course.dates:
                if stored.status == RUN_ACTIVE and stored.external_id not in listed:
                    self._end(stored)
        if changed and self.write:
            course.dates.sort(key=run_order)
        return changed

    def _end(self, run: CourseDate) -> None:
        self.report.ended += 1
        if self.write:
            run.status = RUN_ENDED
            run.ended_on = self.today

    def _topic(self, record: CourseRecord) -> Topic | None:
        if record.topic:
            return self.refs.topic(record)
        scheme = "dvv" if record.source == "openvhs" else "kursnet"
        return self.matcher.match(scheme, record.topic_codes, [record.title, *record.keywords])

    def _provider(self, record: CourseRecord) -> Provider | None:
        """The provider row, created or updated as the file says (None in a dry run for a new one)."""
        info = record.provider_info
        provider = self.refs.provider(record.provider, info.external_id if info else None)
        azav = record.provider_azav
        contact = {}
        if info is not None:
            contact = {k: v for k, v in (("external_id", info.external_id), ("street", info.street),
                                         ("postcode", info.postcode), ("city", info.city), ("phone", info.phone),
                                         ("email", info.email), ("website", info.website)) if v}
        if provider is None:
            if record.provider.casefold() not in self.new_providers:
                self.new_providers.add(record.provider.casefold())
                self.report.providers_created += 1
            if not self.write:
                return None
            provider = Provider(name=record.provider, azav_certified=bool(azav), is_demo=False, **contact)
            self.session.add(provider)
            self.session.flush()
            self.refs.remember_provider(provider)
            return provider
        changes: dict[str, Any] = {k: v for k, v in contact.items() if getattr(provider, k) != v}
        if azav is not None and provider.azav_certified != azav:
            changes["azav_certified"] = azav
        if changes:
            self.report.providers_updated += 1
            if self.write:
                for key, value in changes.items():
                    setattr(provider, key, value)
        return provider

    # --- deletions and ended runs -------------------------------------------------------------

    def delete(self, fmt: str, provider_name: str, external_id: str) -> None:
        """openQ-cat DELETE: an offer is removed with its runs; a run number ends that run."""
        provider = self.refs.provider(provider_name, None)
        if provider is None:
            self.report.notes.append(f"Löschen von „{external_id}“: Anbieter „{provider_name}“ ist nicht gespeichert")
            return
        course_id = self.courses.get((provider.id, external_id))
        if course_id is not None:
            self.report.deleted += 1
            if self.write:
                course = self.session.get(Course, course_id)
                self.session.delete(course)
            return
        run = self.session.execute(
            select(CourseDate).join(Course).where(Course.provider_id == provider.id,
                                                  CourseDate.external_id == external_id)
        ).scalars().first()
        if run is None:
            self.report.notes.append(f"Löschen von „{external_id}“: weder Angebot noch Termin ist gespeichert")
        elif run.status == RUN_ACTIVE:
            self._end(run)

    def end_missing(self, source: str, provider_names: tuple[str, ...]) -> None:
        """A complete delivery: courses of these providers from this source that it does not list end."""
        provider_ids = [p.id for p in (self.refs.provider(n, None) for n in provider_names) if p is not None]
        if not provider_ids:
            return
        rows = self.session.execute(
            select(CourseDate).join(Course).where(
                Course.source == source, Course.provider_id.in_(provider_ids), CourseDate.status == RUN_ACTIVE,
                Course.id.not_in(list(self.seen) or [-1]),
            )
        ).scalars().all()
        for run in rows:
            self._end(run)


def course_values(record: CourseRecord, topic: Topic | None) -> dict[str, Any]:
    return {
        "title": record.title,
        "description": record.description,
        "topic_id": topic.id if topic is not None else None,
        "keywords": list(record.keywords),
        "degree": record.degree,
        "hours": record.hours,
        "language": record.language,
        "level": record.level,
        "target_groups": list(record.target_groups),
        "bildungsgutschein": record.bildungsgutschein,
        "aufstiegs_bafoeg": record.aufstiegs_bafoeg,
        "bildungsurlaub_states": list(record.bildungsurlaub_states),
        "url": record.url,
        "certifier": record.certifier,
        "source": record.source if record.source in SOURCES else "eigen",
        "source_updated": record.source_updated,
        "search_text": build_search_text(
            record.title,
            topic.name if topic is not None else "",
            " ".join(topic.synonyms or []) if topic is not None else "",
            " ".join(record.keywords),
            record.description,
        ),
    }


def run_values(run: DateRecord, place: Any) -> dict[str, Any]:
    """The columns of one run; coordinates from the source, else from its place."""
    lat = run.latitude if run.latitude is not None else getattr(place, "latitude", None)
    lon = run.longitude if run.longitude is not None else getattr(place, "longitude", None)
    price = run.price_eur if run.price_state == PRICE_AMOUNT else None
    return {
        "external_id": run.external_id, "start_date": run.start, "end_date": run.end,
        "flexible_start": run.flexible_start, "place_id": getattr(place, "id", None),
        "street": run.street, "postcode": run.postcode, "latitude": lat, "longitude": lon,
        "format": run.format, "schedule": run.schedule, "schedule_text": run.schedule_text,
        "price_eur": Decimal(price).quantize(Decimal("0.01")) if price is not None else None,
        "price_state": run.price_state, "price_remark": run.price_remark, "seats": run.seats,
    }


def _in_order(runs: Iterable[CourseDate]) -> list[CourseDate]:
    """New runs in the order the database returns them, so a course reads the same before and after a reload."""
    return sorted(runs, key=run_order)


def _run_key_set(runs: list[Any]) -> list[tuple]:
    """Comparable form of the own formats' runs (no ids): what the file can say about a run."""
    keys = []
    for run in runs:
        get = run.get if isinstance(run, dict) else lambda k, r=run: getattr(r, k)
        price = get("price_eur")
        keys.append((get("start_date"), get("end_date"), get("place_id") or 0, get("seats") if get("seats") is not None
                     else -1, get("format"), get("schedule"), Decimal(price) if price is not None else None,
                     get("price_state")))
    return sorted(keys, key=repr)
