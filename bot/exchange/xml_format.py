"""The PAS-1045/openQCAT-style XML course format, documented in docs/import-formats.md.

Not openQCAT itself (its exact element names were not available to us): a root ``kursdaten``
with an optional ``kopf`` and one ``angebot`` per course, using the field names of the CSV
format, which follow the KURSNET record fields.

Parsed with the standard library's expat directly, for two reasons: every element gets its line
number for the report, and a document type declaration is refused outright, so that neither
external entities (file disclosure) nor entity expansion bombs can reach us.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO
from xml.parsers import expat

from bot.exchange.records import DATE_FIELDS, DATES_FIELD, SCALAR_FIELDS, FormatError, RawDate, RawRecord

ROOT = "kursdaten"
HEADER = "kopf"
COURSE = "angebot"
DATE = "termin"
#: List fields and the name of one item inside them.
LIST_ITEMS = {"suchworte": "suchwort", "zielgruppen": "zielgruppe", "bildungsurlaub": "land"}


@dataclass
class _Node:
    tag: str
    line: int
    text: str = ""
    children: list[_Node] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    def child(self, *path: str) -> _Node | None:
        """The first descendant along ``path`` ("SERVICE_DETAILS", "TITLE"), or None."""
        node: _Node | None = self
        for tag in path:
            node = next((c for c in node.children if c.tag == tag), None) if node else None
        return node

    def all(self, tag: str) -> list[_Node]:
        return [c for c in self.children if c.tag == tag]

    def value(self, *path: str) -> str | None:
        node = self.child(*path)
        return node.text.strip() if node is not None and node.text.strip() else None


Node = _Node


class _Forbidden(Exception):
    pass


def read_xml(text: str) -> list[RawRecord]:
    """Split XML text into raw records; raise ``FormatError`` if it is not a readable document."""
    root = _parse(text)
    if root.tag != ROOT:
        raise FormatError(f"Wurzelelement muss <{ROOT}> sein, nicht <{root.tag}>.", root.line)
    records = []
    for child in root.children:
        if child.tag == COURSE:
            records.append(_record(child))
        elif child.tag != HEADER:
            raise FormatError(f"Unbekanntes Element <{child.tag}> (erwartet <{COURSE}>).", child.line)
    return records


def write_xml(records: Iterable[RawRecord], stream: BinaryIO, created: date) -> None:
    """Write raw records as UTF-8 XML that ``read_xml`` reads back unchanged."""
    root = ET.Element(ROOT, version="1")
    header = ET.SubElement(root, HEADER)
    ET.SubElement(header, "quelle").text = "Weiterbildungslotse"
    ET.SubElement(header, "erstellt").text = created.isoformat()
    for record in records:
        course = ET.SubElement(root, COURSE)
        for name in SCALAR_FIELDS:
            if record.values.get(name):
                ET.SubElement(course, name).text = record.values[name]
        for name, item in LIST_ITEMS.items():
            values = record.lists.get(name, [])
            if values:
                holder = ET.SubElement(course, name)
                for value in values:
                    ET.SubElement(holder, item).text = value
        if record.dates:
            dates = ET.SubElement(course, DATES_FIELD)
            for raw_date in record.dates:
                element = ET.SubElement(dates, DATE)
                for name in DATE_FIELDS:
                    if raw_date.values.get(name):
                        ET.SubElement(element, name).text = raw_date.values[name]
    ET.indent(root)
    ET.ElementTree(root).write(stream, encoding="UTF-8", xml_declaration=True)
    stream.write(b"\n")


def parse_tree(text: str) -> _Node:
    """The document as a tree with line numbers; namespace prefixes are dropped from the names."""
    return _parse(text)


def _parse(text: str) -> _Node:
    parser = expat.ParserCreate()
    stack: list[_Node] = []
    result: list[_Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(tag.rsplit(":", 1)[-1], parser.CurrentLineNumber,
                     attrs={k.rsplit(":", 1)[-1]: v for k, v in attrs.items()})
        (stack[-1].children if stack else result).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def data(chunk: str) -> None:
        if stack:
            stack[-1].text += chunk

    def forbid(*_args: object) -> None:
        raise _Forbidden

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code)
        raise FormatError(
            f"XML ist nicht wohlgeformt ({message}, Spalte {exc.offset + 1}). Es wurde nichts importiert.",
            exc.lineno,
        ) from None
    except _Forbidden:
        raise FormatError(
            "Dokumenttyp-Deklarationen (DOCTYPE/ENTITY) sind aus Sicherheitsgründen nicht erlaubt.",
            parser.CurrentLineNumber,
        ) from None
    return result[0]


def _record(node: _Node) -> RawRecord:
    record = RawRecord(line=node.line)
    seen: set[str] = set()
    for child in node.children:
        if child.tag in seen:
            record.problems.append(f"Element <{child.tag}> (Zeile {child.line}) kommt mehrfach vor")
        seen.add(child.tag)
        if child.tag in SCALAR_FIELDS:
            record.values[child.tag] = _text(child, record)
        elif child.tag in LIST_ITEMS:
            record.lists[child.tag] = [_text(i, record) for i in _items(child, LIST_ITEMS[child.tag], record)]
        elif child.tag == DATES_FIELD:
            record.dates = [_date(d, record) for d in _items(child, DATE, record)]
        else:
            record.problems.append(f"Unbekanntes Element <{child.tag}> in Zeile {child.line}")
    return record


def _items(node: _Node, item: str, record: RawRecord) -> list[_Node]:
    for child in node.children:
        if child.tag != item:
            record.problems.append(
                f"In <{node.tag}> ist nur <{item}> erlaubt, nicht <{child.tag}> (Zeile {child.line})"
            )
    return [c for c in node.children if c.tag == item]


def _date(node: _Node, record: RawRecord) -> RawDate:
    raw = RawDate(line=node.line)
    for child in node.children:
        if child.tag in DATE_FIELDS:
            raw.values[child.tag] = _text(child, record)
        else:
            record.problems.append(f"Unbekanntes Element <{child.tag}> im Termin (Zeile {child.line})")
    return raw


def _text(node: _Node, record: RawRecord) -> str:
    if node.children:
        record.problems.append(f"<{node.tag}> (Zeile {node.line}) darf keine Unterelemente enthalten")
    return node.text.strip()
