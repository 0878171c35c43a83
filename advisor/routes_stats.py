"""The dashboard /auswertung for the education network: aggregates only, each table also as CSV.

Netzwerk sees its region, Leitung and Kontenverwaltung their own centre; Beratung gets 403 (the
inbox is its work, figures are not). Nothing here reads a name, a contact or a transcript: the
figures come from bot/stats (counters) and from the status and times of callbacks and handovers.
"""

from __future__ import annotations

import csv
import io

from sanic import Request, Sanic
from sanic.response import HTTPResponse, raw

from advisor.accounts import DASHBOARD_ROLES
from advisor.export import FORMULA_START
from advisor.facts import EDITOR_ROLES
from advisor.web import Auth, error_page, protected, render, templates
from bot.callbacks import programme_label
from bot.config import load_settings
from bot.db.models import CounsellingCentre
from bot.stats import report as figures
from bot.stats.freshness import StaleFact, stale_facts

#: Table name in the URL → (file name, column headings); the rows come from ``_rows``.
TABLES = {
    "verlauf": ("auswertung-verlauf", ("Zeitraum", "Gespräche", "Nachrichten", "Verstanden", "Nicht verstanden")),
    "themen": ("auswertung-themen", ("Thema", "Anfragen")),
    "ohne-kurs": ("auswertung-suchen-ohne-kurs", ("Thema", "Ort", "Format", "Suchen")),
    "foerderung": ("auswertung-foerderprogramme", ("Förderprogramm", "Anfragen")),
    "foerder-check": ("auswertung-foerder-check", ("Förderprogramm", "Ergebnis", "Anzahl")),
    "stellen": ("auswertung-rueckrufe-uebergaben", (
        "Beratungsstelle", "Rückrufe gezählt", "Übergaben gezählt", "Neu", "In Bearbeitung", "Erledigt",
        "Storniert", "Mit erstem Kontakt", "Stunden bis zum ersten Kontakt (Median)")),
    "bewertungen": ("auswertung-bewertungen", ("Bewertung", "Anzahl")),
    "nicht-verstanden": ("auswertung-nicht-verstanden", ("Nachricht (maskiert)", "Gespräche")),
    "pruefen": ("auswertung-angaben-pruefen", ("Art", "Angabe", "Stand")),
}
KINDS = {"centre": "Beratungsstelle", "programme": "Förderprogramm", "faq": "Antwort (FAQ)"}
#: Where the Netzwerk account edits a fact (advisor/routes_facts.py).
EDIT_PATHS = {"centre": "beratungsstelle", "programme": "programm", "faq": "faq"}
#: The words the tables use for stored labels (templates/auswertung.html shows the same).
VERDICTS = {"wahrscheinlich": "voraussichtlich ja", "moeglich": "vielleicht",
            "unwahrscheinlich": "voraussichtlich nein"}
FORMATS = {"": "beliebig", "online": "online", "praesenz": "vor Ort", "hybrid": "hybrid"}
RATINGS = {"up": "Daumen hoch", "down": "Daumen runter"}
NO_TOPIC = "ohne erkanntes Thema"
NO_PLACE = "ohne Ort"

templates.globals["VERDICTS"] = VERDICTS
templates.globals["FORMATS"] = FORMATS
templates.globals["RATINGS"] = RATINGS
templates.globals["KINDS"] = KINDS
templates.globals["EDIT_PATHS"] = EDIT_PATHS
templates.filters["zeitraum"] = figures.period_label


def register(app: Sanic) -> None:
    app.add_route(dashboard, "/auswertung", methods=["GET"])
    app.add_route(table_csv, "/auswertung/<datei:str>", methods=["GET"])


def _scope(auth: Auth) -> tuple[figures.Scope, CounsellingCentre]:
    centre = auth.db.get(CounsellingCentre, auth.advisor.centre_id)
    if auth.advisor.role == "netzwerk":
        return figures.Scope(region=centre.region.slug), centre
    return figures.Scope(region=centre.region.slug, centre=centre.slug), centre


def _report(request: Request, auth: Auth) -> tuple[figures.Report, figures.Scope, CounsellingCentre]:
    scope, centre = _scope(auth)
    grain = request.args.get("einteilung") or figures.WEEK
    period = request.args.get("zeitraum") or figures.ALL
    return figures.build(auth.db, scope, grain, period), scope, centre


def _stale(auth: Auth, scope: figures.Scope, centre: CounsellingCentre) -> list[StaleFact]:
    return stale_facts(auth.db, centre.region, auth.now.date(), load_settings().stale_after_days, scope.centre)


@protected(roles=DASHBOARD_ROLES)
def dashboard(request: Request, auth: Auth) -> HTTPResponse:
    report, scope, centre = _report(request, auth)
    query = f"einteilung={report.grain}&zeitraum={report.period}"
    return render("auswertung.html", advisor=auth.advisor, csrf=auth.login.csrf_token, segment="auswertung",
                  title="Auswertung", report=report, scope=scope, centre=centre, query=query,
                  programme=programme_label, NO_TOPIC=NO_TOPIC, NO_PLACE=NO_PLACE,
                  stale=_stale(auth, scope, centre), stale_days=load_settings().stale_after_days,
                  may_edit=auth.advisor.role in EDITOR_ROLES)


@protected(roles=DASHBOARD_ROLES)
def table_csv(request: Request, auth: Auth, datei: str) -> HTTPResponse:
    table = datei.removesuffix(".csv")
    if table == datei or table not in TABLES:
        return error_page(404, "Nicht gefunden", "Diese Tabelle gibt es nicht.", auth)
    report, scope, centre = _report(request, auth)
    name, header = TABLES[table]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    found = ([(KINDS[f.kind], f.name, f.stand_text or "ohne Stand") for f in _stale(auth, scope, centre)]
             if table == "pruefen" else _rows(table, report))
    for row in found:
        writer.writerow([_cell(value) for value in row])
    suffix = "" if report.period == figures.ALL else f"-{report.period}"
    return raw(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8",
               headers={"Content-Disposition": f'attachment; filename="{name}{suffix}.csv"'})


def _rows(table: str, report: figures.Report) -> list[tuple[object, ...]]:
    if table == "verlauf":
        return [(figures.period_label(o.period), o.conversations, o.messages, o.answered, o.not_understood)
                for o in report.overview]
    if table == "themen":
        return [(topic or NO_TOPIC, n) for topic, n in report.topics]
    if table == "ohne-kurs":
        return [(t or NO_TOPIC, p or NO_PLACE, FORMATS.get(f, f), n) for t, p, f, n in report.empty_searches]
    if table == "foerderung":
        return [(programme_label(slug), n) for slug, n in report.programmes]
    if table == "foerder-check":
        return [(programme_label(p), VERDICTS.get(v, v), n) for p, v, n in report.eligibility]
    if table == "stellen":
        return [(c.name, c.callbacks_counted, c.handovers_counted,
                 c.callbacks.get("neu", 0) + c.handovers.get("neu", 0),
                 c.callbacks.get("in_bearbeitung", 0) + c.handovers.get("in_bearbeitung", 0),
                 c.callbacks.get("erledigt", 0) + c.handovers.get("erledigt", 0),
                 c.callbacks.get("storniert", 0), c.contacted,
                 "" if c.median_hours is None else f"{c.median_hours:.1f}".replace(".", ","))
                for c in report.centres]
    if table == "bewertungen":
        return [(RATINGS.get(r, r), n) for r, n in report.thumbs]
    return list(report.not_understood)


def _cell(value: object) -> object:
    """As in advisor/export.py: a masked message must never run as a spreadsheet formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
