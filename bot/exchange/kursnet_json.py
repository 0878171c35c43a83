"""The Bundesagentur für Arbeit's Weiterbildungssuche API (KURSNET / mein NOW) as JSON.

``GET /pc/v2/bildungsangebot`` (community OpenAPI spec: bundesAPI/weiterbildungssuche-api) answers
in HAL: ``_embedded.termine[]``, one entry per run (Termin), each with its offer (``angebot``, and
in it the provider ``bildungsanbieter``), its address, dates in epoch milliseconds, price, format
and schedule. Runs of the same offer become one course with several runs. Field by field mapping:
docs/import-formats.md.

The whole offer is checked with all its runs: one run with a problem rejects the offer, with
every problem of every run in one message.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from bot.db.models import PRICE_AMOUNT, PRICE_FUNDED, PRICE_ON_REQUEST
from bot.exchange.fields import KURSNET_STATES, Fields, format_from_kursnet, schedule_from_words
from bot.exchange.records import CourseRecord, DateRecord, Document, Entry, FormatError, ProviderRecord

SOURCE = "kursnet"


def looks_like(text: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith("{") and ('"termine"' in head or '"_embedded"' in head)


def parse(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"JSON ist nicht lesbar ({exc.msg}, Spalte {exc.colno}). Es wurde nichts importiert.",
                          exc.lineno) from None
    if not isinstance(data, dict) or not isinstance((data.get("_embedded") or {}).get("termine", []), list):
        raise FormatError("Keine Antwort der Weiterbildungssuche: „_embedded.termine“ fehlt.")
    return data


def _object(parent: dict[str, Any], key: str) -> dict[str, Any]:
    """``parent[key]`` when it is a JSON object, else {} (a field the source left out or filled wrongly)."""
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def read_kursnet(text: str, encoding: str) -> Document:
    """All offers of one response (or of several pages concatenated by the caller)."""
    return document_from_termine(parse(text).get("_embedded", {}).get("termine", []), encoding)


def document_from_termine(termine: list[Any], encoding: str = "UTF-8") -> Document:
    by_offer: dict[str, list[dict[str, Any]]] = defaultdict(list)
    document = Document(format="kursnet-json", encoding=encoding)
    for index, termin in enumerate(termine, start=1):
        if not isinstance(termin, dict):
            document.entries.append(Entry(0, f"Eintrag {index}", problems=["kein Termin-Objekt"]))
            continue
        offer = _object(termin, "angebot")
        by_offer[str(offer.get("id") or f"ohne Nummer (Eintrag {index})")].append(termin)
    for offer_id, runs in by_offer.items():
        document.entries.append(_entry(offer_id, runs))
    return document


def _entry(offer_id: str, termine: list[dict[str, Any]]) -> Entry:
    offer = termine[0].get("angebot") or {}
    label = f"Angebot {offer_id} (Termin {', '.join(str(t.get('id')) for t in termine)})"
    f = Fields()
    if not offer.get("id"):
        f.problem("Pflichtfeld „angebot.id“ fehlt")
    provider = _object(offer, "bildungsanbieter")
    provider_name = f.text("bildungsanbieter.name", provider.get("name"), 200, required=True)
    title = f.text("titel", offer.get("titel"), 300, required=True)
    description = _sections(f, offer)
    runs = tuple(r for r in (_run(f, t) for t in termine) if r is not None)
    keywords = []
    for item in offer.get("suchworte") or []:
        word = f.text("suchwort", item.get("suchwort") if isinstance(item, dict) else item, 120)
        if word and word not in keywords:
            keywords.append(word)
    certifiers = [str(c["name"]) for c in offer.get("zertifizierer") or [] if isinstance(c, dict) and c.get("name")]
    codes = tuple(str(s.get("codeNr")) for s in offer.get("systematiken") or []
                  if isinstance(s, dict) and s.get("codeNr"))
    updated = [d for d in (f.epoch_day("aktualisierungsdatum", t.get("aktualisierungsdatum")) for t in termine) if d]
    url = f.url("link", offer.get("link")) if offer.get("link") else None
    degree = f.text("abschlussbezeichnung", offer.get("abschlussbezeichnung"), 200) or f.text(
        "abschlussart", offer.get("abschlussart"), 200)
    if f.problems or not runs:
        return Entry(0, label, problems=f.problems or ["keine Termine"])
    assert provider_name and title
    address = _object(provider, "adresse")
    town = _object(address, "ortStrasse")
    record = CourseRecord(
        provider=provider_name,
        provider_azav=True if certifiers else None,
        external_id=str(offer["id"]),
        title=title,
        topic=None,
        price_eur=runs[0].price_eur,
        format=runs[0].format,
        schedule=runs[0].schedule,
        description=description,
        keywords=tuple(keywords),
        degree=degree,
        bildungsgutschein=any(t.get("foerderung") is True for t in termine),
        url=url,
        dates=runs,
        source=SOURCE,
        source_updated=max(updated) if updated else None,
        certifier=("; ".join(certifiers))[:200] or None,
        topic_codes=codes,
        provider_info=ProviderRecord(
            external_id=str(provider.get("id")) if provider.get("id") else None,
            street=Fields().text("strasse", address.get("strasse"), 200),
            postcode=Fields().postcode("plz", town.get("plz")),
            city=Fields().text("ort", town.get("name"), 120),
            phone=_phone(provider.get("telefonVorwahl"), provider.get("telefonDurchwahl")),
            email=Fields().text("email", provider.get("email"), 200),
            website=Fields().url("homepage", provider.get("homepage")),
        ),
    )
    return Entry(0, label, record=record)


def _sections(f: Fields, offer: dict[str, Any]) -> str:
    """The description with what citizens also ask: who it is for, what is required, what it leads to."""
    parts = [f.text("inhalt", offer.get("inhalt"), 20000, html=True) or ""]
    for key, heading in (("zielgruppe", "Zielgruppe"), ("zugang", "Voraussetzungen"), ("foerderung", "Förderung")):
        text = f.text(key, offer.get(key), 4000, html=True)
        if text and text.casefold() != "keine angabe":
            parts.append(f"{heading}: {text}")
    return "\n\n".join(p for p in parts if p)


def _phone(prefix: object, number: object) -> str | None:
    text = " ".join(str(p).strip() for p in (prefix, number) if p)
    return text[:40] or None


def _run(f: Fields, termin: dict[str, Any]) -> DateRecord | None:
    before = len(f.problems)
    where = f"Termin {termin.get('id')}: "
    run = Fields()
    form = _object(termin, "unterrichtsform")
    fmt = format_from_kursnet(form.get("id")) if form.get("id") is not None else None
    if fmt is None:
        run.problem(f"„unterrichtsform“: „{form.get('bezeichnung') or form.get('id')}“ ist unbekannt")
    time = _object(termin, "unterrichtszeit")
    schedule = "berufsbegleitend" if termin.get("berufsbegleitend") is True else schedule_from_words(
        time.get("bezeichnung"))
    if schedule is None:
        run.problem(f"„unterrichtszeit“: „{time.get('bezeichnung')}“ ist unbekannt")
    start = run.epoch_day("beginn", termin.get("beginn"))
    end = run.epoch_day("ende", termin.get("ende"))
    if start and end and end < start:
        run.problem(f"Ende ({end:%d.%m.%Y}) liegt vor Beginn ({start:%d.%m.%Y})")
    price, state = _price(run, termin)
    address = _object(termin, "adresse")
    town = _object(address, "ortStrasse")
    land = _object(town, "land")
    point = _object(address, "koordinaten")
    city = run.text("ort", town.get("name"), 120)
    if fmt in ("praesenz", "hybrid") and not city:
        run.problem("Ort fehlt (nur Online-Termine dürfen ohne Ort sein)")
    remark_time = run.text("bemerkungZeit", termin.get("bemerkungZeit"), 2000, html=True)
    times = run.text("unterrichtszeiten", termin.get("unterrichtszeiten"), 2000, html=True)
    f.problems.extend(where + p for p in run.problems)
    if len(f.problems) > before:
        return None
    online = fmt == "online"
    return DateRecord(
        start=start, end=end, flexible_start=termin.get("individuellerEinstieg") is True,
        place=None if online else city, postcode=None if online else run.postcode("plz", town.get("plz")),
        street=None if online else run.text("strasse", address.get("strasse"), 200),
        latitude=None if online else run.coordinate(point.get("lat"), 47.0, 55.2),
        longitude=None if online else run.coordinate(point.get("lon"), 5.8, 15.1),
        state=KURSNET_STATES.get(str(land.get("code") or land.get("bundeslandCode") or "").upper()),
        format=fmt or "", schedule=schedule or "",
        schedule_text="\n".join(t for t in (times, remark_time) if t) or None,
        price_eur=price, price_state=state,
        price_remark=run.text("kostenBemerkung", termin.get("kostenBemerkung"), 1000, html=True),
        external_id=str(termin.get("id")) if termin.get("id") is not None else None,
    )


def _price(f: Fields, termin: dict[str, Any]) -> tuple[Decimal | None, str]:
    """No value: "auf Anfrage". 0 with ``foerderung``: the voucher pays, not "kostenlos"."""
    value = f.amount("kostenWert", termin.get("kostenWert"))
    if value is None:
        return None, PRICE_ON_REQUEST
    if value == 0 and termin.get("foerderung") is True:
        return None, PRICE_FUNDED
    return value, PRICE_AMOUNT
