"""openQ-cat 1.1, the XML format providers upload their offers to KURSNET with.

A catalogue (``OPENQCAT``) has a ``HEADER`` (catalogue and supplier) and either ``NEW_CATALOG``
(the supplier's complete offer) or ``UPDATE_CATALOG`` (a delta: ``NEW``/``UPDATE`` services and
``DELETE`` by ``PRODUCT_ID``). Each ``SERVICE`` is an offer (``EDUCATION type="true"``, KURSNET:
Angebot) or a run of one (``type="false"``, Termin, pointing to its offer with ``COURSE_ID``).
Runs carry place (``MODULE_COURSE/LOCATION``), dates (``SERVICE_DATE``), form and time
(``EXTENDED_INFO``) and price (``SERVICE_PRICE_DETAILS/SERVICE_PRICE``). Field mapping:
docs/import-formats.md.

The XSD of openQ-cat was not available to us; the reader checks the structure it relies on
(root, catalogue part, ``PRODUCT_ID``, title, the run's dates and place) and reports what is
missing, per service, in one pass. The encoding the XML declaration names (often ISO-8859-15)
is binding (``bot.exchange.encoding.decode_xml``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from bot.db.models import PRICE_AMOUNT, PRICE_ON_REQUEST
from bot.exchange.fields import Fields, format_from_kursnet, schedule_from_words
from bot.exchange.records import CourseRecord, DateRecord, Document, Entry, FormatError, ProviderRecord
from bot.exchange.xml_format import Node, parse_tree

SOURCE = "openqcat"


def looks_like(text: str) -> bool:
    return "<OPENQCAT" in text[:5000]


def read_openqcat(text: str, encoding: str) -> Document:
    root = parse_tree(text)
    if root.tag != "OPENQCAT":
        raise FormatError(f"Wurzelelement muss <OPENQCAT> sein, nicht <{root.tag}>.", root.line)
    supplier = _supplier(root)
    # The catalogue's date is the records' "Stand": openQ-cat has no date per service.
    generated = Fields().iso_day("GENERATION_DATE", root.value("HEADER", "CATALOG", "GENERATION_DATE"))
    full = root.child("NEW_CATALOG")
    update = root.child("UPDATE_CATALOG")
    if full is None and update is None:
        raise FormatError("Weder <NEW_CATALOG> noch <UPDATE_CATALOG>: die Datei enthält keine Angebote.", root.line)
    document = Document(format="openqcat", encoding=encoding)
    if full is not None:
        services = full.all("SERVICE")
        document.scope = (SOURCE, (supplier[0],)) if supplier[0] else None
    else:
        assert update is not None
        services = [s for part in ("NEW", "UPDATE") for holder in update.all(part) for s in holder.all("SERVICE")]
        services += update.all("SERVICE")  # some tools put the mode on the SERVICE itself
        for holder in update.all("DELETE"):
            for service in holder.all("SERVICE"):
                product = service.value("PRODUCT_ID")
                if product:
                    document.deletions.append((supplier[0] or "", product))
        services = [s for s in services if s.attrs.get("mode", "").lower() != "delete"]
    if not supplier[0]:
        header = root.child("HEADER")
        label_line = header.line if header else root.line
        document.entries.append(Entry(label_line, "Kopf (HEADER)", problems=[
            "Pflichtfeld „HEADER/SUPPLIER/SUPPLIER_NAME“ fehlt: ohne Anbieter kann nichts zugeordnet werden"]))
        return document
    offers: dict[str, Node] = {}
    runs: dict[str, list[Node]] = defaultdict(list)
    for service in services:
        kind = (service.child("SERVICE_DETAILS", "SERVICE_MODULE", "EDUCATION") or Node("", 0)).attrs.get("type", "")
        product = service.value("PRODUCT_ID") or f"(ohne PRODUCT_ID, Zeile {service.line})"
        if kind.lower() == "false":
            parent = service.value("SERVICE_DETAILS", "SERVICE_MODULE", "EDUCATION", "COURSE_ID") or product
            runs[parent].append(service)
        else:
            offers[product] = service
    for product in dict.fromkeys([*offers, *runs]):
        document.entries.append(_entry(product, offers.get(product), runs.get(product, []), supplier, generated))
    return document


def _supplier(root: Node) -> tuple[str | None, ProviderRecord]:
    header = root.child("HEADER", "SUPPLIER") or Node("", 0)
    f = Fields()
    address = header.child("ADDRESS") or header
    return f.text("SUPPLIER_NAME", header.value("SUPPLIER_NAME"), 200), ProviderRecord(
        external_id=header.value("SUPPLIER_ID"),
        street=f.text("STREET", address.value("STREET"), 200),
        postcode=f.postcode("ZIP", address.value("ZIP")),
        city=f.text("CITY", address.value("CITY"), 120),
        phone=f.text("PHONE", address.value("PHONE"), 40),
        email=f.text("EMAIL", address.value("EMAIL") or address.value("EMAILS", "EMAIL"), 200),
        website=f.url("URL", address.value("URL")) if address.value("URL") else None,
    )


def _entry(product: str, offer: Node | None, run_nodes: list[Node], supplier: tuple[str | None, ProviderRecord],
           generated: date | None = None) -> Entry:
    line = (offer or run_nodes[0]).line
    label = f"SERVICE {product}" + (f" (Termine {', '.join(r.value('PRODUCT_ID') or '?' for r in run_nodes)})"
                                    if run_nodes else "")
    f = Fields()
    if product.startswith("(ohne"):
        f.problem(f"Pflichtfeld „PRODUCT_ID“ fehlt (Zeile {line})")
    details = (offer.child("SERVICE_DETAILS") if offer else None) or Node("", 0)
    title = f.text("TITLE", details.value("TITLE"), 300, required=offer is not None)
    description = f.text("DESCRIPTION_LONG", details.value("DESCRIPTION_LONG"), 20000, html=True) or ""
    keywords = tuple(dict.fromkeys(k for k in (f.text("KEYWORD", n.text, 120) for n in details.all("KEYWORD")) if k))
    education = details.child("SERVICE_MODULE", "EDUCATION") or Node("", 0)
    degree = f.text("DEGREE", education.value("DEGREE"), 200)
    runs = [r for r in (_run(f, node, node.value("PRODUCT_ID")) for node in run_nodes) if r is not None]
    if offer is not None and _is_dated(offer):
        own = _run(f, offer, product)
        if own is not None:
            runs.insert(0, own)
    if offer is not None and not runs and not run_nodes:
        f.problem("Angebot ohne Termin: weder eigene Daten (SERVICE_DATE, LOCATION) noch Termine (COURSE_ID)")
    if f.problems:
        return Entry(line, label, problems=f.problems)
    name, provider = supplier
    assert name
    return Entry(line, label, record=CourseRecord(
        provider=name, external_id=product, title=title or "", topic=None,
        price_eur=runs[0].price_eur, format=runs[0].format, schedule=runs[0].schedule,
        description=description, keywords=keywords, degree=degree, dates=tuple(runs), source=SOURCE,
        provider_info=provider, runs_only=offer is None, source_updated=generated,
        url=f.url("URL", details.value("URL")) if details.value("URL") else None,
    ))


def _is_dated(service: Node) -> bool:
    education = service.child("SERVICE_DETAILS", "SERVICE_MODULE", "EDUCATION") or Node("", 0)
    return bool(service.value("SERVICE_DETAILS", "SERVICE_DATE", "START_DATE")
                or education.child("MODULE_COURSE", "LOCATION") is not None)


def _run(f: Fields, service: Node, product: str | None) -> DateRecord | None:
    run = Fields()
    where = f"Termin {product or '?'} (Zeile {service.line}): "
    details = service.child("SERVICE_DETAILS") or Node("", 0)
    education = details.child("SERVICE_MODULE", "EDUCATION") or Node("", 0)
    module = education.child("MODULE_COURSE") or Node("", 0)
    info = education.child("EXTENDED_INFO") or Node("", 0)
    if not product:
        run.problem("Pflichtfeld „PRODUCT_ID“ fehlt")
    flexible = (module.value("FLEXIBLE_START") or "").lower() == "true"
    start = run.iso_day("START_DATE", details.value("SERVICE_DATE", "START_DATE"))
    end = run.iso_day("END_DATE", details.value("SERVICE_DATE", "END_DATE"))
    if start and end and end < start:
        run.problem(f"Ende ({end:%d.%m.%Y}) liegt vor Beginn ({start:%d.%m.%Y})")
    form = info.child("INSTRUCTION_FORM")
    fmt = format_from_kursnet(form.attrs.get("type", "")) if form is not None else None
    if fmt is None:
        run.problem("„INSTRUCTION_FORM“ fehlt oder hat keinen bekannten type (101–403)")
    time = info.child("INSTRUCTION_TIME")
    schedule = None
    if time is not None:
        schedule = schedule_from_words(time.text) or {"1": "vollzeit", "2": "teilzeit"}.get(time.attrs.get("type", ""))
    if schedule is None:
        run.problem("„INSTRUCTION_TIME“ fehlt oder ist unbekannt (Vollzeit, Teilzeit, …)")
    location = module.child("LOCATION") or Node("", 0)
    city = run.text("CITY", location.value("CITY"), 120)
    if fmt in ("praesenz", "hybrid") and not city:
        run.problem("Ort fehlt: MODULE_COURSE/LOCATION/CITY (nur Online-Termine dürfen ohne Ort sein)")
    price_node = service.child("SERVICE_PRICE_DETAILS", "SERVICE_PRICE") or Node("", 0)
    amount = run.amount("PRICE_AMOUNT", price_node.value("PRICE_AMOUNT"))
    remark = run.text("REMARKS", (service.child("SERVICE_PRICE_DETAILS") or Node("", 0)).value("REMARKS"), 1000,
                      html=True)
    times = run.text("INSTRUCTION_REMARKS", module.value("INSTRUCTION_REMARKS"), 2000, html=True)
    f.problems.extend(where + p for p in run.problems)
    if run.problems:
        return None
    online = fmt == "online"
    return DateRecord(
        start=start, end=end, flexible_start=flexible, external_id=product,
        place=None if online else city, postcode=None if online else run.postcode("ZIP", location.value("ZIP")),
        street=None if online else run.text("STREET", location.value("STREET"), 200),
        format=fmt or "", schedule=schedule or "", schedule_text=times,
        price_eur=amount, price_state=PRICE_AMOUNT if amount is not None else PRICE_ON_REQUEST, price_remark=remark,
    )
