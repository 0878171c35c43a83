"""The shapes a course takes on its way between a file and the offer database.

A file is read into ``RawRecord`` objects (strings only, with the line they start on), checked
into a ``CourseRecord`` (typed, plausible, not yet tied to database rows), and written back the
other way. CSV and XML share these shapes so that both formats validate identically.

Field names follow the KURSNET record fields (``titel``, ``inhalt``, ``abschlussbezeichnung``,
``unterrichtsform``, ``unterrichtszeit``, ``suchworte``, ``beginn``, ``ende`` ...); the exact
openQCAT element names were not available to us, so the format is "openQCAT-style", not openQCAT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

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
REQUIRED_FIELDS = ("anbieter", "angebotsnummer", "titel", "thema", "kosten", "unterrichtsform", "unterrichtszeit")
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
    """One run of a course; ``place`` is None for online runs."""

    start: date
    end: date
    place: str | None = None
    seats: int | None = None


@dataclass(frozen=True)
class CourseRecord:
    """A checked course, independent of database ids.

    ``topic``, ``region`` and the date places are names or slugs as written; the importer
    resolves them against the database. ``provider_azav`` is None when the file does not say,
    which leaves an existing provider's flag untouched.
    """

    provider: str
    external_id: str
    title: str
    topic: str
    price_eur: Decimal
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

    @property
    def key(self) -> tuple[str, str]:
        """The identity importers upsert by: provider and the provider's own offer number."""
        return (self.provider.casefold(), self.external_id)
