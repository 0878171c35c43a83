"""The CSV course format: one row per course, documented in docs/import-formats.md.

One row per course (not per date) keeps a course and its dates in one place, so a rejected row
never leaves half a course behind, and a duplicate offer number is simply a second row. The
dates sit in the ``termine`` column as ``BEGINN/ENDE/ORT/PLÄTZE`` entries separated by "|".

German spreadsheets write ";" as the delimiter, others ","; the header line tells which.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TextIO

from bot.exchange.records import (
    ALL_FIELDS,
    DATE_FIELDS,
    DATES_FIELD,
    LIST_FIELDS,
    LIST_SEPARATOR,
    REQUIRED_FIELDS,
    FormatError,
    RawDate,
    RawRecord,
)

#: Cells starting with these are formulas in spreadsheet programs; on export they get a leading
#: apostrophe so that opening the file cannot run anything, and on import the apostrophe goes.
_FORMULA_START = ("=", "+", "-", "@")
WRITE_DELIMITER = ";"


def read_csv(text: str) -> list[RawRecord]:
    """Split CSV text into raw records; raise ``FormatError`` if the file cannot be read at all."""
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise FormatError("Die Datei ist leer oder die erste Zeile (Spaltenköpfe) fehlt.", 1)
    delimiter = ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[RawRecord] = []
    try:
        header = _header(next(reader))
        next_line = reader.line_num + 1
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if any(cell.strip() for cell in row):
                records.append(_record(line, header, row))
    except csv.Error as exc:
        raise FormatError(f"CSV-Struktur fehlerhaft ({exc}).", reader.line_num) from None
    return records


def write_csv(records: Iterable[RawRecord], stream: TextIO) -> None:
    """Write raw records with every documented column, readable again by ``read_csv``."""
    writer = csv.writer(stream, delimiter=WRITE_DELIMITER, lineterminator="\r\n")
    writer.writerow(ALL_FIELDS)
    for record in records:
        cells = dict(record.values)
        for name in LIST_FIELDS:
            cells[name] = f" {LIST_SEPARATOR} ".join(record.lists.get(name, []))
        cells[DATES_FIELD] = f" {LIST_SEPARATOR} ".join(
            "/".join(d.values.get(f, "") for f in DATE_FIELDS) for d in record.dates
        )
        writer.writerow([_guard(cells.get(name, "")) for name in ALL_FIELDS])


def _header(row: list[str]) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    unknown = [name for name in header if name not in ALL_FIELDS]
    if unknown:
        raise FormatError(f"Unbekannte Spalte(n): {', '.join(unknown)}. Erlaubt sind: {', '.join(ALL_FIELDS)}.", 1)
    doubled = sorted({name for name in header if header.count(name) > 1})
    if doubled:
        raise FormatError(f"Spalte(n) mehrfach vorhanden: {', '.join(doubled)}.", 1)
    missing = [name for name in REQUIRED_FIELDS if name not in header]
    if missing:
        raise FormatError(f"Pflichtspalte(n) fehlen: {', '.join(missing)}.", 1)
    return header


def _record(line: int, header: list[str], row: list[str]) -> RawRecord:
    cells = {name: _unguard(cell) for name, cell in zip(header, row, strict=False)}
    record = RawRecord(line=line, values={n: cells.get(n, "") for n in header if n not in LIST_FIELDS})
    if len(row) != len(header):
        record.problems.append(
            f"Die Zeile hat {len(row)} Felder, die Kopfzeile {len(header)} – Trennzeichen oder Anführungszeichen prüfen"
        )
        record.readable = False
        return record
    for name in LIST_FIELDS:
        record.lists[name] = _split(cells.get(name, ""))
    for entry in _split(record.values.pop(DATES_FIELD, "")):
        start, _, rest = entry.partition("/")
        end, _, rest = rest.partition("/")
        place, _, seats = rest.rpartition("/") if rest.count("/") else (rest, "", "")
        if not end:
            record.problems.append(f"Termin „{entry}“: erwartet BEGINN/ENDE/ORT/PLÄTZE")
        record.dates.append(RawDate(line, {"beginn": start, "ende": end, "ort": place, "plaetze": seats}))
    return record


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _guard(cell: str) -> str:
    # A cell that already starts with an apostrophe gets one more, so that import gives it back.
    return "'" + cell if cell.startswith((*_FORMULA_START, "'")) else cell


def _unguard(cell: str) -> str:
    cell = cell.strip()
    return cell[1:] if cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'")) else cell
