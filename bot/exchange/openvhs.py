"""Open-vhs 1.2, the XML the Volkshochschulen deliver to the DVV's vhs-Kursfinder.

One ``veranstaltung`` is one course with one run (its ``beginn_datum``–``ende_datum`` at its
``veranstaltungsort``; the ``termin`` elements are the single sessions, read for the schedule).
The Volkshochschule itself is named in the file's header (``ersteller/name``); feeds without it
(the Berlin open-data snippets, for example) need ``--anbieter``. A feed is the VHS's complete
programme, so a course it no longer lists has ended. Field mapping: docs/import-formats.md.
"""

from __future__ import annotations

from datetime import time

from bot.db.models import PRICE_AMOUNT, PRICE_ON_REQUEST
from bot.exchange.fields import Fields, schedule_from_words
from bot.exchange.records import CourseRecord, DateRecord, Document, Entry, FormatError, ProviderRecord
from bot.exchange.xml_format import Node, parse_tree

SOURCE = "openvhs"
_DIGITAL = {"online_angebot": "online", "blended_learning": "hybrid"}


def looks_like(text: str) -> bool:
    head = text[:8000]
    return "<veranstaltung>" in head or "<veranstaltung " in head or ":veranstaltung>" in head


def _walk(node: Node, tag: str) -> list[Node]:
    found = []
    for child in node.children:
        found += [child] if child.tag == tag else _walk(child, tag)
    return found


def read_openvhs(text: str, encoding: str, provider: str | None = None) -> Document:
    root = parse_tree(text)
    courses = _walk(root, "veranstaltung")
    if not courses:
        raise FormatError("Keine <veranstaltung> gefunden: das ist keine Open-vhs-Datei.", root.line)
    creator = (_walk(root, "ersteller") or [Node("", 0)])[0]
    f = Fields()
    name = provider or f.text("ersteller/name", creator.value("name"), 200)
    document = Document(format="openvhs", encoding=encoding, scope=(SOURCE, (name,)) if name else None)
    info = ProviderRecord(
        external_id=creator.value("guid"), website=f.url("ersteller/webadresse", creator.value("webadresse", "uri"))
        if creator.value("webadresse", "uri") else None,
    )
    for node in courses:
        document.entries.append(_entry(node, name, info))
    return document


def _entry(node: Node, provider: str | None, info: ProviderRecord) -> Entry:
    guid = node.value("guid")
    label = f"Veranstaltung {guid or '?'}" + (f" ({node.value('nummer')})" if node.value("nummer") else "")
    f = Fields()
    if not provider:
        f.problem("Anbieter unbekannt: die Datei nennt keine Volkshochschule (<ersteller>); bitte mit --anbieter NAME "
                  "importieren")
    if not guid:
        f.problem("Pflichtfeld „guid“ fehlt")
    title = f.text("name", node.value("name"), 300, required=True)
    subtitle = f.text("untertitel", node.value("untertitel"), 300)
    texts = []
    for block in node.all("text"):
        body = f.text("text", block.value("text"), 20000, html=True)
        if body:
            kind = block.value("eigenschaft") or ""
            texts.append(f"{kind}: {body}" if kind and kind.casefold() not in ("beschreibung", "text") else body)
    description = "\n\n".join(([subtitle] if subtitle else []) + texts)
    start = f.iso_day("beginn_datum", node.value("beginn_datum"))
    end = f.iso_day("ende_datum", node.value("ende_datum"))
    if start and end and end < start:
        f.problem(f"Ende ({end:%d.%m.%Y}) liegt vor Beginn ({start:%d.%m.%Y})")
    venue = node.child("veranstaltungsort") or Node("", 0)
    address = venue.child("adresse") or Node("", 0)
    digital = [m.value("wert") for m in _walk(node, "merkmal") if m.value("name") == "kursart_digital"]
    fmt = next((_DIGITAL[w] for w in digital if w in _DIGITAL), "praesenz")
    city = f.text("veranstaltungsort/adresse/ort", address.value("ort"), 120)
    if fmt != "online" and not city:
        f.problem("Ort fehlt: veranstaltungsort/adresse/ort (nur Online-Angebote dürfen ohne Ort sein)")
    price_node = node.child("preis") or Node("", 0)
    amount = f.amount("preis/betrag", price_node.value("betrag"))
    remark = "; ".join(z for z in (f.text("preis/zusatz", n.text, 300) for n in price_node.all("zusatz")) if z) or None
    keywords = tuple(dict.fromkeys(k for k in (f.text("schlagwort", n.text, 120) for n in node.all("schlagwort")) if k))
    groups = tuple(dict.fromkeys(g for g in (f.text("zielgruppe", n.text, 120) for n in node.all("zielgruppe")) if g))
    links = [w for w in node.all("webadresse") if (w.value("typ") or "website") == "website" and w.value("uri")]
    url = f.url("webadresse/uri", links[0].value("uri")) if links else None
    seats = None
    if node.value("maximale_teilnehmerzahl") and node.value("aktuelle_teilnehmerzahl"):
        high = f.integer("maximale_teilnehmerzahl", node.value("maximale_teilnehmerzahl"), 0, 10000)
        now = f.integer("aktuelle_teilnehmerzahl", node.value("aktuelle_teilnehmerzahl"), 0, 10000)
        seats = max(0, high - now) if high is not None and now is not None else None
    dvv = node.value("dvv_kategorie")
    if f.problems:
        return Entry(node.line, label, problems=f.problems)
    assert provider and guid and title
    run = DateRecord(
        start=start, end=end, external_id=guid, place=None if fmt == "online" else city,
        postcode=None if fmt == "online" else f.postcode("plz", address.value("plz")),
        street=None if fmt == "online" else f.text("strasse", address.value("strasse"), 200),
        latitude=f.coordinate(venue.value("breitengrad") or address.value("breitengrad"), 47.0, 55.2),
        longitude=f.coordinate(venue.value("laengengrad") or address.value("laengengrad"), 5.8, 15.1),
        format=fmt, schedule=_schedule(node), seats=seats,
        price_eur=amount, price_state=PRICE_AMOUNT if amount is not None else PRICE_ON_REQUEST, price_remark=remark,
    )
    return Entry(node.line, label, record=CourseRecord(
        provider=provider, external_id=guid, title=title, topic=None, price_eur=amount, format=fmt,
        schedule=run.schedule, description=description, keywords=keywords, target_groups=groups, url=url,
        dates=(run,), source=SOURCE, topic_codes=(dvv,) if dvv else (), provider_info=info,
        level=f.text("level", node.value("level"), 60),
    ))


def _schedule(node: Node) -> str:
    """Evening sessions (from 17:00) are "abends", Saturday/Sunday-only ones "wochenende", else Teilzeit.

    A Volkshochschule course meets for a few hours a week: "Teilzeit" is what KURSNET calls that.
    """
    sessions = _walk(node, "termin")
    starts = [_clock(s.value("beginn_uhrzeit")) for s in sessions]
    days = {(s.value("wochentag") or "").casefold()[:2] for s in sessions} | {
        (w.text or "").strip().casefold()[:2] for w in node.all("wochentag")}
    days.discard("")
    if days and days <= {"sa", "so"}:
        return "wochenende"
    known = [t for t in starts if t is not None]
    if known and all(t >= time(17, 0) for t in known):
        return "abends"
    return schedule_from_words(node.value("veranstaltungsart")) or "teilzeit"


def _clock(value: str | None) -> time | None:
    try:
        hours, minutes = (value or "").split("+")[0].split(":")[:2]
        return time(int(hours), int(minutes))
    except ValueError:
        return None
