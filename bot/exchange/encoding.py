"""Turning file bytes into text without guessing wrongly.

Course lists reach the city as UTF-8 (with or without the byte order mark Excel writes) or as
Windows-1252 from older German Windows tools. UTF-8 is tried strictly first: Windows-1252 text
with umlauts is almost never valid UTF-8, so a strict failure is a reliable sign of it.
"""

from __future__ import annotations

import codecs
import re

from bot.exchange.records import FormatError

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 mit BOM"
CP1252 = "Windows-1252"
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def decode_text(data: bytes) -> tuple[str, str]:
    """Return the text and a German name of the encoding used (for the import report)."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", UTF8_BOM), UTF8_BOM
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    return _decode(data, "cp1252", CP1252), CP1252


def decode_xml(data: bytes) -> tuple[str, str]:
    """Like ``decode_text``, but an encoding declared in the XML prolog is binding.

    A file that declares UTF-8 and is not UTF-8 is broken, and saying so is kinder than
    importing mangled umlauts; a file without a declaration gets the same leniency as CSV.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", UTF8_BOM), UTF8_BOM
    declared = _XML_DECLARATION.match(data)
    if not declared:
        return decode_text(data)
    name = declared.group(1).decode("ascii")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise FormatError(f"Unbekannte Zeichenkodierung „{name}“ in der XML-Deklaration", 1) from None
    label = {"utf-8": UTF8, "cp1252": CP1252}.get(codec, name)
    return _decode(data, codec, label), label


def _decode(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"Die Datei ist nicht als {label} lesbar (Byte 0x{data[exc.start]:02X}). Bitte als UTF-8 speichern.",
            line,
        ) from None
