"""The live connector to the Bundesagentur für Arbeit's Weiterbildungssuche (KURSNET): ``lotse db sync ba``.

One request per place of the area: ``GET {base}/pc/v2/bildungsangebot?orte=<Name>_<lon>_<lat>&uk=<Umkreis>
&page=<n>&size=<s>`` with the client id of the public Weiterbildungssuche in the header ``X-API-Key``
(community documentation: github.com/bundesAPI/weiterbildungssuche-api). ``uk`` is ``ort`` (only that
town) for the places of a home region, or the smallest of 25/50/100/150/200 km that covers the radius
asked for. Pages are read until the answer's ``page.totalPages``.

All pages are fetched before anything is written: a network error or an unreadable page stops the sync
with nothing imported. Then the Termine go through the same import as a KURSNET file (``importer``),
and the stored KURSNET runs of the synced area that the answer no longer lists are marked ended,
per place: a place whose answer is empty ends its runs. Online runs have no place and are never ended
by a sync (the API's place search does not list them reliably). If the whole answer is empty while
runs are stored, nothing is ended: an outage of the API must not empty the offer.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.db.models import RUN_ACTIVE, RUN_ENDED, Course, CourseDate, Place, Region
from bot.exchange import kursnet_json
from bot.exchange.importer import ImportReport, import_document

PATH = "/pc/v2/bildungsangebot"
#: The values the API accepts for ``uk`` (Umkreis in km), smallest first.
RADII = (25, 50, 100, 150, 200)
PAGE_SIZE = 50
#: A sync never reads more pages per place than this (the API itself stops at 10,000 hits).
MAX_PAGES = 200
RETRIES = 3


class SyncError(Exception):
    """The sync cannot be completed; nothing was written. German, for the people running it."""


@dataclass(frozen=True)
class Area:
    """A place to ask the API for, and which stored runs its answer stands for."""

    name: str
    lat: float
    lon: float
    radius: str  # "ort" or one of RADII as text
    place_ids: tuple[int, ...] = ()  # stored places whose runs the answer covers (a home region's place)
    geo_key: str | None = None  # or: the town's gazetteer key ("ort" for any town)
    radius_km: float | None = None  # or: runs within this many km

    def params(self, page: int, size: int) -> dict[str, str]:
        return {"orte": f"{self.name}_{self.lon:.6f}_{self.lat:.6f}", "uk": self.radius,
                "page": str(page), "size": str(size)}


Fetch = Callable[[str, dict[str, str]], bytes]


def http_fetch(timeout: float = 60.0) -> Fetch:
    def fetch(url: str, headers: dict[str, str]) -> bytes:
        request = urllib.request.Request(url, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()

    return fetch


@dataclass
class Client:
    base_url: str
    api_key: str
    fetch: Fetch
    page_size: int = PAGE_SIZE
    pause: float = 0.5  # seconds between requests, and the first back-off after an error
    requests: int = 0

    def termine(self, area: Area) -> list[dict[str, Any]]:
        """Every Termin the API lists for the area, all pages, in the API's order."""
        found: list[dict[str, Any]] = []
        for page in range(MAX_PAGES):
            data = self._page(area, page)
            termine = (data.get("_embedded") or {}).get("termine") or []
            found.extend(termine)
            info = data.get("page") or {}
            pages = int(info.get("totalPages") or 0)
            if not termine or page + 1 >= pages:
                return found
        return found

    def _page(self, area: Area, page: int) -> dict[str, Any]:
        url = f"{self.base_url.rstrip('/')}{PATH}?{urllib.parse.urlencode(area.params(page, self.page_size))}"
        headers = {"X-API-Key": self.api_key, "Accept": "application/json"}
        for attempt in range(RETRIES):
            if self.requests:
                time.sleep(self.pause * (2 ** attempt if attempt else 1))
            self.requests += 1
            try:
                body = self.fetch(url, headers)
            except urllib.error.HTTPError as exc:
                if exc.code < 500 or attempt == RETRIES - 1:
                    raise SyncError(f"Die Weiterbildungssuche antwortet für {area.name} (Seite {page + 1}) mit "
                                    f"HTTP {exc.code}. Es wurde nichts importiert.") from None
                continue
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                if attempt == RETRIES - 1:
                    reason = getattr(exc, "reason", exc)
                    raise SyncError(f"Die Weiterbildungssuche ist nicht erreichbar ({reason}). "
                                    "Es wurde nichts importiert.") from None
                continue
            try:
                return kursnet_json.parse(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise SyncError(f"Antwort für {area.name} (Seite {page + 1}) ist nicht lesbar: {exc}. "
                                "Es wurde nichts importiert.") from None
        raise AssertionError("unreachable")


def region_areas(session: Session, slug: str) -> list[Area]:
    """Each stored place of a home region, asked for on its own (``uk=ort``)."""
    region = session.execute(select(Region).where(Region.slug == slug)).scalar_one_or_none()
    if region is None:
        known = ", ".join(session.execute(select(Region.slug).order_by(Region.slug)).scalars())
        raise SyncError(f"Region „{slug}“ ist nicht gespeichert (bekannt: {known or 'keine'}).")
    areas = []
    for place in session.execute(select(Place).where(Place.region_id == region.id).order_by(Place.name)).scalars():
        lat, lon = place.latitude, place.longitude
        if lat is None or lon is None:
            found = geo.find(place.name, postcode=place.postcode, prefer_state=place.state or region.state,
                             typos=False)
            if found is None or found.lat is None or found.lon is None:
                raise SyncError(f"Ort „{place.name}“ hat keine Koordinaten und steht nicht im Gemeindeverzeichnis.")
            lat, lon = found.lat, found.lon
        areas.append(Area(place.name, lat, lon, "ort", place_ids=(place.id,)))
    if not areas:
        raise SyncError(f"Region „{slug}“ hat keine Orte.")
    return areas


def place_area(name: str, radius_km: float | None) -> Area:
    """A town anywhere in Germany (gazetteer), alone or with a radius."""
    found = geo.find(name, typos=False)
    if found is None or found.lat is None or found.lon is None:
        raise SyncError(f"Ort „{name}“ steht nicht im Gemeindeverzeichnis.")
    if radius_km is None:
        return Area(found.name, found.lat, found.lon, "ort", geo_key=found.key)
    if not 0 < radius_km <= RADII[-1]:
        raise SyncError(f"Umkreis {radius_km:g} km: die Weiterbildungssuche kennt höchstens {RADII[-1]} km.")
    radius = next(r for r in RADII if r >= radius_km)
    return Area(found.name, found.lat, found.lon, str(radius), radius_km=float(radius_km))


def sync(session: Session, client: Client, areas: list[Area], dry_run: bool = False,
         today: date | None = None) -> ImportReport:
    """Fetch every area, import the Termine, end the area's runs the answer no longer lists."""
    answers = [(area, client.termine(area)) for area in areas]
    unique: dict[str, dict[str, Any]] = {}
    for _, termine in answers:
        for termin in termine:
            unique.setdefault(str(termin.get("id")) if isinstance(termin, dict) else repr(termin), termin)
    document = kursnet_json.document_from_termine(list(unique.values()))
    source = f"Weiterbildungssuche ({', '.join(a.name for a in areas[:3])}{' …' if len(areas) > 3 else ''})"
    report = import_document(session, document, source, dry_run=dry_run, today=today)
    report.notes.insert(0, f"{client.requests} Anfragen, {len(unique)} Termine in der Antwort.")
    if not unique:
        report.notes.append("Die Weiterbildungssuche lieferte keinen Termin: keine gespeicherten Termine beendet.")
        return report
    for area, termine in answers:
        listed = {str(t.get("id")) for t in termine if isinstance(t, dict)}
        for run in _stored_runs(session, area):
            if run.external_id not in listed:
                report.ended += 1
                if not dry_run:
                    run.status, run.ended_on = RUN_ENDED, today or date.today()
    return report


def _stored_runs(session: Session, area: Area) -> list[CourseDate]:
    """Active KURSNET runs with a place in the area (by stored place, or by distance)."""
    query = select(CourseDate).join(Course).where(Course.source == kursnet_json.SOURCE,
                                                  CourseDate.status == RUN_ACTIVE,
                                                  CourseDate.place_id.is_not(None))
    if area.place_ids:
        return list(session.execute(query.where(CourseDate.place_id.in_(area.place_ids))).scalars())
    if area.geo_key is not None:  # the town's place, as the import stored it (from the gazetteer)
        return list(session.execute(query.join(Place, CourseDate.place_id == Place.id)
                                    .where(Place.geo_key == area.geo_key)).scalars())
    assert area.radius_km is not None
    runs = []
    for run in session.execute(query).scalars():
        lat = run.latitude if run.latitude is not None else run.place.latitude
        lon = run.longitude if run.longitude is not None else run.place.longitude
        if lat is not None and lon is not None and geo.distance_km(area.lat, area.lon, lat, lon) <= area.radius_km:
            runs.append(run)
    return runs

