"""The shapes a course takes on its way between a file and the offer database.

A file is read into ``RawRecord`` objects (strings only, with the line they start on), checked
into a ``CourseRecord`` (typed, plausible, not yet tied to database rows), and written back the
other way. CSV and XML share these shapes so that both formats validate identically.

Field names follow the KURSNET record fields (``titel``, ``inhalt``, ``abschlussbezeichnung``,
``unterrichtsform``, ``unterrichtszeit``, ``suchworte``, ``beginn``, ``ende`` ...); the exact
openQCAT element names were not available to us, so the format is "openQCAT-style", not openQCAT.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from bot.db.models import PRICE_AMOUNT, PRICE_ON_REQUEST

#: Single-valued fields, in the order CSV columns are written.
SCALAR_FIELDS = (
    "anbieter",
    "anbieter_azav",
    "angebotsnummer",
    "titel",
    "inhalt",
    "thema",
    "abschlussbezeichnung",
    "unterrichtsstunden",
    "kosten",
    "unterrichtsform",
    "unterrichtszeit",
    "sprache",
    "niveau",
    "bildungsgutschein",
    "aufstiegs_bafoeg",
    "link",
    "region",
)
#: Fields holding several values (CSV: separated by "|"; XML: one child element per value).
LIST_FIELDS = ("suchworte", "zielgruppen", "bildungsurlaub")
#: Separates the values of a list field, and the dates, inside one CSV cell.
LIST_SEPARATOR = "|"
#: The column (CSV) or element (XML) holding the course dates.
DATES_FIELD = "termine"
#: Fields of one course date.
DATE_FIELDS = ("beginn", "ende", "ort", "plaetze")
#: ``kosten`` may stay empty: then the price is "auf Anfrage" (never 0 €).
REQUIRED_FIELDS = ("anbieter", "angebotsnummer", "titel", "thema", "unterrichtsform", "unterrichtszeit")
ALL_FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS, DATES_FIELD)


class FormatError(Exception):
    """The file as a whole cannot be read; nothing from it is imported.

    ``line`` is where reading broke down, when that is known.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"Zeile {self.line}: {self.message}" if self.line else self.message


class RecordRejected(Exception):
    """One record is unusable; it is reported and skipped, the others are imported."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class RawDate:
    """One course date exactly as written in the file."""

    line: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class RawRecord:
    """One course exactly as written in the file: strings, stripped, empty meaning "not given".

    ``problems`` collects what the reader already noticed (e.g. an unknown XML element), so that
    they are reported together with the validation problems of the same record. ``readable`` is
    False when the values cannot be trusted at all (a CSV row with shifted cells); then only the
    reader's problems are reported.
    """

    line: int
    values: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    dates: list[RawDate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    readable: bool = True

    def label(self) -> str:
        """How the record is named in messages, so staff can find it in their own system."""
        provider = self.values.get("anbieter", "")
        number = self.values.get("angebotsnummer", "")
        if provider or number:
            return f"Anbieter „{provider}“, Angebot „{number}“"
        return "ohne Anbieter und Angebotsnummer"


@dataclass(frozen=True)
class DateRecord:
    """One run (Termin) of a course; ``place`` is None for online runs.

    ``start`` is None for "Einstieg jederzeit" (``flexible_start``) or dates on request. The price
    is an amount (``price_eur``, 0 = free) only when ``price_state`` is ``PRICE_AMOUNT``.
    ``external_id`` identifies the run at its source; runs without one are matched by their values.
    """

    start: date | None
    end: date | None
    place: str | None = None
    seats: int | None = None
    format: str = ""
    schedule: str = ""
    price_eur: Decimal | None = None
    price_state: str = PRICE_AMOUNT
    price_remark: str | None = None
    external_id: str | None = None
    flexible_start: bool = False
    postcode: str | None = None
    street: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    state: str | None = None  # Bundesland the source names for the place
    schedule_text: str | None = None


#: The same thing by the name the real formats use.
RunRecord = DateRecord


@dataclass(frozen=True)
class ProviderRecord:
    """What a source says about the provider beyond its name (None: the source does not say)."""

    external_id: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class CourseRecord:
    """A checked course, independent of database ids.

    ``topic``, ``region`` and the date places are names or slugs as written; the importer
    resolves them against the database. ``topic`` None (real formats) means: map ``topic_codes``
    (KURSNET Systematik, DVV category) and the words onto a topic, or import without one.
    ``provider_azav`` is None when the file does not say, which leaves an existing provider's flag
    untouched. ``runs_only``: an openQ-cat delta that sends runs of a course already stored.
    """

    provider: str
    external_id: str
    title: str
    topic: str | None
    price_eur: Decimal | None
    format: str
    schedule: str
    provider_azav: bool | None = None
    description: str = ""
    keywords: tuple[str, ...] = ()
    degree: str | None = None
    hours: int | None = None
    language: str = "Deutsch"
    level: str | None = None
    target_groups: tuple[str, ...] = ()
    bildungsgutschein: bool = False
    aufstiegs_bafoeg: bool = False
    bildungsurlaub_states: tuple[str, ...] = ()
    url: str | None = None
    region: str | None = None
    dates: tuple[DateRecord, ...] = ()
    source: str = "eigen"
    source_updated: date | None = None
    certifier: str | None = None
    topic_codes: tuple[str, ...] = ()
    provider_info: ProviderRecord | None = None
    runs_only: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """The identity importers upsert by: provider and the provider's own offer number."""
        return (self.provider.casefold(), self.external_id)


def with_course_values(record: CourseRecord) -> CourseRecord:
    """The own formats state format, schedule and price once per course: every run gets them."""
    state = PRICE_AMOUNT if record.price_eur is not None else PRICE_ON_REQUEST
    runs = tuple(replace(d, format=record.format, schedule=record.schedule, price_eur=record.price_eur,
                         price_state=state) for d in record.dates)
    return replace(record, dates=runs)


@dataclass
class Entry:
    """One record of a file after reading and checking: the course, or every problem found in it."""

    line: int
    label: str  # how staff find it in their own system: "Angebot 14363439 (Termin 179752566)"
    record: CourseRecord | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A whole delivery in one of the real formats, checked record by record.

    ``scope``: for a complete delivery, (source, provider names) whose stored courses are all in it;
    runs of those courses the delivery no longer lists are marked ended. ``deletions``: offer or run
    numbers the source deletes, as (provider, external id).
    """

    format: str
    encoding: str
    entries: list[Entry] = field(default_factory=list)
    scope: tuple[str, tuple[str, ...]] | None = None
    deletions: list[tuple[str, str]] = field(default_factory=list)
